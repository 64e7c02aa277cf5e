"""Moving a desk to another database (SQLite file or PostgreSQL URL), whole and as it is.

Everything editors did comes along with its ids (the audit log names stories and its own
entries by id, so undo keeps working on the copy). The target must be empty: two desks are
never mixed. The source is read in one snapshot and the target written in one transaction,
so a copy that fails leaves the target empty. The SQL is in `store.copy`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsdesk.store import Store
from newsdesk.store import copy as sql
from newsdesk.store.engine import is_url, redact


class CopyRefused(Exception):
    """The copy would harm a desk (target not empty, target is the source): nothing written."""


@dataclass
class CopyReport:
    source: str
    target: str
    tables: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "tables": self.tables}


# (table, rows, seconds): called once per table when it is copied
TableDone = Callable[[str, int, float], None]


def _where(target: str) -> tuple[str, ...]:
    """What identifies a database, so two spellings of one are caught as the same."""
    if is_url(target):
        parts = urlsplit(target)
        return ("pg", parts.hostname or "localhost", str(parts.port or 5432), parts.path)
    return ("file", str(Path(target).expanduser().resolve()))


def copy_desk(source: str, target: str, on_table: TableDone | None = None) -> CopyReport:
    """Copy the desk at `source` into the empty desk at `target` (created if missing).

    Raises `CopyRefused` when the target holds rows or is the source, `StoreError` (e.g.
    `NoDatabase`: a missing source is never created) for database trouble.
    """
    if _where(source) == _where(target):
        raise CopyRefused(f"{redact(target)} is the desk being copied: give another target")
    report = CopyReport(redact(source), redact(target))
    started = time.monotonic()
    src = Store.open(source, create=False)
    try:
        dst = Store.open(target, create=True)
        try:

            def progress(table: str, rows: int, done: bool) -> None:
                nonlocal table_started
                if done:
                    if on_table is not None:
                        on_table(table, rows, time.monotonic() - table_started)
                    table_started = time.monotonic()

            # the target's write lock first: the emptiness check and the copy are one step
            with dst.write(), src.read():
                held = {t: n for t, n in sql.row_counts(dst).items() if n}
                if held:
                    raise CopyRefused(_not_empty(report.target, held))
                table_started = time.monotonic()
                report.tables = sql.copy_all(src, dst, progress=progress)
        finally:
            dst.close()
    finally:
        src.close()
    report.seconds = time.monotonic() - started
    return report


def _not_empty(target: str, held: dict[str, int]) -> str:
    if "articles" in held:
        what = f"{held['articles']:,} stories"
    else:
        what = ", ".join(f"{t}: {n:,} rows" for t, n in held.items())
    return (
        f"{target} already holds a desk ({what}); copy only into an empty database,"
        " never mixing two desks"
    )
