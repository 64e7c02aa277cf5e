"""Diagnostics (not the product's path): the pairwise judge called directly, in this process.

What the desk reports is measured in `dedup_eval.py` through the CLI. These helpers call
newsdesk's internals to explain the gap: how the judge alone rates pairs of the *stored*
stories, and which of its duplicates candidate generation never brings to it. They import the
newsdesk this Python sees (not `--newsdesk`), and may break when the internals change; the
harness then says so and carries on.

`eval_pairs`, `labelled_texts`, `corpus_texts` and `average_link` are the earlier judge-only
evaluation, kept because tests/test_dedup_labelled.py, test_dedup_corpus.py and
test_dedup_families.py use them.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from eval_metrics import PRF, read_jsonl

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def story(record: dict) -> SimpleNamespace:
    return SimpleNamespace(
        title=record.get("title") or "",
        body=record.get("body") or "",
        published=record.get("published"),
        outlet=record.get("outlet"),
    )


def rarity_of(features: Iterable[Any]) -> Any:
    from newsdesk.dedup import Rarity

    rarity = Rarity(Counter(), 0)
    for f in features:
        rarity.add(f)
    return rarity


def eval_pairs(path: Path, texts: dict[str, dict], config: Any) -> dict | None:
    """Judge-only, raw records (diagnostic): P/R for duplicate and for related per pair."""
    from newsdesk.dedup import extract, judge_features

    if not path.exists():
        return None
    pairs = read_jsonl(path)
    rarity = rarity_of(extract(story(r), config.shingle_size) for r in texts.values())
    dup, rel = PRF(), PRF()
    confusion: Counter[tuple[str, str]] = Counter()
    errors: list[dict] = []
    missing = 0
    for pair in pairs:
        a, b = texts.get(pair["a"]), texts.get(pair["b"])
        if a is None or b is None:
            missing += 1
            continue
        fa = extract(story(a), config.shingle_size)
        fb = extract(story(b), config.shingle_size)
        verdict = judge_features(fa, fb, config, rarity)
        label = pair["label"]
        dup.add(verdict.kind == "duplicate", label == "duplicate")
        rel.add(verdict.kind == "related", label == "related")
        confusion[(label, verdict.kind)] += 1
        if verdict.kind != label:
            errors.append({"a": pair["a"], "b": pair["b"], "label": label, **verdict.__dict__})
    return {
        "pairs": len(pairs) - missing,
        "missing": missing,
        "duplicate": dup.row(),
        "related": rel.row(),
        "confusion": {f"{k[0]}->{k[1]}": v for k, v in sorted(confusion.items())},
        "errors": errors,
    }


def seed_records() -> list[dict]:
    """The two seed stories (title on the first line), with the ids the labelled set uses."""
    records = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        records.append({"id": f"seed:{path.name[:3]}", "title": title.strip(), "body": body})
    return records


def labelled_texts() -> dict[str, dict]:
    """The hand-made set carries its own texts (paraphrases we wrote) plus the two seeds."""
    texts = {r["id"]: r for r in seed_records()}
    docs = ROOT / "tests" / "data" / "dedup_docs_id.jsonl"
    if docs.exists():
        for record in read_jsonl(docs):
            texts[record["id"]] = record
    return texts


def corpus_texts() -> dict[str, dict]:
    texts: dict[str, dict] = {}
    if CORPUS.exists():
        for path in sorted(CORPUS.glob("*.jsonl")):
            for record in read_jsonl(path):
                texts[record["id"]] = record
    return texts


def average_link(n: int, scores: dict[tuple[int, int], float], cut: float) -> list[int]:
    """Merge the two groups with the highest mean pair score while that mean is >= cut.

    Only groups joined by at least one pair >= cut can reach the cut, so only those are scored.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    neighbours: dict[int, set[int]] = {i: set() for i in range(n)}
    for (i, j), score in scores.items():
        if score >= cut:
            neighbours[i].add(j)
            neighbours[j].add(i)

    def mean(a: int, b: int) -> float:
        total = sum(scores[min(x, y), max(x, y)] for x in members[a] for y in members[b])
        return total / (len(members[a]) * len(members[b]))

    size = {i: 1 for i in range(n)}  # an entry is stale once either group has grown
    heap = [(-mean(a, b), a, b, 1, 1) for a in range(n) for b in neighbours[a] if a < b]
    heapq.heapify(heap)
    while heap:
        negative, a, b, size_a, size_b = heapq.heappop(heap)
        if -negative < cut:
            break
        if size.get(a) != size_a or size.get(b) != size_b:
            continue  # one of the groups has merged since
        members[a] += members.pop(b)
        size[a] += size.pop(b)
        for c in neighbours.pop(b) - {a}:
            neighbours[c].discard(b)
            neighbours[c].add(a)
            neighbours[a].add(c)
        neighbours[a].discard(b)
        for c in neighbours[a]:
            low, high = min(a, c), max(a, c)
            heapq.heappush(heap, (-mean(a, c), low, high, size[low], size[high]))
    family = [0] * n
    for root, group in members.items():
        for i in group:
            family[i] = root
    return family


class StoredJudge:
    """The judge over a built store's stories as dedup sees them (dates filled from ingestion).

    Word frequencies are those of all stored stories, as after a full pass.
    """

    def __init__(self, db: Path, rules: Path) -> None:
        from newsdesk.dedup import extract, service
        from newsdesk.dedup.incremental import story_of
        from newsdesk.desk import Desk
        from newsdesk.store import links as sql

        desk = Desk.open(db, rules)
        try:
            self.config = service.config_from_rules(desk.rules)
            entities = service.entity_finder(desk.rules, self.config)
            with desk.store.read() as handle:
                rows = [r for r in sql.iter_articles(handle) if r["status"] != "merged"]
        finally:
            desk.close()
        self.features = {
            r["id"]: extract(story_of(r), self.config.shingle_size, entities) for r in rows
        }
        self.rarity = rarity_of(self.features.values())

    def verdict(self, a: int, b: int) -> Any:
        from newsdesk.dedup import judge_features

        return judge_features(self.features[a], self.features[b], self.config, self.rarity)

    def all_pairs(self, ids: Iterable[int]) -> Iterable[tuple[int, int, Any]]:
        for a, b in itertools.combinations(sorted(set(ids)), 2):
            yield a, b, self.verdict(a, b)
