"""Is this pair one story, two related stories, or unrelated? With reasons an editor can check.

Titles alone give false positives (templates), so the verdict weighs what carries meaning:
shared passages, rare words, names, figures, dates and quotes, against conflicting dates,
names and publication times.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from operator import mul

from rapidfuzz import fuzz

from newsdesk.dedup.config import DedupConfig
from newsdesk.dedup.features import (
    RARE_SHARE,
    EntityFinder,
    Features,
    Rarity,
    Story,
    Weighted,
    extract,
)
from newsdesk.outlets import outlet_family

KINDS = ("duplicate", "related", "none")

# A logistic model for "same story" over `model_inputs`, fitted on stored stories (ingested
# as a user would) of both dev sets, each weighted equally: ECB+ (English, independent
# write-ups vs same-topic other events: pairs a desk can meet) and labelled Indonesian
# pairs. The score is 100 * P(duplicate); 50 is the cut. Held-out figures and these
# numbers come from
#     python bench/dedup_fit.py
# (shared names, headline/opening name overlap and quotes were tried: no held-out gain.)
WEIGHTS: dict[str, float] = {
    "body": 0.99,
    "containment": 0.63,
    "title": 0.43,
    "lede_cosine": 0.92,
    "name_weight_cosine": 2.80,
    "rare_shared": 1.45,
    "figures": 0.51,
    "key_name_conflict": -1.33,
    "figure_conflict": -0.74,
}
INTERCEPT = -2.18
NEAR_VERBATIM = 0.5
SOME_PASSAGES = 0.15
THIN_BODY = 0.08  # body likeness under which no pair is one story (unless passages are shared)
TITLE_BASELINE = 0.45  # token_set_ratio of unrelated headlines: a headline alike adds above it
DISTINCTIVE_DIGITS = 5
SHARED_DIGITS = 3
IDENTIFYING_DIGITS = 4  # a figure this long, or with decimals, pins one event down


@dataclass(frozen=True)
class Verdict:
    kind: str
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class Signals:
    containment: float = 0.0
    body: float = 0.0
    names: float = 0.0
    figures: float = 0.0
    quotes: float = 0.0
    lede: float = 0.0
    title: float = 0.0
    titles_compared: bool = False  # both headlines written, not missing nor derived
    shared_names: list[str] = field(default_factory=list)
    shared_figures: list[str] = field(default_factory=list)
    shared_quotes: int = 0
    shared_dates: list[date] = field(default_factory=list)
    date_conflict: tuple[date, date] | None = None
    gap_days: int | None = None
    template: tuple[list[str], list[str]] | None = None
    shared_entities: list[str] = field(default_factory=list)
    conflicting_entities: tuple[list[str], list[str]] | None = None
    figure_conflict: bool = False
    # Both tell identifying figures (amounts, totals, measurements) and share none: two events.
    # Plain counts alone (380 vs 600) differ between write-ups of one event: evidence, no cap.
    identifying_figure_conflict: bool = False
    key_names: float = 0.0
    rare_key_names: list[str] = field(default_factory=list)  # shared, not everyday names
    preview: tuple[date, int] | None = None  # (event day, which side is the preview: 0 or 1)
    year_conflict: tuple[int, int] | None = None
    same_outlet: str | None = None  # an outlet does not print one story twice: a follow-up
    name_cosine: float = 0.0  # idf-weighted cosine over the sets of names
    name_weight_cosine: float = 0.0  # the same, weighted by mentions: who the story is mostly about
    lede_cosine: float = 0.0  # idf-weighted cosine over the opening words
    rare_shared: int = 0  # shared words rarer than RARE_SHARE of the largest idf
    key_name_conflict: float = 0.0  # rarity of headline/opening names the other story lacks


def judge(
    a: Story,
    b: Story,
    config: DedupConfig | None = None,
    entities: EntityFinder | None = None,
    rarity: Rarity | None = None,
) -> Verdict:
    """Judge two stories (anything with title, body, published, optionally outlet)."""
    config = config or DedupConfig()
    fa = extract(a, config.shingle_size, entities)
    fb = extract(b, config.shingle_size, entities)
    return judge_features(fa, fb, config, rarity)


def judge_features(
    fa: Features, fb: Features, config: DedupConfig, rarity: Rarity | None = None
) -> Verdict:
    s = signals(fa, fb, config, rarity or Rarity())
    return decide(s, config)


def signals(fa: Features, fb: Features, config: DedupConfig, rarity: Rarity) -> Signals:
    s = Signals()
    small = min(len(fa.shingles), len(fb.shingles))
    if small >= 5:
        shorter, longer = sorted((fa.shingles, fb.shingles), key=len)
        s.containment = len(set(shorter).intersection(longer)) / small
    s.body = _cosine(fa, fb, rarity)
    wa, wb = fa.weighted(rarity), fb.weighted(rarity)
    s.names, s.shared_names = _name_overlap(fa, fb, wa, wb)
    s.key_names = _key_name_overlap(fa, fb, wa, wb)
    s.name_cosine = _dict_cosine(wa.names, wb.names, wa.names_sq, wb.names_sq)
    s.name_weight_cosine = _dict_cosine(wa.mentions, wb.mentions, wa.mentions_sq, wb.mentions_sq)
    s.lede_cosine = _dict_cosine(wa.lede, wb.lede, wa.lede_sq, wb.lede_sq)
    s.rare_shared = len(wa.rare & wb.rare)
    top = rarity.top_idf()
    s.key_name_conflict = min(_unmatched(fa, fb, wa), _unmatched(fb, fa, wb)) / top
    # who both stories are about and few others are: rare against the store (or, in a store
    # too small to know, not an everyday name)
    rare = max(1.0, RARE_SHARE * top)
    s.rare_key_names = sorted(n for n in fa.key_names & fb.key_names if wa.key[n] >= rare)
    if fa.year and fb.year and fa.year != fb.year:
        s.year_conflict = (fa.year, fb.year)
    shared_figures = fa.figures.keys() & fb.figures.keys()
    # Only figures that pin one event down count as shared: two stories both quoting 1000
    # and 5000 say nothing. Longest first, ties by value: the same reason in every run.
    identifying = [f for f in shared_figures if _identifying_one(f)]
    s.shared_figures = sorted((fa.figures[f] for f in identifying), key=lambda v: (-len(v), v))
    s.figures = min(len(identifying), 3) / 3
    s.figure_conflict = not shared_figures and len(fa.figures) >= 2 and len(fb.figures) >= 2
    s.identifying_figure_conflict = (
        s.figure_conflict and _identifying(fa.figures) and _identifying(fb.figures)
    )
    s.shared_quotes = _shared_quotes(fa, fb)
    s.quotes = min(s.shared_quotes, 2) / 2
    if fa.lede and fb.lede:
        s.lede = fuzz.token_set_ratio(fa.lede, fb.lede) / 100
    if fa.title and fb.title and not (fa.title_derived or fb.title_derived):
        # a headline made from the opening repeats the body: only written ones are compared
        s.title = fuzz.token_set_ratio(fa.title, fb.title) / 100
        s.titles_compared = True
        s.template = _template(fa, fb) if s.title >= 0.6 else None
    s.shared_dates = sorted(set(fa.dates) & set(fb.dates))
    da, db = fa.lede_date, fb.lede_date
    # A day apart is one event told "yesterday" by a later report; further apart, two events.
    if da and db and abs((da - db).days) > 1 and da not in fb.dates and db not in fa.dates:
        s.date_conflict = (da, db)
    if fa.ahead is not None and fb.ahead is not None and fa.ahead != fb.ahead:
        side = 0 if fa.ahead else 1
        event = (fa if fa.ahead else fb).lede_date
        assert event is not None
        s.preview = (event, side)
    family_a, family_b = outlet_family(fa.outlet), outlet_family(fb.outlet)
    if family_a and family_a == family_b:
        s.same_outlet = family_a
    if fa.day and fb.day and not (fa.dated_by_ingest or fb.dated_by_ingest):
        s.gap_days = abs((fa.day - fb.day).days)
    counted_a = {e for e in fa.entities if config.counts_entity(e)}
    counted_b = {e for e in fb.entities if config.counts_entity(e)}
    s.shared_entities = sorted(counted_a & counted_b)
    only_a, only_b = sorted(counted_a - counted_b), sorted(counted_b - counted_a)
    if only_a and only_b and not s.shared_entities:
        s.conflicting_entities = (only_a, only_b)
    return s


def model_inputs(s: Signals) -> dict[str, float]:
    """The score's inputs, each within -1..1 and monotone (more means more alike, except the
    conflicts): few, so that what is fitted on one kind of news carries over to another."""
    return {
        "body": s.body,
        "containment": s.containment,
        # centred on what unrelated headlines share, so a missing or derived one is neutral
        "title": s.title - TITLE_BASELINE if s.titles_compared else 0.0,
        "lede_cosine": s.lede_cosine,
        "name_weight_cosine": s.name_weight_cosine,
        "rare_shared": math.log1p(s.rare_shared) / 3,
        "figures": s.figures,
        "key_name_conflict": min(1.0, s.key_name_conflict / 3),
        "figure_conflict": float(s.figure_conflict),
    }


def score_of(s: Signals) -> float:
    """P(same story) x 100 from the fitted model; near-verbatim copies score by shared text."""
    inputs = model_inputs(s)
    z = INTERCEPT + sum(WEIGHTS[name] * inputs[name] for name in WEIGHTS)
    blended = 100 / (1 + math.exp(-max(-30.0, min(30.0, z))))
    verbatim = 100 * min(1.0, 0.6 + 0.5 * s.containment) if s.containment >= NEAR_VERBATIM else 0
    return max(blended, verbatim)


def conflicts_of(s: Signals, config: DedupConfig) -> list[str]:
    """Why two stories cannot be one event, whatever the score: at most related."""
    verbatim = s.containment >= NEAR_VERBATIM
    conflicts: list[str] = []
    if s.date_conflict:
        conflicts.append("dates")
    if s.template and not verbatim:
        conflicts.append("template")
    if s.conflicting_entities and not verbatim:
        conflicts.append("entities")
    if s.gap_days is not None and s.gap_days > config.window_days and not verbatim:
        conflicts.append("gap")
    if s.identifying_figure_conflict:
        conflicts.append("figures")
    if s.preview:
        conflicts.append("preview")
    if s.same_outlet and not verbatim:
        conflicts.append("outlet")
    if s.body < THIN_BODY and s.containment < SOME_PASSAGES:
        # a shared figure and a name with bodies that barely overlap: two stories
        conflicts.append("thin")
    return conflicts


def capped(score: float, conflicts: list[str], config: DedupConfig) -> float:
    """One story cannot happen on two dates or to two provinces: below the duplicate cut."""
    if not conflicts:
        return score
    return min(score, config.duplicate_threshold - 0.1) * (0.85 if len(conflicts) > 1 else 1)


def decide(s: Signals, config: DedupConfig) -> Verdict:
    conflicts = conflicts_of(s, config)
    score = capped(score_of(s), conflicts, config)
    reasons = _reasons(s, config)
    kind = "none"
    if score >= config.duplicate_threshold:
        kind = "duplicate"
    elif score >= config.related_threshold and (
        s.shared_entities or (s.rare_key_names and not s.template)
    ):
        # Related means the same main people, body or thread: an entity the desk follows, or
        # rare names both stories are about; not a shared place, template or common name.
        kind = "related"
    return Verdict(kind, round(score, 1), reasons)


def _cosine(fa: Features, fb: Features, rarity: Rarity) -> float:
    """tf-idf cosine: from cached vectors when both have one, else over shared words only."""
    norm = fa.norm(rarity) * fb.norm(rarity)
    if not norm:
        return 0.0
    va, vb = fa.cached_vector(rarity), fb.cached_vector(rarity)
    if va is not None and vb is not None:
        dot = _dot(va, vb)
    else:
        wa, wb, idf, log = fa.weights, fb.weights, rarity.idf, math.log
        shared = wa.keys() & wb.keys()
        dot = sum((1 + log(wa[t])) * (1 + log(wb[t])) * idf(t) ** 2 for t in shared)
    return min(1.0, dot / norm)


def _name_overlap(
    fa: Features, fb: Features, wa: Weighted, wb: Weighted
) -> tuple[float, list[str]]:
    if not fa.names or not fb.names:
        return 0.0, []
    shared = fa.names.keys() & fb.names.keys()
    idf = wa.names
    weight_shared = sum(idf[n] for n in shared)
    ranked = sorted(shared, key=lambda n: (-idf[n], n))
    return weight_shared / min(wa.names_total, wb.names_total), [fa.names[n] for n in ranked]


def _dot(wa: dict[str, float], wb: dict[str, float]) -> float:
    """Dot product of sparse vectors, summed in the smaller one's order; the loops run in C."""
    if len(wa) > len(wb):
        wa, wb = wb, wa
    shared = list(filter(wb.__contains__, wa))
    return sum(map(mul, map(wa.__getitem__, shared), map(wb.__getitem__, shared)))


