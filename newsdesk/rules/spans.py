"""Overlap and containment among many spans, in logarithmic time per question.

A hostile story repeats one phrase tens of thousands of times; asking "does this span
overlap any of those?" by looping over them all made matching quadratic in the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

Span = tuple[int, int]


class SpanIndex:
    """Spans sorted by start, with the longest length known: only near neighbours are looked at.

    Any span overlapping or containing (s, e) starts within `longest` characters of it, so a
    question looks at the spans in that stretch only (a handful, as matches of a term rarely
    pile up at one place).
    """

    __slots__ = ("_ends", "_starts", "longest")

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._ends = [e for _, e in ordered]
        self.longest = max((e - s for s, e in ordered), default=0)

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, s: int, e: int) -> bool:
        """Some span shares at least one character with [s, e)."""
        lo = bisect_right(self._starts, s - self.longest)
        hi = bisect_left(self._starts, e)
        ends = self._ends
        return any(ends[i] > s for i in range(lo, hi))

    def contains(self, s: int, e: int) -> bool:
        """Some span covers [s, e) whole."""
        lo = bisect_left(self._starts, e - self.longest)
        hi = bisect_right(self._starts, s)
        ends = self._ends
        return any(ends[i] >= e for i in range(lo, hi))
