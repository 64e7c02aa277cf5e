"""The story under the cursor: its preview below the inbox, loaded in a thread worker.

A mixin of `DeskApp`; the full-screen reader is `tui.reader`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.worker import get_current_worker

from newsdesk.tui.errors import notify_failure
from newsdesk.tui.messages import PreviewLoaded
from newsdesk.tui.preview import Preview

if TYPE_CHECKING:
    from newsdesk.tui.app import DeskApp

    _Desk = DeskApp
else:
    _Desk = object


# Mixins are not message pumps: their handlers go by name (on_<message>), which Textual
# finds along the MRO, rather than by @on, which only a message pump's class records.
class StoryView(_Desk):
    """Loads the highlighted story (text, rule terms, links, coverage) into the preview."""

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

    def on_preview_loaded(self, message: PreviewLoaded) -> None:
        current = self.current
        article = message.article
        if article is not None and current is not None and article.id != current["id"]:
            return
        self.article = message.article
        self.links = message.links
        self.query_one(Preview).show(
            message.article, message.matches, message.links, message.coverage
        )
