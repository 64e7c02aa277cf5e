"""Dedup on the real scraped corpus (../shared/corpus): hand-labelled pairs, ids only."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsdesk.dedup import DedupConfig

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO / "bench"))

import dedup_eval  # noqa: E402


@pytest.fixture(scope="module")
def result() -> dict:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not present")
    texts = dedup_eval.corpus_texts()
    found = dedup_eval.eval_pairs(dedup_eval.CORPUS_PAIRS, texts, DedupConfig())
    assert found is not None
    return found


def test_every_labelled_corpus_pair_is_in_the_corpus(result: dict) -> None:
    assert result["missing"] == 0 and result["pairs"] >= 40


def test_cross_outlet_republications_and_reports_of_one_event_are_found(result: dict) -> None:
    assert result["duplicate"]["recall"] >= 0.85
    assert result["duplicate"]["precision"] >= 0.75


def test_template_headlines_are_never_duplicates(result: dict) -> None:
    templates = [e for e in result["errors"] if "template" in _why(e) and e["kind"] == "duplicate"]
    assert templates == []


def _why(error: dict) -> str:
    for pair in dedup_eval.read_jsonl(dedup_eval.CORPUS_PAIRS):
        if (pair["a"], pair["b"]) == (error["a"], error["b"]):
            return pair["why"]
    return ""


def test_match_preview_and_result_are_related(result: dict) -> None:
    preview = [e for e in result["errors"] if "preview and result" in _why(e)]
    assert preview == []
