"""The editor's desk: a keyboard-first Textual app over `newsdesk.desk.Desk`.

The UI thread never touches SQLite: every read and every action runs in a thread worker
with that thread's own Desk (see tui.data) and posts a typed message back (tui.messages).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.errors import NoWidget
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from newsdesk.desk import Desk, InboxQuery
from newsdesk.resources import samples_dir
from newsdesk.tui.commands import DeskCommandPalette, DeskCommands
from newsdesk.tui.data import DeskAccess
from newsdesk.tui.dupes import DuplicateActions
from newsdesk.tui.errors import ReportsWorkerErrors, notify_failure
from newsdesk.tui.filters import InboxFilters
from newsdesk.tui.footer import DeskFooter
from newsdesk.tui.help import HelpScreen
from newsdesk.tui.inbox import InboxList
from newsdesk.tui.inbox_actions import REJECT_REASONS, InboxActions, headline
from newsdesk.tui.keymap import KeymapError, load_keymap
from newsdesk.tui.messages import (
    ActionDone,
    CountsLoaded,
    DataChanged,
)
from newsdesk.tui.preview import Preview
from newsdesk.tui.reader import UrlOpener, default_opener
from newsdesk.tui.render import Clock, inbox_header, safe, utc_now
from newsdesk.tui.rules_screen import RulesActions
from newsdesk.tui.statusbar import CountsBar
from newsdesk.tui.story import StoryView

__all__ = ["REJECT_REASONS", "DeskApp", "headline", "run_desk"]

EMPTY_HELP = """\
No stories yet.

Stories arrive from the command line, feeds or a drop folder:

    newsdesk ingest path/to/articles/      (text, JSON, JSONL, RSS/Atom, ninjs)
    newsdesk fetch feeds.yaml              (RSS/Atom feeds, see feeds.example.yaml)
    newsdesk watch incoming/               (files dropped into a folder)

They appear here as soon as they are stored, no restart needed.

