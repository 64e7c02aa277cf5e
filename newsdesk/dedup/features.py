"""What one story contributes to any comparison, computed once and reused for every pair."""

from __future__ import annotations

import base64
import contextlib
import json
import math
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import compress, repeat
from operator import is_, mul
from typing import Any, Protocol

from newsdesk.dedup import text as tx

MIN_STORIES = 200
COMMON_IDF = 0.3
LEDE_WORDS = 60
STORED = (0, -1)  # stamp of a norm read back from the store
KEY_WORDS = 40
DATE_WORDS = 40  # an event date is told in the opening; later dates are background
RARE_SHARE = 0.6  # a word is rare when its idf exceeds this share of the largest possible


class Story(Protocol):
    title: Any
    body: Any
    published: Any


EntityFinder = Callable[[str], "set[str]"]


@dataclass
class Features:
    title: str  # normalised, "" when missing
    title_words: list[str]
    lede: str  # normalised content words of the first sentences
    weights: Counter[str]  # content word -> count over title + body
    shingles: array[int]  # sorted, distinct 32-bit hashes: compact for 100k stories in memory
    figures: dict[str, str]  # canonical -> as written
    dates: list[date]
    quotes: list[tuple[str, ...]]
    names: dict[str, str]  # case-folded -> as written
    day: date | None
    key_names: set[str]  # names in the headline and opening: who and where the story is about
    year: int | None  # publication year, else the latest year the text mentions
    outlet: str | None = None
    dated_lede: bool = True  # a date within the opening words: the day the story is about
    entities: set[str] = field(default_factory=set)
    # The headline was made from the opening sentence (the source had none): it says nothing
    # the body does not, so comparing headlines would count the opening twice.
    title_derived: bool = False
    # no publication date: `day` is the ingestion day, good for the candidate window only,
    # never evidence of when the story happened
    dated_by_ingest: bool = False
    _norm: tuple[tuple[int, int], float] | None = field(default=None, repr=False, compare=False)
    _vector: tuple[tuple[int, int], dict[str, float]] | None = field(
        default=None, repr=False, compare=False
    )
    _weighted: tuple[tuple[int, int, int], Weighted] | None = field(
        default=None, repr=False, compare=False
    )

    def weighted(self, rarity: Rarity) -> Weighted:
        """The idf-weighted views the judge compares, cached while the frequencies stand still:
        a story met in several candidate pairs pays for its idf look-ups once."""
        stamp = rarity.stamp()
        if self._weighted is None or self._weighted[0] != stamp:
            self._weighted = (stamp, Weighted.of(self, rarity))
        return self._weighted[1]

    def norm(self, rarity: Rarity) -> float:
        """Length of the sublinear tf-idf vector; cached while the frequencies stand still.

        A story read back from the store brings the norm computed when it was indexed: word
        frequencies of a large store drift too slowly to be worth recomputing per comparison.
        """
        stamp = (id(rarity), rarity.n)
        if self._norm is None or (self._norm[0] != stamp and self._norm[0] != STORED):
            self.vector(rarity)
        assert self._norm is not None
        return self._norm[1]

    def vector(self, rarity: Rarity) -> dict[str, float]:
        """Sublinear tf-idf weights, cached while the frequencies stand still."""
        stamp = (id(rarity), rarity.n)
        if self._vector is None or self._vector[0] != stamp:
            words = list(self.weights)
            counts = sublinear(self.weights.values())
            weights = dict(zip(words, map(mul, counts, rarity.idfs(words))))
            self._vector = (stamp, weights)
            if self._norm is None or self._norm[0] != STORED:
                values = weights.values()
                self._norm = (stamp, math.sqrt(sum(map(mul, values, values))))
        return self._vector[1]

    def cached_vector(self, rarity: Rarity) -> dict[str, float] | None:
        if self._vector is not None and self._vector[0] == (id(rarity), rarity.n):
            return self._vector[1]
        return None

    @property
    def lede_date(self) -> date | None:
        """The date the opening names; a date first met further down is background."""
        return self.dates[0] if self.dates and self.dated_lede else None

    @property
    def ahead(self) -> bool | None:
        """Published before the day it is about (a preview), or None when either is unknown."""
        if self.day is None or self.dated_by_ingest or self.lede_date is None:
            return None
        return self.lede_date > self.day


