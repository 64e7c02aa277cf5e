"""A seeded monkey drives the real desk: random keys, text, clicks and wheel turns.

Every screen and dialog is reachable from the keys the monkey draws (the bindings active
on the screen it is looking at, plus Enter/Esc/Tab, text, ctrl+z and the palette), so a
crash anywhere shows up here. The seed is printed on failure; reproduce one with
NEWSDESK_MONKEY_SEED=<seed>. NEWSDESK_STRESS=1 runs 20,000 events instead of 2,000.
"""

from __future__ import annotations

import asyncio
import os
import random
import string
import time
import traceback
import webbrowser
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from newsdesk.desk import Desk
from newsdesk.maintenance import check
from newsdesk.store import links as link_rows
from newsdesk.store.articles import insert_articles
from newsdesk.tui import app as tui_app
from newsdesk.tui.app import DeskApp
from tests.conftest_tui import HOSTILE, RULES, SEEDS, fixed_now, story

STRESS = os.environ.get("NEWSDESK_STRESS") == "1"
EVENTS = 20_000 if STRESS else 2_000
SEED = int(os.environ.get("NEWSDESK_MONKEY_SEED", "1313"))
SIZES = ((120, 36), (80, 24))
CLEAR_EVERY = 40

# Keys that end the session on purpose (quitting is not a crash), never drawn.
LEAVING = {"quit", "app.quit", "help_quit", "suspend_process", "app.suspend_process"}
ALWAYS = ("enter", "escape", "tab", "shift+tab", "ctrl+z", "ctrl+p", "backspace", "space")
MOVES = ("up", "down", "home", "end", "pageup", "pagedown", "left", "right")
TEXT = string.ascii_letters + string.digits + " ,-/?*\"'[]@"


class MonkeyDesk(DeskApp):
    """The desk, minus palette commands that leave it or write files (quit, screenshot)."""

    CSS_PATH = Path(tui_app.__file__).with_name("desk.tcss")
    NOTIFICATION_TIMEOUT = 10**6  # toasts go every CLEAR_EVERY events, not after some seconds

    def get_system_commands(self, screen: Any) -> Iterable[Any]:
        for command in super().get_system_commands(screen):
            if not any(w in command.title.lower() for w in ("quit", "screenshot", "theme")):
                yield command


def build_desk(tmp_path: Path) -> Desk:
    """Seeds with the shipped rules, 80 stories over a few outlets (two thirds with an
    address), duplicate and related links, one hostile story with a hostile address."""
    desk = Desk.open(tmp_path / "desk.db", RULES if RULES.exists() else None, actor="ana")
    desk.ingest([SEEDS])
    outlets = ("news.detik.com", "finance.detik.com", "Kompas", "Harian Berkat", None)
    rows = [
        story(
            i, outlet=outlets[i % len(outlets)], url=f"https://example.com/{i}" if i % 3 else None
        )
        for i in range(10, 90)
    ]
    hostile = f"Hostile {HOSTILE}"
    rows.append(story(99, title=hostile, body=hostile, url=f"javascript:{HOSTILE}"))
    ids = insert_articles(desk.store, rows).ids
    with desk.store.write() as db:
        for a, b in zip(ids[:30:2], ids[1:30:2]):
            link_rows.upsert_link(db, a, b, "duplicate", 91.0, ["same figures: 12", "same lede"])
        for a, b in zip(ids[30:50:3], ids[31:50:3]):
            link_rows.upsert_link(db, a, b, "related", 55.0, ["same person: Harisson"])
    return desk


def keys_for(app: DeskApp, rng: random.Random) -> str:
    """One key: mostly a binding active on this screen, else a fixed or a text key."""
    roll = rng.random()
    if roll < 0.55:
        bound = [
            key
            for key, active in app.active_bindings.items()
            if active.binding.action not in LEAVING
        ]
        if bound:
            return rng.choice(sorted(bound))
    if roll < 0.75:
        return rng.choice(ALWAYS)
    if roll < 0.85:
        return rng.choice(MOVES)
    char = rng.choice(TEXT)
    return {" ": "space"}.get(char, char)


def leaves(app: DeskApp, key: str) -> bool:
    active = app.active_bindings.get(key)
    return active is not None and active.binding.action in LEAVING


async def settle_quickly(pilot: Pilot[Any]) -> None:
    """Let every queued event land and every worker but the poller finish, so runs repeat.

    No idle sleeps (Pilot.press waits 40 ms a key): the monkey must do 2,000 events fast.
    """
    app = pilot.app
    for _ in range(50):
        await pilot._wait_for_screen()
        busy = [w for w in app.workers if w.group != "poll" and w.is_running]
        if not busy:
            return
        # a failed worker is the desk's to report (a toast), not the monkey's to raise
        await asyncio.gather(*(w.wait() for w in busy), return_exceptions=True)


CLICK = (events.MouseDown, events.MouseUp)


def mouse(cls: type[events.MouseEvent], x: int, y: int, button: int = 1) -> events.MouseEvent:
    return cls(None, x, y, 0, 0, button, False, False, False, screen_x=x, screen_y=y)


async def send(pilot: Pilot[Any], *sent: events.Event) -> None:
    """Events as a terminal driver posts them: the app turns down+up into (double) clicks."""
    for event in sent:
        pilot.app.post_message(event)
    await pilot._wait_for_screen()


