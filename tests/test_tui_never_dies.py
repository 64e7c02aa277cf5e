"""The desk survives what used to end it: double-clicks, failing workers, broken rules.

Each failure is told to the editor as a notification naming the error; the desk goes on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events

from newsdesk.desk import Desk
from newsdesk.tui.modals import PickModal
from tests.conftest_tui import make_app, make_desk, settle

SIZE = (120, 36)


def errors(app: Any) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


async def test_double_click_on_the_inbox_and_the_counts_bar_keeps_the_desk(
    tmp_path: Path,
) -> None:
    app = make_app(make_desk(tmp_path, 5))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.double_click("#inbox", offset=(10, 2))
        await settle(pilot)
        assert app.inbox.cursor == 2  # the click moved the cursor, the double-click reads it
        assert type(app.screen).__name__ == "ReaderScreen"
        await pilot.press("escape")
        await pilot.double_click("#counts", offset=(5, 0))
        await settle(pilot)
        assert app.is_running and app._exception is None


async def test_double_click_on_a_pick_list_answers_once(tmp_path: Path) -> None:
    app = make_app(make_desk(tmp_path, 2))
    answers: list[str | None] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(PickModal("Pick", [("a", "first"), ("b", "second")]), answers.append)
        await settle(pilot)
        # as a terminal sends it: four events in a row, before the dialog has gone
        region = app.screen.query_one("#pick-choices").region
        x, y = region.x + 3, region.y + 1
        for cls in (events.MouseDown, events.MouseUp) * 2:
            app.post_message(cls(None, x, y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y))
        await settle(pilot)
        assert app.is_running and app._exception is None
        assert answers == ["a"]
        assert len(app.screen_stack) == 1


async def test_a_failing_preview_worker_is_a_notification_naming_the_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(make_desk(tmp_path, 3))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def broken(self: Desk, article_id: int) -> Any:
            raise OSError("disk I/O error")

        monkeypatch.setattr(Desk, "article", broken)
        await pilot.press("j")
        await settle(pilot)
        assert app.is_running
        assert any("OSError: disk I/O error" in m for m in errors(app)), errors(app)
        monkeypatch.undo()
        await pilot.press("j")  # the desk goes on
        await settle(pilot)
        assert app.article is not None and app.article.id == app.inbox.current_row()["id"]


async def test_a_failing_inbox_page_stops_saying_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(make_desk(tmp_path, 3))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def broken(self: Desk, *a: Any, **k: Any) -> Any:
            raise RuntimeError("database disk image is malformed")

        monkeypatch.setattr(Desk, "page", broken)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.is_running
        assert any("RuntimeError: database disk image is malformed" in m for m in errors(app))
        assert "loading" not in app.counts_bar.render_state().plain


async def test_rules_that_fail_on_a_story_are_reported_and_the_story_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class BrokenRules:
        def evaluate(self, article: Any) -> Any:
            raise ValueError("rule 'x' exploded")

    monkeypatch.setattr(Desk, "rules", property(lambda self: BrokenRules()))
    app = make_app(make_desk(tmp_path, 2))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.article is not None  # shown, without highlights
        assert any("ValueError: rule 'x' exploded" in m for m in errors(app)), errors(app)


async def test_the_change_poller_reports_a_failure_once_and_keeps_polling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = make_desk(tmp_path, 1)
    app = make_app(desk, poll_interval=0.01)
    store_cls = type(desk.store)
    real = store_cls.data_version
    calls = {"n": 0}

    def flaky(self: Any) -> int:
        calls["n"] += 1
        if 2 <= calls["n"] <= 6:
            raise RuntimeError("locked")
        return real(self)

    monkeypatch.setattr(store_cls, "data_version", flaky)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if calls["n"] > 8:
                break
        assert calls["n"] > 8, "the poller stopped"
        assert [m for m in errors(app) if "RuntimeError: locked" in m] and len(errors(app)) == 1


async def test_quitting_while_the_first_stories_load_is_clean(tmp_path: Path) -> None:
    """Late messages (a page, a preview) after quit found no widgets: NoMatches at exit."""
    desk = make_desk(tmp_path, 30)
    for _ in range(3):
        app = make_app(desk)
        async with app.run_test(size=SIZE):
            pass  # leave at once, with the inbox and the preview still loading
        assert app._exception is None
