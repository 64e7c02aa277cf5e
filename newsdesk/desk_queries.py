"""Small read helpers the desk UI needs beyond `Desk`: thin calls into `store`, no SQL here."""

from __future__ import annotations

from typing import Any

from newsdesk.desk import Desk
from store import articles as q


def distinct_values(desk: Desk, column: str) -> list[str]:
    """Values in use for outlet, desk or lang, for completion in the filter and desk prompts."""
    return q.distinct_values(desk.store, column)


def position(desk: Desk, query: q.InboxQuery, key: tuple[str, int]) -> int:
    """How many inbox rows sort above this one."""
    return q.position(desk.store, query, key)


def links_for(desk: Desk, article_id: int) -> list[Any]:
    """Duplicate/related links of a story ([] until the dedup store lands)."""
    try:
        from store import links
    except ImportError:
        return []
    fn = getattr(links, "links_for", None)
    return list(fn(desk.store, article_id)) if fn else []


def link_counts(desk: Desk, ids: list[int]) -> dict[int, int]:
    """Open duplicate/related links per story, for the inbox marker."""
    try:
        from store import links
    except ImportError:
        return {}
    fn = getattr(links, "link_counts", None)
    return dict(fn(desk.store, ids)) if fn else {}
