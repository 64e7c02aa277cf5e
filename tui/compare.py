"""What two stories share, for the compare view: passages, figures and names.

Plain text analysis on the two texts the editor is looking at; offsets are into the raw
texts, so `tui.render.styled_safe` can highlight them safely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.tui.render import StyledSpan

WORD = re.compile(r"\w+(?:[.,/:-]\w+)*", re.UNICODE)
SHINGLE = 5  # words in a row that make a shared passage

PASSAGE_STYLE = "on #2d4a2d"
FIGURE_STYLE = "bold yellow"
NAME_STYLE = "bold cyan"


@dataclass
class Shared:
    a: list[StyledSpan] = field(default_factory=list)
    b: list[StyledSpan] = field(default_factory=list)
    passages: int = 0
    figures: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


def _is_figure(token: str) -> bool:
    return any(c.isdigit() for c in token)


def _is_name(token: str) -> bool:
    return (len(token) >= 3 and token[0].isupper() and not token.isupper()) or (
        len(token) >= 3 and token.isupper() and token.isalpha()
    )


def _grams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def shared(a: str, b: str) -> Shared:
    """Spans to highlight in `a` and in `b`, and what they share."""
    ta, tb = _tokens(a), _tokens(b)
    out = Shared()
    la = [t.lower() for t, _, _ in ta]
    lb = [t.lower() for t, _, _ in tb]
    grams_b: set[tuple[str, ...]] = {
        tuple(lb[i : i + SHINGLE]) for i in range(len(lb) - SHINGLE + 1)
    }
    grams_a: set[tuple[str, ...]] = {
        tuple(la[i : i + SHINGLE]) for i in range(len(la) - SHINGLE + 1)
    }
    common = grams_a & grams_b
    out.passages = len(common)
    for tokens, lower, spans in ((ta, la, out.a), (tb, lb, out.b)):
        for i in range(len(lower) - SHINGLE + 1):
            if tuple(lower[i : i + SHINGLE]) in common:
                spans.append((tokens[i][1], tokens[i + SHINGLE - 1][2], PASSAGE_STYLE))
    figs_a = {t for t, _, _ in ta if _is_figure(t)}
    figs_b = {t for t, _, _ in tb if _is_figure(t)}
    out.figures = figs_a & figs_b
    names_a = {t for t, _, _ in ta if _is_name(t)}
    names_b = {t for t, _, _ in tb if _is_name(t)}
    out.names = names_a & names_b
    for tokens, spans in ((ta, out.a), (tb, out.b)):
        for token, start, end in tokens:
            if token in out.figures:
                spans.append((start, end, FIGURE_STYLE))
            elif token in out.names:
                spans.append((start, end, NAME_STYLE))
    return out
