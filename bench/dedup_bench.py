"""Dedup speed and synthetic-corpus quality, with the all-pairs baseline measured in the same run.

    python bench/dedup_bench.py [--n 100000] [--runs 1] [--sample 2000] [--store-n 100000]
                                [--replicas 10] [--probes 200] [--skip-store]

1. Full pass: `DedupIndex.build` over n synthetic stories (bench/synth.py), duplicate
   precision/recall against the generator's `dup_group` labels.
2. Baseline: rapidfuzz `process.cdist` (token_set_ratio) over all pairs of title + lede on a
   sample, extrapolated quadratically to n.
3. Incremental: a SQLite store of store-n stories indexed by `rebuild`, then replicated
   `replicas` times (ids and days shifted, ~3 years of news) to reach store-n x replicas;
   then `check_new` on `probes` fresh stories one at a time: p50/p95 latency.

Corpora are cached under bench/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from newsdesk.dedup import DedupConfig, DedupIndex, check_new, rebuild  # noqa: E402
from newsdesk.store import Store  # noqa: E402
from newsdesk.store import articles as q  # noqa: E402

OUT = ROOT / "bench" / "out"
LEDE_CHARS = 300
ID_STRIDE = 10_000_000  # replica r holds ids r * ID_STRIDE + 1...: never a real id
NONCE = time.time_ns()  # probe stories are new in every invocation


def corpus(n: int, seed: int = 0, days: int | None = None) -> list[dict]:
    """n synthetic stories (cached); `days` spreads them over that many days (default 365)."""
    suffix = f"-days{days}" if days else ""
    path = OUT / f"dedup-synth-{n}-seed{seed}{suffix}.jsonl"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "synth.py"),
                "--n",
                str(n),
                "--seed",
                str(seed),
                "--out",
                str(path),
                *(["--days", str(days)] if days else []),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def story(record: dict) -> SimpleNamespace:
    return SimpleNamespace(
        title=record["title"],
        body=record["body"],
        published=record["published"],
        outlet=record["outlet"],
    )


def true_pairs(records: list[dict]) -> set[tuple[int, int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        if r.get("dup_group"):
            groups[r["dup_group"]].append(i)
    return {pair for g in groups.values() for pair in itertools.combinations(sorted(g), 2)}


def full_pass(records: list[dict], runs: int, workers: int) -> dict:
    """`DedupIndex.build`: the in-memory parallel pass. A diagnostic since `dedup --rebuild`
    checks story by story as ingest does (one answer however stories arrived)."""
    times = []
    links = []
    for _ in range(runs):
        index = DedupIndex(DedupConfig())
        start = time.perf_counter()
        links = index.build(((i, story(r)) for i, r in enumerate(records)), workers=workers)
        times.append(time.perf_counter() - start)
        del index
    truth = true_pairs(records)
    found = {(link.a, link.b) for link in links if link.kind == "duplicate"}
    tp = len(found & truth)
    return {
        "stories": len(records),
        "runs": runs,
        "workers": workers,
        "seconds_median": round(statistics.median(times), 1),
        "seconds_all": [round(t, 1) for t in times],
        "links": len(links),
        "related_links": sum(1 for link in links if link.kind == "related"),
        "duplicate_precision": round(tp / len(found), 4) if found else 1.0,
        "duplicate_recall": round(tp / len(truth), 4) if truth else 1.0,
        "true_pairs": len(truth),
    }


def baseline(records: list[dict], sample: int, n: int) -> dict:
    texts = [f"{r['title']} {r['body'][:LEDE_CHARS]}" for r in records[:sample]]
    start = time.perf_counter()
    try:
        import numpy  # noqa: F401  (cdist returns a numpy matrix)

        method = "process.cdist"
        matrix = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, workers=1).tolist()
    except ImportError:
        # Without numpy, the same all-pairs work row by row in rapidfuzz's C++ loop.
        method = "process.extract per row (cdist needs numpy)"
        matrix = []
        for text in texts:
            row = [0.0] * sample
            for _, score, j in process.extract(
                text, texts, scorer=fuzz.token_set_ratio, limit=None
            ):
                row[j] = score
            matrix.append(row)
    seconds = time.perf_counter() - start
    truth = true_pairs(records[:sample])
    best = (0.0, 0)
    for threshold in range(60, 101, 5):
        found = {
            (i, j) for i in range(sample) for j in range(i + 1, sample) if matrix[i][j] >= threshold
        }
        tp = len(found & truth)
        f1 = 2 * tp / (len(found) + len(truth)) if found or truth else 0.0
        best = max(best, (f1, threshold))
    return {
        "method": method,
        "sample": sample,
        "seconds": round(seconds, 2),
        "extrapolated_seconds_at_n": round(seconds * (n / sample) ** 2),
        "best_f1_on_sample": round(best[0], 3),
        "best_threshold": best[1],
    }


def build_store(
    path: Path, records: list[dict], replicas: int, workers: int, shift_days: int = 120
) -> dict:
    if path.exists():
        path.unlink()
    store = Store.open(path)
    # Bench-only: full-text indexing is not what is measured here, and it triples load time.
    store.conn.execute("DROP TRIGGER IF EXISTS articles_ai")
    rows = [
        {
            "title": r["title"],
            "body": r["body"],
            "raw": b"",
            "content_hash": hashlib.sha256(r["id"].encode()).hexdigest(),
            "outlet": r["outlet"],
            "published": r["published"],
            "source": r["id"],
            "format": "json",
        }
        for r in records
    ]
    for start in range(0, len(rows), 5000):
        q.insert_articles(store, rows[start : start + 5000])
    t0 = time.perf_counter()
    rebuild(store, DedupConfig(), workers=workers)
    rebuild_seconds = time.perf_counter() - t0
    n = len(rows)
    # Replicas exist only in the index: verification reads stored features, never the text,
    # so copying a million article texts would measure the disk, not dedup.
    store.conn.execute("PRAGMA foreign_keys = OFF")
    with store.write() as db:
        conn = db.conn
        for r in range(1, replicas):
            shift = shift_days * r  # each copy is another period of news
            conn.execute(
                "INSERT INTO dedup_keys (key, day, article_id)"
                " SELECT key, CASE day WHEN 0 THEN 0 ELSE day + ?1 END, article_id + ?2"
                " FROM dedup_keys WHERE article_id <= ?3",
                [shift, r * ID_STRIDE, n],
            )
            conn.execute(
                "INSERT INTO dedup_docs SELECT article_id + ?1, day + ?2, features FROM dedup_docs"
                " WHERE article_id <= ?3",
                [r * ID_STRIDE, shift, n],
            )
        conn.execute("UPDATE dedup_terms SET df = df * ?", [replicas])
    total = store.conn.execute("SELECT count(*) FROM dedup_docs").fetchone()[0]
    store.close()
    return {"stories": total, "rebuild_seconds_first": round(rebuild_seconds, 1)}


def probe(
    path: Path, fresh: list[dict], replicas: int, run: int = 0, shift_days: int = 120
) -> dict:
    store = Store.open(path)
    store.conn.execute("PRAGMA foreign_keys = OFF")  # links may point at index-only replicas
    latest = store.conn.execute("SELECT max(day) FROM dedup_docs").fetchone()[0]
    offset = shift_days * (replicas - 1)
    latencies = []
    found = 0
    for r in fresh:
        published = r["published"]
        row = {
            "title": r["title"],
            "body": r["body"],
            "raw": b"",
            "content_hash": hashlib.sha256(f"probe{run}:{NONCE}:{r['id']}".encode()).hexdigest(),
            "outlet": r["outlet"],
            "published": _shift(published, offset),
            "source": r["id"],
            "format": "json",
        }
        article_id = q.insert_articles(store, [row]).ids[0]
        start = time.perf_counter()
        found += len(check_new(store, None, [article_id], DedupConfig()))
        latencies.append((time.perf_counter() - start) * 1000)
    store.close()
    latencies.sort()
    return {
        "probes": len(latencies),
        "latest_day": date.fromordinal(latest).isoformat() if latest else None,
        "p50_ms": round(latencies[len(latencies) // 2], 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 1),
        "max_ms": round(latencies[-1], 1),
        "links_found": found,
    }


def _shift(published: str | None, days: int) -> str | None:
    if not published:
        return published
    return (date.fromisoformat(published[:10]) + timedelta(days=days)).isoformat()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="processes for the full pass")
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--store-n", type=int, default=100_000)
    parser.add_argument("--replicas", type=int, default=10)
    parser.add_argument("--probes", type=int, default=200)
    parser.add_argument("--skip-pass", action="store_true")
    parser.add_argument("--skip-store", action="store_true")
    parser.add_argument("--skip-baseline", action="store_true", help="no all-pairs baseline")
    parser.add_argument(
        "--days",
        type=int,
        default=None,
        help="spread the corpus (and the probes) over this many days (synth default 365)",
    )
    parser.add_argument(
        "--shift-days", type=int, default=120, help="each replica's dates moved this much more"
    )
    parser.add_argument("--store-db", default="dedup-store.db", help="file name in bench/out/")
    parser.add_argument(
        "--probe-seed", type=int, default=7, help="another seed: probes no earlier run used"
    )
    parser.add_argument(
        "--probe-only",
        type=int,
        default=0,
        metavar="RUNS",
        help="reuse bench/out/dedup-store.db: RUNS rounds of probes, median p50/p95",
    )
    args = parser.parse_args(argv)
    if args.probe_only:
        fresh = corpus(
            max(args.probes * args.probe_only, 1000), seed=args.probe_seed, days=args.days
        )
        rounds = [
            probe(
                OUT / args.store_db,
                fresh[i * args.probes : (i + 1) * args.probes],
                args.replicas,
                run=i + 1,
                shift_days=args.shift_days,
            )
            for i in range(args.probe_only)
        ]
        summary = {key: statistics.median(r[key] for r in rounds) for key in ("p50_ms", "p95_ms")}
        print(json.dumps({"rounds": rounds, "median": summary}, indent=2))
        return 0
    records = corpus(args.n, days=args.days)
    out: dict[str, object] = {}
    if not args.skip_baseline:
        out["baseline_cdist"] = baseline(records, args.sample, args.n)
    if not args.skip_pass:
        out["full_pass"] = full_pass(records, args.runs, args.workers)
        seconds = out["full_pass"]["seconds_median"]  # type: ignore[index]
        if "baseline_cdist" in out:
            out["speedup_vs_cdist"] = round(
                out["baseline_cdist"]["extrapolated_seconds_at_n"] / seconds,
                1,  # type: ignore[index]
            )
    print(json.dumps(out, indent=2), flush=True)
    if not args.skip_store:
        path = OUT / args.store_db
        out["store"] = build_store(
            path, records[: args.store_n], args.replicas, args.workers, args.shift_days
        )
        fresh = corpus(max(args.probes, 1000), seed=args.probe_seed, days=args.days)
        fresh = fresh[: args.probes]
        out["incremental"] = probe(path, fresh, args.replicas, shift_days=args.shift_days)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
