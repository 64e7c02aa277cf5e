"""A story as an IPTC ninjs 3.1 document, valid against the official schema.

Where newsdesk's fields go (ninjs has no "desk" and no audit log, so they ride on the
nearest fields it does have):

- tags        -> `subjects` with rel "newsdesk:tag" (creator = the rule or editor that tagged)
- desk        -> `subjects` with rel "newsdesk:desk"
- priority    -> `urgency` (urgent 1, high 3, normal 5, low 7; ninjs: 1 most urgent)
- outlets     -> `infoSources` (role "source" for the story, "pickup" for each merged story),
                 and each pickup again in `associations` with its headline
- history     -> `version`, `firstCreated`, `versionCreated`, and a one-line-per-action
                 summary in `edNote` (the field ninjs keeps for notes to receiving staff)
- status      -> `pubStatus`: approved is "usable", anything else "withheld"

Fields of an imported ninjs 3 document that newsdesk does not model (by, slugline,
copyright, places, genres ...) go back out as they came, filtered to shapes the schema allows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import IO, Any

from newsdesk.export import Story
from newsdesk.safe_text import json_safe

SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
URGENCY = {"urgent": 1, "high": 3, "normal": 5, "low": 7}
HISTORY_LINES = 20

# Item fields per list property of the schema, with their JSON types (objects in these lists
# allow no other keys): an imported value is kept only in a shape the schema accepts.
_ITEM_FIELDS: dict[str, dict[str, type]] = {
    "subjects": {
        "name": str,
        "rel": str,
        "uri": str,
        "literal": str,
        "creator": str,
        "relevance": int,
        "confidence": int,
    },
    "genres": {"name": str, "uri": str, "literal": str},
    "altIds": {"role": str, "value": str},
    "places": {"name": str, "rel": str, "uri": str, "literal": str},
    "descriptions": {"role": str, "contentType": str, "value": str},
}
_PASS_STRINGS = (
    "by",
    "slugline",
    "located",
    "copyrightHolder",
    "copyrightNotice",
    "usageTerms",
    "profile",
    "title",
)
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)


def is_uri(value: Any) -> bool:
    return isinstance(value, str) and bool(_URI.match(value))


def datetime_or_none(value: Any) -> str | None:
    """An RFC 3339 date-time for a stored date; a bare date is taken as midnight UTC."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if _DATETIME.match(value):
        return value
    if _DATE.match(value):
        return f"{value}T00:00:00Z"
    return None


def story_uri(story: Story) -> str:
    """The wire's own identifier when the story came in as ninjs, else its URL, else a URN."""
    original = story.original_ninjs or {}
    if is_uri(original.get("uri")):
        return str(original["uri"])
    if is_uri(story.row.get("url")):
        return str(story.row["url"])
    return f"urn:newsdesk:story:{story.id}"


def _items(original: dict[str, Any], name: str) -> list[dict[str, Any]]:
    allowed = _ITEM_FIELDS[name]
    out = []
    for item in original.get(name) or []:
        if not isinstance(item, dict):
            continue
        kept = {
            k: v
            for k, v in item.items()
            if k in allowed
            and isinstance(v, allowed[k])
            and not isinstance(v, bool)
            and (k != "uri" or is_uri(v))
            and (allowed[k] is not int or 0 <= v <= 100)
        }
        if name == "descriptions" and "value" not in kept:
            continue
        if kept:
            out.append(kept)
    return out


def _is_ninjs3(doc: dict[str, Any]) -> bool:
    return any(k in doc for k in ("headlines", "bodies", "versionCreated", "firstCreated"))


def _subjects(story: Story, original: dict[str, Any]) -> list[dict[str, Any]]:
    subjects = _items(original, "subjects")
    origins: dict[str, list[str]] = {}
    for tag, origin in story.tags:
        origins.setdefault(tag, []).append(origin)
    for tag in sorted(origins):
        subjects.append(
            {"name": tag, "literal": tag, "rel": "newsdesk:tag", "creator": ", ".join(origins[tag])}
        )
    desk = story.row.get("desk")
    if desk:
        entry = {"name": desk, "literal": f"desk:{desk}", "rel": "newsdesk:desk"}
        if story.row.get("desk_origin"):
            entry["creator"] = story.row["desk_origin"]
        subjects.append(entry)
    return subjects


