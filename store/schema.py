"""Schema migrations: discovered from `store/migrations/`, applied once each, by name.

`PRAGMA user_version` mirrors the number applied so plain SQLite tools can see it.
Plain table and column names so the file reads well in the sqlite3 shell or Datasette.
"""

from __future__ import annotations

import importlib
import pkgutil
import sqlite3

from newsdesk.store import migrations


class SchemaTooNew(RuntimeError):
    """The file has migrations this newsdesk does not know: refusing protects the data."""


def known_migrations() -> list[tuple[str, list[str]]]:
    names = sorted(
        m.name for m in pkgutil.iter_modules(migrations.__path__) if m.name.startswith("m")
    )
    return [
        (name, importlib.import_module(f"newsdesk.store.migrations.{name}").STATEMENTS)
        for name in names
    ]


def _applied(conn: sqlite3.Connection) -> set[str]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
    )
    return {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every pending migration, each in its own transaction; returns how many are applied."""
    known = known_migrations()
    names = {name for name, _ in known}
    applied = _applied(conn)
    unknown = applied - names
    if unknown:
        raise SchemaTooNew(
            f"database has migrations this newsdesk does not know ({', '.join(sorted(unknown))});"
            " upgrade newsdesk"
        )
    for name, statements in known:
        if name in applied:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have applied it while we waited for the lock.
            if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", [name]).fetchone():
                conn.execute("ROLLBACK")
                continue
            for statement in statements:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations VALUES (?, datetime('now'))", [name])
            count = conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
            conn.execute(f"PRAGMA user_version = {count}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite rolls back by itself on some errors (disk full)
                conn.execute("ROLLBACK")
            raise
    return len(known)
