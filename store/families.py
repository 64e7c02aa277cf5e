"""Story families: who is in which family, and each family's outlets, first publisher, span."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from newsdesk.store.db import utcnow
from newsdesk.store.engine import Database
from newsdesk.store.links import chunks
from newsdesk.store.statements import upsert

_PUBLISHED = "coalesce(a.published, substr(a.ingested_at, 1, 10))"


def family_of(db: Database, ids: Sequence[int]) -> dict[int, int]:
    """{article id: family id} for the given stories that belong to a family."""
    found: dict[int, int] = {}
    for part in chunks(list(ids)):
        marks = ", ".join("?" * len(part))
        found.update(
            db.execute(
                f"SELECT article_id, family_id FROM family_members WHERE article_id IN ({marks})",
                part,
            ).fetchall()
        )
    return found


def member_ids(db: Database, family_id: int) -> list[int]:
    rows = db.execute(
        "SELECT article_id FROM family_members WHERE family_id = ? ORDER BY article_id",
        [family_id],
    )
    return [r[0] for r in rows]


def member_ids_of(db: Database, family_ids: Sequence[int]) -> dict[int, list[int]]:
    """{family id: member ids, first published first} for many families in one query."""
    out: dict[int, list[int]] = {}
    for part in chunks(list(family_ids)):
        rows = db.execute(
            f"SELECT f.family_id, f.article_id FROM family_members f"
            f" JOIN articles a ON a.id = f.article_id"
            f" WHERE f.family_id IN ({', '.join('?' * len(part))})"
            f" ORDER BY {_PUBLISHED}, a.id",
            part,
        )
        for family_id, article_id in rows:
            out.setdefault(family_id, []).append(article_id)
    return out


def put_member(
    db: Database, article_id: int, family_id: int, score: float, why: Iterable[str], origin: str
) -> None:
    db.execute(
        upsert(
            "family_members",
            ("article_id", "family_id", "score", "why", "origin", "joined_at"),
            ("article_id",),
        ),
        [article_id, family_id, score, json.dumps(list(why), ensure_ascii=False), origin, utcnow()],
    )
    _refresh_lead(db, family_id)


def put_members_bulk(db: Database, rows: Iterable[tuple[int, int, float, list[str], str]]) -> None:
    """Many (article, family, score, why, origin) rows at once; leads set in one pass."""
    now = utcnow()
    db.conn.executemany(
        upsert(
            "family_members",
            ("article_id", "family_id", "score", "why", "origin", "joined_at", "lead"),
            ("article_id",),
        ),
        (
            (article_id, family_id, score, json.dumps(why, ensure_ascii=False), origin, now, 0)
            for article_id, family_id, score, why, origin in rows
        ),
    )
    db.execute(
        "UPDATE family_members SET lead = 1 WHERE article_id IN ("
        " SELECT article_id FROM (SELECT f.article_id, row_number() OVER ("
        f"  PARTITION BY f.family_id ORDER BY {_PUBLISHED}, a.id) AS n"
        "  FROM family_members f JOIN articles a ON a.id = f.article_id) AS firsts WHERE n = 1)"
    )


def _refresh_lead(db: Database, family_id: int) -> None:
    """The first published member leads: it is the family's one row in the inbox."""
    db.execute(
        "UPDATE family_members SET lead = CASE WHEN article_id = ("
        " SELECT m.article_id FROM family_members m JOIN articles b ON b.id = m.article_id"
        f" WHERE m.family_id = ? ORDER BY {_PUBLISHED.replace('a.', 'b.')}, b.id LIMIT 1)"
        " THEN 1 ELSE 0 END WHERE family_id = ?",
        [family_id, family_id],
    )


