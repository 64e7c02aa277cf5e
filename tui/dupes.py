"""Duplicates: the current story's duplicates and related stories, compare, merge/dismiss/unmerge.

Merge, unmerge and dismiss are editor actions like any other: `Desk.merge`, `Desk.dismiss`
and `Desk.unmerge` (audited, undoable with u or ctrl+z), the same calls the CLI makes, in
a thread worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from newsdesk.desk import Link
from newsdesk.tui.compare import FIGURE_STYLE, NAME_STYLE, PASSAGE_STYLE, shared
from newsdesk.tui.errors import ReportsWorkerErrors
from newsdesk.tui.footer import DeskFooter
from newsdesk.tui.lists import DeskTable
from newsdesk.tui.modals import PickModal
from newsdesk.tui.render import safe, score_text, styled_safe

if TYPE_CHECKING:
    from newsdesk.tui.app import DeskApp

    _Desk = DeskApp
else:
    _Desk = object


class LinksLoaded(Message):
    def __init__(self, article: Any, links: list[Any]) -> None:
        super().__init__()
        self.article = article
        self.links = links


class DuplicatesScreen(ReportsWorkerErrors, Screen[None]):
    """Every link of one story; Enter or c compares, m merges, x dismisses, U unmerges."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", id="dupes.close"),
        Binding("c,enter", "compare", "Compare", id="dupes.compare"),
        Binding("m", "merge", "Merge", id="dupes.merge"),
        Binding("x", "dismiss_link", "Not a duplicate", id="dupes.dismiss"),
        Binding("U", "unmerge", "Unmerge", id="dupes.unmerge"),
        Binding("u", "undo", "Undo", id="dupes.undo"),
    ]

    DEFAULT_CSS = """
    DuplicatesScreen #dupes-title { height: auto; background: $primary-darken-2; padding: 0 1; }
    DuplicatesScreen DataTable { height: 1fr; }
    DuplicatesScreen #dupes-reasons { height: auto; max-height: 10; padding: 0 1;
        border-top: solid $primary-darken-2; }
    """

    def __init__(self, desk_app: DeskApp, article_id: int) -> None:
        super().__init__()
        self.desk_app = desk_app
        self.article_id = article_id
        self.article: Any = None
        self.links: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("Loading…"), id="dupes-title")
        yield DeskTable(id="dupes-table", cursor_type="row")
        yield Static("", id="dupes-reasons")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Kind", "Score", "State", "Story", "Outlet", "Status", "Headline")
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="dupes", exit_on_error=False)
    def load(self) -> None:
        desk = self.desk_app.data.get()
        article = desk.article(self.article_id)
        links = desk.links(self.article_id)
        if not get_current_worker().is_cancelled:
            self.post_message(LinksLoaded(article, links))

    @on(LinksLoaded)
    def _loaded(self, message: LinksLoaded) -> None:
        self.article = message.article
        self.links = message.links
        title = Text()
        title.append("Duplicates and related  ", "bold")
        if self.article is not None:
            title.append(f"#{self.article.id} ")
            title.append(safe(self.article.title))
            if self.article.merged_into:
                title.append(f"  (merged into #{self.article.merged_into})", "magenta")
        self.query_one("#dupes-title", Static).update(title)
        table = self.query_one(DataTable)
        table.clear()
        for link in self.links:
            table.add_row(
                Text(link.kind, "bold magenta" if link.kind == "duplicate" else "magenta"),
                Text(score_text(link.score), justify="right"),
                Text(link.state, "" if link.state == "open" else "dim"),
                Text(f"#{link.other_id}"),
                Text(safe(link.other_outlet)),
                Text(safe(link.other_status)),
                Text(safe(link.other_title)),
                key=str(link.other_id),
            )
        if not self.links:
            self.query_one("#dupes-reasons", Static).update(
                Text("No duplicates or related stories found for this story.", style="dim")
            )
        else:
            self._show_reasons()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        """Enter or a click on the highlighted row compares it, as c does."""
        self.action_compare()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_reasons()

    def _show_reasons(self) -> None:
        link = self.current_link()
        if link is None:
            return
        out = Text()
        out.append("Why: ", "bold")
        out.append("; ".join(safe(r) for r in link.reasons) or "no reasons recorded", "")
        self.query_one("#dupes-reasons", Static).update(out)

    def current_link(self) -> Any | None:
        table = self.query_one(DataTable)
        if not self.links or table.cursor_row is None:
            return None
        row = table.cursor_row
        return self.links[row] if 0 <= row < len(self.links) else None

    def action_compare(self) -> None:
        link = self.current_link()
        if link is not None:
            self.app.push_screen(CompareScreen(self.desk_app, self.article_id, link))

    def action_merge(self) -> None:
        link = self.current_link()
        if link is None or self.article is None:
            return
        a, b = self.article_id, link.other_id
        choices = [
            (str(a), f"keep #{a} (this story), merge #{b} into it"),
            (str(b), f"keep #{b}, merge this story #{a} into it"),
        ]

        def chosen(value: str | None) -> None:
            if value:
                keep = int(value)
                other = b if keep == a else a
                self.desk_app.merge_stories(keep, [other])

        self.app.push_screen(PickModal("Which story is canonical?", choices), chosen)

    def action_dismiss_link(self) -> None:
        link = self.current_link()
        if link is not None:
            self.desk_app.dismiss_link(self.article_id, link.other_id)

    def action_unmerge(self) -> None:
        link = self.current_link()
        target = self.article_id
        if self.article is not None and not self.article.merged_into and link is not None:
            target = link.other_id  # unmerge the other story from this canonical one
        self.desk_app.unmerge_story(target)

    def action_undo(self) -> None:
        self.desk_app.action_undo()

    def desk_changed(self) -> None:
        """Called by the app after every action: show the links as they are now."""
        self.load()

    def action_close(self) -> None:
        self.dismiss(None)


