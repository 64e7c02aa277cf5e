"""ingest, list, show: getting stories in and looking at them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from newsdesk.cli.output import emit_json, fail, progress_enabled, say, warn
from newsdesk.model import STATUSES
from newsdesk.resources import samples_dir
from newsdesk.store.articles import InboxQuery

STATUS_CHOICE = click.Choice([*STATUSES, "all"])


def register(main: click.Group) -> None:
    main.add_command(ingest)
    main.add_command(list_)
    main.add_command(show)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report on stdout.")
@click.option("--no-rules", is_flag=True, help="Store only; do not apply rules.yaml.")
@click.option("--no-dedup", is_flag=True, help="Do not look for duplicates of the new stories.")
@click.option("--samples", is_flag=True, help="Also store the sample articles newsdesk ships.")
@click.pass_obj
def ingest(
    obj: Any, paths: tuple[str, ...], as_json: bool, no_rules: bool, no_dedup: bool, samples: bool
) -> None:
    """Store articles from files, folders (recursively) or '-' for stdin.

    Plain text, JSON, JSON Lines, RSS/Atom and ninjs are recognised. Exit 1 if any
    input could not be read; everything readable is stored anyway.
    """
    if samples:
        paths = (*paths, str(samples_dir()))
    if not paths:
        raise click.UsageError("give at least one file, folder, or '-' for stdin (or --samples)")
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    files = [p for p in paths if p != "-"]
    desk = obj.desk()
    rules = None
    if not no_rules:
        rules = _rules_or_fail(desk)
        if rules is None and not obj.quiet:
            warn(
                f"no rules file at {desk.rules_path}: storing without tags, routing or "
                "entity matches (--rules FILE, or NEWSDESK_RULES)"
            )
    progress = None
    if progress_enabled(obj.quiet):

        def progress(n: int) -> None:
            click.echo(f"\r  read {n} inputs…", err=True, nl=False)

    from newsdesk.ingest.pipeline import ingest_paths

    report = ingest_paths(
        desk.store, files, rules=rules, dedup=not no_dedup, stdin=stdin, on_progress=progress
    )
    if progress:
        click.echo("", err=True)
    for error in report.errors:
        warn(f"{error.source}: {error.reason}")
    if as_json:
        emit_json(report.to_json())
    elif not obj.quiet:
        parts = [f"stored {len(report.stored)} new"]
        if report.existing:
            parts.append(f"{len(report.existing)} already stored")
        if report.errors:
            parts.append(f"{len(report.errors)} failed")
        if report.links:
            parts.append(f"{report.links} duplicate/related links")
        if report.skipped:
            kinds = sorted({Path(p).suffix.lower() or "no extension" for p in report.skipped})
            parts.append(f"{len(report.skipped)} files skipped (not articles: {', '.join(kinds)})")
        say(", ".join(parts), err=True)
    sys.exit(1 if report.errors else 0)


def _rules_or_fail(desk: Any) -> Any:
    if desk.rules_path is None or not desk.rules_path.exists():
        return None
    from newsdesk.rules import RulesError

    try:
        return desk.rules
    except RulesError as exc:
        fail(f"rules not loaded, nothing ingested:\n{exc}")


def article_json(desk: Any, row: dict[str, Any], tags: list[str]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "title": row["title"],
        "outlet": row.get("outlet"),
        "published": row.get("published"),
        "status": row["status"],
        "tags": tags,
        "url": row.get("url"),
        "desk": row.get("desk"),
        "priority": row.get("priority"),
        "flag": row.get("flag"),
        "lang": row.get("lang"),
        "merged_into": row.get("merged_into"),
        "ingested_at": row.get("ingested_at"),
    }


@click.command("list")
@click.option("--status", type=STATUS_CHOICE, default="all", show_default=True)
@click.option("--tag", default=None, help="Only stories with this tag.")
@click.option("--desk", "desk_name", default=None, help="Only stories routed to this desk.")
@click.option("--outlet", default=None)
@click.option("--search", default=None, help="Full-text search in title and body.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--families", is_flag=True, help="One row per story family, as the desk shows.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def list_(
    obj: Any,
    status: str,
    tag: str | None,
    desk_name: str | None,
    outlet: str | None,
    search: str | None,
    limit: int,
    families: bool,
    as_json: bool,
) -> None:
    """Stories, newest first (every story; --families for one row per family)."""
    desk = obj.desk()
    query = InboxQuery(
        status=None if status == "all" else status,
        tag=tag,
        desk=desk_name,
        outlet=outlet,
        search=search,
        families=families,
    )
    rows = desk.page(query, limit=limit)
    if as_json:
        emit_json([{**article_json(desk, r, r["tags"]), "family": _family(r)} for r in rows])
        return
    for r in rows:
        tags = f"  [{', '.join(r['tags'])}]" if r["tags"] else ""
        family = r["family"]
        grouped = f"  (family {family['id']}: {len(family['outlets'])} outlets)" if family else ""
        say(
            f"{r['id']:>6}  {r['status']:<8}  {r['published'] or '----------'}  "
            f"{(r['outlet'] or '?')[:18]:<18}  {r['title']}{tags}{grouped}"
        )


def _family(row: dict[str, Any]) -> dict[str, Any] | None:
    family = row.get("family")
    if not family:
        return None
    return {k: family[k] for k in ("id", "size", "outlets", "span")}


@click.command()
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def show(obj: Any, article_id: int, as_json: bool) -> None:
    """One story: cleaned text, metadata, tags with their origin, raw input."""
    desk = obj.desk()
    row = desk.raw(article_id)
    if row is None:
        fail(f"no story with id {article_id}", code=1)
    article = desk.article(article_id)
    raw = row["raw"]
    raw_text = (
        raw.decode(row["encoding"] or "utf-8", errors="replace") if isinstance(raw, bytes) else raw
    )
    if as_json:
        data = article_json(desk, row, article.tag_names)
        data.update(
            body=row["body"],
            raw=raw_text,
            encoding=row["encoding"],
            source=row["source"],
            format=row["format"],
            status_reason=row["status_reason"],
            tag_origins=[{"tag": t.tag, "origin": t.origin} for t in article.tags],
            provenance=json.loads(row["provenance"]),
            extra=json.loads(row["extra"]),
            version=row["version"],
        )
        emit_json(data)
        return
    say(f"#{row['id']}  {row['title']}")
    meta = [
        f"outlet: {row['outlet'] or '?'}",
        f"published: {row['published'] or '?'}",
        f"status: {row['status']}" + (f" ({row['status_reason']})" if row["status_reason"] else ""),
    ]
    if row["desk"]:
        meta.append(f"desk: {row['desk']}")
    if row["priority"]:
        meta.append(f"priority: {row['priority']}")
    say("  ".join(meta))
    if row["url"]:
        say(f"url: {row['url']}")
    if article.tags:
        say("tags: " + ", ".join(f"{t.tag} ({t.origin})" for t in article.tags))
    say("")
    say(row["body"])
