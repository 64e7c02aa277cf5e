"""Story families: a story joins a family on its average likeness, so links never chain."""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.dedup.families import place
from newsdesk.dedup.index import Link


class MemoryFamilies:
    """Family membership in memory: the FamilyBook `place` writes to, without a store."""

    def __init__(self, start: dict[int, int], dismissed: set[tuple[int, int]]) -> None:
        self.of = dict(start)
        self._dismissed = dismissed

    def family_of(self, ids: Sequence[int]) -> dict[int, int]:
        return {i: self.of[i] for i in ids if i in self.of}

    def members(self, family_id: int) -> list[int]:
        return sorted(a for a, f in self.of.items() if f == family_id)

    def dismissed(self, ids: Sequence[int]) -> set[tuple[int, int]]:
        return self._dismissed

    def put(self, article_id: int, family_id: int, score: float, why: list[str]) -> None:
        self.of[article_id] = family_id


def book(families: dict[int, int], dismissed: Sequence[tuple[int, int]] = ()) -> MemoryFamilies:
    return MemoryFamilies(families, set(dismissed))


def test_a_pair_of_duplicates_founds_a_family_named_after_its_first_story() -> None:
    families = book({})
    placed = place(2, [Link(1, 2, "duplicate", 90, ["body alike: 80%"])], families, None, 50)  # type: ignore[arg-type]
    assert placed.family_id == 1
    assert families.family_of([1, 2]) == {1: 1, 2: 1}
    assert placed.why[0].startswith("average likeness 90")
    assert "body alike: 80%" in placed.why[1]


def test_a_story_like_one_member_but_not_the_others_does_not_chain_into_the_family() -> None:
    families = book({1: 1, 2: 1})
    scores = {1: 10.0}
    placed = place(3, [Link(2, 3, "duplicate", 80, [])], families, lambda s, o: scores[o], 50)
    assert placed.family_id is None
    assert 3 not in families.of
    (link,) = placed.links
    assert link.kind == "related"
    assert "not the same story as family #1: average likeness 45 over 2 stories" in link.reasons


def test_a_story_like_the_family_as_a_whole_joins_it() -> None:
    families = book({1: 1, 2: 1})
    placed = place(3, [Link(2, 3, "duplicate", 80, [])], families, lambda s, o: 70.0, 50)
    assert placed.family_id == 1 and placed.score == 75.0
    assert [link.kind for link in placed.links] == ["duplicate"]


def test_the_best_family_wins_and_links_to_the_other_become_related() -> None:
    families = book({1: 1, 2: 1, 5: 5, 6: 5})
    scores = {1: 60.0, 2: 60.0, 5: 95.0, 6: 95.0}
    links = [Link(2, 9, "duplicate", 60, []), Link(6, 9, "duplicate", 95, [])]
    placed = place(9, links, families, lambda s, o: scores[o], 50)
    assert placed.family_id == 5
    kinds = {(link.a, link.b): link.kind for link in placed.links}
    assert kinds == {(2, 9): "related", (6, 9): "duplicate"}


def test_a_dismissed_pair_keeps_a_story_out_of_that_family() -> None:
    families = book({1: 1, 2: 1}, dismissed=[(1, 3)])
    placed = place(3, [Link(2, 3, "duplicate", 99, [])], families, lambda s, o: 99.0, 50)
    assert placed.family_id is None


def test_related_links_never_move_a_story_into_a_family() -> None:
    families = book({})
    placed = place(2, [Link(1, 2, "related", 40, [])], families, lambda s, o: 40.0, 50)
    assert placed.family_id is None and families.of == {}


def test_a_story_like_two_families_folds_them_together_when_they_are_alike() -> None:
    families = book({1: 1, 2: 1, 5: 5, 6: 5})
    links = [Link(2, 9, "duplicate", 90, []), Link(6, 9, "duplicate", 80, [])]
    placed = place(9, links, families, lambda s, o: 85.0, 50, lambda a, b: 70.0)
    assert placed.family_id == 1
    assert families.family_of([1, 2, 5, 6, 9]) == {1: 1, 2: 1, 5: 1, 6: 1, 9: 1}
    assert [link.kind for link in placed.links] == ["duplicate", "duplicate"]


def test_a_story_like_two_families_does_not_join_them_when_they_differ() -> None:
    families = book({1: 1, 2: 1, 5: 5, 6: 5})
    links = [Link(2, 9, "duplicate", 90, []), Link(6, 9, "duplicate", 80, [])]
    placed = place(9, links, families, lambda s, o: 85.0, 50, lambda a, b: 5.0)
    assert placed.family_id == 1
    assert families.family_of([5, 6]) == {5: 5, 6: 5}  # the bridge alone does not chain
    kinds = {(link.a, link.b): link.kind for link in placed.links}
    assert kinds == {(2, 9): "duplicate", (6, 9): "related"}
