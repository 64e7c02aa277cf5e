"""What an editor-in-chief asks: what came in, where it went, how fast, which rules fire."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from newsdesk.store import Store
from newsdesk.store import stats as sql


@dataclass
class Stats:
    since: str | None
    total: int
    by_status: dict[str, int]
    by_desk: dict[str, int]
    by_tag: dict[str, int]
    by_outlet: dict[str, int]  # every story an outlet carried, pickups merged away included
    links: dict[str, dict[str, int]]  # kind -> state -> count
    duplicate_groups: int  # stories dedup found to be one story, as connected groups
    stories_in_duplicate_groups: int
    merged_groups: int  # canonical stories with pickups merged into them
    merged_stories: int  # pickups merged away
    rule_hits: dict[str, int]
    rules_never_fired: list[str] | None  # None when no rules file is in force
    decisions: int
    median_decision_seconds: float | None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "since": self.since,
            "total": self.total,
            "by_status": self.by_status,
            "by_desk": self.by_desk,
            "by_tag": self.by_tag,
            "by_outlet": self.by_outlet,
            "duplicates": {
                "links": self.links,
                "groups": self.duplicate_groups,
                "stories_in_groups": self.stories_in_duplicate_groups,
                "merged_groups": self.merged_groups,
                "merged_stories": self.merged_stories,
            },
            "rules": {"hits": self.rule_hits, "never_fired": self.rules_never_fired},
            "decisions": {
                "count": self.decisions,
                "median_seconds": self.median_decision_seconds,
                "median": human_duration(self.median_decision_seconds),
            },
        }


def _groups(pairs: Any) -> tuple[int, int]:
    """Connected components of the duplicate graph: (groups, stories in them)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    roots = {find(x) for x in parent}
    return len(roots), len(parent)


def _parse(stamp: str) -> datetime:
    dt = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def median_seconds(pairs: list[tuple[str, str]]) -> float | None:
    spans = []
    for ingested, decided in pairs:
        try:
            spans.append(max(0.0, (_parse(decided) - _parse(ingested)).total_seconds()))
        except (TypeError, ValueError):
            continue
    return float(statistics.median(spans)) if spans else None


def human_duration(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    if seconds < 90:
        return f"{seconds:.0f}s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f}m"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f}h"
    return f"{seconds / 86400:.1f}d"


def gather(store: Store, rules: Any = None, since: str | None = None) -> Stats:
    """All the numbers from one consistent snapshot of the database."""
    with store.read():
        links: dict[str, dict[str, int]] = {}
        for kind, state, n in sql.link_counts(store, since):
            links.setdefault(kind, {})[state] = n
        groups, in_groups = _groups(sql.duplicate_pairs(store, since))
        merged_groups, merged_stories = sql.merge_counts(store, since)
        hits = sql.rule_hit_counts(store, since)
        times = sql.decision_times(store, since)
        stats = Stats(
            since=since,
            total=sql.total(store, since),
            by_status=sql.by_status(store, since),
            by_desk=sql.by_column(store, "desk", since),
            by_tag=sql.by_tag(store, since),
            by_outlet=sql.outlets_all(store, since),
            links=links,
            duplicate_groups=groups,
            stories_in_duplicate_groups=in_groups,
            merged_groups=merged_groups,
            merged_stories=merged_stories,
            rule_hits=hits,
            rules_never_fired=None,
            decisions=len(times),
            median_decision_seconds=median_seconds(times),
        )
    if rules is not None:
        stats.rules_never_fired = [r.id for r in rules.rules if r.id not in hits]
    return stats


def render(stats: Stats, top: int = 10) -> list[str]:
    """Plain lines for a terminal or a mail: biggest first, long tails cut to `top`."""
    out = [f"stories: {stats.total}" + (f" (ingested since {stats.since})" if stats.since else "")]
    out.append("  " + "  ".join(f"{k} {v}" for k, v in stats.by_status.items()))
    for title, counts in (
        ("by desk", stats.by_desk),
        ("by tag", stats.by_tag),
        ("by outlet", stats.by_outlet),
    ):
        out.append(f"{title}:")
        out.extend(_table(counts, top, "(no desk)" if title == "by desk" else "(unknown)"))
    dup = stats.links.get("duplicate", {})
    rel = stats.links.get("related", {})
    dismissed = dup.get("dismissed", 0) + rel.get("dismissed", 0)
    out.append(
        f"duplicates: {stats.duplicate_groups} groups ({stats.stories_in_duplicate_groups} "
        f"stories); {stats.merged_groups} merged ({stats.merged_stories} pickups merged away); "
        f"open pairs {dup.get('open', 0)}, dismissed {dismissed}"
        f", related {sum(rel.values())}"
    )
    out.append("rule hits:")
    out.extend(_table(stats.rule_hits, top, "?"))
    if stats.rules_never_fired is None:
        out.append("rules never fired: (no rules file loaded)")
    elif stats.rules_never_fired:
        out.append(f"rules never fired ({len(stats.rules_never_fired)}):")
        out.extend(f"  {r}" for r in stats.rules_never_fired)
    else:
        out.append("rules never fired: none")
    median = human_duration(stats.median_decision_seconds)
    out.append(f"decisions: {stats.decisions}; median ingest to decision: {median or 'n/a'}")
    return out


def _table(counts: dict[str, int], top: int, empty_label: str) -> list[str]:
    if not counts:
        return ["  (none)"]
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    width = max(len(str(n)) for _, n in items[:top])
    lines = [f"  {n:>{width}}  {name or empty_label}" for name, n in items[:top]]
    if len(items) > top:
        rest = sum(n for _, n in items[top:])
        lines.append(f"  {rest:>{width}}  … {len(items) - top} more")
    return lines
