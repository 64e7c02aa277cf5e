"""One story as the rules see it: each field folded and scanned once, on first use."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

from newsdesk.rules.match import Match
from newsdesk.rules.scanner import Span
from newsdesk.rules.textnorm import fold

if TYPE_CHECKING:
    from newsdesk.rules.ruleset import RuleSet


class DocView:
    __slots__ = ("_entities", "_folded", "_hits", "_present", "_raw", "_today", "doc", "rules")

    def __init__(self, rules: RuleSet, doc: Any, today: date | None = None) -> None:
        self.rules = rules
        self.doc = doc
        self._today = today
        self._present: frozenset[str] | None = None
        self._raw: dict[str, str | None] = {}
        self._folded: dict[str, str] = {}
        self._hits: dict[str, dict[str, list[Span]]] = {}
        self._entities: dict[str, list[Match]] = {}

    def raw(self, field: str) -> str | None:
        try:
            return self._raw[field]
        except KeyError:
            pass
        if isinstance(self.doc, dict):
            value = self.doc.get(field)
        else:
            value = getattr(self.doc, field, None)
        if value is not None and not isinstance(value, str):
            value = value.isoformat() if hasattr(value, "isoformat") else str(value)
        self._raw[field] = value
        return value

    def folded(self, field: str) -> str:
        try:
            return self._folded[field]
        except KeyError:
            value = fold(self.raw(field) or "")
            self._folded[field] = value
            return value

    def hits(self, field: str) -> dict[str, list[Span]]:
        try:
            return self._hits[field]
        except KeyError:
            value = self.rules.scanner.scan(self.folded(field))
            self._hits[field] = value
            return value

    @property
    def today(self) -> date:
        if self._today is None:
            self._today = datetime.now(timezone.utc).date()
        return self._today

    def present(self) -> frozenset[str]:
        """Every term found in the default fields, for the common any-term test."""
        if self._present is None:
            keys: set[str] = set()
            for f in self.rules.fields:
                keys.update(self.hits(f))
            self._present = frozenset(keys)
        return self._present

    def entity_found(self, entity_id: str) -> bool:
        """Whether the entity is here: an exact alias settles it without fuzzy scoring."""
        found = self._entities.get(entity_id)
        if found is not None:
            return bool(found)
        matcher = self.rules.entities[entity_id]
        for f in matcher.fields:
            if matcher.exact_found(self.hits(f)):
                return True
        return bool(self.entity(entity_id))

    def entity(self, entity_id: str) -> list[Match]:
        try:
            return self._entities[entity_id]
        except KeyError:
            value = self.rules.entities[entity_id].match_view(self)
            self._entities[entity_id] = value
            return value
