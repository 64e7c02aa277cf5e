"""The reader: one story full-screen (Enter), next and previous without going back.

Keys follow newsboat where they fit: n / p (or → / ←) for the next and previous story,
j / k / space / b / g / G to read, w to see the story's address and open it in a browser
after a second key press (the address is untrusted text: shown literally, opened only
when it is plain http(s), and never without the y). Esc or q goes back to the inbox, on
the story you were reading.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from newsdesk.tui.errors import ReportsWorkerErrors
from newsdesk.tui.footer import DeskFooter
from newsdesk.tui.messages import PreviewLoaded
from newsdesk.tui.modals import ConfirmModal
from newsdesk.tui.preview import describe_article
from newsdesk.tui.render import safe
from newsdesk.tui.story import read_story

if TYPE_CHECKING:
    from newsdesk.tui.app import DeskApp

UrlOpener = Callable[[str], Any]


def default_opener(url: str) -> Any:
    """The system browser (looked up at call time, so tests can replace it)."""
    return webbrowser.open(url)


def openable(url: str | None) -> str | None:
    """Why this address will not be opened, or None when it is a plain http(s) URL.

    Only http and https, no whitespace or control characters, nothing that a browser
    launcher could read as an option ("-..."): the address came from a feed or a file.
    """
    if not url or not url.strip():
        return "this story has no address"
    if any(ch.isspace() or ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in url):
        return "the address holds spaces or control characters"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "the address is not a URL"
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return "only http and https addresses are opened"
    return None


def confirm_and_open(app: App[Any], url: str | None, opener: UrlOpener) -> None:
    """Show the address; open it only after y (or Enter). Nothing else opens a browser."""
    problem = openable(url)
    if problem is not None:
        shown = f": {safe(url)}" if url else ""
        app.notify(f"Not opened: {problem}{shown}", severity="warning", markup=False)
        return
    assert url is not None

    def chosen(answer: str | None) -> None:
        if answer == "yes":
            _open_in_browser(app, url, opener)

    app.push_screen(
        ConfirmModal(
            "Open this address in your browser?",
            url,
            "y or Enter opens it · n or Esc does not",
        ),
        chosen,
    )


def _open_in_browser(app: App[Any], url: str, opener: UrlOpener) -> None:
    """A browser launcher can block: run it off the UI thread, report failure as a toast."""
    app.run_worker(lambda: opener(url), thread=True, group="browser", exit_on_error=False)
    app.notify(f"Opening {safe(url)}", markup=False)


class ReaderScreen(ReportsWorkerErrors, Screen[None]):
    """The story under the inbox cursor, full-screen; n / p move the inbox cursor too."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", id="reader.close"),
        Binding("n,right", "next", "Next", id="reader.next"),
        Binding("p,left", "previous", "Previous", id="reader.previous"),
        Binding("w", "open_url", "Open in browser", id="reader.open_url"),
        Binding("j,down", "scroll('down')", "Scroll down", show=False, id="reader.down"),
        Binding("k,up", "scroll('up')", "Scroll up", show=False, id="reader.up"),
        Binding(
            "space,pagedown", "scroll('page_down')", "Page down", show=False, id="reader.page_down"
        ),
        Binding("b,pageup", "scroll('page_up')", "Page up", show=False, id="reader.page_up"),
        Binding("g,home", "scroll('home')", "Top", show=False, id="reader.top"),
        Binding("G,end", "scroll('end')", "End", show=False, id="reader.end"),
    ]

    DEFAULT_CSS = """
    ReaderScreen #reader-title { height: 1; background: $primary-darken-2; padding: 0 1; }
    ReaderScreen #reader-body { height: 1fr; padding: 0 2; }
    """

    def __init__(self, desk_app: DeskApp, article_id: int) -> None:
        super().__init__()
        self.desk_app = desk_app
        self.article_id = article_id
        self.article: Any = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Loading…"), id="reader-title")
        with VerticalScroll(id="reader-body"):
            yield Static(Text("Loading…", style="dim"), id="reader-text")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#reader-body").focus()
        self.load(self.article_id)

    @work(thread=True, exclusive=True, group="reader", exit_on_error=False)
    def load(self, article_id: int) -> None:
        loaded = read_story(self.app, self.desk_app.data.get(), article_id)
        if not get_current_worker().is_cancelled:
            self.post_message(loaded)

    def on_preview_loaded(self, message: PreviewLoaded) -> None:
        message.stop()
        article = message.article
        if article is not None and article.id != self.article_id:
            return  # an older story, superseded by n / p
        self.article = article
        title = Text(no_wrap=True, overflow="ellipsis")
        inbox = self.desk_app.inbox
        title.append(f"Story {inbox.cursor + 1:,} of {inbox.total:,}", "bold")
        title.append("   n next · p previous · w address · Esc back", "dim")
        self.query_one("#reader-title", Static).update(title)
        body = self.query_one("#reader-text", Static)
        if article is None:
            body.update(Text("This story is gone (deleted or never stored).", style="dim"))
        else:
            body.update(describe_article(article, message.matches, message.links, message.coverage))
        self.query_one("#reader-body", VerticalScroll).scroll_home(animate=False)

    def _follow(self, step: int) -> None:
        inbox = self.desk_app.inbox
        before = inbox.current_row()
        inbox.move_to(inbox.cursor + step)
        row = inbox.current_row()
        if row is None or (before is not None and row["id"] == before["id"]):
            where = "last" if step > 0 else "first"
            self.app.notify(f"This is the {where} story in the list.", markup=False)
            return
        self.article_id = row["id"]
        self.load(self.article_id)

    def action_next(self) -> None:
        self._follow(+1)

    def action_previous(self) -> None:
        self._follow(-1)

    def action_scroll(self, how: str) -> None:
        body = self.query_one("#reader-body", VerticalScroll)
        {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }[how](animate=False)

    def action_open_url(self) -> None:
        url = self.article.url if self.article is not None else None
        confirm_and_open(self.app, url, self.desk_app.open_url)

    def action_close(self) -> None:
        self.dismiss(None)
