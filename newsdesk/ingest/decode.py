"""Bytes from a scraped file to text, whatever encoding the scraper happened to write.

Order of trust: a byte-order mark; strict UTF-8; then a legacy single-byte code page. For
the legacy case charset-normalizer is asked, but on short Indonesian or English text it
happily answers cp1250 or cp775 for what is plainly Windows-1252; so any Latin-alphabet
single-byte guess is read as cp1252 (or latin-1 when cp1252 cannot decode the bytes), and
only a guess of another script or a multi-byte encoding is taken as given.

Mojibake (UTF-8 read as cp1252 and saved again: "Jumâ€™at") is repaired only when the
whole text round-trips back to valid UTF-8 and the repair removes every marker, so text that
really contains "Ã" is left alone.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["DecodeError", "decode_bytes", "repair_mojibake"]


class DecodeError(ValueError):
    """The bytes are not text; the message is one plain reason."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
)
# Latin-alphabet single-byte code pages charset-normalizer confuses with cp1252 on short text.
_LATIN_GUESSES = frozenset(
    {
        "cp1252", "windows-1252", "latin_1", "iso8859_1", "iso-8859-1", "cp1250", "cp1254",
        "cp1257", "cp775", "cp850", "cp437", "cp852", "cp858", "iso8859_2", "iso8859_9",
        "iso8859_15", "iso8859_13", "iso8859_4", "iso8859_10", "iso8859_14", "iso8859_16",
        "mac_roman", "mac_latin2", "mac_iceland", "mac_turkish", "hp_roman8", "cp1125",
        "cp860", "cp861", "cp863", "cp865", "ascii",
    }
)  # fmt: skip
_MOJIBAKE = re.compile(
    "[ÃÂâÅÄ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """(text, encoding name) for the bytes of one file; DecodeError when they are not text."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(name), name.replace("-le", "").replace("-be", "")
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {name} after its byte-order mark") from exc
    for magic, what in _SIGNATURES:
        if raw.startswith(magic):
            raise DecodeError(f"binary file ({what})")
    if b"\x00" in raw:
        utf16 = _bomless_utf16(raw)
        if utf16 is not None:
            return utf16
        raise DecodeError("binary file (NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _legacy(raw)
    why = _looks_binary(text)
    if why:
        raise DecodeError(f"binary file ({why})")
    repaired = repair_mojibake(text)
    if repaired != text:
        return repaired, "utf-8 (mojibake repaired)"
    return text, "utf-8"


def _bomless_utf16(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: every other byte NUL (ASCII-range text), else None."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2], raw[1::2]
    for zeros, name in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                text = raw.decode(name)
            except UnicodeDecodeError:
                return None
            if "\x00" not in text:
                return text, "utf-16"
    return None


def _legacy(raw: bytes) -> tuple[str, str]:
    guess = _charset_guess(raw)
    if guess and guess.lower() not in _LATIN_GUESSES:
        try:
            text = raw.decode(guess)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            why = _looks_binary(text)
            if why:
                raise DecodeError(f"binary file ({why})")
            return text, guess
    try:
        text = raw.decode("cp1252")
        name = "cp1252"
    except UnicodeDecodeError:
        text, name = raw.decode("latin-1"), "latin-1"
    if name == "cp1252" and not any(0x80 <= b <= 0x9F for b in raw):
        name = "latin-1"  # identical decoding; name the plainer standard
    why = _looks_binary(text, legacy=True)
    if why:
        raise DecodeError(f"binary file ({why})")
    return text, name


def _charset_guess(raw: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(raw[:65536]).best()
    return best.encoding if best is not None else None


_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_SPACE = re.compile(r"\s")
# Scripts written without spaces between words: their text is judged by its letters alone.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u9fff\uac00-\ud7af"
    "\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]"
)
# Between two spaces, prose in any spaced script has a word (and its punctuation): ~6
# characters, a URL or a German compound a few dozen. Random bytes read as a code page have
# a space-like character every ~40 (1 in 256 bytes is a space; tab, NEL, NBSP a few more).
MAX_MEAN_RUN = 25
SAMPLE_CHARS = 16_384


def _looks_binary(text: str, legacy: bool = False) -> str | None:
    """Why bytes that decode are still not prose (None when they are).

    Judged on the first 16 KiB: more than 1% C0 controls (beyond tab, newline, form feed;
    C1 ones occur in real, badly converted articles); or, over 512 characters of spaced script,
    fewer than one space per 25 characters; or, read with a Latin code page (`legacy`), more
    than 40% of the non-space characters outside ASCII (Indonesian, English, French, German
    are under 10%; random bytes over 50%).
    """
    sample = text[:SAMPLE_CHARS]
    head = sample[:4096]
    if len(_CONTROLS.findall(head)) > max(8, len(head) // 100):
        return "control bytes"
    spaces = len(_SPACE.findall(sample))
    spaced = len(sample) - spaces - len(_UNSPACED.findall(sample))
    if spaced >= 512 and spaced > MAX_MEAN_RUN * max(1, spaces):
        return f"no words: one space in {spaced // max(1, spaces):,} characters"
    if legacy and spaced >= 512:
        ascii_chars = sum(1 for c in sample if c < "\x80" and not c.isspace())
        if (spaced - ascii_chars) > 0.4 * spaced:
            return "mostly symbols and accented letters in every code page tried"
    return None


def repair_mojibake(text: str) -> str:
    """Text with UTF-8-read-as-cp1252 undone, when the whole text says that is what happened."""
    for _ in range(2):  # doubly encoded text is common enough to undo twice
        if not _MOJIBAKE.search(text):
            return text
        try:
            candidate = _to_cp1252_bytes(text).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text
        if _MOJIBAKE.search(candidate) and len(candidate) == len(text):
            return text
        text = candidate
    return text


def _to_cp1252_bytes(text: str) -> bytes:
    """cp1252 bytes, with the five bytes cp1252 leaves undefined passed through as latin-1."""
    out = bytearray()
    for chunk in re.split("([\x81\x8d\x8f\x90\x9d])", text):
        if len(chunk) == 1 and chunk in "\x81\x8d\x8f\x90\x9d":
            out.append(ord(chunk))
        else:
            out += chunk.encode("cp1252")
    return bytes(out)
