"""watch: each dropped file ingested once, bad ones reported, restarts resumed, clean stops."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsdesk.desk import Desk
from newsdesk.store.articles import InboxQuery
from newsdesk.watch import DropFolder, FileResult

from .conftest import REPO


def story(i: int) -> str:
    return json.dumps(
        {
            "title": f"Berita nomor {i} dari Pontianak",
            "body": f"Isi berita nomor {i}: warga Pontianak membahas hal ke-{i * 7919}.",
            "outlet": "Antara",
        }
    )


def drop(folder: Path, name: str, text: str) -> Path:
    """Like a well-behaved scraper: write beside, then rename into place."""
    tmp = folder / f".{name}.part"
    tmp.write_text(text, encoding="utf-8")
    path = folder / name
    tmp.replace(path)
    return path


def wait_for(predicate: Callable[[], bool], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def count(desk: Desk) -> int:
    return desk.count(InboxQuery(status=None))


def test_backlog_once_moves_files_and_reports_bad_ones(desk: Desk, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    drop(inbox, "a.json", story(1))
    drop(inbox / "sub", "b.json", story(2))
    drop(inbox, "broken.json", "{")
    drop(inbox, "page.txt", "<!doctype html><html><body>menu</body></html>")
    drop(inbox, "mixed.jsonl", story(3) + "\nnot json\n")
    (inbox / "notes.pdf").write_bytes(b"%PDF")  # not ours: left alone
    results: list[FileResult] = []
    folder = DropFolder(desk, [inbox], settle=0, on_result=results.append)
    summary = folder.run(once=True)

    outcome = {Path(r.path).name: r.outcome for r in results}
    assert outcome == {
        "a.json": "done",
        "b.json": "done",
        "broken.json": "failed",
        "page.txt": "failed",
        "mixed.jsonl": "partial",
    }
    assert (summary.files, summary.stored, summary.failed) == (5, 3, 3)
    assert count(desk) == 3
    assert (inbox / ".done" / "sub" / "b.json").exists()
    assert "invalid JSON" in (inbox / ".failed" / "broken.json.reason").read_text()
    assert "HTML page" in (inbox / ".failed" / "page.txt.reason").read_text()
    assert "mixed.jsonl:2" in (inbox / ".done" / "mixed.jsonl.reason").read_text()
    assert (inbox / "notes.pdf").exists()
    assert sorted(p.name for p in inbox.iterdir() if not p.name.startswith(".")) == [
        "notes.pdf",
        "sub",
    ]

    # a restart finds nothing to do; the same file dropped again is not stored twice
    assert DropFolder(desk, [inbox], settle=0).run(once=True).files == 0
    drop(inbox, "a.json", story(1))
    again: list[FileResult] = []
    DropFolder(desk, [inbox], settle=0, on_result=again.append).run(once=True)
    assert [(r.outcome, r.already_stored) for r in again] == [("done", 1)]
    assert (inbox / ".done" / "a.1.json").exists()  # both copies kept
    assert count(desk) == 3


def test_crash_between_store_and_move_does_not_store_twice(desk: Desk, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    drop(inbox, "a.json", story(1))
    desk.ingest([inbox / "a.json"])  # stored, then "crashed" before the move
    results: list[FileResult] = []
    DropFolder(desk, [inbox], settle=0, on_result=results.append).run(once=True)
    assert [(r.outcome, len(r.stored), r.already_stored) for r in results] == [("done", 0, 1)]
    assert count(desk) == 1


def test_unsettled_file_waits_until_it_stops_changing(desk: Desk, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    half = inbox / "slow.json"
    half.write_text(story(1)[:20])  # a copy in progress, written in place
    folder = DropFolder(desk, [inbox], settle=60)
    folder.drain(folder.scan())
    assert half.exists() and count(desk) == 0
    half.write_text(story(1))
    old = time.time() - 120
    os.utime(half, (old, old))
    folder.drain()
    assert not half.exists() and count(desk) == 1


def test_stop_finishes_the_files_in_hand_and_leaves_the_rest(desk: Desk, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(5):
        drop(inbox, f"{i}.json", story(i))
    stop = threading.Event()
    real_ingest = desk.ingest

    def ingest_then_signal(paths: Any, **kw: Any) -> Any:
        stop.set()  # the signal arrives while the first files are being ingested
        return real_ingest(paths, **kw)

    desk.ingest = ingest_then_signal  # type: ignore[method-assign]
    summary = DropFolder(desk, [inbox], settle=0, stop=stop, batch=1).run(once=True)
    assert summary.files == 1  # batch=1: exactly the file in hand
    assert (inbox / ".done" / "0.json").exists()
    stop.clear()
    summary = DropFolder(desk, [inbox], settle=0, stop=stop, batch=2).run(once=True)
    assert summary.files == 2
    assert sorted(p.name for p in inbox.glob("*.json")) == ["3.json", "4.json"]
    assert count(desk) == 3


def test_live_watch_picks_up_new_files_and_stops(desk: Desk, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    stop = threading.Event()
    worker_desk = desk.for_thread
    results: list[FileResult] = []

    def run() -> None:
        d = worker_desk()
        try:
            DropFolder(d, [inbox], settle=0.05, stop=stop, on_result=results.append).run(poll=0.05)
        finally:
            d.close()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        time.sleep(0.3)
        for i in range(20):
            drop(inbox, f"{i}.json", story(i))
        drop(inbox, "bad.json", "[1, 2")
        assert wait_for(lambda: len(results) == 21), [r.path for r in results]
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    assert count(desk) == 20
    assert (inbox / ".failed" / "bad.json").exists()


CLI = "from newsdesk.cli import main; main()"


def _cli(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", CLI, "--db", str(db), "--rules", "none.yaml", *args]


def test_cli_sigterm_exits_cleanly_and_restart_resumes(db_path: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    drop(inbox, "before.json", story(1))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        _cli(db_path, "watch", "--settle", "0.05", "--json", str(inbox)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        assert wait_for(lambda: (inbox / ".done" / "before.json").exists())
        drop(inbox, "live.json", story(2))
        drop(inbox, "bad.json", "{")
        assert wait_for(lambda: (inbox / ".failed" / "bad.json").exists())
        assert wait_for(lambda: (inbox / ".done" / "live.json").exists())
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    events = [json.loads(chunk) for chunk in _json_objects(out)]
    assert sorted((Path(e["file"]).name, e["outcome"]) for e in events) == [
        ("bad.json", "failed"),
        ("before.json", "done"),
        ("live.json", "done"),
    ]
    assert "SIGTERM" in err and "bad.json" in err

    drop(inbox, "after.json", story(3))
    once = subprocess.run(
        _cli(db_path, "watch", "--once", "--settle", "0", str(inbox)),
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert once.returncode == 0, once.stderr
    assert "1 files, 1 stories stored, 0 failed" in once.stderr
    d = Desk.open(db_path)
    try:
        assert count(d) == 3
    finally:
        d.close()


def _json_objects(text: str) -> list[str]:
    """emit_json pretty-prints: split the stream into its top-level objects."""
    decoder = json.JSONDecoder()
    out, i = [], 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        obj, end = decoder.raw_decode(text, i)
        out.append(json.dumps(obj))
        i = end
    return out


def test_a_crash_on_one_file_fails_that_file_only(desk: Desk, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    drop(inbox, "a.json", story(1))
    drop(inbox, "b.json", story(2))
    real_ingest = desk.ingest

    def buggy(paths: Any, **kw: Any) -> Any:
        if Path(paths[0]).name == "a.json":
            raise RuntimeError("bug in a reader")
        return real_ingest(paths, **kw)

    desk.ingest = buggy  # type: ignore[method-assign]
    summary = DropFolder(desk, [inbox], settle=0).run(once=True)
    assert (summary.files, summary.failed, summary.stored) == (2, 1, 1)
    assert "bug in a reader" in (inbox / ".failed" / "a.json.reason").read_text()
    assert (inbox / ".done" / "b.json").exists()


def test_a_locked_database_leaves_the_file_for_later(desk: Desk, tmp_path: Path) -> None:
    from newsdesk.store import StoreError

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    drop(inbox, "a.json", story(1))
    real_ingest = desk.ingest
    calls: list[int] = []
    errors: list[str] = []

    def locked_once(paths: Any, **kw: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise StoreError("database stayed locked")
        return real_ingest(paths, **kw)

    desk.ingest = locked_once  # type: ignore[method-assign]
    folder = DropFolder(desk, [inbox], settle=0, on_error=errors.append)
    folder.drain(folder.scan())
    assert (inbox / "a.json").exists() and "not ingested yet" in errors[0]
    folder.drain()
    assert (inbox / ".done" / "a.json").exists() and count(desk) == 1


def test_a_broken_database_fails_no_file(desk: Desk, tmp_path: Path) -> None:
    import sqlite3

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    drop(inbox, "a.json", story(1))
    drop(inbox, "b.json", story(2))

    def broken(paths: Any, **kw: Any) -> Any:
        raise sqlite3.OperationalError("no such table: dedup_docs")

    desk.ingest = broken  # type: ignore[method-assign]
    errors: list[str] = []
    folder = DropFolder(desk, [inbox], settle=0, on_error=errors.append)
    folder.drain(folder.scan())  # backs off a second before returning
    assert sorted(p.name for p in inbox.glob("*.json")) == ["a.json", "b.json"]
    assert not (inbox / ".failed").exists()
    assert "not ingested yet" in errors[0] and "dedup_docs" in errors[0]


# --- hostile drops (issue #14, item 5) ------------------------------------------------------


def test_symlinks_are_refused_with_a_reason_not_followed(desk: Desk, tmp_path: Path) -> None:
    """`ln -s /etc/hostname drop/x.txt` used to be stored as an article."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    outside = tmp_path / "secret.json"
    outside.write_text(story(1), encoding="utf-8")
    (inbox / "x.json").symlink_to(outside)
    (inbox / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    drop(inbox, "fine.json", story(2))
    results: list[FileResult] = []
    summary = DropFolder(desk, [inbox], settle=0, on_result=results.append).run(once=True)

    assert count(desk) == 1  # fine.json only; the secret was never read
    outcome = {Path(r.path).name: r.outcome for r in results}
    assert outcome == {"x.json": "failed", "dangling.txt": "failed", "fine.json": "done"}
    assert summary.failed == 2
    reason = (inbox / ".failed" / "x.json.reason").read_text()
    assert "a symbolic link, not read" in reason
    assert (inbox / ".failed" / "x.json").is_symlink()  # the link moved, the target untouched
    assert outside.read_text(encoding="utf-8") == story(1)
    assert "a symbolic link" in (inbox / ".failed" / "dangling.txt.reason").read_text()


def test_special_files_are_refused_without_being_opened(db_path: Path, tmp_path: Path) -> None:
    """A FIFO would block the watcher forever if it were opened; it is refused by its type."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.mkfifo(inbox / "pipe.json")
    try:
        result = subprocess.run(
            _cli(db_path, "watch", "--once", "--settle", "0", "--json", str(inbox)),
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            cwd=tmp_path,
            timeout=30,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError("the watcher opened the FIFO and blocked") from None
    assert result.returncode == 1
    (event,) = [json.loads(chunk) for chunk in _json_objects(result.stdout)]
    assert (Path(event["file"]).name, event["outcome"]) == ("pipe.json", "failed")
    assert "a named pipe (FIFO), not read" in (inbox / ".failed" / "pipe.json.reason").read_text()


def test_a_new_subfolder_is_left_in_place_and_its_files_are_read(
    desk: Desk, tmp_path: Path
) -> None:
    """A folder named like a file (`2025-10.json/`) used to be moved to .done/ whole."""
    inbox = tmp_path / "inbox"
    sub = inbox / "2025-10.json"
    sub.mkdir(parents=True)
    drop(sub, "a.json", story(1))
    folder = DropFolder(desk, [inbox], settle=0)
    folder.drain([sub])  # what a watch event for the new folder hands over
    assert sub.is_dir() and not (inbox / ".done" / "2025-10.json").exists()
    assert count(desk) == 0
    folder.run(once=True)
    assert count(desk) == 1
    assert sub.is_dir()  # still there, now empty: only its file moved
    assert (inbox / ".done" / "2025-10.json" / "a.json").is_file()


def test_nothing_is_read_through_a_symlinked_folder(desk: Desk, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.json").write_text(story(1), encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "link").symlink_to(elsewhere, target_is_directory=True)
    folder = DropFolder(desk, [inbox], settle=0)
    folder.drain([inbox / "link" / "a.json"])  # an event reported through the link
    folder.run(once=True)
    assert count(desk) == 0
    assert (elsewhere / "a.json").is_file()


def test_cli_once_reports_a_symlink_in_one_line_and_exits_1(db_path: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "x.txt").symlink_to("/etc/hostname")
    result = subprocess.run(
        _cli(db_path, "watch", "--once", "--settle", "0", str(inbox)),
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"{inbox / 'x.txt'}: a symbolic link, not read" in result.stderr
    assert "Traceback" not in result.stderr
