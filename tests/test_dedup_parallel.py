"""The full dedup pass on several processes finds exactly what one process finds."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsdesk.dedup import DedupConfig, DedupIndex

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import synth


def _links(stories: list[SimpleNamespace], workers: int) -> list[tuple]:
    index = DedupIndex(DedupConfig())
    links = index.build(enumerate(stories), workers=workers)
    return sorted((link.a, link.b, link.kind, link.score, tuple(link.reasons)) for link in links)


def _leftovers() -> set[str]:
    """This process's spill files (other test runs on the machine have their own)."""
    shm = Path("/dev/shm")
    return {p.name for p in shm.glob(f"newsdesk-*-{os.getpid()}-*")} if shm.is_dir() else set()


def _stories(n: int) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            title=r["title"], body=r["body"], published=r["published"], outlet=r["outlet"]
        )
        for r in synth.generate(n, seed=5)
    ]


def test_two_processes_find_the_same_links_as_one_and_leave_no_files() -> None:
    stories = _stories(2400)  # the pass forks from 2,000 stories up
    before = _leftovers()
    alone = _links(stories, workers=1)
    assert len(alone) > 100  # the corpus has duplicate groups: a pass that finds none is broken
    if (os.cpu_count() or 1) >= 2:
        assert _links(stories, workers=2) == alone
    assert _leftovers() == before


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the pass does not fork")
def test_a_failing_worker_fails_the_pass_and_leaves_no_files() -> None:
    stories = _stories(2400)
    stories[-1].title = "POISON " + stories[-1].title  # in the worker's half

    def entities(text: str) -> set[str]:
        if "POISON" in text:
            raise RuntimeError("entity finder broke")
        return set()

    before = _leftovers()
    with pytest.raises(RuntimeError, match="entity finder broke"):
        DedupIndex(DedupConfig(), entities).build(enumerate(stories), workers=2)
    assert _leftovers() == before
