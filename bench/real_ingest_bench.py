"""Ingest throughput on the real corpus (../shared/corpus/) with rules and dedup on.

Measured through the product's path: `newsdesk ingest FILES` in a child process, on a fresh
database each run, with the shipped rules.yaml. Baseline in the same run: the same command
with `--no-rules --no-dedup` (parse + clean + store), so the ratio is what tagging and
duplicate detection cost on real text. CPU counts every process the command starts (the
cleaning workers, their forkserver, dedup's extraction workers): this process becomes a
child subreaper, so orphaned descendants are reaped here and their CPU is counted too.

    python bench/real_ingest_bench.py --runs 3
    python bench/real_ingest_bench.py --runs 3 --other /tmp/base/.venv/bin/python

`--other PYTHON` also runs the full ingest with another checkout's interpreter (its own
`newsdesk` package) in the same runs, and says whether both leave the same links and
families (a digest of every link and family row, timestamps left out).
"""

from __future__ import annotations

import argparse
import ctypes
import hashlib
import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    """Orphaned descendants (a forkserver outliving the command) get reparented to us."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def reap_all() -> None:
    """Wait for every descendant left, so their CPU lands in RUSAGE_CHILDREN."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def digest(db_path: Path) -> tuple[str, int, int]:
    """sha256 over links and family rows (no timestamps), link count, family member count."""
    db = sqlite3.connect(db_path)
    try:
        links = db.execute(
            "SELECT a, b, kind, score, reasons, state FROM links ORDER BY a, b"
        ).fetchall()
        members = db.execute(
            "SELECT article_id, family_id, score, why, origin FROM family_members"
            " ORDER BY article_id"
        ).fetchall()
    finally:
        db.close()
    text = json.dumps([links, members], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16], len(links), len(members)


def one_run(python: str, files: list[Path], full: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        cmd = [python, "-m", "newsdesk", "-q", "--db", str(db_path)]
        cmd += ["--rules", str(ROOT / "rules.yaml"), "ingest", "--json"]
        if not full:
            cmd += ["--no-rules", "--no-dedup"]
        cmd += [str(f) for f in files]
        cpu0 = children_cpu()
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp, check=False)
        elapsed = time.perf_counter() - start
        reap_all()
        cpu = children_cpu() - cpu0
        if done.returncode not in (0, 1):
            raise SystemExit(f"{cmd} failed: {done.stderr[-2000:]}")
        report = json.loads(done.stdout)
        dig = digest(db_path) if full else ("", 0, 0)
    return {
        "wall": elapsed,
        "cpu": cpu,
        "stored": report["stored"],
        "links": report["links"],
        "digest": dig[0],
        "link_rows": dig[1],
        "family_members": dig[2],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--other", help="another checkout's python: its full ingest, same runs")
    parser.add_argument("--json", action="store_true", help="print every run as JSON too")
    args = parser.parse_args()
    files = sorted(CORPUS.glob("*.jsonl"))
    if not files:
        print(f"{CORPUS} not present; nothing to measure", file=sys.stderr)
        return 0
    reaper = become_subreaper()
    kinds = {"full": (sys.executable, True), "bare": (sys.executable, False)}
    if args.other:
        kinds["other"] = (args.other, True)
    runs: dict[str, list[dict]] = {k: [] for k in kinds}
    for i in range(args.runs):
        order = list(kinds) if i % 2 == 0 else list(reversed(kinds))  # alternate: load drifts
        for kind in order:
            python, full = kinds[kind]
            runs[kind].append(one_run(python, files, full))
    if args.json:
        print(json.dumps(runs, indent=2))
    med = {
        k: {m: statistics.median(r[m] for r in rs) for m in ("wall", "cpu")}
        for k, rs in runs.items()
    }
    stored = runs["full"][0]["stored"]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    load = os.getloadavg()[0]
    print(
        f"machine: {machine}; load {load:.1f}; {args.runs} runs; CPU of all descendants "
        f"counted: {'yes' if reaper else 'no (no subreaper: orphans missed)'}"
    )
    print("| what | median wall | articles/s | CPU (all processes) | wall ratio to bare |")
    print("|---|---|---|---|---|")
    for kind in kinds:
        w, c = med[kind]["wall"], med[kind]["cpu"]
        r = runs[kind][0]
        label = {
            "full": f"rules + dedup on ({r['links']} links, {r['family_members']} in families)",
            "bare": "baseline: same ingest, --no-rules --no-dedup",
            "other": f"--other {args.other}, rules + dedup on ({r['links']} links)",
        }[kind]
        walls = ", ".join(f"{x['wall']:.2f}" for x in runs[kind])
        print(
            f"| {label} | {w:.2f} s ({walls}) | {stored / w:,.0f} | {c:.2f} s "
            f"| {med['bare']['wall'] / w:.2f} |"
        )
    digests = {k: {r["digest"] for r in rs} for k, rs in runs.items() if k != "bare"}
    print(f"{date.today()}: stored {stored}; link+family digests: {digests}")
    stable = all(len(d) == 1 for d in digests.values())
    print(f"links and families the same in every run of a checkout: {stable}")
    if args.other:
        same = digests["full"] == digests["other"]
        print(f"the same as --other's: {same}")
    return 0 if stable else 1


if __name__ == "__main__":
    raise SystemExit(main())
