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
    """A database problem worth one clear line to the user (locked, corrupt, too new).

    `exit_code` follows the CLI's convention: 2 when the file cannot be used as it is
    (damaged, read-only, too new, missing), 1 when this action failed and a retry may
    succeed (disk full, locked).
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class NoDatabase(StoreError):
    """A command that only reads or edits stories was pointed at a file that is not there."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(f"no database at {path} (ingest creates one)", 2)


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
    def open(cls, path: str | Path, create: bool = True) -> Store:
        """Open (with `create`, create) the database at `path`, migrated to this version.

        Without `create` a missing file is `NoDatabase`: a command that reads or edits
        stories must not leave an empty database behind a typo in `--db`.
        """
        path = str(path)
        if path != ":memory:":
            if not create and not Path(path).exists():
                raise NoDatabase(path)
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
            raise trouble(exc, path) from exc
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
            self._rollback()
            raise
        self._depth = 0
        try:
            _retry_locked(lambda: self.conn.execute("COMMIT"))
        except BaseException:
            self._rollback()  # a COMMIT that failed (disk full) leaves the transaction open
            raise

    def _rollback(self) -> None:
        """Roll back what is left: SQLite itself already rolled back on some errors (a full
        disk), and a ROLLBACK then would hide the real error behind "no transaction"."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

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
                raise StoreError(f"database stayed locked: {exc}", 1) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    return None
