"""The seam between the store and a database engine: one `Engine` per engine, chosen by `--db`.

A path (or `:memory:`) is an embedded SQLite file, the default; a `postgresql://` URL is a
PostgreSQL database shared by several machines. Store modules write their SQL once, with
`?` placeholders and what both engines accept (`ON CONFLICT`, `RETURNING`, window
functions); an engine supplies only what differs: connecting, transactions, the change
counter, full-text search, JSON arrays, string aggregation, migrations, error wording.
Harlequin's adapters (`harlequin/adapter.py`) are the model: a small interface, one class
per engine, the shared part written once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(target: object) -> bool:
    """Whether `--db` names a server database rather than a file."""
    return isinstance(target, str) and target.startswith(URL_SCHEMES)


def redact(target: str) -> str:
    """The target as it may be printed: a URL's password never reaches a terminal or log."""
    if not is_url(target):
        return target
    parts = urlsplit(target)
    if parts.password is None:
        return target
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ""
    return urlunsplit(parts._replace(netloc=user + host))


class Cursor(Protocol):
    description: Any
    rowcount: int

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Any: ...


class Connection(Protocol):
    """What store code calls on a connection: sqlite3's own shape."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...
    def executemany(self, sql: str, seq_of_parameters: Any, /) -> Any: ...


class Database(Protocol):
    """The `db` store functions take: sqlite-utils' handle, or `PgConnection` itself."""

    engine: Engine

    @property
    def conn(self) -> Any: ...
    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...


class Engine:
    """What differs between engines. Subclasses fill every method; SQL fragments are text."""

    name = ""
    #: exceptions of the engine's driver, caught at the top and said in one line
    errors: tuple[type[BaseException], ...] = ()

    # -- connections and transactions ------------------------------------------------------
    def connect(self, target: str, create: bool) -> Any:
        raise NotImplementedError

    def reader(self, target: str) -> Any:
        """A read-only `db` on its own connection, for a worker process (no migrations)."""
        raise NotImplementedError

    def database(self, conn: Any) -> Any:
        """The handle store functions take as `db`: `.execute`, `.conn`, `.engine`."""
        raise NotImplementedError

    def begin_write(self, conn: Any) -> None:
        raise NotImplementedError

    def begin_read(self, conn: Any) -> None:
        raise NotImplementedError

    def commit(self, conn: Any, wrote: bool) -> None:
        conn.execute("COMMIT")

    def rollback(self, conn: Any) -> None:
        raise NotImplementedError

    def data_version(self, conn: Any) -> int:
        """Changes when another connection commits: cheap polling for the desk's live refresh."""
        raise NotImplementedError

    def close(self, conn: Any) -> None:
        conn.close()

    def pipeline(self, conn: Any) -> AbstractContextManager[Any]:
        """Statements sent without waiting for each answer; results read after the block.

        A server engine saves a round trip per statement; an embedded one has none to save.
        """
        return nullcontext()

    def trouble(self, exc: BaseException, target: str) -> Any:
        """A driver error that reached the top, as a `StoreError` saying what to do."""
        raise NotImplementedError

    # -- SQL that differs ------------------------------------------------------------------
    def search_clause(self, alias: str = "a") -> str:
        """A WHERE clause, one `?`, true for stories matching `search_param(text)`."""
        raise NotImplementedError

    def search_param(self, text: str) -> str:
        raise NotImplementedError

    def in_list(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """(`column` is one of `values`, its parameters): a list of marks, or one array."""
        return f"{column} IN ({', '.join('?' * len(values))})", list(values)

    def add_counts(
        self, conn: Any, table: str, key: str, count: str, rows: Sequence[tuple[Any, int]]
    ) -> None:
        """Add each row's count to its key's, inserting keys not there yet (keys unique)."""
        conn.executemany(
            f"INSERT INTO {table} ({key}, {count}) VALUES (?, ?) ON CONFLICT({key})"
            f" DO UPDATE SET {count} = {table}.{count} + excluded.{count}",
            rows,
        )

    def json_ints(self, column: str, alias: str) -> tuple[str, str]:
        """(FROM item, value expression) for the integers of a JSON array column."""
        raise NotImplementedError

    def agg_distinct(self, expr: str) -> str:
        """The distinct values of `expr` in a group, joined with commas."""
        raise NotImplementedError

    def tables(self, conn: Any) -> set[str]:
        raise NotImplementedError

    # -- copying a whole desk (`newsdesk copy`) --------------------------------------------
    def batches(self, conn: Any, sql: str, size: int) -> Iterator[list[Any]]:
        """The rows of `sql` in lists of `size`, without holding the whole result in memory."""
        cursor = conn.execute(sql)
        while rows := cursor.fetchmany(size):
            yield rows

    def after_copy(self, conn: Any) -> None:
        """What the target needs once every row is in, inside the copy's write transaction."""


def engine_for(target: str) -> Engine:
    if is_url(target):
        from newsdesk.store.postgres_engine import PostgresEngine

        return PostgresEngine()
    from newsdesk.store.sqlite_engine import SqliteEngine

    return SqliteEngine()
