"""Per-outlet boilerplate learned from the articles themselves.

Some outlets repeat lines no shape rule knows ("Halo, pembaca nawala Cek Fakta Tempo!",
a programme plug under every entertainment story). A line is learned as boilerplate for an
outlet when it recurs across many *different* stories of that outlet and reads like a
formula rather than news: it is short, quotes nobody, and the articles carrying it open
differently (a run of follow-ups on one trial repeating the verdict is news, and is kept).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

__all__ = ["learn_boilerplate", "normalise_line"]

MIN_ARTICLES = 5  # distinct stories of one outlet that must carry the line
MIN_SHARE = 0.01  # ... and at least this share of the outlet's articles
MAX_WORDS = 15  # a longer recurring line is more likely a republished news sentence

_SPACE = re.compile(r"\s+")
# A quotation or a reported-speech verb is news however often it recurs (a verdict quoted in
# every follow-up of a trial).
_NEWS_SIGNS = re.compile(
    r"[\"“”‘’]|\b(?:kata|ujar|ungkap|jelas|tutur|ucap|tegas|imbuh|sebut|papar|terang|said|says)"
    r"(?:nya)?\b",
    re.IGNORECASE,
)


def normalise_line(line: str) -> str:
    """The form learned lines are stored and compared in (clean_article compares this way)."""
    return _SPACE.sub(" ", line).strip()


def learn_boilerplate(
    articles: Iterable[tuple[str | None, str]],
    *,
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_SHARE,
    max_words: int = MAX_WORDS,
) -> dict[str, frozenset[str]]:
    """{outlet: recurring no-news lines} from (outlet, body) pairs; pure, order-independent.

    Feed it bodies already cleaned by shape (so it learns what the shapes miss); articles
    without an outlet teach nothing.
    """
    totals: dict[str, int] = defaultdict(int)
    ledes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for outlet, body in articles:
        if not outlet:
            continue
        totals[outlet] += 1
        lines = [normalise_line(x) for x in body.split("\n")]
        lines = [x for x in lines if x]
        if not lines:
            continue
        lede = lines[0][:80]
        for line in set(lines[1:]):
            if len(line.split()) <= max_words and not _NEWS_SIGNS.search(line):
                ledes[outlet, line].add(lede)
    learned: dict[str, set[str]] = defaultdict(set)
    for (outlet, line), distinct in ledes.items():
        if len(distinct) >= max(min_articles, min_share * totals[outlet]):
            learned[outlet].add(line)
    return {outlet: frozenset(lines) for outlet, lines in learned.items()}
