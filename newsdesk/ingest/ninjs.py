"""ninjs (IPTC News in JSON, versions 1.x-3.x) documents as Drafts.

ninjs 3 spells fields in camelCase with lists (`headlines`, `bodies`, `versionCreated`);
ninjs 1-2 in lower case with scalars (`headline`, `body_text`, `versioncreated`). Both are read.
The whole document is kept in `extra` so an export can give back what came in.
"""

from __future__ import annotations

from typing import Any

from newsdesk.ingest.html_text import html_to_text
from newsdesk.model import Draft

_MARKERS = {
    "headlines",
    "bodies",
    "versionCreated",
    "firstCreated",
    "body_text",
    "body_html",
    "headline",
    "versioncreated",
    "firstcreated",
    "pubStatus",
    "pubstatus",
}


def is_ninjs(record: dict[str, Any]) -> bool:
    return "uri" in record and bool(_MARKERS & set(record))


def _get(record: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if record.get(key) not in (None, "", []):
            return record[key]
    return None


def _by_role(items: Any, roles: tuple[str, ...]) -> dict[str, Any] | None:
    if not isinstance(items, list):
        return None
    valid = [i for i in items if isinstance(i, dict) and isinstance(i.get("value"), str)]
    for role in roles:
        for item in valid:
            if item.get("role") == role:
                return item
    return valid[0] if valid else None


def _body(record: dict[str, Any]) -> str:
    body = _by_role(record.get("bodies"), ("text", "main", "html", "xhtml", "nitf"))
    if body is not None:
        value = body["value"]
        plain = "plain" in str(body.get("contentType", "")) or body.get("role") == "text"
        return value.strip() if plain else html_to_text(value)
    if isinstance(record.get("body_text"), str):
        return record["body_text"].strip()
    if isinstance(record.get("body_html"), str):
        return html_to_text(record["body_html"])
    desc = _by_role(record.get("descriptions"), ("summary", "main", "description"))
    if desc is not None:
        return html_to_text(desc["value"])
    if isinstance(record.get("description_text"), str):
        return record["description_text"].strip()
    return ""


def _outlet(record: dict[str, Any]) -> str | None:
    holder = _get(record, "copyrightHolder", "copyrightholder")
    if isinstance(holder, dict):
        holder = holder.get("name")
    if isinstance(holder, str) and holder.strip():
        return holder.strip()
    for source in record.get("infoSources") or record.get("infosources") or []:
        if isinstance(source, dict) and source.get("name"):
            return str(source["name"])
    return None


def ninjs_to_draft(record: dict[str, Any], raw: bytes, source: str, encoding: str) -> Draft:
    headline = _by_role(record.get("headlines"), ("main", "headline"))
    title = headline["value"].strip() if headline else None
    title = title or _get(record, "headline", "title")
    uri = record.get("uri") if isinstance(record.get("uri"), str) else None
    url = uri if uri and uri.startswith(("http://", "https://")) else None
    published = _get(record, "firstCreated", "firstcreated", "versionCreated", "versioncreated")
    outlet = _outlet(record)
    lang = record.get("language") if isinstance(record.get("language"), str) else None
    provenance = {
        k: "metadata"
        for k, v in (("url", url), ("outlet", outlet), ("published", published), ("lang", lang))
        if v
    }
    return Draft(
        title=str(title) if title else None,
        body=_body(record),
        raw=raw,
        source=source,
        format="ninjs",
        url=url,
        outlet=outlet,
        published=str(published) if published else None,
        lang=lang,
        encoding=encoding,
        extra={"ninjs": record},
        provenance=provenance,
    )
