"""Find every known term in a text in one linear-time pass (RE2), overlaps included.

All terms of all rules go into one alternation: a story is scanned once per field, not once
per rule. Matches may overlap ('kalimantan barat' and 'barat'), because different rules may
care about either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import re2

from newsdesk.rules.textnorm import is_word_char

Span = tuple[int, int]
_SEP_BYTES = re.compile(rb"[\s\-]+")
_PIECE_BYTES = re.compile(rb"[^\s\-]+")
_UNANCHORED = re2._Anchor.UNANCHORED


def re2_options(case_sensitive: bool = True, longest: bool = False) -> re2.Options:
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = case_sensitive
    options.longest_match = longest
    return options


def term_pattern(key: str) -> str:
    """Whole words, any run of spaces or hyphens between them."""
    words = key.split(" ")
    body = r"[\s\-]+".join(re2.escape(w) for w in words)
    if is_word_char(key[0]):
        body = r"\b" + body
    if is_word_char(key[-1]):
        body += r"\b"
    return body


class TermScanner:
    """Compiled once per rule set; `scan(folded)` maps each term key to its spans."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = sorted({k for k in keys if k})
        self._known = set(self.keys)
        # Terms that start with the same words as a longer term: the longest match wins at
        # one start, so we recover these from the longer match.
        self._prefixes: dict[str, list[tuple[str, int]]] = {}
        for key in self.keys:
            words = key.split(" ")
            for n in range(1, len(words)):
                prefix = " ".join(words[:n])
                if prefix in self._known:
                    self._prefixes.setdefault(key, []).append((prefix, n))
        self._known_bytes = {k.encode("utf-8"): (k, self._prefixes.get(k)) for k in self.keys}
        self._raw = None
        if self.keys:
            pattern = "|".join(term_pattern(k) for k in self.keys)
            options = re2_options(longest=True)
            options.max_mem = 256 << 20  # thousands of terms fit; the default 8 MB does not
            compiled = re2.compile(pattern.encode("utf-8"), options)
            # The wrapper's per-call Match objects cost more than the scan itself.
            self._raw = compiled._regexp

    def scan(self, folded: str) -> dict[str, list[Span]]:
        hits: dict[str, list[Span]] = {}
        if self._raw is None or not folded:
            return hits
        ascii_only = folded.isascii()
        data = folded.encode("ascii" if ascii_only else "utf-8")
        end = len(data)
        match = self._raw.Match
        known = self._known_bytes
        get = hits.get
        pos = 0
        while pos < end:
            s, e = match(_UNANCHORED, data, pos, end)[0]
            if s < 0:
                break
            seg = data[s:e]
            entry = known.get(seg)
            if entry is None:
                key = _SEP_BYTES.sub(b" ", seg).decode("utf-8")
                entry = (key, self._prefixes.get(key))
            key, prefixes = entry
            span = (s, e) if ascii_only else _char_span(data, s, e)
            spans = get(key)
            if spans is None:
                hits[key] = [span]
            else:
                spans.append(span)
            if prefixes is not None:
                if len(seg) == len(key):  # written with single spaces: ends are known
                    ends = [s + len(prefix) for prefix, _ in prefixes]
                else:
                    pieces = list(_PIECE_BYTES.finditer(seg))
                    ends = [s + pieces[n - 1].end() for _, n in prefixes]
                for (prefix, _), pe in zip(prefixes, ends):
                    span = (s, pe) if ascii_only else _char_span(data, s, pe)
                    spans = get(prefix)
                    if spans is None:
                        hits[prefix] = [span]
                    else:
                        spans.append(span)
            pos = s + 1
            if not ascii_only:  # skip the rest of a multi-byte character
                while pos < end and (data[pos] & 0xC0) == 0x80:
                    pos += 1
        return hits


def _char_span(data: bytes, s: int, e: int) -> Span:
    start = len(data[:s].decode("utf-8"))
    return (start, start + len(data[s:e].decode("utf-8")))
