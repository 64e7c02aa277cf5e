"""SQL for applying rule results: rule tags, rule-set fields, rule hits.

The decisions (what to add, what to leave to editors) are made in `newsdesk.rules.apply`;
this module only reads the editorial state of stories and writes the change sets back.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdesk.store.articles import EDITORIAL_COLUMNS
from newsdesk.store.db import Store, utcnow
from newsdesk.store.statements import upsert

_CHUNK = 500
# What rules may set: the editorial columns, less merging and bookkeeping.
RULE_FIELDS = tuple(
    c for c in EDITORIAL_COLUMNS if c not in ("merged_into", "decided_at", "version")
)
_COLUMNS = ("id", "title", "body", "outlet", "url", "lang", "published", *RULE_FIELDS)


@dataclass
class StoryState:
    """A story's text and editorial state, as rules need it."""

    id: int
    title: str
    body: str
    outlet: str | None
    url: str | None
    lang: str | None
    published: str | None
    status: str
    status_reason: str | None
    status_origin: str | None
    desk: str | None
    desk_origin: str | None
    priority: str | None
    priority_origin: str | None
    flag: str | None
    flag_origin: str | None
    tags: list[tuple[str, str]] = field(default_factory=list)  # (tag, origin)
    vetoes: set[str] = field(default_factory=set)
    hits: dict[str, str] = field(default_factory=dict)  # rule id -> matches JSON


def story_ids(
    store: Store, since: str | None = None, article_ids: Sequence[int] | None = None
) -> list[int]:
    """Stories to run rules on; `since` compares the publication date, else the ingest date.

    With `article_ids` (a batch just ingested), only those are read: never every id of a
    large desk to keep a few.
    """
    where, params = [], []
    if since is not None:
        where.append("coalesce(published, ingested_at) >= ?")
        params.append(since)
    if article_ids is None:
        sql = "SELECT id FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [r[0] for r in store.conn.execute(sql + " ORDER BY id", params)]
    wanted = sorted(set(article_ids))
    found: list[int] = []
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        clauses = [f"id IN ({', '.join('?' * len(chunk))})", *where]
        found += [
            r[0]
            for r in store.conn.execute(
                f"SELECT id FROM articles WHERE {' AND '.join(clauses)}", [*chunk, *params]
            )
        ]
    return sorted(found)


def load_states(store: Store, ids: Sequence[int]) -> list[StoryState]:
    out: dict[int, StoryState] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = ", ".join("?" * len(chunk))
        for row in store.conn.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM articles WHERE id IN ({marks})", chunk
        ):
            out[row[0]] = StoryState(*row)
        for aid, tag, origin in store.conn.execute(
            f"SELECT article_id, tag, origin FROM tags WHERE article_id IN ({marks})", chunk
        ):
            out[aid].tags.append((tag, origin))
        for aid, tag in store.conn.execute(
            f"SELECT article_id, tag FROM tag_vetoes WHERE article_id IN ({marks})", chunk
        ):
            out[aid].vetoes.add(tag)
        for aid, rule_id, matches in store.conn.execute(
            f"SELECT article_id, rule_id, matches FROM rule_hits WHERE article_id IN ({marks})",
            chunk,
        ):
            out[aid].hits[rule_id] = matches
    return [out[i] for i in ids if i in out]


def load_state(store: Store, article_id: int) -> StoryState | None:
    states = load_states(store, [article_id])
    return states[0] if states else None


def write_changes(store: Store, changes: Sequence[dict[str, Any]]) -> None:
    """Apply change sets; call inside `store.write()` so a batch lands whole or not at all.

    Each change: {"id", "add_tags": [(tag, origin)], "remove_tags": [(tag, origin)],
    "set": {column: value}, "hits": {rule_id: matches_json}, "drop_hits": [rule_id],
    "editorial": bool}; stories with editorial changes move to a new version.
    """
    now = utcnow()
    removed: list[tuple[Any, ...]] = []
    added: list[tuple[Any, ...]] = []
    dropped: list[tuple[Any, ...]] = []
    hits: list[tuple[Any, ...]] = []
    # one UPDATE per story, the version bump folded in: on PostgreSQL every row version
    # re-indexes the story's text, so a story is rewritten once, not twice
    updates: dict[tuple[str, ...], list[list[Any]]] = {}
    for ch in changes:
        aid = ch["id"]
        removed += [(aid, tag, origin) for tag, origin in ch.get("remove_tags") or ()]
        added += [(aid, tag, origin, now, aid, tag) for tag, origin in ch.get("add_tags") or ()]
        values = ch.get("set") or {}
        bad = set(values) - set(RULE_FIELDS)
        if bad:
            raise ValueError(f"rules may not set {sorted(bad)}")
        columns = tuple(values) + (("version",) if ch.get("editorial") else ())
        if columns:
            updates.setdefault(columns, []).append([*values.values(), aid])
        dropped += [(aid, rid) for rid in ch.get("drop_hits") or ()]
        hits += [(aid, rid, matches, now) for rid, matches in (ch.get("hits") or {}).items()]
    # statement by statement over the whole batch, in the order a single story needs
    conn = store.conn
    if removed:
        conn.executemany(
            "DELETE FROM tags WHERE article_id = ? AND tag = ? AND origin = ?", removed
        )
    if added:
        conn.executemany(
            "INSERT INTO tags (article_id, tag, origin, added_at) "
            "SELECT ?, ?, ?, ? WHERE NOT EXISTS "
            "(SELECT 1 FROM tag_vetoes WHERE article_id = ? AND tag = ?) "
            "ON CONFLICT DO NOTHING",
            added,
        )
    for columns, rows in updates.items():
        sets = ", ".join("version = version + 1" if c == "version" else f"{c} = ?" for c in columns)
        conn.executemany(f"UPDATE articles SET {sets} WHERE id = ?", rows)
    if dropped:
        conn.executemany("DELETE FROM rule_hits WHERE article_id = ? AND rule_id = ?", dropped)
    if hits:
        conn.executemany(
            upsert(
                "rule_hits", ("article_id", "rule_id", "matches", "at"), ("article_id", "rule_id")
            ),
            hits,
        )


def hit_counts(store: Store) -> dict[str, int]:
    """How many stories each rule fired on (shadow rules included)."""
    return dict(
        store.conn.execute(
            "SELECT rule_id, count(*) FROM rule_hits GROUP BY rule_id ORDER BY rule_id"
        ).fetchall()
    )


def stored_hits(store: Store, article_id: int) -> dict[str, list[dict[str, Any]]]:
    return {
        rid: json.loads(matches)
        for rid, matches in store.conn.execute(
            "SELECT rule_id, matches FROM rule_hits WHERE article_id = ? ORDER BY rule_id",
            [article_id],
        )
    }
