"""PostgreSQL as the shared desk of several machines, through psycopg 3.

The store's SQL is written once with sqlite3's `?` placeholders; `PgConnection` gives
psycopg sqlite3's shape (execute, executemany, in_transaction) and turns `?` into `%s`.
Writers take turns as on SQLite: a write transaction starts by locking the one row of
`newsdesk_state`, which also counts commits, so the desk's live refresh polls one number.
Readers never wait (MVCC); a read is one REPEATABLE READ snapshot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from newsdesk.store.engine import Engine, redact
from newsdesk.store.errors import NoDatabase, StoreError

try:
    import psycopg
    from psycopg import pq
    from psycopg.adapt import Dumper
except ImportError:  # the `postgres` extra is not installed
    psycopg = None  # type: ignore[assignment]

LOCK_TIMEOUT = "60s"  # a writer waits this long for the one before it (SQLite: busy timeout)
MIGRATION_LOCK = 0x6E657773  # advisory lock id: one migrating process at a time ("news")
INSTALL_HINT = "PostgreSQL needs the postgres extra: pip install 'newsdesk[postgres]'"


_ASCII_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")  # POSIX [:punct:] in the C locale


def _lexeme(word: str) -> str:
    """A typed word as a quoted tsquery lexeme: never operators, whatever it holds."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _connect_state(message: str) -> str:
    """The SQL state of a refused connection, which psycopg gives only as text."""
    text = message.lower()
    if "does not exist" in text and 'database "' in text:
        return "3D000"
    if "password authentication failed" in text or ("does not exist" in text and 'role "' in text):
        return "28000"
    if "no password supplied" in text or "pg_hba.conf" in text:
        return "28000"
    return ""


@lru_cache(maxsize=4096)
def translate(sql: str) -> str:
    """sqlite3's `?` placeholders as psycopg's `%s`; a literal `%` doubled."""
    out: list[str] = []
    quoted = False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
            out.append(ch)
        elif ch == "%":
            out.append("%%")
        elif ch == "?" and not quoted:
            out.append("%s")
        else:
            out.append(ch)
    return "".join(out)


if psycopg is not None:

    class _BoolAsInt(Dumper):
        """Python booleans stored as 0/1, as sqlite3 stores them (no boolean columns here)."""

        oid = psycopg.adapters.types["int2"].oid

        def dump(self, obj: Any) -> bytes:
            return b"1" if obj else b"0"


class PgConnection:
    """A psycopg connection in sqlite3's shape, for store code written once for both."""

    def __init__(self, raw: Any, engine: PostgresEngine) -> None:
        self.raw = raw
        self.engine = engine
        self.own_commits = 0  # write transactions of this connection, for `data_version`

    @property
    def conn(self) -> PgConnection:
        return self  # store code reaches the connection as `db.conn`, as with sqlite-utils

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        cursor = self.raw.cursor()
        cursor.execute(translate(sql), list(parameters))
        return cursor

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> Any:
        cursor = self.raw.cursor()
        cursor.executemany(translate(sql), seq_of_parameters)
        return cursor

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != pq.TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()


