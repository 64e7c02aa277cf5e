"""Article text is data: make it safe to print on a terminal or to put in a widget.

What is escaped is decided by Unicode property, not by a list of known tricks:

- controls (Cc) but newline and tab: ESC, C1 (U+009B is CSI), DEL, BEL;
- format characters (Cf): bidi overrides and isolates, zero-width characters, U+061C, U+180E,
  the interlinear annotation marks U+FFF9-FFFB, the tag characters U+E0001-E007F;
- every other default-ignorable code point (rendered as nothing): variation selectors,
  Hangul fillers, U+034F, U+17B4-17B5, Mongolian variation selectors, U+E0000-E0FFF;
- private-use characters (Co: each font draws them differently, icon fonts as UI), lone
  surrogates (Cs: a file name's undecodable bytes), noncharacters, unassigned code points
  (Cn) outside the emoji blocks, and the line and paragraph separators U+2028/U+2029
  (line breaks to JavaScript, none to a terminal).

So no CSI/OSC sequence, hyperlink, clipboard write, reordering trick or hidden text (tag
"ASCII smuggling", variation-selector smuggling) in a scraped article ever reaches the
terminal or an export unseen: each shows as a visible escape (`\\x1b`, `\\u200b`,
`\\U000e0041`; `\\uXXXX` JSON escapes in JSON, same data).

Kept, because real text needs them and they hide nothing: a zero-width joiner between two
emoji (family and profession emoji), a zero-width (non-)joiner between two letters of a
script that joins (Arabic, Persian, Indic, Myanmar), and one emoji or text presentation
selector (U+FE0E/U+FE0F) right after a visible character (the red heart is U+2764 U+FE0F).
Newer emoji than this Python's Unicode tables (assigned in U+1F000-1FAFF) print as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties) outside Cc/Cf/Cn: drawn as
# nothing, so as good as invisible ink.
_IGNORABLE = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul choseong/jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors (and U+180E, Cf)
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xE0000, 0xE0FFF),  # tags and variation selectors supplement
)
_EMOJI = ((0x1F000, 0x1FAFF), (0x2300, 0x23FF), (0x2600, 0x27BF), (0x2B00, 0x2BFF))
_JOINING = (
    (0x0600, 0x08FF),  # Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic
    (0x0900, 0x0DFF),  # Devanagari to Sinhala
    (0x1000, 0x109F),  # Myanmar
    (0xA8E0, 0xA8FF),  # Devanagari extended
    (0xFB50, 0xFDFF),  # Arabic presentation forms A
    (0xFE70, 0xFEFE),  # Arabic presentation forms B
)
_ZWNJ, _ZWJ, _VS15, _VS16 = "\u200c", "\u200d", "\ufe0e", "\ufe0f"
_ASCII_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# Scanned to build the pattern; beyond it only planes 14-16 hold anything escaped, as ranges.
_SCAN_LIMIT = 0x40000


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= code <= hi for lo, hi in ranges)


@cache
def _pattern() -> re.Pattern[str]:
    """One character class of every escaped code point (built on first use, ~70 ms)."""
    category = unicodedata.category
    codes = {c for c in range(_SCAN_LIMIT) if category(chr(c)) in _ESCAPED_CATEGORIES}
    for lo, hi in _EMOJI:  # emoji newer than this Python's Unicode tables stay readable
        codes.difference_update(c for c in range(lo, hi + 1) if category(chr(c)) == "Cn")
    for lo, hi in _IGNORABLE:
        codes.update(range(lo, min(hi, _SCAN_LIMIT - 1) + 1))
    codes.update(range(0xFDD0, 0xFDF0))  # noncharacters (U+xFFFE/xFFFF are Cn already)
    codes.difference_update((0x09, 0x0A))
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    # Planes 4-13 are unassigned, 14 holds the tags and variation selectors, 15-16 are
    # private use: all escaped.
    ranges.append([_SCAN_LIMIT, 0x10FFFF])
    body = "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in ranges
    )
    return re.compile(f"[{body}]")


def _kept(text: str, at: int) -> bool:
    """Whether the joiner or selector at `at` belongs to the real text around it."""
    char = text[at]
    before = text[at - 1] if at > 0 else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    if char in (_VS15, _VS16):
        return bool(before) and not _pattern().match(before) and before not in (_VS15, _VS16)
    if not before or not after:
        return False
    b, a = ord(before), ord(after)
    if char == _ZWJ and _in(b, _EMOJI) and _in(a, _EMOJI):
        return True
    if char == _ZWJ and before == _VS16 and _in(a, _EMOJI):  # ❤️‍🔥: heart, VS16, ZWJ, fire
        return at >= 2 and _in(ord(text[at - 2]), _EMOJI)
    return (
        _in(b, _JOINING)
        and _in(a, _JOINING)
        and unicodedata.category(before)[0] in "LM"
        and unicodedata.category(after)[0] in "LM"
    )


def _plain_escape(code: int) -> str:
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _json_escape(code: int) -> str:
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON escapes are UTF-16 code units: a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _substitute(text: str, escape: Callable[[int], str]) -> str:
    if text.isascii():  # the common case: no need to build the full pattern
        return _ASCII_UNSAFE.sub(lambda m: escape(ord(m.group())), text)

    def one(m: re.Match[str]) -> str:
        char = m.group()
        if char in (_ZWNJ, _ZWJ, _VS15, _VS16) and _kept(text, m.start()):
            return char
        return escape(ord(char))

    return _pattern().sub(one, text)


def printable(text: str, *, single_line: bool = False) -> str:
    """`text` with every unsafe character made visible; newlines folded if single_line."""
    text = _substitute(text, _plain_escape)
    if single_line:
        text = " ".join(text.split())
    return text


def json_safe(encoded: str) -> str:
    """Serialized JSON with every unsafe character as a \\uXXXX escape: same data, inert text.

    Only valid on JSON text: there these characters can only occur inside strings.
    """
    return _substitute(encoded, _json_escape)
