"""Compiled conditions: a fast `test` for ingest and a `trace` that says why, for explain."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import re2

from newsdesk.rules.fuzzy import FuzzyPhrase
from newsdesk.rules.match import Match
from newsdesk.rules.scanner import TermScanner
from newsdesk.rules.spans import SpanIndex
from newsdesk.rules.textnorm import fold

if TYPE_CHECKING:
    from newsdesk.rules.view import DocView


@dataclass
class Trace:
    """One line of an explanation: a condition, whether it held, and what it found."""

    ok: bool
    what: str
    found: str = ""
    matches: list[Match] = field(default_factory=list)
    children: list[Trace] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "what": self.what,
            "found": self.found,
            "matches": [m.to_json() for m in self.matches],
            "children": [c.to_json() for c in self.children],
        }

    def lines(self, indent: int = 0) -> list[str]:
        mark = "✓" if self.ok else "✗"
        text = f"{'  ' * indent}{mark} {self.what}"
        if self.found:
            text += f" — {self.found}"
        out = [text]
        for child in self.children:
            out.extend(child.lines(indent + 1))
        return out

    def all_matches(self) -> list[Match]:
        """Matches of the parts that held, i.e. the evidence for a decision."""
        if not self.ok:
            return []
        out = list(self.matches)
        for child in self.children:
            out.extend(child.all_matches())
        return out


class Condition:
    line: int = 0

    def test(self, view: DocView) -> bool:
        raise NotImplementedError

    def trace(self, view: DocView) -> Trace:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def children(self) -> list[Condition]:
        return []

    def collect(self, view: DocView) -> list[Match]:
        """The evidence for a condition that holds, without building explanations."""
        return self.trace(view).all_matches()


class All(Condition):
    def __init__(self, items: list[Condition]) -> None:
        self.items = items

    def test(self, view: DocView) -> bool:
        return all(c.test(view) for c in self.items)

    def trace(self, view: DocView) -> Trace:
        kids = [c.trace(view) for c in self.items]
        return Trace(all(k.ok for k in kids), "all of", children=kids)

    def describe(self) -> str:
        return "all(" + ", ".join(c.describe() for c in self.items) + ")"

    def collect(self, view: DocView) -> list[Match]:
        return [m for c in self.items for m in c.collect(view)]

    def children(self) -> list[Condition]:
        return self.items


class AnyOf(Condition):
    def __init__(self, items: list[Condition]) -> None:
        self.items = items

    def test(self, view: DocView) -> bool:
        return any(c.test(view) for c in self.items)

    def trace(self, view: DocView) -> Trace:
        kids = [c.trace(view) for c in self.items]
        return Trace(any(k.ok for k in kids), "any of", children=kids)

    def describe(self) -> str:
        return "any(" + ", ".join(c.describe() for c in self.items) + ")"

    def collect(self, view: DocView) -> list[Match]:
        return [m for c in self.items if c.test(view) for m in c.collect(view)]

    def children(self) -> list[Condition]:
        return self.items


class Not(Condition):
    def __init__(self, item: Condition) -> None:
        self.item = item

    def test(self, view: DocView) -> bool:
        return not self.item.test(view)

    def trace(self, view: DocView) -> Trace:
        kid = self.item.trace(view)
        # The evidence under a `not` argues against the rule; keep it visible but inert.
        return Trace(not kid.ok, "not", children=[kid])

    def describe(self) -> str:
        return f"not({self.item.describe()})"

    def collect(self, view: DocView) -> list[Match]:
        return []

    def children(self) -> list[Condition]:
        return [self.item]


class EntityCond(Condition):
    def __init__(self, entity_ids: list[str]) -> None:
        self.entity_ids = entity_ids

    def test(self, view: DocView) -> bool:
        return any(view.entity_found(e) for e in self.entity_ids)

    def trace(self, view: DocView) -> Trace:
        found: list[Match] = []
        for e in self.entity_ids:
            found.extend(view.entity(e))
        return Trace(
            bool(found), self.describe(), _describe_matches(found, "no alias found"), found
        )

    def describe(self) -> str:
        return "entity " + " or ".join(self.entity_ids)

    def collect(self, view: DocView) -> list[Match]:
        return [m for e in self.entity_ids for m in view.entity(e)]


@dataclass
class Term:
    text: str  # as written
    key: str  # folded, for lookup


class TermsCond(Condition):
    """Whole-word terms (any/all) in title/body, found by the rule set's shared scanner."""

    def __init__(
        self,
        fields: list[str],
        terms: list[Term],
        require_all: bool,
        min_hits: int,
        label: str,
        field_name: str,
    ) -> None:
        self.fields = fields
        self.terms = terms
        self.keys = list(dict.fromkeys(t.key for t in terms))
        self.require_all = require_all
        self.min_hits = min_hits
        self.label = label
        self.field_name = field_name
        self._by_key = {t.key: t.text for t in terms}
        self._keyset = frozenset(self.keys)
        self._default_fields = False  # set by the rule set: fields are its default fields
        # Terms of this list that occur inside longer terms of it ('wisata' inside
        # 'destinasi wisata'): such a hit within the longer hit counts once.
        self._inside: dict[str, list[str]] = {}
        for outer in self.keys:
            words = outer.split(" ")
            for i in range(len(words)):
                for j in range(i + 1, len(words) + 1):
                    inner = " ".join(words[i:j])
                    if inner != outer and inner in self._keyset:
                        found = self._inside.setdefault(inner, [])
                        if outer not in found:
                            found.append(outer)

    def _matches(self, view: DocView) -> list[Match]:
        """Hits in text order; a hit inside a longer hit of this list is left out."""
        out: list[Match] = []
        by_key = self._by_key
        for f in self.fields:
            hits = view.hits(f)
            for k in self._keyset.intersection(hits):
                spans = hits[k]
                outer = self._inside.get(k)
                if outer:
                    bigger = SpanIndex(sp for o in outer for sp in hits.get(o, ()))
                    spans = [(s, e) for s, e in spans if not bigger.contains(s, e)]
                term = by_key[k]
                out.extend([Match(f, s, e, term) for s, e in spans])
        out.sort()
        return out

    def test(self, view: DocView) -> bool:
        if self.require_all:
            return all(any(view.hits(f).get(k) for f in self.fields) for k in self.keys)
        keyset = self._keyset
        if self.min_hits == 1:
            if self._default_fields:
                return not keyset.isdisjoint(view.present())
            return any(not keyset.isdisjoint(view.hits(f)) for f in self.fields)
        n = 0
        for f in self.fields:
            hits = view.hits(f)
            for k in keyset.intersection(hits):
                n += len(hits[k])
        if n < self.min_hits:
            return False
        if self._inside:
            for f in self.fields:
                hits = view.hits(f)
                for k, outer in self._inside.items():
                    if k in hits:
                        bigger = SpanIndex(sp for o in outer for sp in hits.get(o, ()))
                        n -= sum(1 for s, e in hits[k] if bigger.contains(s, e))
            return n >= self.min_hits
        return True

    def collect(self, view: DocView) -> list[Match]:
        return self._matches(view)

    def trace(self, view: DocView) -> Trace:
        matches = self._matches(view)
        ok = self.test(view)
        if self.require_all:
            missing = [
                self._by_key[k]
                for k in self.keys
                if not any(view.hits(f).get(k) for f in self.fields)
            ]
            found = f"missing {', '.join(repr(m) for m in missing)}" if missing else ""
            found = found or _describe_matches(matches, "")
        else:
            found = _describe_matches(matches, "no term found")
            if self.min_hits > 1:
                found = f"{_hits(len(matches))} ({self.min_hits} needed): " + found
        return Trace(ok, self.describe(), found, matches)

    def describe(self) -> str:
        how = "all of" if self.require_all else "any of"
        text = f"{self.field_name}: {how} {self.label}"
        if self.min_hits > 1:
            text += f", at least {self.min_hits} hits"
        return text


