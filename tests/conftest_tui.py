"""Helpers for the desk's Pilot and snapshot tests (imported by tests/test_tui*.py)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from newsdesk.desk import Desk
from newsdesk.store.articles import insert_articles
from newsdesk.tui.app import DeskApp

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
RULES = REPO / "rules.yaml"
FIXED_NOW = datetime(2025, 10, 31, 9, 0, tzinfo=timezone.utc)
HOSTILE = (
    "[bold red]X[/] [@click=app.quit]Q \x1b[31mRED\x1b[0m "
    "\x1b]8;;http://evil.example\x07link\x1b]8;;\x07 \x1b]52;c;ZXZpbA==\x07 \u202eevil"
)


def fixed_now() -> datetime:
    return FIXED_NOW


def story(i: int, **fields: Any) -> dict[str, Any]:
    """A stored-article row, as ingest would produce it."""
    title = fields.pop("title", f"Story number {i} about the river")
    body = fields.pop("body", f"Body of story {i}. The Kapuas river rose again today.")
    row = {
        "title": title,
        "body": body,
        "raw": body.encode(),
        "source": f"test#{i}",
        "format": "text",
        "outlet": fields.pop("outlet", "Harian Berkat" if i % 2 else "Kompas"),
        "url": None,
        "published": fields.pop("published", f"2025-10-{(i % 28) + 1:02d}"),
        "lang": "id",
        "content_hash": hashlib.sha256(f"{i}:{title}:{body}".encode()).hexdigest(),
    }
    row.update(fields)
    return row


def make_desk(
    tmp_path: Path, n: int = 0, rows: list[dict[str, Any]] | None = None, db: str | None = None
) -> Desk:
    """A desk holding n made-up stories (or rows): at tmp_path/desk.db, or at `db` (a path
    or a PostgreSQL URL, e.g. the db_target fixture)."""
    desk = Desk.open(db if db is not None else tmp_path / "desk.db", None, actor="ana")
    if rows is None:
        rows = [story(i) for i in range(n)]
    if rows:
        insert_articles(desk.store, rows)
    return desk


def make_app(desk: Desk, **kw: Any) -> DeskApp:
    kw.setdefault("now", fixed_now)
    kw.setdefault("poll_interval", None)
    return DeskApp(desk, **kw)


def newsroom_app(
    db_dir: Path,
    *,
    rules: Path | None = RULES,
    samples: Path | list[Path] = SEEDS,
    now: datetime = FIXED_NOW,
    keymap: dict[str, str] | None = None,
    actor: str = "ana",
) -> DeskApp:
    """A desk over your own newsroom, ready for a snapshot: your rules, your sample stories
    ingested (files or folders), a fixed clock, no live polling, no cursor blink, one theme.

    Pair it with `snap_compare(app, terminal_size=(80, 24), run_before=then(...))`.
    """
    desk = Desk.open(db_dir / "desk.db", rules if rules and rules.exists() else None, actor=actor)
    desk.ingest(samples if isinstance(samples, list) else [samples])
    return DeskApp(
        desk,
        now=lambda: now,
        poll_interval=None,
        keymap=keymap,
        cursor_blink=False,
        theme="textual-dark",
    )


@pytest.fixture
def newsroom(tmp_path: Path) -> Callable[..., DeskApp]:
    """`newsroom(rules=..., samples=..., now=..., keymap=...)` -> a DeskApp (see newsroom_app)."""
    return lambda **kw: newsroom_app(tmp_path, **kw)


def then(*keys: str, extra: Callable[[Any], Any] | None = None) -> Callable[[Any], Any]:
    """A snapshot's run_before: wait for the workers, press keys one by one, wait again."""

    async def run(pilot: Any) -> None:
        await settle(pilot)
        if extra is not None:
            extra(pilot)
            await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


async def settle(pilot: Pilot[Any], rounds: int = 2) -> None:
    """Wait until every worker but the live poller is done and its messages are handled."""
    app = pilot.app
    for _ in range(60):
        await pilot.pause()
        busy = [w for w in app.workers if w.group != "poll" and w.is_running]
        if busy:
            await app.workers.wait_for_complete(busy)
            continue
        rounds -= 1
        if rounds <= 0:
            return


def lines_of(widget: Widget) -> list[str]:
    """What a widget draws, line by line, as plain text."""
    width, height = widget.outer_size
    return [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]


def segments_of(widget: Widget) -> list[Any]:
    width, height = widget.outer_size
    return [seg for strip in widget.render_lines(Region(0, 0, width, height)) for seg in strip]
