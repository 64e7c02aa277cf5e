"""The story under the cursor: its preview below the inbox, loaded in a thread worker.

A mixin of `DeskApp`; the full-screen reader is `tui.reader`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.worker import get_current_worker

from newsdesk.desk import Desk
from newsdesk.tui.errors import notify_failure
from newsdesk.tui.inbox import InboxList
from newsdesk.tui.messages import PreviewLoaded
from newsdesk.tui.preview import Preview

if TYPE_CHECKING:
    from newsdesk.tui.app import DeskApp

    _Desk = DeskApp
else:
    _Desk = object


def read_story(app: App[Any], desk: Desk, article_id: int) -> PreviewLoaded:
    """Everything the preview and the reader show of one story (call on a worker thread)."""
    article = desk.article(article_id)
    matches: list[Any] = []
    links: list[Any] = []
    coverage = None
    if article is not None:
        try:
            matches = desk.rule_matches(article)
        except Exception as exc:  # the story still shows, without highlights
            notify_failure(app, "Highlighting the rules' terms", exc)
        links = desk.links(article_id)
        coverage = desk.merged_coverage(article, links)
    return PreviewLoaded(article, matches, links, coverage)


# Mixins are not message pumps: their handlers go by name (on_<message>), which Textual
# finds along the MRO, rather than by @on, which only a message pump's class records.
class StoryView(_Desk):
    """Loads the highlighted story (text, rule terms, links, coverage) into the preview."""

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def load_preview(self, article_id: int) -> None:
        loaded = read_story(self, self.data.get(), article_id)
        if not get_current_worker().is_cancelled:
            self.post_message(loaded)

    def action_read(self) -> None:
        """Enter: the story full-screen, with n / p for the next and previous one."""
        from newsdesk.tui.reader import ReaderScreen

        if self.current is None:
            self.notify("No story here to read.", severity="warning", markup=False)
            return
        self.push_screen(ReaderScreen(self, self.current["id"]))

    def on_inbox_list_opened(self, message: InboxList.Opened) -> None:
        """A double-click on a story reads it, as Enter does."""
        if len(self.screen_stack) == 1:
            self.action_read()

    def action_open_url(self) -> None:
        """w: show the story's address; only y opens it in the browser."""
        from newsdesk.tui.reader import confirm_and_open

        url = self.article.url if self.article is not None else None
        confirm_and_open(self, url, self.open_url)

    def on_preview_loaded(self, message: PreviewLoaded) -> None:
        if not self.desk_shown():
            return
        current = self.current
        article = message.article
        if article is not None and current is not None and article.id != current["id"]:
            return
        self.article = message.article
        self.links = message.links
        self.query_one(Preview).show(
            message.article, message.matches, message.links, message.coverage
        )
