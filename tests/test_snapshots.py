"""Snapshot tests of the desk, one class per feature: 120x36, fixed clock and theme,
no blinking cursor, a database built from seeds/ in a temp dir, workers done before each shot.

Update after an intended change: pytest tests/test_snapshots.py --snapshot-update
(then look at each SVG in the report or in tests/__snapshots__/).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsdesk.desk import Desk
from newsdesk.desk_queries import Link
from newsdesk.tui.app import DeskApp
from newsdesk.tui.dupes import CompareScreen
from tests.conftest_tui import (
    RULES,
    SEEDS,
    make_app,
    newsroom,  # noqa: F401 - a pytest fixture, used by name
    then,
)

SIZE = (120, 36)
SMALL = (80, 24)


def seeded_app(tmp_path: Path, **kw: Any) -> DeskApp:
    if not RULES.exists():
        pytest.skip("rules.yaml not present")
    desk = Desk.open(tmp_path / "desk.db", RULES, actor="ana")
    desk.ingest([SEEDS])
    return make_app(desk, cursor_blink=False, theme="textual-dark", **kw)


def empty_app(tmp_path: Path) -> DeskApp:
    desk = Desk.open(tmp_path / "desk.db", RULES if RULES.exists() else None, actor="ana")
    return make_app(desk, cursor_blink=False, theme="textual-dark", samples=Path("seeds"))


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


class TestReader:
    def test_reader_full_screen(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(seeded_app(tmp_path), terminal_size=SIZE, run_before=then("enter"))

    def test_reader_next_story_at_80x24(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(
            seeded_app(tmp_path), terminal_size=SMALL, run_before=then("enter", "n")
        )


class TestSmallTerminal:
    def test_inbox_at_80x24(self, snap_compare: Any, newsroom: Any) -> None:  # noqa: F811
        """Also how a newsroom snapshots its own desk: the `newsroom` fixture."""
        assert snap_compare(newsroom(rules=RULES, samples=SEEDS), terminal_size=SMALL)

    def test_url_confirmation_at_80x24(self, snap_compare: Any, tmp_path: Path) -> None:
        def with_address(pilot: Any) -> None:
            desk = pilot.app.desk
            with desk.store.write() as db:
                db.execute("UPDATE articles SET url = 'https://example.com/berita/' || id")

        assert snap_compare(
            seeded_app(tmp_path),
            terminal_size=SMALL,
            run_before=then("ctrl+r", "w", extra=with_address),
        )