def remove_member(db: Database, article_id: int) -> None:
    """Take a story out of its family; a family left with one story dissolves."""
    row = db.execute(
        "SELECT family_id FROM family_members WHERE article_id = ?", [article_id]
    ).fetchone()
    db.execute("DELETE FROM family_members WHERE article_id = ?", [article_id])
    if row is not None:
        left = member_ids(db, row[0])
        if len(left) == 1:
            db.execute("DELETE FROM family_members WHERE article_id = ?", [left[0]])
        else:
            _refresh_lead(db, row[0])


def clear(db: Database, keep_origin_prefix: str = "editor:") -> None:
    """Forget the families dedup made; families an editor touched are kept whole."""
    db.execute(
        "DELETE FROM family_members WHERE family_id NOT IN ("
        " SELECT family_id FROM family_members WHERE origin LIKE ? || '%')",
        [keep_origin_prefix],
    )


def all_members(db: Database) -> dict[int, int]:
    """{article id: family id} for every story in a family."""
    return dict(db.execute("SELECT article_id, family_id FROM family_members").fetchall())


def dismissed_pairs(db: Database, ids: Sequence[int]) -> set[tuple[int, int]]:
    """Pairs among these stories an editor said are not one story."""
    ids = list(ids)
    if not ids:
        return set()
    marks = ", ".join("?" * len(ids))
    rows = db.execute(
        f"SELECT a, b FROM links WHERE state = 'dismissed' AND a IN ({marks}) AND b IN ({marks})",
        ids + ids,
    )
    return {(a, b) for a, b in rows}


def kept_members(db: Database, origin_prefix: str = "editor:") -> dict[int, int]:
    """{article id: family id} of the families an editor touched: a full pass keeps them."""
    return dict(
        db.execute(
            "SELECT article_id, family_id FROM family_members WHERE family_id IN ("
            " SELECT family_id FROM family_members WHERE origin LIKE ? || '%')",
            [origin_prefix],
        ).fetchall()
    )


def dismissed_pairs_all(db: Database) -> set[tuple[int, int]]:
    return {(a, b) for a, b in db.execute("SELECT a, b FROM links WHERE state = 'dismissed'")}


def members(db: Database, family_id: int) -> list[dict[str, Any]]:
    """The family's stories, first published first, with why each is in."""
    cursor = db.execute(
        f"SELECT a.id, a.title, a.outlet, a.url, {_PUBLISHED} AS published, a.status,"
        " f.score, f.why, f.origin, f.joined_at FROM family_members f"
        " JOIN articles a ON a.id = f.article_id WHERE f.family_id = ?"
        f" ORDER BY {_PUBLISHED}, a.id",
        [family_id],
    )
    names = [d[0] for d in cursor.description]
    out = []
    for values in cursor.fetchall():
        row = dict(zip(names, values))
        row["why"] = json.loads(row["why"])
        out.append(row)
    return out


def summaries(
    db: Database, family_ids: Sequence[int] | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """One row per family: size, outlets, first published story and the time span."""
    where, params = "", []
    if family_ids is not None:
        ids = list(family_ids)
        if not ids:
            return []
        where = f" WHERE f.family_id IN ({', '.join('?' * len(ids))})"
        params = ids
    sql = (
        f"SELECT f.family_id, count(*) AS size, min({_PUBLISHED}) AS first_published,"
        f" max({_PUBLISHED}) AS last_published,"
        f" {db.engine.agg_distinct('a.outlet')} AS outlets,"
        " (SELECT m.article_id FROM family_members m JOIN articles b ON b.id = m.article_id"
        "  WHERE m.family_id = f.family_id"
        "  ORDER BY coalesce(b.published, substr(b.ingested_at, 1, 10)), b.id LIMIT 1)"
        " AS first_id"
        " FROM family_members f JOIN articles a ON a.id = f.article_id"
        f"{where} GROUP BY f.family_id ORDER BY last_published DESC, f.family_id DESC"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, values)) for values in cursor.fetchall()]
    for row in rows:
        row["outlets"] = sorted(set((row["outlets"] or "").split(",")) - {""})
    return rows
