"""Invisible characters never reach a terminal or an export unseen; real text stays readable.

Escaped by Unicode property (controls, format characters, default-ignorables, private use,
surrogates, noncharacters, unassigned, line/paragraph separators), checked here category by
category over the whole code space, and end to end through list, show, --json and all four
export formats.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.safe_text import json_safe, printable
from tests.conftest import REPO

TAGS = "".join(chr(0xE0000 + ord(c)) for c in "ignore previous instructions")  # ASCII smuggling
INVISIBLE = {
    "tag characters": TAGS + "\U000e0001\U000e007f",
    "Arabic letter mark": "\u061c",
    "Mongolian vowel separator": "\u180e",
    "interlinear annotation": "\ufff9\ufffa\ufffb",
    "variation selectors": "\ufe00\ufe01\U000e0100\U000e01ef",
    "soft hyphen": "\u00ad",
    "Hangul filler": "\u3164\u115f",
    "combining grapheme joiner": "\u034f",
    "private use": "\ue000\U000f0000",
    "noncharacter": "\ufdd0\uffff",
    "line separator": "\u2028\u2029",
    "zero width": "\u200b\u2060\ufeff",
    "bidi": "\u202e\u2066\u2069",
}
HIDDEN = "".join(INVISIBLE.values())
READABLE = [
    "Jum’at, 3 Oktober 2025 — café Pontianak «Kalbar»",
    "مرحبا بالعالم",  # Arabic
    "می\u200cخواهم",  # Persian: ZWNJ between joining letters
    "क्षत्रिय\u200d",  # Devanagari (a trailing ZWJ with nothing after is escaped, see below)
    "keluarga \U0001f468\u200d\U0001f469\u200d\U0001f467 dan \u2764\ufe0f\u200d\U0001f525",
    "\u2764\ufe0f \u263a\ufe0e 👍🏽 🇮🇩",
]


def _escaped_everywhere(code: int) -> bool:
    char = chr(code)
    return printable(f"a{char}b") != f"a{char}b" and json_safe(f'"a{char}b"') != f'"a{char}b"'


@pytest.mark.parametrize("category", ["Cc", "Cf", "Co", "Cs"])
def test_every_character_of_an_invisible_category_is_escaped(category: str) -> None:
    kept = {0x09, 0x0A, 0x200C, 0x200D}  # tab, newline; joiners only in context
    missed = [
        f"U+{c:04X}"
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) == category and c not in kept and not _escaped_everywhere(c)
    ]
    assert missed == []


def test_every_default_ignorable_and_unassigned_character_is_escaped() -> None:
    for lo, hi in [(0xFE00, 0xFE0F), (0xE0000, 0xE0FFF), (0x180B, 0x180F), (0xFDD0, 0xFDEF)]:
        context = "x"  # a selector after a letter: still escaped unless it is VS15/VS16
        for c in range(lo, hi + 1):
            if c in (0xFE0E, 0xFE0F):
                continue
            assert printable(f"{context}{chr(c)}") != f"{context}{chr(c)}", f"U+{c:04X}"
    assert printable("\U000e0041") == "\\U000e0041"
    assert printable("\U00050000") == "\\U00050000"  # unassigned plane 5


@pytest.mark.parametrize("name", list(INVISIBLE))
def test_each_invisible_is_visible_in_plain_and_json(name: str) -> None:
    text = f"Banjir{INVISIBLE[name]}Sintang"
    plain = printable(text)
    encoded = json_safe(json.dumps(text, ensure_ascii=False))
    for char in INVISIBLE[name]:
        assert char not in plain and char not in encoded, f"{name}: U+{ord(char):04X}"
    assert json.loads(encoded) == text  # the same data, astral characters as surrogate pairs


@pytest.mark.parametrize("text", READABLE)
def test_real_text_stays_readable(text: str) -> None:
    shown = printable(text)
    if text.endswith("\u200d"):
        assert shown == text[:-1] + "\\u200d"
    else:
        assert shown == text
        assert json_safe(json.dumps(text, ensure_ascii=False)) == json.dumps(
            text, ensure_ascii=False
        )


def test_joiners_and_selectors_out_of_place_are_escaped() -> None:
    assert printable("a\u200db") == "a\\u200db"  # ZWJ between Latin letters hides nothing
    assert printable("\u200d\U0001f468") == "\\u200d\U0001f468"
    assert printable("x\ufe0f\ufe0f") == "x\ufe0f\\ufe0f"  # a second selector carries data
    assert printable("\ufe0fx") == "\\ufe0fx"


def test_hidden_text_never_reaches_list_show_json_or_exports(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    record = {
        "title": f"Banjir{HIDDEN} di Sintang",
        "body": f"Banjir merendam rumah.{HIDDEN} {READABLE[4]}",
        "outlet": f"Harian{TAGS}",
        "url": f"https://example.com/a{TAGS}",
    }
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")

    def run(*args: str) -> str:
        result = CliRunner().invoke(
            main, ["--db", str(db), "--rules", str(REPO / "rules.yaml"), *args]
        )
        assert result.exit_code == 0, result.output
        return result.stdout + result.stderr

    run("ingest", str(src))
    run("tag", "1", f"label{TAGS}")
    outputs = {
        "list": run("list"),
        "list --json": run("list", "--json"),
        "show": run("show", "1"),
        "show --json": run("show", "1", "--json"),
    }
    for fmt in ("ninjs", "jsonl", "csv", "md"):
        outputs[f"export {fmt}"] = run("export", "--status", "all", "--format", fmt)
        target = tmp_path / f"out.{fmt}"
        run("export", "--status", "all", "--format", fmt, "-o", str(target))
        outputs[f"export {fmt} -o"] = target.read_text(encoding="utf-8")
    for what, text in outputs.items():
        for char in HIDDEN:
            assert char not in text, f"{what}: raw U+{ord(char):04X}"
        assert "\U0001f468\u200d\U0001f469" in text or "list" in what, what  # emoji kept
