"""An editor's reading flow: the reader, the story's address, every list's keys, Esc, ctrl+z,
what `L` says, and a desk usable at 80x24."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsdesk.desk import Desk
from newsdesk.store import links as store_links
from newsdesk.tui.dupes import CompareScreen, DuplicatesScreen
from newsdesk.tui.footer import DeskFooter
from newsdesk.tui.modals import ConfirmModal, PromptModal
from newsdesk.tui.reader import ReaderScreen, openable
from newsdesk.tui.render import inbox_line
from newsdesk.tui.rules_screen import RulesScreen
from tests.conftest_tui import FIXED_NOW, HOSTILE, lines_of, make_app, make_desk, settle
from tests.conftest_tui import story as make_story

SIZE = (120, 36)


def text_of(screen: Any, selector: str) -> str:
    return "\n".join(lines_of(screen.query_one(selector)))


def dupes_desk(tmp_path: Path) -> Desk:
    """Story 1 with three duplicates (2, 3, 4), best score first."""
    desk = make_desk(tmp_path, 5)
    with desk.store.write() as db:
        for other, score in ((2, 95.0), (3, 80.0), (4, 70.0)):
            store_links.upsert_link(db, 1, other, "duplicate", score, [f"reason {other}"])
    return desk


async def go_to(pilot: Any, article_id: int) -> None:
    app = pilot.app
    await settle(pilot)
    app.inbox.move_to(next(i for i, r in enumerate(app.inbox.rows) if r["id"] == article_id))
    await settle(pilot)


async def test_enter_reads_the_story_full_screen_and_n_p_move_through_the_inbox(
    tmp_path: Path,
) -> None:
    app = make_app(make_desk(tmp_path, 4))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first, title = app.inbox.current_row()["id"], app.inbox.current_row()["title"]
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert title in text_of(reader, "#reader-text")
        assert "Story 1 of 4" in text_of(reader, "#reader-title")
        await pilot.press("n")
        await settle(pilot)
        second = app.inbox.current_row()["id"]
        assert second != first and reader.article.id == second
        assert "Story 2 of 4" in text_of(reader, "#reader-title")
        await pilot.press("p")
        await settle(pilot)
        assert reader.article.id == first
        await pilot.press("p")  # already the first: says so, stays
        await settle(pilot)
        assert reader.article.id == first
        assert any("first story" in n.message for n in app._notifications)
        await pilot.press("n", "n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert app.inbox.current_row()["id"] == reader.article.id  # back where you read


async def test_w_shows_the_address_and_opens_it_only_after_y(tmp_path: Path) -> None:
    url = "https://example.com/berita/1?a=b"
    opened: list[str] = []
    desk = make_desk(tmp_path, rows=[make_story(1, url=url)])
    app = make_app(desk, open_url=opened.append)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert url in text_of(app.screen, "#confirm-body")
        await pilot.press("escape")  # shown, not opened
        await settle(pilot)
        assert opened == []
        await pilot.press("enter")  # the reader has the same key
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert opened == [url]


def test_untrusted_addresses_are_never_opened() -> None:
    assert openable("https://example.com/a") is None
    for bad in (
        None,
        "",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "-a /bin/sh",
        "https://example.com/\x1b]8;;x\x07",
        "https://exa mple.com",
        "http://",
    ):
        assert openable(bad) is not None, bad


async def test_a_hostile_address_is_shown_literally_and_not_opened(tmp_path: Path) -> None:
    opened: list[str] = []
    desk = make_desk(tmp_path, rows=[make_story(1, url=f"javascript:{HOSTILE}")])
    app = make_app(desk, open_url=opened.append)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w", "y")
        await settle(pilot)
        assert opened == [] and len(app.screen_stack) == 1
        warning = [n.message for n in app._notifications if n.severity == "warning"][-1]
        assert warning.startswith("Not opened:") and "\x1b" not in warning


async def test_esc_in_the_inbox_clears_the_search_and_every_filter(tmp_path: Path) -> None:
    rows = [make_story(i) for i in range(4)]
    rows.append(make_story(10, title="Banjir besar di Pontianak", body="Air naik."))
    desk = make_desk(tmp_path, rows=rows)
    desk.tag([5, 1], ["banjir"])  # 5 is the Pontianak story
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"pontia", "enter")
        await settle(pilot)
        app.set_query(tag="banjir")
        await settle(pilot)
        assert [r["id"] for r in app.inbox.rows] == [5]
        assert app.focused is app.inbox
        await pilot.press("escape")
        await settle(pilot)
        assert app.query_state.search is None and app.query_state.tag is None
        assert len(app.inbox.rows) == 5
        assert "search=" not in app.counts_bar.render_state().plain
        assert not app.query_one("#search-bar").has_class("visible")


async def test_j_k_home_end_move_the_duplicates_panel_and_m_merges_that_row(
    tmp_path: Path,
) -> None:
    desk = dupes_desk(tmp_path)
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, 1)
        await pilot.press("D")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DuplicatesScreen)
        assert [link.other_id for link in screen.links] == [2, 3, 4]
        await pilot.press("j")
        assert screen.current_link().other_id == 3
        await pilot.press("end")
        assert screen.current_link().other_id == 4
        await pilot.press("home")
        assert screen.current_link().other_id == 2
        await pilot.press("G", "k")
        assert screen.current_link().other_id == 3
        assert "reason 3" in text_of(screen, "#dupes-reasons")
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("enter")  # keep #1, merge the row under the cursor
        await settle(pilot)
        assert desk.article(3).merged_into == 1  # type: ignore[union-attr]
        assert desk.article(2).merged_into is None  # type: ignore[union-attr]


async def test_double_click_on_every_list(tmp_path: Path) -> None:
    """Inbox: reads the story; duplicates: compares; rules: stays; dialogs: answer once."""
    app = make_app(dupes_desk(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, 1)
        row = app.inbox.cursor - app.inbox.top
        await pilot.double_click("#inbox", offset=(20, row))
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("escape")
        await pilot.press("D")
        await settle(pilot)
        await pilot.double_click("#dupes-table", offset=(5, 2))
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape", "escape")
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.screen, RulesScreen)
        await pilot.double_click("#rules-table", offset=(5, 1))
        await settle(pilot)
        assert isinstance(app.screen, RulesScreen)
        await pilot.press("escape", "t")
        await settle(pilot)
        assert isinstance(app.screen, PromptModal)
        await pilot.double_click("#prompt-input", offset=(3, 1))
        await settle(pilot)
        assert app.is_running and app._exception is None


async def test_ctrl_z_undoes_inside_a_dialog_too(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, 2)
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = app.inbox.current_row()["id"]
        await pilot.press("a")
        await settle(pilot)
        assert desk.article(target).status == "approved"  # type: ignore[union-attr]
        await pilot.press("t")  # a dialog on top
        await settle(pilot)
        assert isinstance(app.screen, PromptModal)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert desk.article(target).status == "new"  # type: ignore[union-attr]
        assert isinstance(app.screen, PromptModal) and app.is_running


async def test_l_says_how_many_were_stored_and_what_failed(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "a.txt").write_text("Banjir di Pontianak\n\nAir naik lagi di kota.\n")
    (samples / "b.txt").write_text("Jembatan baru dibuka\n\nWarga senang sekali.\n")
    (samples / "broken.json").write_text("{ not json")
    app = make_app(make_desk(tmp_path, 0), samples=samples)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Stored 2 new stories from") for m in messages), messages
        assert any("broken.json" in m for m in messages), messages
        await pilot.press("L")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("Stored 0 new stories" in m and "2 already stored" in m for m in messages)


def test_at_80_columns_the_headline_keeps_40_and_more() -> None:
    row = {
        "title": "H" * 200,
        "outlet": "finance.detik.com",
        "status": "new",
        "priority": "urgent",
        "published": "2025-10-14",
        "tags": ["topik/investasi", "wilayah/kalbar"],
    }
    line = inbox_line(row, 80, FIXED_NOW, links=(3, 12)).plain
    assert len(line) <= 80
    assert line.count("H") >= 40


async def test_80x24_shows_the_story_text_and_a_footer_of_whole_keys(tmp_path: Path) -> None:
    body = "Kalimat pertama dari isi berita. " * 20
    desk = make_desk(
        tmp_path, rows=[make_story(i, body=body, url=f"https://x.id/{i}") for i in range(30)]
    )
    app = make_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        preview = app.screen.query_one("#preview")
        lines = lines_of(preview.query_one("#preview-body"))
        first_text = next(i for i, line in enumerate(lines) if "Kalimat pertama" in line)
        assert first_text + 2 < preview.size.height  # the text shows, not only the headers
        footer = app.screen.query_one(DeskFooter)
        keys = footer.query("FooterKey")
        right = max(k.region.right for k in keys)
        assert right <= 80 and all(k.region.width >= 3 for k in keys)
        assert footer.region.width == 80


async def test_the_outlet_filter_in_the_desk_finds_the_newsroom(tmp_path: Path) -> None:
    outlets = ["news.detik.com", "finance.detik.com", "Kompas", "Detik.com"]
    desk = make_desk(tmp_path, rows=[make_story(i, outlet=o) for i, o in enumerate(outlets)])
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", "j", "j", "j", "enter")  # outlet
        await settle(pilot)
        await pilot.press(*"detik", "enter")
        await settle(pilot)
        assert sorted(r["outlet"] for r in app.inbox.rows) == [
            "Detik.com",
            "finance.detik.com",
            "news.detik.com",
        ]


async def test_help_shows_each_bindings_id(tmp_path: Path) -> None:
    app = make_app(make_desk(tmp_path, 1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ids = {row[3] for row in app.help_rows()}
        assert {"desk.approve", "inbox.down", "reader.next", "dupes.merge", "list.down"} <= ids
        await pilot.press("question_mark")
        await settle(pilot)
        shown = "\n".join(line for s in app.screen.query("Static") for line in lines_of(s))
        assert "desk.approve" in shown
