"""Articles: inserting ingested stories, reading them back, paging the inbox."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdesk.store.db import Store, utcnow
from newsdesk.store.statements import insert_new, upsert

# Columns an editor (or a rule) changes; everything else is fixed at ingest.
EDITORIAL_COLUMNS: tuple[str, ...] = (
    "status",
    "status_reason",
    "status_origin",
    "desk",
    "desk_origin",
    "priority",
    "priority_origin",
    "flag",
    "flag_origin",
    "merged_into",
    "decided_at",
    "version",
)

LIST_COLUMNS = (
    "id, title, outlet, url, published, ingested_at, lang, status, status_reason, desk, "
    "priority, flag, merged_into, version"
)


@dataclass
class InsertResult:
    ids: list[int] = field(default_factory=list)
    # (source, existing id, "same url" | "same content") for inputs already stored
    existing: list[tuple[str, int, str]] = field(default_factory=list)


def insert_articles(store: Store, rows: Sequence[dict[str, Any]]) -> InsertResult:
    """Store new articles in one transaction; rows whose url or content hash exist are skipped.

    Each row carries the articles columns (title, body, raw, content_hash, ...).
    """
    result = InsertResult()
    if not rows:
        return result
    now = utcnow()
    with store.write() as db:
        conn = db.conn
        hashes = [r["content_hash"] for r in rows]
        urls = [r["url"] for r in rows if r.get("url")]
        by_hash = dict(_lookup(conn, "content_hash", hashes))
        by_url = dict(_lookup(conn, "url", urls))
        for row in rows:
            url = row.get("url")
            existing = by_url.get(url) if url else None
            reason = "same url"
            if existing is None:
                existing = by_hash.get(row["content_hash"])
                reason = "same content"
            if existing is not None:
                result.existing.append((row.get("source") or "", existing, reason))
                continue
            record = dict(row)
            record.setdefault("ingested_at", now)
            for key in ("extra", "provenance"):
                if not isinstance(record.get(key, "{}"), str):
                    record[key] = json.dumps(record[key], ensure_ascii=False, sort_keys=True)
            cols = list(record)
            new_id = conn.execute(
                f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
                " RETURNING id",
                [record[c] for c in cols],
            ).fetchone()[0]
            result.ids.append(new_id)
            by_hash[row["content_hash"]] = new_id
            if url:
                by_url[url] = new_id
    return result


def _lookup(conn: Any, column: str, values: list[str]) -> Iterable[tuple[str, int]]:
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        yield from conn.execute(
            f"SELECT {column}, id FROM articles WHERE {column} IN ({', '.join('?' * len(chunk))})",
            chunk,
        )


_DETAIL_COLUMNS = (
    "id, title, body, encoding, source, format, outlet, url, published, ingested_at, lang, "
    "content_hash, extra, provenance, " + ", ".join(EDITORIAL_COLUMNS)
)


def get_article(store: Store, article_id: int, *, with_raw: bool = False) -> dict[str, Any] | None:
    cols = _DETAIL_COLUMNS + (", raw" if with_raw else "")
    cur = store.conn.execute(f"SELECT {cols} FROM articles WHERE id = ?", [article_id])
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row))


def get_articles(store: Store, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Full rows (without raw) for several ids, in the order given."""
    rows: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        cur = store.conn.execute(
            "SELECT id, title, body, outlet, url, published, ingested_at, lang, "
            + ", ".join(EDITORIAL_COLUMNS)
            + f" FROM articles WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        names = [d[0] for d in cur.description]
        for r in cur:
            rows[r[0]] = dict(zip(names, r))
    return [rows[i] for i in ids if i in rows]


@dataclass(frozen=True)
class InboxQuery:
    """What the inbox shows: filters plus a full-text query, newest first."""

    status: str | None = "new"  # None = all
    tag: str | None = None
    desk: str | None = None
    outlet: str | None = None
    search: str | None = None
    since: str | None = None
    ids: tuple[int, ...] | None = None
    outlets: tuple[str, ...] | None = None  # any of these outlets (a newsroom's sites)
    # one row per story family (its first published story) unless a filter or search asks
    # for every story that matches
    families: bool = True


# A family member hides behind its family's lead when the lead shows in the same status.
# CROSS JOIN fixes the join order (SQLite never reorders it): from the row's own membership
# to its family's lead, two primary-key look-ups; left to the planner it scanned every
# article of the status for each row.
_NOT_BEHIND_LEAD = (
    "NOT EXISTS (SELECT 1 FROM family_members f"
    " CROSS JOIN family_members l CROSS JOIN articles la"
    " WHERE f.article_id = a.id AND f.lead = 0"
    " AND l.family_id = f.family_id AND l.lead = 1"
    " AND la.id = l.article_id AND la.status = a.status)"
)


def _where(store: Store, q: InboxQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if q.status:
        clauses.append("a.status = ?")
        params.append(q.status)
    if q.tag:
        clauses.append("a.id IN (SELECT article_id FROM tags WHERE tag = ?)")
        params.append(q.tag)
    if q.desk:
        clauses.append("a.desk = ?")
        params.append(q.desk)
    if q.outlet:
        clauses.append("a.outlet = ?")
        params.append(q.outlet)
    if q.outlets is not None:
        clauses.append(f"a.outlet IN ({', '.join('?' * len(q.outlets)) or 'NULL'})")
        params.extend(q.outlets)
    if q.since:
        clauses.append("coalesce(a.published, a.ingested_at) >= ?")
        params.append(q.since)
    if q.search:
        clauses.append(store.engine.search_clause("a"))
        params.append(store.engine.search_param(q.search))
    if q.ids is not None:
        clauses.append(f"a.id IN ({', '.join('?' * len(q.ids))})")
        params.extend(q.ids)
    filtered = q.tag or q.desk or q.outlet or q.outlets is not None or q.search
    if q.families and not (filtered or q.ids is not None):
        clauses.append(_NOT_BEHIND_LEAD)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


# Newest first: by published date, falling back to ingest time, then id.
SORT_KEY = "coalesce(a.published, substr(a.ingested_at, 1, 10))"


def page(
    store: Store,
    query: InboxQuery,
    *,
    limit: int = 100,
    after: tuple[str, int] | None = None,
    before: tuple[str, int] | None = None,
) -> list[dict[str, Any]]:
    """One page of the inbox by keyset pagination: never OFFSET, never the whole table.

    `after` is the (sort key, id) of the last row shown: returns the rows below it.
    `before` returns the rows above it (still in display order).
    """
    where, params = _where(store, query)
    keyed = f"{SORT_KEY} AS sort_key"
    if after is not None:
        # spelled out rather than a row value, so SQLite uses the sort index as a range
        where += (" AND " if where else " WHERE ") + (
            f"{SORT_KEY} <= ? AND ({SORT_KEY} < ? OR a.id < ?)"
        )
        params += [after[0], after[0], after[1]]
    order = "DESC"
    if before is not None:
        where += (" AND " if where else " WHERE ") + (
            f"{SORT_KEY} >= ? AND ({SORT_KEY} > ? OR a.id > ?)"
        )
        params += [before[0], before[0], before[1]]
        order = "ASC"
    sql = (
        f"SELECT a.{LIST_COLUMNS.replace(', ', ', a.')}, {keyed} FROM articles a{where} "
        f"ORDER BY {SORT_KEY} {order}, a.id {order} LIMIT ?"
    )
    cur = store.conn.execute(sql, [*params, limit])
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r)) for r in cur]
    if before is not None:
        rows.reverse()
    return rows


