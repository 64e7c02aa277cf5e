"""The editor's desk: a keyboard-first Textual app over `newsdesk.desk.Desk`.

The UI thread never touches SQLite: every read and every action runs in a thread worker
with that thread's own Desk (see tui.data) and posts a typed message back (tui.messages).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.errors import NoWidget
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from newsdesk.desk import ActionError, ActionResult, Conflict, Desk, InboxQuery
from newsdesk.model import PRIORITIES
from newsdesk.resources import samples_dir
from newsdesk.tui.commands import DeskCommandPalette, DeskCommands
from newsdesk.tui.data import DeskAccess
from newsdesk.tui.errors import ReportsWorkerErrors, notify_failure
from newsdesk.tui.help import HelpScreen
from newsdesk.tui.inbox import InboxList
from newsdesk.tui.keymap import KeymapError, load_keymap
from newsdesk.tui.messages import (
    ActionDone,
    ActionFailed,
    CountsLoaded,
    DataChanged,
    PreviewLoaded,
)
from newsdesk.tui.modals import PickModal, PromptModal
from newsdesk.tui.preview import Preview
from newsdesk.tui.render import Clock, safe, utc_now
from newsdesk.tui.statusbar import CountsBar

REJECT_REASONS = (
    "off-topic",
    "duplicate",
    "advertorial",
    "press release",
    "outside our area",
    "low quality",
)
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
        "compare",
        "rules",
        "load_samples",
        "help",
    }
)


def headline(title: str, width: int = 60) -> str:
    """A headline for a notification: printable, one line, cut to `width`."""
    text = safe(title)
    return text if len(text) <= width else text[: width - 1] + "…"


class DeskApp(ReportsWorkerErrors, App[None]):
    """Triage stories: the inbox on top, the story below, every key in the footer."""

    CSS_PATH = "desk.tcss"
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
        Binding("u,ctrl+z", "undo", "Undo", id="desk.undo"),
        Binding("slash", "search", "Search", id="desk.search"),
        Binding("f", "filter", "Filter", id="desk.filter"),
        Binding("1", "status('new')", "Show new stories", show=False, id="desk.show_new"),
        Binding("2", "status('approved')", "Show approved", show=False, id="desk.show_approved"),
        Binding("3", "status('rejected')", "Show rejected", show=False, id="desk.show_rejected"),
        Binding("4", "status('merged')", "Show merged", show=False, id="desk.show_merged"),
        Binding("0", "status('')", "Show all stories", show=False, id="desk.show_all"),
        Binding("D", "duplicates", "Dupes", id="desk.duplicates"),
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
        yield Footer(compact=True)

    def _header_text(self) -> Text:
        return Text(
            "  St  Pri Time       Outlet         Headline   (⧉ duplicates  ≈ related)",
            style="bold",
            no_wrap=True,
        )

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
        self.current = message.row
        self.counts_bar.set_state(position=self.inbox.cursor)
        if message.row is None:
            self.article = None
            self.query_one(Preview).show(None)
        else:
            self.load_preview(message.row["id"])

    @on(InboxList.LoadingChanged)
    def _loading_changed(self, message: InboxList.LoadingChanged) -> None:
        self.counts_bar.set_state(loading=message.busy)

    @on(InboxList.SelectionChanged)
    def _selection_changed(self, message: InboxList.SelectionChanged) -> None:
        self.counts_bar.set_state(selected=message.count)

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def load_preview(self, article_id: int) -> None:
        desk = self.data.get()
        article = desk.article(article_id)
        matches: list[Any] = []
        links: list[Any] = []
        coverage = None
        if article is not None:
            try:
                matches = desk.rule_matches(article)
            except Exception as exc:  # the story still shows, without highlights
                notify_failure(self, "Highlighting the rules' terms", exc)
            links = desk.links(article_id)
            coverage = desk.merged_coverage(article, links)
        if not get_current_worker().is_cancelled:
            self.post_message(PreviewLoaded(article, matches, links, coverage))

    @on(PreviewLoaded)
    def _preview_loaded(self, message: PreviewLoaded) -> None:
        current = self.current
        article = message.article
        if article is not None and current is not None and article.id != current["id"]:
            return
        self.article = message.article
        self.links = message.links
        self.query_one(Preview).show(
            message.article, message.matches, message.links, message.coverage
        )

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
        self.refresh_view(keep=True)

    # --- actions --------------------------------------------------------------------------

    def _targets(self) -> dict[int, int] | None:
        targets = self.inbox.target_versions()
        if not targets:
            self.notify("No story here to act on.", severity="warning", markup=False)
            return None
        return targets

    def _what(self, targets: dict[int, int]) -> str:
        row = self.inbox.current_row()
        if len(targets) == 1 and row is not None and row["id"] in targets:
            return f"#{row['id']} {headline(row['title'])}"
        if len(targets) == 1:
            return f"#{next(iter(targets))}"
        return f"{len(targets)} stories"

    def do_action(
        self,
        verb: str,
        targets: dict[int, int],
        fn: Callable[[Desk, list[int], dict[int, int]], Any],
    ) -> None:
        self._action_worker(verb, self._what(targets), targets, fn)

    @work(thread=True, group="action", exit_on_error=False)
    def _action_worker(
        self,
        verb: str,
        what: str,
        targets: dict[int, int],
        fn: Callable[[Desk, list[int], dict[int, int]], Any],
    ) -> None:
        desk = self.data.get()
        ids = sorted(targets)
        with self._action_lock:
            try:
                result = fn(desk, ids, targets)
            except Conflict as exc:
                self.post_message(ActionFailed(safe(str(exc)), conflict=True))
                return
            except ActionError as exc:
                self.post_message(ActionFailed(safe(str(exc))))
                return
        if isinstance(result, ActionResult) and result.changed == 0:
            self.post_message(ActionDone(f"{verb}: nothing to change for {what}", ids))
        else:
            self.post_message(ActionDone(f"{verb} {what}", ids))

    @on(ActionDone)
    def _action_done(self, message: ActionDone) -> None:
        self.notify(message.message, markup=False)
        self.inbox.clear_selection()
        self.refresh_view(keep=True)
        changed = getattr(self.screen, "desk_changed", None)
        if callable(changed):
            changed()

    @on(ActionFailed)
    def _action_failed(self, message: ActionFailed) -> None:
        self.notify(
            message.message,
            title="Conflict" if message.conflict else "Not done",
            severity="error",
            markup=False,
        )
        self.refresh_view(keep=True)

    def action_approve(self) -> None:
        if targets := self._targets():
            self.do_action(
                "Approved",
                targets,
                lambda d, ids, v: d.approve(ids, expected_versions=v),
            )

    def action_reopen(self) -> None:
        if targets := self._targets():
            self.do_action(
                "Reopened", targets, lambda d, ids, v: d.reopen(ids, expected_versions=v)
            )

    def action_reject(self) -> None:
        targets = self._targets()
        if not targets:
            return

        def chosen(reason: str | None) -> None:
            if reason is None:
                return
            self.do_action(
                "Rejected",
                targets,
                lambda d, ids, v: d.reject(ids, reason or None, expected_versions=v),
            )

        self.push_screen(
            PromptModal(
                f"Reject {self._what(targets)}",
                placeholder="reason (optional), Enter to reject",
                choices=[(r, r) for r in REJECT_REASONS],
                hint="Enter rejects · Tab completes · ↓ picks · Esc cancels",
            ),
            chosen,
        )

    def action_tag(self) -> None:
        if targets := self._targets():
            self._open_tag_modal(targets, remove=False)

    def action_untag(self) -> None:
        if targets := self._targets():
            self._open_tag_modal(targets, remove=True)

    @work(thread=True, exclusive=True, group="modal-data", exit_on_error=False)
    def _open_tag_modal(self, targets: dict[int, int], remove: bool) -> None:
        desk = self.data.get()
        if remove:
            present: dict[str, int] = {}
            for article in desk.articles(sorted(targets)):
                for name in article.tag_names:
                    present[name] = present.get(name, 0) + 1
            choices = sorted(present.items())
        else:
            choices = desk.all_tags()
        self.call_from_thread(self._show_tag_modal, targets, remove, choices)

    def _show_tag_modal(
        self, targets: dict[int, int], remove: bool, choices: Sequence[tuple[str, int]]
    ) -> None:
        what = self._what(targets)

        def chosen(value: str | None) -> None:
            tags = [t.strip() for t in (value or "").split(",") if t.strip()]
            if not tags:
                return
            if remove:
                self.do_action(
                    f"Untagged {', '.join(tags)} from",
                    targets,
                    lambda d, ids, v: d.untag(ids, tags, expected_versions=v),
                )
            else:
                self.do_action(
                    f"Tagged {', '.join(tags)} on",
                    targets,
                    lambda d, ids, v: d.tag(ids, tags, expected_versions=v),
                )

        self.push_screen(
            PromptModal(
                f"{'Remove tags from' if remove else 'Tag'} {what}",
                placeholder="tag, another tag",
                choices=[(name, f"{name}  ({n})") for name, n in choices],
                hint="Enter applies · Tab completes · ↓ picks · Esc cancels",
                multi=True,
            ),
            chosen,
        )

    def action_set_desk(self) -> None:
        if targets := self._targets():
            self._open_desk_modal(targets)

    @work(thread=True, exclusive=True, group="modal-data", exit_on_error=False)
    def _open_desk_modal(self, targets: dict[int, int]) -> None:
        desks = self.data.get().distinct_values("desk")
        self.call_from_thread(self._show_desk_modal, targets, desks)

    def _show_desk_modal(self, targets: dict[int, int], desks: list[str]) -> None:
        def chosen(value: str | None) -> None:
            if value is None:
                return
            self.do_action(
                f"Desk {value or '(none)'} for",
                targets,
                lambda d, ids, v: d.set_desk(ids, value or None, expected_versions=v),
            )

        self.push_screen(
            PromptModal(
                f"Desk for {self._what(targets)}",
                placeholder="desk name (empty clears)",
                choices=[(name, name) for name in desks],
                hint="Enter sets · Tab completes · Esc cancels",
            ),
            chosen,
        )

    def action_set_priority(self) -> None:
        targets = self._targets()
        if not targets:
            return
        current = (self.inbox.current_row() or {}).get("priority")

        def chosen(value: str | None) -> None:
            if value is None:
                return
            self.do_action(
                f"Priority {value or '(none)'} for",
                targets,
                lambda d, ids, v: d.set_priority(ids, value or None, expected_versions=v),
            )

        choices = [(p, p) for p in reversed(PRIORITIES)] + [("", "none (clear)")]
        self.push_screen(PickModal(f"Priority for {self._what(targets)}", choices, current), chosen)

    def action_undo(self) -> None:
        self._undo_worker()

    @work(thread=True, group="action", exit_on_error=False)
    def _undo_worker(self) -> None:
        desk = self.data.get()
        with self._action_lock:
            try:
                entry = desk.undo()
            except ActionError as exc:
                self.post_message(ActionFailed(safe(str(exc)), conflict=isinstance(exc, Conflict)))
                return
        if entry is None:
            self.post_message(ActionFailed("Nothing to undo."))
        else:
            n = len(entry.article_ids)
            stories = f"#{entry.article_ids[0]}" if n == 1 else f"{n} stories"
            self.post_message(ActionDone(f"Undid {entry.action} on {stories}", entry.article_ids))

    # --- duplicates: merge, dismiss, unmerge (through Desk.mutate, so audited and undoable) --

    def merge_stories(self, keep: int, others: list[int]) -> None:
        ids = {keep: 0, **{o: 0 for o in others}}
        self._action_worker(
            "Merged",
            f"#{', #'.join(map(str, others))} into #{keep}",
            ids,
            lambda d, _ids, _v: d.merge(keep, others),
        )

    def dismiss_link(self, a: int, b: int) -> None:
        self._action_worker(
            "Not a duplicate:",
            f"#{a} and #{b}",
            {a: 0, b: 0},
            lambda d, _ids, _v: d.dismiss(a, b),
        )

    def unmerge_story(self, article_id: int) -> None:
        self._action_worker(
            "Unmerged",
            f"#{article_id}",
            {article_id: 0},
            lambda d, _ids, _v: d.unmerge(article_id),
        )

    # --- view: search, filters ----------------------------------------------------------

    def set_query(self, **changes: Any) -> None:
        fields = {
            "status": self.query_state.status,
            "tag": self.query_state.tag,
            "desk": self.query_state.desk,
            "outlet": self.query_state.outlet,
            "search": self.query_state.search,
        }
        fields.update(changes)
        self.query_state = InboxQuery(**fields)
        self.counts_bar.set_state(query=self.query_state, total=0)
        self.inbox.clear_selection()
        self.refresh_view(keep=False)

    def action_status(self, status: str) -> None:
        self.set_query(status=status or None)

    def action_search(self) -> None:
        bar = self.query_one("#search-bar", Input)
        bar.add_class("visible")
        bar.value = self.query_state.search or ""
        bar.focus()

    @on(Input.Submitted, "#search-bar")
    def _search_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        bar = self.query_one("#search-bar", Input)
        if not value:
            bar.remove_class("visible")
        self.screen.set_focus(self.inbox)
        self.set_query(search=value or None)

    def on_key(self, event: Any) -> None:
        bar = self.query_one("#search-bar", Input)
        if event.key == "escape" and bar.has_focus:
            event.stop()
            bar.value = ""
            bar.remove_class("visible")
            self.screen.set_focus(self.inbox)
            if self.query_state.search:
                self.set_query(search=None)

    def action_filter(self) -> None:
        choices = [
            ("status", "status: new / approved / rejected / merged / all"),
            ("tag", "tag"),
            ("desk", "desk"),
            ("outlet", "outlet"),
            ("clear", "clear every filter (back to new stories)"),
        ]

        def chosen(kind: str | None) -> None:
            if kind == "clear":
                self.query_one("#search-bar", Input).remove_class("visible")
                self.query_state = InboxQuery()
                self.set_query()
            elif kind == "status":
                self.push_screen(
                    PickModal(
                        "Show stories that are",
                        [(s, s) for s in ("new", "approved", "rejected", "merged")] + [("", "all")],
                        self.query_state.status or "",
                    ),
                    lambda s: None if s is None else self.set_query(status=s or None),
                )
            elif kind:
                self._open_filter_prompt(kind)

        self.push_screen(PickModal("Filter the inbox by", choices), chosen)

    @work(thread=True, exclusive=True, group="modal-data", exit_on_error=False)
    def _open_filter_prompt(self, kind: str) -> None:
        desk = self.data.get()
        if kind == "tag":
            values = [(t, f"{t}  ({n})") for t, n in desk.all_tags()]
        else:
            values = [(v, v) for v in desk.distinct_values(kind)]
        self.call_from_thread(self._show_filter_prompt, kind, values)

    def _show_filter_prompt(self, kind: str, values: list[tuple[str, str]]) -> None:
        def chosen(value: str | None) -> None:
            if value is not None:
                self.set_query(**{kind: value or None})

        self.push_screen(
            PromptModal(
                f"Only stories with this {kind}",
                placeholder=f"{kind} (empty removes the filter)",
                choices=values,
                value=getattr(self.query_state, kind) or "",
                hint="Enter filters · Tab completes · ↓ picks · Esc cancels",
            ),
            chosen,
        )

    def action_refresh(self) -> None:
        self.refresh_view(keep=True)

    # --- screens --------------------------------------------------------------------------

    def help_rows(self) -> list[tuple[str, str, str]]:
        """Every binding with its keys as mapped now, for the help screen and tests."""
        rows = []
        keymap = self._keymap

        def keys_of(binding: Binding) -> str:
            keys = keymap.get(binding.id or "", binding.key)
            return ", ".join(self.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))

        for area, bindings in (
            ("Moving", InboxList.BINDINGS),
            ("Acting on stories", self.BINDINGS),
        ):
            for b in bindings:
                assert isinstance(b, Binding)
                rows.append((area, keys_of(b), b.description or b.action))
        rows.append(("Anywhere", "ctrl+p", "Command palette: every action and screen"))
        rows.append(("Anywhere", "tab", "Move focus between the list and the story"))
        return rows

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_rows()))

    def action_rules(self) -> None:
        from newsdesk.tui.rules_screen import RulesScreen

        self.push_screen(RulesScreen(self))

    def action_reload_rules(self) -> None:
        from newsdesk.tui.rules_screen import RulesScreen

        self.push_screen(RulesScreen(self, reload=True))

    def action_duplicates(self) -> None:
        if self.current is None:
            self.notify("No story selected.", severity="warning", markup=False)
            return
        from newsdesk.tui.dupes import DuplicatesScreen

        self.push_screen(DuplicatesScreen(self, self.current["id"]))

    def action_compare(self) -> None:
        if self.current is None:
            self.notify("No story selected.", severity="warning", markup=False)
            return
        if not self.links:
            self.notify("This story has no duplicates or related stories.", markup=False)
            return
        from newsdesk.tui.dupes import CompareScreen

        self.push_screen(CompareScreen(self, self.current["id"], self.links[0]))

    def action_load_samples(self) -> None:
        self._ingest_worker([str(self.samples)])

    @work(thread=True, exclusive=True, group="ingest", exit_on_error=False)
    def _ingest_worker(self, paths: list[str]) -> None:
        try:
            report = self.data.get().ingest(paths)
        except Exception as exc:
            self.post_message(ActionFailed(safe(f"ingest failed: {exc}")))
            return
        added = len(getattr(report, "ids", []) or getattr(report, "added", []) or [])
        note = f"Loaded {added} stories" if added else "Loaded the sample articles"
        self.post_message(ActionDone(f"{note} from {safe(paths[0])}", []))


def run_desk(desk: Desk) -> None:
    """Open the desk on this Desk (what a bare `newsdesk` runs)."""
    try:
        keymap = load_keymap()
    except KeymapError as exc:
        print(f"newsdesk: ignoring keymap: {exc}")
        keymap = {}
    DeskApp(desk, keymap=keymap).run()
