"""The Indonesian labelled set: precision and recall floors, and what it must contain."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from newsdesk.dedup import DedupConfig

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import dedup_eval  # noqa: E402


def test_labelled_set_has_at_least_sixty_pairs_of_every_kind() -> None:
    pairs = dedup_eval.read_jsonl(dedup_eval.LABELLED)
    labels = Counter(p["label"] for p in pairs)
    assert len(pairs) >= 60
    assert labels["duplicate"] >= 15 and labels["related"] >= 10 and labels["none"] >= 20
    assert {"a": "seed:000", "b": "seed:001"}.items() <= pairs[0].items()


def test_duplicates_are_found_precisely_on_the_labelled_set() -> None:
    result = dedup_eval.eval_pairs(dedup_eval.LABELLED, dedup_eval.labelled_texts(), DedupConfig())
    assert result is not None and result["missing"] == 0
    assert result["duplicate"]["precision"] >= 0.95, json.dumps(result["errors"], indent=1)
    assert result["duplicate"]["recall"] >= 0.95, json.dumps(result["errors"], indent=1)
    assert result["related"]["recall"] >= 0.8
    assert result["related"]["precision"] >= 0.7
