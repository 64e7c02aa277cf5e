"""Case and accent folding that keeps every character where it was.

Folding never changes the length of a string, so an offset into the folded text is the
same offset into the original: explain can point at the words the editor sees.
"""

from __future__ import annotations

import re
import unicodedata

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SEPARATORS = re.compile(r"[\s\-]+")
WORD = re.compile(r"\w+")

_SPECIAL = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u0131": "i",
    "\u00df": "ß",
}
_cache: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    hit = _cache.get(ch)
    if hit is not None:
        return hit
    out = _SPECIAL.get(ch)
    if out is None:
        if ch.isspace():
            out = " "
        else:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
            ).lower()
            if len(base) == 1 and base.isascii():
                out = base
            elif unicodedata.category(ch)[0] in "PSZ":
                out = " "  # bullets, ©, …: punctuation to the matcher, and ASCII keeps it fast
            else:
                out = base if len(base) == 1 else ch
    _cache[ch] = out
    return out


def fold(text: str) -> str:
    """Lower-case, strip accents, straighten quotes and dashes; same length as `text`."""
    low = text.lower()
    if len(low) != len(text):  # e.g. 'İ' lowers to two characters
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if low.isascii():
        return low
    # A story has a handful of distinct non-ASCII characters (quotes, dashes): replacing
    # each everywhere is far cheaper than a callback per occurrence.
    for ch in set(_NON_ASCII.findall(low)):
        low = low.replace(ch, _fold_char(ch))
    return low


def term_key(term: str) -> str:
    """The form two spellings of one term share: folded, one space between words."""
    return _SEPARATORS.sub(" ", fold(term)).strip(" -")


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
