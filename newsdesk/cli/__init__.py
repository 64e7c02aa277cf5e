"""The `newsdesk` command: the same pipeline as the desk, for scripts and cron.

Exit codes: 0 success, 1 some inputs (or tests) failed, 2 usage or configuration error.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from newsdesk.cli.output import emit_json, fail, say
from newsdesk.desk import DEFAULT_DB, DEFAULT_RULES, ActionError, Desk, default_actor
from newsdesk.resources import default_rules
from newsdesk.store import StoreError

# Each area of the CLI lives in its own module and registers its commands here.
COMMAND_MODULES = (
    "core_cmd",
    "actions_cmd",
    "rules_cmd",
    "dedup_cmd",
    "export_cmd",
    "stats_cmd",
    "watch_cmd",
    "fetch_cmd",
    "serve_cmd",
    "maint_cmd",
    "boilerplate_cmd",
    "families_cmd",
)


@dataclass
class Context:
    db_path: str
    rules_path: str
    actor: str
    quiet: bool = False
    _desk: Desk | None = field(default=None, repr=False)

    def desk(self) -> Desk:
        if self._desk is None:
            try:
                self._desk = Desk.open(self.db_path, self.rules_path, self.actor)
            except StoreError as exc:
                fail(str(exc))
        return self._desk


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    envvar="NEWSDESK_DB",
    default=DEFAULT_DB,
    show_default=True,
    help="SQLite database file (env NEWSDESK_DB).",
)
@click.option(
    "--rules",
    "rules_path",
    envvar="NEWSDESK_RULES",
    default=DEFAULT_RULES,
    show_default=True,
    help="Rules file (env NEWSDESK_RULES).",
)
@click.option(
    "--as", "actor", default=None, help="Editor name for the audit log (default: login name)."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress or chatter on stderr.")
@click.version_option(package_name="newsdesk")
@click.pass_context
def main(ctx: click.Context, db_path: str, rules_path: str, actor: str | None, quiet: bool) -> None:
    """newsdesk: a terminal newsroom triage desk.

    Run without a command to open the desk (the TUI).
    """
    if (
        ctx.get_parameter_source("rules_path") == ParameterSource.DEFAULT
        and not Path(rules_path).exists()
    ):
        rules_path = str(default_rules())  # no rules.yaml here: the rules newsdesk ships
    ctx.obj = Context(
        db_path=db_path, rules_path=rules_path, actor=actor or default_actor(), quiet=quiet
    )
    ctx.call_on_close(_close(ctx.obj))
    if ctx.invoked_subcommand is None:
        from newsdesk.tui.app import run_desk

        run_desk(ctx.obj.desk())


def _close(obj: Context) -> Any:
    def close() -> None:
        if obj._desk is not None:
            obj._desk.close()

    return close


for _name in COMMAND_MODULES:
    importlib.import_module(f"newsdesk.cli.{_name}").register(main)


__all__ = ["ActionError", "Context", "emit_json", "fail", "main", "say"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