class ComparePairLoaded(Message):
    def __init__(self, left: Any, right: Any) -> None:
        super().__init__()
        self.left = left
        self.right = right


class CompareScreen(ReportsWorkerErrors, Screen[None]):
    """Two stories side by side with shared passages, figures and names highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", id="compare.close"),
        Binding("m", "merge", "Merge", id="compare.merge"),
        Binding("x", "dismiss_link", "Not a duplicate", id="compare.dismiss"),
        Binding("l", "link", "Same story", id="compare.link"),
    ]

    DEFAULT_CSS = """
    CompareScreen #compare-title { height: auto; background: $primary-darken-2; padding: 0 1; }
    CompareScreen Horizontal { height: 1fr; }
    CompareScreen VerticalScroll { width: 1fr; padding: 0 1; }
    CompareScreen #compare-right { border-left: solid $primary-darken-2; }
    """

    def __init__(self, desk_app: DeskApp, article_id: int, link: Any) -> None:
        super().__init__()
        self.desk_app = desk_app
        self.article_id = article_id
        self.link = link

    def compose(self) -> ComposeResult:
        yield Static(Text("Loading…"), id="compare-title")
        with Horizontal():
            with VerticalScroll(id="compare-left"):
                yield Static("", id="compare-left-body")
            with VerticalScroll(id="compare-right"):
                yield Static("", id="compare-right-body")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#compare-left").focus()
        self.load()

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def load(self) -> None:
        desk = self.desk_app.data.get()
        left = desk.article(self.article_id)
        right = desk.article(self.link.other_id)
        if not get_current_worker().is_cancelled:
            self.post_message(ComparePairLoaded(left, right))

    @on(ComparePairLoaded)
    def _loaded(self, message: ComparePairLoaded) -> None:
        left, right = message.left, message.right
        if left is None or right is None:
            self.query_one("#compare-title", Static).update(Text("A story is gone."))
            return
        found = shared(left.text, right.text)
        title = Text()
        title.append(f"{self.link.kind}  score {score_text(self.link.score)}  ", "bold magenta")
        title.append(f"{found.passages} shared passages", PASSAGE_STYLE)
        title.append("  ")
        title.append(f"{len(found.figures)} figures", FIGURE_STYLE)
        title.append("  ")
        title.append(f"{len(found.names)} names", NAME_STYLE)
        if self.link.reasons:
            title.append("\nWhy: ", "dim")
            title.append("; ".join(safe(r) for r in self.link.reasons), "dim")
        self.query_one("#compare-title", Static).update(title)
        for side, article, spans in (("left", left, found.a), ("right", right, found.b)):
            self.query_one(f"#compare-{side}-body", Static).update(_side(article, spans))

    def action_merge(self) -> None:
        a, b = self.article_id, self.link.other_id
        choices = [(str(a), f"keep #{a} (left)"), (str(b), f"keep #{b} (right)")]

        def chosen(value: str | None) -> None:
            if value:
                keep = int(value)
                self.desk_app.merge_stories(keep, [b if keep == a else a])
                self.dismiss(None)

        self.app.push_screen(PickModal("Which story is canonical?", choices), chosen)

    def action_dismiss_link(self) -> None:
        self.desk_app.dismiss_link(self.article_id, self.link.other_id)
        self.dismiss(None)

    def action_link(self) -> None:
        """Same story, whatever dedup said: the right-hand story joins the left's family."""
        self.desk_app.link_stories(self.article_id, self.link.other_id)
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


