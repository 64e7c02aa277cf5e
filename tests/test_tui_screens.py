"""Pilot tests for the rules screen and the duplicates flow (panel, compare, merge/dismiss)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable

from newsdesk.desk import Desk
from newsdesk.store import links as store_links
from newsdesk.store.articles import insert_articles
from newsdesk.tui.dupes import CompareScreen, DuplicatesScreen
from newsdesk.tui.rules_screen import RulesScreen
from tests.conftest_tui import HOSTILE, RULES, lines_of, make_app, segments_of, settle, story

SIZE = (120, 36)


def rules_desk(tmp_path: Path) -> tuple[Desk, Path]:
    if not RULES.exists():
        pytest.skip("rules.yaml not present")
    rules = tmp_path / "rules.yaml"
    shutil.copy(RULES, rules)
    desk = Desk.open(tmp_path / "desk.db", rules, actor="ana")
    desk.ingest([RULES.parent / "seeds"])
    return desk, rules


async def test_rules_screen_lists_rules_with_hits_and_explains(tmp_path: Path) -> None:
    desk, _ = rules_desk(tmp_path)
    in_force = len(desk.rules.rules)
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RulesScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == in_force
        row = table.get_row("wilayah-kalbar")
        assert str(row[3]) == "2"  # both seed stories are about Kalbar
        explain = "\n".join(lines_of(screen.query_one("#explain-body")))
        assert "fired" in explain and "wilayah-kalbar" in explain


async def test_reload_broken_rules_shows_file_line_and_keeps_rules(tmp_path: Path) -> None:
    desk, rules = rules_desk(tmp_path)
    before = desk.rules
    app = make_app(desk)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        good = rules.read_text(encoding="utf-8")
        rules.write_text(good + "  - id: broken\n    when: {text: [a}\n", encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        error = app.screen.query_one("#rules-error")
        assert error.has_class("visible")
        shown = "\n".join(lines_of(error))
        assert f"{rules}:" in shown.replace("\n", "") or "rules.yaml:" in shown
        assert "unchanged" in shown
        assert desk.rules is before  # the rules in force stay
        assert any(n.severity == "error" for n in app._notifications)
        assert app.screen.query_one(DataTable).row_count == len(before.rules)
        rules.write_text(good, encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        assert not app.screen.query_one("#rules-error").has_class("visible")
        assert desk.rules is not before


def linked_desk(tmp_path: Path, title_b: str = "Banjir besar melanda Pontianak lagi") -> Desk:
    body = (
        "Banjir besar melanda kota Pontianak pada Senin 3 November 2025 dan 1.200 warga "
        "mengungsi ke Masjid Raya."
    )
    desk = Desk.open(tmp_path / "desk.db", None, actor="ana")
    insert_articles(
        desk.store,
        [
            story(1, title="Banjir besar melanda Pontianak", body=body, published="2025-11-03"),
            story(
                2,
                title=title_b,
                body=body + " Wali Kota Edi Kamtono meninjau.",
                published="2025-11-04",
            ),
            story(
                3,
                title="Harga beras naik",
                body="Harga beras naik di Sambas.",
                published="2025-11-01",
            ),
        ],
    )
    with desk.store.write() as db:
        store_links.upsert_link(db, 1, 2, "duplicate", 0.91, ["same figures: 1.200", "same place"])
    return desk


async def test_duplicate_marker_panel_and_compare(tmp_path: Path) -> None:
    desk = linked_desk(tmp_path, title_b=HOSTILE)
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = "\n".join(lines_of(app.inbox))
        assert text.count("⧉1") == 2  # both sides carry the marker
        while app.inbox.current_row()["id"] != 1:
            await pilot.press("j")
        await settle(pilot)
        assert "duplicate #2 score 91" in "\n".join(lines_of(app.query_one("#preview-body")))
        await pilot.press("D")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DuplicatesScreen)
        assert screen.query_one(DataTable).row_count == 1
        assert "same figures: 1.200" in "\n".join(lines_of(screen.query_one("#dupes-reasons")))
        await pilot.press("c")
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        header = "\n".join(lines_of(compare.query_one("#compare-title")))
        assert "shared passages" in header
        right = compare.query_one("#compare-right-body")
        segments = segments_of(right)
        right_text = "".join(s.text for s in segments)
        assert "[bold red]X[/] [@click=app.quit]Q" in right_text  # literal in compare too
        assert "\x1b" not in right_text
        assert all(not (s.style and s.style.link) for s in segments)
        # the shared figure is highlighted on both sides
        left = compare.query_one("#compare-left-body")
        styled = segments_of(left)
        assert any(s.text == "1.200" and s.style and s.style.bold for s in styled)


async def test_merge_then_undo_and_dismiss(tmp_path: Path) -> None:
    pytest.importorskip("newsdesk.merge")
    desk = linked_desk(tmp_path)
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        while app.inbox.current_row()["id"] != 1:
            await pilot.press("j")
        await pilot.press("D")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("enter")  # keep #1
        await settle(pilot)
        article = desk.article(2)
        assert article is not None and article.status == "merged" and article.merged_into == 1
        await pilot.press("u")
        await settle(pilot)
        article = desk.article(2)
        assert article is not None and article.status == "new" and article.merged_into is None
        await pilot.press("x")  # not a duplicate
        await settle(pilot)
        states = [link.state for link in app.screen.links]
        assert states == ["dismissed"]


async def test_merge_then_unmerge(tmp_path: Path) -> None:
    pytest.importorskip("newsdesk.merge")
    desk = linked_desk(tmp_path)
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        while app.inbox.current_row()["id"] != 1:
            await pilot.press("j")
        await pilot.press("D")
        await settle(pilot)
        await pilot.press("m", "enter")
        await settle(pilot)
        assert desk.article(2).merged_into == 1
        await pilot.press("escape")  # back to the inbox: the canonical story shows its coverage
        await settle(pilot)
        assert app.inbox.current_row()["id"] == 1
        preview = "\n".join(lines_of(app.query_one("#preview-body")))
        assert (
            "Coverage" in preview and "#1" in preview and "#2" in preview and "(first)" in preview
        )
        await pilot.press("D")
        await settle(pilot)
        await pilot.press("U")
        await settle(pilot)
        assert desk.article(2).merged_into is None and desk.article(2).status == "new"
