"""Read, check and compile a rules file: all or nothing."""

from __future__ import annotations

from pathlib import Path

import re2

from newsdesk.rules.problems import RuleProblem, RulesError
from newsdesk.rules.ruleset import RuleSet
from newsdesk.rules.schema import Compiler
from newsdesk.rules.yamlsrc import load_located


def load_rules(path: str | Path) -> RuleSet:
    """Compile the rules in `path`; raises RulesError listing every problem, changing nothing."""
    shown = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RulesError(
            [RuleProblem(shown, 0, 0, "", f"cannot read the rules file: {reason}")]
        ) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RulesError(
            [RuleProblem(shown, line, 0, "", "the file is not UTF-8 text; save it as UTF-8")]
        ) from exc
    return load_rules_text(text, shown)


def load_rules_text(text: str, path: str = "rules.yaml") -> RuleSet:
    doc, source, problems = load_located(path, text)
    if problems and doc is None:
        raise RulesError(problems)
    compiler = Compiler(source)
    compiler.compile(doc)
    errors = sorted(problems + compiler.errors, key=lambda p: (p.line, p.col))
    if errors:
        raise RulesError(errors)
    warnings = sorted(compiler.warnings, key=lambda p: (p.line, p.col))
    try:
        return _ruleset(path, compiler, warnings)
    except re2.error as exc:  # only a pathological number of terms gets here
        message = f"the terms of all rules do not fit in one matcher ({exc}); use fewer terms"
        raise RulesError([RuleProblem(path, 0, 0, "", message)]) from exc


def _ruleset(path: str, compiler: Compiler, warnings: list[RuleProblem]) -> RuleSet:
    return RuleSet(
        path=path,
        rules=compiler.rules,
        entities=compiler.entities,
        lists={name: [t.text for t in terms] for name, terms in compiler.lists.items()},
        dedup_config=compiler.dedup,
        warnings=warnings,
        fields=compiler.fields,
        fuzzy_threshold=compiler.threshold,
        scan_keys=compiler.scan_keys,
    )
