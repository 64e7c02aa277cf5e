"""Outlet and publication date read from an article's own text.

A scraped file often has nothing but a headline and a body. Newsrooms sign the first line
of the body with a dateline in one of a dozen house styles; this module reads them by shape:

    "HARIAN BERKAT – ..."            outlet in capitals            -> "Harian Berkat"
    "KalbarOke.Com – ..."            outlet as a domain            -> "KalbarOke.Com"
    "JAKARTA, KOMPAS.com - ..."      place, outlet                 -> "Kompas.com"
    "TEMPO.CO,Jakarta- ..."          outlet, place                 -> "Tempo.co"
    "KONTAN.CO.ID - JAKARTA. ..."    outlet - place.               -> "Kontan.co.id"
    "Liputan6.com, JakartaKita ..."  outlet, place glued to text   -> "Liputan6.com"
    "Jakarta (ANTARA) - ..."         place (agency)                -> "Antara"
    "JAKARTA - ..."                  place only                    -> no outlet

Outlet display names (one rule, so the same outlet is always spelled the same way):
capitals are shouting, not spelling. A domain's name part in one case becomes capitalised
("KOMPAS.com" -> "Kompas.com", "TRIBUNPONTIANAK.CO.ID" -> "Tribunpontianak.co.id",
"merdeka.com" -> "Merdeka.com", as a URL gives it) and a suffix in capitals becomes lower
case; parts written in mixed case keep the outlet's own spelling ("KalbarOke.Com"). A name
in capitals becomes title case ("HARIAN BERKAT" -> "Harian Berkat") except short acronyms
("CNN"). From a URL the outlet is the registrable domain, capitalised ("news.detik.com" ->
"Detik.com"), spelled as the dateline spells it when the dateline names the same domain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from newsdesk.ingest.lexicon import (
    BRANDS,
    MEDIA_WORDS,
    MONTHS,
    PLACES,
    TLDS,
    WEEKDAYS,
)
from newsdesk.outlets import outlet_from_url

__all__ = [
    "Dateline",
    "canonical_outlet",
    "find_date",
    "find_outlet",
    "outlet_from_url",
    "parse_dateline",
]

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u2009\u200a]+")
_DASH = r"\s*(?:-{1,2}|[–—]{1,2}|−)"
_DOMAIN = r"[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z]{2,6}){1,2}"
_CAPS_WORD = r"[A-Z][A-Z0-9&'’]+"
_CAPS = rf"{_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}}"
_TITLE_WORD = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?"
_TITLE = rf"{_TITLE_WORD}(?: {_TITLE_WORD}){{0,2}}"
_NAME = rf"(?:{_CAPS}|[A-Z][A-Za-z0-9&]*(?: [A-Z][A-Za-z0-9&]*){{0,3}})"
_PLACE = rf"(?:{_CAPS}|{_TITLE})"
_PAREN = r"\((?P<paren>[A-Z][A-Za-z0-9.&]*(?: [A-Z][A-Za-z0-9.&]*){0,2})\)"
# What may follow a dateline's dash: the lede, never a digit or a lower-case continuation.
_AFTER = r"(?=\s|[A-Z\"“‘'(]|$)"

_DATELINE = re.compile(
    "|".join(
        (
            # KONTAN.CO.ID - JAKARTA.
            rf"(?P<o_dp>{_DOMAIN}){_DASH}\s*(?P<p_dp>{_CAPS})\.\s*",
            # Bisnis.com, JAKARTA – / TEMPO.CO,Jakarta- / REPUBLIKA.CO.ID, CIREBON--
            rf"(?P<o_op>{_DOMAIN})\s*,\s*(?P<p_op>{_PLACE}){_DASH}{_AFTER}\s*",
            # Liputan6.com, JakartaKita ... (place glued to the lede)
            rf"(?P<o_og>{_DOMAIN})\s*,\s*(?P<p_og>{_TITLE})(?=[A-Z])",
            # Liputan6.com, Jakarta Kita ... (no dash at all)
            rf"(?P<o_os>{_DOMAIN})\s*,\s*(?P<p_os>{_TITLE_WORD}) (?=[A-Z])",
            # JAKARTA, KOMPAS.com - / Jakarta, CNN Indonesia -- / LONDON, June 3 (Reuters) -
            rf"(?P<p_po>{_PLACE})(?:\s*,\s*|\s+)(?P<o_po>{_DOMAIN}){_DASH}{_AFTER}\s*",
            rf"(?P<p_pa>{_PLACE})(?:\s*,\s*(?:[A-Z][a-z]+\.? \d{{1,2}}|{_PLACE}))?"
            rf"\s*{_PAREN}{_DASH}{_AFTER}\s*",
            rf"(?P<a_pn>{_NAME})\s*,\s*(?P<b_pn>{_NAME}){_DASH}{_AFTER}\s*",
            # KalbarOke.Com – / TRIBUNPONTIANAK.CO.ID -
            rf"(?P<o_o>{_DOMAIN}){_DASH}{_AFTER}\s*",
            # HARIAN BERKAT – / JAKARTA- / Jakarta -
            rf"(?P<n_caps>{_CAPS}){_DASH}{_AFTER}\s*",
            rf"(?P<n_title>{_TITLE})\s+(?:-{{1,2}}|[–—])\s+",
        )
    )
)
# "Tanjung Selor - Hartono ..." (Detik's house style): a short title-case place, a spaced dash,
# then a capitalised lede; an unknown place is accepted only in exactly this shape.
_TITLE_DATELINE = re.compile(rf"{_TITLE_WORD}(?: {_TITLE_WORD})? -{{1,2}} [A-Z]")
# "TNI-Polri ...", "RI-Rusia ...": a capitalised word hyphenated to the next is a compound,
# so a capitals dateline glued to its lede by a bare hyphen must name a known place.
_GLUED_HYPHEN = re.compile(r"[A-Z0-9&'’ ]+-(?=[A-Za-z])")
_SHARE_PREFIX = re.compile(r"^\W{0,3}(?:Bagikan|Share|Bagikan artikel ini)(?=[A-Z]|\s*$)", re.I)


@dataclass(frozen=True)
class Dateline:
    """What the opening of a body says about itself; `end` is where the lede starts."""

    outlet: str | None
    place: str | None
    end: int
    text: str


def _is_domain(name: str) -> bool:
    parts = name.split(".")
    return len(parts) > 1 and all(p.lower() in TLDS for p in parts[1:])


_LONG_MEDIA_WORDS = tuple(w for w in MEDIA_WORDS if len(w) >= 5)


def _has_media_word(name: str) -> bool:
    """A media word as a word ("RADAR BOGOR") or inside one ("BORNEOTRIBUN", "SURYAPOST")."""
    words = [w for w in re.split(r"[\s.&]+", name.lower()) if w]
    return any(w in MEDIA_WORDS or any(m in w for m in _LONG_MEDIA_WORDS) for w in words)


def _is_place(name: str) -> bool:
    return name.lower() in PLACES


def is_known_place(name: str | None) -> bool:
    """True for a place the gazetteer knows ("JAKARTA", "New York"), however it is cased."""
    return bool(name) and _is_place(name or "")


def canonical_outlet(name: str) -> str:
    """One spelling per outlet, whatever house style the dateline shouts it in."""
    name = _SPACES.sub(" ", name).strip(" ,.-–—")
    if _is_domain(name):
        head, *suffix = name.split(".")
        if head.isupper() or head.islower():
            head = head.capitalize()
        return ".".join([head, *(p.lower() if p.isupper() else p for p in suffix)])
    words = name.split()
    if not any(c.islower() for c in name):
        return " ".join(
            w if len(w) <= 3 and w.lower() not in {"pos", "kab"} else w.capitalize() for w in words
        )
    return " ".join(words)


def parse_dateline(line: str) -> Dateline | None:
    """The dateline at the start of `line` (outlet and place), or None if it has none."""
    raw_head = line[:160].lstrip()
    offset = len(line) - len(line.lstrip())
    parsed = _parse_head(raw_head)
    if parsed is None:
        return None
    outlet, place, end, same = parsed
    end = offset + end if same else _map_offset(line, offset, end)
    return Dateline(outlet=outlet, place=place, end=end, text=line[:end].strip())


@lru_cache(maxsize=4096)
def _parse_head(raw_head: str) -> tuple[str | None, str | None, int, bool] | None:
    """(outlet, place, end in the space-collapsed head, head unchanged by collapsing).

    Cached: ingest asks about the same opening three times (outlet, date, cleaning).
    """
    head = _SPACES.sub(" ", raw_head)
    m = _DATELINE.match(head)
    if m is None:
        return None
    g = m.groupdict()
    outlet: str | None = None
    place: str | None = None
    for key in ("o_dp", "o_op", "o_og", "o_os", "o_po", "o_o"):
        if g[key]:
            if not _is_domain(g[key]):
                return None
            outlet = g[key]
            break
    place = g["p_dp"] or g["p_op"] or g["p_og"] or g["p_os"] or g["p_po"] or g["p_pa"]
    if g["o_os"] and not _is_place(g["p_os"] or ""):
        return None  # "X.com, Word Word": only a known place makes it a dateline
    if g["paren"]:
        outlet = g["paren"]
    elif g["a_pn"]:
        a, b = g["a_pn"], g["b_pn"]
        if _has_media_word(b) and not _is_place(b):
            place, outlet = a, b
        elif _has_media_word(a) and not _is_place(a):
            outlet, place = a, b
        elif _is_place(a) or _is_place(b):
            place = a if _is_place(a) else b
        else:
            return None
    elif g["n_caps"] or g["n_title"]:
        name = g["n_caps"] or g["n_title"]
        if g["n_caps"] and not _is_place(name) and _GLUED_HYPHEN.match(head):
            return None
        if _has_media_word(name) and not _is_place(name):
            outlet = name
        elif g["n_title"] and not _is_place(name) and not _TITLE_DATELINE.match(head):
            return None  # "Covid - ..." is prose
        else:
            place = name
    return (canonical_outlet(outlet) if outlet else None, place, m.end(), head == raw_head)


def _map_offset(line: str, offset: int, normalised_end: int) -> int:
    """Position in `line` of the character at `normalised_end` in its space-collapsed form."""
    if _SPACES.search(line[: offset + normalised_end + 8]) is None:
        return offset + normalised_end
    i, j = offset, 0
    while j < normalised_end and i < len(line):
        if _SPACES.match(line, i):
            m = _SPACES.match(line, i)
            assert m is not None
            i = m.end()
            j += 1
        else:
            i += 1
            j += 1
    return i


def opening_dateline(body: str) -> Dateline | None:
    """The dateline of a body: on its first line, after any share button or short widget line."""
    for n, line in enumerate(body.lstrip().split("\n", 4)[:4]):
        stripped = _SHARE_PREFIX.sub("", line.strip()).strip()
        if not stripped:
            continue
        found = parse_dateline(stripped)
        if found is not None or n >= 3 or len(stripped.split()) > 4:
            return found
    return None


# The outlet naming itself: a source speaking *to* it ("kata dia kepada detikcom", "saat
# dihubungi Kontan"), its own work ("Pantauan Kompas.com", "keterangan yang diterima detikOto",
# "catatan Okezone", "dilihat detikcom"), or a widget carrying its brand ("[Gambas:Video
# 20detik]", "Ikuti Whatsapp Channel Republika"). Citing another outlet ("dilansir dari
# Kompas.com", "Artikel ini telah tayang di ...") is not a self-reference and is not read.
_BRAND = re.compile(r"(?:20)?[A-Za-z][A-Za-z0-9]*(?:\.(?:com|co\.id|co|id))?")
# What precedes a brand when the outlet names itself; matched against the text just before it.
_SELF_BEFORE = re.compile(
    r"(?:\b(?:kepada|dihubungi|[Pp]antauan|ditemui|diwawancarai|dikonfirmasi|wawancara|diterima"
    r"|dilihat|dirangkum|dihimpun|[Cc]atatan|[Aa]rsip|[Rr]edaksi|[Pp]enelusuran|[Cc]ek [Ff]akta"
    r"|told|tells|Ikuti|Saksikan Live)|\[Gambas:Video)\s+"
    r"(?:(?:eksklusif\s+)?(?:dengan|oleh|bersama)\s+|eksklusif\s+)?"
    r"(?:(?:Whats[Aa]pp\s+)?(?:Channel|Saluran)\s+)?$"
)
_BRAND_ROOTS = tuple(sorted(BRANDS, key=len, reverse=True))
_DOMAIN_TAILS = (".com", ".co.id", ".co")


def _brand_outlet(word: str) -> str | None:
    lower = word.lower()
    if _is_domain(word):
        return canonical_outlet(word)
    for root in _BRAND_ROOTS:
        if lower.startswith(root):
            if root in {"bisnis", "tempo", "kontan", "antara"} and not word[0].isupper():
                return None  # "kepada bisnis lokal": a common word, not the outlet
            return BRANDS[root]
    return None


def outlet_self_reference(body: str) -> str | None:
    """The outlet a body names as itself, by the shapes above; None when it never does.

    Brand words are rare, so they are found first with plain substring searches and only
    then is the text just before each one matched: much cheaper than scanning for the verbs.
    """
    lower = body.lower()
    starts: set[int] = set()
    for needle in (*_BRAND_ROOTS, *_DOMAIN_TAILS):
        at = lower.find(needle)
        while at != -1:
            start = at
            if needle.startswith("."):  # back to the start of "Kompas.com"
                while start and lower[start - 1].isalnum():
                    start -= 1
            if start == 0 or not lower[start - 1].isalnum():
                starts.add(start)
            at = lower.find(needle, at + len(needle))
    for start in sorted(starts):
        if not _SELF_BEFORE.search(body, max(0, start - 60), start):
            continue
        word = _BRAND.match(body, start)
        outlet = _brand_outlet(word.group(0)) if word else None
        if outlet:
            return outlet
    return None


def find_outlet(body: str, url: str | None = None) -> tuple[str | None, str | None]:
    """(outlet, source): the URL's host when there is one ("url"); else the dateline
    ("dateline"); else the body naming itself ("text", see outlet_self_reference)."""
    found = opening_dateline(body)
    if url:
        from_url = outlet_from_url(url)
        if from_url:
            if found and found.outlet and found.outlet.lower() == from_url.lower():
                return found.outlet, "url"  # same domain: keep the outlet's own spelling
            return from_url, "url"
    if found and found.outlet:
        return found.outlet, "dateline"
    named = outlet_self_reference(body)
    if named:
        return named, "text"
    return None, None


# ---------------------------------------------------------------------------------------------
# Dates

_WEEKDAY_BEFORE = re.compile(
    r"(?i)(?P<day>senin|selasa|rabu|kamis|jum[’'`ʼ]?at|sabtu|minggu|ahad|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\s*,?\s*\(?\s*$"
)
_STAMP_BEFORE = re.compile(
    r"(?im)(?:^|\|)\s*(?:tayang|diperbarui|diterbitkan|dipublikasikan|terbit|published|updated|posted|dimuat)"
    r"\b\s*:?\s*(?:pada\s+)?(?:\w+\s*,?\s*)?\(?\s*$"
)
# Dates are found from rare anchors instead of scanning every digit: a "/" for numeric dates
# ("14/10/2025", "(19/6)"), a four-digit year for spelled and ISO dates ("3 Oktober 2025",
# "June 10, 2025", "2025-06-18"); small patterns then read around each anchor.
_NUMERIC = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}|\d{2}))?(?![\d/])")
_YEAR_ANCHOR = re.compile(r"(?:19|20)\d\d(?!\d)")
_ISO_AT = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?!\d)")
_SPELLED_BEFORE = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+$")
_ENGLISH_BEFORE = re.compile(
    r"((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6})\.?\s+(\d{1,2}),?\s+$"
)
_YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20\d\d)(?!\d)")


def _make(y: str | int | None, m: int | str | None, d: str | int | None) -> date | None:
    try:
        year = int(y)  # type: ignore[arg-type]
        if year < 100:
            year += 2000
        result = date(year, int(m), int(d))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return result if 1990 <= result.year <= 2100 else None


def _weekday_before(text: str, start: int) -> str | None:
    m = _WEEKDAY_BEFORE.search(text, max(0, start - 14), start)
    return m.group("day") if m else None


def _weekday_ok(day_name: str, when: date) -> bool:
    key = re.sub(r"[^a-z]", "", day_name.lower())
    return WEEKDAYS.get(key) == when.isoweekday()


def _fits(day: str | None, year: str, month: str, dom: str) -> bool:
    when = _make(year, month, dom)
    return day is not None and when is not None and _weekday_ok(day, when)


def _year_for_weekday(day: str | None, month: str, dom: str, today: date) -> int | None:
    if day is None:
        return None
    for year in range(today.year, today.year - 12, -1):
        when = _make(year, month, dom)
        if when is not None and when <= today and _weekday_ok(day, when):
            return year
    return None


def _inside_number(text: str, start: int) -> bool:
    """True when a date-like match at `start` continues a number, a range or a fraction."""
    return bool(start) and (text[start - 1].isdigit() or text[start - 1] in "/.,-")


def _candidates(text: str, today: date) -> list[tuple[int, int, date]]:
    """(rank, position, date) for every date the text states; lower rank = stronger evidence."""
    found: list[tuple[int, int, date]] = []
    years: list[str] | None = None
    slash = text.find("/")
    while slash != -1:
        start = slash
        while start and text[start - 1] == " ":
            start -= 1
        digits = 0
        while start and digits < 2 and text[start - 1].isdigit():
            start -= 1
            digits += 1
        m = _NUMERIC.match(text, start) if digits else None
        slash = text.find("/", slash + 1)
        if m is None or _inside_number(text, start):
            continue
        dom, month, year = m.groups()
        day = _weekday_before(text, start)
        if day is None and year is None:
            continue  # "3/4" alone is a fraction, not a date
        rank = (1 if year else 2) if day else 4
        if year is None:
            # "Kamis (19/6)": a year the text mentions in which 19 June is a Thursday,
            # else the latest such year up to today (the weakest evidence of all)
            if years is None:
                years = _YEAR.findall(text)
            fitting = [y for y in years if _fits(day, y, month, dom)]
            if fitting:
                year = max(sorted(set(fitting)), key=fitting.count)
            else:
                year = _year_for_weekday(day, month, dom, today)
                rank = 5
            if year is None:
                continue
        when = _make(year, month, dom)
        if when is None:
            continue
        if day and not _weekday_ok(day, when):
            rank += 2
        found.append((rank, start, when))
    for anchor in _YEAR_ANCHOR.finditer(text):
        at = anchor.start()
        if _inside_number(text, at) and text[at - 1] != "-":
            continue
        iso = _ISO_AT.match(text, at)
        if iso and not _inside_number(text, at):
            when = _make(*iso.groups())
            if when is not None:
                found.append((3, at, when))
            continue
        spelled = _SPELLED_BEFORE.search(text, max(0, at - 20), at)
        if spelled and not _inside_number(text, spelled.start()):
            month_number = MONTHS.get(spelled.group(2).lower())
            when = _make(anchor.group(), month_number, spelled.group(1)) if month_number else None
            if when is not None:
                rank = 2 if _weekday_before(text, spelled.start()) else 3
                found.append((rank, spelled.start(), when))
            continue
        english = _ENGLISH_BEFORE.search(text, max(0, at - 20), at)
        if english:
            month_number = MONTHS.get(english.group(1).lower())
            when = _make(anchor.group(), month_number, english.group(2)) if month_number else None
            if when is not None:
                rank = 2 if _weekday_before(text, english.start()) else 3
                found.append((rank, english.start(), when))
    return found


_HEAD = 1500


def find_date(text: str, *, today: date | None = None) -> tuple[str | None, str | None]:
    """(ISO date, source): the publication date a text states, best evidence first.

    Evidence, strongest first: a publication stamp ("Tayang: Selasa, 10 Juni 2025") or a
    date inside the dateline (source "dateline"); a weekday with a numeric date, the
    Indonesian report-day convention ("Selasa (14/10/2025)"); a weekday with a spelled date
    ("Jum'at 3 Oktober 2025"); any full date. Among equals the earliest wins. "Kamis (19/6)"
    without a year takes a year the text mentions in which 19 June is a Thursday, else the
    latest such year up to `today` (the weakest evidence of all).
    """
    today = today or date.today()
    # The lede almost always carries the best evidence; read the rest only when it does not.
    found = _candidates(text[:_HEAD], today)
    if not any(rank <= 2 for rank, _, _ in found) and len(text) > _HEAD:
        found = _candidates(text, today)
    if not found:
        return None, None
    head_end = _dateline_end(text)
    best: tuple[int, int, date] | None = None
    for rank, start, when in found:
        if start < head_end or _STAMP_BEFORE.search(text, max(0, start - 40), start):
            rank = 0
        if best is None or (rank, start) < best[:2]:
            best = (rank, start, when)
    assert best is not None
    return best[2].isoformat(), "dateline" if best[0] == 0 else "text"


def _dateline_end(text: str) -> int:
    found = opening_dateline(text)
    if found is None:
        return -1
    return text.find(found.text) + len(found.text)
