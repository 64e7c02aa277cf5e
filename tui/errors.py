"""Failures the desk survives: a worker that raised is told to the editor, never fatal.

Every thread worker runs with `exit_on_error=False`; its owner mixes in `ReportsWorkerErrors`
so a `Worker.StateChanged` to ERROR (which does not bubble) becomes one notification that
names the error. Nothing is swallowed: the editor sees what failed, and the desk goes on.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.worker import Worker, WorkerState

from newsdesk.tui.render import safe

# What each worker group was doing, in the editor's words.
DOING = {
    "counts": "Counting stories",
    "preview": "Loading the story",
    "poll": "Watching for new stories",
    "action": "The action",
    "modal-data": "Loading the choices",
    "ingest": "Loading stories",
    "inbox-page": "Loading the inbox",
    "dupes": "Loading duplicates",
    "compare": "Loading the comparison",
    "rules": "Loading the rules",
    "reader": "Loading the story",
    "browser": "Opening the browser",
}


def describe_error(error: BaseException | None) -> str:
    """`TypeName: message`, printable and on one line."""
    if error is None:
        return "unknown error"
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return safe(f"{type(error).__name__}: {text}" if text else type(error).__name__)


def notify_failure(app: App[Any], doing: str, error: BaseException | None) -> None:
    """One error toast naming what failed and why (safe to call from any thread)."""
    app.notify(
        f"{doing} failed: {describe_error(error)}",
        title="Error",
        severity="error",
        markup=False,
        timeout=10,
    )


class ReportsWorkerErrors:
    """Mixin for widgets, screens and the app that own thread workers."""

    app: App[Any]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        worker = event.worker
        notify_failure(self.app, DOING.get(worker.group, worker.name or "A task"), worker.error)
        self.worker_failed(worker)

    def worker_failed(self, worker: Worker[Any]) -> None:
        """Put the view back in a usable state after `worker` failed (override)."""
