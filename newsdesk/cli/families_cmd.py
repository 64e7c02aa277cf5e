"""families, family, compare, link, unlink: story families from the command line."""

from __future__ import annotations

from typing import Any

import click

from newsdesk.cli.dedup_cmd import act
from newsdesk.cli.output import emit_json, fail, say
from newsdesk.desk import ActionError

JSON = click.option("--json", "as_json", is_flag=True, help="JSON on stdout.")


def register(main: click.Group) -> None:
    for command in (families, family, compare, link, unlink):
        main.add_command(command)


def _outlets(outlets: list[str]) -> str:
    shown = ", ".join(outlets[:4])
    return shown + (f" +{len(outlets) - 4}" if len(outlets) > 4 else "")


@click.command()
@click.option("--limit", type=int, default=None, help="At most this many, most recent first.")
@JSON
@click.pass_obj
def families(obj: Any, limit: int | None, as_json: bool) -> None:
    """Story families: one story carried by several outlets, most recent first."""
    found = obj.desk().families(limit=limit)
    if as_json:
        emit_json([f.to_json() for f in found])
        return
    for f in found:
        first = f.first or {}
        span = f.span[0] if f.span[0] == f.span[1] else f"{f.span[0]}..{f.span[1]}"
        say(
            f"family {f.id}: {f.size} stories, {len(f.outlets)} outlets ({_outlets(f.outlets)});"
            f" first {first.get('outlet')} {span}: {first.get('title')}"
        )


@click.command()
@click.argument("family_id", type=int)
@JSON
@click.pass_obj
def family(obj: Any, family_id: int, as_json: bool) -> None:
    """One family: its stories, first publisher first, and why each is in it."""
    found = obj.desk().family(family_id)
    if found is None:
        fail(f"no family {family_id} (`newsdesk families` lists them)", code=1)
    if as_json:
        emit_json(found.to_json())
        return
    say(f"family {found.id}: {found.size} stories from {_outlets(found.outlets)}")
    for m in found.members:
        say(f"  #{m.id} {m.published} {m.outlet}: {m.title}")
        for why in m.why:
            say(f"      {why}")


@click.command()
@click.argument("a", type=int)
@click.argument("b", type=int)
@JSON
@click.pass_obj
def compare(obj: Any, a: int, b: int, as_json: bool) -> None:
    """Compare any two stories: kind (duplicate, related, none), score 0-100 and reasons."""
    try:
        found = obj.desk().compare(a, b)
    except ActionError as exc:
        fail(str(exc), code=1)
    if as_json:
        emit_json(found.to_json())
        return
    say(f"{a} vs {b}: {found.kind} ({found.score:.0f})")
    for reason in found.reasons:
        say(f"  {reason}")


@click.command()
@click.argument("a", type=int)
@click.argument("b", type=int)
@click.option("--related", is_flag=True, help="Related stories, not one story.")
@click.pass_obj
def link(obj: Any, a: int, b: int, related: bool) -> None:
    """Link two stories by hand: B joins A's family (or, with --related, a related link)."""
    act(obj, lambda desk: desk.link(a, b, "related" if related else "duplicate"))


@click.command()
@click.argument("article_id", type=int)
@click.pass_obj
def unlink(obj: Any, article_id: int) -> None:
    """Take a story out of its family; dedup will not put it back with those stories."""
    act(obj, lambda desk: desk.leave_family(article_id))
