"""Keeping the desk's database safe: consistent backups while editors work, health checks.

The CLI and any scheduler call these; the SQL lives in `store.maintenance`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.store import maintenance as sql
from newsdesk.store.engine import redact
from newsdesk.store.maintenance import Problem

# What to do about each kind of problem, shown once under the list.
ADVICE = {
    "integrity": "restore the latest backup (`newsdesk backup` makes one); do not keep writing",
    "foreign_key": "a row points at a story that is gone; restore a backup or report a bug",
    "orphan": "rows name stories that are gone; restore a backup or report a bug",
    "merge": "fix with `newsdesk unmerge ID` on the stories named",
    "fts": "rebuild the search index with `newsdesk check --rebuild-index`",
    "sequence": "copy the desk again with `newsdesk copy`, or setval() the counter past the ids",
    "schema": "upgrade newsdesk to the version that wrote this file; this one will not open it",
}


@dataclass
class BackupReport:
    source: str
    dest: str
    pages: int
    bytes: int

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "backup": self.dest,
            "pages": self.pages,
            "bytes": self.bytes,
        }


@dataclass
class CheckReport:
    path: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def advice(self) -> list[str]:
        return [ADVICE[k] for k in dict.fromkeys(p.kind for p in self.problems) if k in ADVICE]

    def to_json(self) -> dict[str, Any]:
        return {
            "database": self.path,
            "ok": self.ok,
            "problems": [{"kind": p.kind, "message": p.message} for p in self.problems],
            "advice": self.advice(),
        }


def backup(db_path: str | Path, dest: str | Path) -> BackupReport:
    """A consistent copy of the live database at `dest` (StoreError with one line on failure)."""
    pages = sql.backup(db_path, dest)
    return BackupReport(redact(str(db_path)), str(dest), pages, Path(dest).stat().st_size)


def check(db_path: str | Path, deep: bool | None = None) -> CheckReport:
    """`deep=None` compares the search index with the text only on databases small enough
    not to hold editors up while it runs (see store.maintenance.DEEP_FTS_MAX_STORIES)."""
    return CheckReport(redact(str(db_path)), sql.check(db_path, deep))


def rebuild_index(db_path: str | Path) -> None:
    sql.rebuild_fts(db_path)
