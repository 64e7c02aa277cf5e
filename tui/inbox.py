"""The inbox: a virtual list that renders only the visible rows (the Toolong way).

It never holds the whole inbox. It keeps a window of a few hundred rows, filled by
keyset pagination in a thread worker, and slides that window as the cursor moves. The
absolute position (`start` + index) is only used for display and for where to draw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.worker import get_current_worker

from newsdesk.desk import InboxQuery
from newsdesk.tui.errors import ReportsWorkerErrors
from newsdesk.tui.messages import PageLoaded
from newsdesk.tui.render import Clock, inbox_line, utc_now

Key = tuple[str, int]
# fetch(query, limit, after, before) -> rows; runs on a worker thread
Fetcher = Callable[[InboxQuery, int, Key | None, Key | None], list[dict[str, Any]]]
# links(ids) -> {id: number of open duplicate/related links}; runs on a worker thread
LinkCounter = Callable[[list[int]], dict[int, tuple[int, int]]]

PAGE = 200  # rows per fetch
EDGE = 80  # prefetch when the cursor comes this close to the window's edge
WINDOW = 600  # most rows held at once
END_KEY: Key = ("", 0)  # sorts below every row: `before=END_KEY` is the last page


def key_of(row: dict[str, Any]) -> Key:
    return (row["sort_key"], row["id"])


class InboxList(ReportsWorkerErrors, Widget, can_focus=True):
    """Stories newest first; j/k to move, space to select."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="inbox.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="inbox.up"),
        Binding("pagedown,ctrl+d", "page_down", "Page down", show=False, id="inbox.page_down"),
        Binding("pageup,ctrl+u", "page_up", "Page up", show=False, id="inbox.page_up"),
        Binding("home,g", "first", "First", show=False, id="inbox.first"),
        Binding("end,G", "last", "Last", show=False, id="inbox.last"),
        Binding("x,space", "toggle_select", "Select", id="inbox.select"),
        Binding("X", "clear_selection", "Clear selection", show=False, id="inbox.clear"),
    ]

    DEFAULT_CSS = """
    InboxList { height: 1fr; }
    """

    class CursorMoved(Message):
        """The highlighted story changed (None when the list is empty)."""

        def __init__(self, row: dict[str, Any] | None) -> None:
            super().__init__()
            self.row = row

    class LoadingChanged(Message):
        """A page fetch started (busy) or every pending fetch finished."""

        def __init__(self, busy: bool) -> None:
            super().__init__()
            self.busy = busy

    class Opened(Message):
        """A story was double-clicked: the app opens it in the reader."""

        def __init__(self, row: dict[str, Any]) -> None:
            super().__init__()
            self.row = row

    class SelectionChanged(Message):
        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    total: reactive[int] = reactive(0)

    def __init__(
        self,
        fetch: Fetcher,
        links: LinkCounter | None = None,
        now: Clock = utc_now,
        *,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id)
        self._fetch = fetch
        self._links = links
        self._now = now
        self.inbox_query = InboxQuery()
        self.rows: list[dict[str, Any]] = []
        self.link_counts: dict[int, tuple[int, int]] = {}
        self.start = 0  # absolute index of rows[0]
        self.cursor = 0  # absolute index of the highlighted row
        self.top = 0  # absolute index of the first visible line
        self.selected: dict[int, int] = {}  # story id -> version seen
        self.generation = 0  # bumps on every reset; stale pages are dropped
        self.more_below = False
        self.loading: set[str] = set()
        self.loaded_once = False
        self._last_cursor_id: int | None = -1
        self._had_rows = False

    # --- data -----------------------------------------------------------------------------

    def reset(self, query: InboxQuery | None = None, *, keep: bool = False) -> None:
        """Load the inbox afresh; with `keep`, stay on the same story (or the same row)."""
        if query is not None and query != self.inbox_query:
            self.inbox_query = query
            keep = False
        self.generation += 1
        self.loading.clear()
        current = self.current_row()
        if keep and self.rows and self.start > 0:
            # reload from the first row of the window (inclusive), so nothing jumps
            first = key_of(self.rows[0])
            self._load("reset_from", after=(first[0], first[1] + 1), keep_id=_id(current))
        else:
            if not keep:
                self.start = self.cursor = self.top = 0
            self._load("reset", keep_id=_id(current) if keep else None)

    def _load(
        self,
        mode: str,
        after: Key | None = None,
        before: Key | None = None,
        keep_id: int | None = None,
    ) -> None:
        if not self.loading:
            self.post_message(self.LoadingChanged(True))
        self.loading.add(mode)
        self._fetch_worker(self.generation, mode, self.inbox_query, after, before, keep_id)

    @work(thread=True, group="inbox-page", exit_on_error=False)
    def _fetch_worker(
        self,
        generation: int,
        mode: str,
        query: InboxQuery,
        after: Key | None,
        before: Key | None,
        keep_id: int | None,
    ) -> None:
        rows = self._fetch(query, PAGE, after, before)
        links = self._links([r["id"] for r in rows]) if self._links else {}
        if not get_current_worker().is_cancelled:
            self.post_message(PageLoaded(generation, mode, rows, links, keep_id))

    @on(PageLoaded)
    def _page_loaded(self, message: PageLoaded) -> None:
        message.stop()
        if message.generation != self.generation:
            return
        self.loading.discard(message.mode)
        if not self.loading:
            self.post_message(self.LoadingChanged(False))
        rows = message.rows
        self.link_counts.update(message.links)
        mode = message.mode
        if mode in ("reset", "reset_from"):
            self.rows = rows
            if mode == "reset":
                self.start = 0
            self.more_below = len(rows) == PAGE
            if message.keep_id is not None:
                for i, row in enumerate(rows):
                    if row["id"] == message.keep_id:
                        self.cursor = self.start + i
                        break
            self.loaded_once = True
            self._prune_selection()
        elif mode == "below":
            self.rows.extend(rows)
            self.more_below = len(rows) == PAGE
            if len(self.rows) > WINDOW:
                cut = len(self.rows) - WINDOW
                del self.rows[:cut]
                self.start += cut
        elif mode == "above":
            self.rows[:0] = rows
            self.start = max(0, self.start - len(rows))
            if len(rows) < PAGE:
                self.start = 0
            if len(self.rows) > WINDOW:
                del self.rows[WINDOW:]
                self.more_below = True
        elif mode == "end":
            self.rows = rows
            self.more_below = False
            self.start = max(0, self.total - len(rows))
            self.cursor = self.start + len(rows) - 1
        self._clamp()
        self._maybe_prefetch()
        self._cursor_changed()
        self.refresh()
        if bool(self.rows) != self._had_rows:
            self._had_rows = bool(self.rows)
            self.refresh_bindings()

    def worker_failed(self, worker: Any) -> None:
        """A page that never comes: stop saying "loading" (the error is already shown)."""
        self.loading.clear()
        self.post_message(self.LoadingChanged(False))

    def _prune_selection(self) -> None:
        """Forget nothing: selected stories stay selected across refreshes (versions update)."""
        for row in self.rows:
            if row["id"] in self.selected:
                self.selected[row["id"]] = row["version"]

    def _maybe_prefetch(self) -> None:
        if not self.rows:
            return
        end = self.start + len(self.rows)
        if self.more_below and end - self.cursor < EDGE and "below" not in self.loading:
            self._load("below", after=key_of(self.rows[-1]))
        if self.start > 0 and self.cursor - self.start < EDGE and "above" not in self.loading:
            self._load("above", before=key_of(self.rows[0]))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing to select in an empty list: keep Select out of the footer."""
        return not (action == "toggle_select" and not self.rows)

    # --- reading state --------------------------------------------------------------------

    def current_row(self) -> dict[str, Any] | None:
        i = self.cursor - self.start
        if 0 <= i < len(self.rows):
            return self.rows[i]
        return None

    def target_versions(self) -> dict[int, int]:
        """The stories an action applies to: the selection, else the highlighted one."""
        if self.selected:
            return dict(self.selected)
        row = self.current_row()
        return {row["id"]: row["version"]} if row else {}

    @property
    def last_index(self) -> int:
        """The last absolute index we can move to right now."""
        loaded_end = self.start + len(self.rows) - 1
        return max(0, loaded_end)

    # --- movement -------------------------------------------------------------------------

    def _clamp(self) -> None:
        self.cursor = max(self.start if self.rows else 0, min(self.cursor, self.last_index))
        height = max(1, self.size.height)
        if self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + height:
            self.top = self.cursor - height + 1
        self.top = max(0, self.top)

    def move_to(self, index: int) -> None:
        self.cursor = index
        self._clamp()
        self._maybe_prefetch()
        self._cursor_changed()
        self.refresh()

    def _cursor_changed(self) -> None:
        row = self.current_row()
        rid = _id(row)
        if rid != self._last_cursor_id:
            self._last_cursor_id = rid
            self.post_message(self.CursorMoved(row))

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_page_down(self) -> None:
        step = max(1, self.size.height - 1)
        self.top += step
        self.move_to(self.cursor + step)

    def action_page_up(self) -> None:
        step = max(1, self.size.height - 1)
        self.top = max(0, self.top - step)
        self.move_to(self.cursor - step)

    def action_first(self) -> None:
        if self.start == 0:
            self.move_to(0)
        else:
            self.generation += 1
            self.loading.clear()
            self.start = self.cursor = self.top = 0
            self._load("reset")

    def action_last(self) -> None:
        if not self.more_below:
            self.move_to(self.last_index)
        else:
            self.generation += 1
            self.loading.clear()
            self._load("end", before=END_KEY)

    def action_toggle_select(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if row["id"] in self.selected:
            del self.selected[row["id"]]
        else:
            self.selected[row["id"]] = row["version"]
        self.post_message(self.SelectionChanged(len(self.selected)))
        self.move_to(self.cursor + 1)

    def action_clear_selection(self) -> None:
        self.selected.clear()
        self.post_message(self.SelectionChanged(0))
        self.refresh()

    def clear_selection(self) -> None:
        self.action_clear_selection()

    def on_click(self, event: events.Click) -> None:
        self.focus()
        self.move_to(self.top + event.y)
        row = self.current_row()
        if event.chain == 2 and row is not None:
            self.post_message(self.Opened(row))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.move_to(self.cursor + 3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.move_to(self.cursor - 3)

    def on_resize(self, event: events.Resize) -> None:
        self._clamp()

    # --- drawing --------------------------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return container.height

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = self.top + y
        i = index - self.start
        base = self.rich_style
        if 0 <= i < len(self.rows):
            row = self.rows[i]
            text = inbox_line(
                row,
                width,
                self._now(),
                selected=row["id"] in self.selected,
                links=self.link_counts.get(row["id"], (0, 0)),
            )
            if index == self.cursor:
                style = self.get_component_rich_style(
                    "inbox--cursor" if self.has_focus else "inbox--cursor-blur"
                )
                text.stylize(style)
        elif self.rows and (index < self.start or (self.more_below and i >= len(self.rows))):
            text = Text("  …", style="dim")
        else:
            return Strip.blank(width, base)
        segments = list(text.render(self.app.console))
        strip = Strip(segments).apply_style(base)
        return strip.crop_extend(0, width, base)

    COMPONENT_CLASSES: ClassVar[set[str]] = {"inbox--cursor", "inbox--cursor-blur"}

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


def _id(row: dict[str, Any] | None) -> int | None:
    return row["id"] if row else None


__all__ = ["END_KEY", "PAGE", "InboxList", "key_of"]
