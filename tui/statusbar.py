"""The status line: counts per status (always visible), the filter in force, the position."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from newsdesk.desk import InboxQuery
from newsdesk.tui.render import STATUS_STYLE, safe

ORDER = ("new", "approved", "rejected", "merged")


def describe_filter(query: InboxQuery) -> Text:
    out = Text()
    out.append("showing ", "dim")
    out.append(query.status or "all", "bold")
    for label, value in (
        ("tag", query.tag),
        ("desk", query.desk),
        ("outlet", query.outlet),
        ("search", query.search),
    ):
        if value:
            out.append(f"  {label}=", "dim")
            out.append(safe(value), "bold")
    return out


class CountsBar(Static):
    DEFAULT_CSS = """
    CountsBar { height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.counts: dict[str, int] = {}
        self.inbox_query = InboxQuery()
        self.total = 0
        self.position = 0
        self.selected = 0
        self.loading = True

    def set_state(
        self,
        *,
        counts: dict[str, int] | None = None,
        query: InboxQuery | None = None,
        total: int | None = None,
        position: int | None = None,
        selected: int | None = None,
        loading: bool | None = None,
    ) -> None:
        if counts is not None:
            self.counts = counts
        if query is not None:
            self.inbox_query = query
        if total is not None:
            self.total = total
        if position is not None:
            self.position = position
        if selected is not None:
            self.selected = selected
        if loading is not None:
            self.loading = loading
        self.update(self.render_state())

    def render_state(self) -> Text:
        out = Text(no_wrap=True, overflow="ellipsis")
        for i, status in enumerate(ORDER):
            if i:
                out.append("  ")
            out.append(f"{status} ", "dim")
            out.append(f"{self.counts.get(status, 0):,}", STATUS_STYLE.get(status, "") or "bold")
        out.append("  │  ", "dim")
        out.append_text(describe_filter(self.inbox_query))
        out.append("  │  ", "dim")
        pos = min(self.position + 1, self.total) if self.total else 0
        out.append(f"{pos:,}/{self.total:,}")
        if self.loading:
            out.append("  loading…", "dim italic")
        if self.selected:
            out.append(f"  │  {self.selected} selected", "bold cyan")
        return out
