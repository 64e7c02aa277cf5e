"""Text normalisation for comparing stories: language specifics come from `data/`, not code.

Everything here is pure and cheap: one pass of regular expressions per story, so a 100k-story
rebuild stays within its time budget.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import date
from functools import cache, lru_cache
from itertools import compress
from pathlib import Path

DATA = Path(__file__).with_name("data")

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Numbers with thousands separators or decimals, either convention (8.165.687, 8,165,687, 73,33).
# Look-behinds follow the first digit (as in CAPITALISED) so the engine skips to digits.
NUMBER = re.compile(
    r"\d(?<![\w.,]\d)\d{0,2}(?:[.,]\d{3})+(?:[.,]\d+)?(?![\w])"
    r"|\d(?<![\w.,]\d)\d*(?:[.,]\d+)?(?![\w])"
)
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
QUOTE = re.compile(r"[“\"]([^”\"]{20,600})[”\"]")
# A capital not preceded by a word character; the check follows the capital, not precedes it,
# so the engine can skip straight to capitals instead of testing every position.
CAPITALISED = re.compile(r"([A-Z](?<![\w][A-Z])[\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")
DATELINE = re.compile(r"^[^\n]{0,60}?\s*(?:–|—|-{1,2})\s+")
ABBREVIATION = re.compile(r"(?:^|[\s(])[A-Za-z]{1,3}\.$")  # "dr. Harisson", "Pj. Gubernur"
BULLETS = " \t•·*>-–—|"


@cache
def stopwords() -> frozenset[str]:
    words: set[str] = set()
    for path in sorted(DATA.glob("stopwords_*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                words.update(line.casefold().split())
    return frozenset(words)


@cache
def months() -> dict[str, int]:
    names: dict[str, int] = {}
    for line in (DATA / "months.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            number, *words = line.casefold().split()
            for word in words:
                names[word] = int(number)
    return names


@cache
def boilerplate_prefixes() -> tuple[str, ...]:
    lines = (DATA / "boilerplate.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().casefold() for line in lines if line.strip() and line[0] != "#")


# Every date form has a number in it: one pass finds each number with the words around it.
DATE_CANDIDATE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<d1>\d{1,2})\s*[/-]\s*(?P<m1>\d{1,2})\s*[/-]\s*(?P<y1>\d{4}|\d{2})(?![\d/])"
    r"|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})(?!\d)"
    r"|\((?P<d3>\d{1,2})/(?P<m3>\d{1,2})\)"
    r"|(?P<d4>\d{1,2})(?:st|nd|rd|th)?\s+(?P<w4>[^\W\d_]{3,9})\.?(?:,?\s+(?P<y4>\d{4}))?(?!\w)"
    r")"
    # zero-width, so "pada 3 Oktober" still finds "3 Oktober" after trying "pada 3"
    r"|(?<!\w)(?=(?P<w5>[^\W\d_]{3,9})\.?\s+(?P<d5>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,?\s+(?P<y5>\d{4}))?(?![\w/]))"
)


def normalise(text: str) -> str:
    """Unicode-compatible, case-folded, whitespace-collapsed: the form every comparison uses."""
    text = unicodedata.normalize("NFKC", text).replace("\u00a0", " ")
    return " ".join(text.casefold().split())


def clean_body(body: str) -> str:
    """Drop boilerplate lines and the dateline, so two outlets' wrappers do not decide a match."""
    prefixes = boilerplate_prefixes()
    kept: list[str] = []
    for line in unicodedata.normalize("NFKC", body).replace("\u00a0", " ").splitlines():
        stripped = line.strip(BULLETS)
        if not stripped or stripped.casefold().startswith(prefixes):
            continue
        kept.append(stripped)
    text = "\n".join(kept)
    match = DATELINE.match(text)
    if match and _looks_like_dateline(match.group(0)):
        text = text[match.end() :]
    return text