Press  L  to load the sample articles newsdesk ships (newsdesk ingest --samples).
Press  ?  for every key,  ctrl+p  for the command palette,  q  to quit.
"""


# Actions that act on the inbox; hidden and disabled while another screen is on top.
INBOX_ACTIONS = frozenset(
    {
        "approve",
        "reject",
        "reopen",
        "tag",
        "untag",
        "set_desk",
        "set_priority",
        "undo",
        "search",
        "filter",
        "status",
        "duplicates",
        "toggle_families",
        "compare",
        "rules",
        "load_samples",
        "help",
        "read",
        "open_url",
        "clear_filters",
    }
)


class DeskApp(
    InboxActions,
    InboxFilters,
    StoryView,
    DuplicateActions,
    RulesActions,
    ReportsWorkerErrors,
    App[None],
):
    """Triage stories: the inbox on top, the story below, every key in the footer.

    What the editor sees lives in its own module: the inbox's actions (tui.inbox_actions),
    its search and filters (tui.filters), the story (tui.story, tui.reader), duplicates
    (tui.dupes) and rules (tui.rules_screen). This class lays them out and wires them up.
    """

    # absolute, so a subclass in another package (a newsroom's own tests) finds it too
    CSS_PATH = str(Path(__file__).with_name("desk.tcss"))
    TITLE = "newsdesk"
    COMMANDS: ClassVar = App.COMMANDS | {DeskCommands}
    ENABLE_COMMAND_PALETTE = True
    AUTO_FOCUS = "#inbox"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "approve", "Approve", id="desk.approve"),
        Binding("r", "reject", "Reject", id="desk.reject"),
        Binding("o", "reopen", "Reopen", show=False, id="desk.reopen"),
        Binding("t", "tag", "Tag", id="desk.tag"),
        Binding("T", "untag", "Untag", show=False, id="desk.untag"),
        Binding("d", "set_desk", "Desk", id="desk.set_desk"),
        Binding("p", "set_priority", "Priority", id="desk.set_priority"),
        Binding("enter", "read", "Read", id="desk.read"),
        Binding("w", "open_url", "Open the story's address", show=False, id="desk.open_url"),
        Binding("u", "undo", "Undo", id="desk.undo"),
        Binding(
            "ctrl+z",
            "undo_anywhere",
            "Undo (on any screen, in any dialog)",
            show=False,
            priority=True,  # dialogs hide the app's other keys; this one must reach it
            id="desk.undo_anywhere",
        ),
        Binding("slash", "search", "Search", id="desk.search"),
        Binding("f", "filter", "Filter", id="desk.filter"),
        Binding("escape", "clear_filters", "Clear search and filters", show=False, id="desk.clear"),
        Binding("1", "status('new')", "Show new stories", show=False, id="desk.show_new"),
        Binding("2", "status('approved')", "Show approved", show=False, id="desk.show_approved"),
        Binding("3", "status('rejected')", "Show rejected", show=False, id="desk.show_rejected"),
        Binding("4", "status('merged')", "Show merged", show=False, id="desk.show_merged"),
        Binding("0", "status('')", "Show all stories", show=False, id="desk.show_all"),
        Binding("D", "duplicates", "Dupes", id="desk.duplicates"),
        Binding("F", "toggle_families", "Families", show=False, id="desk.families"),
        Binding("c", "compare", "Compare with closest duplicate", show=False, id="desk.compare"),
        Binding("R", "rules", "Rules", id="desk.rules"),
        Binding(
            "L", "load_samples", "Load the sample articles", show=False, id="desk.load_samples"
        ),
        Binding("ctrl+r", "refresh", "Refresh now", show=False, id="desk.refresh"),
        Binding("question_mark", "help", "Help", id="desk.help"),
        Binding("q", "quit", "Quit", id="desk.quit"),
    ]

    def __init__(
        self,
        desk: Desk,
        *,
        now: Clock = utc_now,
        poll_interval: float | None = 1.0,
        keymap: dict[str, str] | None = None,
        samples: Path | None = None,
        cursor_blink: bool = True,
        theme: str | None = None,
        open_url: UrlOpener | None = None,
    ) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink
        if theme:
            self.theme = theme
        self.desk = desk
        self.data = DeskAccess(desk)
        self.now = now
        self.poll_interval = poll_interval
        self.samples = samples or samples_dir()
        self.open_url: UrlOpener = open_url or default_opener
        self.query_state = InboxQuery()
        self.counts: dict[str, int] = {}
        self.current: dict[str, Any] | None = None
        self.article: Any = None
        self.links: list[Any] = []
        self._action_lock = threading.Lock()
        self._keymap = dict(keymap or {})

    # --- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(Text("newsdesk  ·  editor's desk"), id="title-bar")
        yield CountsBar(id="counts")
        yield Input(placeholder="Search stories (Enter to search, Esc to clear)", id="search-bar")
        yield Static(self._header_text(), id="inbox-header")
        yield InboxList(self._fetch_page, self._link_counts, self.now, id="inbox")
        yield Static(Text(EMPTY_HELP), id="empty-state")
        yield Preview(id="preview")
        yield DeskFooter(compact=True)

    def _header_text(self) -> Text:
        return inbox_header(self.size.width or 120)

    def on_resize(self, event: events.Resize) -> None:
        """Small terminals (80x24) drop the title bar and give the story more room."""
        self.set_class(event.size.height < 30, "-compact")
        self.query_one("#inbox-header", Static).update(inbox_header(event.size.width))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Inbox actions only on the inbox: other screens have their own keys."""
        return not (action in INBOX_ACTIONS and len(self.screen_stack) > 1)

    def on_mount(self) -> None:
        self.query_one("#search-bar", Input).cursor_blink = self.cursor_blink
        if self._keymap:
            self.set_keymap(self._keymap)
        self.inbox.focus()
        self.refresh_view()
        if self.poll_interval:
            self.poll_changes()

    def action_command_palette(self) -> None:
        """Textual's palette with the double-select and early-paging races closed."""
        if self.use_command_palette and not DeskCommandPalette.is_open(self):
            self.push_screen(DeskCommandPalette(id="--command-palette"))

    async def on_event(self, event: events.Event) -> None:
        """Drop a mouse press aimed at a widget that is already gone.

        Textual 8 starts a text selection on the widget under the pointer and reads its
        parent; a widget removed a moment ago (a toast, a closed dialog's option) has none
        and the desk died with AttributeError (found by tests/test_tui_monkey.py).
        """
        if isinstance(event, events.MouseDown) and self.is_running and self.screen_stack:
            try:
                widget, _ = self.screen.get_widget_and_offset_at(event.x, event.y)
            except NoWidget:  # nothing there: let Textual decide
                widget = None
            if widget is not None and widget is not self.screen and widget.parent is None:
                return
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.data.close_all()

    def desk_shown(self) -> bool:
        """False while the desk is torn down (quit while stories still load): handlers of
        late messages then have no widgets to update and must not fail looking for them."""
        return bool(self.is_running and self.default_screen.query("#counts"))

    @property
    def inbox(self) -> InboxList:
        return self.query_one("#inbox", InboxList)

    @property
    def counts_bar(self) -> CountsBar:
        return self.query_one("#counts", CountsBar)

    # --- loading (thread workers) -------------------------------------------------------

    def _fetch_page(
        self,
        query: InboxQuery,
        limit: int,
        after: tuple[str, int] | None,
        before: tuple[str, int] | None,
    ) -> list[dict[str, Any]]:
        return self.data.get().page(query, limit, after=after, before=before)

    def _link_counts(self, ids: list[int]) -> dict[int, tuple[int, int]]:
        return self.data.get().link_counts(ids)

    def refresh_view(self, *, keep: bool = True) -> None:
        """Reload the window, the counts and the preview; the cursor stays on its story."""
        self.inbox.reset(self.query_state, keep=keep)
        self.load_counts(self.query_state)
        if self.current is not None:
            self.load_preview(self.current["id"])

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def load_counts(self, query: InboxQuery) -> None:
        desk = self.data.get()
        counts = desk.status_counts()
        total = desk.count(query)
        if not get_current_worker().is_cancelled:
            self.post_message(CountsLoaded(counts, total, query))

    @on(CountsLoaded)
    def _counts_loaded(self, message: CountsLoaded) -> None:
        if not self.desk_shown():
            return
        if message.query != self.query_state:
            return
        self.counts = message.counts
        self.inbox.total = message.total
        empty = sum(message.counts.values()) == 0
        self.set_class(empty, "empty")
        if empty and self.focused is self.inbox:
            self.set_focus(None)  # the list is hidden: its keys leave the footer
        elif not empty and self.focused is None and len(self.screen_stack) == 1:
            self.inbox.focus()
        self.counts_bar.set_state(
            counts=message.counts,
            query=message.query,
            total=message.total,
            position=self.inbox.cursor,
        )

    @on(InboxList.CursorMoved)
    def _cursor_moved(self, message: InboxList.CursorMoved) -> None:
        if not self.desk_shown():
            return
        self.current = message.row
        self.counts_bar.set_state(position=self.inbox.cursor)
        if message.row is None:
            self.article = None
            self.query_one(Preview).show(None)
        else:
            self.load_preview(message.row["id"])

    @on(InboxList.LoadingChanged)
    def _loading_changed(self, message: InboxList.LoadingChanged) -> None:
        if not self.desk_shown():
            return
        self.counts_bar.set_state(loading=message.busy)

    @on(InboxList.SelectionChanged)
    def _selection_changed(self, message: InboxList.SelectionChanged) -> None:
        if not self.desk_shown():
            return
        self.counts_bar.set_state(selected=message.count)

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def poll_changes(self) -> None:
        """Notice commits from other processes (a headless ingest, another editor)."""
        worker = get_current_worker()
        desk = self.data.get()
        last = desk.data_version()
        failing = False
        while not worker.is_cancelled:
            time.sleep(self.poll_interval or 1.0)
            try:
                version = desk.data_version()
            except Exception as exc:  # say so once per streak, keep polling
                if not failing:
                    notify_failure(self, "Watching for new stories", exc)
                failing = True
                continue
            failing = False
            if version != last:
                last = version
                self.post_message(DataChanged(version))

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        if not self.desk_shown():
            return
        self.refresh_view(keep=True)

    def action_refresh(self) -> None:
        self.refresh_view(keep=True)

    # --- screens --------------------------------------------------------------------------

    def help_rows(self) -> list[tuple[str, str, str, str]]:
        """Every binding with its keys as mapped now and its id (what a keymap file names).

        (area, keys, what it does, binding id), for the help screen, the docs and tests.
        """
        from newsdesk.tui.dupes import CompareScreen, DuplicatesScreen
        from newsdesk.tui.lists import DeskTable
        from newsdesk.tui.modals import ConfirmModal, PickModal, PromptModal
        from newsdesk.tui.reader import ReaderScreen
        from newsdesk.tui.rules_screen import RulesScreen

        rows: list[tuple[str, str, str, str]] = []
        keymap = self._keymap

        def keys_of(binding: Binding) -> str:
            keys = keymap.get(binding.id or "", binding.key)
            return ", ".join(self.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))

        for area, bindings in (
            ("Moving", InboxList.BINDINGS),
            ("Acting on stories", DeskApp.BINDINGS),
            ("Reading a story (Enter)", ReaderScreen.BINDINGS),
            ("Duplicates (D)", DuplicatesScreen.BINDINGS),
            ("Compare (c)", CompareScreen.BINDINGS),
            ("Rules (R)", RulesScreen.BINDINGS),
            ("Every table (duplicates, rules)", DeskTable.BINDINGS),
            ("Dialogs", [*PromptModal.BINDINGS, *PickModal.BINDINGS, *ConfirmModal.BINDINGS]),
        ):
            seen: set[str] = set()
            for b in bindings:
                assert isinstance(b, Binding)
                if b.id in seen:
                    continue
                seen.add(b.id or "")
                rows.append((area, keys_of(b), b.description or b.action, b.id or ""))
        rows.append(("Anywhere", "ctrl+p", "Command palette: every action and screen", ""))
        rows.append(("Anywhere", "tab", "Move focus between the list and the story", ""))
        return rows

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_rows()))

    def action_load_samples(self) -> None:
        self._ingest_worker([str(self.samples)])

    @work(thread=True, exclusive=True, group="ingest", exit_on_error=False)
    def _ingest_worker(self, paths: list[str]) -> None:
        report = self.data.get().ingest(paths)  # a failure is a toast (ReportsWorkerErrors)
        self.post_message(ActionDone(ingest_summary(report, paths[0]), list(report.stored)))
        if report.errors:
            lines = [f"{safe(e.source)}: {safe(e.reason)}" for e in report.errors[:5]]
            more = len(report.errors) - len(lines)
            if more > 0:
                lines.append(f"and {more} more")
            self.notify(
                "\n".join(lines),
                title=f"{len(report.errors)} not loaded",
                severity="error",
                markup=False,
                timeout=15,
            )


def ingest_summary(report: Any, source: str) -> str:
    """What `L` did, counted: stored, already stored, not loaded."""
    stored, existing, errors = len(report.stored), len(report.existing), len(report.errors)
    text = f"Stored {stored} new {'story' if stored == 1 else 'stories'} from {safe(source)}"
    if existing:
        text += f"; {existing} already stored"
    if errors:
        text += f"; {errors} could not be loaded"
    return text


def run_desk(desk: Desk) -> None:
    """Open the desk on this Desk (what a bare `newsdesk` runs)."""
    try:
        keymap = load_keymap()
    except KeymapError as exc:
        print(f"newsdesk: ignoring keymap: {exc}")
        keymap = {}
    DeskApp(desk, keymap=keymap).run()
