"""Synthetic Indonesian regional news with known duplicate and related groups.

Every benchmark and the dedup evaluation draw their corpus from here, so it is deterministic:
the same `n`, `seed`, `start` and `days` give byte-identical output on every machine.

A story is built from an *event* (who, where, when, figures, quotes) and rendered through
templates in `synth_data/`. Labels on each record:

- `dup_group`: records telling the same event (a republication with edits, or an independent
  rewrite with the same names, figures, dates and quotes). null when the story stands alone.
- `rel_group`: different events deliberately sharing their main person (another date, place and
  figures). Members of one dup group share its rel_group. Other pairs may share people by
  chance (there are only so many governors); they are unlabelled, never duplicates.
- `template_group`: different events whose headlines come from one template (the
  "Sekda X Tandatangani Kesepakatan Bersama dengan Pemprov Y" trap): never duplicates.
- `variant`: "original", "rewrite", or "republish:<edits>" with edits among dateline, drop,
  reorder, headline, boilerplate, typos.
- `event_date` (ISO) and `people` (main person first) for evaluation.

Usage: python bench/synth.py --n 100000 --out corpus.jsonl [--seed S] [--format jsonl|txt-dir]
(txt-dir writes OUT/NNN/<id>.txt and the labels to OUT.labels.jsonl)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_data import boilerplate as bp
from synth_data import people as pp
from synth_data import phrases as ph
from synth_data import places as pl
from synth_data import roles as rl
from synth_data.events import EVENTS
from synth_data.outlets import OUTLETS, Outlet

T = TypeVar("T")

DEFAULT_START = date(2025, 1, 1)
HOME_SHARE = 0.65  # share of stories set in West Kalimantan
DUP_EVENT_SHARE = 0.10  # events republished or rewritten: ~25% of records end up in dup groups
DUP_SIZES = ((2, 0.4), (3, 0.3), (4, 0.2), (5, 0.1))
RELATED_CLUSTER_SHARE = 0.06
TRAP_CLUSTER_SHARE = 0.03
REWRITE_SHARE = 0.3
WINDOW = 512  # records shuffled together so group members sit near each other, not adjacent


# --------------------------------------------------------------------------- numbers and dates


def choice(rng: random.Random, seq: Sequence[T]) -> T:
    """random.choice without its per-call overhead: generation makes millions of picks."""
    return seq[int(rng.random() * len(seq))]


def fmt_int(value: int) -> str:
    """Indonesian thousands separator: 8165687 -> 8.165.687."""
    return f"{value:,}".replace(",", ".")


def fmt_dec(value: float, places: int = 2) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def figure(kind: str, rng: random.Random) -> str:
    r = rng.random
    if kind == "count_big":
        return fmt_int(rng.randint(100_000, 9_999_999))
    if kind == "count":
        return fmt_int(rng.randint(120, 95_000))
    if kind == "hundreds":
        return str(rng.randint(100, 950))
    if kind == "count_small":
        return fmt_int(rng.randint(12, 950))
    if kind == "small":
        return str(rng.randint(3, 45))
    if kind == "pct":
        return fmt_dec(rng.uniform(1, 99)) + ("%" if r() < 0.6 else " persen")
    if kind == "pct_small":
        return fmt_dec(rng.uniform(0.05, 3.5)) + ("%" if r() < 0.6 else " persen")
    if kind == "index":
        return fmt_dec(rng.uniform(95, 125))
    if kind == "rp_juta":
        return f"Rp {rng.randint(15, 950)} juta"
    if kind == "rp_miliar":
        value = rng.randint(2, 900) if r() < 0.6 else rng.uniform(1, 99)
        return f"Rp {fmt_dec(value, 1)} miliar"
    if kind == "rp_triliun":
        return f"Rp {fmt_dec(rng.uniform(1, 12), 2)} triliun"
    if kind == "km":
        return f"{fmt_dec(rng.uniform(0.8, 60), 1)} kilometer"
    if kind == "ha":
        return (
            f"{fmt_int(rng.randint(20, 9_500))} hektare"
            if r() < 0.6
            else f"{fmt_dec(rng.uniform(2, 400), 1)} hektare"
        )
    if kind == "ton_ha":
        return f"{fmt_dec(rng.uniform(2.5, 8.9), 1)} ton"
    if kind == "cm":
        return f"{rng.randint(20, 250)} sentimeter"
    if kind == "gram":
        return (
            f"{fmt_dec(rng.uniform(1, 25), 2)} kilogram"
            if r() < 0.4
            else f"{fmt_dec(rng.uniform(5, 900), 2)} gram"
        )
    raise ValueError(f"unknown figure kind {kind!r}")


def day_name(day: date, rng: random.Random) -> str:
    name = ph.DAYS[day.weekday()]
    return choice(rng, ph.FRIDAY_VARIANTS) if name == "Jumat" else name


DATE_FORMS = 5


def date_text(day: date, form: int, rng: random.Random) -> str:
    """The Indonesian ways a story dates its event; a rewrite picks another form."""
    name = day_name(day, rng)
    month = ph.MONTHS[day.month - 1]
    if form == 0:
        return f"{name} ({day.day}/{day.month}/{day.year})"
    if form == 1:
        return f"{name}, {day.day} {month} {day.year}"
    if form == 2:
        return f"{name} ({day.day}/{day.month})"
    if form == 3:
        return f"{name} {day.day} {ph.MONTH_ABBR[day.month - 1]} {day.year}"
    return f"{day.day} {month} {day.year}"


# --------------------------------------------------------------------------- the world


@dataclass(frozen=True)
class Person:
    name: str  # as printed, with titles and degrees
    plain: str  # given and family name only
    ref: str  # how later sentences call them
    role: str
    role_long: str
    role_short: str
    role_word: str
    prov: str
    kab: str | None


@dataclass
class Region:
    prov: str
    ps: str
    capital: str
    kab: str  # "Kabupaten Sintang" or "Kota Pontianak"
    kab_short: str
    is_city: bool


def invent_name(rng: random.Random) -> tuple[str, str]:
    given = choice(rng, pp.GIVEN)
    roll = rng.random()
    if roll < 0.15:
        plain = given
    elif roll < 0.3:
        plain = f"{given} {choice(rng, [g for g in pp.GIVEN if g != given])}"
    else:
        plain = f"{given} {choice(rng, pp.FAMILY)}"
    return plain, plain.split()[-1]


class World:
    """The officials of every province and regency, drawn once per seed."""

    def __init__(self, rng: random.Random) -> None:
        self.regions: dict[str, list[Region]] = {}
        for full, short, capital in pl.PROVINCES:
            kabs = pl.REGENCIES.get(full, (f"Kota {capital}",))
            self.regions[full] = [
                Region(full, short, capital, k, k.split(" ", 1)[1], k.startswith("Kota "))
                for k in kabs
            ]
        self.officials: dict[tuple[str, str], Person] = {}
        used: set[str] = set()
        for full, short, _capital in pl.PROVINCES:
            for role, forms in rl.PROVINCE_ROLES.items():
                self.officials[(full, role)] = self._person(
                    rng, used, role, forms, full, short, None
                )
            for region in self.regions[full]:
                forms_for = rl.CITY_ROLES if region.is_city else rl.REGENCY_ROLES
                for role, forms in forms_for.items():
                    self.officials[(region.kab, role)] = self._person(
                        rng, used, role, forms, full, short, region.kab_short
                    )

    @staticmethod
    def _person(
        rng: random.Random,
        used: set[str],
        role: str,
        forms: tuple[str, str, str],
        prov: str,
        ps: str,
        kab: str | None,
    ) -> Person:
        while True:
            plain, ref = invent_name(rng)
            if plain not in used:
                used.add(plain)
                break
        if role in rl.RANKS:
            name = f"{choice(rng, rl.RANKS[role])} {plain}"
        else:
            name = f"{choice(rng, pp.PREFIXES)}{plain}{choice(rng, pp.SUFFIXES)}"
        slots = {"prov": prov, "ps": ps, "kab": kab or ""}
        return Person(
            name,
            plain,
            ref,
            role,
            forms[0].format(**slots),
            forms[1].format(**slots),
            forms[2],
            prov,
            kab,
        )

    def region(self, rng: random.Random, prov: str | None = None) -> Region:
        if prov is None:
            prov = pl.HOME_PROVINCE if rng.random() < HOME_SHARE else choice(rng, pl.PROVINCES)[0]
        return choice(rng, self.regions[prov])

    def official(self, region: Region, role: str) -> Person:
        if role in rl.PROVINCE_ROLES:
            return self.officials[(region.prov, role)]
        return self.officials[(region.kab, role)]


ROLE_TYPES: dict[str, list[str]] = {}
for _etype, _spec in EVENTS.items():
    for _role in dict.fromkeys(_spec["roles"]):
        ROLE_TYPES.setdefault(_role, []).append(_etype)
TRAP_TYPES = [t for t, s in EVENTS.items() if s.get("trap_title")]
RELATABLE_ROLES = [r for r, types in ROLE_TYPES.items() if len(types) >= 2]


# --------------------------------------------------------------------------- events


@dataclass
class Event:
    etype: str
    actor: Person
    region: Region
    day: date
    facts: dict[str, str]
    figures: list[str]
    quotes: list[str]
    people: list[str]
    trap: bool = False


def _fill(template: str, facts: dict[str, str]) -> str:
    return template.format_map(facts)


def make_event(
    world: World,
    rng: random.Random,
    day: date,
    etype: str | None = None,
    actor: Person | None = None,
    region: Region | None = None,
    overrides: dict[str, str] | None = None,
    trap: bool = False,
) -> Event:
    if etype is None:
        etype = choice(rng, list(EVENTS))
    spec = EVENTS[etype]
    if actor is None:
        region = region or world.region(rng)
        actor = world.official(region, choice(rng, spec["roles"]))
    elif actor.kab is not None:
        region = next(r for r in world.regions[actor.prov] if r.kab_short == actor.kab)
    elif region is None or region.prov != actor.prov:
        region = world.region(rng, actor.prov)
    prov_level = spec["scope"] == "province" or (
        spec["scope"] == "any" and actor.role in rl.PROVINCE_ROLES
    )
    if prov_level:
        region_name, region_short = f"Provinsi {region.prov}", region.ps
        gov, gov_short = f"Pemerintah Provinsi {region.prov}", f"Pemprov {region.ps}"
        city = region.capital
    else:
        region_name, region_short = region.kab, region.kab_short
        kind = "Kota" if region.is_city else "Kabupaten"
        gov = f"Pemerintah {kind} {region.kab_short}"
        gov_short = f"{'Pemkot' if region.is_city else 'Pemkab'} {region.kab_short}"
        city = region.kab_short
    facts: dict[str, str] = {
        "actor": actor.name,
        "actor_plain": actor.plain,
        "role_long": actor.role_long,
        "role_short": actor.role_short,
        "role_word": actor.role_word,
        "prov": region.prov,
        "ps": region.ps,
        "capital": region.capital,
        "region": region_name,
        "region_short": region_short,
        "kab_short": region.kab_short,
        "gov": gov,
        "gov_short": gov_short,
        "city": city,
        "year": str(day.year),
        "prev_year": str(day.year - 1),
        "goal": choice(rng, spec["goals"]),
        "program": choice(rng, spec["programs"]),
        "sector": choice(rng, spec["sectors"]),
        "attendees": _attendees(rng),
    }
    facts["venue"] = _venue(rng, facts, prov_level)
    people = [actor.plain]
    for fact in spec["facts"]:
        _add_fact(fact, facts, rng, world, region, day, people)
    if overrides:
        facts.update(overrides)
    figures = []
    for name, kind in spec["figures"].items():
        value = figure(kind, rng)
        facts[f"f_{name}"] = value
        figures.append(value)
    facts["ref"] = actor.ref
    quotes = _quotes(spec, facts, rng)
    return Event(etype, actor, region, day, facts, figures, quotes, people, trap)


def _attendees(rng: random.Random) -> str:
    picked = rng.sample(ph.ATTENDEES, 3)
    return f"{picked[0]}, {picked[1]} serta {picked[2]}"


def _venue(rng: random.Random, facts: dict[str, str], prov_level: bool) -> str:
    if prov_level:
        form = choice(rng, pl.VENUE_FORMS)
    else:
        form = choice(
            rng,
            (
                "Aula Kantor Bupati {kab_short}",
                "Pendopo {kab_short}",
                "Gedung Serbaguna {city}",
                "Hotel {w1} {city}",
                "Balai Desa {kab_short}",
            ),
        )
    return form.format(
        w1=choice(rng, pl.HOTEL_WORDS),
        w2=choice(rng, pl.HOTEL_WORDS),
        city=facts["city"],
        prov_short=facts["ps"],
        kab_short=facts["kab_short"],
    )


def _add_fact(
    fact: str,
    facts: dict[str, str],
    rng: random.Random,
    world: World,
    region: Region,
    day: date,
    people: list[str],
) -> None:
    if fact == "partner":
        others = [p for p in pl.PROVINCES if p[0] != region.prov]
        partner = choice(rng, others)
        facts["partner"], facts["partner_short"] = partner[0], partner[1]
    elif fact == "subject":
        facts["subject"] = choice(rng, ph.SUBJECTS)
    elif fact == "field":
        facts["field"], facts["field_title"] = choice(rng, ph.FIELDS)
    elif fact == "org":
        org, head_role = choice(rng, rl.ORGANISATIONS)
        if rng.random() < 0.3:
            words = rng.sample(rl.COMPANY_WORDS, 2)
            org, head_role = f"PT {words[0]} {words[1]} Indonesia", "Direktur Utama"
        plain, ref = invent_name(rng)
        facts["org"] = org
        short = re.search(r"\(([^)]+)\)", org)
        facts["org_short"] = short.group(1) if short else org
        facts["org_role"] = head_role
        facts["org_head"] = plain
        facts["org_head_ref"] = ref
        people.append(plain)
    elif fact == "forum":
        w1, w2 = rng.sample(ph.FORUM_WORDS, 2)
        facts["forum"] = choice(rng, ph.FORUM_FORMS).format(w1=w1, w2=w2, year=day.year)
        later = day + timedelta(days=rng.randint(10, 60))
        facts["forum_date"] = f"{later.day} {ph.MONTHS[later.month - 1]} {later.year}"
        facts["forum_venue"] = f"{choice(rng, pl.HOTEL_WORDS)} Convention Center {facts['city']}"
    elif fact == "topic":
        facts["topic"], facts["topic_title"] = choice(rng, ph.TOPICS)
    elif fact == "river":
        facts["river"] = choice(rng, pl.RIVERS.get(region.prov, pl.DEFAULT_RIVERS))
    elif fact == "villages":
        names = rng.sample(pl.VILLAGE_STEMS, 3)
        facts["villages"] = f"Desa {names[0]}, Desa {names[1]} dan Desa {names[2]}"
    elif fact == "district":
        facts["district"] = choice(rng, pl.VILLAGE_STEMS)
    elif fact == "vaccine":
        facts["vaccine"], facts["vaccine_title"] = choice(rng, ph.VACCINES)
    elif fact == "festival":
        facts["festival"] = choice(rng, ph.FESTIVAL_FORMS).format(
            w=choice(rng, ph.FESTIVAL_WORDS), year=day.year
        )
    elif fact == "budget_year":
        facts["budget_year"] = str(day.year + 1)
    elif fact == "project":
        a, b = rng.sample(pl.VILLAGE_STEMS, 2)
        text, title = choice(rng, ph.PROJECT_FORMS)
        facts["project"], facts["project_title"] = text.format(a=a, b=b), title.format(a=a, b=b)
    elif fact == "commodity":
        facts["commodity"], facts["commodity_title"] = choice(rng, ph.COMMODITIES)
    elif fact == "month":
        previous = day.replace(day=1) - timedelta(days=1)
        facts["month"] = ph.MONTHS[previous.month - 1]
        facts["year"] = str(previous.year)
    elif fact == "commodities":
        items = rng.sample(ph.PRICE_COMMODITIES, 3)
        facts["commodities"] = f"{items[0]}, {items[1]} dan {items[2]}"
        facts["commodity_lead"] = items[0].title()
    elif fact == "suspects_names":
        initials = [
            f"{choice(rng, 'ABDEFHIJKMNRSTWY')}{choice(rng, 'ABDEFHIJKMNRSTWY')} "
            f"({rng.randint(19, 58)})"
            for _ in range(2)
        ]
        facts["suspects_names"] = f"{initials[0]} dan {initials[1]}"
    else:
        raise ValueError(f"unknown fact {fact!r}")


def _quotes(spec: dict[str, Any], facts: dict[str, str], rng: random.Random) -> list[str]:
    """Three quotes fixed per event: every outlet and rewrite reproduces them verbatim."""
    pool = list(spec["quotes"])
    rng.shuffle(pool)
    tails = list(ph.QUOTE_TAILS)
    rng.shuffle(tails)
    slots = dict(facts, f0=next(v for k, v in facts.items() if k.startswith("f_")))
    quotes = []
    for first in pool[:3]:
        slots["period"] = choice(rng, ph.PERIODS)
        text = _fill(first, slots) + " " + _fill(tails.pop(), slots)
        if rng.random() < 0.3:
            text += " " + choice(rng, ph.GENERIC_QUOTES)
        quotes.append(text)
    return quotes


# --------------------------------------------------------------------------- rendering


@dataclass
class Para:
    kind: str  # lede | detail | quote | figures | filler
    sentences: list[str]
    key: bool = False  # carries the facts: republishers never drop it


@dataclass
class Story:
    title: str
    paras: list[Para]
    choices: dict[str, int] = field(default_factory=dict)


def _pick(rng: random.Random, count: int, avoid: int | None) -> int:
    if avoid is None or count < 2:
        return rng.randrange(count)
    choice = rng.randrange(count - 1)
    return choice + 1 if choice >= avoid else choice


def _words(paras: list[Para]) -> int:
    return sum(len(s.split()) for p in paras for s in p.sentences)


def render(event: Event, rng: random.Random, avoid: dict[str, int] | None = None) -> Story:
    """One telling of an event. With `avoid`, every choice differs from that telling."""
    avoid = avoid or {}
    spec = EVENTS[event.etype]
    choices: dict[str, int] = {}

    def pick(part: str, count: int) -> int:
        choices[part] = _pick(rng, count, avoid.get(part))
        return choices[part]

    facts = dict(event.facts)
    facts["date"] = date_text(event.day, pick("date", DATE_FORMS), rng)
    actor = event.actor
    intro_forms = (
        f"{actor.role_long}, {actor.name}",
        f"{actor.role_short} {actor.name}",
        f"{actor.name} selaku {actor.role_long}",
    )
    facts["intro"] = intro_forms[pick("intro", len(intro_forms))]
    ref_forms = (actor.ref, f"{actor.role_word} {actor.ref}")
    facts["ref"] = ref_forms[pick("ref", len(ref_forms))]

    if event.trap and not avoid:
        title_index = choices["title"] = 0  # the template headline, kept by the original
    else:
        title_index = pick("title", len(spec["titles"]))
    title = _fill(spec["titles"][title_index], facts)
    lede_template = spec["ledes"][pick("lede", len(spec["ledes"]))]
    lede = _fill(lede_template, facts)
    if "{intro}" not in lede_template:  # the actor is named in full early in every story
        lede += " " + _fill(ph.INTRO_LINES[pick("intro_line", len(ph.INTRO_LINES))], facts)
    details = [_fill(s, facts) for s in rng.sample(spec["details"], 4)]
    figure_lines = [
        _fill(s, facts) for s in spec["figure_lines"][pick("figures", len(spec["figure_lines"]))]
    ]
    ref = facts["ref"]
    verbs = rng.sample(ph.QUOTE_VERBS, 3)
    quotes = list(event.quotes)
    if avoid:
        rng.shuffle(quotes)

    def quote(text: str, verb: str) -> Para:
        if rng.random() < 0.2:
            return Para("quote", [f"{ref} mengatakan, “{text}”"], key=True)
        if text.endswith("."):
            text = text[:-1] + ","
        return Para("quote", [f"“{text}” {verb} {ref}."], key=True)

    paras = [
        Para("lede", [lede], key=True),
        Para("detail", details[:2]),
        quote(quotes[0], verbs[0]),
        Para("figures", figure_lines, key=True),
        Para("detail", details[2:]),
        quote(quotes[1], verbs[1]),
    ]
    closing = quote(quotes[2], choice(rng, ph.QUOTE_CLOSERS))
    target = min(max(int(rng.gauss(400, 30)), 340), 470)
    words = _words(paras) + _words([closing])
    fillers = list(ph.FILLER)
    rng.shuffle(fillers)
    filler_facts = dict(facts)
    filler_facts["next_year"] = str(event.day.year + 1)
    while words < target and fillers:
        sentences = []
        for _ in range(1 if target - words < 25 else 2):
            filler_facts["period"] = choice(rng, ph.PERIODS)
            filler_facts["period_next"] = choice(rng, ph.PERIODS_NEXT)
            if rng.random() < 0.3:
                sentences.append(_fill(fillers.pop(), filler_facts))
            else:
                sentences.append(_fill(filler_sentence(rng), filler_facts))
        paras.append(Para("filler", sentences))
        words += _words(paras[-1:])
    paras.append(closing)
    return Story(title, paras, choices)


def filler_sentence(rng: random.Random) -> str:
    """A sentence from the filler grammar, capitalised, with slots still to fill."""
    parts = [
        choice(rng, ph.FILLER_OPENERS) + choice(rng, ph.FILLER_SUBJECTS),
        choice(rng, ph.FILLER_VERBS),
        choice(rng, ph.FILLER_OBJECTS),
    ]
    adjunct = choice(rng, ph.FILLER_ADJUNCTS)
    if adjunct:
        parts.append(adjunct)
    text = " ".join(parts) + "."
    return text[0].upper() + text[1:]


# --------------------------------------------------------------------------- republication edits

TYPO_KINDS = 4


def typo(word: str, rng: random.Random) -> str:
    """A misspelling that really changes the word (swapping "gg" or "a" for "a" would not)."""
    i = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(TYPO_KINDS)
    if kind == 0:  # transposed letters
        typed = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    elif kind == 1:  # dropped letter
        typed = word[:i] + word[i + 1 :]
    elif kind == 3:  # wrong vowel
        typed = word[:i] + choice(rng, "aeiou") + word[i + 1 :]
    else:
        typed = word
    return typed if typed != word else word[:i] + word[i] + word[i:]  # doubled letter


def add_typos(paras: list[Para], rng: random.Random, count: int) -> None:
    """`count` typos, only in plain lower-case words: names and figures stay intact."""
    touched: set[tuple[int, int, int]] = set()  # a second typo could undo the first
    attempts = 0
    while len(touched) < count and attempts < 50 * count:
        attempts += 1
        p_index = rng.randrange(len(paras))
        para = paras[p_index]
        s_index = rng.randrange(len(para.sentences))
        words = para.sentences[s_index].split(" ")
        candidates = [
            i
            for i, w in enumerate(words)
            if len(w) >= 5 and w.isalpha() and w.islower() and (p_index, s_index, i) not in touched
        ]
        if not candidates:
            continue
        i = choice(rng, candidates)
        words[i] = typo(words[i], rng)
        para.sentences[s_index] = " ".join(words)
        touched.add((p_index, s_index, i))


HEADLINE_TWISTS: tuple[str, ...] = (
    "{title}, Ini Kata {ref}",
    "{title}",
    "VIDEO: {title}",
    "{title}, Begini Penjelasannya",
    "Soal {topic}, {title}",
)


def republish(story: Story, event: Event, rng: random.Random) -> tuple[Story, list[str]]:
    """Another outlet's copy of a story: always a new dateline, plus a few edits."""
    paras = [Para(p.kind, list(p.sentences), p.key) for p in story.paras]
    edits = ["dateline"]
    title = story.title
    if rng.random() < 0.6:
        droppable = [
            (pi, si) for pi, p in enumerate(paras) if not p.key for si in range(len(p.sentences))
        ]
        if droppable:
            k = min(len(droppable), rng.randint(1, 3))
            for pi, si in sorted(rng.sample(droppable, k), reverse=True):
                del paras[pi].sentences[si]
            paras = [p for p in paras if p.sentences]
            edits.append("drop")
    if rng.random() < 0.4 and len(paras) > 3:
        i = rng.randrange(1, len(paras) - 1)
        j = rng.randrange(1, len(paras) - 1)
        if i != j:
            paras.insert(j, paras.pop(i))
            edits.append("reorder")
    if rng.random() < 0.5:
        spec = EVENTS[event.etype]
        if not event.trap and rng.random() < 0.6:
            facts = dict(event.facts)
            options = [i for i, t in enumerate(spec["titles"]) if _fill(t, facts) != title]
            if options:
                title = _fill(spec["titles"][choice(rng, options)], facts)
        else:
            twist = choice(rng, HEADLINE_TWISTS)
            topic = event.facts["region_short"]
            title = twist.format(title=title, ref=event.actor.ref, topic=topic)
            if twist == "{title}":
                title = title.upper() if rng.random() < 0.5 else title.title()
        if title != story.title:
            edits.append("headline")
    if rng.random() < 0.5:
        edits.append("boilerplate")
    # A copy whose words are unchanged is an exact duplicate, which ingest already stores
    # once; every republication here changes its words so it reaches dedup.
    if rng.random() < 0.5 or not ("drop" in edits or title.casefold() != story.title.casefold()):
        add_typos(paras, rng, rng.randint(2, 5))
        edits.append("typos")
    return Story(title, paras, story.choices), edits


