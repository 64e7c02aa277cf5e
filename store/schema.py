"""Schema migrations: discovered from `store/migrations/`, applied once each, by name.

Each migration module holds the same change for each engine: `STATEMENTS` for SQLite,
`POSTGRES` for PostgreSQL. Both record the names applied in `schema_migrations`, so the
same version checks hold on both: a database with a migration this newsdesk does not know
is refused. Plain table and column names so the database reads well in the sqlite3 shell,
psql or Datasette.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import datetime, timezone
from typing import Any

from newsdesk.store import migrations


class SchemaTooNew(RuntimeError):
    """The database has migrations this newsdesk does not know: refusing protects the data."""


def known_migrations(engine: str = "sqlite") -> list[tuple[str, list[str]]]:
    names = sorted(
        m.name for m in pkgutil.iter_modules(migrations.__path__) if m.name.startswith("m")
    )
    attribute = "POSTGRES" if engine == "postgresql" else "STATEMENTS"
    out = []
    for name in names:
        module = importlib.import_module(f"newsdesk.store.migrations.{name}")
        out.append((name, getattr(module, attribute)))
    return out


def check_known(done: set[str], engine: str) -> None:
    unknown = done - {name for name, _ in known_migrations(engine)}
    if unknown:
        raise SchemaTooNew(
            f"database has migrations this newsdesk does not know ({', '.join(sorted(unknown))});"
            " upgrade newsdesk"
        )


def migrate(conn: Any, engine: Any) -> int:
    """Apply every pending migration, each in its own transaction; returns how many are applied.

    `engine.begin_migration` opens a transaction that excludes other migrating processes
    (and makes sure `schema_migrations` exists); a migration another process applied while
    this one waited is skipped.
    """
    known = known_migrations(engine.name)
    done = engine.applied_migrations(conn)  # no lock: most opens have nothing to apply
    check_known(done, engine.name)
    for name, statements in known:
        if name in done:
            continue
        engine.begin_migration(conn)
        try:
            if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", [name]).fetchone():
                engine.rollback(conn)
                continue
            for statement in statements:
                conn.execute(statement)
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, now])
            count = conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
            engine.after_migration(conn, count)
            conn.execute("COMMIT")
        except BaseException:
            engine.rollback(conn)
            raise
    return len(known)
