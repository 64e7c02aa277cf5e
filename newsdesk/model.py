"""The article as the core sees it: plain data, no SQL, no widgets."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Status(str, Enum):
    NEW = "new"
    APPROVED = "approved"
    REJECTED = "rejected"
    MERGED = "merged"


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)

# Ordered lowest to highest: "the highest wins" when several rules set one.
PRIORITIES: tuple[str, ...] = ("low", "normal", "high", "urgent")


def priority_rank(priority: str | None) -> int:
    """Rank for comparing priorities; unknown or missing sorts below 'low'."""
    try:
        return PRIORITIES.index(priority or "")
    except ValueError:
        return -1


@dataclass
class Draft:
    """An article as read from a source, before it is cleaned and stored.

    Readers fill what the input carries; cleaning fills the rest from the text.
    `provenance` says where each field came from ("metadata", "url", "dateline", "text").
    """

    title: str | None
    body: str
    raw: bytes
    source: str  # path, URL or "<stdin>", plus "#N" for the Nth record of a multi-record file
    format: str  # text | json | jsonl | rss | atom | ninjs
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date or datetime, as given by metadata
    lang: str | None = None
    encoding: str = "utf-8"
    extra: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)


@dataclass
class Article:
    """A stored article: cleaned text plus the editorial state around it."""

    id: int
    title: str
    body: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None
    status: str = Status.NEW.value
    status_reason: str | None = None
    desk: str | None = None
    priority: str | None = None
    flag: str | None = None
    merged_into: int | None = None
    ingested_at: str | None = None
    version: int = 1
    tags: list[Tag] = field(default_factory=list)

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.body}"

    @property
    def tag_names(self) -> list[str]:
        return sorted({t.tag for t in self.tags})


@dataclass(frozen=True)
class Link:
    """A duplicate/related pair seen from one story: the other story, score, reasons, state."""

    other_id: int
    kind: str  # duplicate | related
    score: float
    state: str  # open | merged | dismissed
    reasons: list[str] = field(default_factory=list)
    other_title: str = ""
    other_outlet: str | None = None
    other_status: str = ""
    this_id: int = 0  # the story this link was read from

    def to_json(self) -> dict[str, Any]:
        """The pair as `newsdesk dedup --json` writes it: a < b, whoever asked."""
        a, b = sorted((self.this_id, self.other_id))
        return {
            "a": a,
            "b": b,
            "kind": self.kind,
            "score": self.score,
            "reasons": self.reasons,
            "state": self.state,
        }


@dataclass(frozen=True)
class Tag:
    tag: str
    origin: str  # "rule:<id>" or "editor:<name>"

    @property
    def by_rule(self) -> bool:
        return self.origin.startswith("rule:")
