"""The embedded engine: one SQLite file in WAL mode, the default desk.

Writers take the lock up front (`BEGIN IMMEDIATE`) and wait on the busy timeout rather than
fail mid-way; readers never block writers; checkpoints run off the commit path
(`store/checkpoint.py`).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlite_utils

from newsdesk.store import checkpoint
from newsdesk.store.engine import Engine
from newsdesk.store.errors import NoDatabase, StoreError

BUSY_TIMEOUT_MS = 15_000


class SqliteDatabase(sqlite_utils.Database):
    """sqlite-utils' handle, knowing its engine so shared store code can ask for fragments."""

    engine: Engine


# SQLite's primary result codes (https://sqlite.org/rescode.html) and what a person can do.
_TROUBLE = {
    5: (
        "is locked by another process (busy for longer than the busy timeout)",
        1,
        "try again when the other job is done",
    ),
    6: ("is locked by another connection of this process", 1, "try again"),
    8: ("is read-only", 2, "check the permissions of the file and its folder"),
    10: (
        "could not be read or written",
        1,
        "check that the disk is not full or failing, then retry",
    ),
    11: ("is damaged", 2, "run `newsdesk check`; restore the latest backup"),
    13: (
        "could not be written: the disk is full",
        1,
        "free some space and retry (what was not committed was rolled back whole)",
    ),
    14: ("cannot be opened", 2, "check the path and the permissions of its folder"),
    26: (
        "is not a newsdesk (SQLite) database, or is damaged",
        2,
        "check the path; `newsdesk check` tells which",
    ),
}
_TROUBLE_WORDS = (
    ("disk is full", 13),
    ("readonly", 8),
    ("read-only", 8),
    ("malformed", 11),
    ("not a database", 26),
    ("disk i/o error", 10),
    ("unable to open", 14),
    ("locked", 5),
    ("busy", 5),
)


def trouble(exc: sqlite3.Error, path: str | Path) -> StoreError:
    """An SQLite error that reached the top, as one line saying what to do, with its exit code."""
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    primary = code & 0xFF if isinstance(code, int) else None
    if primary not in _TROUBLE:
        text = str(exc).lower()
        primary = next((c for words, c in _TROUBLE_WORDS if words in text), None)
    if primary not in _TROUBLE:
        return StoreError(f"{path}: database error: {exc}", 2)
    what, exit_code, todo = _TROUBLE[primary]
    return StoreError(f"{path} {what} ({exc}): {todo}", exit_code)


def retry_locked(fn, attempts: int = 20):  # type: ignore[no-untyped-def]
    """busy_timeout covers most waits; this covers the few paths SQLite does not retry."""
    delay = 0.05
    for attempt in range(attempts):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if attempt == attempts - 1:
                raise StoreError(f"database stayed locked: {exc}", 1) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    return None


class SqliteEngine(Engine):
    name = "sqlite"
    errors = (sqlite3.Error,)

    def connect(self, target: str, create: bool) -> sqlite3.Connection:
        from newsdesk.store.schema import migrate

        if target != ":memory:":
            if not create and not Path(target).exists():
                raise NoDatabase(target)
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        try:
            # Autocommit mode: we issue BEGIN IMMEDIATE ourselves, so a writer takes the
            # write lock up front and waits on busy_timeout instead of failing mid-way.
            conn = sqlite3.connect(target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if target != ":memory:":
                retry_locked(lambda: conn.execute("PRAGMA journal_mode = WAL"))
            conn.execute("PRAGMA synchronous = NORMAL")
            # checkpoints run in the background (store/checkpoint.py); this is the safety net
            conn.execute(f"PRAGMA wal_autocheckpoint = {checkpoint.SAFETY_NET_PAGES}")
            # FTS5 and the indexes touch many pages per insert; 2 MB (the default) thrashes
            conn.execute("PRAGMA cache_size = -32000")
            conn.execute("PRAGMA foreign_keys = ON")
            retry_locked(lambda: migrate(conn, self))
        except sqlite3.DatabaseError as exc:
            raise trouble(exc, target) from exc
        return conn

    def reader(self, target: str) -> SqliteDatabase:
        uri = f"file:{quote(os.path.abspath(target))}?mode=ro"  # '?', '#', '%' in names
        return self.database(sqlite3.connect(uri, uri=True))

    def database(self, conn: sqlite3.Connection) -> SqliteDatabase:
        db = SqliteDatabase(conn)
        db.engine = self
        return db

    def begin_write(self, conn: sqlite3.Connection) -> None:
        retry_locked(lambda: conn.execute("BEGIN IMMEDIATE"))

    def begin_read(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN")

    def commit(self, conn: sqlite3.Connection, wrote: bool) -> None:
        retry_locked(lambda: conn.execute("COMMIT"))

    def rollback(self, conn: sqlite3.Connection) -> None:
        # SQLite itself already rolled back on some errors (a full disk), and a ROLLBACK
        # then would hide the real error behind "no transaction"
        if conn.in_transaction:
            conn.execute("ROLLBACK")

    def data_version(self, conn: sqlite3.Connection) -> int:
        return conn.execute("PRAGMA data_version").fetchone()[0]

    def trouble(self, exc: BaseException, target: str) -> StoreError:
        assert isinstance(exc, sqlite3.Error)
        return trouble(exc, target)

    # -- migrations ------------------------------------------------------------------------
    def applied_migrations(self, conn: sqlite3.Connection) -> set[str]:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
        )
        return {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}

    def begin_migration(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")

    def after_migration(self, conn: sqlite3.Connection, count: int) -> None:
        # mirrors the number applied so plain SQLite tools can see it
        conn.execute(f"PRAGMA user_version = {count}")

    # -- SQL that differs ------------------------------------------------------------------
    def search_clause(self, alias: str = "a") -> str:
        return f"{alias}.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"

    def search_param(self, text: str) -> str:
        """Editors type words, not FTS5 syntax: quote each word so `-`, `:` or `"` never error;
        the last word is a prefix, so results come as they type."""
        words = [w.replace('"', '""') for w in text.split()]
        return " ".join(f'"{w}"*' if i == len(words) - 1 else f'"{w}"' for i, w in enumerate(words))

    def json_ints(self, column: str, alias: str) -> tuple[str, str]:
        return f"json_each({column}) {alias}", f"{alias}.value"

    def agg_distinct(self, expr: str) -> str:
        return f"group_concat(DISTINCT {expr})"

    def tables(self, conn: Any) -> set[str]:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}

    # -- copying a whole desk (`newsdesk copy`) --------------------------------------------
    def after_copy(self, conn: sqlite3.Connection) -> None:
        """Nothing: INTEGER PRIMARY KEY continues from max(id), and the insert trigger
        already filled the FTS5 index."""
