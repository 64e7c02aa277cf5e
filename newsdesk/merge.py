"""Merge, unmerge and dismiss as plain store mutations.

Each function runs inside the caller's `with store.write():` (the desk wraps them with audit
and undo through `Desk.mutate`). Merge records what it changed, so unmerge puts back exactly
the state before: status, reason, version, the link row, and only the tags the merge copied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.store import families as family_sql
from newsdesk.store import links as sql
from newsdesk.store.db import Store

MERGE_MARK = ";merged-from:"


class MergeError(ValueError):
    """A merge, unmerge or dismiss that cannot be done; the message names the stories."""


def merge_origin(actor: str, other: int) -> str:
    """Tags copied onto the canonical story are the editor's, marked with where they came from."""
    return f"editor:{actor}{MERGE_MARK}{other}"


def _state(store: Store, article_id: int) -> dict[str, Any]:
    state = sql.article_state(store.db, article_id)
    if state is None:
        raise MergeError(f"no story with id {article_id}")
    return state


def merge(store: Store, keep: int, others: Sequence[int], actor: str = "editor") -> list[int]:
    """Merge `others` into `keep` (the editor's canonical story); returns the ids merged."""
    others = list(dict.fromkeys(others))
    if not others:
        raise MergeError("name at least one story to merge into the canonical one")
    if keep in others:
        raise MergeError(f"story {keep} cannot be merged into itself")
    with store.write() as db:
        canonical = _state(store, keep)
        if canonical["status"] == "merged" or canonical["merged_into"] is not None:
            raise MergeError(
                f"story {keep} is itself merged into story {canonical['merged_into']}; "
                f"merge into {canonical['merged_into']} instead"
            )
        states = {other: _state(store, other) for other in others}
        for other, state in states.items():
            if state["status"] == "merged" or state["merged_into"] is not None:
                raise MergeError(
                    f"story {other} is already merged into story {state['merged_into']}; "
                    "unmerge it first"
                )
            if sql.children(db, other):
                raise MergeError(
                    f"story {other} has stories merged into it; unmerge them first "
                    f"or merge them into {keep} instead"
                )
        vetoed = sql.vetoed_tags(db, keep)
        for other in others:
            link = sql.get_link(db, keep, other)
            sql.record_merge(db, other, keep, actor, {"article": states[other], "link": link})
            sql.set_article_state(db, other, {"status": "merged", "merged_into": keep})
            sql.set_link_state(db, keep, other, "merged", kind="duplicate")
            present = {tag for tag, _ in sql.tags_of(db, keep)}
            for tag, _origin in sql.tags_of(db, other):
                if tag not in present and tag not in vetoed:
                    sql.add_tag(db, keep, tag, merge_origin(actor, other))
                    present.add(tag)
    return others


def unmerge(store: Store, article_id: int) -> list[int]:
    """Undo merges: a merged story is split off; a canonical story loses all its merged ones.

    Returns the ids split off.
    """
    with store.write() as db:
        state = _state(store, article_id)
        if state["merged_into"] is not None:
            targets = [article_id]
        else:
            targets = sql.children(db, article_id)
            if not targets:
                raise MergeError(f"story {article_id} is not merged and has nothing merged into it")
        for target in targets:
            _split_off(store, target)
    return targets


def _split_off(store: Store, article_id: int) -> None:
    db = store.db
    state = _state(store, article_id)
    keep = state["merged_into"]
    record = sql.merge_record(db, article_id)
    if record is not None and record["merged_into"] == keep:
        sql.set_article_state(db, article_id, record["before"]["article"])
        link = record["before"]["link"]
    else:
        # No record (the merge was undone and redone by audit): back to an open story.
        sql.set_article_state(
            db, article_id, {"status": "new", "merged_into": None, "status_reason": None}
        )
        link = None
    sql.delete_tags_with_origin_suffix(db, keep, f"{MERGE_MARK}{article_id}")
    if link is None:
        sql.delete_link(db, keep, article_id)
    else:
        sql.put_link(db, link)
    sql.delete_merge_record(db, article_id)


def dismiss(store: Store, a: int, b: int) -> None:
    """ "Not the same story": remembered, and never proposed again."""
    if a == b:
        raise MergeError(f"story {a} cannot be dismissed against itself")
    with store.write() as db:
        for article_id in (a, b):
            _state(store, article_id)
        link = sql.get_link(db, a, b)
        if link is not None and link["state"] == "merged":
            raise MergeError(f"stories {a} and {b} are merged; unmerge first")
        sql.set_link_state(db, a, b, "dismissed", kind=link["kind"] if link else "related")
        families = family_sql.family_of(db, [a, b])
        if a in families and families.get(a) == families.get(b):
            family_sql.remove_member(db, max(a, b))  # not one story: the later one leaves


@dataclass(frozen=True)
class Coverage:
    """Who carried a story: the first publisher, then the pickups in order."""

    canonical: int
    stories: list[dict[str, Any]]

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(s["outlet"] for s in self.stories if s["outlet"]))

    @property
    def first(self) -> dict[str, Any] | None:
        return self.stories[0] if self.stories else None

    @property
    def pickups(self) -> list[dict[str, Any]]:
        return self.stories[1:]


def coverage(store: Store, article_id: int) -> Coverage:
    with store.read() as db:
        state = _state(store, article_id)
        canonical = state["merged_into"] or article_id
        return Coverage(canonical, sql.coverage(db, canonical))
