"""WAL checkpoints off the commit path, so no single write pays for everyone's.

SQLite's automatic checkpoint runs inside whichever COMMIT pushes the log past its threshold:
on a large file, about one ingested story in fifteen then waits ~20 ms while pages are copied
back and synced. Here one thread per database file per process runs passive checkpoints
instead (they never wait for, nor block, readers and writers). The automatic checkpoint stays
on at a higher threshold, as a safety net should that thread fall behind.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sqlite3
import threading
from pathlib import Path

INTERVAL_SECONDS = 0.2
SAFETY_NET_PAGES = 10_000  # ~40 MB of log before a COMMIT checkpoints by itself


class _Checkpointer:
    def __init__(self, path: str) -> None:
        self.path = path
        self.users = 0
        self.busy = threading.Lock()  # held while checkpointing; taken around fork()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="newsdesk-checkpoint", daemon=True)

    def _run(self) -> None:
        try:
            # mode=rw: never create a file that has been deleted meanwhile
            uri = Path(self.path).resolve().as_uri() + "?mode=rw"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=True)
        except sqlite3.Error:
            return
        try:
            while not self.stopping.wait(INTERVAL_SECONDS):
                # busy or gone: the next round, or the safety net, does it
                with self.busy, contextlib.suppress(sqlite3.Error):
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            conn.close()

    def stop(self) -> None:
        self.stopping.set()
        if self.thread.is_alive() and self.thread is not threading.current_thread():
            self.thread.join(timeout=5)


_lock = threading.Lock()
_running: dict[str, _Checkpointer] = {}


def acquire(path: str) -> None:
    """A store opened `path`: make sure its checkpoints run in the background."""
    key = os.path.realpath(path)
    with _lock:
        checkpointer = _running.get(key)
        if checkpointer is None:
            checkpointer = _running[key] = _Checkpointer(key)
            checkpointer.thread.start()
        checkpointer.users += 1


def release(path: str) -> None:
    """A store of `path` closed: the last one stops the thread."""
    key = os.path.realpath(path)
    with _lock:
        checkpointer = _running.get(key)
        if checkpointer is None:
            return
        checkpointer.users -= 1
        if checkpointer.users > 0:
            return
        del _running[key]
    checkpointer.stop()


def _stop_all() -> None:
    with _lock:
        stopping = list(_running.values())
        _running.clear()
    for checkpointer in stopping:
        checkpointer.stop()


def _before_fork() -> None:
    # A child must not inherit SQLite's internal locks mid-checkpoint.
    _lock.acquire()
    for checkpointer in _running.values():
        checkpointer.busy.acquire()


def _after_fork_parent() -> None:
    for checkpointer in _running.values():
        checkpointer.busy.release()
    _lock.release()


def _after_fork_child() -> None:
    # The threads did not survive the fork; a store the child opens starts its own.
    for checkpointer in _running.values():
        checkpointer.busy.release()
    _running.clear()
    _lock.release()


atexit.register(_stop_all)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(
        before=_before_fork, after_in_parent=_after_fork_parent, after_in_child=_after_fork_child
    )
