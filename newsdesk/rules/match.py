"""Where a term, alias or pattern matched: enough to highlight it and to explain a decision."""

from __future__ import annotations

from typing import NamedTuple


class Match(NamedTuple):
    """A tuple, because a story produces dozens of these and they must be cheap."""

    field: str  # title | body | outlet | url | lang | text
    start: int  # offset into that field's text, as stored
    end: int
    term: str  # the term, alias or pattern as written in the rules file
    score: float = 100.0  # 100 for exact matches, the rapidfuzz score for fuzzy ones

    def to_json(self) -> dict[str, object]:
        return {
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "term": self.term,
            "score": round(self.score, 1),
        }
