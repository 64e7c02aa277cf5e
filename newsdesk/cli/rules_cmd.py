"""`newsdesk rules check|test|run|explain|stats`: the rules file, headless.

Exit codes: 0 fine, 1 embedded tests failed, 2 the rules file (or the command) is wrong.
A rules file that does not load changes nothing: it is loaded before the store is opened.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from newsdesk.cli.output import emit_json, say
from newsdesk.rules import RulesError, RuleSet, load_rules


def register(main: click.Group) -> None:
    main.add_command(rules)


@click.group("rules")
def rules() -> None:
    """Check, test, run and explain the tagging rules (rules.yaml)."""


def _path(ctx: click.Context, file: str | None) -> str:
    if file:
        return file
    obj = ctx.obj
    return str(getattr(obj, "rules_path", None) or "rules.yaml")


def _load_or_exit(path: str, as_json: bool = False) -> RuleSet:
    try:
        return load_rules(path)
    except RulesError as exc:
        if as_json:
            emit_json({"ok": False, "errors": [e.to_json() for e in exc.errors]})
        for problem in exc.errors:
            say(str(problem), err=True)
        n = len(exc.errors)
        say(f"{path}: {n} error{'s' if n != 1 else ''}; nothing was changed", err=True)
        sys.exit(2)


@rules.command("check")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable result on stdout.")
@click.pass_context
def check(ctx: click.Context, file: str | None, strict: bool, as_json: bool) -> None:
    """Load FILE (default: --rules) and report every error and warning with its line."""
    path = _path(ctx, file)
    rs = _load_or_exit(path, as_json)
    for problem in rs.warnings:
        say(str(problem), err=True)
    shadow = sum(1 for r in rs.rules if r.mode == "shadow")
    disabled = sum(1 for r in rs.rules if not r.enabled)
    tests = sum(len(r.tests) for r in rs.rules)
    if as_json:
        emit_json(
            {
                "ok": not (strict and rs.warnings),
                "rules": len(rs.rules),
                "shadow": shadow,
                "disabled": disabled,
                "entities": len(rs.entities),
                "lists": len(rs.lists),
                "tests": tests,
                "warnings": [w.to_json() for w in rs.warnings],
            }
        )
    else:
        n = len(rs.warnings)
        say(
            f"{path}: OK — {len(rs.rules)} rules ({shadow} shadow, {disabled} disabled), "
            f"{len(rs.entities)} entities, {len(rs.lists)} lists, {tests} embedded tests; "
            f"{n} warning{'s' if n != 1 else ''}"
        )
    if strict and rs.warnings:
        sys.exit(2)


@rules.command("test")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable result on stdout.")
@click.pass_context
def test(ctx: click.Context, file: str | None, as_json: bool) -> None:
    """Run every embedded hit/miss test; one line per failure; exit 1 if any fail."""
    from newsdesk.rules.testrun import run_tests

    path = _path(ctx, file)
    rs = _load_or_exit(path, as_json)
    report = run_tests(rs)
    if as_json:
        emit_json(
            {
                "ok": report.ok,
                "tests": report.run,
                "failed": len(report.failures),
                "failures": [f.to_json() for f in report.failures],
            }
        )
    else:
        for failure in report.failures:
            say(str(failure))
        say(f"{path}: {report.run} tests, {len(report.failures)} failed")
    sys.exit(0 if report.ok else 1)


@rules.command("run")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option("--since", metavar="DATE", help="Only stories published (or ingested) since DATE.")
@click.option("--id", "ids", type=int, multiple=True, help="Only this story (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report on stdout.")
@click.pass_context
def run(
    ctx: click.Context, dry_run: bool, since: str | None, ids: tuple[int, ...], as_json: bool
) -> None:
    """Apply the rules to stored stories, never overriding an editor."""
    from newsdesk.rules.apply import apply_rules

    if since is not None:
        since = _check_date(since)
    rs = _load_or_exit(_path(ctx, None), as_json)
    store = ctx.obj.desk().store
    report = apply_rules(store, rs, article_ids=list(ids) or None, since=since, dry_run=dry_run)
    if as_json:
        emit_json(report.to_json())
        return
    for change in report.changes:
        say(f"#{change.article_id} {_short(change.title)}")
        for tag, rule_id in change.tags_added:
            say(f"    + tag {tag}  ({rule_id})")
        for tag, rule_id in change.tags_removed:
            say(f"    - tag {tag}  ({rule_id})")
        for fc in change.fields:
            say(f"    {fc.describe()}")
        if change.vetoed:
            say(f"    (kept off: {', '.join(change.vetoed)} — removed by an editor)")
        if change.kept_by_editor:
            say(f"    (left as the editor set: {', '.join(change.kept_by_editor)})")
    verb = "would change" if dry_run else "changed"
    tail = "; dry run, nothing written" if dry_run else ""
    say(
        f"{report.stories} stories, {report.changed} {verb}, rule hits updated on "
        f"{report.hits_updated} ({report.seconds:.2f}s){tail}",
        err=True,
    )


@rules.command("explain")
@click.argument("article_id", required=False, type=int)
@click.option(
    "--file",
    "story_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Explain a text file instead of a stored story (first line is the title).",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable explanation on stdout.")
@click.pass_context
def explain(
    ctx: click.Context, article_id: int | None, story_file: str | None, as_json: bool
) -> None:
    """Why each rule fired or did not on story ARTICLE_ID: terms, offsets, fuzzy scores."""
    if (article_id is None) == (story_file is None):
        raise click.UsageError("give a story id or --file, not both")
    rs = _load_or_exit(_path(ctx, None), as_json)
    doc: Any
    if story_file is not None:
        text = Path(story_file).read_text(encoding="utf-8", errors="replace")
        title, _, body = text.partition("\n")
        doc = {"id": None, "title": title.strip(), "body": body}
    else:
        from newsdesk.store.rules_state import load_state

        state = load_state(ctx.obj.desk().store, article_id)
        if state is None:
            say(f"error: no story {article_id}", err=True)
            sys.exit(2)
        doc = state
    ev = rs.evaluate(doc)
    explanations = ev.explain()
    ident = doc["id"] if isinstance(doc, dict) else doc.id
    title = doc["title"] if isinstance(doc, dict) else doc.title
    if as_json:
        rules_json = []
        for e in explanations:
            data = e.to_json()
            for m, mj in zip(e.matches, data["matches"]):
                mj["text"] = _field_text(doc, m.field)[m.start : m.end]
            rules_json.append(data)
        emit_json(
            {
                "story": ident,
                "title": title,
                "rules_file": rs.path,
                "result": ev.to_json(),
                "rules": rules_json,
            }
        )
        return
    say(f"story {ident if ident is not None else story_file}: {_short(title, 90)}")
    say(f"rules: {rs.path} ({len(rs.rules)} rules)")
    say("result: " + _summary(ev))
    for e in explanations:
        say(f"{e.outcome:>9}  {e.rule_id} (line {e.line}){'  — ' + e.note if e.note else ''}")
        for line in e.trace.lines(6):
            say(line)
        if e.outcome in ("fired", "shadow"):
            for m in e.matches[:6]:
                text = _field_text(doc, m.field)[m.start : m.end]
                score = f", score {m.score:.1f}" if m.score < 100 else ""
                say(f"{'':14}» {m.field} {m.start}-{m.end}{score}: {_short(text, 60)!r}")


@rules.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable counts on stdout.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """How many stored stories each rule fired on (shadow rules included)."""
    from newsdesk.store.rules_state import hit_counts

    rs = _load_or_exit(_path(ctx, None), as_json)
    counts = hit_counts(ctx.obj.desk().store)
    rows = [(r.id, r.mode if r.enabled else "disabled", counts.get(r.id, 0)) for r in rs.rules]
    gone = sorted(set(counts) - {r.id for r in rs.rules})
    if as_json:
        emit_json(
            {
                "rules": [{"rule": i, "mode": m, "stories": n} for i, m, n in rows],
                "not_in_file": {g: counts[g] for g in gone},
            }
        )
        return
    for rule_id, mode, n in rows:
        say(f"{n:>8}  {rule_id}{'  (' + mode + ')' if mode != 'live' else ''}")
    for g in gone:
        say(f"{counts[g]:>8}  {g}  (no longer in {rs.path}; run `newsdesk rules run`)")


def _check_date(value: str) -> str:
    from datetime import date, datetime

    try:
        if len(value) <= 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date like 2025-10-03", param_hint="--since"
        ) from None


def _field_text(doc: Any, field: str) -> str:
    value = doc.get(field) if isinstance(doc, dict) else getattr(doc, field, None)
    return value if isinstance(value, str) else ""


def _short(text: str | None, width: int = 70) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _summary(ev: Any) -> str:
    parts = [f"tags {', '.join(ev.tag_names) or '—'}"]
    for name in ("desk", "priority", "flag", "reject"):
        value = getattr(ev, name)
        if value:
            parts.append(f"{name} {value[0]} ({value[1]})")
    if ev.shadow:
        parts.append("shadow " + ", ".join(r for r, _ in ev.shadow))
    return "; ".join(parts)
