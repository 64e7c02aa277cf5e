"""Headless newsroom: a drop folder under load beside an open desk, and export throughput.

(a) Drop folder. `--files` synthetic stories (plus one bad file in a hundred) are dropped one
    by one (write beside, rename into place) into a folder watched by `newsdesk watch`
    (rules and dedup on) while a second process plays the open TUI: paging the inbox in read
    transactions, sometimes holding one for 200 ms, and tagging/undoing as data changes.
    Reported: wall time from the first drop until every file is in .done/ or .failed/, files
    per second, stories stored (must equal the good files: each stored once), lock errors.
    Baseline, same run: `newsdesk ingest DIR` of the same files in one batch into a fresh
    database (rules and dedup on, no desk open). Ratio = watch files/s / batch files/s: what
    per-file transactions beside an open desk cost against the best case.
(b) Export. `--export-n` synthetic stories approved, then `newsdesk export --format ninjs`
    to a file. Baseline, same run: `SELECT * FROM articles` dumped with json.dumps per row
    (the floor: reading and serialising, no mapping). Ratio = ninjs time / floor time.

Each run uses fresh databases; figures are medians over `--runs`.
Usage: python bench/headless_bench.py [--files 1000] [--export-n 5000] [--runs 3] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

import synth  # noqa: E402
from results import write_section  # noqa: E402

CLI = "from newsdesk.cli import main; main()"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
RULES = ROOT / "rules.yaml"

FAKE_TUI = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from newsdesk.desk import Desk
    from newsdesk.store.articles import InboxQuery

    db, stop = sys.argv[1], Path(sys.argv[2])
    desk = Desk.open(db, None, actor="tui-editor")
    reads = writes = 0
    errors = []
    seen = desk.store.data_version()
    while not stop.exists():
        try:
            with desk.store.read():
                rows = desk.page(InboxQuery(status=None), limit=50)
                desk.count(InboxQuery(status="new"))
                if reads % 10 == 0:
                    time.sleep(0.2)
            reads += 1
            version = desk.store.data_version()
            if version != seen and rows:
                seen = version
                desk.tag([rows[0]["id"]], ["dibaca"])
                if reads % 3 == 0:
                    desk.undo()
                writes += 1
        except Exception as exc:
            errors.append(repr(exc))
        time.sleep(0.02)
    print(json.dumps({"reads": reads, "writes": writes, "errors": errors}))
    """
)


def cli(db: Path, *args: str, **kw: Any) -> list[str]:
    return [sys.executable, "-c", CLI, "--db", str(db), "--rules", str(RULES), "-q", *args]


def records(n: int, seed: int) -> list[dict[str, Any]]:
    keep = ("title", "body", "url", "outlet", "published")
    return [{k: r[k] for k in keep} for r in synth.generate(n, seed)]


