"""Scoring for the dedup evaluation: pure functions, stdlib only, so the harness tests them.

Pair precision/recall, clusterings against gold groups (pairwise, B-cubed, ARI), the best
cut of a score, and a plain TF-IDF cosine baseline. Nothing here knows about newsdesk.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


def read_jsonl(path: Path) -> list[dict]:
    """Every non-empty line of a JSON Lines file, parsed."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@dataclass
class PRF:
    """Counts of a yes/no decision against the truth; empty sides read as 1.0 (nothing wrong)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1

    def row(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def clustering_scores(
    predicted: Sequence[Hashable], gold: Sequence[Hashable]
) -> dict[str, dict[str, float] | float]:
    """Predicted clusters (one label per item) against gold groups, three ways.

    pairwise: item pairs put together vs pairs truly together; B-cubed: per-item precision and
    recall of its cluster, averaged (big clusters cannot hide small errors); ARI: pair agreement
    corrected for chance (0 = random, 1 = identical).
    """
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold must label the same items")
    n = len(gold)
    cells = Counter(zip(predicted, gold))
    pred_sizes = Counter(predicted)
    gold_sizes = Counter(gold)
    together = sum(_pairs(c) for c in cells.values())
    pred_pairs = sum(_pairs(c) for c in pred_sizes.values())
    gold_pairs = sum(_pairs(c) for c in gold_sizes.values())
    pp = together / pred_pairs if pred_pairs else 1.0
    pr = together / gold_pairs if gold_pairs else 1.0
    # B-cubed: item i in cell (c, g) sees cells[c, g] right of pred_sizes[c] and gold_sizes[g]
    bp = sum(k * k / pred_sizes[c] for (c, _), k in cells.items()) / n if n else 1.0
    br = sum(k * k / gold_sizes[g] for (_, g), k in cells.items()) / n if n else 1.0
    return {
        "pairwise": {
            "precision": round(pp, 3),
            "recall": round(pr, 3),
            "f1": round(_f1(pp, pr), 3),
            "tp": together,
            "fp": pred_pairs - together,
            "fn": gold_pairs - together,
        },
        "bcubed": {"precision": round(bp, 3), "recall": round(br, 3), "f1": round(_f1(bp, br), 3)},
        "ari": round(adjusted_rand_index(predicted, gold), 3),
        "clusters": len(pred_sizes),
        "gold_groups": len(gold_sizes),
    }


def adjusted_rand_index(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Hubert and Arabie's ARI (what sklearn's adjusted_rand_score computes)."""
    n = len(gold)
    together = sum(_pairs(c) for c in Counter(zip(predicted, gold)).values())
    a = sum(_pairs(c) for c in Counter(predicted).values())
    b = sum(_pairs(c) for c in Counter(gold).values())
    total = _pairs(n)
    if total == 0:
        return 1.0
    expected = a * b / total
    best = (a + b) / 2
    if best == expected:  # both all-singletons or both one cluster: identical partitions
        return 1.0
    return (together - expected) / (best - expected)


def closure(nodes: Iterable[int], edges: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Connected components (union-find): node -> smallest node of its component."""
    parent: dict[int, int] = {n: n for n in nodes}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {n: root(n) for n in list(parent)}


def best_threshold(scored: Iterable[tuple[float, bool]]) -> dict[str, float]:
    """The F1 an oracle cut would give (how baselines are stated; never a shipped setting)."""
    ranked = sorted(scored, key=lambda item: -item[0])
    positives = sum(actual for _, actual in ranked)
    tp = fp = 0
    best = (0.0, 0.0, 0.0, 0.0)
    for i, (score, actual) in enumerate(ranked):
        tp += actual
        fp += not actual
        if i + 1 < len(ranked) and ranked[i + 1][0] == score:
            continue  # a cut cannot split tied scores
        f1 = 2 * tp / (tp + fp + positives) if positives else 0.0
        if f1 > best[0]:
            best = (f1, score, tp / (tp + fp), tp / positives)
    return {
        "f1": round(best[0], 3),
        "threshold": round(best[1], 4),
        "precision": round(best[2], 3),
        "recall": round(best[3], 3),
    }


_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def ngrams(text: str) -> list[str]:
    """Word 1- and 2-grams, lower-cased, as TfidfVectorizer(ngram_range=(1, 2)) makes them."""
    words = _TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def tfidf_vectors(
    texts: Mapping[str, str], fit_on: Iterable[str] | None = None
) -> dict[str, dict[str, float]]:
    """Sublinear-tf, smoothed-idf, L2-normalised vectors (TfidfVectorizer's defaults + sublinear).

    `fit_on`: the documents the idf is counted over (default: `texts` themselves).
    """
    grams = {key: Counter(ngrams(text)) for key, text in texts.items()}
    df: Counter[str] = Counter()
    n = 0
    for text in fit_on if fit_on is not None else texts.values():
        df.update(set(ngrams(text)))
        n += 1
    vectors: dict[str, dict[str, float]] = {}
    for key, counts in grams.items():
        vec = {
            g: (1 + math.log(c)) * (math.log((1 + n) / (1 + df.get(g, 0))) + 1)
            for g, c in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[key] = {g: v / norm for g, v in vec.items()}
    return vectors


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two L2-normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(g, 0.0) for g, v in a.items())
