"""Merge, unmerge and dismiss: validation, united tags, coverage, exact restoration, audit."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest

from newsdesk.desk import Desk
from newsdesk.merge import MergeError, coverage, dismiss, merge, unmerge
from newsdesk.store import Store
from newsdesk.store import articles as q
from newsdesk.store import links as sql


def add_story(store: Store, title: str, outlet: str, published: str | None) -> int:
    body = f"Isi berita {title} dari {outlet}."
    row = {
        "title": title,
        "body": body,
        "raw": body.encode(),
        "content_hash": hashlib.sha256(f"{title}{outlet}".encode()).hexdigest(),
        "outlet": outlet,
        "published": published,
        "source": f"{outlet}.txt",
        "format": "text",
    }
    return q.insert_articles(store, [row]).ids[0]


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    """On each engine: a SQLite file, or a PostgreSQL database."""
    s = Store.open(db_target)
    yield s
    s.close()


@pytest.fixture
def three(store: Store) -> list[int]:
    ids = [
        add_story(store, "Banjir Bandung", "detik.com", "2025-06-17T10:00:00+07:00"),
        add_story(store, "Banjir Dayeuhkolot", "kompas.com", "2025-06-17T08:00:00+07:00"),
        add_story(store, "Citarum meluap", "tempo.co", "2025-06-18"),
    ]
    with store.write() as db:
        sql.add_tag(db, ids[0], "bencana", "rule:bencana")
        sql.add_tag(db, ids[1], "bencana", "rule:bencana")
        sql.add_tag(db, ids[1], "jabar", "editor:ana")
        sql.add_tag(db, ids[2], "cuaca", "rule:cuaca")
        sql.add_tag(db, ids[2], "vetoed", "rule:x")
        db.execute("INSERT INTO tag_vetoes VALUES (?, 'vetoed', 'ana', '2025-06-18')", [ids[0]])
        sql.upsert_link(db, ids[0], ids[1], "duplicate", 88.0, ["same figures: 1.420"])
    return ids


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, to compare whole databases.

    Left out: the engines' own bookkeeping, the FTS5 index and sqlite_* tables on SQLite,
    and `newsdesk_state` on PostgreSQL (a commit counter, SQLite's data_version as a row).
    """
    tables = sorted(
        t
        for t in store.engine.tables(store.conn)
        if not t.startswith(("articles_fts", "sqlite_")) and t != "newsdesk_state"
    )
    return {
        t: sorted(store.conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables
    }


def without_version(store: Store, tables: dict[str, list[tuple]]) -> list[tuple]:
    columns = [c[0] for c in store.conn.execute("SELECT * FROM articles LIMIT 0").description]
    at = columns.index("version")
    return [row[:at] + row[at + 1 :] for row in tables["articles"]]


def test_merge_then_unmerge_leaves_the_database_exactly_as_before(
    store: Store, three: list[int]
) -> None:
    before = dump(store)
    merge(store, three[0], three[1:], actor="ana")
    assert dump(store) != before
    unmerge(store, three[0])
    assert dump(store) == before


def test_unmerging_one_story_restores_only_that_one(store: Store, three: list[int]) -> None:
    merge(store, three[0], [three[1]], actor="ana")
    before = dump(store)
    merge(store, three[0], [three[2]], actor="ana")
    unmerge(store, three[2])
    assert dump(store) == before


def test_merged_stories_point_to_the_canonical_and_tags_are_united(
    store: Store, three: list[int]
) -> None:
    keep, *others = three
    merge(store, keep, others, actor="ana")
    for other in others:
        state = sql.article_state(store.db, other)
        assert state is not None
        assert (state["status"], state["merged_into"]) == ("merged", keep)
    tags = dict(sql.tags_of(store.db, keep))
    assert tags["jabar"] == f"editor:ana;merged-from:{others[0]}"
    assert tags["cuaca"] == f"editor:ana;merged-from:{others[1]}"
    assert tags["bencana"] == "rule:bencana"  # already there: not copied twice
    assert "vetoed" not in tags  # the editor removed it from the canonical one
    link = sql.get_link(store.db, keep, others[0])
    assert link is not None and link["state"] == "merged"


def test_coverage_shows_every_outlet_and_the_first_publisher(
    store: Store, three: list[int]
) -> None:
    merge(store, three[0], three[1:], actor="ana")
    cover = coverage(store, three[2])
    assert cover.canonical == three[0]
    assert cover.first is not None and cover.first["outlet"] == "kompas.com"
    assert [p["outlet"] for p in cover.pickups] == ["detik.com", "tempo.co"]
    assert sorted(cover.outlets) == ["detik.com", "kompas.com", "tempo.co"]


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda s, ids: merge(s, ids[0], [ids[0]]), "cannot be merged into itself"),
        (lambda s, ids: merge(s, ids[0], [999]), "no story with id 999"),
        (lambda s, ids: merge(s, ids[1], [ids[2]]), "is itself merged into story"),
        (lambda s, ids: merge(s, ids[2], [ids[1]]), "already merged into story"),
        (lambda s, ids: merge(s, ids[2], [ids[0]]), "has stories merged into it"),
        (lambda s, ids: unmerge(s, ids[2]), "is not merged and has nothing merged"),
        (lambda s, ids: dismiss(s, ids[0], ids[1]), "are merged; unmerge first"),
    ],
)
def test_impossible_merges_are_refused_naming_the_stories(
    store: Store, three: list[int], action, message: str
) -> None:
    merge(store, three[0], [three[1]], actor="ana")
    before = dump(store)
    with pytest.raises(MergeError, match=message):
        action(store, three)
    assert dump(store) == before


def test_a_dismissed_pair_is_never_proposed_again(store: Store, three: list[int]) -> None:
    dismiss(store, three[0], three[1])
    with store.write() as db:
        assert not sql.upsert_link(db, three[0], three[1], "duplicate", 99.0, ["again"])
    link = sql.get_link(store.db, three[0], three[1])
    assert link is not None
    assert (link["state"], link["score"]) == ("dismissed", 88.0)
    assert sql.links(store.db, state="open") == []


def test_merge_through_the_desk_is_audited_and_undone(db_target: str) -> None:
    desk = Desk.open(db_target, None, actor="ana")
    try:
        ids = [
            add_story(desk.store, "A", "detik.com", "2025-06-17"),
            add_story(desk.store, "B", "kompas.com", "2025-06-17"),
        ]
        before = dump(desk.store)
        result = desk.mutate("merge", ids, lambda s: merge(s, ids[0], [ids[1]], "ana"))
        assert result.audit_id is not None
        assert desk.article(ids[1]).status == "merged"  # type: ignore[union-attr]
        desk.undo()
        after = dump(desk.store)
        # the desk moves versions forward on every change (stale views must conflict)
        assert without_version(desk.store, after) == without_version(desk.store, before)
        assert after["tags"] == before["tags"]
        assert after["links"] == before["links"]
    finally:
        desk.close()
