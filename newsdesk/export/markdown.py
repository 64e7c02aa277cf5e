"""Markdown for people: a digest to read, mail or paste; article text stays plain text.

Article text is data, never markup: every character Markdown or HTML would act on is
backslash-escaped, so a headline cannot become a link, an image or a raw HTML tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO

from newsdesk.export import Story
from newsdesk.safe_text import printable

_INLINE = re.compile(r"([\\`*_{}\[\]<>()#|~!&])")
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])", re.MULTILINE)


def escape(text: str) -> str:
    text = _INLINE.sub(r"\\\1", printable(text))
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def to_markdown(story: Story) -> str:
    row = story.row
    meta = [
        f"#{row['id']}",
        row.get("published") or "undated",
        row.get("outlet") or "unknown outlet",
        row["status"],
    ]
    if row.get("desk"):
        meta.append(f"desk: {row['desk']}")
    if row.get("priority"):
        meta.append(f"priority: {row['priority']}")
    lines = [f"## {escape(' '.join((row['title'] or '').split()))}", ""]
    lines.append("*" + escape(" · ".join(meta)) + "*")
    if story.tag_names:
        lines.append("")
        lines.append("Tags: " + escape(", ".join(story.tag_names)))
    if story.pickups:
        lines.append("")
        lines.append("Also carried by: " + escape(", ".join(story.outlets[1:] or ["?"])))
    if row.get("url"):
        lines.append("")
        lines.append(f"Source: {escape(row['url'])}")
    paragraphs = [p.strip() for p in (row["body"] or "").split("\n") if p.strip()]
    lines.append("")
    lines.extend(line for p in paragraphs for line in (escape(p), ""))
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(stories: Iterable[Story], out: IO[str]) -> int:
    n = 0
    for story in stories:
        out.write(("\n---\n\n" if n else "") + to_markdown(story))
        n += 1
    if n == 0:
        out.write("_No stories to export._\n")
    return n
