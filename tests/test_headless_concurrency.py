"""Headless commands beside an open desk: no "database is locked", every file stored once.

A second process plays the TUI: one long-lived connection polling `data_version`, paging
the inbox inside read transactions (sometimes holding one open a while, as a slow screen
does), and making editor changes now and then. Meanwhile the headless commands run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.desk import Desk
from newsdesk.store.articles import InboxQuery

from .conftest import REPO, SEEDS

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
    Path(sys.argv[3]).write_text("0 0")
    while not stop.exists():
        try:
            with desk.store.read():
                rows = desk.page(InboxQuery(status=None), limit=50)
                desk.count(InboxQuery(status="new"))
                desk.status_counts()
                if reads % 10 == 0:
                    time.sleep(0.2)  # a slow screen keeps its snapshot open
            reads += 1
            version = desk.store.data_version()
            if version != seen and rows:
                seen = version
                target = rows[reads % len(rows)]["id"]
                desk.tag([target], ["dibaca"])
                if reads % 3 == 0:
                    desk.undo()
                writes += 1
            Path(sys.argv[3]).write_text(f"{reads} {writes}")  # progress, for the test to see
        except Exception as exc:
            errors.append(repr(exc))
        time.sleep(0.01)
    desk.close()
    print(json.dumps({"reads": reads, "writes": writes, "errors": errors}))
    """
)


@pytest.fixture
def db_path(db_target: str) -> str:
    """On both engines: a SQLite file path, or a PostgreSQL URL."""
    return db_target


def story(i: int) -> str:
    return json.dumps(
        {
            "title": f"Laporan {i} dari Kapuas Hulu",
            "body": f"Warga Putussibau melaporkan hal ke-{i}: kode {i * 104729} tercatat.",
            "outlet": "Antara" if i % 2 else "Tribun",
        }
    )


def progress(path: Path) -> tuple[int, int]:
    """(reads, writes) the fake desk has done so far; it rewrites the file as it goes."""
    parts = path.read_text().split()
    if len(parts) != 2:  # caught mid-write
        return 0, 0
    return int(parts[0]), int(parts[1])


def run(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), "--rules", "none.yaml", *args])
    return result.exit_code, result.stderr + result.stdout


def test_headless_commands_beside_an_open_desk(db_path: str, tmp_path: Path) -> None:
    Desk.open(db_path).close()  # create and migrate first, as a desk already in use would be
    stop, ready = tmp_path / "stop", tmp_path / "reads"
    tui = subprocess.Popen(
        [sys.executable, "-c", FAKE_TUI, str(db_path), str(stop), str(ready)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        inbox = tmp_path / "inbox"
        inbox.mkdir()
        n_files = 150
        for i in range(n_files):
            (inbox / f"{i:04d}.json").write_text(story(i))
        (inbox / "rusak.json").write_text("{ bukan json")

        reads_before, _ = progress(ready)
        outcomes = {}
        outcomes["ingest"] = run(db_path, "ingest", str(SEEDS))
        outcomes["watch"] = run(db_path, "watch", "--once", "--settle", "0", str(inbox))
        outcomes["approve"] = run(db_path, "--as", "ops", "approve", "1", "2", "3")
        outcomes["tag"] = run(db_path, "--as", "ops", "tag", "4", "banjir")
        outcomes["reject"] = run(db_path, "--as", "ops", "reject", "5", "--reason", "iklan")
        outcomes["undo"] = run(db_path, "--as", "ops", "undo")
        outcomes["export"] = run(db_path, "export", "--format", "ninjs", "--status", "all")
        outcomes["stats"] = run(db_path, "stats", "--json")
        outcomes["list"] = run(db_path, "list", "--json", "--limit", "500")
        # the desk may be waiting its turn to write: give it time to read and write after us
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            reads, writes = progress(ready)
            if reads > reads_before and writes > 0:
                break
            time.sleep(0.05)
        reads_during = progress(ready)[0] - reads_before
    finally:
        stop.touch()
        out, err = tui.communicate(timeout=30)

    for name, (code, output) in outcomes.items():
        assert "locked" not in output, (name, output)
        expected = 1 if name == "watch" else 0  # watch --once: the bad file makes it 1
        assert code == expected, (name, output)
    assert "rusak.json" in outcomes["watch"][1]
    report = json.loads(out)
    assert report["errors"] == [], report
    # the desk kept working beside the commands: interleaved, never failed, never stuck
    assert reads_during > 0 and report["writes"] > 0, (reads_during, report, err)

    desk = Desk.open(db_path)
    try:
        assert desk.count(InboxQuery(status=None)) == n_files + 2  # every file stored once
        assert len(list((inbox / ".done").iterdir())) == n_files
        assert desk.article(1).status == "approved"
    finally:
        desk.close()
