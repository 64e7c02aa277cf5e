"""Article text is data: make it safe to print on a terminal or to put in a widget.

Control characters (ESC and every C0/C1 code but newline and tab), bidi overrides and
zero-width characters are shown as visible escapes, so no CSI/OSC sequence, hyperlink,
clipboard write or reordering trick in a scraped article ever reaches the terminal.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (not \t, \n), DEL, C1
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"  # zero-width, bidi
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, single_line: bool = False) -> str:
    """`text` with every unsafe character made visible; newlines folded if single_line."""
    text = _UNSAFE.sub(_escape, text)
    if single_line:
        text = " ".join(text.split())
    return text


def json_safe(encoded: str) -> str:
    """Serialized JSON with every unsafe character as a \\uXXXX escape: same data, inert text.

    Only valid on JSON text: there these characters can only occur inside strings.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
