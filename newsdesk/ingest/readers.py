"""Readers: turn one input (file, stdin) into Drafts, whatever its format.

A reader never raises on bad input: it yields `BadInput` with a plain reason, so one
broken file costs one line of output and everything beside it still goes in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.ingest.decode import DecodeError, decode_bytes
from newsdesk.model import Draft

# Large enough for any article file or feed we expect; larger inputs are refused, not loaded.
MAX_FILE_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES


@dataclass
class BadInput:
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


Item = Draft | BadInput

# JSON keys we map onto article fields; every other key is kept in `extra`.
_TITLE_KEYS = ("title", "headline", "judul")
_BODY_KEYS = ("body", "body_text", "content", "text", "isi", "description")
_URL_KEYS = ("url", "link", "uri")
_OUTLET_KEYS = ("outlet", "source", "publisher", "site")
_DATE_KEYS = ("published", "date", "pubDate", "versioncreated", "firstcreated", "tanggal")
_LANG_KEYS = ("lang", "language")


def read_path(path: Path) -> Iterator[Item]:
    source = str(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        # one record per line: streamed, so a JSON Lines file may be as large as it likes
        yield from _stream_jsonl(path)
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield BadInput(source, f"file too large ({size // 1_000_000} MB; limit 64 MB)")
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield BadInput(source, f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(raw, source, path.suffix.lower())


def read_bytes(raw: bytes, source: str, suffix: str = "") -> Iterator[Item]:
    if not raw.strip():
        yield BadInput(source, "empty file")
        return
    try:
        text, encoding = decode_bytes(raw)
    except DecodeError as exc:
        yield BadInput(source, str(exc))
        return
    kind = _sniff(text, suffix)
    if kind == "html":
        yield BadInput(
            source, "an HTML page, not an article (save the article text or feed instead)"
        )
    elif kind == "json":
        yield from _read_json(text, raw, source, encoding)
    elif kind == "jsonl":
        yield from _read_jsonl(text, source, encoding)
    elif kind == "feed":
        from newsdesk.ingest.feeds import read_feed

        yield from read_feed(raw, source)
    else:
        yield Draft(title=None, body=text, raw=raw, source=source, format="text", encoding=encoding)


_HTML = re.compile(r"^\s*(<!doctype html|<html\b)", re.IGNORECASE)
_FEED = re.compile(
    r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<(rss|feed|rdf:RDF)\b", re.S
)


def _sniff(text: str, suffix: str) -> str:
    head = text[:2048].lstrip("\ufeff")
    if _HTML.match(head):
        return "html"
    if suffix in FEED_SUFFIXES or _FEED.match(head):
        return "feed"
    stripped = head.lstrip()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES or stripped[:1] in ("{", "["):
        # a .json file with one object per line is JSON Lines in disguise
        first_line = stripped.split("\n", 1)[0].strip()
        if suffix not in JSON_SUFFIXES and first_line.startswith("{") and first_line.endswith("}"):
            return "jsonl"
        return "json"
    return "text"


def _read_json(text: str, raw: bytes, source: str, encoding: str) -> Iterator[Item]:
    try:
        data = json.loads(text)
        if _SURROGATE_ESCAPE.search(text):
            data = _no_lone_surrogates(data)
    except json.JSONDecodeError as exc:
        # JSON Lines saved as .json still deserves to be read
        if exc.msg == "Extra data":
            yield from _read_jsonl(text, source, encoding)
            return
        yield BadInput(source, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        return
    records = data if isinstance(data, list) else [data]
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        records = data["items"]
    multi = len(records) > 1 or isinstance(data, list)
    for n, record in enumerate(records, 1):
        where = f"{source}#{n}" if multi else source
        rec_raw = raw if not multi else json.dumps(record, ensure_ascii=False).encode()
        yield from _from_record(record, rec_raw, where, "json", encoding)


def _stream_jsonl(path: Path) -> Iterator[Item]:
    source = str(path)
    try:
        with path.open("rb") as fh:
            for n, raw_line in enumerate(fh, 1):
                if not raw_line.strip():
                    continue
                if len(raw_line) > MAX_FILE_BYTES:
                    yield BadInput(f"{source}:{n}", "line too long for one article (over 64 MB)")
                    continue
                try:
                    line = raw_line.decode("utf-8-sig" if n == 1 else "utf-8")
                    encoding = "utf-8"
                except UnicodeDecodeError:
                    try:
                        line, encoding = decode_bytes(raw_line)
                    except DecodeError as exc:
                        yield BadInput(f"{source}:{n}", str(exc))
                        continue
                yield from _jsonl_line(line.rstrip("\r\n"), f"{source}:{n}", encoding)
    except OSError as exc:
        yield BadInput(source, f"cannot read: {exc.strerror or exc}")


def _read_jsonl(text: str, source: str, encoding: str) -> Iterator[Item]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        yield from _jsonl_line(line, f"{source}:{n}", encoding)


def _jsonl_line(line: str, where: str, encoding: str) -> Iterator[Item]:
    if not line.strip():
        return
    try:
        record = json.loads(line)
        if _SURROGATE_ESCAPE.search(line):
            record = _no_lone_surrogates(record)
    except json.JSONDecodeError as exc:
        yield BadInput(where, f"invalid JSON at column {exc.colno}: {exc.msg}")
        return
    yield from _from_record(record, line.encode(), where, "jsonl", encoding)


_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _no_lone_surrogates(value: Any) -> Any:
    """JSON may spell half a character ("\\ud800"); no text can hold it, so it becomes U+FFFD.

    Left in, SQLite refuses to store the string and the whole batch is lost with it.
    """
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [_no_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_no_lone_surrogates(k): _no_lone_surrogates(v) for k, v in value.items()}
    return value


def _from_record(record: Any, raw: bytes, source: str, fmt: str, encoding: str) -> Iterator[Item]:
    if not isinstance(record, dict):
        yield BadInput(source, f"expected a JSON object, found {type(record).__name__}")
        return
    from newsdesk.ingest.ninjs import is_ninjs, ninjs_to_draft

    if is_ninjs(record):
        yield ninjs_to_draft(record, raw, source, encoding)
        return
    fields: dict[str, Any] = {}
    used: set[str] = set()
    for name, keys in (
        ("title", _TITLE_KEYS),
        ("body", _BODY_KEYS),
        ("url", _URL_KEYS),
        ("outlet", _OUTLET_KEYS),
        ("published", _DATE_KEYS),
        ("lang", _LANG_KEYS),
    ):
        for key in keys:
            value = record.get(key)
            if value is None or key in used:
                continue
            if not isinstance(value, str):
                if name in ("title", "body"):
                    yield BadInput(source, f"field '{key}' should be text, found {_jtype(value)}")
                    return
                continue  # a non-text url/date/outlet is kept in extra, not trusted
            fields[name] = value.strip()
            used.add(key)
            break
    if not fields.get("body") and not fields.get("title"):
        yield BadInput(
            source, "no article text: needs a 'body' (or 'text', 'content') or 'title' field"
        )
        return
    extra = {k: v for k, v in record.items() if k not in used}
    yield Draft(
        title=fields.get("title") or None,
        body=fields.get("body", ""),
        raw=raw,
        source=source,
        format=fmt,
        url=fields.get("url"),
        outlet=fields.get("outlet"),
        published=fields.get("published"),
        lang=fields.get("lang"),
        encoding=encoding,
        extra=extra,
        provenance={k: "metadata" for k in fields if k in ("url", "outlet", "published", "lang")},
    )


def _jtype(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)
