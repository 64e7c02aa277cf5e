"""Opening the database: the engine `--db` names, migrations, explicit write transactions.

A path is an embedded SQLite file (WAL, a busy timeout); a `postgresql://` URL is a server
database (`store/postgres_engine.py`). A `Store` wraps one connection, so it belongs to one
thread: code that works in a thread opens its own with `store.reopen()`.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsdesk.store import checkpoint
from newsdesk.store.engine import Engine, engine_for, redact
from newsdesk.store.errors import NoDatabase, StoreError
from newsdesk.store.sqlite_engine import BUSY_TIMEOUT_MS
from newsdesk.store.sqlite_engine import trouble as sqlite_trouble

__all__ = ["BUSY_TIMEOUT_MS", "NoDatabase", "Store", "StoreError", "trouble", "utcnow"]


def database_errors() -> tuple[type[BaseException], ...]:
    """Every driver's error class, for the places that catch what reached the top."""
    import sqlite3

    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    try:
        import psycopg
    except ImportError:
        return errors
    return (*errors, psycopg.Error)


def trouble(exc: BaseException, target: str | Path) -> StoreError:
    """A driver error that reached the top, as one line saying what to do, with its exit code."""
    import sqlite3

    if isinstance(exc, sqlite3.Error):
        return sqlite_trouble(exc, target)
    return engine_for(str(target)).trouble(exc, redact(str(target)))


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """One connection to a desk, with its engine: what every store function is handed."""

    def __init__(self, conn: Any, path: str, engine: Engine | None = None) -> None:
        self.engine = engine or engine_for(path)
        self.conn = conn
        self.path = path
        self.db = self.engine.database(conn)
        self._depth = 0
        self._release = None
        if self.engine.name == "sqlite" and path != ":memory:":
            checkpoint.acquire(path)
            # stops the background checkpoints with the last store of the file, closed or lost
            self._release = weakref.finalize(self, checkpoint.release, path)

    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> Store:
        """Open (with `create`, create) the desk at `path`, migrated to this version.

        Without `create` a missing desk is `NoDatabase`: a command that reads or edits
        stories must not leave an empty database behind a typo in `--db`.
        """
        target = str(path)
        engine = engine_for(target)
        return cls(engine.connect(target, create), target, engine)

    @property
    def label(self) -> str:
        """The path or URL as it may be printed (never a password)."""
        return redact(self.path)

    def reopen(self) -> Store:
        """A new connection to the same desk, for another thread."""
        return Store.open(self.path)

    def close(self) -> None:
        self.engine.close(self.conn)
        if self._release is not None:
            self._release()

    @contextmanager
    def write(self) -> Iterator[Any]:
        """One atomic write transaction; nested uses join the outer one.

        The writer takes the engine's write lock up front: one writer at a time on both
        engines, so a check followed by a write (versions, duplicates) sees every commit
        before it.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.db
            finally:
                self._depth -= 1
            return
        self.engine.begin_write(self.conn)
        self._depth = 1
        try:
            yield self.db
        except BaseException:
            self._depth = 0
            self.engine.rollback(self.conn)
            raise
        self._depth = 0
        try:
            self.engine.commit(self.conn, True)
        except BaseException:
            self.engine.rollback(self.conn)  # a COMMIT that failed leaves the transaction open
            raise

    @contextmanager
    def read(self) -> Iterator[Any]:
        """A consistent snapshot for several queries (readers never block writers)."""
        if self._depth:
            yield self.db
            return
        self.engine.begin_read(self.conn)
        self._depth = 1
        try:
            yield self.db
        finally:
            self._depth = 0
            self.engine.commit(self.conn, False)

    def data_version(self) -> int:
        """Changes when another connection commits: cheap polling for live refresh."""
        return self.engine.data_version(self.conn)
