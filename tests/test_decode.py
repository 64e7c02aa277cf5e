"""Scraped files arrive in whatever encoding the scraper wrote; the text must come out right."""

from __future__ import annotations

import codecs
import random

import pytest

from newsdesk.ingest.decode import DecodeError, decode_bytes, repair_mojibake

TEXT = "Sekda Kalbar hadir Jum’at 3 Oktober 2025 di “Café Sinergi”, naïve – façade."
LATIN1 = "Café naïve façade à Pontianak: Sekda hadir."


def _mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 (undefined bytes pass through), as browsers do."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def test_utf8_plain_and_with_bom() -> None:
    assert decode_bytes(TEXT.encode()) == (TEXT, "utf-8")
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode()) == (TEXT, "utf-8")


def test_cp1252_smart_quotes() -> None:
    assert decode_bytes(TEXT.encode("cp1252")) == (TEXT, "cp1252")


def test_latin1() -> None:
    assert decode_bytes(LATIN1.encode("latin-1")) == (LATIN1, "latin-1")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(codec: str) -> None:
    raw = TEXT.encode(codec)
    if codec == "utf-16-be":
        raw = codecs.BOM_UTF16_BE + raw
    text, name = decode_bytes(raw)
    assert text == TEXT
    assert name.startswith("utf-16" if "16" in codec else "utf-32")


def test_utf16_without_bom() -> None:
    assert decode_bytes("Harga cabai naik di Pontianak.".encode("utf-16-le"))[0] == (
        "Harga cabai naik di Pontianak."
    )


def test_mojibake_repaired_when_the_whole_text_round_trips() -> None:
    broken = _mojibake(TEXT)
    assert "â€™" in broken
    assert decode_bytes(broken.encode()) == (TEXT, "utf-8 (mojibake repaired)")
    assert decode_bytes(_mojibake(broken).encode())[0] == TEXT  # doubly encoded


def test_real_accented_text_is_not_mistaken_for_mojibake() -> None:
    text = "Harga naik 5% Ã  la carte"  # does not round-trip to valid UTF-8
    assert repair_mojibake(text) == text
    assert decode_bytes(text.encode()) == (text, "utf-8")


def test_another_script_keeps_its_encoding() -> None:
    text = "Москва: президент заявил о новых мерах поддержки экономики и бизнеса."
    decoded, name = decode_bytes(text.encode("cp1251"))
    assert decoded == text
    assert name == "cp1251"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "binary file (PDF)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (PNG image)"),
        (b"\x1f\x8b\x08\x00abc", "binary file (gzip archive)"),
        (b"\x00\x01\x02\x03\xff\xfe\x00abc\x00", "binary file (NUL bytes)"),
        (bytes(range(1, 32)) * 20, "binary file (control bytes)"),
    ],
    ids=["pdf", "png", "gzip", "nul", "controls"],
)
def test_binary_is_refused_with_one_plain_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(raw)
    assert str(info.value) == reason


_JUNK = random.Random(10)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (
            bytes(b for b in _JUNK.randbytes(60_000) if b >= 0x20 or b in b"\t\n\r")[:40_000],
            "binary file (no words: one space in",
        ),
        (
            bytes(_JUNK.choice([0x91, 0x92, 0x93, 0x94, 0x20, 0x41]) for _ in range(8_000)),
            "binary file (mostly symbols and accented letters in every code page tried)",
        ),
        (
            "".join(chr(_JUNK.randrange(0x21, 0x2FF)) for _ in range(9_000)).encode(),
            "binary file (no words: one space in",
        ),
    ],
    ids=["random-latin1", "cp1252-quotes", "random-utf8"],
)
def test_junk_that_decodes_is_still_refused(raw: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(raw)
    assert str(info.value).startswith(reason)


@pytest.mark.parametrize(
    "text",
    [
        "Banjir merendam 300 rumah di Sintang, BPBD mendirikan posko. " * 200,
        "東京都は二十日、新しい感染者を確認したと発表した。"
        * 300,  # no spaces: judged by its letters
        "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e \u00e0 la fran\u00e7aise, d\u00e9j\u00e0 vu. " * 200,
    ],
    ids=["indonesian", "japanese", "french"],
)
def test_real_text_is_not_mistaken_for_junk(text: str) -> None:
    for codec in ("utf-8", "cp1252", "utf-16"):
        try:
            raw = text.encode(codec)
        except UnicodeEncodeError:
            continue
        assert decode_bytes(raw)[0].replace("\ufeff", "") == text
