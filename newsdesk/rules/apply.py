"""Apply rule results to stored stories without ever overriding an editor.

`plan_story` is pure: given a story's editorial state and what the rules decide, it returns
the change set. `apply_rules` runs it over the store, one write transaction per batch, so a
crash leaves every batch either applied or untouched, and a second run changes nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdesk.rules.ruleset import Evaluation, RuleSet
from newsdesk.store import rules_state
from newsdesk.store.db import Store
from newsdesk.store.rules_state import StoryState

MAX_MATCHES_STORED = 50
BATCH = 500


@dataclass
class FieldChange:
    field: str  # desk | priority | flag | status
    old: str | None
    new: str | None
    origin: str | None  # rule:<id> that decided the new value, None when cleared
    reason: str | None = None  # for status: the reject reason

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "old": self.old, "new": self.new}
        out["rule"] = self.origin[5:] if self.origin else None
        if self.reason is not None:
            out["reason"] = self.reason
        return out

    def describe(self) -> str:
        by = f" (rule {self.origin[5:]})" if self.origin else ""
        new = self.new if self.new is not None else "—"
        if self.field == "status" and self.reason:
            new += f": {self.reason}"
        return f"{self.field}: {self.old if self.old is not None else '—'} → {new}{by}"


@dataclass
class StoryChange:
    article_id: int
    title: str
    tags_added: list[tuple[str, str]] = field(default_factory=list)  # (tag, rule id)
    tags_removed: list[tuple[str, str]] = field(default_factory=list)  # (tag, rule id)
    fields: list[FieldChange] = field(default_factory=list)
    hits: dict[str, str] = field(default_factory=dict)  # rule id -> matches JSON
    drop_hits: list[str] = field(default_factory=list)
    vetoed: list[str] = field(default_factory=list)  # tags rules give but an editor removed
    kept_by_editor: list[str] = field(default_factory=list)  # fields an editor owns

    @property
    def editorial(self) -> bool:
        return bool(self.tags_added or self.tags_removed or self.fields)

    @property
    def any(self) -> bool:
        return self.editorial or bool(self.hits or self.drop_hits)

    def to_store(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for fc in self.fields:
            values[fc.field] = fc.new
            values[f"{fc.field}_origin"] = fc.origin
            if fc.field == "status":
                values["status_reason"] = fc.reason
        return {
            "id": self.article_id,
            "add_tags": [(t, f"rule:{r}") for t, r in self.tags_added],
            "remove_tags": [(t, f"rule:{r}") for t, r in self.tags_removed],
            "set": values,
            "hits": self.hits,
            "drop_hits": self.drop_hits,
            "editorial": self.editorial,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.article_id,
            "title": self.title,
            "tags_added": [{"tag": t, "rule": r} for t, r in self.tags_added],
            "tags_removed": [{"tag": t, "rule": r} for t, r in self.tags_removed],
            "changes": [fc.to_json() for fc in self.fields],
            "vetoed": self.vetoed,
            "kept_by_editor": self.kept_by_editor,
        }


@dataclass
class RunReport:
    rules_path: str
    dry_run: bool
    stories: int = 0
    changes: list[StoryChange] = field(default_factory=list)  # stories with editorial changes
    hits_updated: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> int:
        return len(self.changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "rules": self.rules_path,
            "dry_run": self.dry_run,
            "stories": self.stories,
            "changed": self.changed,
            "hits_updated": self.hits_updated,
            "seconds": round(self.seconds, 3),
            "changes": [c.to_json() for c in self.changes],
        }


def _owned_by_rules(value: str | None, origin: str | None) -> bool:
    """Rules may set a field that is empty or that a rule set; anything else is an editor's."""
    if origin is None:
        return value is None
    return origin.startswith("rule:")