def count(store: Store, query: InboxQuery) -> int:
    where, params = _where(store, query)
    return store.conn.execute(f"SELECT count(*) FROM articles a{where}", params).fetchone()[0]


def position(store: Store, query: InboxQuery, key: tuple[str, int]) -> int:
    """How many rows sort above `key`: where a story sits in the inbox."""
    where, params = _where(store, query)
    where += (" AND " if where else " WHERE ") + (
        f"{SORT_KEY} >= ? AND ({SORT_KEY} > ? OR a.id > ?)"
    )
    return store.conn.execute(
        f"SELECT count(*) FROM articles a{where}", [*params, key[0], key[0], key[1]]
    ).fetchone()[0]


def status_counts(store: Store) -> dict[str, int]:
    counts = {"new": 0, "approved": 0, "rejected": 0, "merged": 0}
    for status, n in store.conn.execute("SELECT status, count(*) FROM articles GROUP BY status"):
        counts[status] = n
    return counts


def distinct_values(store: Store, column: str) -> list[str]:
    if column not in {"outlet", "desk", "lang"}:
        raise ValueError(column)
    return [
        r[0]
        for r in store.conn.execute(
            f"SELECT DISTINCT {column} FROM articles WHERE {column} IS NOT NULL ORDER BY 1"
        )
    ]


