"""Ingest throughput on the real corpus (../shared/corpus/) with rules and dedup on.

Baseline in the same run: the same ingest with rules and dedup off (parse + clean + store),
so the ratio is what tagging and duplicate detection cost on real text.

    python bench/real_ingest_bench.py --runs 3
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsdesk.desk import Desk  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def one_run(files: list[Path], full: bool) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        desk = Desk.open(Path(tmp) / "bench.db", ROOT / "rules.yaml" if full else None)
        start = time.perf_counter()
        report = desk.ingest(files, dedup=full)
        elapsed = time.perf_counter() - start
        links = report.links
        desk.close()
    return elapsed, len(report.stored), links


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    files = sorted(CORPUS.glob("*.jsonl"))
    if not files:
        print(f"{CORPUS} not present; nothing to measure", file=sys.stderr)
        return 0
    full, bare = [], []
    stored = links = 0
    for _ in range(args.runs):
        t, stored, links = one_run(files, full=True)
        full.append(t)
        t, _, _ = one_run(files, full=False)
        bare.append(t)
    f, b = statistics.median(full), statistics.median(bare)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(
        f"| {date.today()} | {machine} | real corpus, {stored} stored, rules + dedup on "
        f"({links} links) | {f:.2f} s | {stored / f:,.0f} | {b / f:.2f} |"
    )
    print(
        f"| {date.today()} | {machine} | baseline: same ingest, rules and dedup off "
        f"| {b:.2f} s | {stored / b:,.0f} | 1.00 |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
