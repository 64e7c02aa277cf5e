"""Copy a benchmark's SQLite store into a PostgreSQL database, row for row (bench only).

Big benchmark stores (1M stories) are built once on SQLite by their bench, as before, and
copied here with COPY instead of being loaded again through the store's insert path (one
`INSERT ... RETURNING` round trip per story: ~2 ms a story on PostgreSQL on the 2-core dev
box, so ~35 min for 1M). The PostgreSQL schema is the product's own: the target is opened
with `Store.open(url)` first, which runs the PostgreSQL migrations; then each table the two
stores share is truncated and filled with the SQLite rows (the columns both have). Indexes
other than the primary key are dropped before the copy and re-created with their own
definitions after it, sequences are moved past the largest id, and every table is
ANALYZEd: the result is what the migrations make, holding the same rows.

Foreign keys are not checked during the copy (`session_replication_role = replica`), as
the SQLite benches run with `PRAGMA foreign_keys = OFF`: the 1M dedup store's replicas exist
only in the index (`dedup_keys`, `dedup_docs`), not in `articles`.

    python bench/pg_copy.py bench/out/tui_1000000.db postgresql://USER@HOST/DB
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SKIP = {"schema_migrations", "newsdesk_state"}


def copy_store(sqlite_path: Path, url: str, log=print) -> dict[str, int]:
    import psycopg

    from newsdesk.store import Store

    Store.open(url).close()  # the product's schema, migrated
    src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    dst = psycopg.connect(url, autocommit=True)
    counts: dict[str, int] = {}
    try:
        dst.execute("SET session_replication_role = replica")  # no FK triggers (bench only)
        dst.execute("SET maintenance_work_mem = '256MB'")
        pg_tables = {
            r[0]
            for r in dst.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        }
        lite_tables = {
            r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        for table in sorted((pg_tables & lite_tables) - SKIP):
            pg_cols = [
                r[0]
                for r in dst.execute(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE table_schema = current_schema() AND table_name = %s"
                    " ORDER BY ordinal_position",
                    [table],
                )
            ]
            lite_cols = {r[1] for r in src.execute(f"PRAGMA table_info({table})")}
            cols = [c for c in pg_cols if c in lite_cols]
            n = src.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            if not n:
                continue
            t0 = time.perf_counter()
            indexes = dst.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i"
                " WHERE i.schemaname = current_schema() AND i.tablename = %s"
                " AND i.indexname NOT IN (SELECT conname FROM pg_constraint"
                "   WHERE contype IN ('p', 'u', 'x'))",
                [table],
            ).fetchall()
            dst.execute(f"TRUNCATE {table} CASCADE")
            for name, _ in indexes:
                dst.execute(f'DROP INDEX "{name}"')
            collist = ", ".join(cols)
            with dst.cursor() as cur, cur.copy(f"COPY {table} ({collist}) FROM STDIN") as copy:
                for row in src.execute(f"SELECT {collist} FROM {table}"):
                    copy.write_row(row)
            for _, definition in indexes:
                dst.execute(definition)
            for col in cols:
                seq = dst.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, col]).fetchone()[
                    0
                ]
                if seq:
                    dst.execute(
                        f"SELECT setval(%s, (SELECT coalesce(max({col}), 0) + 1 FROM {table}),"
                        " false)",
                        [seq],
                    )
            dst.execute(f"ANALYZE {table}")
            counts[table] = n
            log(f"  {table}: {n:,} rows in {time.perf_counter() - t0:.0f} s", flush=True)
        dst.execute("VACUUM (ANALYZE)")
    finally:
        src.close()
        dst.close()
    return counts


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    copy_store(Path(sys.argv[1]), sys.argv[2])
    print(f"copied in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
