"""Crash safety: `kill -9` at random moments during an ingest, a rules run and a merge.

After every kill the file passes `PRAGMA integrity_check` and `newsdesk check`, nothing is
half-applied (a rules batch is all there or not at all, a merge is whole or absent), and
rerunning the command finishes the job with no duplicates and the same result as a run that
was never interrupted. NEWSDESK_STRESS=1 repeats each many more times.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdesk import maintenance
from tests.conftest import REPO, RULES
from tests.test_concurrency import CLI, synth

STRESS = os.environ.get("NEWSDESK_STRESS") == "1"
KILLS = 25 if STRESS else 3
STORIES = 3_000 if STRESS else 1_200


def run_and_kill(args: list[str], delay: float) -> int | None:
    """Start a command, SIGKILL it after `delay` seconds; its exit code if it finished first."""
    proc = subprocess.Popen(args, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        return proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return None


def assert_sound(db: Path) -> None:
    """Integrity, consistency, and every rules batch whole: tags from a rule have its hit."""
    report = maintenance.check(db)
    assert report.ok, report.problems
    conn = sqlite3.connect(db)
    try:
        half = conn.execute(
            "SELECT count(*) FROM tags t WHERE t.origin LIKE 'rule:%' AND NOT EXISTS "
            "(SELECT 1 FROM rule_hits h WHERE h.article_id = t.article_id "
            "AND 'rule:' || h.rule_id = t.origin)"
        ).fetchone()[0]
        assert half == 0, f"{half} rule tags without their rule hit: a half-applied rules batch"
    finally:
        conn.close()


def state(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """What a user sees: stories (by content), their status, desk, priority and tags."""
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": conn.execute(
                "SELECT content_hash, status, status_reason, desk, priority, flag "
                "FROM articles ORDER BY content_hash"
            ).fetchall(),
            "tags": conn.execute(
                "SELECT a.content_hash, t.tag, t.origin FROM tags t "
                "JOIN articles a ON a.id = t.article_id ORDER BY 1, 2, 3"
            ).fetchall(),
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "stories.jsonl"
    synth(STORIES, path)
    return path


def test_killed_ingest_reruns_to_the_same_result_with_no_duplicates(
    corpus: Path, tmp_path: Path
) -> None:
    rng = random.Random(7)
    clean, crashed = tmp_path / "clean.db", tmp_path / "crashed.db"
    ingest = ["ingest", "--no-dedup", str(corpus)]
    started = time.monotonic()
    subprocess.run([*CLI, "--db", str(clean), "--rules", str(RULES), "-q", *ingest], check=True)
    full = time.monotonic() - started
    killed = 0
    for _ in range(KILLS):
        delay = rng.uniform(0.1, full)
        args = [*CLI, "--db", str(crashed), "--rules", str(RULES), "-q", *ingest]
        if run_and_kill(args, delay) is None:
            killed += 1
        if crashed.exists():
            assert_sound(crashed)
    assert killed, "never killed: the test proved nothing"
    rerun = subprocess.run(
        [*CLI, "--db", str(crashed), "--rules", str(RULES), "-q", "ingest", "--json", *ingest[1:]],
        capture_output=True,
        text=True,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert_sound(crashed)
    conn = sqlite3.connect(crashed)
    count, distinct = conn.execute(
        "SELECT count(*), count(DISTINCT content_hash) FROM articles"
    ).fetchone()
    conn.close()
    assert count == distinct == STORIES
    # interrupted or not, the desk ends in the same state (rules included)
    assert state(crashed) == state(clean)


def test_killed_rules_run_is_never_half_applied(corpus: Path, tmp_path: Path) -> None:
    rng = random.Random(11)
    db = tmp_path / "desk.db"
    base = [*CLI, "--db", str(db), "--rules", str(RULES), "-q"]
    subprocess.run([*base, "--rules", "none.yaml", "ingest", "--no-dedup", str(corpus)], check=True)
    pristine = tmp_path / "pristine.db"
    maintenance.backup(db, pristine)
    started = time.monotonic()
    subprocess.run(
        [*CLI, "--db", str(pristine), "--rules", str(RULES), "-q", "rules", "run"],
        check=True,
        capture_output=True,
    )
    full = time.monotonic() - started
    killed = 0
    for _ in range(KILLS):
        if run_and_kill([*base, "rules", "run"], rng.uniform(0.1, full)) is None:
            killed += 1
        assert_sound(db)
    assert killed, "never killed: the test proved nothing"
    subprocess.run([*base, "rules", "run"], check=True, capture_output=True)
    assert_sound(db)
    assert state(db) == state(pristine)
    again = subprocess.run([*base, "rules", "run", "--json"], capture_output=True, text=True)
    assert json.loads(again.stdout)["changed"] == 0  # a second run changes nothing


def test_killed_merge_is_whole_or_absent(tmp_path: Path) -> None:
    rng = random.Random(3)
    db = tmp_path / "desk.db"
    source = tmp_path / "few.jsonl"
    n = 400
    source.write_text(
        "\n".join(
            json.dumps({"title": f"Laporan {i}", "body": f"Isi laporan nomor {i}, hal {i * 3}."})
            for i in range(n)
        ),
        encoding="utf-8",
    )
    subprocess.run([*CLI, "--db", str(db), "-q", "ingest", "--no-dedup", str(source)], check=True)
    others = ",".join(str(i) for i in range(2, n + 1))
    worker = [sys.executable, "-m", "tests.stress_workers", "merger", str(db), "1", others]
    merges_logged = 0
    for _ in range(KILLS + 2):
        run_and_kill(worker, rng.uniform(0.2, 2.5))
        assert_sound(db)
        conn = sqlite3.connect(db)
        merged = conn.execute("SELECT count(*) FROM articles WHERE merged_into = 1").fetchone()[0]
        records = conn.execute("SELECT count(*) FROM merges").fetchone()[0]
        logged = conn.execute("SELECT count(*) FROM audit WHERE action = 'merge'").fetchone()[0]
        conn.close()
        done = logged - merges_logged
        assert (merged, records, done) in {(0, 0, 0), (n - 1, n - 1, 1)}
        merges_logged = logged
        if merged:  # split them again so the next round can be killed mid-merge
            subprocess.run([*CLI, "--db", str(db), "-q", "unmerge", "1"], check=True, cwd=REPO)


def _session(sid: int) -> list[int]:
    out = subprocess.run(["ps", "-eo", "pid=,sid="], capture_output=True, text=True).stdout
    return [int(p) for p, s in (line.split() for line in out.splitlines()) if int(s) == sid]


def test_killed_ingest_leaves_no_process_behind(corpus: Path, tmp_path: Path) -> None:
    """Cleaning runs in worker processes; they must not outlive a killed ingest."""
    db = tmp_path / "desk.db"
    args = [*CLI, "--db", str(db), "--rules", str(RULES), "-q", "ingest", "--no-dedup"]
    proc = subprocess.Popen([*args, str(corpus)], cwd=REPO, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(_session(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # until the workers are up
    if proc.poll() is not None:
        pytest.skip("ingest finished before its workers could be seen")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 15
    while _session(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _session(proc.pid)
    for pid in left:  # ours: started by this test in its own session
        os.kill(pid, signal.SIGKILL)
    assert not left, f"{len(left)} processes outlived the killed ingest"
