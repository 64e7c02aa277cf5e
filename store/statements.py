"""Statements both engines accept, built once: upserts and inserts that skip duplicates.

SQLite's `INSERT OR REPLACE` / `OR IGNORE` are SQLite's own; `ON CONFLICT` is spoken by
both SQLite (3.24+) and PostgreSQL, so the store writes that.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache


@lru_cache(maxsize=256)
def _upsert(table: str, columns: tuple[str, ...], keys: tuple[str, ...]) -> str:
    marks = ", ".join("?" * len(columns))
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) ON CONFLICT"
    rest = [c for c in columns if c not in keys]
    if not rest:
        return f"{head} DO NOTHING"
    sets = ", ".join(f"{c} = excluded.{c}" for c in rest)
    return f"{head} ({', '.join(keys)}) DO UPDATE SET {sets}"


def upsert(table: str, columns: Sequence[str], keys: Sequence[str]) -> str:
    """Insert a row, or replace the one with the same `keys` (`INSERT OR REPLACE`)."""
    return _upsert(table, tuple(columns), tuple(keys))


def insert_new(table: str, columns: Sequence[str]) -> str:
    """Insert a row unless one with the same key is there (`INSERT OR IGNORE`)."""
    return _upsert(table, tuple(columns), tuple(columns))
