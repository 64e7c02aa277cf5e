"""SQL for dedup: candidate keys, word frequencies, links between stories, merge bookkeeping.

Every function takes the `db` yielded by `store.write()` / `store.read()` (either engine),
so callers decide the transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from newsdesk.store.db import utcnow
from newsdesk.store.engine import Database
from newsdesk.store.statements import insert_new, upsert

CHUNK = 500  # stay far below SQLite's bound-parameter limit

_PUT_DOC = upsert("dedup_docs", ("article_id", "day", "features"), ("article_id",))
_ADD_KEY = insert_new("dedup_keys", ("key", "day", "article_id"))

ARTICLE_FIELDS = "id, title, body, outlet, url, published, ingested_at, status, merged_into"


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- stories to compare ------------------------------------------------------------------------


def articles_by_id(db: Database, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for chunk in chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        cursor = db.execute(f"SELECT {ARTICLE_FIELDS} FROM articles WHERE id IN ({marks})", chunk)
        columns = [c[0] for c in cursor.description]
        for row in cursor.fetchall():
            record = dict(zip(columns, row))
            out[record["id"]] = record
    return out


def iter_articles(db: Database, batch: int = 2000) -> Iterable[dict[str, Any]]:
    """Every story in id order, in batches, for a full rebuild."""
    last = 0
    while True:
        cursor = db.execute(
            f"SELECT {ARTICLE_FIELDS} FROM articles WHERE id > ? ORDER BY id LIMIT ?", [last, batch]
        )
        columns = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
        if not rows:
            return
        for row in rows:
            yield dict(zip(columns, row))
        last = rows[-1][0]


# --- the persistent candidate index ------------------------------------------------------------


def indexed(db: Database, ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for chunk in chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0]
            for r in db.execute(
                f"SELECT article_id FROM dedup_docs WHERE article_id IN ({marks})", chunk
            )
        )
    return found


def add_keys(
    db: Database,
    article_id: int,
    day: int | None,
    keys: Iterable[int],
    features: bytes | None = None,
) -> None:
    db.execute(_PUT_DOC, [article_id, day, features])
    db.conn.executemany(
        _ADD_KEY,
        [(key, day or 0, article_id) for key in set(keys)],
    )


def add_keys_bulk(db: Database, rows: Iterable[tuple[int, int, int | None]]) -> None:
    """(key, article_id, day) rows for a rebuild."""
    db.conn.executemany(
        _ADD_KEY,
        ((key, day or 0, article_id) for key, article_id, day in rows),
    )


def add_docs_bulk(db: Database, rows: Iterable[tuple[int, int | None, bytes | None]]) -> None:
    db.conn.executemany(_PUT_DOC, rows)


def key_postings(
    db: Database,
    keys: Sequence[int],
    day: int | None,
    window_days: int,
    cap: int,
) -> dict[int, list[int] | None]:
    """Per key, the stories sharing it within the window (as `postings`), or None past `cap`.

    A key absent from the answer has no story; None tells a caller that adds stories of its
    own (a batch not yet written) that the key is common whatever it adds.
    """
    out: dict[int, list[int] | None] = {}
    if day is None:
        sql = "SELECT article_id FROM dedup_keys WHERE key = ? LIMIT ?"
    else:
        low, high = day - window_days, day + window_days
        sql = (
            "SELECT article_id FROM dedup_keys WHERE key = ? AND day BETWEEN ? AND ?"
            " UNION ALL SELECT article_id FROM dedup_keys WHERE key = ? AND day = 0 LIMIT ?"
        )
    execute = db.conn.execute
    with db.engine.pipeline(db.conn):  # one round trip for all keys on a server
        asked = [
            (key, execute(sql, [key, cap + 1] if day is None else [key, low, high, key, cap + 1]))
            for key in keys
        ]
    for key, cursor in asked:
        rows = cursor.fetchall()
        if rows:
            out[key] = [r[0] for r in rows] if len(rows) <= cap else None
    return out


def postings_ahead(
    db: Database, keys: Iterable[int], low: int, high: int, limit: int
) -> dict[int, list[tuple[int, int]] | None]:
    """(article_id, day or 0) per key, for days in [low, high] and undated, many keys a query.

    A key with `limit` or more rows of either kind is None: too common to read ahead, a
    caller reads it per story with `key_postings`. A key with no rows is absent.
    """
    out: dict[int, list[tuple[int, int]] | None] = {}
    for chunk in chunks(sorted(set(keys))):
        among, marks = db.engine.in_list("key", chunk)
        for where, params in (("day BETWEEN ? AND ?", [low, high]), ("day = 0", [])):
            rows = db.conn.execute(
                "SELECT key, article_id, day, r FROM (SELECT key, article_id, day,"
                " row_number() OVER (PARTITION BY key) AS r FROM dedup_keys"
                f" WHERE {among} AND {where}) AS numbered WHERE r <= ?",
                [*marks, *params, limit],
            )
            for key, article_id, day, r in rows:
                found = out.setdefault(key, [])
                if found is not None:
                    if r >= limit:
                        out[key] = None
                    else:
                        found.append((article_id, day))
    return out


def add_keys_rows(db: Database, rows: Iterable[tuple[int, int, int]]) -> None:
    """(key, day or 0, article_id) rows, as `add_keys` writes them, many stories at once."""
    db.conn.executemany(_ADD_KEY, rows)


def stored_features(db: Database, ids: Sequence[int]) -> dict[int, bytes]:
    out: dict[int, bytes] = {}
    for chunk in chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        out.update(
            (r[0], r[1])
            for r in db.execute(
                f"SELECT article_id, features FROM dedup_docs WHERE article_id IN ({marks})"
                " AND features IS NOT NULL",
                chunk,
            )
        )
    return out


def postings(
    db: Database,
    keys: Sequence[int],
    day: int | None,
    window_days: int,
    cap: int,
) -> list[tuple[int, int]]:
    """(key, article_id) for stories sharing a key within the window; at most `cap` per key.

    A key with more than `cap` stories in the window is not rare: it is skipped rather than
    read in full. Stories without a day match any day (a missing date must not hide a
    duplicate), and a story without a day matches all.
    """
    found = key_postings(db, keys, day, window_days, cap)
    return [(key, doc) for key in keys for doc in found.get(key) or ()]


def clear_index(db: Database) -> None:
    db.execute("DELETE FROM dedup_keys")
    db.execute("DELETE FROM dedup_docs")
    db.execute("DELETE FROM dedup_terms")


DOCS_TERM = ""  # the empty term counts the indexed stories: count(*) would scan 1M rows


def doc_count(db: Database) -> int:
    row = db.execute("SELECT df FROM dedup_terms WHERE term = ?", [DOCS_TERM]).fetchone()
    return row[0] if row else 0


def add_terms(db: Database, terms: Iterable[str]) -> None:
    """Count one more story and each of its words."""
    add_term_counts(db, ((t, 1) for t in set(terms)), 1)


def add_term_counts(db: Database, counts: Iterable[tuple[str, int]], docs: int) -> None:
    """Add a batch's word counts and `docs` stories in one statement: `add_terms`, summed."""
    summed: dict[str, int] = {DOCS_TERM: docs}
    for term, count in counts:
        if term != DOCS_TERM:
            summed[term] = summed.get(term, 0) + count
    db.engine.add_counts(db.conn, "dedup_terms", "term", "df", list(summed.items()))


