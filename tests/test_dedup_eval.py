"""The dedup evaluation harness (bench/dedup_eval.py): its metrics and its path through the CLI.

The metrics are checked on small cases worked out by hand; the product path on a toy set
written here (the two seeds, a republication, an identical copy, an unrelated story) goes
through `newsdesk ingest`, `list`, `dedup` and `show` as subprocesses, like the real run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import dedup_eval  # noqa: E402
import desk_path  # noqa: E402
from eval_metrics import (  # noqa: E402
    adjusted_rand_index,
    best_threshold,
    closure,
    clustering_scores,
    cosine,
    tfidf_vectors,
)

# --- metrics on cases worked out by hand ---------------------------------------------------

# gold A A A B B C, predicted 1 1 2 2 2 3: cells (1,A)=2 (2,A)=1 (2,B)=2 (3,C)=1
PREDICTED = [1, 1, 2, 2, 2, 3]
GOLD = ["A", "A", "A", "B", "B", "C"]


def test_ari_matches_the_hand_computation() -> None:
    # together 2, pairs in predicted clusters 1+3 = 4, in gold groups 3+1 = 4, C(6,2) = 15:
    # expected 16/15, max 4 -> (2 - 16/15) / (4 - 16/15) = 7/22
    assert adjusted_rand_index(PREDICTED, GOLD) == pytest.approx(7 / 22)


def test_ari_is_one_for_the_same_partition_under_other_names_and_near_zero_for_noise() -> None:
    assert adjusted_rand_index(["x", "x", "y"], [5, 5, 7]) == 1.0
    assert adjusted_rand_index([1, 2, 3, 4], [1, 1, 1, 1]) == pytest.approx(0.0)


def test_pairwise_and_bcubed_match_the_hand_computation() -> None:
    scores = clustering_scores(PREDICTED, GOLD)
    assert scores["pairwise"]["precision"] == 0.5 and scores["pairwise"]["recall"] == 0.5
    # B-cubed precision per item: 1, 1, 1/3, 2/3, 2/3, 1 -> 14/18; recall: 2/3, 2/3, 1/3, 1,
    # 1, 1 -> 14/18
    assert scores["bcubed"]["precision"] == round(14 / 18, 3)
    assert scores["bcubed"]["recall"] == round(14 / 18, 3)
    assert scores["ari"] == round(7 / 22, 3)
    assert (scores["clusters"], scores["gold_groups"]) == (3, 3)


def test_best_threshold_never_splits_tied_scores() -> None:
    # cut 0.9: tp 1 fp 0 -> F1 2/3; cut 0.5 takes both tied pairs: tp 2 fp 1 -> 0.8 (splitting
    # the tie, wrongly, would give 1.0); cut 0.1: tp 2 fp 2 -> 2/3
    best = best_threshold([(0.9, True), (0.5, True), (0.5, False), (0.1, False)])
    assert (best["f1"], best["threshold"], best["precision"], best["recall"]) == (
        0.8,
        0.5,
        round(2 / 3, 3),
        1.0,
    )


def test_closure_joins_chains_and_keeps_loners() -> None:
    family = closure([1, 2, 3, 4, 5], [(1, 2), (3, 2)])
    assert family[1] == family[2] == family[3] == 1
    assert family[4] == 4 and family[5] == 5


def test_tfidf_cosine_is_one_for_the_same_text_and_zero_for_disjoint_words() -> None:
    vectors = tfidf_vectors({"a": "banjir di sambas", "b": "banjir di sambas", "c": "laga bola"})
    assert cosine(vectors["a"], vectors["b"]) == pytest.approx(1.0)
    assert cosine(vectors["a"], vectors["c"]) == 0.0


def test_families_read_from_a_families_command_in_any_reasonable_shape() -> None:
    shaped = [{"id": 7, "members": [1, {"id": 2}]}, {"id": 8, "members": [3]}]
    family = desk_path.parse_families({"families": shaped})
    assert family[1] == family[2] != family[3]


# --- the product path on a toy set -----------------------------------------------------------


def _seed(number: str) -> tuple[str, str]:
    path = next((REPO / "seeds").glob(f"{number}_*.txt"))
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    return title.strip(), body


def _toy_corpus(folder: Path) -> tuple[Path, Path, list[dict]]:
    title0, body0 = _seed("000")
    title1, body1 = _seed("001")
    republished = body0.replace("HARIAN BERKAT –", "PONTIANAK, KALBAROKE.COM -")
    republished = "\n".join(line for line in republished.splitlines() if "Baca Juga" not in line)
    sport = (
        "Persija Jakarta menang 2-1 atas Persib Bandung di Stadion Gelora Bung Karno, Sabtu "
        "malam. Gol kemenangan dicetak Marko Simic pada menit ke-88 lewat sundulan. Pelatih "
        "Thomas Doll memuji semangat para pemain yang bangkit setelah tertinggal di babak "
        "pertama. Dengan hasil ini Persija naik ke posisi ketiga klasemen sementara Liga 1."
    )
    rows = [
        ("t-1", title0, body0, "https://harianberkat.example/a", "Harian Berkat", "2025-10-03", 0),
        ("t-2", f"Kalbar-DKI Teken Kerja Sama: {title0[:40]}", republished,
         "https://kalbaroke.example/b", "KalbarOke", "2025-10-03", 0),
        ("t-3", title0, body0, "https://mirror.example/c", "Mirror", "2025-10-03", 0),  # same text
        ("t-4", title1, body1, None, "Harian Berkat", "2025-10-14", 1),
        ("t-5", "Persija Tundukkan Persib 2-1", sport, None, "Bola Kita", "2025-10-04", 2),
    ]  # fmt: skip
    records = []
    for key, title, body, url, outlet, published, event in rows:
        record = {"id": key, "title": title, "body": body, "outlet": outlet, "event": event}
        record |= {"published": published} | ({"url": url} if url else {})
        records.append(record)
    corpus = folder / "toy.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    pairs = [
        {"a": "t-1", "b": "t-2", "label": "duplicate", "agreed": True},
        {"a": "t-1", "b": "t-3", "label": "duplicate", "agreed": True},
        {"a": "t-1", "b": "t-4", "label": "related", "agreed": True},
        {"a": "t-4", "b": "t-5", "label": "unrelated", "agreed": True},
        {"a": "t-2", "b": "t-5", "label": "unrelated", "agreed": True},
        {"a": "t-2", "b": "t-4", "label": "duplicate", "agreed": False},  # not agreed: unscored
    ]
    labels = folder / "pairs.jsonl"
    labels.write_text("".join(json.dumps(p) + "\n" for p in pairs), encoding="utf-8")
    return corpus, labels, records


def test_the_harness_scores_a_toy_set_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, labels, records = _toy_corpus(tmp_path)
    monkeypatch.setattr(dedup_eval, "IDNEWS_CORPUS", corpus)
    monkeypatch.setattr(dedup_eval, "IDNEWS_PAIRS", labels)
    cli = desk_path.DeskCLI([sys.executable, "-m", "newsdesk"], dedup_eval.RULES)
    (tmp_path / "stores").mkdir()
    run = dedup_eval.Run(cli, tmp_path / "stores", errors=5)
    result = dedup_eval.run_idnews(run)
    stored = run.stores["idnews"]

    # ids: two by URL, the identical copy refused and mapped to its twin, two by ingest order
    store = result["store"]
    assert store["stored"] == 4 and store["unmapped"] == 0
    assert store["mapped_by"] == {
        "url": 2,
        "already stored: stored twin": 1,
        "ingest order (no url)": 2,
    }
    assert stored.ids["t-3"] == stored.ids["t-1"]
    assert store["order_spot_checks_ok"] == "2/2"

    # the five agreed pairs are scored, the disagreed one is not
    assert result["agreed"] == 5 and result["pairs"] == 5 and result["both_one_stored_story"] == 1
    assert "without_refused_records" in result  # t-3 was refused: figures without it too

    # the desk's core promise on this toy: one family for the story, the seeds related
    t1, t2, t4, t5 = (stored.ids[k] for k in ("t-1", "t-2", "t-4", "t-5"))
    assert stored.family[t1] == stored.family[t2], stored.links
    assert result["duplicate_by_family"]["f1"] == 1.0, result
    assert result["related_shown_as_related"]["by_family"] == "1/1", result
    assert result["unrelated_left_unlinked"]["by_family"] == "2/2", result
    assert len({stored.family[t1], stored.family[t4], stored.family[t5]}) == 3

    # families against gold events: a perfect partition here
    scores = dedup_eval.family_scores(records, stored, "event")
    assert scores["pairwise"]["f1"] == 1.0 and scores["bcubed"]["f1"] == 1.0
    assert scores["ari"] == 1.0
    assert scores["pairs_as_reported"]["tp"] == 3  # 1-2 linked, 1-3 one story, 2-3 via twin

    text = dedup_eval.human({"idnews": result})
    assert "closure of duplicate links" in text or "families --json" in text


def test_absent_data_is_skipped_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(dedup_eval, "IDNEWS_PAIRS", tmp_path / "absent.jsonl")
    monkeypatch.setattr(dedup_eval, "ECB", tmp_path / "absent-ecb.jsonl")
    out = tmp_path / "out.json"
    assert dedup_eval.main(["--idnews", "--ecb", "--json", str(out)]) == 0
    results = json.loads(out.read_text())
    assert results["idnews"]["skipped"].startswith("skipped:")
    assert results["ecbplus"]["skipped"].startswith("skipped:")
    assert "absent" in capsys.readouterr().out


class _StubCLI(desk_path.DeskCLI):
    """Answers `families --json` from a canned reply; nothing else is run."""

    def __init__(self, code: int, stdout: str) -> None:
        super().__init__(["newsdesk"], REPO / "rules.yaml")
        self.reply = (code, stdout)

    def run(self, db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        assert args[0] == "families"
        code, stdout = self.reply
        return subprocess.CompletedProcess(args, code, stdout, "No such command 'families'.")


def _stored_with_links(tmp_path: Path) -> desk_path.Stored:
    stored = desk_path.Stored(tmp_path / "desk.db")
    stored.articles = {i: {"id": i} for i in (1, 2, 3, 4)}
    stored.links = [
        {"a": 1, "b": 2, "kind": "duplicate", "score": 90, "reasons": []},
        {"a": 2, "b": 3, "kind": "related", "score": 30, "reasons": []},
    ]
    return stored


def test_families_come_from_the_families_command_when_the_desk_has_one(tmp_path: Path) -> None:
    stored = _stored_with_links(tmp_path)
    desk_path.read_families(_StubCLI(0, json.dumps([{"id": 5, "members": [2, 3]}])), stored)
    assert stored.family[2] == stored.family[3]
    assert len({stored.family[1], stored.family[2], stored.family[4]}) == 3
    assert "`newsdesk families --json` (1 with 2+ stories)" in stored.families_note


def test_families_fall_back_to_the_closure_of_duplicate_links_and_say_so(tmp_path: Path) -> None:
    stored = _stored_with_links(tmp_path)
    desk_path.read_families(_StubCLI(2, ""), stored)
    assert stored.family[1] == stored.family[2] != stored.family[3]
    assert stored.families_note == desk_path.CLOSURE_NOTE
