"""learn-boilerplate: teach the cleaner each outlet's own recurring lines from the store."""

from __future__ import annotations

from typing import Any

import click

from newsdesk.cli.output import emit_json, say
from newsdesk.ingest.boilerplate_learn import learn_boilerplate
from newsdesk.store.boilerplate import learned_lines, outlet_bodies, replace_learned


def register(main: click.Group) -> None:
    main.add_command(learn_boilerplate_cmd)


@click.command("learn-boilerplate")
@click.option("--dry-run", is_flag=True, help="Show what would be learned; keep what is in force.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def learn_boilerplate_cmd(obj: Any, dry_run: bool, as_json: bool) -> None:
    """Learn lines that recur across an outlet's stories and carry no news.

    Stories ingested afterwards are cleaned of them too (what is stored stays as it is).
    Run it now and then, e.g. from cron after the night's ingest.
    """
    store = obj.desk().store
    learned = learn_boilerplate(outlet_bodies(store))
    before = learned_lines(store)
    if not dry_run:
        replace_learned(store, learned)
    if as_json:
        emit_json(
            {
                "dry_run": dry_run,
                "outlets": {o: sorted(lines) for o, lines in sorted(learned.items())},
                "previously": sum(len(v) for v in before.values()),
            }
        )
        return
    if not learned:
        say("no recurring boilerplate found", err=True)
    for outlet, lines in sorted(learned.items()):
        say(f"{outlet}: {len(lines)} line(s)")
        for line in sorted(lines):
            say(f"    {line}")
