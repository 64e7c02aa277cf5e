"""newsdesk's own JSON Lines: every field the desk keeps, one story per line, stable keys."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from newsdesk.export import Story
from newsdesk.safe_text import json_safe

# The shape scripts rely on; add keys at the end, never rename or drop one.
KEYS = (
    "id",
    "title",
    "body",
    "outlet",
    "url",
    "published",
    "lang",
    "status",
    "status_reason",
    "desk",
    "priority",
    "tags",
    "tag_origins",
    "outlets",
    "pickups",
    "history",
    "ingested_at",
    "decided_at",
    "version",
)


def to_record(story: Story) -> dict[str, Any]:
    row = story.row
    record = {k: row.get(k) for k in KEYS if k in row}
    record.update(
        tags=story.tag_names,
        tag_origins=[{"tag": t, "origin": o} for t, o in story.tags],
        outlets=story.outlets,
        pickups=[
            {k: p.get(k) for k in ("id", "outlet", "url", "published", "title")}
            for p in story.pickups
        ],
        history=[
            {k: h[k] for k in ("at", "actor", "action", "detail", "undone")} for h in story.history
        ],
    )
    return {k: record.get(k) for k in KEYS}


def write_jsonl(stories: Iterable[Story], out: IO[str]) -> int:
    n = 0
    for story in stories:
        # terminal-active characters as \uXXXX escapes: the same JSON, inert on a terminal
        out.write(json_safe(json.dumps(to_record(story), ensure_ascii=False)) + "\n")
        n += 1
    return n
