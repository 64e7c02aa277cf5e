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

`--db-url postgresql://USER@HOST/DB` also runs both ingests on PostgreSQL in the same runs
(alternating with SQLite): each run gets a fresh database `nd_bench_ingest_<pid>_<n>`
created through that URL (its role must be allowed to CREATE DATABASE; the database in the
URL is only used to create and drop them), dropped afterwards. The ratio column then also
gives PostgreSQL against SQLite, same mode, same run, and the digests say whether both
engines found the same links and families.

    python bench/real_ingest_bench.py --runs 3 --db-url postgresql://postgres@127.0.0.1:5432/postgres
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


def digest(target: str) -> tuple[str, int, int]:
    """sha256 over links and family rows (no timestamps), link count, family member count."""
    if target.startswith("postgres"):
        import psycopg

        db = psycopg.connect(target)
    else:
        db = sqlite3.connect(target)
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
    links = [list(r) for r in links]
    members = [list(r) for r in members]
    text = json.dumps([links, members], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16], len(links), len(members)


class PgDatabases:
    """Fresh PostgreSQL databases on the server of an admin URL, one per run."""

    def __init__(self, admin_url: str) -> None:
        import psycopg

        self.admin_url = admin_url
        self.conn = psycopg.connect(admin_url, autocommit=True)
        self.count = 0

    def create(self) -> tuple[str, str]:
        from urllib.parse import urlsplit, urlunsplit

        self.count += 1
        name = f"nd_bench_ingest_{os.getpid()}_{self.count}"
        self.conn.execute(f"DROP DATABASE IF EXISTS {name}")
        self.conn.execute(f"CREATE DATABASE {name}")
        parts = urlsplit(self.admin_url)
        return name, urlunsplit(parts._replace(path="/" + name))

    def drop(self, name: str) -> None:
        self.conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def server(self) -> str:
        row = self.conn.execute(
            "SELECT current_setting('server_version'), current_setting('fsync'),"
            " current_setting('synchronous_commit'), current_setting('full_page_writes'),"
            " current_setting('shared_buffers')"
        ).fetchone()
        return (
            f"PostgreSQL {row[0]}: fsync={row[1]}, synchronous_commit={row[2]},"
            f" full_page_writes={row[3]}, shared_buffers={row[4]}"
        )


MODE_FLAGS = {"full": [], "nodedup": ["--no-dedup"], "bare": ["--no-rules", "--no-dedup"]}


def one_run(python: str, files: list[Path], mode: str, pg: PgDatabases | None = None) -> dict:
    full = mode == "full"
    with tempfile.TemporaryDirectory() as tmp:
        if pg is not None:
            pg_name, target = pg.create()
        else:
            pg_name, target = "", str(Path(tmp) / "bench.db")
        cmd = [python, "-m", "newsdesk", "-q", "--db", target]
        cmd += ["--rules", str(ROOT / "rules.yaml"), "ingest", "--json"]
        cmd += MODE_FLAGS[mode]
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
        dig = digest(target) if full else ("", 0, 0)
        if pg is not None:
            pg.drop(pg_name)
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
    parser.add_argument(
        "--db-url",
        help="a PostgreSQL admin URL: also run both ingests on PostgreSQL, same runs",
    )
    parser.add_argument(
        "--dedup-off",
        action="store_true",
        help="also run the ingest with rules on and dedup off (--no-dedup), same runs",
    )
    parser.add_argument(
        "--engine",
        choices=("both", "sqlite", "postgresql"),
        default="both",
        help="with --db-url: which engines to run (default both, for the ratio)",
    )
    args = parser.parse_args()
    files = sorted(CORPUS.glob("*.jsonl"))
    if not files:
        print(f"{CORPUS} not present; nothing to measure", file=sys.stderr)
        return 0
    reaper = become_subreaper()
    pg = PgDatabases(args.db_url) if args.db_url else None
    kinds: dict[str, tuple[str, str, PgDatabases | None]] = {}
    modes = ["full", "nodedup", "bare"] if args.dedup_off else ["full", "bare"]
    if pg is None or args.engine in ("both", "sqlite"):
        for mode in modes:
            kinds[mode] = (sys.executable, mode, None)
    if pg is not None and args.engine in ("both", "postgresql"):
        for mode in modes:
            kinds[f"pg_{mode}"] = (sys.executable, mode, pg)
    if args.other:
        kinds["other"] = (args.other, "full", None)
    runs: dict[str, list[dict]] = {k: [] for k in kinds}
    for i in range(args.runs):
        order = list(kinds) if i % 2 == 0 else list(reversed(kinds))  # alternate: load drifts
        for kind in order:
            python, full, server = kinds[kind]
            runs[kind].append(one_run(python, files, full, server))
    if args.json:
        print(json.dumps(runs, indent=2))
    med = {
        k: {m: statistics.median(r[m] for r in rs) for m in ("wall", "cpu")}
        for k, rs in runs.items()
    }
    stored = runs[next(iter(kinds))][0]["stored"]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    load = os.getloadavg()
    print(
        f"machine: {machine}; load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; {args.runs} runs;"
        " CPU of all descendants counted: "
        + ("yes" if reaper else "no (no subreaper: orphans missed)")
    )
    if pg is not None:
        print(pg.server())
    print(
        "| what | median wall (runs) | articles/s | CPU (all processes) | wall ratio to bare"
        " | articles/s ratio PostgreSQL / SQLite |"
    )
    print("|---|---|---|---|---|---|")
    for kind in kinds:
        w, c = med[kind]["wall"], med[kind]["cpu"]
        r = runs[kind][0]
        found = f"{r['links']} links, {r['family_members']} in families"
        label = {
            "full": f"SQLite, rules + dedup on ({found})",
            "bare": "SQLite, --no-rules --no-dedup",
            "nodedup": "SQLite, rules on, --no-dedup",
            "pg_nodedup": "PostgreSQL, rules on, --no-dedup",
            "pg_full": f"PostgreSQL, rules + dedup on ({found})",
            "pg_bare": "PostgreSQL, --no-rules --no-dedup",
            "other": f"--other {args.other}, rules + dedup on ({r['links']} links)",
        }[kind]
        bare = "pg_bare" if kind.startswith("pg_") else "bare"
        to_bare = f"{med[bare]['wall'] / w:.2f}" if bare in med else "-"
        twin = {"pg_full": "full", "pg_bare": "bare", "pg_nodedup": "nodedup"}.get(kind)
        to_sqlite = f"**{med[twin]['wall'] / w:.2f}**" if twin in med else "-"
        walls = ", ".join(f"{x['wall']:.2f}" for x in runs[kind])
        print(
            f"| {label} | {w:.2f} s ({walls}) | {stored / w:,.0f} | {c:.2f} s "
            f"| {to_bare} | {to_sqlite} |"
        )
    digests = {
        k: {r["digest"] for r in rs} for k, rs in runs.items() if k.endswith(("full", "other"))
    }
    print(f"{date.today()}: stored {stored}; link+family digests: {digests}")
    stable = all(len(d) == 1 for d in digests.values())
    print(f"links and families the same in every run of a checkout: {stable}")
    if args.other:
        same = digests["full"] == digests["other"]
        print(f"the same as --other's: {same}")
    if "full" in digests and "pg_full" in digests:
        same = digests["full"] == digests["pg_full"]
        print(f"PostgreSQL's links and families the same as SQLite's: {same}")
    return 0 if stable else 1


if __name__ == "__main__":
    raise SystemExit(main())
