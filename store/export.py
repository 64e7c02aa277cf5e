"""Reading stories out for export: batched, keyset-paged, never the whole table at once.

Each batch is a handful of queries (articles, tags, pickups, audit) however many stories it
holds, so exporting the whole desk costs the same per story as exporting ten.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from newsdesk.store.db import Store

_COLUMNS = (
    "id, title, body, outlet, url, published, ingested_at, lang, status, status_reason, "
    "status_origin, desk, desk_origin, priority, priority_origin, merged_into, decided_at, "
    "version, format, extra"
)


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def story_batches(
    store: Store, status: str | None, since: str | None, batch: int = 500
) -> Iterator[list[dict[str, Any]]]:
    """Exportable stories (never the merged-away ones), oldest first, `batch` at a time."""
    clauses = ["status != 'merged'"]
    params: list[Any] = []
    if status:
        clauses.append("status = ?")
        params.append(status)
    if since:
        clauses.append("coalesce(published, ingested_at) >= ?")
        params.append(since)
    where = " AND ".join(clauses)
    last = 0
    while True:
        cur = store.conn.execute(
            f"SELECT {_COLUMNS} FROM articles WHERE {where} AND id > ? ORDER BY id LIMIT ?",
            [*params, last, batch],
        )
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur]
        if not rows:
            return
        for row in rows:
            row["extra"] = _json(row["extra"], {})
        yield rows
        last = rows[-1]["id"]


def tags_of(store: Store, ids: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = {i: [] for i in ids}
    if ids:
        for aid, tag, origin in store.conn.execute(
            f"SELECT article_id, tag, origin FROM tags WHERE article_id IN ({_marks(len(ids))}) "
            "ORDER BY tag, origin",
            list(ids),
        ):
            out[aid].append((tag, origin))
    return out


def pickups_of(store: Store, ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Stories merged into each canonical one, earliest publication first."""
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        cur = store.conn.execute(
            "SELECT merged_into, id, outlet, url, published, ingested_at, title FROM articles "
            f"WHERE merged_into IN ({_marks(len(ids))}) AND status = 'merged' "
            "ORDER BY coalesce(published, ingested_at), ingested_at, id",
            list(ids),
        )
        names = [d[0] for d in cur.description]
        for r in cur:
            row = dict(zip(names, r))
            out[row.pop("merged_into")].append(row)
    return out


def history_of(store: Store, ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Audit entries touching each story, oldest first (one scan of the log per batch)."""
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        each, value = store.engine.json_ints("a.article_ids", "j")
        cur = store.conn.execute(
            f"SELECT {value}, a.id, a.at, a.actor, a.action, a.detail, a.undone_by "
            f"FROM audit a, {each} "
            f"WHERE {value} IN ({_marks(len(ids))}) ORDER BY a.id",
            list(ids),
        )
        for aid, entry_id, at, actor, action, detail, undone_by in cur:
            out[aid].append(
                {
                    "id": entry_id,
                    "at": at,
                    "actor": actor,
                    "action": action,
                    "detail": _json(detail, {}),
                    "undone": undone_by is not None,
                }
            )
    return out


def _json(text: str | None, default: Any) -> Any:
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default
