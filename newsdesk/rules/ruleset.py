"""The compiled rule set and what it decides for one story."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsdesk.model import priority_rank
from newsdesk.rules.conditions import Condition, TermsCond, Trace
from newsdesk.rules.entities import EntityMatcher
from newsdesk.rules.match import Match
from newsdesk.rules.problems import RuleProblem
from newsdesk.rules.scanner import TermScanner
from newsdesk.rules.textnorm import fold
from newsdesk.rules.view import DocView


@dataclass(frozen=True)
class Actions:
    tags: tuple[str, ...] = ()
    desk: str | None = None
    priority: str | None = None
    flag: str | None = None
    reject: str | None = None
    stop: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.tags:
            out["tag"] = list(self.tags)
        for name in ("desk", "priority", "flag", "reject"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        if self.stop:
            out["stop"] = True
        return out

    def describe(self) -> str:
        parts = [
            f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in self.to_json().items()
        ]
        return "; ".join(parts)


@dataclass(frozen=True)
class RuleTest:
    kind: str  # hit | miss
    doc: dict[str, Any]
    line: int
    index: int  # 1-based position within its list


@dataclass
class Rule:
    id: str
    when: Condition
    then: Actions
    line: int
    mode: str = "live"  # live | shadow
    enabled: bool = True
    description: str | None = None
    tests: list[RuleTest] = field(default_factory=list)


@dataclass
class RuleExplanation:
    rule_id: str
    line: int
    outcome: str  # fired | shadow | no match | disabled | skipped
    matched: bool  # whether the condition holds, whatever the outcome
    trace: Trace
    actions: Actions
    note: str = ""

    @property
    def matches(self) -> list[Match]:
        return self.trace.all_matches()

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id,
            "line": self.line,
            "outcome": self.outcome,
            "matched": self.matched,
            "note": self.note,
            "actions": self.actions.to_json(),
            "matches": [m.to_json() for m in self.matches],
            "trace": self.trace.to_json(),
        }


@dataclass
class Evaluation:
    tags: list[tuple[str, str]] = field(default_factory=list)
    desk: tuple[str, str] | None = None
    priority: tuple[str, str] | None = None
    flag: tuple[str, str] | None = None
    reject: tuple[str, str] | None = None
    fired: list[str] = field(default_factory=list)
    shadow: list[tuple[str, Actions]] = field(default_factory=list)
    stopped_by: str | None = None
    _view: DocView | None = field(default=None, repr=False)
    _rules: RuleSet | None = field(default=None, repr=False)
    _matched: list[Rule] = field(default_factory=list, repr=False)  # fired and shadow
    _matches: dict[str, list[Match]] | None = field(default=None, repr=False)

    @property
    def matches(self) -> dict[str, list[Match]]:
        """rule id -> where its condition matched, for each rule that fired (shadow too).

        Computed on first use: deciding is the hot path, evidence is asked for less often.
        """
        if self._matches is None:
            view = self._view
            self._matches = (
                {r.id: r.when.collect(view) for r in self._matched} if view is not None else {}
            )
        return self._matches

    @property
    def tag_names(self) -> list[str]:
        return sorted({t for t, _ in self.tags})

    def explain(self) -> list[RuleExplanation]:
        """Every rule, in file order: what it decided here and why (slower than evaluate)."""
        assert self._rules is not None and self._view is not None
        return self._rules.explain_view(self._view)

    def to_json(self) -> dict[str, Any]:
        def pair(p: tuple[str, str] | None) -> dict[str, str] | None:
            return {"value": p[0], "rule": p[1]} if p else None

        return {
            "tags": [{"tag": t, "rule": r} for t, r in self.tags],
            "desk": pair(self.desk),
            "priority": pair(self.priority),
            "flag": pair(self.flag),
            "reject": pair(self.reject),
            "fired": self.fired,
            "shadow": [{"rule": r, "would": a.to_json()} for r, a in self.shadow],
            "stopped_by": self.stopped_by,
        }


class RuleSet:
    def __init__(
        self,
        path: str,
        rules: list[Rule],
        entities: dict[str, EntityMatcher],
        lists: dict[str, list[str]],
        dedup_config: dict[str, Any],
        warnings: list[RuleProblem],
        fields: list[str],
        fuzzy_threshold: float,
        scan_keys: list[str],
    ) -> None:
        self.path = path
        self.rules = rules
        self.entities = entities
        self.lists = lists
        self.dedup_config = dedup_config
        self.warnings = warnings
        self.fields = fields
        self.fuzzy_threshold = fuzzy_threshold
        self.scanner = TermScanner(scan_keys)
        self.by_id = {r.id: r for r in rules}
        for rule in rules:
            for cond in _walk(rule.when):
                if isinstance(cond, TermsCond):
                    cond._default_fields = list(cond.fields) == list(fields)
        self._active = [r for r in rules if r.enabled]

    def __len__(self) -> int:
        return len(self.rules)

    def find_entities(self, text: str) -> dict[str, list[Match]]:
        """Every entity found in `text`, scanning it once for all of them (for dedup)."""
        folded = fold(text)
        hits = self.scanner.scan(folded)
        found = {}
        for entity_id, matcher in self.entities.items():
            matches = matcher.match_hits("text", folded, hits)
            if matches:
                found[entity_id] = matches
        return found

    def view(self, doc: Any, today: date | None = None) -> DocView:
        return DocView(self, doc, today)

    def evaluate(self, doc: Any, today: date | None = None) -> Evaluation:
        view = DocView(self, doc, today)
        ev = Evaluation(_view=view, _rules=self)
        for rule in self._active:
            if not rule.when.test(view):
                continue
            ev._matched.append(rule)
            if rule.mode == "shadow":
                ev.shadow.append((rule.id, rule.then))
                continue
            _apply(ev, rule)
            if rule.then.stop:
                ev.stopped_by = rule.id
                break
        return ev

    def explain(self, doc: Any, today: date | None = None) -> list[RuleExplanation]:
        return self.explain_view(DocView(self, doc, today))

    def explain_view(self, view: DocView) -> list[RuleExplanation]:
        out = []
        stopped_by: str | None = None
        for rule in self.rules:
            trace = rule.when.trace(view)
            note = ""
            if not rule.enabled:
                outcome = "disabled"
                note = "enabled: false"
            elif stopped_by is not None:
                outcome = "skipped"
                note = f"not applied: rule '{stopped_by}' stopped the rules before it"
            elif not trace.ok:
                outcome = "no match"
            elif rule.mode == "shadow":
                outcome = "shadow"
                note = f"shadow mode: would {rule.then.describe()}"
            else:
                outcome = "fired"
                if rule.then.stop:
                    stopped_by = rule.id
            if outcome in ("disabled", "skipped") and trace.ok:
                note += " (its condition holds)"
            out.append(
                RuleExplanation(rule.id, rule.line, outcome, trace.ok, trace, rule.then, note)
            )
        return out

    def test_rule(self, rule: Rule, doc: Any, today: date | None = None) -> Trace:
        """A rule's condition on its own, whatever the other rules, its mode or enabled flag."""
        return rule.when.trace(DocView(self, doc, today))


def _apply(ev: Evaluation, rule: Rule) -> None:
    ev.fired.append(rule.id)
    then = rule.then
    for tag in then.tags:
        if (tag, rule.id) not in ev.tags:
            ev.tags.append((tag, rule.id))
    if then.desk is not None and ev.desk is None:
        ev.desk = (then.desk, rule.id)
    if then.priority is not None and (
        ev.priority is None or priority_rank(then.priority) > priority_rank(ev.priority[0])
    ):
        ev.priority = (then.priority, rule.id)
    if then.flag is not None and ev.flag is None:
        ev.flag = (then.flag, rule.id)
    if then.reject is not None and ev.reject is None:
        ev.reject = (then.reject, rule.id)


def _walk(cond: Condition) -> list[Condition]:
    out = [cond]
    for child in cond.children():
        out.extend(_walk(child))
    return out
