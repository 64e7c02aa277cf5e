"""Fit the judge's score on stored stories, with held-out figures: the weights in judge.py.

    python bench/dedup_fit.py [--reuse] [--workdir DIR] [--dump FILE] [--features a,b,...]

About two minutes on a quiet core (most of it the two ingests; `--reuse --workdir DIR` keeps
the stores between runs, and features are re-extracted from the stored text each time, as
`dedup --rebuild` would).

What the judge meets in the product is a *stored* story: cleaned, with a derived headline when
the source had none, dated by ingestion when it had no date. So the signal tables are built
from stores made the way a user makes them: a fresh store per set, filled by `newsdesk ingest`
(a subprocess, shipped rules.yaml), then every labelled pair judged on its stored features.

Sets (read from ../shared/, never copied into the repository; absent sets are skipped):
- idnews: `eval/idnews-pairs-dev.jsonl`, agreed pairs of `corpus/gikirima_rss_2025-06-18_20.jsonl`
  (duplicate / related / unrelated);
- ecb: `eval/ecbplus-dev.jsonl` written as JSON Lines, one outlet per article; pairs of one event
  are duplicate, one topic but another event "related" (same kind of event: a hard negative),
  and a seeded 2% sample of pairs across topics unrelated (scored and reported, not fitted:
  such pairs share no rare key, so the desk never judges them).

The model is a logistic regression for "duplicate" over `judge.model_inputs` (few, monotone
signals), each set weighted equally. Reported: leave-one-set-out (fit on one set, score the
other: what transfers), and grouped 5-fold cross-validation (folds by ECB+ topic and by
connected group of idnews pairs, so a labelled pair's stories are not trained on elsewhere;
only the sampled cross-topic pairs can share a story across folds), with held-out F1 and
precision per duplicate cut. Pure Python: no numpy or scikit-learn needed (they are not
product dependencies either); with them installed nothing changes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsdesk.dedup.config import DedupConfig  # noqa: E402
from newsdesk.dedup.incremental import StoreIndex  # noqa: E402
from newsdesk.dedup.judge import (  # noqa: E402
    KINDS,
    Signals,
    capped,
    conflicts_of,
    decide,
    model_inputs,
    score_of,
    signals,
)
from newsdesk.store.db import Store  # noqa: E402

SHARED = ROOT.parent / "shared"
IDNEWS_PAIRS = SHARED / "eval" / "idnews-pairs-dev.jsonl"
IDNEWS_CORPUS = SHARED / "corpus" / "gikirima_rss_2025-06-18_20.jsonl"
ECB = SHARED / "eval" / "ecbplus-dev.jsonl"
ECB_UNRELATED_SAMPLE = 0.02
L2 = 10.0  # ridge on the weights (not the intercept): chosen by leave-one-set-out transfer


def newsdesk(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command a user runs, from the same interpreter as this script."""
    command = [sys.executable, "-m", "newsdesk", "--db", str(db), "--rules"]
    command += [str(ROOT / "rules.yaml"), "-q", *args]
    return subprocess.run(command, capture_output=True, text=True, check=True)


def build_store(db: Path, source: Path, reuse: bool) -> None:
    if reuse and db.exists():
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    newsdesk(db, "ingest", str(source), "--json")


def ecb_url(record: dict[str, Any]) -> str:
    return record.get("url") or f"https://ecb.example/{record['id']}"


