"""Duplicate and related stories: find them, look at them, merge, unmerge, dismiss."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from newsdesk.cli.output import emit_json, fail, say
from newsdesk.dedup.config import DedupConfigError
from newsdesk.desk import ActionError, ActionResult, Desk
from newsdesk.rules.problems import RulesError
from newsdesk.store import links as sql

JSON = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")


def register(main: click.Group) -> None:
    for command in (dedup, related, merge_cmd, unmerge_cmd, dismiss_cmd):
        main.add_command(command)


def _link_line(link: dict[str, Any]) -> str:
    state = "" if link["state"] == "open" else f" [{link['state']}]"
    reasons = "; ".join(link["reasons"])
    return f"{link['a']} {link['b']} {link['kind']} {link['score']:.0f}{state}  {reasons}"


def _links_out(links: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        emit_json(
            [
                {k: link[k] for k in ("a", "b", "kind", "score", "reasons", "state")}
                for link in links
            ]
        )
        return
    for link in links:
        say(_link_line(link))


@click.command()
@click.option("--rebuild", is_flag=True, help="Forget open proposals and find everything again.")
@JSON
@click.pass_obj
def dedup(obj: Any, rebuild: bool, as_json: bool) -> None:
    """Find duplicate and related stories; list the open pairs."""
    from newsdesk.dedup import service

    desk = obj.desk()
    store = desk.store
    try:
        if rebuild:
            service.rebuild(store, desk.rules)
        else:
            with store.read() as db:
                todo = sql.unindexed_ids(db)
            if todo:
                service.check_new(store, todo, desk.rules)
    except (RulesError, DedupConfigError) as exc:  # a bad rules file is one line
        fail(str(exc))
    with store.read() as db:
        _links_out(sql.links(db, state="open"), as_json)


@click.command()
@click.argument("article_id", type=int)
@JSON
@click.pass_obj
def related(obj: Any, article_id: int, as_json: bool) -> None:
    """Stories linked to one story, and who carried it (first publisher, pickups)."""
    try:
        links, cover = obj.desk().related(article_id)
    except ActionError as exc:
        fail(str(exc), code=1)
    pairs = [link.to_json() for link in links]
    if as_json:
        emit_json(
            {
                "id": article_id,
                "canonical": cover.canonical,
                "outlets": cover.outlets,
                "first": cover.first,
                "pickups": cover.pickups,
                "links": pairs,
            }
        )
        return
    if len(cover.stories) > 1:
        first = cover.first or {}
        say(f"story {cover.canonical}: first {first.get('outlet')} ({first.get('published')})")
        for pickup in cover.pickups:
            say(f"  then {pickup['outlet']} ({pickup['published']}) #{pickup['id']}")
    for pair in pairs:
        say(_link_line(pair))


def act(obj: Any, fn: Callable[[Desk], ActionResult]) -> None:
    """One editor action through the desk service: audited, undoable, one line on stderr."""
    try:
        result = fn(obj.desk())
    except ActionError as exc:
        fail(str(exc), code=1)
    if not obj.quiet:
        ids = ", ".join(map(str, result.article_ids))
        say(f"{result.action}: {ids} (audit #{result.audit_id})", err=True)


@click.command("merge")
@click.argument("keep", type=int, required=False)
@click.argument("others", type=int, nargs=-1)
@click.option("--family", "family_id", type=int, help="Merge this family into its first story.")
@click.pass_obj
def merge_cmd(obj: Any, keep: int | None, others: tuple[int, ...], family_id: int | None) -> None:
    """Merge OTHERS into KEEP, the canonical story (undo with `unmerge` or `undo`).

    With --family ID, every story of the family merges into its first publisher's.
    """
    if family_id is not None:
        if keep is not None:
            raise click.UsageError("give either --family or KEEP OTHERS..., not both")
        act(obj, lambda desk: desk.merge_family(family_id))
        return
    if keep is None or not others:
        raise click.UsageError("give KEEP and at least one story to merge into it (or --family)")
    act(obj, lambda desk: desk.merge(keep, list(others)))


@click.command("unmerge")
@click.argument("article_id", type=int)
@click.pass_obj
def unmerge_cmd(obj: Any, article_id: int) -> None:
    """Split a merged story off again (or, for a canonical story, all merged into it)."""
    act(obj, lambda desk: desk.unmerge(article_id))


@click.command("dismiss")
@click.argument("a", type=int)
@click.argument("b", type=int)
@click.pass_obj
def dismiss_cmd(obj: Any, a: int, b: int) -> None:
    """Not the same story: remembered, never proposed again."""
    act(obj, lambda desk: desk.dismiss(a, b))
