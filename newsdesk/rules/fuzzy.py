"""Fuzzy phrases: score only the few windows of text near a word of the phrase.

Scoring every window of every story would be slow; a typo rarely hits every word, so a
window is only considered around an exact occurrence of one of the phrase's longer words.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from newsdesk.rules.scanner import Span
from newsdesk.rules.textnorm import term_key

_WORD = re.compile(r"\w+")


def single_typo_score(phrase: str) -> float:
    """The score of the phrase against itself with one letter changed."""
    n = len(term_key(phrase))
    return 100.0 * (1 - 1 / n) if n else 0.0


class FuzzyPhrase:
    def __init__(self, phrase: str, threshold: float) -> None:
        self.phrase = phrase
        self.key = term_key(phrase)
        self.words = _WORD.findall(self.key)
        self.compare = " ".join(self.words)
        self.threshold = threshold
        longer = [w for w in self.words if len(w) >= 4]
        self.anchors = sorted(set(longer or self.words))
        self._reach = len(self.compare) + 8

    def find(self, folded: str, hits: dict[str, list[Span]]) -> list[tuple[int, int, float]]:
        """Non-overlapping windows scoring at or above the threshold: (start, end, score)."""
        starts = sorted(s for a in self.anchors for s, _ in hits.get(a, ()))
        if not starts:
            return []
        regions: list[list[int]] = []
        for s in starts:
            lo, hi = max(0, s - self._reach), s + self._reach
            if regions and lo <= regions[-1][1]:
                regions[-1][1] = hi
            else:
                regions.append([lo, hi])
        found: list[tuple[int, int, float]] = []
        n = len(self.words)
        sizes = [k for k in (n - 1, n, n + 1) if k >= 1]
        for lo, hi in regions:
            words = [
                (m.start() + lo, m.end() + lo, m.group()) for m in _WORD.finditer(folded, lo, hi)
            ]
            if lo > 0 and words and _WORD.match(folded, lo - 1):
                words = words[1:]  # cut in the middle of a word
            if hi < len(folded) and words and words[-1][1] == hi and _WORD.match(folded, hi):
                words = words[:-1]
            windows: list[tuple[int, int]] = []
            texts: list[str] = []
            for i in range(len(words)):
                for k in sizes:
                    if i + k <= len(words):
                        windows.append((words[i][0], words[i + k - 1][1]))
                        texts.append(" ".join(w[2] for w in words[i : i + k]))
            if not texts:
                continue
            scored = process.extract(
                self.compare,
                texts,
                scorer=fuzz.ratio,
                score_cutoff=self.threshold,
                limit=None,
            )
            scored.sort(key=lambda r: (-r[1], windows[r[2]][0]))
            for _, score, index in scored:
                start, end = windows[index]
                if all(end <= s or start >= e for s, e, _ in found):
                    found.append((start, end, float(score)))
        found.sort()
        return found
