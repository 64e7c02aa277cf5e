"""Article text is data: hostile headlines are drawn literally everywhere in the desk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widget import Widget

from newsdesk.tui.inbox import InboxList
from tests.conftest_tui import HOSTILE, make_app, make_desk, segments_of, settle, story

LITERAL = "[bold red]X[/] [@click=app.quit]Q"


def assert_literal(widget: Widget, *, needle: str = LITERAL, whole: bool = True) -> str:
    """The widget shows `needle` as typed, no raw control byte, no link or click action."""
    segments = segments_of(widget)
    text = "".join(seg.text for seg in segments)
    squeezed = "".join(text.replace("▌", "").split())  # lines may wrap
    assert "".join(needle.split()) in squeezed
    assert "\\x1b[31m" in squeezed  # ESC shown as a visible escape
    if whole:
        assert "\\x1b]8;;http://evil.example\\x07" in text  # OSC 8 link shown, not made
        assert "\\x1b]52;c;" in text  # OSC 52 clipboard write shown, not sent
        assert "\\u202e" in text  # bidi override made visible
    for seg in segments:
        assert "\x1b" not in seg.text and "\x07" not in seg.text and "\u202e" not in seg.text
        style: Any = seg.style
        if style is not None:
            assert not style.link, f"a link in {seg.text!r}"
            assert not style.meta.get("@click"), f"a click action in {seg.text!r}"
    return text


async def test_hostile_headline_is_literal_in_table_preview_and_notification(
    tmp_path: Path,
) -> None:
    rows = [story(1, title=HOSTILE, body=f"Body: {HOSTILE}", outlet=HOSTILE[:30])]
    desk = make_desk(tmp_path, rows=rows)
    desk.tag([1], [HOSTILE[:20]])
    app = make_app(desk)
    async with app.run_test(size=(200, 36), notifications=True) as pilot:
        await settle(pilot)
        assert_literal(app.query_one(InboxList), needle="[bold red]X[/] [@click=app.q", whole=False)
        preview = app.query_one("#preview-body")
        text = assert_literal(preview)
        assert text.count(LITERAL) >= 2  # headline and body
        await pilot.press("a")  # the notification names the story
        await settle(pilot)
        toasts = list(app.screen.query("Toast"))
        assert toasts, "no notification shown"
        content = toasts[-1].render()
        plain = str(content)
        assert "[bold red]X[/] [@click=app.quit]Q \\x1b[31mRED" in plain
        assert "\x1b" not in plain and "\x07" not in plain
        for span in getattr(content, "spans", []):
            assert "@click" not in str(span.style) and "link" not in str(span.style)
        assert app.is_running  # no [@click=app.quit] ever became an action