# --------------------------------------------------------------------------- records

_WORD = re.compile(r"\w+")


def words_of(story: Story) -> str:
    """A story's words, as ingest compares them for exact duplicates."""
    text = story.title + " " + " ".join(s for p in story.paras for s in p.sentences)
    return " ".join(_WORD.findall(text.casefold()))


_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(title: str) -> str:
    return _SLUG.sub("-", title.lower()).strip("-")[:90]


def staff_name(rng: random.Random) -> str:
    return invent_name(rng)[0]


def assemble(
    story: Story,
    outlet: Outlet,
    event: Event,
    published: date,
    rng: random.Random,
    serial: int,
    recent_titles: deque[str],
    extras: tuple[str, ...] = (),
    source: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """Lay out the raw page text: dateline, paragraphs, and the outlet's residue."""
    city = event.facts["city"]
    dateline = outlet["dateline"].format(CITY=city.upper(), City=city).rstrip()
    blocks = [" ".join(p.sentences) for p in story.paras]
    blocks[0] = f"{dateline} {blocks[0]}"
    kinds = [k for k in outlet["boiler"] if rng.random() < 0.8] or [outlet["boiler"][0]]
    kinds.extend(k for k in extras if k not in kinds)
    slots = {
        "name": staff_name(rng),
        "name2": staff_name(rng),
        "outlet": outlet["name"],
        "year": str(published.year),
        "initials": "".join(choice(rng, "abcdefghijklmnoprstuwy") for _ in range(3)),
        "source": source[0] if source else "",
        "source_title": source[1] if source else "",
    }
    tail = []
    for kind in kinds:
        if kind in bp.MID:
            slots["headline"] = choice(rng, recent_titles) if recent_titles else story.title
            line = choice(rng, bp.MID[kind]).format(**slots)
            blocks.insert(rng.randrange(1, len(blocks)), line)
        elif kind == "tayang" and not source:
            continue
        else:
            tail.append(choice(rng, bp.END[kind]).format(**slots))
    body = "\n\n".join(blocks + tail)
    url_path = outlet["path"].format(
        y=published.year,
        m=f"{published.month:02d}",
        d=f"{published.day:02d}",
        n=100_000 + serial,
        slug=slugify(story.title) + ("" if "{n}" in outlet["path"] else f"-{serial}"),
    )
    return {
        "title": story.title,
        "body": body,
        "url": f"https://{outlet['domain']}/{url_path}",
        "outlet": outlet["name"],
        "published": published.isoformat(),
    }


class Generator:
    def __init__(self, n: int, seed: int, start: date, days: int) -> None:
        self.n, self.start, self.days = n, start, days
        self.rng = random.Random(seed)
        self.world = World(random.Random(f"world-{seed}"))
        self.recent: deque[str] = deque(maxlen=64)
        self.serial = 0
        self.produced = 0
        self.dup_groups = 0
        self.rel_groups = 0
        self.template_groups = 0
        self.regional = [o for o in OUTLETS if o["regional"]]
        self.national = [o for o in OUTLETS if not o["regional"]]

    def _day(self) -> date:
        offset = int(self.produced / max(self.n, 1) * self.days) + self.rng.randint(-2, 2)
        return self.start + timedelta(days=min(max(offset, 0), max(self.days - 1, 0)))

    def _outlets(self, event: Event, count: int) -> list[Outlet]:
        home = event.region.prov == pl.HOME_PROVINCE
        picked: list[Outlet] = []
        while len(picked) < count:
            pool = self.regional if (self.rng.random() < 0.75) == home else self.national
            outlet = choice(self.rng, pool)
            if outlet not in picked:
                picked.append(outlet)
        return picked

    def _group_size(self, budget: int) -> int:
        if self.rng.random() >= DUP_EVENT_SHARE:
            return 1
        roll = self.rng.random()
        for size, weight in DUP_SIZES:
            roll -= weight
            if roll < 0:
                return min(size, budget)
        return min(DUP_SIZES[-1][0], budget)

    def _cluster(self) -> list[Event]:
        roll = self.rng.random()
        day = self._day()
        if roll < RELATED_CLUSTER_SHARE:
            role = choice(self.rng, RELATABLE_ROLES)
            types = ROLE_TYPES[role]
            region = self.world.region(self.rng)
            actor = self.world.official(region, role)
            count = self.rng.randint(2, min(4, len(types)))
            events, days = [], set()
            for etype in self.rng.sample(types, count):
                when = day + timedelta(days=self.rng.randint(0, 40))
                while when in days:
                    when += timedelta(days=self.rng.randint(3, 9))
                days.add(when)
                events.append(make_event(self.world, self.rng, when, etype, actor, region))
            self.rel_groups += 1
            for event in events:
                event.facts["_rel"] = str(self.rel_groups)
            return events
        if roll < RELATED_CLUSTER_SHARE + TRAP_CLUSTER_SHARE:
            etype = choice(self.rng, TRAP_TYPES)
            spec = EVENTS[etype]
            role = next(r for r in spec["roles"] if r in rl.PROVINCE_ROLES)
            count = self.rng.randint(2, 3)
            same_actor = etype == "kesepakatan" and self.rng.random() < 0.5
            self.template_groups += 1
            events = []
            first = make_event(
                self.world,
                self.rng,
                day,
                etype,
                trap=True,
                actor=self.world.official(self.world.region(self.rng), role),
            )
            events.append(first)
            keys = ("topic", "topic_title", "partner", "partner_short")
            shared = {k: first.facts[k] for k in keys if k in first.facts}
            provinces = {first.region.prov, first.facts.get("partner", "")}
            days = [day]
            for _ in range(count - 1):
                when = days[-1] + timedelta(days=self.rng.randint(2, 20))
                days.append(when)
                if same_actor:  # the same official signs with another province
                    partner = choice(self.rng, [p for p in pl.PROVINCES if p[0] not in provinces])
                    provinces.add(partner[0])
                    event = make_event(
                        self.world,
                        self.rng,
                        when,
                        etype,
                        first.actor,
                        first.region,
                        {"partner": partner[0], "partner_short": partner[1]},
                        trap=True,
                    )
                else:
                    prov = choice(self.rng, [p[0] for p in pl.PROVINCES if p[0] not in provinces])
                    provinces.add(prov)
                    region = self.world.region(self.rng, prov)
                    event = make_event(
                        self.world,
                        self.rng,
                        when,
                        etype,
                        self.world.official(region, role),
                        region,
                        shared,
                        trap=True,
                    )
                events.append(event)
            if same_actor:
                self.rel_groups += 1
            for event in events:
                event.facts["_tpl"] = str(self.template_groups)
                if same_actor:
                    event.facts["_rel"] = str(self.rel_groups)
            return events
        return [make_event(self.world, self.rng, day)]

    def records(self) -> Iterator[dict[str, Any]]:
        buffer: list[dict[str, Any]] = []
        emitted = 0
        while self.produced < self.n:
            cluster = self._cluster()[: self.n - self.produced]
            if len(cluster) == 1:  # a cluster cut to one story at the end relates to nothing
                cluster[0].facts.pop("_rel", None)
                cluster[0].facts.pop("_tpl", None)
            for index, event in enumerate(cluster):
                # leave one record for each event still to come, so no cluster loses a member
                budget = self.n - self.produced - (len(cluster) - index - 1)
                for record in self._event_records(event, self._group_size(budget)):
                    buffer.append(record)
                    self.produced += 1
            if len(buffer) >= WINDOW or self.produced >= self.n:
                self.rng.shuffle(buffer)
                for record in buffer:
                    emitted += 1
                    yield {"id": f"synth-{emitted:07d}", **record}
                buffer = []

    def _event_records(self, event: Event, size: int) -> list[dict[str, Any]]:
        rng = self.rng
        rel = event.facts.pop("_rel", None)
        tpl = event.facts.pop("_tpl", None)
        dup = None
        if size > 1:
            self.dup_groups += 1
            dup = self.dup_groups
        labels = {
            "dup_group": dup,
            "rel_group": int(rel) if rel else None,
            "template_group": int(tpl) if tpl else None,
            "event_date": event.day.isoformat(),
            "people": event.people,
        }
        outlets = self._outlets(event, size)
        base = render(event, rng)
        published = event.day + timedelta(days=1 if rng.random() < 0.3 else 0)
        self.serial += 1
        first = assemble(base, outlets[0], event, published, rng, self.serial, self.recent)
        records = [{**first, **labels, "variant": "original"}]
        told: set[str] = set()
        for outlet in outlets[1:]:
            self.serial += 1
            if rng.random() < REWRITE_SHARE:
                story = render(event, rng, avoid=base.choices)
                when = event.day + timedelta(days=rng.randint(0, 1))
                record = assemble(story, outlet, event, when, rng, self.serial, self.recent)
                variant = "rewrite"
            else:
                story, edits = republish(base, event, rng)
                # Every copy differs from the original in its words; two copies can still
                # coincide (same new headline, nothing dropped).
                while size > 2 and words_of(story) in told:
                    add_typos(story.paras, rng, 1)
                    if "typos" not in edits:
                        edits.append("typos")
                if size > 2:
                    told.add(words_of(story))
                when = published + timedelta(days=rng.randint(0, 2))
                extras: tuple[str, ...] = ()
                if "boilerplate" in edits:
                    extras = tuple(rng.sample(bp.REPUBLISH_EXTRAS, 2))
                record = assemble(
                    story,
                    outlet,
                    event,
                    when,
                    rng,
                    self.serial,
                    self.recent,
                    extras,
                    source=(outlets[0]["name"], base.title),
                )
                variant = "republish:" + "+".join(edits)
            records.append({**record, **labels, "variant": variant})
        self.recent.append(base.title)
        return records


def generate(
    n: int, seed: int = 0, *, start: date = DEFAULT_START, days: int = 365
) -> Iterator[dict[str, Any]]:
    """`n` records, deterministic for given arguments; dates spread over `days` from `start`."""
    return Generator(n, seed, start, days).records()


def labelled_pairs(
    records: Iterable[dict[str, Any]],
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Ground truth as (id, id) pairs in sorted order: (duplicates, related).

    Duplicates share a dup_group. Related pairs share a rel_group but tell different events.
    Every other pair is a negative for both (template-headline traps among them).
    """
    by_dup: dict[int, list[str]] = {}
    by_rel: dict[int, list[tuple[Any, str]]] = {}
    for record in records:
        if record["dup_group"] is not None:
            by_dup.setdefault(record["dup_group"], []).append(record["id"])
        if record["rel_group"] is not None:
            event = record["dup_group"] if record["dup_group"] is not None else record["id"]
            by_rel.setdefault(record["rel_group"], []).append((event, record["id"]))
    duplicates = {
        (a, b) if a < b else (b, a) for ids in by_dup.values() for a, b in combinations(ids, 2)
    }
    related = {
        (a, b) if a < b else (b, a)
        for members in by_rel.values()
        for (ea, a), (eb, b) in combinations(members, 2)
        if ea != eb
    }
    return duplicates, related


# --------------------------------------------------------------------------- output


def write_jsonl(records: Iterator[dict[str, Any]], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False))
            fh.write("\n")
            count += 1
    return count


LABEL_KEYS = ("dup_group", "rel_group", "template_group", "variant", "event_date", "people")


def labels_path(out: Path) -> Path:
    """Labels of a txt-dir corpus live beside the folder, so ingesting the folder skips them."""
    return out.with_name(out.name + ".labels.jsonl")


def write_txt_dir(records: Iterator[dict[str, Any]], out: Path, seed: int) -> int:
    """Scraped-page files like seeds/, 1,000 per folder; labels in `labels_path(out)`.

    One file in ten has no headline line, as when a scraper misses it.
    """
    rng = random.Random(f"txt-{seed}")
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    with labels_path(out).open("w", encoding="utf-8") as labels:
        for record in records:
            rel = Path(f"{count // 1000:03d}") / f"{record['id']}.txt"
            (out / rel.parent).mkdir(exist_ok=True)
            has_title = rng.random() >= 0.1
            text = (
                f"{record['title']}\n\n  • Bagikan\n\n{record['body']}\n"
                if has_title
                else f"  • Bagikan{record['body']}\n"
            )
            (out / rel).write_text(text, encoding="utf-8")
            meta = {k: record[k] for k in ("id", "title", "url", "outlet", "published")}
            meta.update({k: record[k] for k in LABEL_KEYS}, file=str(rel), has_title=has_title)
            labels.write(json.dumps(meta, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="JSONL file or directory")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=("jsonl", "txt-dir"), default="jsonl")
    parser.add_argument("--start", type=date.fromisoformat, default=DEFAULT_START)
    parser.add_argument("--days", type=int, default=365, help="span of publication dates")
    args = parser.parse_args(argv)
    records = generate(args.n, args.seed, start=args.start, days=args.days)
    if args.format == "jsonl":
        count = write_jsonl(records, args.out)
    else:
        count = write_txt_dir(records, args.out, args.seed)
    print(f"wrote {count} articles to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
