"""The preview pane: the cleaned story, its metadata, tags with origin, rule terms highlighted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Group
from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.widgets import Static

from newsdesk.tui.render import STATUS_STYLE, safe, safe_text, score_text

HIGHLIGHT = "bold black on yellow"
Span = tuple[int, int, str]  # start, end, rule id


def highlighted(text: str, spans: Iterable[Span], style: str = HIGHLIGHT) -> Text:
    """`text` made printable piece by piece, so offsets into the raw text stay right."""
    cuts: list[tuple[int, int]] = []
    for start, end, _ in sorted(spans):
        start, end = max(0, start), min(len(text), end)
        if end <= start:
            continue
        if cuts and start < cuts[-1][1]:  # overlapping matches: merge
            cuts[-1] = (cuts[-1][0], max(cuts[-1][1], end))
        else:
            cuts.append((start, end))
    out = Text()
    pos = 0
    for start, end in cuts:
        out.append(safe(text[pos:start], single_line=False))
        out.append(safe(text[start:end], single_line=False), style)
        pos = end
    out.append(safe(text[pos:], single_line=False))
    return out


def field_spans(matches: Sequence[Any], field: str) -> list[Span]:
    return [(m.start, m.end, m.term) for m in matches if getattr(m, "field", None) == field]


def describe_article(
    article: Any,
    matches: Sequence[Any],
    links: Sequence[Any],
    coverage: Any = None,
    *,
    compact: bool = False,
) -> Group:
    """The preview as Rich renderables; every value from the story is plain text.

    `compact` (a short pane, e.g. 80x24): metadata and state on one line, the address on
    one cut line, no rule, so the story's text starts on the fifth line.
    """
    title = highlighted(article.title, field_spans(matches, "title"), HIGHLIGHT)
    title.stylize("bold")
    meta = Text(style="dim")
    meta.append_text(safe_text(article.outlet or "unknown outlet", "cyan"))
    for part in (article.published, article.lang, f"#{article.id}", f"v{article.version}"):
        if part:
            meta.append("  ·  ")
            meta.append(safe(part))
    state = Text()
    state.append("Status ", "dim")
    state.append(article.status.upper(), STATUS_STYLE.get(article.status, ""))
    if article.status_reason:
        state.append(" (")
        state.append(safe(article.status_reason))
        state.append(")")
    if article.merged_into:
        state.append(f" into #{article.merged_into}", "magenta")
    state.append("   Desk ", "dim")
    state.append(safe(article.desk) or "—")
    state.append("   Priority ", "dim")
    state.append(safe(article.priority) or "—")
    tags = Text()
    tags.append("Tags ", "dim")
    if not article.tags:
        tags.append("none", "dim")
    for i, tag in enumerate(article.tags):
        if i:
            tags.append("  ")
        tags.append(safe(tag.tag), "green" if tag.by_rule else "bold green")
        tags.append(" (")
        tags.append(safe(tag.origin), "dim")
        tags.append(")")
    if compact:
        meta.append("  ·  ")
        meta.append_text(state)
        meta.no_wrap, meta.overflow = True, "ellipsis"
        tags.no_wrap, tags.overflow = True, "ellipsis"
        parts: list[Any] = [title, meta, tags]
    else:
        parts = [title, meta, state, tags]
    if links:
        parts.append(links_text(links))
    if coverage is not None:
        cover = coverage_text(coverage)
        if compact:
            cover.no_wrap, cover.overflow = True, "ellipsis"
        parts.append(cover)
    if article.url:
        url = safe_text(article.url, "dim underline")
        if compact:
            url.no_wrap, url.overflow = True, "ellipsis"
        parts.append(url)
    if not compact:
        parts.append(Text("─" * 40, style="dim"))
    parts.append(highlighted(article.body, field_spans(matches, "body"), HIGHLIGHT))
    return Group(*parts)


def coverage_text(coverage: Any) -> Text:
    out = Text()
    out.append("Coverage ", "dim")
    for i, story in enumerate(coverage.stories):
        if i:
            out.append("  →  ", "dim")
        out.append(safe(story.get("outlet")) or "unknown", "cyan")
        out.append(f" #{story['id']} ")
        out.append(safe(story.get("published") or story.get("ingested_at")), "dim")
        if i == 0:
            out.append(" (first)", "bold")
    return out


def links_text(links: Sequence[Any]) -> Text:
    out = Text()
    out.append("Linked ", "dim")
    for i, link in enumerate(links):
        if i:
            out.append("  ")
        kind = getattr(link, "kind", "related")
        out.append(f"{kind} #{link.other_id} score {score_text(link.score)}", "bold magenta")
        state = getattr(link, "state", "open")
        if state != "open":
            out.append(f" [{state}]", "dim")
    return out


class Preview(VerticalScroll, can_focus=True):
    """Scrolls on its own; focus it with tab to read a long story with the arrows."""

    DEFAULT_CSS = """
    Preview { height: 1fr; border-top: solid $primary-darken-2; padding: 0 1; }
    """

    _shown: tuple[Any, Sequence[Any], Sequence[Any], Any] = (None, (), (), None)

    def compose(self) -> Any:
        yield Static(Text("No story selected.", style="dim"), id="preview-body")

    def show(
        self,
        article: Any | None,
        matches: Sequence[Any] = (),
        links: Sequence[Any] = (),
        coverage: Any = None,
    ) -> None:
        self._shown = (article, matches, links, coverage)
        self._draw()
        self.scroll_home(animate=False)

    @property
    def compact(self) -> bool:
        """A short pane shows the story's text sooner (see describe_article)."""
        return 0 < self.size.height < 12

    def _draw(self) -> None:
        article, matches, links, coverage = self._shown
        body = self.query_one("#preview-body", Static)
        if article is None:
            body.update(Text("No story selected.", style="dim"))
        else:
            body.update(describe_article(article, matches, links, coverage, compact=self.compact))

    def on_resize(self, event: events.Resize) -> None:
        self._draw()
