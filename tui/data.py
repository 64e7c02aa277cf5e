"""One Desk per worker thread: sqlite connections never cross threads.

Textual thread workers run on the event loop's thread pool, whose threads are reused, so
a thread-local Desk means one connection per pool thread, opened on first use.
"""

from __future__ import annotations

import contextlib
import threading

from newsdesk.desk import Desk


class DeskAccess:
    def __init__(self, desk: Desk) -> None:
        self.main = desk
        self._local = threading.local()
        self._generation = 0
        self._lock = threading.Lock()
        self._opened: list[Desk] = []

    def get(self) -> Desk:
        """The calling thread's own desk (never call this on the UI thread)."""
        local = self._local
        desk: Desk | None = getattr(local, "desk", None)
        if desk is None or getattr(local, "generation", -1) != self._generation:
            if desk is not None:
                desk.close()
            desk = self.main.for_thread()
            local.desk = desk
            local.generation = self._generation
            with self._lock:
                self._opened.append(desk)
        return desk

    def renew(self) -> None:
        """Thread desks made from now on copy the main desk afresh (e.g. after a rules reload)."""
        self._generation += 1

    def close_all(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for desk in opened:
            with contextlib.suppress(Exception):
                desk.close()