async def one_event(pilot: Pilot[Any], rng: random.Random) -> str:
    app = pilot.app
    width, height = app.size
    roll = rng.random()
    x, y = rng.randrange(width), rng.randrange(height)
    if roll < 0.70:
        key = keys_for(app, rng)
        if leaves(app, key):
            return f"skip {key}"
        char = key if len(key) == 1 else {"space": " ", "enter": "\r", "tab": "\t"}.get(key)
        await send(pilot, events.Key(key, char))
        return f"key {key}"
    if roll < 0.90:
        clicks = 1 if roll < 0.82 else 2
        app._click_chain_last_time = None  # a click never chains with an earlier one
        await send(pilot, *[mouse(cls, x, y) for _ in range(clicks) for cls in CLICK])
        return f"{'click' if clicks == 1 else 'double-click'} {(x, y)}"
    turn = events.MouseScrollDown if rng.random() < 0.5 else events.MouseScrollUp
    await send(pilot, mouse(turn, x, y, button=0))
    return f"wheel {turn.__name__} {(x, y)}"


# Screens and dialogs the monkey must have reached in a normal run (most seeds also reach
# CompareScreen, through c or Enter in the duplicates panel).
MUST_VISIT = {
    "Screen",  # the inbox
    "ReaderScreen",
    "DuplicatesScreen",
    "RulesScreen",
    "HelpScreen",
    "PromptModal",
    "PickModal",
    "ConfirmModal",
    "DeskCommandPalette",
}


# The key that opens each of them from the inbox: after the random events, any screen the
# walk did not reach (worker timing moves a seeded walk a little) is visited on purpose, so
# every screen is exercised on every run.
OPENERS = {
    "ReaderScreen": "enter",
    "DuplicatesScreen": "D",
    "RulesScreen": "R",
    "HelpScreen": "question_mark",
    "PromptModal": "t",
    "PickModal": "p",
    "ConfirmModal": "w",
    "DeskCommandPalette": "ctrl+p",
}


async def tour(pilot: Any, app: Any, missing: set[str], log: list[str]) -> None:
    for name in sorted(missing & OPENERS.keys()):
        for _ in range(6):  # back to the inbox
            if type(app.screen).__name__ == "Screen":
                break
            await pilot.press("escape")
            await settle_quickly(pilot)
        await pilot.press(OPENERS[name])
        await settle_quickly(pilot)
        for _ in range(40):  # a loaded machine shows a screen later; wait up to ~4 s
            if type(app.screen).__name__ != "Screen":
                break
            await pilot.pause(0.1)
        log.append(f"tour {OPENERS[name]} -> {type(app.screen).__name__}")


async def run_monkey(tmp_path: Path, seed: int, n: int, size: tuple[int, int]) -> list[str]:
    desk = build_desk(tmp_path)
    app = MonkeyDesk(
        desk,
        now=fixed_now,
        poll_interval=None,
        cursor_blink=False,
        samples=SEEDS,
    )
    rng = random.Random(seed)
    log: list[str] = []
    try:
        async with app.run_test(size=size) as pilot:
            await settle_quickly(pilot)
            for i in range(n):
                event = await one_event(pilot, rng)
                log.append(f"{event} -> {type(app.screen).__name__}")
                if i % CLEAR_EVERY == CLEAR_EVERY - 1:
                    app.clear_notifications()
                await settle_quickly(pilot)
                assert app.is_running, f"the desk stopped after event {i}: {log[-5:]}"
                assert app._exception is None, f"the desk died after event {i}: {log[-5:]}"
            visited = {entry.rpartition(" -> ")[2] for entry in log}
            await tour(pilot, app, MUST_VISIT - visited, log)
            assert app.is_running and app._exception is None, f"the tour: {log[-5:]}"
    except BaseException as exc:
        tail = "\n".join(log[-12:])
        where = "".join(traceback.format_exception(exc)[-6:])
        pytest.fail(
            f"monkey seed {seed} (size {size}) crashed after {len(log)} events; "
            f"reproduce: NEWSDESK_MONKEY_SEED={seed}\nlast events:\n{tail}\n{where}",
            pytrace=False,
        )
    desk.close()
    report = check(tmp_path / "desk.db", deep=True)
    assert report.ok, f"seed {seed}: newsdesk check after the monkey: {report.problems}"
    return log


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_monkey_cannot_crash_the_desk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    started = time.monotonic()
    log = await run_monkey(tmp_path, SEED, EVENTS // len(SIZES), size)
    took = time.monotonic() - started
    print(f"monkey seed {SEED} {size}: {len(log)} events in {took:.1f}s")
    assert len([e for e in log if not e.startswith("tour")]) == EVENTS // len(SIZES)
    # the monkey really travelled: keys, clicks, double-clicks and wheel turns all happened
    kinds = {entry.split()[0] for entry in log}
    assert {"key", "click", "double-click", "wheel"} <= kinds
    visited = {entry.rpartition(" -> ")[2] for entry in log}
    assert visited >= MUST_VISIT, f"never reached: {MUST_VISIT - visited}"


async def test_the_tour_opens_every_screen_it_names(tmp_path: Path) -> None:
    app = MonkeyDesk(
        build_desk(tmp_path), now=fixed_now, poll_interval=None, cursor_blink=False, samples=SEEDS
    )
    log: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await settle_quickly(pilot)
        await tour(pilot, app, set(OPENERS), log)
    reached = {entry.rpartition(" -> ")[2] for entry in log}
    assert reached == set(OPENERS)