class ShortTextCond(Condition):
    """Terms in a short field (outlet, url): its own small scanner, run on demand."""

    def __init__(self, field_name: str, terms: list[Term], label: str) -> None:
        self.field_name = field_name
        self.terms = terms
        self.label = label
        self._scanner = TermScanner(t.key for t in terms)
        self._by_key = {t.key: t.text for t in terms}

    def _matches(self, view: DocView) -> list[Match]:
        value = view.raw(self.field_name)
        if not value:
            return []
        hits = self._scanner.scan(fold(value))
        return sorted(
            (
                Match(self.field_name, s, e, self._by_key[k])
                for k, spans in hits.items()
                for s, e in spans
            ),
            key=lambda m: m.start,
        )

    def test(self, view: DocView) -> bool:
        return bool(self._matches(view))

    def trace(self, view: DocView) -> Trace:
        matches = self._matches(view)
        return Trace(
            bool(matches), self.describe(), _describe_matches(matches, "no term found"), matches
        )

    def describe(self) -> str:
        return f"{self.field_name}: any of {self.label}"


class LangCond(Condition):
    def __init__(self, codes: list[str]) -> None:
        self.codes = [c.lower() for c in codes]

    def test(self, view: DocView) -> bool:
        lang = (view.raw("lang") or "").lower().replace("_", "-")
        return bool(lang) and (lang in self.codes or lang.split("-")[0] in self.codes)

    def trace(self, view: DocView) -> Trace:
        lang = view.raw("lang")
        ok = self.test(view)
        matches = [Match("lang", 0, len(lang or ""), lang or "")] if ok else []
        return Trace(ok, self.describe(), f"lang is {lang!r}", matches)

    def describe(self) -> str:
        return "lang: " + " or ".join(self.codes)


