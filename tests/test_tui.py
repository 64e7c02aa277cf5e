"""Pilot tests for the desk: every action and flow, driven from the keyboard."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from newsdesk.desk import Desk
from newsdesk.store.articles import InboxQuery, insert_articles
from newsdesk.tui.inbox import PAGE, WINDOW, InboxList
from newsdesk.tui.modals import PickModal, PromptModal
from tests.conftest_tui import lines_of, make_app, make_desk, settle, story

SIZE = (120, 36)


def inbox_text(app) -> str:
    return "\n".join(lines_of(app.query_one(InboxList)))


def status_of(desk: Desk, article_id: int) -> str:
    article = desk.article(article_id)
    assert article is not None
    return article.status


async def test_inbox_lists_newest_first_with_counts(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, 5)
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = [line for line in lines_of(app.inbox) if line.strip()]
        assert len(lines) == 5
        # published 2025-10-05 (story 4) is newest
        assert "Story number 4" in lines[0]
        assert "Story number 0" in lines[-1]
        bar = app.counts_bar.render_state().plain
        assert "new 5" in bar and "1/5" in bar
        assert app.article is not None and app.article.id == app.inbox.current_row()["id"]


async def test_approve_moves_on_and_undo_restores(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, 3)
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.inbox.current_row()["id"]
        await pilot.press("a")
        await settle(pilot)
        assert status_of(desk, first) == "approved"
        assert app.counts["approved"] == 1 and app.counts["new"] == 2
        assert str(first) not in [str(r["id"]) for r in app.inbox.rows]
        await pilot.press("u")
        await settle(pilot)
        assert status_of(desk, first) == "new"
        assert app.counts["approved"] == 0
        assert len(app.inbox.rows) == 3
    # audited and persistent: a fresh desk sees the undo in the history
    actions = [e.action for e in desk.history(first)]
    assert "approve" in actions and "undo approve" in actions


async def test_reject_with_a_reason(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, 2)
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = app.inbox.current_row()["id"]
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, PromptModal)
        await pilot.press(*"off-topic")
        await pilot.press("enter")
        await settle(pilot)
        article = desk.article(target)
        assert article is not None
        assert article.status == "rejected" and article.status_reason == "off-topic"
        await pilot.press("3")  # the rejected stories
        await settle(pilot)
        assert [r["id"] for r in app.inbox.rows] == [target]
        await pilot.press("o")  # reopen
        await settle(pilot)
        assert status_of(desk, target) == "new" and app.inbox.rows == []


async def test_reject_cancelled_with_escape_does_nothing(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, 1)
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert status_of(desk, 1) == "new"


async def test_tag_modal_completes_from_existing_tags(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, 2)
    desk.tag([1], ["pemerintahan"])
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = app.inbox.current_row()["id"]
        assert target == 2
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, PromptModal)
        await pilot.press("p", "e", "m")
        await settle(pilot)
        await pilot.press("tab")  # take the suggestion
        field = app.screen.query_one(Input)
        assert field.value == "pemerintahan"
        await pilot.press("enter")
        await settle(pilot)
        article = desk.article(target)
        assert article is not None
        assert [(t.tag, t.origin) for t in article.tags] == [("pemerintahan", "editor:ana")]
        assert "pemerintahan" in inbox_text(app)
        # untag, picking from the story's own tags
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        article = desk.article(target)
        assert article is not None and article.tags == []


async def test_set_desk_and_priority(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, 1)
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press(*"metro", "enter")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PickModal)
        await pilot.press("j", "enter")  # urgent, then high
        await settle(pilot)
        article = desk.article(1)
        assert article is not None
        assert article.desk == "metro" and article.priority == "high"
        assert "!!" in inbox_text(app)


async def test_bulk_select_and_approve_then_undo(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, 6)
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        chosen = [app.inbox.rows[i]["id"] for i in (0, 1, 3)]
        await pilot.press("space", "space", "j", "space")
        await settle(pilot)
        assert set(app.inbox.selected) == set(chosen)
        assert "3 selected" in app.counts_bar.render_state().plain
        assert inbox_text(app).count("●") == 3
        await pilot.press("a")
        await settle(pilot)
        assert [status_of(desk, i) for i in chosen] == ["approved"] * 3
        assert app.inbox.selected == {}
        assert app.counts["new"] == 3
        await pilot.press("u")
        await settle(pilot)
        assert [status_of(desk, i) for i in chosen] == ["new"] * 3


async def test_conflict_is_reported_and_view_refreshed(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, 2)
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = app.inbox.current_row()["id"]
        other = Desk.open(tmp_path / "desk.db", None, actor="budi")
        other.tag([target], ["banjir"])  # someone else changes it after we loaded it
        other.close()
        await pilot.press("a")
        await settle(pilot)
        assert status_of(desk, target) == "new"
        messages = [n.message for n in app._notifications]
        assert any("changed since you loaded it" in m and "budi" in m for m in messages)
        assert app.inbox.current_row()["version"] == 2  # refreshed


async def test_search_and_status_filters(tmp_path: Path) -> None:
    rows = [story(i) for i in range(4)]
    rows.append(story(10, title="Banjir besar di Pontianak", body="Air naik."))
    desk = make_desk(tmp_path, rows=rows)
    desk.approve([1])
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"pontia", "enter")  # prefix search
        await settle(pilot)
        assert app.query_state.search == "pontia"
        assert app.focused is app.inbox  # keys act on the list again
        assert [r["title"] for r in app.inbox.rows] == ["Banjir besar di Pontianak"]
        assert "search=pontia" in app.counts_bar.render_state().plain
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert app.query_state.search is None and len(app.inbox.rows) == 4
        await pilot.press("2")
        await settle(pilot)
        assert [r["id"] for r in app.inbox.rows] == [1]
        await pilot.press("0")
        await settle(pilot)
        assert len(app.inbox.rows) == 5
        # a search with FTS syntax characters never errors
        await pilot.press("slash", *'"-:(', "enter")
        await settle(pilot)
        assert app.inbox.rows == []


async def test_filter_by_tag_and_outlet(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, 6)
    desk.tag([2, 3], ["banjir"])
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("j", "enter")  # tag
        await settle(pilot)
        await pilot.press(*"banjir", "enter")
        await settle(pilot)
        assert sorted(r["id"] for r in app.inbox.rows) == [2, 3]
        assert app.inbox.total == 2
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("j", "j", "j", "enter")  # outlet
        await settle(pilot)
        await pilot.press(*"Kompas", "enter")
        await settle(pilot)
        assert [r["id"] for r in app.inbox.rows] == [3]
        await pilot.press("f", "j", "j", "j", "j", "enter")  # clear
        await settle(pilot)
        assert len(app.inbox.rows) == 6


async def test_paging_never_holds_more_than_a_window(tmp_path: Path) -> None:
    n = PAGE * 4 + 17
    desk = make_desk(tmp_path, rows=[story(i, published="2025-10-01") for i in range(n)])
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.inbox.rows) == PAGE
        await pilot.press("G")
        await settle(pilot)
        assert app.inbox.cursor == n - 1
        assert app.inbox.current_row()["id"] == 1  # the oldest
        assert len(app.inbox.rows) <= WINDOW
        for _ in range(12):
            await pilot.press("pageup")
        await settle(pilot)
        row = app.inbox.current_row()
        assert row is not None and row["id"] == app.inbox.cursor * -1 + n
        await pilot.press("g")
        await settle(pilot)
        assert app.inbox.cursor == 0 and app.inbox.current_row()["id"] == n
        for _ in range(30):
            await pilot.press("pagedown")
            await settle(pilot, rounds=1)
        assert len(app.inbox.rows) <= WINDOW
        row = app.inbox.current_row()
        assert row is not None and row["id"] == n - app.inbox.cursor


async def test_live_refresh_keeps_cursor_and_selection(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, 5)
    app = make_app(desk, poll_interval=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "space")  # select the third, cursor on the fourth
        await settle(pilot)
        on = app.inbox.current_row()["id"]
        picked = set(app.inbox.selected)
        other = Desk.open(tmp_path / "desk.db", None, actor="feed")
        insert_articles(other.store, [story(100, published="2025-11-01", title="Fresh news")])
        other.close()
        for _ in range(40):
            await pilot.pause(0.05)
            if app.counts.get("new") == 6:
                break
        await settle(pilot)
        assert app.counts["new"] == 6
        assert app.inbox.rows[0]["title"] == "Fresh news"
        assert app.inbox.current_row()["id"] == on
        assert set(app.inbox.selected) == picked


async def test_help_lists_every_binding_as_mapped(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, 1)
    app = make_app(desk, keymap={"desk.approve": "A"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")  # remapped away: does nothing
        await settle(pilot)
        assert status_of(desk, 1) == "new"
        await pilot.press("A")
        await settle(pilot)
        assert status_of(desk, 1) == "approved"
        rows = app.help_rows()
        assert ("Acting on stories", "A", "Approve", "desk.approve") in rows
        await pilot.press("question_mark")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        assert type(app.screen).__name__ != "HelpScreen"


async def test_command_palette_runs_desk_actions(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, 1)
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"approve")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert status_of(desk, 1) == "approved"


async def test_empty_state_offers_the_samples(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "one.txt").write_text(
        "Banjir melanda Pontianak\n\nAir sungai Kapuas naik sejak pagi.\n", encoding="utf-8"
    )
    desk = make_desk(tmp_path)
    app = make_app(desk, samples=samples)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.has_class("empty")
        text = "\n".join(lines_of(app.query_one("#empty-state")))
        assert "No stories yet" in text and "L" in text
        await pilot.press("L")
        await settle(pilot)
        assert not app.has_class("empty")
        assert desk.count(InboxQuery(status=None)) == 1
        assert "Banjir melanda Pontianak" in inbox_text(app)