def _looks_like_dateline(prefix: str) -> bool:
    letters = [c for c in prefix if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return bool(letters) and (upper * 2 >= len(letters) or "." in prefix)


def words(text: str) -> list[str]:
    # the words of `normalise(text)`: collapsing whitespace there cannot change a word
    return WORD.findall(unicodedata.normalize("NFKC", text).casefold())


_CONTENT: dict[str, bool] = {}  # word -> whether it carries content; vocabularies repeat


def content_words(tokens: list[str]) -> list[str]:
    flags = list(map(_CONTENT.get, tokens))
    if None in flags:
        if len(_CONTENT) > 1_000_000:
            _CONTENT.clear()
        stop = stopwords()
        for i, flag in enumerate(flags):
            if flag is None:
                t = tokens[i]
                flags[i] = _CONTENT[t] = t not in stop and len(t) > 1 and not t.isdigit()
    return list(compress(tokens, flags))


def figures(text: str) -> dict[str, str]:
    """Significant numbers, canonical ("8.165.687" and "8,165,687" -> "8165687") -> as written."""
    found: dict[str, str] = {}
    for raw in NUMBER.findall(text):
        value = canonical_number(raw)
        digits = value.replace(".", "").lstrip("0")
        if len(digits) < 3 and "." not in value:
            continue  # small counts (2 people, 15 minutes) are everywhere
        if len(value) == 4 and value.isdigit() and 1900 <= int(value) <= 2100:
            continue  # years belong to dates, not figures
        found.setdefault(value, raw)
    return found


def canonical_number(raw: str) -> str:
    if "." not in raw and "," not in raw:
        return raw
    groups = re.split(r"[.,]", raw)
    if len(groups) == 1:
        return raw
    separators = set(re.findall(r"[.,]", raw))
    # A separator followed by exactly three digits groups thousands; anything else is a decimal.
    if len(separators) == 1 and all(len(g) == 3 for g in groups[1:]):
        return "".join(groups)
    whole, fraction = "".join(groups[:-1]), groups[-1].rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


@cache
def stopwords_by_language() -> dict[str, frozenset[str]]:
    found: dict[str, frozenset[str]] = {}
    for path in sorted(DATA.glob("stopwords_*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        words = {w for line in lines if not line.startswith("#") for w in line.casefold().split()}
        found[path.stem.removeprefix("stopwords_")] = frozenset(words)
    return found


@cache
def date_orders() -> dict[str, str]:
    lines = (DATA / "date_order.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split()[:2] for line in lines if line.strip() and not line.startswith("#"))


NUMERIC_DATE = re.compile(
    r"(?<![\w/.-])(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(?:\d{4}|\d{2})(?![\d/])"
)


def month_first(text: str, tokens: list[str]) -> bool:
    """Whether all-number dates in this text put the month first (US 5/3/2013 is 3 May).

    The text decides when one of its dates cannot be read the other way; otherwise the
    language its function words belong to, looked up in `data/date_order.txt`.
    """
    if "/" not in text and "-" not in text:
        return False
    ambiguous = False
    for first, second in NUMERIC_DATE.findall(text):
        if int(first) > 12 >= int(second):
            return False
        if int(second) > 12 >= int(first):
            return True
        ambiguous = True
    if not ambiguous:
        return False
    counts = {
        lang: sum(1 for t in tokens if t in words)
        for lang, words in stopwords_by_language().items()
    }
    language = max(counts, key=lambda lang: (counts[lang], lang))
    return date_orders().get(language) == "mdy"


def dates(text: str, default_year: int | None = None, month_first: bool = False) -> list[date]:
    """Calendar dates in order of appearance: 3/10/2025, 2025-10-03, (3/10), 3 Oktober 2025,
    October 3, 2025. A date without a year takes `default_year` (or is skipped); all-number
    dates are read day first unless `month_first`."""
    names = months()
    seen: list[date] = []
    for match in _date_matches(text):
        g = match.groupdict()
        if g["d1"]:
            d, m, y = int(g["d1"]), int(g["m1"]), int(g["y1"])
            if month_first:
                d, m = m, d
        elif g["y2"]:
            d, m, y = int(g["d2"]), int(g["m2"]), int(g["y2"])
        elif g["d3"]:
            d, m, y = int(g["d3"]), int(g["m3"]), None
            if month_first:
                d, m = m, d
        elif g["d4"]:
            month = names.get(g["w4"].casefold())
            if month is None:
                continue
            d, m, y = int(g["d4"]), month, int(g["y4"]) if g["y4"] else None
        else:
            month = names.get(g["w5"].casefold())
            if month is None:
                continue
            d, m, y = int(g["d5"]), month, int(g["y5"]) if g["y5"] else None
        if y is None:
            y = default_year
            if y is None:
                continue
        elif y < 100:
            y += 2000
        with contextlib.suppress(ValueError):
            value = date(y, m, d)
            if value not in seen:
                seen.append(value)
    return seen


DIGITS = re.compile(r"\d+")


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches `DATE_CANDIDATE.finditer` yields, trying only where one can start.

    Every date form needs a digit, so a match starts at a run of digits, at "(" before one, or
    at a 3-9 letter month word separated from one by an optional "." and whitespace. Trying
    `match` at those few places, in order and past each match's end, gives the same matches
    as scanning every position of the text, at a fraction of the cost.
    """
    starts: list[int] = []
    for run in DIGITS.finditer(text):
        d = run.start()
        j = d
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j < d:
            if j > 0 and text[j - 1] == ".":
                j -= 1
            k = j
            while k > 0 and j - k < 10:
                c = text[k - 1]  # what `[^\W\d_]` matches: a letter, not a digit nor "_"
                if not c.isalnum() or c.isdecimal():
                    break
                k -= 1
            if 3 <= j - k <= 9:
                starts.append(k)
        if d > 0 and text[d - 1] == "(":
            starts.append(d - 1)
        starts.append(d)
    pos = 0
    for start in starts:
        if start < pos:
            continue
        match = DATE_CANDIDATE.match(text, start)
        if match is not None:
            yield match
            pos = match.end() if match.end() > start else start + 1


YEAR = re.compile(r"(1(?<![\w.,/-]1)9[5-9]\d|2(?<![\w.,/-]2)0[0-4]\d)(?![\w.,/-]\d)")


def years(text: str) -> list[int]:
    return [int(y) for y in YEAR.findall(text)]


def _year(raw: str | None) -> int | None:
    return int(raw) if raw else None


def parse_published(value: str | None) -> date | None:
    """Publication day from ISO or the free text feeds carry ("May 3rd, 2013 2: 00pm EDT")."""
    if not value:
        return None
    match = ISO_DATE.search(value)
    if match:
        try:
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            return None
    found = dates(value)
    return found[0] if found else None


def quotes(text: str) -> list[tuple[str, ...]]:
    """Quoted speech, as content-word tuples: quotes survive rewrites that change every sentence."""
    out: list[tuple[str, ...]] = []
    for raw in QUOTE.findall(text):
        tokens = tuple(content_words(words(raw)))
        if len(tokens) >= 4:
            out.append(tokens)
    return out


def names_and_keys(
    title: str, body: str, key_words: int, counts: Mapping[str, int] | None = None
) -> tuple[dict[str, str], set[str]]:
    """Names in the story, and the key ones: in the headline or the first `key_words` words.

    Headlines in Title Case capitalise every word, so there a word counts as a name only
    when the body capitalises it too. With `counts` (the body's case-folded word counts), a
    word the body also writes in lower case is a common word capitalised by its place
    ("Harga", "Bank", "Gunung"), not a name.
    """
    cut = re.match(rf"(?:\S+\s+){{0,{key_words}}}", body)
    split = cut.end() if cut else 0
    capitals: Counter[str] = Counter()
    head = names(body[:split], capitals)
    found = dict(head)
    for key, token in names(body[split:], capitals).items():
        found.setdefault(key, token)
    if counts is not None:
        common = {k for k in found if counts.get(k, 0) > capitals[k]}
        if common:
            found = {k: v for k, v in found.items() if k not in common}
            head = {k: v for k, v in head.items() if k not in common}
    title_words = [w for w in WORD.findall(title) if w[:1].isalpha()]
    capitalised = sum(w[:1].isupper() for w in title_words)
    if title_words and capitalised * 10 >= len(title_words) * 6:
        in_title = {w.casefold() for w in title_words} & found.keys()
    else:
        title_names = names(title)
        if counts is not None:
            title_names = {k: v for k, v in title_names.items() if counts.get(k, 0) <= capitals[k]}
        in_title = set(title_names)
        for key, token in title_names.items():
            found.setdefault(key, token)
    return found, set(head) | in_title


# Words glued where a link was stripped ("selebritasAl", "JakartaPT"): a lower-case run then
# a capital. Brand spellings with a short run (YouTube, TikTok, McDonald) stay names.
GLUED = re.compile(r"[^\W\d_A-Z]{3}[A-Z]")


def names(text: str, capitals: Counter[str] | None = None) -> dict[str, str]:
    """Capitalised words that are not function words or titles: people, places, bodies.

    Language-agnostic: a lone capitalised word opening a sentence is skipped unless it is an
    acronym (a phrase opening one keeps its first word: "Lindsay Lohan has..."; function
    words such as "Menurut" are never names); words glued together where a link was
    stripped are not names. Maps the case-folded word to its first spelling, for
    readable reasons. `capitals`, if given, counts every capitalised word seen.
    """
    found: dict[str, str] = {}
    text = unicodedata.normalize("NFKC", text)
    seen: list[str] = []
    for match in CAPITALISED.finditer(text):
        phrase = match.group(1)
        lone, kept = _phrase_names(phrase)
        if capitals is not None:
            seen.extend(_phrase_keys(phrase))
        if not kept:
            continue
        if lone:
            start = match.start()
            before = text[max(0, start - 8) : start].rstrip(" \t\"“‘'(")
            if (
                not before
                or before[-1] in "!?:\n"
                or (before[-1] == "." and not ABBREVIATION.search(before))
            ):
                continue  # a lone capitalised word opening a sentence
        for key, token in kept:
            found.setdefault(key, token)
    if capitals is not None:
        capitals.update(seen)
    return found


@cache
def _not_names() -> frozenset[str]:
    return stopwords() | honorifics() | months().keys()


@lru_cache(maxsize=200_000)
def _phrase_names(phrase: str) -> tuple[bool, tuple[tuple[str, str], ...]]:
    """Whether a phrase is one non-acronym word, and its name words (case-folded, as written).

    Names recur across stories, so each capitalised phrase is split and filtered once.
    """
    tokens = WORD.findall(phrase)
    lone = len(tokens) == 1 and not tokens[0].isupper()
    skip = _not_names()
    kept = []
    for token in tokens:
        key = token.casefold()
        if key in skip or len(key) < 2 or key.isdigit() or GLUED.search(token):
            continue
        if not key.isalpha() and any(c.isdigit() for c in key) and not token.isupper():
            continue  # an amount glued to its unit ("Rp14"), not a code like LQ45 or G20
        kept.append((key, token))
    return lone, tuple(kept)


@lru_cache(maxsize=200_000)
def _phrase_keys(phrase: str) -> tuple[str, ...]:
    """Every word of a capitalised phrase, case-folded: how often the story capitalises it."""
    return tuple(token.casefold() for token in WORD.findall(phrase))


@cache
def common_names() -> frozenset[str]:
    lines = (DATA / "common_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


@cache
def honorifics() -> frozenset[str]:
    lines = (DATA / "honorifics.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(
        w for line in lines if not line.startswith("#") for w in line.casefold().split()
    )
