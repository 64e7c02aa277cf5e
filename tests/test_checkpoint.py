"""WAL checkpoints run beside the writers: no COMMIT waits for pages to be copied back."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from newsdesk.store import Store, checkpoint


def _checkpoint_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "newsdesk-checkpoint"]


def _write_pages(store: Store, rows: int = 3000) -> None:
    with store.write() as db:
        db.conn.execute("CREATE TABLE IF NOT EXISTS filler (x TEXT)")
        db.conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * rows)


def test_commits_leave_checkpoints_to_the_background_thread(db_path: Path) -> None:
    store = Store.open(db_path)
    assert (
        store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == checkpoint.SAFETY_NET_PAGES
    )
    _write_pages(store)  # ~400 pages: well under the safety net, so the COMMIT copies none back
    before = os.path.getsize(db_path)
    deadline = time.monotonic() + 5
    while os.path.getsize(db_path) <= before and time.monotonic() < deadline:
        time.sleep(0.05)
    # the pages reached the database file without anyone checkpointing in the foreground
    assert os.path.getsize(db_path) > before + 500 * 1000
    store.close()


def test_one_thread_per_file_stopped_with_the_last_store(tmp_path: Path) -> None:
    first, second = Store.open(tmp_path / "a.db"), Store.open(tmp_path / "a.db")
    other = Store.open(tmp_path / "b.db")
    threads = _checkpoint_threads()
    assert len(threads) >= 2
    first.close()
    other.close()
    _write_pages(second, 10)  # the remaining store still works
    second.close()
    for thread in threads:
        thread.join(timeout=5)
    assert not [t for t in threads if t.is_alive()]


def test_a_store_dropped_without_close_releases_its_thread(tmp_path: Path) -> None:
    before = set(_checkpoint_threads())
    store = Store.open(tmp_path / "c.db")
    (thread,) = [t for t in _checkpoint_threads() if t not in before]
    del store
    thread.join(timeout=5)
    assert not thread.is_alive()
