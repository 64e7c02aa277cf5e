"""copy: move the desk to another database (a SQLite file or a PostgreSQL URL), whole.

Exit codes: 0 copied, 1 the copy failed (the target is left empty), 2 refused (target not
empty, target is the source, no source).
"""

from __future__ import annotations

from typing import Any

import click

from newsdesk.cli.output import emit_json, fail, say


def register(main: click.Group) -> None:
    main.add_command(copy)


@click.command()
@click.option(
    "--to",
    "target",
    required=True,
    help="The empty desk to fill: an SQLite file (created if missing) or a postgresql:// URL.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a summary as JSON.")
@click.pass_obj
def copy(obj: Any, target: str, as_json: bool) -> None:
    """Copy the desk (--db) to an empty TARGET, with every id, tag, link, family and audit entry.

    Stop the desk and the jobs first: what they write during the copy is not in it.
    """
    from newsdesk.copy import CopyRefused, copy_desk
    from newsdesk.store.db import database_errors
    from newsdesk.store.engine import redact

    def table_done(table: str, rows: int, seconds: float) -> None:
        if not obj.quiet:
            plural = "" if rows == 1 else "s"
            say(f"copied {table}: {rows:,} row{plural} ({seconds:.1f} s)", err=True)

    try:
        report = copy_desk(obj.db_path, target, table_done)
    except CopyRefused as exc:
        fail(str(exc), 2)
    except database_errors() as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        fail(f"copy to {redact(target)} failed, the target is left empty: {first}", 1)
    if as_json:
        emit_json(report.to_json())
    if not obj.quiet:
        stories = report.tables.get("articles", 0)
        say(
            f"copied {report.source} to {report.target}: {stories:,} stories"
            f" in {report.seconds:.1f} s",
            err=True,
        )