def _dict_cosine(wa: dict[str, float], wb: dict[str, float], sq_a: float, sq_b: float) -> float:
    """Cosine of two sparse vectors whose squared norms are known."""
    if not wa or not wb:
        return 0.0
    dot = _dot(wa, wb)
    norm = math.sqrt(sq_a * sq_b)
    return dot / norm if norm else 0.0


def _unmatched(fa: Features, fb: Features, wa: Weighted) -> float:
    """Who one story is about that the other never names: another person, another place."""
    names_b, idf = fb.names, wa.key
    return sum(idf[n] for n in fa.key_names - fb.key_names if n not in names_b)


def _key_name_overlap(fa: Features, fb: Features, wa: Weighted, wb: Weighted) -> float:
    """Who the story is about: names in each headline and opening, weighted by rarity."""
    if not fa.key_names or not fb.key_names:
        return 0.0
    idf = wa.key
    shared = sum(idf[n] ** 2 for n in fa.key_names & fb.key_names)
    return shared / math.sqrt(wa.key_sq * wb.key_sq)


def _shared_quotes(fa: Features, fb: Features) -> int:
    count = 0
    for qa in fa.quotes:
        sa = set(qa)
        for qb in fb.quotes:
            sb = set(qb)
            if len(sa & sb) >= 0.6 * min(len(sa), len(sb)):
                count += 1
                break
    return count