def write_ecb(records: list[dict[str, Any]], path: Path) -> None:
    """ECB+ as a scraper would deliver it: one outlet per article, title/date only if known."""
    with path.open("w", encoding="utf-8") as out:
        for r in records:
            row = {
                "title": r["title"],
                "body": r["body"],
                "url": ecb_url(r),
                "published": r.get("published"),
                "outlet": f"ecb-{r['id']}.example",
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def ids_by_url(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return {url: i for i, url in con.execute("select id, url from articles")}


def idnews_pairs(db: Path) -> list[tuple[int, int, str, str]]:
    """(a, b, label, group) for the agreed pairs; group = connected component of the pairs."""
    by_id = {}
    with IDNEWS_CORPUS.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            by_id[row["id"]] = row["url"]
    stored = ids_by_url(db)
    pairs = []
    for line in IDNEWS_PAIRS.open(encoding="utf-8"):
        p = json.loads(line)
        if p["agreed"]:
            pairs.append((stored[by_id[p["a"]]], stored[by_id[p["b"]]], p["label"]))
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in pairs:
        parent[find(a)] = find(b)
    return [(a, b, label, f"id{find(a)}") for a, b, label in pairs]


def ecb_pairs(db: Path, records: list[dict[str, Any]]) -> list[tuple[int, int, str, str]]:
    stored = ids_by_url(db)
    docs = {}
    for r in records:
        if ecb_url(r) in stored:
            docs.setdefault(stored[ecb_url(r)], r)
    rng = random.Random(1)
    pairs = []
    for (a, ra), (b, rb) in itertools.combinations(sorted(docs.items()), 2):
        if ra["topic"] == rb["topic"]:
            label = "duplicate" if ra["event"] == rb["event"] else "related"
            pairs.append((a, b, label, f"ecb{ra['topic']}"))
        elif rng.random() < ECB_UNRELATED_SAMPLE:
            pairs.append((a, b, "unrelated", f"xecb{ra['topic']}"))
    return pairs


def signal_table(db: Path, pairs: list[tuple[int, int, str, str]], name: str) -> list[dict]:
    """Every pair judged on its stored features, with the store's word frequencies."""
    store = Store.open(str(db))
    config = DedupConfig()
    index = StoreIndex(store, config)
    rows = []
    for a, b, label, group in pairs:
        a, b = min(a, b), max(a, b)
        # extracted from the stored story as ingest does (`story_of`): the same features
        fa, fb = index.features(a), index.features(b)
        assert fa is not None and fb is not None
        index.rarity.prefetch([fa, fb])  # the store's frequencies of both stories' words
        s = signals(fa, fb, config, index.rarity)
        verdict = decide(s, config)
        rows.append(
            {
                "set": name,
                "label": label,
                "candidate": not group.startswith("x"),
                "group": group,
                "a": a,
                "b": b,
                "model": score_of(s),
                "score": verdict.score,
                "kind": verdict.kind,
                "conflicts": conflicts_of(s, config),
                "rare_key_names": len(s.rare_key_names),
                "key_name_overlap": s.key_names,
                **model_inputs(s),
            }
        )
    return rows


# ---- a small L2 logistic regression (Newton steps): enough for a dozen signals, no numpy
def fit_logistic(
    x: Sequence[Sequence[float]], y: Sequence[int], w: Sequence[float], l2: float = L2
) -> tuple[list[float], float]:
    k = len(x[0])
    beta = [0.0] * (k + 1)  # last is the intercept
    for _ in range(50):
        grad = [0.0] * (k + 1)
        hess = [[0.0] * (k + 1) for _ in range(k + 1)]
        for xi, yi, wi in zip(x, y, w, strict=True):
            row = [*xi, 1.0]
            z = sum(b * v for b, v in zip(beta, row, strict=True))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            g = wi * (p - yi)
            h = wi * p * (1 - p)
            for i in range(k + 1):
                grad[i] += g * row[i]
                hi = hess[i]
                hri = h * row[i]
                for j in range(i, k + 1):
                    hi[j] += hri * row[j]
        for i in range(k + 1):
            for j in range(i):
                hess[i][j] = hess[j][i]
        for i in range(k):
            grad[i] += l2 * beta[i]
            hess[i][i] += l2
        step = _solve(hess, grad)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return beta[:k], beta[k]


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the Hessian is small and well-posed)."""
    n = len(b)
    m = [[*row, v] for row, v in zip(a, b, strict=True)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[c][c]:
                f = m[r][c] / m[c][c]
                m[r] = [vr - f * vc for vr, vc in zip(m[r], m[c], strict=True)]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


def predict(beta: list[float], b0: float, x: Sequence[float]) -> float:
    z = b0 + sum(b * v for b, v in zip(beta, x, strict=True))
    return 100 / (1 + math.exp(-max(-30, min(30, z))))


def f1_at(scores: list[float], y: list[int], cut: float) -> tuple[float, float, float]:
    tp = sum(1 for s, t in zip(scores, y, strict=True) if s >= cut and t)
    pp = sum(1 for s in scores if s >= cut)
    pos = sum(y)
    p = tp / pp if pp else 1.0
    r = tp / pos if pos else 1.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def auc(scores: list[float], y: list[int]) -> float:
    pos = [s for s, t in zip(scores, y, strict=True) if t]
    neg = [s for s, t in zip(scores, y, strict=True) if not t]
    ranked = sorted((s, i < len(pos)) for i, s in enumerate(pos + neg))
    rank_sum, i = 0.0, 0
    while i < len(ranked):  # average ranks over ties
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        rank_sum += sum(1 for _, is_pos in ranked[i:j] if is_pos) * (i + j + 1) / 2
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def describe(scores: list[float], y: list[int]) -> str:
    best = max((f1_at(scores, y, c)[0], c) for c in range(5, 100, 5))
    f, p, r = f1_at(scores, y, 50)
    return (
        f"AUC {auc(scores, y):.3f}  at 50: F1 {f:.3f} P {p:.3f} R {r:.3f}"
        f"  best F1 {best[0]:.3f} at {best[1]}"
    )


def quantiles(values: list[float]) -> str:
    v = sorted(values)
    at = [v[min(len(v) - 1, int(q * len(v)))] for q in (0.1, 0.25, 0.5, 0.75, 0.9)]
    at100 = sum(1 for s in v if s >= 99.95) / len(v)
    return " ".join(f"{q:5.1f}" for q in at) + f"  (at 100: {at100:.0%})"


def score_report(rows: list[dict], key: str, title: str) -> None:
    print(f"\n{title}: score quantiles q10 q25 q50 q75 q90 per label")
    for name in sorted({r["set"] for r in rows}):
        for label in ("duplicate", "related", "unrelated"):
            v = [r[key] for r in rows if r["set"] == name and r["label"] == label]
            if v:
                print(f"  {name:7s} {label:10s} n={len(v):5d}  {quantiles(v)}")


def final(score: float, row: dict) -> float:
    """The model's score as the judge gives it: capped below duplicate by any conflict."""
    return capped(score, row["conflicts"], DedupConfig())


def kinds_report(rows: list[dict]) -> None:
    print("\nThe judge's verdicts per label (duplicate / related / none):")
    for name in sorted({r["set"] for r in rows}):
        for label in ("duplicate", "related", "unrelated"):
            got = [r["kind"] for r in rows if r["set"] == name and r["label"] == label]
            if got:
                shares = " / ".join(f"{got.count(k) / len(got):5.1%}" for k in KINDS)
                print(f"  {name:7s} {label:10s} n={len(got):5d}  {shares}")


def set_weights(rows: list[dict]) -> list[float]:
    """Each set counts as much as the other, whatever its number of pairs."""
    sizes = defaultdict(int)
    for r in rows:
        sizes[r["set"]] += 1
    n = len(rows) / len(sizes)
    return [n / sizes[r["set"]] for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep stores already built")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--dump", type=Path, default=None, help="write the signal table (JSON)")
    parser.add_argument("--features", default="", help="fit these inputs only (comma-separated)")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="dedup_fit_"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    if IDNEWS_PAIRS.exists() and IDNEWS_CORPUS.exists():
        db = workdir / "idnews.db"
        build_store(db, IDNEWS_CORPUS, args.reuse)
        rows += signal_table(db, idnews_pairs(db), "idnews")
    if ECB.exists():
        records = [json.loads(line) for line in ECB.open(encoding="utf-8")]
        source = workdir / "ecbplus.jsonl"
        write_ecb(records, source)
        db = workdir / "ecb.db"
        build_store(db, source, args.reuse)
        rows += signal_table(db, ecb_pairs(db, records), "ecb")
    if not rows:
        sys.exit("no evaluation set found under ../shared/")
    if args.dump:
        args.dump.write_text(json.dumps(rows))
    features = args.features.split(",") if args.features else list(model_inputs(Signals()))
    kinds_report(rows)
    score_report(rows, "score", "The judge as shipped (stored stories)")
    sets = sorted({r["set"] for r in rows})
    print("\nThe judge as shipped, duplicate vs rest:")
    for name in sets:
        mine = [r for r in rows if r["set"] == name]
        truth = [int(r["label"] == "duplicate") for r in mine]
        print(f"  {name:7s} {describe([r['score'] for r in mine], truth)}")
    # The judge only ever meets candidates: stories sharing rare names, figures or passages.
    # Pairs across ECB+ topics share none of those, so they are scored above, not fitted.
    rows = [r for r in rows if r["candidate"]]
    print(f"\nFitted on {len(rows)} pairs a desk can meet (ECB+ pairs within a topic).")
    y = [int(r["label"] == "duplicate") for r in rows]
    x = [[r[f] for f in features] for r in rows]
    w = set_weights(rows)
    if len(sets) > 1:
        print("\nLeave one set out (fit on the other set, scored here):")
        for name in sets:
            train = [i for i, r in enumerate(rows) if r["set"] != name]
            test = [i for i, r in enumerate(rows) if r["set"] == name]
            beta, b0 = fit_logistic(
                [x[i] for i in train], [y[i] for i in train], [1.0] * len(train)
            )
            scores = [final(predict(beta, b0, x[i]), rows[i]) for i in test]
            print(f"  {name:7s} {describe(scores, [y[i] for i in test])}")
    groups = sorted({r["group"] for r in rows})
    random.Random(0).shuffle(groups)
    fold_of = {g: i % 5 for i, g in enumerate(groups)}
    cv = [0.0] * len(rows)
    for k in range(5):
        train = [i for i, r in enumerate(rows) if fold_of[r["group"]] != k]
        beta, b0 = fit_logistic([x[i] for i in train], [y[i] for i in train], [w[i] for i in train])
        for i, r in enumerate(rows):
            if fold_of[r["group"]] == k:
                cv[i] = final(predict(beta, b0, x[i]), rows[i])
    print("\nPooled fit, grouped 5-fold cross-validation (held-out scores):")
    for name in sets:
        idx = [i for i, r in enumerate(rows) if r["set"] == name]
        print(f"  {name:7s} {describe([cv[i] for i in idx], [y[i] for i in idx])}")
    print("\nHeld-out F1 (precision) per duplicate cut, capped by conflicts as the judge does:")
    for cut in range(25, 65, 5):
        cells = []
        for name in sets:
            idx = [i for i, r in enumerate(rows) if r["set"] == name]
            f, p, _ = f1_at([cv[i] for i in idx], [y[i] for i in idx], cut)
            cells.append(f"{name} {f:.3f} ({p:.3f})")
        print(f"  {cut:3d}  " + "  ".join(cells))
    for i, r in enumerate(rows):
        r["cv"] = cv[i]
    score_report(rows, "cv", "Pooled fit, held-out scores")
    beta, b0 = fit_logistic(x, y, w)
    print("\nPooled fit on everything (paste into judge.py):")
    print("WEIGHTS: dict[str, float] = {")
    for f, b in zip(features, beta, strict=True):
        print(f'    "{f}": {b:.2f},')
    print("}")
    print(f"INTERCEPT = {b0:.2f}")
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
