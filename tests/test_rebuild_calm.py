"""`dedup --rebuild` next to editors: no write lock for the pass, nothing left behind, nothing
of merged stories lost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.dedup import DedupConfig, incremental
from newsdesk.dedup import index as index_module
from newsdesk.dedup.incremental import check_new, rebuild
from newsdesk.merge import merge
from newsdesk.store import Store
from newsdesk.store import links as sql
from tests.test_dedup_index import insert


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "desk.db")
    yield opened
    opened.close()


def test_an_editor_can_write_while_the_full_pass_runs(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    insert(store, ["bi:base", "bi:repub", "gempa:base", "gempa:repub"])
    wrote: list[str] = []
    real_check = incremental.check_new

    def check_while_an_editor_writes(*args: Any, **kwargs: Any) -> Any:
        editor = sqlite3.connect(store.path, timeout=0.5)
        try:
            editor.execute("BEGIN IMMEDIATE")  # what an approve does; locked -> error
            editor.execute("UPDATE articles SET status = 'approved' WHERE id = 1")
            editor.execute("COMMIT")
            wrote.append("approved")
        finally:
            editor.close()
        return real_check(*args, **kwargs)

    monkeypatch.setattr(incremental, "REBUILD_CHUNK", 2)
    monkeypatch.setattr(incremental, "check_new", check_while_an_editor_writes)
    rebuild(store, DedupConfig())
    assert wrote == ["approved", "approved"]  # before each chunk of two stories


def test_stories_stored_during_the_pass_are_checked_too(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    insert(store, ["bi:base", "gempa:base"])
    real_check = incremental.check_new
    late: dict[str, int] = {}

    def check_while_ingest_stores(*args: Any, **kwargs: Any) -> Any:
        if not late:
            late.update(insert(Store.open(store.path), ["bi:repub"]))
        return real_check(*args, **kwargs)

    monkeypatch.setattr(incremental, "REBUILD_CHUNK", 1)
    monkeypatch.setattr(incremental, "check_new", check_while_ingest_stores)
    rebuild(store, DedupConfig())
    assert sql.get_link(store.db, 1, late["bi:repub"])["kind"] == "duplicate"  # type: ignore[index]


def test_a_rebuild_keeps_the_open_links_of_merged_stories(store: Store) -> None:
    ids = insert(store, ["vonis:base", "vonis:repub", "vonis:other"])
    check_new(store, None, list(ids.values()))
    with store.write():
        merge(store, ids["vonis:base"], [ids["vonis:repub"]], "ana")
    before = {(lk["a"], lk["b"]) for lk in sql.links(store.db)}
    rebuild(store, DedupConfig())
    after = {(lk["a"], lk["b"]) for lk in sql.links(store.db)}
    assert before <= after


def test_spill_files_of_a_killed_pass_are_swept_by_the_next(tmp_path: Path) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    spill = Path(index_module._spill_dir() or tempfile.gettempdir())
    orphan = spill / f"newsdesk-dedup-{int(gone.stdout)}-1-abc.pickle"
    orphan.write_bytes(b"left by a pass killed with -9")
    mine = spill / f"newsdesk-dedup-{__import__('os').getpid()}-1-abc.pickle"
    mine.write_bytes(b"a live pass's file")
    try:
        index_module.DedupIndex(DedupConfig()).build([])
        assert not orphan.exists()
        assert mine.exists()  # a running pass's files are its own
    finally:
        for path in (orphan, mine):
            path.unlink(missing_ok=True)
