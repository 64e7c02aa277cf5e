"""backup, check: keeping the database safe while the desk is in use.

Exit codes: 0 fine, 1 problems found (check) or the backup failed, 2 usage error.
"""

from __future__ import annotations

from typing import Any

import click

from newsdesk.cli.output import emit_json, fail, say
from newsdesk.store import StoreError


def register(main: click.Group) -> None:
    main.add_command(backup)
    main.add_command(check)


@click.command()
@click.argument("dest", type=click.Path(path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_obj
def backup(obj: Any, dest: str, as_json: bool) -> None:
    """Copy the database to DEST, consistently, while editors keep working.

    On PostgreSQL this runs pg_dump (custom format: restore with pg_restore)."""
    from newsdesk import maintenance

    try:
        report = maintenance.backup(obj.existing_db(), dest)
    except StoreError as exc:
        fail(str(exc), code=1)
    if as_json:
        emit_json(report.to_json())
    elif not obj.quiet:
        say(f"backed up {report.source} to {report.dest} ({report.bytes:,} bytes)", err=True)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option(
    "--rebuild-index", is_flag=True, help="Rebuild the full-text index first, then check."
)
@click.option(
    "--deep/--quick",
    default=None,
    help="Compare the search index with every story's text (default: only on databases of "
    "up to 200,000 stories, where it holds editors up for a few seconds at most).",
)
@click.pass_obj
def check(obj: Any, as_json: bool, rebuild_index: bool, deep: bool | None) -> None:
    """Integrity and consistency: pages (SQLite), orphan rows, merge cycles, search index,
    id counters (PostgreSQL)."""
    from newsdesk import maintenance

    db = obj.existing_db()
    try:
        if rebuild_index:
            maintenance.rebuild_index(db)
        report = maintenance.check(db, deep)
    except StoreError as exc:
        fail(str(exc), code=1)
    if as_json:
        emit_json(report.to_json())
    else:
        for problem in report.problems:
            say(f"{report.path}: {problem}", err=True)
        for line in report.advice():
            say(f"  → {line}", err=True)
        if report.ok and not obj.quiet:
            say(f"{report.path}: ok", err=True)
    if not report.ok:
        raise SystemExit(1)