def plan_story(state: StoryState, ev: Evaluation) -> StoryChange:
    change = StoryChange(state.id, state.title)
    # Tags: the rules' truth minus what editors vetoed, compared with the rule rows stored.
    wanted: set[tuple[str, str]] = set()
    for tag, rule_id in ev.tags:
        if tag in state.vetoes:
            if tag not in change.vetoed:
                change.vetoed.append(tag)
            continue
        wanted.add((tag, rule_id))
    current = {(t, o[5:]) for t, o in state.tags if o.startswith("rule:")}
    change.tags_added = sorted(wanted - current)
    change.tags_removed = sorted(current - wanted)
    # Desk, priority, flag: only where no editor has spoken.
    for name, decided in (("desk", ev.desk), ("priority", ev.priority), ("flag", ev.flag)):
        value, origin = getattr(state, name), getattr(state, f"{name}_origin")
        new, new_origin = (decided[0], f"rule:{decided[1]}") if decided else (None, None)
        if not _owned_by_rules(value, origin):
            if decided and decided[0] != value:
                change.kept_by_editor.append(name)
            continue
        if (value, origin) != (new, new_origin):
            change.fields.append(FieldChange(name, value, new, new_origin))
    # Status: rules only reject, and only stories still new that no editor has decided.
    rule_status = (state.status_origin or "").startswith("rule:")
    if rule_status or (state.status == "new" and state.status_origin is None):
        if ev.reject:
            want = ("rejected", ev.reject[0], f"rule:{ev.reject[1]}")
        else:
            want = ("new", None, None)
        have = (state.status, state.status_reason, state.status_origin)
        if want != have:
            change.fields.append(FieldChange("status", state.status, want[0], want[2], want[1]))
    elif ev.reject and state.status != "rejected":
        change.kept_by_editor.append("status")
    # Rule hits, for explain and statistics.
    for rule_id, matches in ev.matches.items():
        encoded = json.dumps(
            [m.to_json() for m in matches[:MAX_MATCHES_STORED]], ensure_ascii=False
        )
        if state.hits.get(rule_id) != encoded:
            change.hits[rule_id] = encoded
    change.drop_hits = sorted(set(state.hits) - set(ev.matches))
    return change


def apply_rules(
    store: Store,
    ruleset: RuleSet,
    article_ids: Sequence[int] | None = None,
    since: str | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH,
) -> RunReport:
    """Run the rules over stored stories (all, `article_ids`, or those since a date)."""
    started = time.perf_counter()
    report = RunReport(ruleset.path, dry_run)
    with store.read():
        ids = rules_state.story_ids(store, since, article_ids)
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        # The slow part, matching, runs on a read snapshot: nobody waits for it. The write
        # transaction only re-reads the editorial state and plans against it (cheap), so an
        # editor's action queues behind milliseconds, not behind a hostile story's matching.
        with store.read():
            seen = rules_state.load_states(store, batch)
        evaluations = {s.id: (_text(s), _evaluate(ruleset, s)) for s in seen}
        context = store.read() if dry_run else store.write()
        with context:
            states = rules_state.load_states(store, batch)
            plans = []
            for state in states:
                text, ev = evaluations.get(state.id, (None, None))
                if ev is None or text != _text(state):  # new, or its text changed meanwhile
                    ev = _evaluate(ruleset, state)
                plans.append(plan_story(state, ev))
            todo = [p for p in plans if p.any]
            report.stories += len(states)
            report.changes.extend(p for p in todo if p.editorial)
            report.hits_updated += sum(1 for p in todo if p.hits or p.drop_hits)
            if not dry_run and todo:
                _write(store, ruleset, todo)
    report.seconds = time.perf_counter() - started
    return report


def _text(state: StoryState) -> tuple[Any, ...]:
    """What the rules read of a story: when it is unchanged, so is their verdict."""
    return (state.title, state.body, state.outlet, state.url, state.lang, state.published)


def _evaluate(ruleset: RuleSet, state: StoryState) -> Evaluation:
    ev = ruleset.evaluate(state)
    ev.matches  # noqa: B018 -- computed now, outside any write transaction
    return ev


def _write(store: Store, ruleset: RuleSet, todo: list[StoryChange]) -> None:
    editorial = [p.article_id for p in todo if p.editorial]
    audit: Any = None
    before = None
    if editorial:
        try:
            from newsdesk.store import audit
        except ImportError:  # the audit log is optional for the rules engine
            audit = None
        if audit is not None:
            before = audit.snapshot(store, editorial)
    rules_state.write_changes(store, [p.to_store() for p in todo])
    if audit is not None and before is not None:
        changes = audit.diff(before, audit.snapshot(store, editorial))
        if changes:
            audit.record(
                store,
                "system",
                "rules",
                editorial,
                changes,
                {"rules": ruleset.path, "stories": len(editorial)},
            )
