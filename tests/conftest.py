"""Shared fixtures: a fresh database in a temp dir, the repo's seeds and rules, ../shared/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.desk import Desk

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
RULES = REPO / "rules.yaml"
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file under ../shared/, or skip the test cleanly when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.db"


@pytest.fixture
def desk(db_path: Path) -> Iterator[Desk]:
    """A desk with no rules file: stores and actions only."""
    d = Desk.open(db_path, None, actor="ana")
    yield d
    d.close()


@pytest.fixture
def seeded(db_path: Path) -> Iterator[Desk]:
    """A desk holding the two seed stories, with the repo's rules applied."""
    d = Desk.open(db_path, RULES if RULES.exists() else None, actor="ana")
    d.ingest([SEEDS])
    yield d
    d.close()
