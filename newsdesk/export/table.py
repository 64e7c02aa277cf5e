"""CSV for people: one row per story, columns a spreadsheet user reads left to right.

Cells are article text, and a spreadsheet runs a cell starting with = + - @ as a formula,
so such cells get a leading apostrophe (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from newsdesk.export import Story
from newsdesk.safe_text import printable

COLUMNS = (
    "id",
    "published",
    "outlet",
    "title",
    "status",
    "desk",
    "priority",
    "tags",
    "also_carried_by",
    "words",
    "url",
    "body",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    text = "" if value is None else printable(str(value))
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def to_row(story: Story) -> list[str]:
    row = story.row
    values = {
        "id": row["id"],
        "published": row.get("published") or "",
        "outlet": row.get("outlet") or "",
        "title": row["title"],
        "status": row["status"],
        "desk": row.get("desk") or "",
        "priority": row.get("priority") or "",
        "tags": "; ".join(story.tag_names),
        "also_carried_by": "; ".join(story.outlets[1:]),
        "words": len((row["body"] or "").split()),
        "url": row.get("url") or "",
        "body": row["body"],
    }
    return [cell(values[c]) for c in COLUMNS]


def write_csv(stories: Iterable[Story], out: IO[str]) -> int:
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    n = 0
    for story in stories:
        writer.writerow(to_row(story))
        n += 1
    return n
