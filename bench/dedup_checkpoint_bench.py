"""The same probes as `dedup_bench.py --probe-only`, with and without background checkpoints.

    python bench/dedup_checkpoint_bench.py [--probes 200] [--rounds 2]

Reuses bench/out/dedup-store.db (build it with `dedup_bench.py --n 20000 --store-n 20000
--replicas 50`). "inline" is SQLite's default: automatic checkpoints every 1,000 pages inside
whichever COMMIT crosses the line, no background thread. Rounds alternate between the modes,
each on stories no round has used.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import dedup_bench as bench  # noqa: E402

from newsdesk.store import checkpoint  # noqa: E402


def run(mode: str, fresh: list[dict], run_id: int) -> dict:
    saved = checkpoint.acquire, checkpoint.release, checkpoint.SAFETY_NET_PAGES
    if mode == "inline":
        checkpoint.acquire = checkpoint.release = lambda path: None  # type: ignore[assignment]
        checkpoint.SAFETY_NET_PAGES = 1000  # SQLite's default
    try:
        return bench.probe(bench.OUT / "dedup-store.db", fresh, 50, run=run_id)
    finally:
        checkpoint.acquire, checkpoint.release, checkpoint.SAFETY_NET_PAGES = saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--probes", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    need = 2 * args.rounds * args.probes
    # past the stories `--probe-only` uses
    fresh = bench.corpus(need + 1000, seed=7)[1000 : 1000 + need]
    results: dict[str, list[dict]] = {"inline": [], "background": []}
    for i in range(2 * args.rounds):
        mode = ("inline", "background")[i % 2]
        chunk = fresh[i * args.probes : (i + 1) * args.probes]
        results[mode].append(run(mode, chunk, 1000 + i))
    summary = {
        mode: {k: statistics.median(r[k] for r in rounds) for k in ("p50_ms", "p95_ms", "max_ms")}
        for mode, rounds in results.items()
    }
    print(json.dumps({"rounds": results, "median": summary}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