def _side(article: Any, spans: list[tuple[int, int, str]]) -> Text:
    head = Text()
    head.append(f"#{article.id}  ", "bold")
    head.append(safe(article.outlet) or "unknown outlet", "cyan")
    head.append("  ")
    head.append(safe(article.published), "dim")
    head.append("\n")
    title = [(0, len(article.title), "bold")]
    head.append_text(styled_safe(article.text, title + spans))
    return head


class DuplicateActions(_Desk):
    """The desk's side of duplicates: open the panel or compare; merge, dismiss, unmerge."""

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

    def action_duplicates(self) -> None:
        if self.current is None:
            self.notify("No story selected.", severity="warning", markup=False)
            return
        from newsdesk.tui.dupes import DuplicatesScreen

        self.push_screen(DuplicatesScreen(self, self.current["id"]))

    def link_stories(self, a: int, b: int, kind: str = "duplicate") -> None:
        """The editor's own link: b joins a's story family (or a related link)."""
        self._action_worker(
            "Linked" if kind == "duplicate" else "Related:",
            f"#{b} to #{a}" if kind == "duplicate" else f"#{a} and #{b}",
            {a: 0, b: 0},
            lambda d, _ids, _v: d.link(a, b, kind),
        )

    def action_compare(self) -> None:
        """Two selected stories: compare them, proposed by dedup or not; else the closest."""
        chosen = sorted(self.inbox.selected)
        if len(chosen) == 2:
            self._compare_worker(chosen[0], chosen[1])
            return
        if len(chosen) > 2:
            self.notify("Select two stories to compare them.", severity="warning", markup=False)
            return
        if self.current is None:
            self.notify("No story selected.", severity="warning", markup=False)
            return
        if not self.links:
            self.notify(
                "This story has no duplicates or related stories: select two stories (x) "
                "and press c to compare any pair.",
                markup=False,
            )
            return
        from newsdesk.tui.dupes import CompareScreen

        self.push_screen(CompareScreen(self, self.current["id"], self.links[0]))

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compare_worker(self, a: int, b: int) -> None:
        verdict = self.data.get().compare(a, b)
        link = Link(
            other_id=b,
            kind=verdict.kind,
            score=verdict.score,
            state="unlinked",
            reasons=verdict.reasons,
            this_id=a,
        )
        self.call_from_thread(self.push_screen, CompareScreen(self, a, link))