@dataclass(frozen=True)
class Weighted:
    """One story's idf-weighted vectors; squared norms are kept so cosines match exactly."""

    names: dict[str, float]  # name -> idf
    names_sq: float
    names_total: float
    mentions: dict[str, float]  # name -> sublinear mentions x idf: who the story is mostly about
    mentions_sq: float
    lede: dict[str, float]  # opening content words -> sublinear tf x idf
    lede_sq: float
    key: dict[str, float]  # headline/opening name -> idf
    key_sq: float
    rare: frozenset[str]  # content words rarer than RARE_SHARE of the largest idf

    @classmethod
    def of(cls, f: Features, rarity: Rarity) -> Weighted:
        idf, log = rarity.idf, math.log
        names = {n: idf(n) for n in f.names}
        counts = f.weights
        mentions = {n: (1 + log(counts.get(n, 1) or 1)) * w for n, w in names.items()}
        lede = {t: (1 + log(c)) * idf(t) for t, c in Counter(f.lede.split()).items()}
        key = {n: idf(n) for n in f.key_names}
        top = RARE_SHARE * rarity.top_idf()
        words = list(counts)
        rare = frozenset(compress(words, map(top.__lt__, rarity.idfs(words))))
        return cls(
            names=names,
            names_sq=sum(w * w for w in names.values()),
            names_total=sum(names.values()),
            mentions=mentions,
            mentions_sq=sum(w * w for w in mentions.values()),
            lede=lede,
            lede_sq=sum(w * w for w in lede.values()),
            key=key,
            key_sq=sum(w**2 for w in key.values()),
            rare=rare,
        )


def extract(
    story: Story,
    shingle_size: int = 4,
    entities: EntityFinder | None = None,
) -> Features:
    title = story.title or ""
    body = tx.clean_body(story.body or "")
    day = tx.parse_published(story.published) if isinstance(story.published, str) else None
    dated_by_ingest = bool(getattr(story, "dated_by_ingest", False))
    year = day.year if day and not dated_by_ingest else None
    body_words = tx.words(body)
    title_words = tx.words(title)
    content = tx.content_words(body_words)
    body_counts = Counter(content)
    weights = Counter(body_counts)
    weights.update(tx.content_words(title_words))
    names, key_names = tx.names_and_keys(title, body, KEY_WORDS, body_counts)
    month_first = tx.month_first(body, body_words)
    found_dates = tx.dates(body, year, month_first)
    opening = re.match(rf"(?:\S+\s+){{0,{DATE_WORDS}}}", body)
    dated_lede = bool(found_dates) and bool(
        tx.dates(opening.group(0) if opening else "", year, month_first)
    )
    years = [d.year for d in found_dates] + tx.years(body)
    title_derived = _derived_title(story, title_words, body_words)
    found_entities: set[str] = set()
    if entities is not None:
        found_entities = set(entities(f"{title}\n\n{body}"))
    return Features(
        title=" ".join(title_words),
        title_words=title_words,
        lede=" ".join(content[:LEDE_WORDS]),
        weights=weights,
        shingles=array("I", sorted(shingle_hashes(body_words, shingle_size))),
        figures=tx.figures(f"{title}\n{body}"),
        dates=found_dates,
        quotes=tx.quotes(body),
        names=names,
        day=day,
        key_names=key_names,
        year=year or (max(years) if years else None),
        outlet=getattr(story, "outlet", None),
        dated_lede=dated_lede,
        entities=found_entities,
        title_derived=title_derived,
        dated_by_ingest=dated_by_ingest,
    )


DERIVED_SLACK = 12  # words a derived headline may skip: "(Sekda)", ", pada Selasa (14/10)"


def _derived_title(story: Story, title_words: list[str], body_words: list[str]) -> bool:
    """Whether the headline was made by ingest from the opening sentence.

    Ingest records it (`provenance["title"] == "derived"`) when the story carries its
    provenance; a story read back without it still shows it: every headline word, in order,
    among the first words of the body (a derived headline only drops parentheses and
    when-phrases). Written headlines are not word-for-word prefixes of their lede.
    """
    provenance = getattr(story, "provenance", None)
    if isinstance(provenance, str):
        with contextlib.suppress(ValueError):
            provenance = json.loads(provenance)
    if isinstance(provenance, dict) and "title" in provenance:
        return provenance["title"] == "derived"
    if len(title_words) < 3:
        return False
    window = iter(body_words[: len(title_words) + DERIVED_SLACK])
    return all(word in window for word in title_words)  # a subsequence, in order


MASK = 0xFFFFFFFF
_SUBLINEAR = [0.0, 1.0]  # count -> 1 + log(count), grown on demand


def sublinear(counts: Iterable[int]) -> list[float]:
    """1 + log(count) for term counts, from a table: the same floats, without a call each."""
    counts = list(counts)
    top = max(counts, default=0)
    if top >= len(_SUBLINEAR):
        _SUBLINEAR.extend(1 + math.log(c) for c in range(len(_SUBLINEAR), top + 1))
    return list(map(_SUBLINEAR.__getitem__, counts))


@lru_cache(maxsize=500_000)
def _word_id(word: str) -> int:
    return zlib.crc32(word.encode())


