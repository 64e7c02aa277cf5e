"""Editor actions for scripts: the same service, audit and undo as the desk."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from newsdesk.cli.output import emit_json, fail, say
from newsdesk.desk import ActionError, ActionResult
from newsdesk.model import PRIORITIES

JSON = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")


def register(main: click.Group) -> None:
    for command in (approve, reject, reopen, tag, untag, desk_cmd, priority, undo):
        main.add_command(command)


def _run(obj: Any, as_json: bool, fn: Callable[[Any], ActionResult]) -> None:
    desk = obj.desk()
    try:
        result = fn(desk)
    except ActionError as exc:
        fail(str(exc), code=1)
    if as_json:
        emit_json(result.to_json())
    elif not obj.quiet:
        ids = ", ".join(map(str, result.article_ids))
        if result.changed:
            say(f"{result.action}: {ids} (audit #{result.audit_id})", err=True)
        else:
            say(f"{result.action}: {ids} unchanged", err=True)


IDS = click.argument("ids", nargs=-1, type=int, required=True)


@click.command()
@IDS
@JSON
@click.pass_obj
def approve(obj: Any, ids: tuple[int, ...], as_json: bool) -> None:
    """Approve stories."""
    _run(obj, as_json, lambda d: d.approve(ids))


@click.command()
@IDS
@click.option("--reason", default=None, help="Why (kept in the audit log and shown on the desk).")
@JSON
@click.pass_obj
def reject(obj: Any, ids: tuple[int, ...], reason: str | None, as_json: bool) -> None:
    """Reject stories."""
    _run(obj, as_json, lambda d: d.reject(ids, reason))


@click.command()
@IDS
@JSON
@click.pass_obj
def reopen(obj: Any, ids: tuple[int, ...], as_json: bool) -> None:
    """Put stories back to 'new'."""
    _run(obj, as_json, lambda d: d.reopen(ids))


@click.command()
@click.argument("article_id", type=int)
@click.argument("tags", nargs=-1, required=True)
@JSON
@click.pass_obj
def tag(obj: Any, article_id: int, tags: tuple[str, ...], as_json: bool) -> None:
    """Add editor tags to a story."""
    _run(obj, as_json, lambda d: d.tag([article_id], tags))


@click.command()
@click.argument("article_id", type=int)
@click.argument("tags", nargs=-1, required=True)
@JSON
@click.pass_obj
def untag(obj: Any, article_id: int, tags: tuple[str, ...], as_json: bool) -> None:
    """Remove tags from a story; rules will not put them back."""
    _run(obj, as_json, lambda d: d.untag([article_id], tags))


@click.command("desk")
@click.argument("article_id", type=int)
@click.argument("desk_name")
@JSON
@click.pass_obj
def desk_cmd(obj: Any, article_id: int, desk_name: str, as_json: bool) -> None:
    """Route a story to a desk ('-' clears it)."""
    _run(obj, as_json, lambda d: d.set_desk([article_id], None if desk_name == "-" else desk_name))


@click.command()
@click.argument("article_id", type=int)
@click.argument("level", type=click.Choice([*PRIORITIES, "-"]))
@JSON
@click.pass_obj
def priority(obj: Any, article_id: int, level: str, as_json: bool) -> None:
    """Set a story's priority ('-' clears it)."""
    _run(obj, as_json, lambda d: d.set_priority([article_id], None if level == "-" else level))


@click.command()
@JSON
@click.pass_obj
def undo(obj: Any, as_json: bool) -> None:
    """Undo your most recent action (per editor, see --as)."""
    desk = obj.desk()
    try:
        entry = desk.undo()
    except ActionError as exc:
        fail(str(exc), code=1)
    if entry is None:
        if as_json:
            emit_json({"undone": None})
        else:
            say(f"nothing to undo for {desk.actor}", err=True)
        return
    if as_json:
        emit_json(
            {"undone": {"audit_id": entry.id, "action": entry.action, "ids": entry.article_ids}}
        )
    elif not obj.quiet:
        ids = ", ".join(map(str, entry.article_ids))
        say(f"undid {entry.action} on {ids} (audit #{entry.id})", err=True)
