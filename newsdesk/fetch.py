"""Feeds: fetch RSS/Atom over HTTP with timeouts and conditional GET, ingest what is new.

Downloads run in a few threads (network waits overlap); parsing and storing stay on the
calling thread, which owns the database connection. One broken feed costs one line in the
report; the others go through. An unchanged feed costs one small request: the ETag and
Last-Modified of the last good fetch go back as If-None-Match / If-Modified-Since.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from newsdesk.ingest.pipeline import ingest_items
from newsdesk.ingest.readers import MAX_FILE_BYTES
from newsdesk.store import Store
from newsdesk.store import feeds as sql

USER_AGENT = "newsdesk-fetch/0.1 (+https://github.com/; feed reader)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
CHUNK = 64 * 1024


class FeedsFileError(ValueError):
    """The feeds list is unusable; the message names the file and the entry."""


@dataclass(frozen=True)
class Feed:
    url: str
    outlet: str | None = None


@dataclass
class Download:
    feed: Feed
    status: str  # ok | not-modified | failed
    body: bytes = b""
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    seconds: float = 0.0


@dataclass
class FeedResult:
    feed: Feed
    status: str  # ok | not-modified | failed
    http_status: int | None = None
    stored: list[int] = field(default_factory=list)
    already_stored: int = 0
    errors: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.feed.url,
            "outlet": self.feed.outlet,
            "status": self.status,
            "http_status": self.http_status,
            "stored": len(self.stored),
            "ids": self.stored,
            "already_stored": self.already_stored,
            "item_errors": self.errors,
            "error": self.error,
            "seconds": round(self.seconds, 3),
        }


# --- the feeds file ------------------------------------------------------------------------


def load_feeds(path: str | Path) -> list[Feed]:
    """`feeds:` (or a bare list) of `{url, outlet}`; http(s) URLs only, each once."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FeedsFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise FeedsFileError(f"{path}{where}: not valid YAML: {exc}") from exc
    entries = data.get("feeds") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise FeedsFileError(f"{path}: expected a list under 'feeds:' with url and outlet each")
    feeds: list[Feed] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        where = f"{path}: feed {n}"
        if isinstance(entry, str):
            entry = {"url": entry}
        if not isinstance(entry, dict):
            raise FeedsFileError(f"{where}: expected 'url: ...' and 'outlet: ...'")
        unknown = set(entry) - {"url", "outlet"}
        if unknown:
            raise FeedsFileError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        url = entry.get("url")
        if not isinstance(url, str) or not url.strip():
            raise FeedsFileError(f"{where}: missing 'url'")
        url = url.strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FeedsFileError(f"{where}: {url!r} is not an http(s) URL")
        if url in seen:
            raise FeedsFileError(f"{where}: {url} is listed twice")
        seen.add(url)
        outlet = entry.get("outlet")
        if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
            raise FeedsFileError(f"{where}: 'outlet' should be a name")
        feeds.append(Feed(url, outlet.strip() if outlet else None))
    return feeds


# --- HTTP ----------------------------------------------------------------------------------


def download(feed: Feed, etag: str | None, last_modified: str | None, timeout: float) -> Download:
    """One conditional GET, never raising: every failure is a Download with a plain reason.

    `timeout` bounds the whole request, not just each socket read, so a server trickling
    a byte a second cannot hold the run.
    """
    started = time.monotonic()
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(feed.url, headers=headers)
    result = Download(feed, "failed")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            result.http_status = response.status
            chunks, size = [], 0
            while True:
                if time.monotonic() - started > timeout:
                    raise TimeoutError
                chunk = response.read1(CHUNK)  # what has arrived: the deadline is checked often
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    result.error = f"feed larger than {MAX_FILE_BYTES // 1_000_000} MB; not read"
                    return result
                chunks.append(chunk)
            result.body = b"".join(chunks)
            result.etag = response.headers.get("ETag")
            result.last_modified = response.headers.get("Last-Modified")
            result.status = "ok"
    except urllib.error.HTTPError as exc:
        result.http_status = exc.code
        if exc.code == 304:
            result.status = "not-modified"
        else:
            result.error = f"HTTP {exc.code} {exc.reason}"
    except (TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(exc, TimeoutError) or isinstance(reason, TimeoutError):
            result.error = f"timed out after {timeout:g}s"
        else:
            result.error = f"cannot fetch: {reason}"
    except ValueError as exc:  # http.client's answer to a garbled status line or header
        result.error = f"bad HTTP response: {exc}"
    finally:
        result.seconds = time.monotonic() - started
    return result


# --- ingest --------------------------------------------------------------------------------


def fetch_all(
    store: Store,
    feeds: Sequence[Feed],
    *,
    rules: Any = None,
    dedup: bool = True,
    timeout: float = 20.0,
    jobs: int = 4,
    on_result: Callable[[FeedResult], None] | None = None,
) -> list[FeedResult]:
    from newsdesk.ingest.feeds import read_feed

    states = {f.url: sql.get_state(store, f.url) for f in feeds}
    results: list[FeedResult] = []
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(feeds)))) as pool:
        futures = [
            pool.submit(download, f, states[f.url].etag, states[f.url].last_modified, timeout)
            for f in feeds
        ]
        for future in futures:  # in the file's order, each as soon as it is in
            got = future.result()
            result = FeedResult(got.feed, got.status, got.http_status, seconds=got.seconds)
            if got.status == "failed":
                result.error = got.error
            elif got.status == "ok":
                report = ingest_items(
                    store,
                    read_feed(got.body, got.feed.url, got.feed.outlet),
                    rules=rules,
                    dedup=dedup,
                )
                result.stored = list(report.stored)
                result.already_stored = len(report.existing)
                result.errors = [f"{e.source}: {e.reason}" for e in report.errors]
                empty = [e.reason for e in report.errors] == ["feed has no entries"]
                if empty:
                    result.errors = []  # a quiet feed is not a broken one
                elif result.errors and not (report.stored or report.existing):
                    # nothing usable: a broken feed, and next time it is fetched whole again
                    result.status = "failed"
                    result.error = report.errors[0].reason
                    result.errors = result.errors[1:]
            sql.record_fetch(
                store,
                got.feed.url,
                got.feed.outlet,
                result.status,
                etag=got.etag,
                last_modified=got.last_modified,
                error=result.error,
                stored=len(result.stored),
            )
            results.append(result)
            if on_result:
                on_result(result)
    return results
