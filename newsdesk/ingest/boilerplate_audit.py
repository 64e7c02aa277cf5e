"""An independent check on the cleaner: does boilerplate remain, and was any news lost?

This is deliberately *not* the cleaner's own patterns. The cleaner decides line by line
with anchored shapes; the audit searches anywhere in the text (any case, glued or not) for
the markers every kind of boilerplate carries ("baca juga", "scroll to continue", a
"(dry/din)" sign-off, "artikel ini telah tayang", "Editor:" at a line start, ...). It
over-reports rather than under-reports, so "0 left" from it is a strong claim; and it
judges the cleaner's removals from the other side: a removed fragment that reads like a
news sentence must carry one of these markers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["MARKERS", "boilerplate_kinds", "has_boilerplate", "lost_news"]

MARKERS: dict[str, re.Pattern[str]] = {
    "related-link": re.compile(
        r"(?-i:Baca|BACA)\s*(?:juga|pula)|(?:^|[.!?\"”]\s*)(?-i:Lihat|Simak|Tonton|Saksikan)\s*juga\b|"
        r"\bread\s+(?:also|more)\b|pilihan\s+editor\s*:|berita\s+terkait|"
        r"selengkapnya\s*(?:di\s*sini|disini|di\s+halaman)|halaman\s+(?:selanjutnya|berikutnya)\s*\.?\s*$|"
        r"^(?-i:Lihat|Simak|Tonton|Saksikan)(?:\s+juga)?\s+[Vv]ideo\b",
        re.IGNORECASE | re.MULTILINE,
    ),
    "ad": re.compile(
        r"scroll\s+to\s+continue|\[gambas:|saksikan\s+live\b|a\s+post\s+shared\s+by|"
        r"kiriman\s+dibagikan\s+oleh|^\s*(?:advertisement|iklan|ads?|loading\.*)\s*$|"
        r"(?<=[a-z.!?])advertisement|advertisement(?=[A-Z])|^\s*disclaimer\s*:",
        re.IGNORECASE | re.MULTILINE,
    ),
    "republication": re.compile(
        r"artikel\s+ini\b.{0,30}\b(?:tayang|naik|terbit|dimuat|rilis)\b|"
        r"(?:originally|first)\s+published\s+(?:in|on|by)|all\s+rights\s+reserved|"
        r"may\s+not\s+be\s+published,?\s+broadcast",
        re.IGNORECASE,
    ),
    "byline": re.compile(
        r"^\s*(?:editor|penulis|reporter|pewarta|redaktur)\s*:|\(\s*(?:reporter|editor)\s*:|"
        r"(?:reporting|editing)\s+by\s+[A-Z]|contributed\s+to\s+this\s+report|"
        r"(?-i:\((?:\*|[a-z]{2,6}(?:/[a-z]{2,6})+)\)[a-z0-9 ,-]*$)",
        re.IGNORECASE | re.MULTILINE,
    ),
    "follow": re.compile(
        r"\bikuti\s+(?:kami|whatsapp|channel|saluran)\b|google\s+news|whatsapp\s+channel|"
        r"saluran\s+whatsapp|grup\s+telegram|\bfollow\s+us\b|\bsubscribe\s+(?:to|now)\b",
        re.IGNORECASE,
    ),
    "share": re.compile(r"^\W*(?:bagikan|share)\W*$|•\s*bagikan", re.IGNORECASE | re.MULTILINE),
}


def boilerplate_kinds(text: str) -> list[str]:
    """The kinds of boilerplate markers present anywhere in `text`."""
    return [kind for kind, pattern in MARKERS.items() if pattern.search(text)]


def has_boilerplate(text: str) -> bool:
    return any(pattern.search(text) for pattern in MARKERS.values())


_SENTENCE_LIKE = re.compile(r"[a-z].*[.!?\"”]$", re.DOTALL)


def _reads_like_news(fragment: str) -> bool:
    words = fragment.split()
    return len(words) >= 6 and bool(_SENTENCE_LIKE.search(fragment.strip()))


# Five lower-case words in a row is prose; a headline (what a related link carries) is Title
# Case, and a byline or share line is a few words.
_PROSE_RUN = re.compile(r"(?:\b[a-z][a-z-]*\b[ ,]+){4,}[a-z]")
_SHORT_KINDS = frozenset({"related-link", "byline", "share"})


def _without_markers(text: str) -> str:
    for pattern in MARKERS.values():
        text = pattern.sub(" ", text)
    return text


def lost_news(removed: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The removals (line, kind) that may have taken news with them.

    Two ways to fail: a fragment that reads like a news sentence yet carries no boilerplate
    marker; or a related link, byline or share fragment carrying a run of prose (a scrape that
    ran the next paragraph into the link, removed with it). Datelines and learned lines are
    judged elsewhere (a dateline is a few words; a learned line recurs across an outlet's
    articles by construction).
    """
    return [
        (line, kind)
        for line, kind in removed
        if kind not in {"dateline", "learned"}
        and (
            (_reads_like_news(line) and not has_boilerplate(line))
            or (kind in _SHORT_KINDS and _PROSE_RUN.search(_without_markers(line)) is not None)
        )
    ]