def set_terms(db: Database, counts: Iterable[tuple[str, int]], docs: int) -> None:
    put = upsert("dedup_terms", ("term", "df"), ("term",))
    db.conn.executemany(put, counts)
    db.execute(put, [DOCS_TERM, docs])


def term_counts(db: Database, terms: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for chunk in chunks(list(terms)):
        where, params = db.engine.in_list("term", chunk)
        out.update(db.execute(f"SELECT term, df FROM dedup_terms WHERE {where}", params))
    return out


# --- links ------------------------------------------------------------------------------------


def _pair(a: int, b: int) -> tuple[int, int]:
    if a == b:
        raise ValueError(f"a story cannot be linked to itself (#{a})")
    return (a, b) if a < b else (b, a)


def upsert_link(
    db: Database, a: int, b: int, kind: str, score: float, reasons: Sequence[str]
) -> bool:
    """Record a proposal; pairs an editor merged or dismissed are never touched again."""
    a, b = _pair(a, b)
    cursor = db.execute(
        "INSERT INTO links (a, b, kind, score, reasons, state, found_at)"
        " VALUES (?, ?, ?, ?, ?, 'open', ?)"
        " ON CONFLICT(a, b) DO UPDATE SET kind = excluded.kind, score = excluded.score,"
        " reasons = excluded.reasons WHERE links.state = 'open'",
        [a, b, kind, score, json.dumps(list(reasons), ensure_ascii=False), utcnow()],
    )
    return cursor.rowcount > 0


def delete_open_link(db: Database, a: int, b: int) -> None:
    a, b = _pair(a, b)
    db.execute("DELETE FROM links WHERE a = ? AND b = ? AND state = 'open'", [a, b])


def clear_open_links(db: Database, keep_merged: bool = False) -> None:
    """Forget open proposals; with `keep_merged`, not those of merged stories (a full pass
    skips merged stories and could not find them again)."""
    if not keep_merged:
        db.execute("DELETE FROM links WHERE state = 'open'")
        return
    db.execute(
        "DELETE FROM links WHERE state = 'open' AND NOT EXISTS (SELECT 1 FROM articles m"
        " WHERE m.id IN (links.a, links.b) AND m.status = 'merged')"
    )


def get_link(db: Database, a: int, b: int) -> dict[str, Any] | None:
    a, b = _pair(a, b)
    cursor = db.execute("SELECT * FROM links WHERE a = ? AND b = ?", [a, b])
    row = cursor.fetchone()
    if row is None:
        return None
    return _link_dict(cursor.description, row)


def _link_dict(description: Any, row: Sequence[Any]) -> dict[str, Any]:
    record = dict(zip([c[0] for c in description], row))
    record["reasons"] = json.loads(record["reasons"])
    return record


def put_link(db: Database, link: dict[str, Any]) -> None:
    """Write a link row exactly as given (restoring an earlier image)."""
    db.execute(
        upsert("links", ("a", "b", "kind", "score", "reasons", "state", "found_at"), ("a", "b")),
        [
            link["a"],
            link["b"],
            link["kind"],
            link["score"],
            json.dumps(link["reasons"], ensure_ascii=False),
            link["state"],
            link["found_at"],
        ],
    )


def delete_link(db: Database, a: int, b: int) -> None:
    a, b = _pair(a, b)
    db.execute("DELETE FROM links WHERE a = ? AND b = ?", [a, b])


def set_link_state(db: Database, a: int, b: int, state: str, kind: str = "related") -> None:
    """Mark a pair merged or dismissed, creating the row if dedup never proposed it."""
    a, b = _pair(a, b)
    db.execute(
        "INSERT INTO links (a, b, kind, score, reasons, state, found_at)"
        " VALUES (?, ?, ?, 0, '[]', ?, ?)"
        " ON CONFLICT(a, b) DO UPDATE SET state = excluded.state",
        [a, b, kind, state, utcnow()],
    )


def links(
    db: Database, state: str | None = "open", article_id: int | None = None
) -> list[dict[str, Any]]:
    where, params = [], []
    if state is not None:
        where.append("state = ?")
        params.append(state)
    if article_id is not None:
        where.append("(a = ? OR b = ?)")
        params += [article_id, article_id]
    sql = "SELECT * FROM links" + (" WHERE " + " AND ".join(where) if where else "")
    cursor = db.execute(sql + " ORDER BY score DESC, a, b", params)
    return [_link_dict(cursor.description, row) for row in cursor.fetchall()]


def open_link_counts(db: Database, ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Open (duplicate, related) links per story, for a page of the inbox in one query."""
    wanted = set(ids)
    kinds: dict[tuple[int, int], str] = {}  # a link between two chunks comes back twice
    for chunk in chunks(sorted(wanted)):
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            f"SELECT a, b, kind FROM links WHERE state = 'open'"
            f" AND (a IN ({marks}) OR b IN ({marks}))",
            [*chunk, *chunk],
        )
        kinds.update(((a, b), kind) for a, b, kind in rows.fetchall())
    counts: dict[int, list[int]] = {}
    for (a, b), kind in kinds.items():
        for story in (a, b):
            if story in wanted:
                counts.setdefault(story, [0, 0])[0 if kind == "duplicate" else 1] += 1
    return {story: (d, r) for story, (d, r) in counts.items()}


# --- merges -----------------------------------------------------------------------------------

MERGE_FIELDS = ("status", "status_reason", "status_origin", "merged_into", "decided_at", "version")


def article_state(db: Database, article_id: int) -> dict[str, Any] | None:
    cursor = db.execute(
        f"SELECT id, {', '.join(MERGE_FIELDS)} FROM articles WHERE id = ?", [article_id]
    )
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row)) if row else None


def set_article_state(db: Database, article_id: int, fields: dict[str, Any]) -> None:
    names = [f for f in MERGE_FIELDS if f in fields]
    db.execute(
        f"UPDATE articles SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
        [fields[n] for n in names] + [article_id],
    )


def children(db: Database, canonical: int) -> list[int]:
    return [
        r[0]
        for r in db.execute(
            "SELECT id FROM articles WHERE merged_into = ? ORDER BY id", [canonical]
        )
    ]


def record_merge(db: Database, article_id: int, into: int, actor: str, before: dict) -> None:
    db.execute(
        upsert("merges", ("article_id", "merged_into", "actor", "at", "before"), ("article_id",)),
        [article_id, into, actor, utcnow(), json.dumps(before, ensure_ascii=False)],
    )


def merge_record(db: Database, article_id: int) -> dict[str, Any] | None:
    row = db.execute(
        "SELECT merged_into, actor, at, before FROM merges WHERE article_id = ?", [article_id]
    ).fetchone()
    if row is None:
        return None
    return {"merged_into": row[0], "actor": row[1], "at": row[2], "before": json.loads(row[3])}


def delete_merge_record(db: Database, article_id: int) -> None:
    db.execute("DELETE FROM merges WHERE article_id = ?", [article_id])


def tags_of(db: Database, article_id: int) -> list[tuple[str, str]]:
    return [
        (r[0], r[1])
        for r in db.execute(
            "SELECT tag, origin FROM tags WHERE article_id = ? ORDER BY tag, origin", [article_id]
        )
    ]


def vetoed_tags(db: Database, article_id: int) -> set[str]:
    return {
        r[0] for r in db.execute("SELECT tag FROM tag_vetoes WHERE article_id = ?", [article_id])
    }


def add_tag(db: Database, article_id: int, tag: str, origin: str) -> None:
    db.execute(
        insert_new("tags", ("article_id", "tag", "origin", "added_at")),
        [article_id, tag, origin, utcnow()],
    )


def delete_tags_with_origin_suffix(db: Database, article_id: int, suffix: str) -> None:
    db.execute(
        "DELETE FROM tags WHERE article_id = ? AND substr(origin, length(origin) - length(?) + 1)"
        " = ?",
        [article_id, suffix, suffix],
    )


def coverage(db: Database, canonical: int) -> list[dict[str, Any]]:
    """The canonical story and everything merged into it, earliest publication first."""
    cursor = db.execute(
        "SELECT id, outlet, url, published, ingested_at, title FROM articles"
        " WHERE id = ? OR merged_into = ?"
        " ORDER BY coalesce(published, ingested_at), ingested_at, id",
        [canonical, canonical],
    )
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def unindexed_ids(db: Database) -> list[int]:
    """Stories the dedup index has not seen yet (not merged ones: their canonical stands in)."""
    return [
        r[0]
        for r in db.execute(
            "SELECT id FROM articles WHERE status != 'merged'"
            " AND id NOT IN (SELECT article_id FROM dedup_docs) ORDER BY id"
        )
    ]
