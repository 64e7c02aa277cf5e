"""The `newsdesk` command: the same pipeline as the desk, for scripts and cron.

Exit codes: 0 success, 1 some inputs (or tests) failed, 2 usage or configuration error.
"""

from __future__ import annotations

import errno
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
from newsdesk.store import Store, StoreError
from newsdesk.store.db import database_errors, trouble
from newsdesk.store.engine import is_url, redact
from newsdesk.store.schema import SchemaTooNew

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
    "copy_cmd",
)


# Commands that may create the database: those that put stories in, and the desk itself.
# Every other command reads or edits stories, and a missing file there is a typo in --db.
CREATING_COMMANDS = frozenset({"ingest", "fetch", "watch", "serve"})


@dataclass
class Context:
    db_path: str
    rules_path: str
    actor: str
    quiet: bool = False
    may_create: bool = True
    _desk: Desk | None = field(default=None, repr=False)

    def desk(self) -> Desk:
        if self._desk is None:
            store = Store.open(self.db_path, create=self.may_create)
            self._desk = Desk(store, self.rules_path, self.actor)
        return self._desk

    def existing_db(self) -> str:
        """The --db path, for commands that open the file themselves (backup, check)."""
        if is_url(self.db_path):
            return self.db_path  # the server says whether it is there
        if self.db_path != ":memory:" and not Path(self.db_path).exists():
            fail(f"no database at {self.db_path} (ingest creates one)")
        return self.db_path


class NewsdeskGroup(click.Group):
    """Every command runs under one handler: a database problem is one line, never a traceback.

    Disk full, a read-only or damaged file, a file from a newer newsdesk, a lock held too
    long: each is caught here, wherever in whichever command SQLite raised it, and said as
    `error: PATH ... : what to do` with the exit code of the README (1: this action failed,
    retry; 2: the database cannot be used as it is).
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            fail(str(exc), exc.exit_code)
        except SchemaTooNew as exc:
            fail(f"{_db_of(ctx)}: made by a newer newsdesk: {exc}")
        except database_errors() as exc:
            problem = trouble(exc, _db_of(ctx))
            fail(str(problem), problem.exit_code)
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
            fail(f"disk full: {exc.filename or _db_of(ctx)}: free some space and retry", 1)


def _db_of(ctx: click.Context) -> str:
    obj = ctx.obj
    return redact(getattr(obj, "db_path", None) or ctx.params.get("db_path") or DEFAULT_DB)


@click.group(
    cls=NewsdeskGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db_path",
    envvar="NEWSDESK_DB",
    default=DEFAULT_DB,
    show_default=True,
    help="The desk: an SQLite file, or a postgresql://user@host/dbname URL (env NEWSDESK_DB).",
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
    sub = ctx.invoked_subcommand
    ctx.obj = Context(
        db_path=db_path,
        rules_path=rules_path,
        actor=actor or default_actor(),
        quiet=quiet,
        may_create=sub is None or sub in CREATING_COMMANDS,
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
