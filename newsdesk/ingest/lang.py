"""A cheap language guess from function words: enough to route Indonesian vs English copy."""

from __future__ import annotations

import re

_MARKERS: dict[str, frozenset[str]] = {
    "id": frozenset(
        """yang dan di ini itu dengan untuk dari pada dalam tidak akan juga ke oleh bahwa
        adalah karena sebagai atau telah saat kami kita mereka ia""".split()
    ),
    "en": frozenset(
        """the and of to in is that for on with was as by at from it be has have are this
        said were which an""".split()
    ),
}
_WORD = re.compile(r"[a-z]+")


def guess_language(text: str, sample: int = 1500) -> str | None:
    words = _WORD.findall(text[:sample].lower())
    if len(words) < 5:
        return None
    scores = {lang: len([w for w in words if w in marks]) for lang, marks in _MARKERS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= max(2, len(words) // 25) else None
