"""Ingest: read inputs, clean them, store them once, then run rules and dedup on what is new.

Inputs are read lazily and stored in batches, one transaction each, so a 100k-line JSONL
never sits in memory whole and a crash loses at most the batch in hand (never half a batch).
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsdesk.ingest.clean import clean_article, split_headline
from newsdesk.ingest.dateline import find_date, find_outlet
from newsdesk.ingest.lang import guess_language
from newsdesk.ingest.readers import KNOWN_SUFFIXES, BadInput, Item, read_bytes, read_path
from newsdesk.model import Draft
from newsdesk.store import Store
from newsdesk.store import articles as q
from newsdesk.store.boilerplate import learned_lines

BATCH = 500
# outlet -> lines that recur in its articles and carry no news (newsdesk learn-boilerplate)
Learned = Mapping[str, frozenset[str]]
# Inputs are cleaned in worker processes once there are more than a chunk of them.
PARALLEL_CHUNK = 250
PARALLEL_WORKERS = 2
# Far longer than any real article (a long feature is ~100k characters); a bigger "article"
# is a log file or a dump, and cleaning it would stall the run for nothing.
MAX_ARTICLE_CHARS = 2_000_000


@dataclass
class IngestReport:
    stored: list[int] = field(default_factory=list)
    existing: list[tuple[str, int, str]] = field(default_factory=list)  # source, id, why
    errors: list[BadInput] = field(default_factory=list)
    rules: Any = None  # the rules run report on the new stories, if rules ran
    links: int = 0  # duplicate/related links found for the new stories
    skipped: list[str] = field(default_factory=list)  # files in folders of no known type

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        return {
            "stored": len(self.stored),
            "ids": self.stored,
            "already_stored": [{"source": s, "id": i, "reason": r} for s, i, r in self.existing],
            "errors": [{"source": e.source, "reason": e.reason} for e in self.errors],
            "links": self.links,
            "skipped": self.skipped,
        }


def expand(
    paths: Iterable[str | Path], skipped: list[str] | None = None
) -> Iterator[Path | BadInput]:
    """Files under the given paths, directories recursively, in a stable order.

    In a folder, files of no known type (images, PDFs, web pages) are left alone and
    listed in `skipped`; a file named explicitly is always tried.
    """
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_file() or _hidden(child, path):
                    continue
                if child.suffix.lower() in KNOWN_SUFFIXES:
                    yield child
                elif skipped is not None:
                    skipped.append(str(child))
        elif path.is_file():
            yield path
        elif not path.exists():
            yield BadInput(str(path), "no such file or directory")
        else:
            yield BadInput(str(path), "not a regular file")


def _hidden(child: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in child.relative_to(root).parts)


def read_all(
    paths: Iterable[str | Path], stdin: bytes | None = None, skipped: list[str] | None = None
) -> Iterator[Item]:
    if stdin is not None:
        yield from _guarded(read_bytes(stdin, "<stdin>"), "<stdin>")
    for item in expand(paths, skipped):
        if isinstance(item, BadInput):
            yield item
        else:
            yield from _guarded(read_path(item), str(item))


def _guarded(items: Iterator[Item], source: str) -> Iterator[Item]:
    """A reader (or a library under it) that breaks costs one input, never the run."""
    try:
        yield from items
    except Exception as exc:
        yield BadInput(source, f"could not read: {type(exc).__name__}: {exc}")


def prepare(draft: Draft, learned: Learned | None = None) -> dict[str, Any]:
    """A Draft as an articles row: cleaned, with outlet, date and language filled in."""
    title, body = draft.title, draft.body
    if draft.format == "text":
        title, body = split_headline(body)
    provenance = dict(draft.provenance)
    outlet = draft.outlet
    if not outlet:
        outlet, where = find_outlet(body, draft.url)
        if outlet:
            provenance["outlet"] = where or "text"
    published = _iso_date(draft.published) if draft.published else None
    if draft.published and not published:
        provenance.pop("published", None)
    if not published:
        published, where = find_date(f"{title or ''}\n{body}")
        if published:
            provenance["published"] = where or "text"
    lines = learned.get(outlet, frozenset()) if learned and outlet else frozenset()
    cleaned = clean_article(title, body, learned=lines)
    if cleaned.title_derived:
        provenance["title"] = "derived"
    lang = (draft.lang or "").split("-")[0].lower() or None
    if lang:
        provenance.setdefault("lang", "metadata")
    else:
        lang = guess_language(cleaned.body)
        if lang:
            provenance["lang"] = "guessed"
    extra = dict(draft.extra)
    if draft.published and draft.published != published:
        extra.setdefault("published_raw", draft.published)
    return {
        "title": cleaned.title,
        "body": cleaned.body,
        "raw": draft.raw,
        "encoding": draft.encoding,
        "source": draft.source,
        "format": draft.format,
        "outlet": outlet,
        "url": _clean_url(draft.url),
        "published": published,
        "lang": lang,
        "content_hash": content_hash(cleaned.title, cleaned.body),
        "extra": extra,
        "provenance": provenance,
    }


_WORDS = re.compile(r"\w+")


def content_hash(title: str, body: str) -> str:
    """Same words in the same order = same content, whatever the spacing, case or punctuation."""
    words = _WORDS.findall(f"{title}\n{body}".casefold())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def _clean_url(url: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return url or None
    # the fragment never changes the article; dropping it makes re-scrapes match
    return url.split("#", 1)[0]


def _iso_date(value: str) -> str | None:
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    found, _ = find_date(value)
    return found


def _prepare_one(item: Item, learned: Learned | None) -> dict[str, Any] | BadInput:
    if isinstance(item, BadInput):
        return item
    size = len(item.body) + len(item.title or "")
    if size > MAX_ARTICLE_CHARS:
        return BadInput(
            item.source,
            f"too long for one article ({size:,} characters; limit "
            f"{MAX_ARTICLE_CHARS:,}): split it or give it as JSON Lines",
        )
    try:
        row = prepare(item, learned)
    except Exception as exc:  # a cleaner bug must cost one input, not the run
        return BadInput(item.source, f"could not clean: {exc!r}")
    if not row["title"] and not row["body"]:
        return BadInput(item.source, "no article text after cleaning")
    return row


def _exit_with_parent(parent: int) -> None:
    """In a worker: leave when the ingest that started us is gone (killed, crashed).

    Otherwise a killed ingest leaves its workers and their forkserver behind for good: the
    workers hold open the very pipes whose closing would tell them to stop.
    """
    import threading
    import time

    def watch() -> None:
        while True:
            time.sleep(0.5)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:
                pass  # the pid exists (reused by another user's process is harmless to wait on)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _prepare_chunk(chunk: list[Item], learned: Learned | None) -> list[dict[str, Any] | BadInput]:
    return [_prepare_one(item, learned) for item in chunk]


def prepared(items: Iterable[Item], learned: Learned | None) -> Iterator[dict[str, Any] | BadInput]:
    """Cleaned rows in input order; large inputs are cleaned in worker processes.

    Cleaning costs about as much as storing, so on a multi-core machine the main
    process reads and stores while workers clean the chunks ahead of it.
    """
    it = iter(items)
    first = list(itertools.islice(it, PARALLEL_CHUNK))
    workers = min(PARALLEL_WORKERS, os.cpu_count() or 1)
    if len(first) < PARALLEL_CHUNK or workers < 2:
        yield from (_prepare_one(item, learned) for item in first)
        yield from (_prepare_one(item, learned) for item in it)
        return
    rest = iter(lambda: list(itertools.islice(it, PARALLEL_CHUNK)), [])
    # forkserver: safe even when the caller has threads (the TUI, the watcher)
    ctx = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "forkserver")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=ctx,
        initializer=_exit_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        pending: deque[Future[list[dict[str, Any] | BadInput]]] = deque()
        for chunk in itertools.chain([first], rest):
            pending.append(pool.submit(_prepare_chunk, chunk, learned))
            if len(pending) > workers * 2:  # bounded lookahead: memory stays flat
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def ingest_paths(
    store: Store,
    paths: list[str | Path],
    *,
    rules: Any = None,
    dedup: bool = True,
    stdin: bytes | None = None,
    on_progress: Callable[[int], None] | None = None,
    learned: Learned | None = None,
) -> IngestReport:
    """Files, folders and stdin through cleaning, storing, rules and dedup."""
    skipped: list[str] = []
    report = ingest_items(
        store,
        read_all(paths, stdin, skipped),
        rules=rules,
        dedup=dedup,
        on_progress=on_progress,
        learned=learned,
    )
    report.skipped = skipped
    return report


def ingest_items(
    store: Store,
    items: Iterable[Item],
    *,
    rules: Any = None,
    dedup: bool = True,
    on_progress: Callable[[int], None] | None = None,
    learned: Learned | None = None,
) -> IngestReport:
    """Drafts (and BadInputs) from any reader: files, feeds, the drop folder.

    `learned` is each outlet's recurring boilerplate (default: as last learned in the store).
    """
    if learned is None:
        learned = learned_lines(store)
    report = IngestReport()
    batch: list[dict[str, Any]] = []
    seen = 0

    def flush() -> None:
        result = q.insert_articles(store, batch)
        report.stored.extend(result.ids)
        report.existing.extend(result.existing)
        batch.clear()

    for item in prepared(items, learned):
        seen += 1
        if isinstance(item, BadInput):
            report.errors.append(item)
            continue
        batch.append(item)
        if len(batch) >= BATCH:
            flush()
            if on_progress:
                on_progress(seen)
    if batch:
        flush()
    if on_progress:
        on_progress(seen)
    # Stories an interrupted run stored but never got to run rules or dedup on come round
    # again as "already stored": both steps are idempotent, so they finish the job here.
    todo = list(dict.fromkeys([*report.stored, *(i for _, i, _ in report.existing)]))
    if todo:
        _after_ingest(store, report, rules, dedup, todo)
    return report


def _after_ingest(
    store: Store, report: IngestReport, rules: Any, dedup: bool, ids: list[int] | None = None
) -> None:
    """Rules then dedup on the new stories (or `ids`); each is its own atomic step."""
    ids = report.stored if ids is None else ids
    if rules is not None:
        from newsdesk.rules.apply import apply_rules

        report.rules = apply_rules(store, rules, article_ids=ids)
    if dedup:
        from newsdesk.dedup.service import check_new

        report.links = check_new(store, ids, rules)


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()
