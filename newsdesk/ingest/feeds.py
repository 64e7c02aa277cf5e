"""RSS and Atom files through feedparser: one Draft per entry."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from typing import Any

import feedparser
from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml import ElementTree as defused_et

from newsdesk.ingest.html_text import html_to_text
from newsdesk.model import Draft


def read_feed(raw: bytes, source: str, outlet: str | None = None) -> Iterator[Any]:
    from newsdesk.ingest.readers import BadInput

    unsafe = _unsafe_xml(raw)
    if unsafe:
        yield BadInput(source, unsafe)
        return
    # a character reference to half a UTF-16 pair crashes feedparser's loose parser
    raw = _CHAR_REF.sub(_no_surrogate_ref, raw)
    parsed = feedparser.parse(raw, sanitize_html=False, resolve_relative_uris=False)
    kind = "atom" if parsed.get("version", "").startswith("atom") else "rss"
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", None)
        msg = reason() if callable(reason) else str(parsed.get("bozo_exception") or "not a feed")
        yield BadInput(source, f"malformed feed: {msg}")
        return
    if not parsed.entries:
        yield BadInput(source, "feed has no entries")
        return
    feed_outlet = outlet or parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{source}#{n}"
        body_html = ""
        if entry.get("content"):
            body_html = "\n".join(c.get("value", "") for c in entry.content)
        body_html = body_html or entry.get("summary", "") or entry.get("description", "")
        body = html_to_text(body_html)
        title = html_to_text(entry.get("title", "")) or None
        if not body and not title:
            yield BadInput(where, "entry has neither title nor text")
            continue
        published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        record = {k: v for k, v in entry.items() if isinstance(v, (str, int, float))}
        extra = {
            k: v
            for k, v in record.items()
            if k not in ("title", "summary", "link", "published", "updated", "id")
        }
        if entry.get("id"):
            extra["guid"] = entry["id"]
        provenance = {"outlet": "metadata"} if feed_outlet else {}
        if published:
            provenance["published"] = "metadata"
        if entry.get("link"):
            provenance["url"] = "metadata"
        yield Draft(
            title=title,
            body=body,
            raw=json.dumps(record, ensure_ascii=False, default=str).encode(),
            source=where,
            format=kind,
            url=entry.get("link") or None,
            outlet=feed_outlet,
            published=published,
            lang=(entry.get("language") or parsed.feed.get("language") or None),
            extra=extra,
            provenance=provenance,
        )


_ENTITY_DECL = re.compile(rb"<!ENTITY|<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y", re.IGNORECASE)
_ROOT = re.compile(rb"<(?:\x00)?(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_REFUSED = "feed declares its own XML entities (<!ENTITY>): refused as unsafe"


def _unsafe_xml(raw: bytes) -> str | None:
    """Why the feed must not be parsed, or None.

    defusedxml reads the whole document and refuses entity declarations and external
    references wherever they are (they are how billion-laughs and XXE attacks work; no real
    feed needs them). A feed too broken for a strict parser goes to feedparser's loose one,
    so its prolog, everything before the root element however long, is searched as well.
    """
    try:
        defused_et.fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (EntitiesForbidden, ExternalReferenceForbidden):
        return _REFUSED
    except (defused_et.ParseError, DefusedXmlException, ValueError):
        root = _ROOT.search(raw)
        if _ENTITY_DECL.search(raw, 0, root.start() if root else len(raw)):
            return _REFUSED
    return None


_CHAR_REF = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")


def _no_surrogate_ref(match: re.Match[bytes]) -> bytes:
    ref = match.group(1)
    code = int(ref[1:], 16) if ref[:1] in (b"x", b"X") else int(ref)
    return b"&#xFFFD;" if 0xD800 <= code <= 0xDFFF else match.group()


def _iso(struct: time.struct_time | None) -> str | None:
    if not struct:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", struct)