class RegexCond(Condition):
    """RE2 patterns on the text as stored, case-insensitive."""

    def __init__(
        self, fields: list[str], patterns: list[tuple[str, Any]], min_hits: int, field_name: str
    ) -> None:
        self.fields = fields
        self.patterns = patterns
        self.min_hits = min_hits
        self.field_name = field_name

    def _matches(self, view: DocView, limit: int) -> list[Match]:
        out: list[Match] = []
        for f in self.fields:
            value = view.raw(f)
            if not value:
                continue
            for source, rx in self.patterns:
                for m in rx.finditer(value):
                    out.append(Match(f, m.start(), m.end(), source))
                    if len(out) >= limit:
                        return out
        return out

    def test(self, view: DocView) -> bool:
        return len(self._matches(view, self.min_hits)) >= self.min_hits

    def trace(self, view: DocView) -> Trace:
        matches = self._matches(view, 1000)
        ok = len(matches) >= self.min_hits
        found = _describe_matches(matches, "no match")
        if self.min_hits > 1:
            found = f"{_hits(len(matches))} ({self.min_hits} needed): " + found
        return Trace(ok, self.describe(), found, matches)

    def describe(self) -> str:
        pats = ", ".join(f"/{p}/" for p, _ in self.patterns)
        text = f"{self.field_name}: regex {pats}"
        if self.min_hits > 1:
            text += f", at least {self.min_hits} hits"
        return text


class FuzzyCond(Condition):
    def __init__(
        self,
        fields: list[str],
        phrases: list[FuzzyPhrase],
        min_hits: int,
        label: str,
        field_name: str,
    ) -> None:
        self.fields = fields
        self.phrases = phrases
        self.min_hits = min_hits
        self.label = label
        self.field_name = field_name

    def _matches(self, view: DocView) -> list[Match]:
        out = []
        for f in self.fields:
            folded = view.folded(f)
            hits = view.hits(f)
            for p in self.phrases:
                out.extend(Match(f, s, e, p.phrase, score) for s, e, score in p.find(folded, hits))
        return out

    def test(self, view: DocView) -> bool:
        return len(self._matches(view)) >= self.min_hits

    def trace(self, view: DocView) -> Trace:
        matches = self._matches(view)
        found = _describe_matches(matches, "no window scored high enough")
        return Trace(len(matches) >= self.min_hits, self.describe(), found, matches)

    def describe(self) -> str:
        thr = self.phrases[0].threshold if self.phrases else 0
        return f"{self.field_name}: fuzzy {self.label} (score ≥ {thr:g})"


class PublishedCond(Condition):
    def __init__(self, before: date | None, after: date | None, within_days: int | None) -> None:
        self.before = before
        self.after = after
        self.within_days = within_days

    def test(self, view: DocView) -> bool:
        day = parse_day(view.raw("published"))
        if day is None:
            return False
        if self.before is not None and not day < self.before:
            return False
        if self.after is not None and not day > self.after:
            return False
        return not (
            self.within_days is not None and day < view.today - timedelta(days=self.within_days)
        )

    def trace(self, view: DocView) -> Trace:
        raw = view.raw("published")
        found = f"published {raw!r}" if raw else "no publication date"
        return Trace(self.test(view), self.describe(), found)

    def describe(self) -> str:
        parts = []
        if self.after is not None:
            parts.append(f"after {self.after.isoformat()}")
        if self.before is not None:
            parts.append(f"before {self.before.isoformat()}")
        if self.within_days is not None:
            parts.append(f"within {self.within_days} days")
        return "published " + " and ".join(parts)


def parse_day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None


def _describe_matches(matches: list[Match], empty: str) -> str:
    if not matches:
        return empty
    shown = []
    for m in matches[:5]:
        text = f"{m.term!r} at {m.field} {m.start}-{m.end}"
        if m.score < 100:
            text += f" (score {m.score:.1f})"
        shown.append(text)
    if len(matches) > 5:
        shown.append(f"… {len(matches) - 5} more")
    return ", ".join(shown)


def compile_regex(pattern: str) -> Any:
    """RE2, case-insensitive; raises re2.error for what RE2 cannot run."""
    from newsdesk.rules.scanner import re2_options

    return re2.compile(pattern, re2_options(case_sensitive=False))


def _hits(n: int) -> str:
    return f"{n} hit" if n == 1 else f"{n} hits"
