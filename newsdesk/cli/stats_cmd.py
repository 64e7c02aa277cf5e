"""stats: the desk in numbers, for people or (with --json) for dashboards."""

from __future__ import annotations

from typing import Any

import click

from newsdesk.cli.export_cmd import check_date
from newsdesk.cli.output import emit_json, say, warn


def register(main: click.Group) -> None:
    main.add_command(stats)


@click.command()
@click.option("--since", callback=check_date, help="Only stories ingested on or after this date.")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Rows per table in the text output.",
)
@click.option("--json", "as_json", is_flag=True, help="Everything as JSON, no table cut.")
@click.pass_obj
def stats(obj: Any, since: str | None, top: int, as_json: bool) -> None:
    """Stories by status, desk, tag and outlet; duplicates; rule hits; time to decision."""
    from newsdesk.stats import gather, render

    desk = obj.desk()
    rules = None
    if desk.rules_path is not None and desk.rules_path.exists():
        from newsdesk.rules import RulesError

        try:
            rules = desk.rules
        except RulesError as exc:
            warn(f"rules not loaded, so no 'never fired' list: {str(exc).splitlines()[0]}")
    result = gather(desk.store, rules, since)
    if as_json:
        emit_json(result.to_json())
        return
    for line in render(result, top):
        say(line)
