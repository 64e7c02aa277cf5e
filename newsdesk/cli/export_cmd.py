"""export: stories out as ninjs for the website, JSON Lines for scripts, CSV/Markdown for people."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

import click

from newsdesk.cli.output import fail, say
from newsdesk.export import FORMATS, atomic_output, export
from newsdesk.model import STATUSES


def register(main: click.Group) -> None:
    main.add_command(export_cmd)


def check_date(_ctx: Any, _param: Any, value: str | None) -> str | None:
    """--since takes an ISO date; anything else is a usage error, not an empty result."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-05-31") from None


@click.command("export")
@click.option(
    "--status",
    type=click.Choice([s for s in STATUSES if s != "merged"] + ["all"]),
    default="approved",
    show_default=True,
    help="Which stories; merged ones always leave as pickups of their canonical story.",
)
@click.option(
    "--since",
    callback=check_date,
    help="Only stories published (or ingested) on or after this date.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    required=True,
    help="ninjs: IPTC ninjs 3.1, one document per line; jsonl: newsdesk's own records; "
    "csv, md: for people.",
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="File to write ('-' for stdout); written whole or not at all.",
)
@click.pass_obj
def export_cmd(obj: Any, status: str, since: str | None, fmt: str, output: str) -> None:
    """Write stories out in a wire or a readable format."""
    desk = obj.desk()
    chosen = None if status == "all" else status
    newline = "" if fmt == "csv" else None  # the csv module writes its own line ends
    try:
        if output == "-":
            if fmt == "csv" and hasattr(sys.stdout, "reconfigure"):
                sys.stdout.reconfigure(newline="")
            with desk.store.read():
                n = export(desk.store, fmt, sys.stdout, status=chosen, since=since)
            sys.stdout.flush()
        else:
            with atomic_output(output, newline=newline) as fh, desk.store.read():
                n = export(desk.store, fmt, fh, status=chosen, since=since)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}", code=1)
    if not obj.quiet:
        where = "stdout" if output == "-" else output
        say(f"exported {n} {'story' if n == 1 else 'stories'} as {fmt} to {where}", err=True)
