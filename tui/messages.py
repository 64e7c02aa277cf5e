"""Typed messages that worker threads post back to the UI thread (the Harlequin pattern)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message

from newsdesk.desk import InboxQuery


@dataclass
class PageLoaded(Message):
    """A page of inbox rows for the window; `mode` says where it goes."""

    generation: int
    mode: str  # "reset" | "below" | "above" | "end"
    rows: list[dict[str, Any]]
    links: dict[int, tuple[int, int]] = field(default_factory=dict)
    keep_id: int | None = None


@dataclass
class CountsLoaded(Message):
    """Per-status counts and the size of the current filtered view."""

    counts: dict[str, int]
    total: int
    query: InboxQuery


@dataclass
class PreviewLoaded(Message):
    article: Any  # newsdesk.model.Article | None
    matches: list[Any]  # newsdesk.rules.Match: field, start, end, term
    links: list[Any]
    coverage: Any = None  # newsdesk.merge.Coverage for merged stories


@dataclass
class ActionDone(Message):
    """An editor action went through: tell the editor and refresh."""

    message: str
    ids: list[int]


@dataclass
class ActionFailed(Message):
    """An action was refused (ActionError) or lost a race (Conflict)."""

    message: str
    conflict: bool = False


@dataclass
class DataChanged(Message):
    """Another connection committed: new stories or changes made elsewhere."""

    version: int
