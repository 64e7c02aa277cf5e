"""Run the `tests:` embedded in a rules file: each rule on its own, like Semgrep's rule tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsdesk.rules.ruleset import RuleSet, RuleTest


@dataclass(frozen=True)
class TestFailure:
    path: str
    line: int
    rule_id: str
    kind: str  # hit | miss
    index: int
    sample: str
    why: str

    def __str__(self) -> str:
        expected = "should match but did not" if self.kind == "hit" else "should not match but did"
        return (
            f"{self.path}:{self.line}: rule '{self.rule_id}': {self.kind} test {self.index} "
            f"{expected}: {self.sample} — {self.why}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "rule": self.rule_id,
            "kind": self.kind,
            "index": self.index,
            "sample": self.sample,
            "why": self.why,
        }


@dataclass
class TestReport:
    run: int
    failures: list[TestFailure]

    @property
    def ok(self) -> bool:
        return not self.failures


def run_tests(rules: RuleSet) -> TestReport:
    failures: list[TestFailure] = []
    run = 0
    for rule in rules.rules:
        for test in rule.tests:
            run += 1
            trace = rules.test_rule(rule, test.doc)
            if trace.ok != (test.kind == "hit"):
                why = "; ".join(line.strip() for line in trace.lines())
                failures.append(
                    TestFailure(
                        rules.path, test.line, rule.id, test.kind, test.index, _sample(test), why
                    )
                )
    return TestReport(run, failures)


def _sample(test: RuleTest) -> str:
    parts = [f"{k}={v!r}" for k, v in test.doc.items() if v and k != "body"]
    body = test.doc.get("body") or ""
    if body:
        parts.insert(0, repr(body if len(body) <= 60 else body[:57] + "…"))
    return ", ".join(parts) or "(empty story)"
