"""Core calls the desk makes on worker threads: merge/dismiss/unmerge and rule matches.

Each takes the calling thread's own Desk (see tui.data); nothing here touches widgets.
"""

from __future__ import annotations

from typing import Any

from newsdesk import desk_queries
from newsdesk.desk import ActionError, Desk


def dedup_action(desk: Desk, action: str, first: int, others: list[int]) -> Any:
    """Merge / dismiss / unmerge through `Desk.mutate`: audited, undoable, versions bumped."""
    try:
        from newsdesk import merge
    except ImportError as exc:
        raise ActionError(f"{action} is not available yet (newsdesk.merge missing)") from exc
    try:
        if action == "merge":
            return desk.mutate(
                "merge",
                [first, *others],
                lambda store: merge.merge(store, first, others, actor=desk.actor),
                detail={"keep": first, "merged": others},
            )
        if action == "dismiss":
            return desk.mutate(
                "dismiss", [first, *others], lambda store: merge.dismiss(store, first, others[0])
            )
        # unmerge touches the canonical story too (its merged-in tags go)
        ids = [first, *desk_queries.merge_family(desk, first)]
        return desk.mutate("unmerge", ids, lambda store: merge.unmerge(store, first))
    except merge.MergeError as exc:
        raise ActionError(str(exc)) from exc


def rule_matches(desk: Desk, article: Any) -> list[Any]:
    """Every term the rules matched in this story, for highlighting (none without rules)."""
    rules = desk.rules
    if rules is None:
        return []
    evaluation = rules.evaluate(article)
    out: list[Any] = []
    for found in evaluation.matches.values():
        out.extend(found)
    return out


def coverage_of(desk: Desk, article: Any, links: list[Any]) -> Any | None:
    """Who carried a merged story (first publisher, then pickups); None when not merged."""
    merged = article.merged_into is not None or any(link.state == "merged" for link in links)
    if not merged:
        return None
    try:
        from newsdesk.merge import coverage
    except ImportError:
        return None
    found = coverage(desk.store, article.id)
    return found if len(found.stories) > 1 else None