def drop_folder_run(tmp: Path, stories: list[dict[str, Any]]) -> dict[str, Any]:
    db = tmp / "desk.db"
    subprocess.run(cli(db, "stats"), env=ENV, check=True, capture_output=True)  # migrate
    inbox = tmp / "inbox"
    inbox.mkdir()
    stop = tmp / "stop"
    tui = subprocess.Popen(
        [sys.executable, "-c", FAKE_TUI, str(db), str(stop)],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    watch_log = (tmp / "watch.err").open("w")  # a file, not a pipe: a full pipe would block it
    watch = subprocess.Popen(
        cli(db, "watch", "--settle", "0.2", str(inbox)),
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=watch_log,
        text=True,
    )
    time.sleep(2.0)  # both up
    bad = 0
    started = time.perf_counter()
    for i, story in enumerate(stories):
        part = inbox / f".{i:05d}.part"
        if i % 100 == 99:
            part.write_text("{ rusak", encoding="utf-8")
            bad += 1
        else:
            part.write_text(json.dumps(story, ensure_ascii=False), encoding="utf-8")
        part.replace(inbox / f"{i:05d}.json")
    total = len(stories)
    deadline = time.monotonic() + 900
    done = failed = 0
    while time.monotonic() < deadline:
        done = len(list((inbox / ".done").glob("*.json"))) if (inbox / ".done").exists() else 0
        failed = (
            len(list((inbox / ".failed").glob("*.json"))) if (inbox / ".failed").exists() else 0
        )
        if done + failed >= total:
            break
        time.sleep(0.1)
    elapsed = time.perf_counter() - started
    watch.terminate()
    watch.wait(timeout=60)
    watch_log.close()
    watch_err = (tmp / "watch.err").read_text()
    stop.touch()
    tui_out, _ = tui.communicate(timeout=60)
    tui_report = json.loads(tui_out or "{}")
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    return {
        "seconds": elapsed,
        "files": total,
        "done": done,
        "failed": failed,
        "bad": bad,
        "stored": stored,
        "internal_errors": watch_err.count("internal error"),
        "lock_errors": watch_err.count("locked")
        + sum("locked" in e for e in tui_report.get("errors", [])),
        "tui_errors": len(tui_report.get("errors", [])),
        "tui_reads": tui_report.get("reads", 0),
        "tui_writes": tui_report.get("writes", 0),
    }


def batch_run(tmp: Path, stories: list[dict[str, Any]]) -> float:
    db = tmp / "batch.db"
    folder = tmp / "batch"
    folder.mkdir()
    for i, story in enumerate(stories):
        text = "{ rusak" if i % 100 == 99 else json.dumps(story, ensure_ascii=False)
        (folder / f"{i:05d}.json").write_text(text, encoding="utf-8")
    subprocess.run(cli(db, "stats"), env=ENV, check=True, capture_output=True)
    started = time.perf_counter()
    subprocess.run(cli(db, "ingest", str(folder)), env=ENV, capture_output=True)
    return time.perf_counter() - started


def export_run(tmp: Path, stories: list[dict[str, Any]]) -> tuple[float, float]:
    db = tmp / "export.db"
    src = tmp / "export.jsonl"
    src.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in stories))
    subprocess.run(cli(db, "ingest", "--no-dedup", str(src)), env=ENV, capture_output=True)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE articles SET status = 'approved', decided_at = ingested_at")
    conn.close()
    started = time.perf_counter()
    subprocess.run(
        cli(db, "export", "--format", "ninjs", "-o", str(tmp / "out.jsonl")),
        env=ENV,
        check=True,
    )
    ninjs = time.perf_counter() - started
    floor_script = (
        "import json, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1]); cur = conn.execute('SELECT * FROM articles')\n"
        "names = [d[0] for d in cur.description]\n"
        "with open(sys.argv[2], 'w') as fh:\n"
        "    for r in cur:\n"
        "        fh.write(json.dumps({k: v for k, v in zip(names, r) if k != 'raw'},"
        " ensure_ascii=False) + '\\n')\n"
    )
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", floor_script, str(db), str(tmp / "floor.jsonl")], check=True
    )
    floor = time.perf_counter() - started
    return ninjs, floor


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--export-n", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)

    stories = records(args.files, args.seed)
    export_stories = records(args.export_n, args.seed + 1)
    drops, batches, exports = [], [], []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as td:
            tmp = Path(td)
            result = drop_folder_run(tmp, stories)
            batch = batch_run(tmp, stories)
            ninjs, floor = export_run(tmp, export_stories)
        drops.append(result)
        batches.append(batch)
        exports.append((ninjs, floor))
        print(f"run {run + 1}: {result} batch {batch:.1f}s export {ninjs:.2f}s floor {floor:.2f}s")

    med = statistics.median
    watch_s = med(r["seconds"] for r in drops)
    batch_s = med(batches)
    good = args.files - drops[0]["bad"]
    exact = all(
        r["stored"] == good and r["done"] == good and r["failed"] == r["bad"] for r in drops
    )
    ninjs_s = med(e[0] for e in exports)
    floor_s = med(e[1] for e in exports)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    today = datetime.now(timezone.utc).date().isoformat()
    command = (
        f"python bench/headless_bench.py --files {args.files} --export-n {args.export_n} "
        f"--runs {args.runs}"
    )
    first = drops[0]
    rows = [
        (
            f"drop folder: {args.files} files ({first['bad']} bad) dropped while a desk is "
            "open, rules + dedup on",
            f"{watch_s:.1f} s, {args.files / watch_s:.0f} files/s",
            f"`newsdesk ingest DIR` in one batch, no desk open: {batch_s:.1f} s, "
            f"{args.files / batch_s:.0f} files/s",
            f"{batch_s / watch_s:.2f}x of batch throughput",
        ),
        (
            "drop folder correctness",
            f"stored once each: {'yes' if exact else 'NO'} ({first['stored']} stored, "
            f"{first['failed']} reported bad); lock errors: "
            f"{sum(r['lock_errors'] for r in drops)}; desk errors: "
            f"{sum(r['tui_errors'] for r in drops)} (the desk did {first['tui_reads']} reads, "
            f"{first['tui_writes']} writes in run 1)",
            "",
            "",
        ),
        (
            f"export ninjs, {args.export_n} approved stories",
            f"{ninjs_s:.2f} s, {args.export_n / ninjs_s:.0f} stories/s",
            f"raw `SELECT *` + json.dumps per row: {floor_s:.2f} s",
            f"{ninjs_s / floor_s:.2f}x the floor's time",
        ),
    ]
    table = "\n".join("| " + " | ".join(r) + " |" for r in rows)
    body = (
        f"Machine: {machine}. Date: {today}. Median of {args.runs} runs.\n"
        f"Command: `{command}`\n\n"
        "| measure | result | baseline (same run) | ratio |\n|---|---|---|---|\n"
        f"{table}\n\n"
        "Every figure includes Python start-up (~0.3 s): each side runs as a subprocess.\n"
    )
    print(body)
    if not args.no_write:
        write_section("headless", body)
    return 0 if exact else 1


if __name__ == "__main__":
    raise SystemExit(main())
