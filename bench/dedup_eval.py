"""Dedup quality you can rerun: ECB+ (English), the Indonesian labelled sets, the synthetic corpus.

    python bench/dedup_eval.py [--ecb] [--labelled] [--corpus] [--synth N] [--errors]
    python bench/dedup_eval.py --common-names   # regenerate newsdesk/dedup/data/common_names.txt

Shared data is read from ../shared/ (never copied into the repo); absent sets are skipped.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsdesk.dedup import DedupConfig, Rarity, extract, judge_features  # noqa: E402
from newsdesk.dedup.judge import decide, score_of, signals  # noqa: E402

SHARED = ROOT.parent / "shared"
ECB = SHARED / "eval" / "ecbplus-dev.jsonl"
CORPUS = SHARED / "corpus"
LABELLED = ROOT / "tests" / "data" / "dedup_pairs_id.jsonl"
CORPUS_PAIRS = ROOT / "tests" / "data" / "dedup_pairs_corpus.jsonl"


@dataclass
class PRF:
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


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def story(record: dict) -> SimpleNamespace:
    return SimpleNamespace(
        title=record.get("title") or "",
        body=record.get("body") or "",
        published=record.get("published"),
        outlet=record.get("outlet"),
    )


def rarity_of(features: Iterable) -> Rarity:
    rarity = Rarity(Counter(), 0)
    for f in features:
        rarity.add(f)
    return rarity


def fit_half(topic: int, topics: list[int]) -> bool:
    """The weights in judge.py are fitted on every other topic (sorted): the rest is held out."""
    return topics.index(topic) % 2 == 0


def blind(record: dict) -> SimpleNamespace:
    """Headline and publication date withheld: in ECB+ only the ECB+ half carries them."""
    return SimpleNamespace(title="", body=record.get("body") or "", published=None, outlet=None)


def headline_kind(ri: dict, rj: dict) -> str:
    has = sum(bool((r.get("title") or "").strip()) for r in (ri, rj))
    return ("neither has a headline", "one has a headline", "both have a headline")[has]


def eval_ecb(config: DedupConfig, verbose: bool = False, withheld: bool = False) -> dict | None:
    """Every pair of the 496 articles; duplicate = same event. Also by fit / held-out topics.

    `withheld`: judge the bodies alone (see `blind`), to see how much the set's format helps.
    """
    if not ECB.exists():
        return None
    records = read_jsonl(ECB)
    topics = sorted({r["topic"] for r in records})
    feats = [extract((blind if withheld else story)(r), config.shingle_size) for r in records]
    rarity = rarity_of(feats)
    overall, hard, fitted, held_out = PRF(), PRF(), PRF(), PRF()
    scored: list[tuple[float, bool]] = []
    cosine: list[tuple[float, bool]] = []  # baseline: body tf-idf cosine alone
    unruled: list[tuple[float, bool]] = []  # the model's score before the conflict rules
    by_headline: dict[str, PRF] = {}
    scores: dict[tuple[int, int], float] = {}
    for i, j in itertools.combinations(range(len(records)), 2):
        ri, rj = records[i], records[j]
        s = signals(feats[i], feats[j], config, rarity)
        verdict = decide(s, config)
        cosine.append((s.body, ri["event"] == rj["event"]))
        unruled.append((score_of(s), ri["event"] == rj["event"]))
        actual = ri["event"] == rj["event"]
        predicted = verdict.kind == "duplicate"
        overall.add(predicted, actual)
        by_headline.setdefault(headline_kind(ri, rj), PRF()).add(predicted, actual)
        scores[i, j] = verdict.score
        if ri["topic"] == rj["topic"]:
            hard.add(predicted, actual)
            half = fitted if fit_half(ri["topic"], topics) else held_out
            half.add(predicted, actual)
        scored.append((verdict.score, actual))
    best = best_threshold(scored)
    return {
        "pairs": len(scored),
        "duplicate": overall.row(),
        "within_topic": hard.row(),
        "fit_topics": fitted.row(),
        "held_out_topics": held_out.row(),
        "best_threshold": best,
        "baseline_body_tfidf_best": best_threshold(cosine),
        "score_without_conflict_rules_best": best_threshold(unruled),
        "by_headline_presence": {k: v.row() for k, v in sorted(by_headline.items())},
        "story_families": families_prf(records, topics, scores, config.duplicate_threshold),
    }


def families_prf(
    records: list[dict], topics: list[int], scores: dict[tuple[int, int], float], cut: float
) -> dict[str, dict[str, float]]:
    """Pair P/R/F1 if the desk grouped stories into families (average link at the shipped cut).

    Analysis only: the product links pairs; this shows what grouping would add.
    """
    family = average_link(len(records), scores, cut)
    overall, fitted, held_out = PRF(), PRF(), PRF()
    for (i, j), _ in scores.items():
        ri, rj = records[i], records[j]
        predicted, actual = family[i] == family[j], ri["event"] == rj["event"]
        overall.add(predicted, actual)
        if ri["topic"] == rj["topic"]:
            (fitted if fit_half(ri["topic"], topics) else held_out).add(predicted, actual)
    return {
        "duplicate": overall.row(),
        "fit_topics": fitted.row(),
        "held_out_topics": held_out.row(),
        "families": len(set(family)),
    }


def average_link(n: int, scores: dict[tuple[int, int], float], cut: float) -> list[int]:
    """Merge the two groups with the highest mean pair score while that mean is >= cut.

    Only groups joined by at least one pair >= cut can reach the cut, so only those are scored.
    """
    import heapq

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


def fit_ecb(config: DedupConfig, l2: float = 1.0, cross: int = 3000) -> dict[str, float]:
    """Refit the logistic weights on half the topics (pure-Python Newton steps, L2-penalised).

    Rows: every same-topic pair of the fit topics, plus a fixed sample of cross-topic pairs.
    """
    import math
    import random

    from newsdesk.dedup.judge import model_inputs

    records = read_jsonl(ECB)
    topics = sorted({r["topic"] for r in records})
    feats = [extract(story(r), config.shingle_size) for r in records]
    rarity = rarity_of(feats)
    pairs = [
        (i, j)
        for i, j in itertools.combinations(range(len(records)), 2)
        if records[i]["topic"] == records[j]["topic"] and fit_half(records[i]["topic"], topics)
    ]
    others = [
        (i, j)
        for i, j in itertools.combinations(range(len(records)), 2)
        if records[i]["topic"] != records[j]["topic"]
        and fit_half(records[i]["topic"], topics)
        and fit_half(records[j]["topic"], topics)
    ]
    pairs += random.Random(0).sample(others, min(cross, len(others)))
    names: list[str] = []
    xs: list[list[float]] = []
    ys: list[float] = []
    for i, j in pairs:
        inputs = model_inputs(signals(feats[i], feats[j], config, rarity))
        names = list(inputs)
        xs.append([1.0, *inputs.values()])
        ys.append(float(records[i]["event"] == records[j]["event"]))
    d = len(names) + 1
    w = [0.0] * d
    for _ in range(12):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for x, y in zip(xs, ys):
            z = max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x))))
            p = 1 / (1 + math.exp(-z))
            q = p * (1 - p)
            for a in range(d):
                grad[a] += (p - y) * x[a]
                qa, row = q * x[a], hess[a]
                for b in range(a, d):
                    row[b] += qa * x[b]
        for a in range(d):
            for b in range(a):
                hess[a][b] = hess[b][a]
            if a:
                hess[a][a] += l2
                grad[a] += l2 * w[a]
        m = [[*hess[a], grad[a]] for a in range(d)]
        for c in range(d):
            pivot = max(range(c, d), key=lambda r: abs(m[r][c]))
            m[c], m[pivot] = m[pivot], m[c]
            for r in range(d):
                if r != c and m[r][c]:
                    f = m[r][c] / m[c][c]
                    m[r] = [u - f * v for u, v in zip(m[r], m[c])]
        w = [wi - m[a][d] / m[a][a] for a, wi in enumerate(w)]
    return {"intercept": round(w[0], 2), **{n: round(v, 2) for n, v in zip(names, w[1:])}}


def best_threshold(scored: list[tuple[float, bool]]) -> dict[str, float]:
    """The F1 an oracle threshold would give (how the README's baselines are stated)."""
    scored = sorted(scored, key=lambda item: -item[0])
    positives = sum(actual for _, actual in scored)
    tp = fp = 0
    best = (0.0, 0.0)
    for score, actual in scored:
        tp += actual
        fp += not actual
        f1 = 2 * tp / (tp + fp + positives)
        if f1 > best[0]:
            best = (f1, score)
    return {"f1": round(best[0], 3), "threshold": best[1]}


def eval_pairs(path: Path, texts: dict[str, dict], config: DedupConfig) -> dict | None:
    """Labelled pairs: precision and recall for duplicate and for related (related includes dup)."""
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


def labelled_texts() -> dict[str, dict]:
    """The hand-made set carries its own texts (paraphrases we wrote) plus the two seeds."""
    texts: dict[str, dict] = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        texts[f"seed:{path.name[:3]}"] = {"title": title.strip(), "body": body}
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


COMMON_SHARE = 0.015


def write_common_names() -> int:
    """Names in >= 1.5% of the real corpus: background rarity for small stores."""
    from newsdesk.dedup import text as tx

    texts = corpus_texts()
    if not texts:
        print("../shared/corpus is absent", file=sys.stderr)
        return 1
    df: Counter[str] = Counter()
    for record in texts.values():
        df.update(tx.names(tx.clean_body(record.get("body") or "")).keys())
    common = sorted(w for w, c in df.items() if c >= COMMON_SHARE * len(texts))
    path = ROOT / "newsdesk" / "dedup" / "data" / "common_names.txt"
    header = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    ]
    path.write_text("\n".join([*header, *common]) + "\n", encoding="utf-8")
    print(f"{len(common)} names written to {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ecb", action="store_true")
    parser.add_argument(
        "--blind", action="store_true", help="ECB+ also with headlines and dates withheld"
    )
    parser.add_argument("--labelled", action="store_true")
    parser.add_argument("--corpus", action="store_true")
    parser.add_argument("--synth", type=int, default=0, help="synthetic corpus of N stories")
    parser.add_argument("--errors", action="store_true", help="list misjudged labelled pairs")
    parser.add_argument("--common-names", action="store_true")
    parser.add_argument("--fit", action="store_true", help="refit judge weights on half of ECB+")
    args = parser.parse_args(argv)
    if args.common_names:
        return write_common_names()
    if args.fit:
        print(json.dumps(fit_ecb(DedupConfig()), indent=2))
        return 0
    everything = not (args.ecb or args.labelled or args.corpus or args.synth)
    config = DedupConfig()
    out: dict[str, object] = {}
    if args.ecb or everything:
        out["ecbplus"] = eval_ecb(config) or "skipped: ../shared/eval absent"
        if args.blind:
            out["ecbplus_bodies_only"] = eval_ecb(config, withheld=True) or "skipped"
    if args.labelled or everything:
        out["labelled_id"] = eval_pairs(LABELLED, labelled_texts(), config)
    if args.corpus or everything:
        texts = corpus_texts()
        out["corpus"] = eval_pairs(CORPUS_PAIRS, texts, config) if texts else "skipped"
    if args.synth:
        from dedup_bench import corpus, full_pass

        out["synthetic"] = full_pass(corpus(args.synth), runs=1, workers=1)
    for value in out.values():
        if isinstance(value, dict) and not args.errors:
            value.pop("errors", None)
    print(json.dumps(out, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
