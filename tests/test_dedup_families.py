"""Story families in the evaluation (average link): a strong bridge pair does not merge groups."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from dedup_eval import average_link


def _scores(n: int, high: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    return {(i, j): high.get((i, j), 0.0) for i in range(n) for j in range(i + 1, n)}


def test_two_stories_alike_do_not_chain_their_families_together() -> None:
    quake = {(0, 1): 90.0, (0, 2): 90.0, (1, 2): 90.0}
    flood = {(3, 4): 90.0}
    bridge = {(2, 3): 80.0}  # one quake story also tells the flood
    family = average_link(5, _scores(5, quake | flood | bridge), 50.0)
    assert family[0] == family[1] == family[2]
    assert family[3] == family[4]
    assert family[0] != family[3]


def test_a_story_joins_a_family_it_matches_on_average() -> None:
    family = average_link(4, _scores(4, {(0, 1): 95.0, (0, 2): 70.0, (1, 2): 40.0}), 50.0)
    assert family[0] == family[1] == family[2]  # mean (70 + 40) / 2 = 55 >= 50
    assert family[3] != family[0]


def test_a_story_matching_one_member_only_stays_out_once_the_family_grows() -> None:
    family = average_link(3, _scores(3, {(0, 1): 90.0, (0, 2): 80.0}), 50.0)
    assert family[0] == family[1]
    assert family[2] != family[0]  # mean (80 + 0) / 2 = 40 < 50
