"""Learned per-outlet boilerplate lines: reading the bodies to learn from, keeping the result.

Only SQL lives here; the learning itself is newsdesk.ingest.boilerplate_learn (pure).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping

from newsdesk.store.db import Store, utcnow

__all__ = ["learned_lines", "outlet_bodies", "replace_learned"]


def outlet_bodies(store: Store, *, batch: int = 2000) -> Iterator[tuple[str, str]]:
    """(outlet, cleaned body) of every stored article that has an outlet, streamed."""
    cursor = store.conn.execute(
        "SELECT outlet, body FROM articles WHERE outlet IS NOT NULL AND outlet != ''"
    )
    while rows := cursor.fetchmany(batch):
        yield from rows


def replace_learned(store: Store, learned: Mapping[str, frozenset[str]]) -> int:
    """Make `learned` the whole set of learned lines (one transaction); returns how many."""
    when = utcnow()
    rows = [
        (outlet, line, when) for outlet, lines in sorted(learned.items()) for line in sorted(lines)
    ]
    with store.write() as db:
        db.execute("DELETE FROM boilerplate_lines")
        db.conn.executemany(
            "INSERT INTO boilerplate_lines (outlet, line, learned_at) VALUES (?, ?, ?)", rows
        )
    return len(rows)


def learned_lines(store: Store, outlet: str | None = None) -> dict[str, frozenset[str]]:
    """{outlet: lines} as last learned, for one outlet or all."""
    sql = "SELECT outlet, line FROM boilerplate_lines"
    params: list[str] = []
    if outlet is not None:
        sql += " WHERE outlet = ?"
        params.append(outlet)
    found: dict[str, set[str]] = defaultdict(set)
    for name, line in store.conn.execute(sql, params):
        found[name].add(line)
    return {name: frozenset(lines) for name, lines in found.items()}
