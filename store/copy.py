"""The SQL behind `newsdesk copy`: every newsdesk table, row for row, ids kept, either engine.

The source is read in one snapshot (the caller's `src.read()`), the target written in one
transaction (the caller's `dst.write()`), so a copy that fails leaves the target as empty as
it was. Rows go in batches and stream: a desk of a million stories never sits in memory.
Only the tables named here are copied (Litestream's `_litestream_*`, FTS5's shadow tables,
PostgreSQL's `newsdesk_state` and `schema_migrations` belong to the target itself), and each
with the target's own column list, so a column a later migration adds is copied by name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from newsdesk.store.db import Store

BATCH = 2000

# Parents before children, so every foreign key finds its row.
TABLES: tuple[str, ...] = (
    "articles",
    "audit",
    "tags",
    "tag_vetoes",
    "links",
    "rule_hits",
    "merges",
    "family_members",
    "boilerplate_lines",
    "feeds",
    "dedup_docs",
    "dedup_keys",
    "dedup_terms",
)

# Columns pointing at a row of their own table: a story merged into a later story, an audit
# entry undone by a later one. Neither engine's keys are deferrable here (PostgreSQL's are
# NOT DEFERRABLE), so such a value is written NULL first and filled in once its row exists.
SELF_REFS: dict[str, tuple[str, ...]] = {
    "articles": ("merged_into",),
    "audit": ("undoes", "undone_by"),
}

# Tables read in id order: the order a self-reference is resolved in (and on PostgreSQL the
# heap order after updates is not insertion order).
ORDERED_BY = {"articles": "id", "audit": "id"}

# (table, rows so far, whether the table is done): after each batch, and once at its end
Progress = Callable[[str, int, bool], None]


def columns(db: Any, table: str) -> list[str]:
    """The table's columns as this database has them (both drivers describe an empty result)."""
    cursor = db.conn.execute(f"SELECT * FROM {table} LIMIT 0")
    return [d[0] for d in cursor.description]


def row_counts(store: Store) -> dict[str, int]:
    """Rows per copied table that exists in the database."""
    present = store.engine.tables(store.conn)
    return {
        t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in TABLES
        if t in present
    }


def insert_rows(db: Any, table: str, cols: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """One batch into `table` (a seam for tests that make a copy fail half-way)."""
    marks = ", ".join("?" for _ in cols)
    db.conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)


def _fill_refs(
    db: Any, table: str, refs: Sequence[str], pending: list[tuple[int, str, Any]]
) -> None:
    for column in refs:
        rows = [(value, row_id) for row_id, col, value in pending if col == column]
        if rows:
            db.conn.executemany(f"UPDATE {table} SET {column} = ? WHERE id = ?", rows)


def copy_table(
    src: Store, dst: Store, table: str, batch: int = BATCH, progress: Progress | None = None
) -> int:
    """Copy one table's rows from `src` to `dst`; returns how many.

    Both must be inside their transaction (`src.read()`, `dst.write()`).
    """
    target_cols = columns(dst.db, table)
    source_cols = set(columns(src.db, table))
    cols = [c for c in target_cols if c in source_cols]
    refs = [c for c in SELF_REFS.get(table, ()) if c in cols]
    order = f" ORDER BY {ORDERED_BY[table]}" if table in ORDERED_BY else ""
    sql = f"SELECT {', '.join(cols)} FROM {table}{order}"
    id_at = cols.index("id") if refs else -1
    ref_at = {c: cols.index(c) for c in refs}
    done = 0
    pending: list[tuple[int, str, Any]] = []  # (row id, column, value) to fill in at the end
    for rows in src.engine.batches(src.conn, sql, batch):
        if refs:
            out = []
            for row in rows:
                row = list(row)
                for column, at in ref_at.items():
                    if row[at] is not None and row[at] >= row[id_at]:
                        pending.append((row[id_at], column, row[at]))
                        row[at] = None
                out.append(row)
            rows = out
        insert_rows(dst.db, table, cols, rows)
        done += len(rows)
        if progress is not None:
            progress(table, done, False)
    _fill_refs(dst.db, table, refs, pending)
    if progress is not None:
        progress(table, done, True)
    return done


def copy_all(
    src: Store, dst: Store, batch: int = BATCH, progress: Progress | None = None
) -> dict[str, int]:
    """Every newsdesk table the source has, then the target engine's own fix-ups
    (PostgreSQL's id counters past the copied ids). Rows copied per table."""
    present = src.engine.tables(src.conn)
    copied: dict[str, int] = {}
    for table in TABLES:
        if table in present:
            copied[table] = copy_table(src, dst, table, batch, progress)
    dst.engine.after_copy(dst.conn)
    return copied