class PostgresEngine(Engine):
    name = "postgresql"

    def __init__(self) -> None:
        self.errors = (psycopg.Error,) if psycopg is not None else ()

    def open_raw(self, target: str, name: str = "newsdesk") -> PgConnection:
        """A connection in autocommit (we say BEGIN ourselves), not migrated: every way in."""
        if psycopg is None:
            raise StoreError(f"{redact(target)}: {INSTALL_HINT}", 2)
        try:
            raw = psycopg.connect(
                target, autocommit=True, connect_timeout=10, application_name=name
            )
        except psycopg.Error as exc:
            raise self.trouble(exc, redact(target)) from exc
        raw.adapters.register_dumper(bool, _BoolAsInt)
        return PgConnection(raw, self)

    def connect(self, target: str, create: bool) -> PgConnection:
        from newsdesk.store.schema import migrate

        conn = self.open_raw(target)
        raw = conn.raw
        try:
            conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
            if not create and self._missing(conn):
                raise NoDatabase(redact(target))
            migrate(conn, self)
        except psycopg.Error as exc:
            raw.close()
            raise self.trouble(exc, redact(target)) from exc
        except BaseException:
            raw.close()
            raise
        return conn

    def reader(self, target: str) -> PgConnection:
        return self.open_raw(target, "newsdesk-worker")

    @staticmethod
    def _missing(conn: PgConnection) -> bool:
        return conn.execute("SELECT to_regclass('articles')").fetchone()[0] is None

    def database(self, conn: PgConnection) -> PgConnection:
        return conn

    def begin_write(self, conn: PgConnection) -> None:
        conn.execute("BEGIN")
        # the row lock makes writers take turns; the count tells other desks to refresh
        conn.execute("UPDATE newsdesk_state SET changes = changes + 1 WHERE id = 1")

    def begin_read(self, conn: PgConnection) -> None:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def commit(self, conn: PgConnection, wrote: bool) -> None:
        conn.execute("COMMIT")
        if wrote:
            conn.own_commits += 1

    def rollback(self, conn: PgConnection) -> None:
        if conn.raw.closed or not conn.in_transaction:
            return
        conn.execute("ROLLBACK")

    def data_version(self, conn: PgConnection) -> int:
        """Commits by other connections (ours excluded, as SQLite's `data_version` does)."""
        changes = conn.execute("SELECT changes FROM newsdesk_state WHERE id = 1").fetchone()[0]
        return changes - conn.own_commits

    def close(self, conn: PgConnection) -> None:
        conn.close()

    def pipeline(self, conn: PgConnection) -> Any:
        return conn.raw.pipeline()

    def trouble(self, exc: BaseException, target: str) -> StoreError:
        target = redact(target)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        state = getattr(getattr(exc, "diag", None), "sqlstate", None) or _connect_state(first)
        if psycopg is not None and isinstance(exc, psycopg.OperationalError) and not state:
            return StoreError(
                f"{target}: cannot reach the PostgreSQL server ({first}): check that it is"
                " running and the URL, then retry",
                1,
            )
        if state in ("55P03", "40P01", "40001"):
            return StoreError(
                f"{target} is locked by another writer for too long ({first}): try again", 1
            )
        if state == "53100":
            return StoreError(f"{target}: the server's disk is full ({first}): ask its admin", 1)
        if state.startswith("08") or state.startswith("57"):
            return StoreError(f"{target}: the connection to the server broke ({first}): retry", 1)
        if state == "3D000":
            return StoreError(
                f"{target}: no such database on the server ({first}): ask its admin to create"
                " it (createdb), owned by the role in the URL",
                2,
            )
        if state.startswith("28"):
            return StoreError(f"{target}: the server refused the login ({first})", 2)
        if state == "42501" or "unaccent" in first:
            return StoreError(
                f"{target}: permission denied ({first}): the role needs to own the database;"
                " search needs the unaccent extension (a superuser runs CREATE EXTENSION"
                " unaccent in that database once)",
                2,
            )
        return StoreError(f"{target}: database error: {first}", 2)

    # -- migrations ------------------------------------------------------------------------
    def applied_migrations(self, conn: PgConnection) -> set[str]:
        if conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None:
            return set()
        return {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}

    def begin_migration(self, conn: PgConnection) -> None:
        conn.execute("BEGIN")
        conn.execute("SELECT pg_advisory_xact_lock(?)", [MIGRATION_LOCK])
        conn.execute(
            'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT COLLATE "C" PRIMARY KEY,'
            " applied_at TEXT)"
        )

    def after_migration(self, conn: PgConnection, count: int) -> None:
        """Nothing: `schema_migrations` is the version on PostgreSQL."""

    # -- SQL that differs ------------------------------------------------------------------
    def search_clause(self, alias: str = "a") -> str:
        from newsdesk.store.migrations.m001_core import search_document

        document = search_document(f"{alias}.")
        return f"to_tsvector('newsdesk', {document}) @@ to_tsquery('newsdesk', ?)"

    def search_param(self, text: str) -> str:
        """Every word required, the last one a prefix, as on SQLite. A word with punctuation
        ("news.detik.com") is the phrase of its parts, split as the index splits them."""
        words = [_ASCII_PUNCTUATION.sub(" ", w).split() for w in text.split()]
        words = [parts for parts in words if parts]
        if not words:
            return ""  # nothing searchable: an empty query, which matches no story
        lexemes = [[_lexeme(p) for p in parts] for parts in words]
        lexemes[-1][-1] += ":*"
        return " & ".join(
            f"({' <-> '.join(parts)})" if len(parts) > 1 else parts[0] for parts in lexemes
        )

    def in_list(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """One array parameter: one plan whatever the length, and no text of 500 marks."""
        return f"{column} = ANY(?)", [list(values)]

    def add_counts(
        self, conn: Any, table: str, key: str, count: str, rows: Sequence[tuple[Any, int]]
    ) -> None:
        """One statement over two arrays, not one upsert per word."""
        if not rows:
            return
        keys, counts = zip(*rows)
        conn.execute(
            f"INSERT INTO {table} ({key}, {count})"
            f" SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS bigint[])) ON CONFLICT({key})"
            f" DO UPDATE SET {count} = {table}.{count} + excluded.{count}",
            [list(keys), list(counts)],
        )

    def json_ints(self, column: str, alias: str) -> tuple[str, str]:
        return (
            f"jsonb_array_elements_text(CAST({column} AS jsonb)) AS {alias}(value)",
            f"CAST({alias}.value AS BIGINT)",
        )

    def agg_distinct(self, expr: str) -> str:
        return f"string_agg(DISTINCT {expr}, ',')"

    def tables(self, conn: Any) -> set[str]:
        return {
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        }

    # -- copying a whole desk (`newsdesk copy`) --------------------------------------------
    def batches(self, conn: PgConnection, sql: str, size: int) -> Iterator[list[Any]]:
        """A server-side cursor: psycopg's plain cursor would fetch the whole table at once.
        Needs the caller's transaction (a named cursor lives until it ends)."""
        cursor = conn.raw.cursor(name="newsdesk_copy")
        try:
            cursor.execute(translate(sql))
            while rows := cursor.fetchmany(size):
                yield rows
        finally:
            cursor.close()

    def after_copy(self, conn: PgConnection) -> None:
        """Identity counters past the copied ids, or the next story would collide with one
        (rows inserted with their own ids leave the sequence where it was)."""
        for table in ("articles", "audit"):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table}"
            )
