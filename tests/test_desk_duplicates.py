"""One service behind merge, dismiss and unmerge: the CLI and the desk write the same audit.

Also: the outlet filter means a newsroom (`detik` is every Detik site), and `tui/` reaches
the core only through `newsdesk.desk`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.desk import ActionError, Desk, InboxQuery
from tests.conftest_tui import make_app, make_desk, settle, story

REPO = Path(__file__).resolve().parents[1]


def cli(db: str, *args: str) -> None:
    result = CliRunner().invoke(main, ["--db", str(db), "--as", "ana", *args])
    assert result.exit_code == 0, result.output


def details(desk: Desk, action: str) -> list[dict]:
    return [e.detail for e in desk.history(limit=50) if e.action == action]


def test_merge_dismiss_unmerge_audit_the_same_from_cli_and_desk(
    tmp_path: Path, db_target: str
) -> None:
    desk = make_desk(tmp_path, 6, db=db_target)
    db = db_target
    cli(db, "merge", "1", "2")
    desk.merge(3, [4])
    assert details(desk, "merge") == [{"keep": 3, "others": [4]}, {"keep": 1, "others": [2]}]
    cli(db, "dismiss", "5", "6")
    desk.dismiss(1, 5)
    assert details(desk, "dismiss") == [{"a": 1, "b": 5}, {"a": 5, "b": 6}]
    cli(db, "unmerge", "2")
    desk.unmerge(3)
    assert details(desk, "unmerge") == [{"id": 3}, {"id": 2}]
    assert desk.article(2).status == "new" and desk.article(4).status == "new"  # type: ignore[union-attr]


async def test_the_desk_merges_with_the_same_audit_and_undo_restores(
    tmp_path: Path, db_target: str
) -> None:
    desk = make_desk(tmp_path, 3, db=db_target)
    app = make_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.merge_stories(1, [2])
        await settle(pilot)
        assert details(desk, "merge") == [{"keep": 1, "others": [2]}]
        assert desk.article(2).merged_into == 1  # type: ignore[union-attr]
        await pilot.press("u")
        await settle(pilot)
    assert desk.article(2).status == "new"  # type: ignore[union-attr]


def test_a_merge_that_cannot_be_done_is_an_action_error(tmp_path: Path, db_target: str) -> None:
    desk = make_desk(tmp_path, 2, db=db_target)
    with pytest.raises(ActionError, match="cannot be merged into itself"):
        desk.merge(1, [1])
    with pytest.raises(ActionError, match="no story with id 9"):
        desk.related(9)


def test_related_lists_links_as_pairs_with_coverage(tmp_path: Path, db_target: str) -> None:
    desk = make_desk(tmp_path, 3, db=db_target)
    desk.merge(1, [3])
    links, cover = desk.related(3)
    assert [link.to_json()["a"] for link in links] == [1]
    assert [link.to_json()["b"] for link in links] == [3]
    assert cover.canonical == 1 and len(cover.stories) == 2


def test_the_outlet_filter_finds_every_site_of_a_newsroom(tmp_path: Path, db_target: str) -> None:
    outlets = ["news.detik.com", "finance.detik.com", "Detik.com", "Kompas", "detikcom.example"]
    rows = [story(i, outlet=o) for i, o in enumerate(outlets)]
    desk = make_desk(tmp_path, rows=rows, db=db_target)
    everything = InboxQuery(status=None)
    for typed in ("detik", "Detik.com", "finance.detik.com", " DETIK "):
        query = InboxQuery(status=None, outlet=typed)
        found = sorted(r["outlet"] for r in desk.page(query))
        assert found == ["Detik.com", "finance.detik.com", "news.detik.com"], typed
        assert desk.count(query) == 3
    assert [r["outlet"] for r in desk.page(InboxQuery(status=None, outlet="kompas"))] == ["Kompas"]
    assert desk.page(InboxQuery(status=None, outlet="nowhere")) == []
    assert desk.count(everything) == 5


def test_tui_imports_nothing_from_the_store() -> None:
    for path in (REPO / "tui").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                assert not name.startswith(("newsdesk.store", "store")), f"{path.name}: {name}"
                assert name != "newsdesk.desk_queries", f"{path.name}: go through Desk"
