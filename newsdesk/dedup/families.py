"""Story families: a new story joins the family it matches as a whole, never through one link.

Pairwise links chain: A is like B, B is like C, and A and C are two events. So a story joins
a family only when its *average* likeness to the family's members (average link, judged
against each member, not only the few candidates that found it) reaches the duplicate
threshold. A duplicate link to a story of another family is shown as related, with why.

The same `place` runs at ingest (story by story) and in the full pass (replayed in id order),
so both build the same families from the same judgements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newsdesk.dedup.index import Link

# A family's members judged against a newcomer, at most: the ones it was already linked to
# first, then the most recent. Bounds the work per story whatever the family's size.
MAX_MEMBERS_JUDGED = 24
# Pairs judged between two families a story resembles both of, before folding one into the
# other. Bounds the work per story whatever the families' sizes.
MAX_CROSS_JUDGED = 24


class FamilyBook(Protocol):
    """Where family membership lives: the store at ingest, memory during a full pass."""

    def family_of(self, ids: Sequence[int]) -> dict[int, int]: ...

    def members(self, family_id: int) -> list[int]: ...

    def dismissed(self, ids: Sequence[int]) -> set[tuple[int, int]]: ...

    def put(self, article_id: int, family_id: int, score: float, why: list[str]) -> None: ...


# (story id, other id) -> likeness score 0-100, or None when the other cannot be judged
Likeness = Callable[[int, int], "float | None"]


@dataclass
class Placement:
    family_id: int | None = None  # the family the story is now in, if any
    score: float = 0.0
    why: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)  # to record, cross-family ones as related


@dataclass
class _Group:
    family_id: int | None  # None: a story standing alone
    members: list[int]
    scores: list[float] = field(default_factory=list)

    @property
    def average(self) -> float:
        return sum(self.scores) / len(self.scores) if self.scores else 0.0


def place(
    story: int,
    links: Iterable[Link],
    book: FamilyBook,
    likeness: Likeness,
    threshold: float,
    pair_likeness: Likeness | None = None,
) -> Placement:
    """Put `story` in the family it matches on average, and say why; returns links to record.

    When the story is as like another family as a whole, that family is the same story too
    if the two are alike on average (their members judged against each other with
    `pair_likeness`, up to MAX_CROSS_JUDGED pairs): average link between clusters, so two
    families joined by one story that resembles both are still told apart.
    """
    links = list(links)
    known = {(link.b if link.a == story else link.a): link for link in links}
    current = book.family_of([story]).get(story)
    if current is not None:  # kept from an editor's decision: it stays where it is
        return _stay(story, current, known, book)
    duplicates = sorted(
        (other for other, link in known.items() if link.kind == "duplicate"),
        key=lambda other: (-known[other].score, other),
    )
    families = book.family_of(duplicates)
    groups: dict[tuple[str, int], _Group] = {}
    for other in duplicates:
        fid = families.get(other)
        key = ("family", fid) if fid is not None else ("story", other)
        if key not in groups:
            members = book.members(fid) if fid is not None else [other]
            groups[key] = _Group(fid, members)
    best: _Group | None = None
    for group in groups.values():
        judged = _judged(group.members, known)
        vetoed = book.dismissed([story, *judged])
        if any((min(story, m), max(story, m)) in vetoed for m in judged):
            group.scores = []
            continue
        for member in judged:
            score = known[member].score if member in known else likeness(story, member)
            if score is not None:
                group.scores.append(score)
        if group.scores and (best is None or group.average > best.average):
            best = group
    placement = Placement()
    if best is not None and best.average >= threshold:
        closest = max(
            (m for m in best.members if m in known), key=lambda m: known[m].score, default=None
        )
        placement.family_id = best.family_id if best.family_id is not None else best.members[0]
        placement.score = round(best.average, 1)
        placement.why = _why(best, closest, known)
        if best.family_id is None:  # a pair founds a family, labelled by its first story
            founder = best.members[0]
            book.put(founder, placement.family_id, placement.score, [f"founded with #{story}"])
        book.put(story, placement.family_id, placement.score, placement.why)
        if pair_likeness is not None:
            for group in groups.values():
                if group is not best and group.scores and group.average >= threshold:
                    _merge_if_alike(story, best, group, placement, book, pair_likeness, threshold)
    joined = set(best.members) if placement.family_id is not None and best else set()
    for other, link in known.items():
        if link.kind == "duplicate" and other not in joined:
            group = next(g for g in groups.values() if other in g.members)
            label = f"family #{group.family_id}" if group.family_id is not None else f"#{other}"
            note = (
                f"not the same story as {label}: average likeness {group.average:.0f} "
                f"over {len(group.scores)} stor{'y' if len(group.scores) == 1 else 'ies'}"
            )
            link = Link(link.a, link.b, "related", link.score, [*link.reasons, note])
        placement.links.append(link)
    return placement


def _merge_if_alike(
    story: int,
    best: _Group,
    other: _Group,
    placement: Placement,
    book: FamilyBook,
    pair_likeness: Likeness,
    threshold: float,
) -> None:
    """Fold `other` into the story's family when the two are alike as wholes."""
    assert placement.family_id is not None
    scores = list(other.scores)  # the story against the other family
    pairs = [(a, b) for a in best.members for b in other.members][:MAX_CROSS_JUDGED]
    vetoed = book.dismissed([*best.members, *other.members])
    if any((min(a, b), max(a, b)) in vetoed for a in best.members for b in other.members):
        return
    for a, b in pairs:
        score = pair_likeness(a, b)
        if score is not None:
            scores.append(score)
    average = sum(scores) / len(scores)
    if average < threshold:
        return
    label = f"family #{other.family_id}" if other.family_id is not None else f"#{other.members[0]}"
    why = [f"{label} joined through #{story}: average likeness {average:.0f} between them"]
    for member in other.members:
        book.put(member, placement.family_id, round(average, 1), why)
    best.members = [*best.members, *other.members]


def _stay(story: int, family_id: int, known: dict[int, Link], book: FamilyBook) -> Placement:
    members = set(book.members(family_id))
    placement = Placement(family_id=family_id)
    for other, link in known.items():
        if link.kind == "duplicate" and other not in members:
            note = f"not the same story: #{story} is in family #{family_id} by an editor"
            link = Link(link.a, link.b, "related", link.score, [*link.reasons, note])
        placement.links.append(link)
    return placement


def _judged(members: list[int], known: dict[int, Link]) -> list[int]:
    """The members a newcomer is judged against: linked ones first, then the most recent."""
    linked = [m for m in members if m in known]
    rest = sorted((m for m in members if m not in known), reverse=True)
    return (linked + rest)[:MAX_MEMBERS_JUDGED]


def _why(group: _Group, closest: int | None, known: dict[int, Link]) -> list[str]:
    n = len(group.scores)
    why = [f"average likeness {group.average:.0f} to {n} stor{'y' if n == 1 else 'ies'}"]
    if closest is not None:
        link = known[closest]
        why.append(f"closest #{closest} ({link.score:.0f}): " + "; ".join(link.reasons[:4]))
    return why