def shingle_hashes(tokens: list[str], size: int) -> set[int]:
    """32-bit hashes of word n-grams, the same in every process so they can be stored.

    Words become crc32 values and an n-gram is hashed as a tuple of ints: CPython hashes int
    tuples deterministically (no per-process salt); after a Python upgrade run `dedup --rebuild`.
    """
    ids = list(map(_word_id, tokens))
    if len(ids) < size:
        return {hash(tuple(ids)) & MASK} if ids else set()
    # map over C callables: the same values as `{hash(t) & MASK for t in ...}`, without a
    # Python-level loop over a story's few thousand n-grams
    return set(map(MASK.__and__, map(hash, zip(*(ids[j:] for j in range(size))))))


def sketch(shingles: array[int], k: int) -> list[int]:
    """Bottom-k MinHash: the k smallest hashes; near-copies share most, even inside longer text."""
    return list(shingles[:k])


def encode(f: Features, rarity: Rarity) -> bytes:
    """Compact, storable form: verifying a candidate then costs a read, not a re-extraction."""
    data = {
        "t": f.title,
        "l": f.lede,
        "w": f.weights,
        "s": base64.b64encode(f.shingles.tobytes()).decode(),
        "f": f.figures,
        "d": [d.toordinal() for d in f.dates],
        "q": f.quotes,
        "n": f.names,
        "k": sorted(f.key_names),
        "y": f.year,
        "day": f.day.toordinal() if f.day else None,
        "o": f.outlet,
        "dl": f.dated_lede,
        "e": sorted(f.entities),
        # a norm from too few stories (every idf 1.0) would clip later cosines at 100%:
        # such a story's norm is computed afresh whenever it is compared
        "nm": f.norm(rarity) if rarity.n >= MIN_STORIES else None,
        "td": f.title_derived,
        "di": f.dated_by_ingest,
    }
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def decode(blob: bytes) -> Features:
    data = json.loads(zlib.decompress(blob))
    shingles = array("I")
    shingles.frombytes(base64.b64decode(data["s"]))
    f = Features(
        title=data["t"],
        title_words=data["t"].split(),
        lede=data["l"],
        weights=Counter(data["w"]),
        shingles=shingles,
        figures=data["f"],
        dates=[date.fromordinal(d) for d in data["d"]],
        quotes=[tuple(q) for q in data["q"]],
        names=data["n"],
        day=date.fromordinal(data["day"]) if data["day"] else None,
        key_names=set(data["k"]),
        year=data["y"],
        outlet=data["o"],
        dated_lede=data.get("dl", True),
        entities=set(data["e"]),
        # stored before headlines were told apart: as if written (`dedup --rebuild` re-reads)
        title_derived=data.get("td", False),
        dated_by_ingest=data.get("di", False),
    )
    if data["nm"] is not None:
        f._norm = (STORED, data["nm"])
    return f


class Rarity:
    """Document frequencies, so a shared rare word counts for more than a shared common one."""

    def __init__(self, df: Mapping[str, int] | None = None, n: int = 0) -> None:
        self.df: Mapping[str, int] = df if df is not None else Counter()
        self.n = n
        self._memo: dict[str, float] = {}
        self._memo_n = n
        self._generation = 0

    def idf(self, token: str) -> float:
        if self._memo_n != self.n:
            self.forget()
        value = self._memo.get(token)
        if value is None:
            value = self._memo[token] = self._idf(token)
        return value

    def stamp(self) -> tuple[int, int, int]:
        """Identifies the frequencies idf values come from: cached vectors check it."""
        if self._memo_n != self.n:
            self.forget()
        return (id(self), self.n, self._generation)

    def idfs(self, tokens: list[str]) -> list[float]:
        """idf of many words at once: memo look-ups run in C, misses are filled in."""
        if self._memo_n != self.n:
            self.forget()
        memo = self._memo
        values = list(map(memo.get, tokens))
        if None in values:
            missing = list(compress(tokens, map(is_, values, repeat(None))))
            memo.update(zip(missing, map(self._idf, missing)))
            values = list(map(memo.__getitem__, tokens))
        return values  # type: ignore[return-value]

    def top_idf(self) -> float:
        """The idf of a word no story has: the scale that "rare" is measured against."""
        if self.n < MIN_STORIES:
            return 1.0
        return math.log(self.n + 1) + 1.0

    def forget(self) -> None:
        """Frequencies changed: drop memoised values."""
        self._memo.clear()
        self._memo_n = self.n
        self._generation += 1

    def _idf(self, token: str) -> float:
        if self.n < MIN_STORIES:
            # Too few stories to know what is rare: fall back on the shipped list of names
            # every Indonesian outlet prints daily (Jakarta, Jawa, BI, ...).
            return COMMON_IDF if token in tx.common_names() else 1.0
        return math.log((self.n + 1) / (self.df.get(token, 0) + 1)) + 1.0

    def add(self, features: Features) -> None:
        if isinstance(self.df, Counter):
            self.df.update(features.weights.keys())
        self.n += 1
