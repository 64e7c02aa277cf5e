"""Fuzzy phrases: score only the few windows of text near a word of the phrase.

Scoring every window of every story would be slow; a typo rarely hits every word, so a
window is only considered around an exact occurrence of one of the phrase's longer words.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process

from newsdesk.rules.scanner import Span
from newsdesk.rules.spans import SpanIndex
from newsdesk.rules.textnorm import term_key

_WORD = re.compile(r"\w+")
# Matches of one fuzzy phrase (or one entity) per field of a story: evidence for an editor
# and for dedup, where the first few hundred say all there is to say.
MAX_MATCHES = 200
# Characters of text scored in one go (see `FuzzyPhrase.find`).
MAX_REGION = 4096


def single_typo_score(phrase: str) -> float:
    """The score of the phrase against itself with one letter changed."""
    n = len(term_key(phrase))
    return 100.0 * (1 - 1 / n) if n else 0.0


class FuzzyPhrase:
    """A phrase matched with typos: a window scores at or above the threshold.

    A window is only scored where at least two of the phrase's words (one for a phrase of one
    or two words) occur intact and close together, in a span no longer than the phrase: a
    real typo rarely damages more than half the words, and common words alone ('daerah',
    'barat') must not send every story through the scorer.
    """

    def __init__(self, phrase: str, threshold: float) -> None:
        self.phrase = phrase
        self.key = term_key(phrase)
        self.words = _WORD.findall(self.key)
        self.compare = " ".join(self.words)
        self.threshold = threshold
        longer = [w for w in self.words if len(w) >= 3]
        self.anchors = sorted(set(longer or self.words))
        self.need = 1 if len(self.words) <= 2 or len(self.anchors) == 1 else 2
        self._span = len(self.compare) + 8
        # The quick score is of raw text (punctuation included) at an assumed alignment, so
        # it can be lower than the final word-window score: leave a margin.
        self._prefilter = max(0.0, threshold - 12)
        # Characters of the phrase before and after each word, to size the window.
        self._before: dict[str, int] = {}
        self._after: dict[str, int] = {}
        offset = 0
        for w in self.words:
            self._before.setdefault(w, offset)
            self._after[w] = len(self.compare) - offset - len(w)
            offset += len(w) + 1

    def scan_keys(self) -> list[str]:
        """What the shared scanner must find for this phrase: itself and its anchor words."""
        return [self.key, *self.anchors]

    def find(
        self,
        folded: str,
        hits: dict[str, list[Span]],
        covered: Sequence[Span] = (),
        limit: int = MAX_MATCHES,
    ) -> list[tuple[int, int, float]]:
        """Non-overlapping windows scoring at or above the threshold: (start, end, score).

        `covered` spans (exact aliases already found) are not searched again. At most
        `limit` windows, the first in text order once scoring stops: time stays linear
        in the text and a story that repeats a name 40,000 times gains nothing from more.
        """
        exact = sorted(hits.get(self.key) or ())
        if len(exact) >= limit:  # written correctly: no scoring needed
            return [(s, e, 100.0) for s, e in exact[:limit]]
        present = [a for a in self.anchors if a in hits]
        if len(present) < self.need:
            return [(s, e, 100.0) for s, e in exact]
        blocked = SpanIndex(exact)
        skip = SpanIndex([*covered, *exact])
        found_hits = sorted([(s, e, a) for a in present for s, e in hits[a]])
        before, after, span = self._before, self._after, self._span
        if self.need == 1:
            pairs: Iterable[tuple[tuple[int, int, str], tuple[int, int, str]]] = (
                (h, h) for h in found_hits
            )
        else:
            # Two different words of the phrase close together; checking neighbours in text
            # order is enough: any such pair has a neighbouring pair inside it.
            pairs = (
                (h1, h2)
                for h1, h2 in itertools.pairwise(found_hits)
                if h1[2] != h2[2] and h2[1] - h1[0] <= span
            )
        compare, cutoff, size = self.compare, self._prefilter, len(folded)
        # A stretch of text is scored once however many candidates fall in it, but never
        # more than MAX_REGION characters at a time: a story that repeats the phrase all
        # the way through is scored piece by piece, each window checked against the windows
        # of its own and the previous piece only (windows never reach further).
        max_region = max(MAX_REGION, 4 * span)
        regions: list[list[int]] = []
        for (s0, _, a0), (_, e1, a1) in pairs:
            if skip.contains(s0, e1):
                continue
            # Where the phrase would be if these two words are where they belong in it: one
            # cheap score of that stretch first, as most candidates are near-misses such as
            # 'pemerintah provinsi kalimantan barat' for a Sekda alias.
            lo = max(0, s0 - before[a0])
            hi = min(size, e1 + after[a1])
            if not fuzz.ratio(compare, folded[lo:hi], score_cutoff=cutoff):
                continue
            lo, hi = max(0, lo - 8), min(size, hi + 8)
            last = regions[-1] if regions else None
            if last is not None and lo <= last[1] and last[1] - last[0] < max_region:
                last[1] = max(hi, last[1])
            else:
                regions.append([lo, hi])
        n = len(self.words)
        sizes = [k for k in (n - 1, n, n + 1) if k >= 1]
        accepted: list[tuple[int, int, float]] = []
        previous: list[tuple[int, int, float]] = []
        for lo, hi in regions:
            if len(exact) + len(accepted) >= limit:
                break
            words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded, lo, hi)]
            if lo > 0 and words and words[0][0] == lo and _WORD.match(folded, lo - 1):
                words = words[1:]  # cut in the middle of a word
            if words and words[-1][1] == hi and _WORD.match(folded, hi):
                words = words[:-1]
            windows: list[tuple[int, int]] = []
            texts: list[str] = []
            for i in range(len(words)):
                for k in sizes:
                    if i + k <= len(words):
                        windows.append((words[i][0], words[i + k - 1][1]))
                        texts.append(" ".join([w[2] for w in words[i : i + k]]))
            if not texts:
                continue
            scored = process.extract(
                self.compare, texts, scorer=fuzz.ratio, score_cutoff=self.threshold, limit=None
            )
            scored.sort(key=lambda r: (-r[1], windows[r[2]][0]))
            here: list[tuple[int, int, float]] = []
            for _, score, index in scored:
                start, end = windows[index]
                if blocked.overlaps(start, end):
                    continue
                if all(end <= s or start >= e for s, e, _ in here) and all(
                    end <= s or start >= e for s, e, _ in previous
                ):
                    here.append((start, end, float(score)))
            accepted.extend(here)
            previous = here
        found = sorted([*((s, e, 100.0) for s, e in exact), *accepted])
        return found[:limit]
