"""Export: approved stories out to the website and to people, in wire and plain formats.

`stories()` reads what to export in batches; each format module turns one `Story` into its
output. A merged story leaves once, as its canonical story carrying its pickups.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from newsdesk.store import Store
from newsdesk.store import export as sql

FORMATS: tuple[str, ...] = ("ninjs", "jsonl", "csv", "md")


@dataclass
class Story:
    """One exportable story: its row, its tags, the stories merged into it, its audit trail."""

    row: dict[str, Any]
    tags: list[tuple[str, str]] = field(default_factory=list)  # (tag, origin)
    pickups: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> int:
        return int(self.row["id"])

    @property
    def tag_names(self) -> list[str]:
        return sorted({t for t, _ in self.tags})

    @property
    def outlets(self) -> list[str]:
        """Every outlet that carried the story: its own first, then the pickups'."""
        names = [self.row.get("outlet")] + [p.get("outlet") for p in self.pickups]
        return list(dict.fromkeys(n for n in names if n))

    @property
    def original_ninjs(self) -> dict[str, Any] | None:
        doc = (self.row.get("extra") or {}).get("ninjs")
        return doc if isinstance(doc, dict) else None


def stories(
    store: Store, status: str | None = "approved", since: str | None = None
) -> Iterator[Story]:
    """Stories to export, oldest id first; `status=None` means every status but 'merged'."""
    for rows in sql.story_batches(store, status, since):
        ids = [r["id"] for r in rows]
        tags = sql.tags_of(store, ids)
        pickups = sql.pickups_of(store, ids)
        history = sql.history_of(store, ids)
        for row in rows:
            aid = row["id"]
            yield Story(row, tags[aid], pickups[aid], history[aid])


def writer_for(fmt: str) -> Callable[[Iterable[Story], IO[str]], int]:
    """The function writing `fmt`: it takes stories and a text stream, returns how many it wrote."""
    if fmt == "ninjs":
        from newsdesk.export.ninjs import write_ninjs

        return write_ninjs
    if fmt == "jsonl":
        from newsdesk.export.jsonl import write_jsonl

        return write_jsonl
    if fmt == "csv":
        from newsdesk.export.table import write_csv

        return write_csv
    if fmt == "md":
        from newsdesk.export.markdown import write_markdown

        return write_markdown
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


@contextmanager
def atomic_output(path: str | Path, newline: str | None = None) -> Iterator[IO[str]]:
    """A file that appears whole or not at all: a failed export never clobbers the last good one.

    The folder must exist (a missing one is a typo, and creating it would publish nowhere
    anyone looks: FileNotFoundError). The file gets the mode any new file gets under the
    umask (0644 under the usual 022), not the temporary file's 0600, so a web server running
    as another user can read the feed.
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, f"folder {target.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask (reading it means setting it: put it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def export(
    store: Store,
    fmt: str,
    out: IO[str],
    *,
    status: str | None = "approved",
    since: str | None = None,
) -> int:
    """Write the chosen stories to `out` in `fmt`; returns how many stories were written."""
    return writer_for(fmt)(stories(store, status, since), out)


__all__ = ["FORMATS", "Story", "atomic_output", "export", "stories", "writer_for"]
