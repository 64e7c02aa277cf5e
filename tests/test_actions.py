"""Editor actions through the desk service: audited, undoable, conflict-aware."""

from __future__ import annotations

import pytest

from newsdesk.desk import ActionError, Conflict, Desk

from .conftest import SEEDS


@pytest.fixture
def db_path(db_target: str) -> str:
    """Every test here runs on both engines: a SQLite file path, or a PostgreSQL URL."""
    return db_target


@pytest.fixture
def ids(desk: Desk) -> list[int]:
    return desk.ingest([SEEDS]).stored


def dump(desk: Desk) -> dict[str, list[tuple]]:
    conn = desk.store.conn
    return {
        t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall())
        for t in ("tags", "tag_vetoes", "links")
    } | {
        "articles": sorted(
            conn.execute(
                "SELECT id, status, status_reason, desk, priority, flag, merged_into FROM articles"
            ).fetchall()
        )
    }


def test_approve_and_reject_are_audited(desk: Desk, ids: list[int]) -> None:
    desk.approve([ids[0]])
    desk.reject([ids[1]], reason="iklan")
    a, b = desk.articles(ids)
    assert (a.status, b.status, b.status_reason) == ("approved", "rejected", "iklan")
    actions = [(e.actor, e.action, e.article_ids) for e in desk.history()]
    assert actions == [("ana", "reject", [ids[1]]), ("ana", "approve", [ids[0]])]


def test_undo_restores_exactly_and_is_itself_audited(desk: Desk, ids: list[int]) -> None:
    before = dump(desk)
    desk.tag(ids, ["kalbar", "Pemerintahan "])
    desk.set_desk([ids[0]], "daerah")
    desk.untag([ids[1]], ["kalbar"])
    for _ in range(3):
        assert desk.undo() is not None
    assert dump(desk) == before
    assert desk.undo() is None
    assert [e.action for e in desk.history()][:3] == ["undo tag", "undo desk", "undo untag"]


def test_tag_removed_by_editor_is_vetoed(desk: Desk, ids: list[int]) -> None:
    desk.tag([ids[0]], ["kalbar"])
    desk.untag([ids[0]], ["kalbar"])
    art = desk.article(ids[0])
    assert "kalbar" not in art.tag_names
    assert desk.store.conn.execute("SELECT tag, editor FROM tag_vetoes").fetchall() == [
        ("kalbar", "ana")
    ]


def test_undo_is_per_editor(db_path, ids: list[int], desk: Desk) -> None:
    budi = Desk.open(db_path, None, actor="budi")
    desk.approve([ids[0]])
    assert budi.undo() is None
    assert desk.undo().action == "approve"
    budi.close()


def test_stale_version_is_a_conflict_naming_the_story(db_path, desk: Desk, ids: list[int]) -> None:
    budi = Desk.open(db_path, None, actor="budi")
    seen = desk.article(ids[0]).version
    budi.reject([ids[0]], reason="basi")
    with pytest.raises(Conflict, match=rf"story {ids[0]} changed .*reject by budi"):
        desk.approve([ids[0]], expected_versions={ids[0]: seen})
    assert desk.article(ids[0]).status == "rejected"
    budi.close()


def test_undo_refuses_to_overwrite_someone_elses_change(
    db_path, desk: Desk, ids: list[int]
) -> None:
    budi = Desk.open(db_path, None, actor="budi")
    desk.approve([ids[0]])
    budi.reject([ids[0]])
    with pytest.raises(Conflict, match=f"story {ids[0]}"):
        desk.undo()
    assert desk.article(ids[0]).status == "rejected"
    budi.close()


def test_unknown_story_and_bad_priority_are_clear_errors(desk: Desk, ids: list[int]) -> None:
    with pytest.raises(ActionError, match="no story with id 999"):
        desk.approve([999])
    with pytest.raises(ActionError, match="unknown priority 'asap'"):
        desk.set_priority([ids[0]], "asap")


def test_noop_action_writes_no_audit_entry(desk: Desk, ids: list[int]) -> None:
    desk.approve([ids[0]])
    desk.tag([ids[0]], ["x"])
    entries = len(desk.history())
    assert desk.approve([ids[0]]).changed == 0
    assert desk.tag([ids[0]], ["x"]).changed == 0
    assert len(desk.history()) == entries


def test_undo_of_a_merge_leaves_no_merge_record(desk: Desk, ids: list[int]) -> None:
    from newsdesk.merge import merge

    before = dump(desk)
    desk.mutate("merge", ids, lambda store: merge(store, ids[0], [ids[1]], desk.actor))
    assert desk.store.conn.execute("SELECT count(*) FROM merges").fetchone()[0] == 1
    desk.undo()
    assert desk.store.conn.execute("SELECT count(*) FROM merges").fetchone()[0] == 0
    assert dump(desk) == before
