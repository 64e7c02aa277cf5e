"""Read helpers behind `Desk`'s duplicates section: thin calls into `store`, no SQL here.

Call them through `Desk` (`desk.links(id)`, `desk.link_counts(ids)`, ...), as the CLI and
the TUI do; they live here to keep desk.py about actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsdesk.model import Link
from newsdesk.store import articles as q

if TYPE_CHECKING:
    from newsdesk.desk import Desk

__all__ = [
    "Link",
    "distinct_values",
    "link_counts",
    "links_for",
    "merge_family",
    "rule_hit_counts",
]


def distinct_values(desk: Desk, column: str) -> list[str]:
    """Values in use for outlet, desk or lang, for completion in the filter and desk prompts."""
    return q.distinct_values(desk.store, column)


def _links_module() -> Any:
    try:
        from newsdesk.store import links
    except ImportError:  # dedup not installed yet
        return None
    return links


def links_for(desk: Desk, article_id: int) -> list[Link]:
    """Every link of a story (open first, best score first), with the other story's headline."""
    links = _links_module()
    if links is None:
        return []
    rows = links.links(desk.store.db, state=None, article_id=article_id)
    others = {r["b"] if r["a"] == article_id else r["a"] for r in rows}
    info = {r["id"]: r for r in q.get_articles(desk.store, sorted(others))}
    out = []
    for r in rows:
        other = r["b"] if r["a"] == article_id else r["a"]
        row = info.get(other, {})
        out.append(
            Link(
                other_id=other,
                kind=r["kind"],
                score=float(r["score"]),
                state=r["state"],
                reasons=list(r.get("reasons") or []),
                other_title=row.get("title", ""),
                other_outlet=row.get("outlet"),
                other_status=row.get("status", ""),
                this_id=article_id,
            )
        )
    out.sort(key=lambda link: (link.state != "open", -link.score, link.other_id))
    return out


def link_counts(desk: Desk, ids: list[int]) -> dict[int, tuple[int, int]]:
    """Open (duplicate, related) links per story, for the inbox marker."""
    links = _links_module()
    if links is None:
        return {}
    return links.open_link_counts(desk.store.db, ids)


def rule_hit_counts(desk: Desk) -> dict[str, int]:
    """How many stories each rule fired on."""
    try:
        from newsdesk.store.rules_state import hit_counts
    except ImportError:
        return {}
    return hit_counts(desk.store)


def merge_family(desk: Desk, article_id: int) -> list[int]:
    """The other stories an unmerge of this one touches: its canonical, or its merged ones."""
    links = _links_module()
    article = desk.article(article_id)
    if links is None or article is None:
        return []
    if article.merged_into is not None:
        return [article.merged_into]
    return list(links.children(desk.store.db, article_id))
