"""Turning article data into Rich Text: always plain strings, never markup, never escapes.

Every string that came from an article (or from a user) goes through `safe()`, so a
headline like ``[bold]x[/]`` or one holding ESC/OSC bytes is drawn literally.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import pairwise
from typing import Any

from rich.text import Text

from newsdesk.safe_text import printable

STATUS_LABEL = {"new": "NEW", "approved": "OK", "rejected": "REJ", "merged": "MRG"}
STATUS_STYLE = {"new": "bold", "approved": "green", "rejected": "red", "merged": "magenta"}
PRIORITY_LABEL = {"urgent": "!!!", "high": "!! ", "normal": "·  ", "low": "↓  "}
PRIORITY_STYLE = {"urgent": "bold red", "high": "yellow", "normal": "", "low": "dim"}

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def safe(value: Any, *, single_line: bool = True) -> str:
    """A plain, printable string for any value from the data (None becomes '')."""
    if value is None:
        return ""
    return printable(str(value), single_line=single_line)


def safe_text(value: Any, style: str = "", *, single_line: bool = True) -> Text:
    """Rich Text holding `value` literally: no markup parsing, no control characters."""
    return Text(safe(value, single_line=single_line), style=style)


def fit(text: str, width: int) -> str:
    """Cut or pad `text` to exactly `width` cells (ellipsis when cut)."""
    if width <= 0:
        return ""
    if len(text) > width:
        return text[: max(0, width - 1)] + "…"
    return text.ljust(width)


def short_time(value: str | None, now: datetime) -> str:
    """'14:05' for today, '03 Oct' this year, '2024-10-03' otherwise."""
    if not value:
        return ""
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value[:10]
    has_time = "T" in value or " " in value.strip()
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    if has_time and dt.date() == now.date():
        return dt.strftime("%H:%M")
    if dt.year == now.year:
        return dt.strftime("%d %b")
    return dt.strftime("%Y-%m-%d")


@dataclass(frozen=True)
class Columns:
    """Inbox column widths for a terminal width: the headline gets what the rest leave.

    Below 100 columns the tags go (they are in the story below) and the outlet narrows,
    so at 80 columns the headline keeps 40 and more.
    """

    outlet: int
    tags: int  # most; 0 = no tags column

    @classmethod
    def for_width(cls, width: int) -> Columns:
        if width < 100:
            return cls(outlet=11, tags=0)
        return cls(outlet=14, tags=24)

    def fixed(self) -> int:
        """Mark, status, priority, time, outlet (each with its gap)."""
        return 2 + 4 + 4 + 11 + self.outlet + 1


def inbox_header(width: int) -> Text:
    """The column titles, aligned with `inbox_line` at this width."""
    cols = Columns.for_width(width)
    head = "  St  Pri Time       " + fit("Outlet", cols.outlet) + " Headline"
    legend = "   (⧉ family  ≈ related)"
    if len(head) + len(legend) <= width:
        head += legend
    return Text(head, style="bold", no_wrap=True, overflow="crop")


def inbox_line(
    row: dict[str, Any],
    width: int,
    now: datetime,
    *,
    selected: bool = False,
    links: tuple[int, int] = (0, 0),
) -> Text:
    """One inbox row: mark, status, priority, time, outlet, headline, tags, duplicates."""
    status = row.get("status") or "new"
    priority = row.get("priority") or ""
    tags = ", ".join(safe(t) for t in row.get("tags") or [])
    dups, related = links
    family = row.get("family")
    if family:  # one row for the story family: how many outlets carried it
        outlets = len(family.get("outlets") or ())
        dups = outlets if outlets > 1 else family.get("size") or dups
        unit = " outlets" if outlets > 1 else " stories"
        dup = f"⧉{dups}{unit if width >= 100 else ''}" + (f"≈{related}" if related else "")
    else:
        dup = (f"⧉{dups}" if dups else "") + (f"≈{related}" if related else "")
    cols = Columns.for_width(width)
    fixed = cols.fixed()
    tag_w = min(cols.tags, len(tags))
    dup_w = max(4, len(dup)) if dup else 0
    head_w = max(8, width - fixed - (tag_w + 1 if tag_w else 0) - (dup_w + 1 if dup_w else 0))
    line = Text(no_wrap=True, overflow="crop")
    line.append("● " if selected else "  ", "bold cyan")
    line.append(fit(STATUS_LABEL.get(status, status.upper()[:3]), 4), STATUS_STYLE.get(status, ""))
    line.append(fit(PRIORITY_LABEL.get(priority, ""), 4), PRIORITY_STYLE.get(priority, ""))
    line.append(fit(short_time(row.get("published") or row.get("ingested_at"), now), 11), "dim")
    line.append(fit(safe(row.get("outlet")), cols.outlet) + " ", "cyan")
    line.append(fit(safe(row.get("title")), head_w))
    if tag_w:
        line.append(" ")
        line.append(fit(tags, tag_w), "green")
    if dup_w:
        line.append(" ")
        line.append(fit(dup, dup_w), "bold magenta" if dups else "magenta")
    return line


StyledSpan = tuple[int, int, str]  # start, end, style


def styled_safe(text: str, spans: list[StyledSpan]) -> Text:
    """`text` with styles on raw-text offsets, made printable piece by piece.

    Escaping changes lengths, so offsets are applied to the raw text first and each
    piece is escaped on its own; overlapping spans layer their styles.
    """
    bounds = {0, len(text)}
    for start, end, _ in spans:
        bounds.add(max(0, min(len(text), start)))
        bounds.add(max(0, min(len(text), end)))
    cuts = sorted(bounds)
    out = Text()
    for left, right in pairwise(cuts):
        if right <= left:
            continue
        styles = [style for start, end, style in spans if start <= left and right <= end]
        out.append(safe(text[left:right], single_line=False), " ".join(dict.fromkeys(styles)))
    return out


def score_text(score: float) -> str:
    """Dedup scores are 0-100 (older links may be 0-1): always shown as a whole number."""
    return f"{score * 100:.0f}" if 0 < score <= 1 else f"{score:.0f}"