def _identifying(figures: Iterable[str]) -> bool:
    """Any canonical figure with decimals or IDENTIFYING_DIGITS significant digits."""
    return any("." in f or len(f.lstrip("0")) >= IDENTIFYING_DIGITS for f in figures)


def _identifying_one(figure: str) -> bool:
    """A figure worth sharing: decimals (73.33) or SHARED_DIGITS digits once the round zeros
    go (8165687, 375, 1250), not a round 1000 or 5000 every other story mentions."""
    return "." in figure or len(figure.strip("0")) >= SHARED_DIGITS


def _template(fa: Features, fb: Features) -> tuple[list[str], list[str]] | None:
    """Headlines alike but for names found in one story only: another province, club or person."""
    words_a, words_b = set(fa.title_words), set(fb.title_words)
    only_a = [w for w in fa.title_words if w not in words_b and w in fa.names and w not in fb.names]
    only_b = [w for w in fb.title_words if w not in words_a and w in fb.names and w not in fa.names]
    if only_a and only_b:
        return [fa.names[w] for w in only_a], [fb.names[w] for w in only_b]
    return None


def _day(value: date) -> str:
    return f"{value.day} {value.strftime('%b')} {value.year}"


def _reasons(s: Signals, config: DedupConfig) -> list[str]:
    reasons: list[str] = []
    if s.containment >= NEAR_VERBATIM:
        reasons.append(f"same text: {round(100 * s.containment)}% of passages shared")
    elif s.containment >= 0.15:
        reasons.append(f"some passages shared ({round(100 * s.containment)}%)")
    reasons.append(f"body alike: {round(100 * s.body)}%")
    if s.body < THIN_BODY and s.containment < SOME_PASSAGES:
        reasons.append("bodies too far apart for one story")
    if s.title >= 0.6:
        reasons.append(f"headline alike: {round(100 * s.title)}%")
    if s.shared_entities:
        reasons.append(f"same entity: {', '.join(s.shared_entities[:5])}")
    if s.shared_names:
        reasons.append(f"same names: {', '.join(s.shared_names[:6])}")
    if s.shared_figures:
        reasons.append(f"same figures: {', '.join(s.shared_figures[:5])}")
    if s.shared_quotes:
        plural = "s" if s.shared_quotes > 1 else ""
        reasons.append(f"{s.shared_quotes} shared quote{plural}")
    if s.shared_dates:
        reasons.append(f"same dates: {', '.join(_day(d) for d in s.shared_dates[:3])}")
    if s.date_conflict:
        da, db = s.date_conflict
        reasons.append(f"different events: {_day(da)} vs {_day(db)}")
    if s.template:
        only_a, only_b = s.template
        reasons.append(
            f"headline alike but different names: {' '.join(only_a)} vs {' '.join(only_b)}"
        )
    if s.conflicting_entities:
        only_a, only_b = s.conflicting_entities
        reasons.append(f"different entities: {', '.join(only_a[:3])} vs {', '.join(only_b[:3])}")
    if s.gap_days is not None and s.gap_days > config.window_days:
        reasons.append(f"published {s.gap_days} days apart")
    elif s.year_conflict:
        reasons.append(f"different years: {s.year_conflict[0]} vs {s.year_conflict[1]}")
    if s.preview:
        event, side = s.preview
        reasons.append(
            f"{'first' if side == 0 else 'second'} is a preview of {_day(event)}, "
            "the other a report"
        )
    if s.same_outlet and s.containment < NEAR_VERBATIM:
        reasons.append(f"both from {s.same_outlet}: a follow-up, not a copy")
    if s.figure_conflict:
        wording = "same wording" if s.containment >= NEAR_VERBATIM else "alike"
        reasons.append(f"{wording} but different figures")
    return reasons
