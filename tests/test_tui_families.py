"""Story families in the desk: one row per family, compare any two stories, link by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.desk import Desk
from newsdesk.tui.app import DeskApp
from newsdesk.tui.dupes import CompareScreen
from tests.conftest import REPO
from tests.conftest_tui import RULES, SEEDS, make_app, settle

SIZE = (120, 36)
DOCS = REPO / "tests" / "data" / "dedup_docs_id.jsonl"


def family_desk(tmp_path: Path) -> Desk:
    """The project's labelled Indonesian stories: three events told by three outlets each."""
    feed = tmp_path / "docs.jsonl"
    rows = [json.loads(line) for line in DOCS.read_text().splitlines()]
    wanted = [r for r in rows if r["id"].split(":")[0] in {"bi", "gempa", "vonis", "jadwal"}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in wanted))
    desk = Desk.open(tmp_path / "desk.db", RULES, actor="ana")
    desk.ingest([feed])
    return desk


def family_app(tmp_path: Path) -> DeskApp:
    return make_app(family_desk(tmp_path), cursor_blink=False, theme="textual-dark")


def seeded_app(tmp_path: Path) -> DeskApp:
    desk = Desk.open(tmp_path / "desk.db", RULES, actor="ana")
    desk.ingest([SEEDS])
    return make_app(desk, cursor_blink=False, theme="textual-dark")


def shown_ids(app: DeskApp) -> list[int]:
    return [row["id"] for row in app.inbox.rows]


async def test_the_inbox_shows_one_row_per_family_and_f_expands_them(tmp_path: Path) -> None:
    app = family_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        collapsed = shown_ids(app)
        families = [row for row in app.inbox.rows if row.get("family")]
        assert families and all(len(row["family"]["outlets"]) >= 2 for row in families)
        await pilot.press("F")
        await settle(pilot)
        expanded = shown_ids(app)
        assert len(expanded) > len(collapsed) and set(collapsed) < set(expanded)
        await pilot.press("F")
        await settle(pilot)
        assert shown_ids(app) == collapsed


async def test_two_selected_stories_are_compared_and_linked_by_hand(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        a, b = sorted(shown_ids(app))
        assert app.desk.family_of(a) is None  # the seeds are related, not one story
        for key in ("x", "j", "x", "c"):
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.link.kind == "related" and app.screen.link.reasons
        await pilot.press("l")
        await settle(pilot)
        assert not isinstance(app.screen, CompareScreen)
        assert app.desk.family_of(a) == app.desk.family_of(b) is not None
        await pilot.press("u")  # undo
        await settle(pilot)
        assert app.desk.family_of(a) is None


class TestFamilySnapshots:
    def test_a_family_row_in_the_inbox(self, snap_compare: Any, tmp_path: Path) -> None:
        async def run(pilot: Any) -> None:
            await settle(pilot)

        assert snap_compare(family_app(tmp_path), terminal_size=SIZE, run_before=run)

    def test_compare_two_selected_stories(self, snap_compare: Any, tmp_path: Path) -> None:
        async def run(pilot: Any) -> None:
            await settle(pilot)
            for key in ("x", "j", "x", "c"):
                await pilot.press(key)
                await settle(pilot)

        assert snap_compare(seeded_app(tmp_path), terminal_size=SIZE, run_before=run)


if not RULES.exists():  # pragma: no cover
    pytestmark = pytest.mark.skip("rules.yaml not present")
