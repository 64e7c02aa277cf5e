"""Snapshot tests of the desk, one class per feature: 120x36, fixed clock and theme,
no blinking cursor, a database built from seeds/ in a temp dir, workers done before each shot.

Update after an intended change: pytest tests/test_snapshots.py --snapshot-update
(then look at each SVG in the report or in tests/__snapshots__/).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsdesk.desk import Desk
from newsdesk.desk_queries import Link
from newsdesk.tui.app import DeskApp
from newsdesk.tui.dupes import CompareScreen
from tests.conftest_tui import RULES, SEEDS, make_app, settle

SIZE = (120, 36)


def seeded_app(tmp_path: Path, **kw: Any) -> DeskApp:
    if not RULES.exists():
        pytest.skip("rules.yaml not present")
    desk = Desk.open(tmp_path / "desk.db", RULES, actor="ana")
    desk.ingest([SEEDS])
    return make_app(desk, cursor_blink=False, theme="textual-dark", **kw)


def empty_app(tmp_path: Path) -> DeskApp:
    desk = Desk.open(tmp_path / "desk.db", RULES if RULES.exists() else None, actor="ana")
    return make_app(desk, cursor_blink=False, theme="textual-dark", samples=Path("seeds"))


def then(*keys: str, extra: Callable[[Any], Any] | None = None) -> Callable[[Any], Any]:
    """run_before: wait for the workers, press keys, wait again."""

    async def run(pilot: Any) -> None:
        await settle(pilot)
        if extra is not None:
            extra(pilot)
            await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


class TestInbox:
    def test_inbox_with_the_seeds(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(seeded_app(tmp_path), terminal_size=SIZE, run_before=then())


class TestPreview:
    def test_preview_of_the_second_story(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(seeded_app(tmp_path), terminal_size=SIZE, run_before=then("j"))


class TestTagModal:
    def test_tag_modal_with_completion(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(
            seeded_app(tmp_path), terminal_size=SIZE, run_before=then("t", "t", "o", "p")
        )


class TestCompare:
    def test_compare_the_two_seeds(self, snap_compare: Any, tmp_path: Path) -> None:
        link = Link(
            other_id=1,
            kind="related",
            score=42.0,
            state="open",
            reasons=["same person: Harisson", "same office: Sekda Kalbar"],
        )

        def open_compare(pilot: Any) -> None:
            app = pilot.app
            app.push_screen(CompareScreen(app, 2, link))

        assert snap_compare(
            seeded_app(tmp_path), terminal_size=SIZE, run_before=then(extra=open_compare)
        )


class TestRules:
    def test_rules_screen(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(seeded_app(tmp_path), terminal_size=SIZE, run_before=then("R"))


class TestHelp:
    def test_help_screen(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(
            seeded_app(tmp_path), terminal_size=SIZE, run_before=then("question_mark")
        )


class TestEmptyState:
    def test_empty_state(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(empty_app(tmp_path), terminal_size=SIZE, run_before=then())


class TestErrorNotification:
    def test_nothing_to_undo(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(seeded_app(tmp_path), terminal_size=SIZE, run_before=then("u"))
