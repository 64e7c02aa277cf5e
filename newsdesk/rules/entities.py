"""Entities: a person or institution known by several names, some of them often misspelt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.rules.conditions import Term
from newsdesk.rules.fuzzy import MAX_MATCHES, FuzzyPhrase
from newsdesk.rules.match import Match
from newsdesk.rules.scanner import Span, TermScanner
from newsdesk.rules.spans import SpanIndex
from newsdesk.rules.textnorm import fold

if TYPE_CHECKING:
    from newsdesk.rules.view import DocView


class EntityMatcher:
    """`find(text)` works on any text (dedup uses it); rules share one scan per story."""

    def __init__(
        self,
        entity_id: str,
        exact: list[Term],
        fuzzy: list[FuzzyPhrase],
        exclude: list[Term],
        fields: list[str],
        line: int = 0,
    ) -> None:
        self.id = entity_id
        self.exact = exact
        self.fuzzy = fuzzy
        self.exclude = exclude
        self.fields = fields
        self.line = line
        self._exact_by_key = {t.key: t.text for t in exact}
        self._exclude_keys = list(dict.fromkeys(t.key for t in exclude))
        self._exclude_set = frozenset(self._exclude_keys)
        self._exact_keys = frozenset(self._exact_by_key)
        self._scanner: TermScanner | None = None
        self._all_keys = frozenset(t.key for t in exact) | {k for p in fuzzy for k in p.scan_keys()}

    def keys(self) -> list[str]:
        keys = [t.key for t in self.exact] + self._exclude_keys
        for phrase in self.fuzzy:
            keys.extend(phrase.scan_keys())
        return keys

    def find(self, text: str, field: str = "text") -> list[Match]:
        if self._scanner is None:
            self._scanner = TermScanner(self.keys())
        folded = fold(text)
        return self.match_hits(field, folded, self._scanner.scan(folded))

    def match_view(self, view: DocView) -> list[Match]:
        out: list[Match] = []
        for f in self.fields:
            hits = view.hits(f)
            if not self._all_keys.isdisjoint(hits):
                out.extend(self.match_hits(f, view.folded(f), hits))
        return out

    def exact_found(self, hits: dict[str, list[Span]]) -> bool:
        """An exact alias outside every exclude term."""
        present = self._exact_keys.intersection(hits)
        if not present:
            return False
        excluded = SpanIndex(span for k in self._exclude_set.intersection(hits) for span in hits[k])
        if not len(excluded):
            return True
        return any(not excluded.overlaps(s, e) for k in present for s, e in hits[k])

    def match_hits(
        self, field: str, folded: str, hits: dict[str, list[Span]], limit: int = MAX_MATCHES
    ) -> list[Match]:
        """Aliases found, exact first then fuzzy where no exact one is; at most `limit`.

        Linear in the text whatever it repeats: overlaps are looked up in sorted spans, and
        fuzzy scoring stops once the limit is reached.
        """
        if self._all_keys.isdisjoint(hits):
            return []
        present = self._exclude_set.intersection(hits)
        excluded = SpanIndex(span for k in present for span in hits[k])

        def allowed(s: int, e: int) -> bool:
            return not excluded.overlaps(s, e)

        found = sorted(
            Match(field, s, e, self._exact_by_key[key])
            for key in self._exact_keys.intersection(hits)
            for s, e in hits[key]
        )
        covered = [(m.start, m.end) for m in found]
        exact = SpanIndex(covered)
        found = [m for m in found if allowed(m.start, m.end)]
        earlier: list[SpanIndex] = [exact]
        for phrase in self.fuzzy:
            if len(found) >= limit:
                break
            spans = phrase.find(folded, hits, covered, limit - len(found))
            mine: list[tuple[int, int]] = []
            reach = -1  # the furthest end among this phrase's windows kept so far
            for s, e, score in spans:
                if s < reach or any(index.overlaps(s, e) for index in earlier):
                    continue
                mine.append((s, e))
                reach = max(reach, e)
                if allowed(s, e):
                    found.append(Match(field, s, e, phrase.phrase, score))
            earlier.append(SpanIndex(mine))
        found.sort()
        return found[:limit]