def tags_for(store: Store, ids: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    """(tag, origin) pairs per article."""
    out: dict[int, list[tuple[str, str]]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        for aid, tag, origin in store.conn.execute(
            "SELECT article_id, tag, origin FROM tags "
            f"WHERE article_id IN ({', '.join('?' * len(chunk))}) ORDER BY tag, origin",
            chunk,
        ):
            out[aid].append((tag, origin))
    return out


def all_tags(store: Store) -> list[tuple[str, int]]:
    return list(
        store.conn.execute(
            "SELECT tag, count(DISTINCT article_id) FROM tags GROUP BY tag ORDER BY tag"
        )
    )


def versions(store: Store, ids: Sequence[int]) -> dict[int, int]:
    return {
        aid: v
        for aid, v in store.conn.execute(
            f"SELECT id, version FROM articles WHERE id IN ({', '.join('?' * len(ids))})",
            list(ids),
        )
    }


def with_merge_family(store: Store, ids: Sequence[int]) -> list[int]:
    """`ids` plus the stories they are merged into and the stories merged into them."""
    marks = ", ".join("?" * len(ids))
    family = {
        r[0]
        for r in store.conn.execute(
            f"SELECT merged_into FROM articles WHERE id IN ({marks}) AND merged_into IS NOT NULL "
            f"UNION SELECT id FROM articles WHERE merged_into IN ({marks})",
            [*ids, *ids],
        )
    }
    return sorted(family | set(ids))


def ids_since(store: Store, since: str | None = None) -> list[int]:
    if since is None:
        return [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY id")]
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT id FROM articles WHERE coalesce(published, ingested_at) >= ? ORDER BY id",
            [since],
        )
    ]


def max_id(store: Store) -> int:
    return store.conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]


# --- editorial writes (called inside Desk.mutate, which audits them) -------------------------


def set_fields(store: Store, ids: Sequence[int], values: dict[str, Any]) -> None:
    bad = set(values) - set(EDITORIAL_COLUMNS)
    if bad:
        raise ValueError(f"not editorial columns: {sorted(bad)}")
    sets = ", ".join(f"{c} = ?" for c in values)
    store.conn.execute(
        f"UPDATE articles SET {sets} WHERE id IN ({', '.join('?' * len(ids))})",
        [*values.values(), *ids],
    )


def bump_versions(store: Store, ids: Sequence[int]) -> None:
    store.conn.execute(
        f"UPDATE articles SET version = version + 1 WHERE id IN ({', '.join('?' * len(ids))})",
        list(ids),
    )


def add_tag(store: Store, article_id: int, tag: str, origin: str) -> bool:
    cur = store.conn.execute(
        insert_new("tags", ("article_id", "tag", "origin", "added_at")),
        [article_id, tag, origin, utcnow()],
    )
    store.conn.execute("DELETE FROM tag_vetoes WHERE article_id = ? AND tag = ?", [article_id, tag])
    return cur.rowcount > 0


def remove_tag(store: Store, article_id: int, tag: str, editor: str) -> bool:
    """Remove a tag whatever gave it, and veto it so rules never put it back."""
    cur = store.conn.execute("DELETE FROM tags WHERE article_id = ? AND tag = ?", [article_id, tag])
    store.conn.execute(
        upsert("tag_vetoes", ("article_id", "tag", "editor", "at"), ("article_id", "tag")),
        [article_id, tag, editor, utcnow()],
    )
    return cur.rowcount > 0
