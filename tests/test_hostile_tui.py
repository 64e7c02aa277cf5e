"""Hostile text in the desk beyond what test_tui_untrusted covers: C1 controls, zero-width
and bidi characters, a 100k-character line, hostile tag names; plus a snapshot of it all.

Uses the TUI's public test helpers (tests.conftest_tui); the TUI engineer owns the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsdesk.tui.inbox import InboxList
from tests.conftest_tui import make_app, make_desk, segments_of, settle, story

C1 = "\x9b31mC1\x9b0m \x9d8;;http://evil.example\x9c"
INVISIBLE = "a\u200bb\u200cc\u2060d\ufeffe \u202eevil\u202c \u2066iso\u2069"
LONG = "Awal " + "panjang" * 15_000 + " \x1b[2J\x1b[H akhir"
RAW = ("\x1b", "\x9b", "\x9c", "\x9d", "\x07", "\u200b", "\u2060", "\ufeff", "\u202e", "\u2066")


def drawn(widget: Any) -> str:
    segments = segments_of(widget)
    for seg in segments:
        for char in RAW:
            assert char not in seg.text, f"raw {char!r} drawn in {seg.text[:40]!r}"
        style = seg.style
        if style is not None:
            assert not style.link and not style.meta.get("@click")
    return "".join(seg.text for seg in segments)


async def test_c1_controls_invisible_characters_and_a_huge_line_are_shown_safely(
    tmp_path: Path,
) -> None:
    rows = [story(1, title=f"Judul {C1} {INVISIBLE}", body=f"Isi {C1}\n{INVISIBLE}\n{LONG}")]
    desk = make_desk(tmp_path, rows=rows)
    desk.tag([1], ["\x1b]52;c;ZXZpbA==\x07tag", "[@click=app.quit]t"])
    app = make_app(desk)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        row_text = drawn(app.query_one(InboxList))
        assert "\\x9b31mC1" in "".join(row_text.split())
        preview = drawn(app.query_one("#preview-body"))
        flat = "".join(preview.split())
        assert "\\x9b31mC1\\x9b0m" in flat and "\\x9d8;;http://evil.example\\x9c" in flat
        assert "a\\u200bb" in flat and "\\u202eevil" in flat
        assert "Awal" in preview  # the huge line is drawn (wrapped), and the desk still answers
        await pilot.press("j", "k")
        await settle(pilot)
        assert app.is_running


class TestHostileSnapshot:
    def test_hostile_story_in_inbox_and_preview(self, snap_compare: Any, tmp_path: Path) -> None:
        hostile = (
            "[bold red]X[/] [@click=app.quit]Q \x1b[31mRED\x1b[0m "
            "\x1b]8;;http://evil.example\x07link\x1b]8;;\x07 \x1b]52;c;ZXZpbA==\x07"
        )
        rows = [
            story(1, title=f"Gubernur {hostile}", body=f"{hostile}\n{C1}\n{INVISIBLE}"),
            story(2, title=f"Plain story {INVISIBLE}", body="Banjir di Pontianak."),
        ]
        desk = make_desk(tmp_path, rows=rows)
        app = make_app(desk, cursor_blink=False, theme="textual-dark")

        async def run_before(pilot: Any) -> None:
            await settle(pilot)

        assert snap_compare(app, terminal_size=(120, 30), run_before=run_before)
