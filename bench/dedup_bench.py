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

PostgreSQL (`--db-url ADMIN_URL`, with `--probe-only`): the SQLite store named by
`--store-db` is copied once into the database `nd_bench_<store-db stem>` on that server
(`bench/pg_copy.py`: the product's PostgreSQL schema, the same rows, by COPY), reused by later
runs; each round then probes both engines with the same fresh stories, alternating which goes
first (`--engine` picks one). Foreign keys are off on both sides (the replicas exist only in
the index): `PRAGMA foreign_keys = OFF` on SQLite, `session_replication_role = replica` on
PostgreSQL.

    python bench/dedup_bench.py --probe-only 3 --probes 200 --replicas 8 --shift-days 125 \
        --days 125 --store-db dedup-store-1m.db --probe-seed 12 \
        --db-url postgresql://postgres@127.0.0.1:5432/postgres
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


def pg_store(admin_url: str, sqlite_path: Path) -> str:
    """The URL of the PostgreSQL copy of `sqlite_path`, made once (bench/pg_copy.py)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    name = "nd_bench_" + "".join(c if c.isalnum() else "_" for c in sqlite_path.stem).lower()
    url = urlunsplit(urlsplit(admin_url)._replace(path="/" + name))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f"CREATE DATABASE {name}")
    with psycopg.connect(url, autocommit=True) as conn:
        ready = (
            conn.execute("SELECT to_regclass('dedup_docs')").fetchone()[0]
            and conn.execute("SELECT EXISTS (SELECT 1 FROM dedup_docs)").fetchone()[0]
        )
    if not ready:
        import pg_copy

        start = time.perf_counter()
        print(f"copying {sqlite_path} into {name}", file=sys.stderr, flush=True)
        pg_copy.copy_store(sqlite_path, url, log=lambda *a, **k: print(*a, file=sys.stderr))
        print(f"copied in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return url


def probe(
    path: Path | str, fresh: list[dict], replicas: int, run: int = 0, shift_days: int = 120
) -> dict:
    store = Store.open(path)
    # links may point at index-only replicas: no foreign keys, on either engine
    if store.engine.name == "sqlite":
        store.conn.execute("PRAGMA foreign_keys = OFF")
    else:
        store.conn.execute("SET session_replication_role = replica")
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


def probe_engines(args: argparse.Namespace) -> int:
    """Rounds of probes on the SQLite store and its PostgreSQL copy, same stories, same run."""
    import os
    import platform

    sqlite_path = OUT / args.store_db
    targets: dict[str, Path | str] = {}
    if args.engine in ("both", "sqlite"):
        targets["sqlite"] = sqlite_path
    if args.engine in ("both", "postgresql"):
        targets["postgresql"] = pg_store(args.db_url, sqlite_path)
    fresh = corpus(max(args.probes * args.probe_only, 1000), seed=args.probe_seed, days=args.days)
    rounds: dict[str, list[dict]] = {k: [] for k in targets}
    for i in range(args.probe_only):
        order = list(targets) if i % 2 == 0 else list(reversed(targets))
        for kind in order:
            result = probe(
                targets[kind],
                fresh[i * args.probes : (i + 1) * args.probes],
                args.replicas,
                run=i + 1,
                shift_days=args.shift_days,
            )
            result["load"] = round(os.getloadavg()[0], 1)
            rounds[kind].append(result)
            print(f"round {i + 1} {kind}: {json.dumps(result)}", file=sys.stderr, flush=True)
    median = {
        kind: {key: statistics.median(r[key] for r in rs) for key in ("p50_ms", "p95_ms", "max_ms")}
        for kind, rs in rounds.items()
    }
    machine = f"{platform.machine()}, {os.cpu_count()} cores"
    out: dict[str, object] = {
        "machine": f"{machine}, Python {platform.python_version()}",
        "date": date.today().isoformat(),
        "rounds": rounds,
        "median": median,
    }
    if len(median) == 2:
        out["p95_ratio_pg_over_sqlite"] = round(
            median["postgresql"]["p95_ms"] / median["sqlite"]["p95_ms"], 2
        )
    print(json.dumps(out, indent=2))
    return 0


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
    parser.add_argument(
        "--db-url", help="PostgreSQL admin URL: probe a copy of the store there too"
    )
    parser.add_argument("--engine", choices=("both", "sqlite", "postgresql"), default="both")
    args = parser.parse_args(argv)
    if args.probe_only and args.db_url:
        return probe_engines(args)
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
