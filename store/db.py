"""Opening the database: WAL, a busy timeout, migrations, explicit write transactions.

A `Store` wraps one sqlite3 connection, so it belongs to one thread: sqlite-utils objects
cannot cross threads. Code that works in a thread opens its own with `Store.open(path)`.
"""

from __future__ import annotations

import sqlite3
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from newsdesk.store import checkpoint
from newsdesk.store.schema import migrate

BUSY_TIMEOUT_MS = 15_000


class StoreError(RuntimeError):
    """A database problem worth one clear line to the user (locked, corrupt, too new)."""


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self.db = sqlite_utils.Database(conn)
        self._depth = 0
        self._release = None
        if path != ":memory:":
            checkpoint.acquire(path)
            # stops the background checkpoints with the last store of the file, closed or lost
            self._release = weakref.finalize(self, checkpoint.release, path)

    @classmethod
    def open(cls, path: str | Path) -> Store:
        path = str(path)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            # Autocommit mode: we issue BEGIN IMMEDIATE ourselves, so a writer takes the
            # write lock up front and waits on busy_timeout instead of failing mid-way.
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if path != ":memory:":
                _retry_locked(lambda: conn.execute("PRAGMA journal_mode = WAL"))
            conn.execute("PRAGMA synchronous = NORMAL")
            # checkpoints run in the background (store/checkpoint.py); this is the safety net
            conn.execute(f"PRAGMA wal_autocheckpoint = {checkpoint.SAFETY_NET_PAGES}")
            # FTS5 and the indexes touch many pages per insert; 2 MB (the default) thrashes
            conn.execute("PRAGMA cache_size = -32000")
            conn.execute("PRAGMA foreign_keys = ON")
            _retry_locked(lambda: migrate(conn))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open database: {exc}") from exc
        return cls(conn, path)

    def reopen(self) -> Store:
        """A new connection to the same file, for another thread."""
        return Store.open(self.path)

    def close(self) -> None:
        self.conn.close()
        if self._release is not None:
            self._release()

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One atomic write transaction; nested uses join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self.db
            finally:
                self._depth -= 1
            return
        _retry_locked(lambda: self.conn.execute("BEGIN IMMEDIATE"))
        self._depth = 1
        try:
            yield self.db
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        _retry_locked(lambda: self.conn.execute("COMMIT"))

    @contextmanager
    def read(self) -> Iterator[sqlite_utils.Database]:
        """A consistent snapshot for several queries (WAL readers never block writers)."""
        if self._depth:
            yield self.db
            return
        self.conn.execute("BEGIN")
        self._depth = 1
        try:
            yield self.db
        finally:
            self._depth = 0
            self.conn.execute("COMMIT")

    def data_version(self) -> int:
        """Changes when another connection commits: cheap polling for live refresh."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]


def _retry_locked(fn, attempts: int = 20):  # type: ignore[no-untyped-def]
    """busy_timeout covers most waits; this covers the few paths SQLite does not retry."""
    delay = 0.05
    for attempt in range(attempts):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if attempt == attempts - 1:
                raise StoreError(f"database stayed locked: {exc}") from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    return None