def _source(name: str | None, role: str, url: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": name or "unknown outlet", "role": role}
    if is_uri(url):
        entry["uri"] = url
    return entry


def _info_sources(story: Story) -> list[dict[str, Any]]:
    sources = [_source(story.row.get("outlet"), "source", story.row.get("url"))]
    sources += [_source(p.get("outlet"), "pickup", p.get("url")) for p in story.pickups]
    seen: set[str] = set()
    unique = []
    for s in sources:
        key = json.dumps(s, sort_keys=True)
        if key not in seen:
            seen.add(key)
            unique.append(s)
    return unique


def _association(pickup: dict[str, Any]) -> dict[str, Any]:
    uri = pickup.get("url") if is_uri(pickup.get("url")) else f"urn:newsdesk:story:{pickup['id']}"
    assoc: dict[str, Any] = {
        "name": pickup.get("outlet") or f"story {pickup['id']}",
        "rel": "newsdesk:pickup",
        "uri": uri,
        "type": "text",
        "representationType": "partial",
        "altIds": [{"role": "newsdesk:id", "value": str(pickup["id"])}],
    }
    if pickup.get("title"):
        assoc["headlines"] = [{"role": "main", "value": pickup["title"]}]
    created = datetime_or_none(pickup.get("published"))
    if created:
        assoc["contentCreated"] = created
    if pickup.get("outlet"):
        assoc["infoSources"] = [_source(pickup["outlet"], "pickup", pickup.get("url"))]
    return assoc


def history_note(story: Story) -> str | None:
    """The audit trail in a few lines for the receiving desk: who did what, when."""
    lines = []
    for h in story.history[-HISTORY_LINES:]:
        detail = h.get("detail") or {}
        args = ", ".join(
            f"{k} {', '.join(map(str, v)) if isinstance(v, list) else v}"
            for k, v in detail.items()
            if v not in (None, "", [])
        )
        line = f"{h['at']} {h['action']} by {h['actor']}"
        if args:
            line += f" ({args})"
        if h.get("undone"):
            line += " [undone]"
        lines.append(line)
    if story.row.get("status_reason"):
        lines.append(f"status reason: {story.row['status_reason']}")
    return "newsdesk history:\n" + "\n".join(lines) if lines else None


def to_ninjs(story: Story) -> dict[str, Any]:
    row = story.row
    original = story.original_ninjs or {}
    passthrough = original if _is_ninjs3(original) else {}
    doc: dict[str, Any] = {
        "uri": story_uri(story),
        "standard": {"name": "ninjs", "version": "3.1", "schema": SCHEMA_URI},
        "type": "text",
        "representationType": "full",
        "version": str(row.get("version") or 1),
    }
    first = datetime_or_none(original.get("firstCreated")) or datetime_or_none(row["ingested_at"])
    if first:
        doc["firstCreated"] = first
    stamps = [row["ingested_at"], row.get("decided_at"), *(h["at"] for h in story.history)]
    latest = max((s for s in stamps if datetime_or_none(s)), default=None)
    if latest:
        doc["versionCreated"] = datetime_or_none(latest)
    created = datetime_or_none(original.get("contentCreated")) or datetime_or_none(
        row.get("published")
    )
    if created:
        doc["contentCreated"] = created
    doc["pubStatus"] = "usable" if row["status"] == "approved" else "withheld"
    urgency = URGENCY.get(row.get("priority") or "")
    wire = original.get("urgency")
    if urgency is None and type(wire) is int and 1 <= wire <= 9:
        urgency = wire
    if urgency is not None:
        doc["urgency"] = urgency
    if row.get("lang"):
        doc["language"] = row["lang"]
    for key in _PASS_STRINGS:
        if isinstance(passthrough.get(key), str):
            doc[key] = passthrough[key]
    if "by" not in doc and isinstance(original.get("byline"), str):
        doc["by"] = original["byline"]
    if "located" not in doc and isinstance(original.get("located"), str):
        doc["located"] = original["located"]
    if "copyrightHolder" not in doc and row.get("outlet"):
        doc["copyrightHolder"] = row["outlet"]
    doc["headlines"] = [{"role": "main", "value": row["title"] or ""}]
    body = row["body"] or ""
    doc["bodies"] = [
        {
            "role": "main",
            "contentType": "text/plain",
            "value": body,
            "charCount": len(body),
            "wordCount": len(body.split()),
        }
    ]
    for name in ("descriptions", "places", "genres"):
        items = _items(passthrough, name)
        if items:
            doc[name] = items
    subjects = _subjects(story, passthrough)
    if subjects:
        doc["subjects"] = subjects
    doc["infoSources"] = _info_sources(story)
    if story.pickups:
        doc["associations"] = [_association(p) for p in story.pickups]
    alt_ids = [*_items(passthrough, "altIds"), {"role": "newsdesk:id", "value": str(story.id)}]
    if is_uri(row.get("url")) and row["url"] != doc["uri"]:
        alt_ids.append({"role": "url", "value": row["url"]})
    doc["altIds"] = alt_ids
    notes = [n for n in (passthrough.get("edNote"), history_note(story)) if isinstance(n, str)]
    if notes:
        doc["edNote"] = "\n\n".join(notes)
    return doc


def write_ninjs(stories: Iterable[Story], out: IO[str]) -> int:
    """One ninjs document per line (JSON Lines): streamable, and each line validates alone."""
    n = 0
    for story in stories:
        # terminal-active characters as \uXXXX escapes: the same JSON, inert on a terminal
        out.write(json_safe(json.dumps(to_ninjs(story), ensure_ascii=False)) + "\n")
        n += 1
    return n
