"""Dedup of a whole ingest batch gives exactly what checking its stories one by one gives.

A batch is checked with features extracted ahead in a worker, word counts and postings read
ahead, and index rows written at the end; none of that may change a link or a family.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsdesk.dedup import check_new, families
from newsdesk.dedup import index as index_module
from newsdesk.store import Store
from newsdesk.store import articles as q
from newsdesk.store import links as sql

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import synth  # noqa: E402


def labelled() -> list[dict[str, Any]]:
    path = REPO / "tests" / "data" / "dedup_docs_id.jsonl"
    docs = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    for doc in docs[::7]:
        doc["published"] = None  # dated by ingestion, as undated input is
    return docs


def synthetic() -> list[dict[str, Any]]:
    return list(synth.generate(240, seed=5, days=60))


def insert(store: Store, records: list[dict[str, Any]]) -> list[int]:
    rows = [
        {
            "title": r["title"],
            "body": r["body"],
            "raw": r["body"].encode(),
            "content_hash": hashlib.sha256(r["id"].encode()).hexdigest(),
            "outlet": r.get("outlet"),
            "published": r.get("published"),
            "source": r["id"],
            "format": "json",
        }
        for r in records
    ]
    return q.insert_articles(store, rows).ids


def state(store: Store) -> dict[str, Any]:
    """Everything dedup leaves in the store, timestamps left out."""
    db = store.db
    return {
        "links": db.execute(
            "SELECT a, b, kind, score, reasons, state FROM links ORDER BY a, b"
        ).fetchall(),
        "families": db.execute(
            "SELECT article_id, family_id, score, why, origin FROM family_members"
            " ORDER BY article_id"
        ).fetchall(),
        "keys": db.execute(
            "SELECT key, day, article_id FROM dedup_keys ORDER BY 1, 2, 3"
        ).fetchall(),
        "docs": db.execute("SELECT * FROM dedup_docs ORDER BY article_id").fetchall(),
        "terms": db.execute("SELECT term, df FROM dedup_terms ORDER BY term").fetchall(),
    }


@pytest.mark.parametrize("source", [labelled, synthetic], ids=["labelled", "synthetic"])
def test_batches_and_story_by_story_give_the_same_links_and_families(
    db_targets: Callable[[str], str], monkeypatch: pytest.MonkeyPatch, source: Any
) -> None:
    # small chunks, so even these few stories go through the worker and several read-aheads
    monkeypatch.setattr(index_module, "AHEAD_CHUNK", 9)
    monkeypatch.setattr(index_module, "AHEAD_MIN", 18)
    records = source()
    each = Store.open(db_targets("each.db"))
    batched = Store.open(db_targets("batched.db"))
    try:
        ids = insert(each, records)
        assert insert(batched, records) == ids
        for article_id in ids:
            check_new(each, None, [article_id])
        cut = len(ids) * 2 // 5  # a first batch, then a second one against it in the store
        check_new(batched, None, ids[:cut], workers=2)
        check_new(batched, None, ids[cut:], workers=2)
        one, other = state(each), state(batched)
        assert one["links"] and one["families"], "the data must make links and families"
        assert any(kind == "related" for _, _, kind, *_ in one["links"])
        for part in one:
            assert one[part] == other[part], part
        assert sql.doc_count(batched.db) == len(ids)
    finally:
        each.close()
        batched.close()


def test_a_batch_in_one_process_gives_the_same_as_with_a_worker(
    db_targets: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "AHEAD_CHUNK", 9)
    monkeypatch.setattr(index_module, "AHEAD_MIN", 18)
    records = labelled()
    # the worker opens the store by URI: a name with URI characters must still be found
    stores = [Store.open(db_targets(name)) for name in ("one.db", "two ?#%.db")]
    try:
        for store, workers in zip(stores, (1, 2)):
            check_new(store, None, insert(store, records), workers=workers)
        assert state(stores[0]) == state(stores[1])
    finally:
        for store in stores:
            store.close()


def test_a_failed_batch_leaves_no_counts_behind(
    db_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = labelled()
    store = Store.open(db_target)
    try:
        ids = insert(store, records)

        def explode(*_: Any, **__: Any) -> None:
            raise RuntimeError("boom")

        with monkeypatch.context() as patch:
            patch.setattr(families, "place", explode)
            with pytest.raises(RuntimeError):
                check_new(store, None, ids)
        assert sql.doc_count(store.db) == 0
        assert store.db.execute("SELECT count(*) FROM dedup_keys").fetchone()[0] == 0
        assert check_new(store, None, ids)  # and the same stories can be checked again
    finally:
        store.close()
