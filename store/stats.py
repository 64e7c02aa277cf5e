"""Counting for `newsdesk stats`: plain GROUP BYs over the desk's tables.

`since` limits everything to stories ingested on or after it (an ISO date or datetime):
the question is "what did the desk handle this week", whatever the publication dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsdesk.store.db import Store

NONE_LABEL = ""  # a NULL desk or outlet is counted under the empty name


def _since(since: str | None, column: str = "ingested_at") -> tuple[str, list[Any]]:
    if since is None:
        return "1 = 1", []
    return f"{column} >= ?", [since]


def _counts(store: Store, sql: str, params: list[Any]) -> dict[str, int]:
    return {(k if k is not None else NONE_LABEL): n for k, n in store.conn.execute(sql, params)}


def by_status(store: Store, since: str | None = None) -> dict[str, int]:
    where, params = _since(since)
    counts = {"new": 0, "approved": 0, "rejected": 0, "merged": 0}
    counts.update(
        _counts(store, f"SELECT status, count(*) FROM articles WHERE {where} GROUP BY 1", params)
    )
    return counts


def by_column(store: Store, column: str, since: str | None = None) -> dict[str, int]:
    """Stories per desk or outlet (merged-away stories count with their canonical, not here)."""
    if column not in {"desk", "outlet", "lang", "priority"}:
        raise ValueError(column)
    where, params = _since(since)
    return _counts(
        store,
        f"SELECT {column}, count(*) FROM articles WHERE {where} AND status != 'merged' "
        "GROUP BY 1 ORDER BY 2 DESC, 1",
        params,
    )


def outlets_all(store: Store, since: str | None = None) -> dict[str, int]:
    """Stories per outlet including pickups merged away: who carried what."""
    where, params = _since(since)
    return _counts(
        store,
        f"SELECT outlet, count(*) FROM articles WHERE {where} GROUP BY 1 ORDER BY 2 DESC, 1",
        params,
    )


def by_tag(store: Store, since: str | None = None) -> dict[str, int]:
    where, params = _since(since, "a.ingested_at")
    return _counts(
        store,
        "SELECT t.tag, count(DISTINCT t.article_id) FROM tags t JOIN articles a "
        f"ON a.id = t.article_id WHERE {where} AND a.status != 'merged' "
        "GROUP BY 1 ORDER BY 2 DESC, 1",
        params,
    )


def link_counts(store: Store, since: str | None = None) -> list[tuple[str, str, int]]:
    """(kind, state, number) of dedup links touching stories in the period."""
    where, params = _since(since, "a.ingested_at")
    return list(
        store.conn.execute(
            "SELECT l.kind, l.state, count(*) FROM links l JOIN articles a ON a.id = l.b "
            f"WHERE {where} GROUP BY 1, 2 ORDER BY 1, 2",
            params,
        )
    )


def duplicate_pairs(store: Store, since: str | None = None) -> Iterator[tuple[int, int]]:
    """Pairs dedup called duplicates and no editor dismissed (merged ones included)."""
    where, params = _since(since, "a.ingested_at")
    yield from store.conn.execute(
        "SELECT l.a, l.b FROM links l JOIN articles a ON a.id = l.b "
        f"WHERE l.kind = 'duplicate' AND l.state != 'dismissed' AND {where}",
        params,
    )


def merge_counts(store: Store, since: str | None = None) -> tuple[int, int]:
    """(canonical stories with something merged into them, stories merged away)."""
    where, params = _since(since)
    row = store.conn.execute(
        "SELECT count(DISTINCT merged_into), count(*) FROM articles "
        f"WHERE status = 'merged' AND merged_into IS NOT NULL AND {where}",
        params,
    ).fetchone()
    return int(row[0]), int(row[1])


def rule_hit_counts(store: Store, since: str | None = None) -> dict[str, int]:
    """Stories each rule fired on, shadow rules included."""
    where, params = _since(since, "a.ingested_at")
    return dict(
        store.conn.execute(
            "SELECT h.rule_id, count(*) FROM rule_hits h JOIN articles a ON a.id = h.article_id "
            f"WHERE {where} GROUP BY 1 ORDER BY 2 DESC, 1",
            params,
        ).fetchall()
    )


def decision_times(store: Store, since: str | None = None) -> list[tuple[str, str]]:
    """(ingested_at, decided_at) of every story an editor approved or rejected."""
    where, params = _since(since)
    return list(
        store.conn.execute(
            "SELECT ingested_at, decided_at FROM articles WHERE decided_at IS NOT NULL "
            f"AND status IN ('approved', 'rejected') AND {where}",
            params,
        )
    )


def total(store: Store, since: str | None = None) -> int:
    where, params = _since(since)
    return store.conn.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()[0]
