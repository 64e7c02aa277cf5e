"""Candidate generation, the store-backed index, rebuild, config and the CLI."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.dedup import (
    DedupConfig,
    DedupConfigError,
    DedupIndex,
    check_new,
    load_config,
    parse_config,
    rebuild,
)
from newsdesk.store import Store
from newsdesk.store import articles as q
from newsdesk.store import families as family_sql
from newsdesk.store import links as sql

REPO = Path(__file__).resolve().parents[1]
DOCS = [
    json.loads(line)
    for line in (REPO / "tests" / "data" / "dedup_docs_id.jsonl").read_text("utf-8").splitlines()
]
BY_ID = {d["id"]: d for d in DOCS}


def story(doc_id: str) -> SimpleNamespace:
    d = BY_ID[doc_id]
    return SimpleNamespace(title=d["title"], body=d["body"], published=d["published"], outlet=None)


def insert(store: Store, doc_ids: list[str]) -> dict[str, int]:
    rows = []
    for doc_id in doc_ids:
        d = BY_ID[doc_id]
        rows.append(
            {
                "title": d["title"],
                "body": d["body"],
                "raw": d["body"].encode(),
                "content_hash": hashlib.sha256(doc_id.encode()).hexdigest(),
                "outlet": d["outlet"],
                "published": d["published"],
                "source": doc_id,
                "format": "json",
            }
        )
    ids = q.insert_articles(store, rows).ids
    return dict(zip(doc_ids, ids))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "i.db")
    yield s
    s.close()


def test_index_proposes_duplicates_and_not_unrelated_stories() -> None:
    index = DedupIndex(DedupConfig())
    index.add(1, story("bi:base"))
    index.add(2, story("gempa:base"))
    assert index.add(3, story("bi:repub")) == [1]
    assert index.add(5, story("pelita:base")) == []


def test_index_finds_independent_rewrites_through_rare_keys() -> None:
    index = DedupIndex(DedupConfig())
    index.add(1, story("vonis:base"))
    index.add(2, story("banjir:base"))
    links = index.check(3, story("vonis:rewrite"))
    assert [(link.a, link.b, link.kind) for link in links] == [(1, 3, "duplicate")]


def test_stories_outside_the_time_window_are_not_compared() -> None:
    index = DedupIndex(DedupConfig(candidate_window_days=3))
    index.add(1, story("banjir:base"))  # 17 June 2025
    assert index.add(2, story("banjir:other")) == []  # 14 November 2025


def test_build_links_every_labelled_duplicate_without_all_pairs() -> None:
    ids = {doc_id: n for n, doc_id in enumerate(BY_ID, start=1)}
    index = DedupIndex(DedupConfig())
    links = index.build((n, story(doc_id)) for doc_id, n in ids.items())
    found = {(link.a, link.b) for link in links if link.kind == "duplicate"}
    pairs = [
        json.loads(line)
        for line in (REPO / "tests" / "data" / "dedup_pairs_id.jsonl").read_text().splitlines()
    ]
    for pair in pairs:
        if pair["label"] == "duplicate" and pair["a"] in ids and pair["b"] in ids:
            assert tuple(sorted((ids[pair["a"]], ids[pair["b"]]))) in found, pair
    assert len(found) < 30


def test_check_new_records_links_once_and_skips_indexed_stories(store: Store) -> None:
    ids = insert(store, ["bi:base", "gempa:base", "bi:repub", "bi:rewrite"])
    found = check_new(store, None, list(ids.values()))
    pairs = {(f["a"], f["b"]) for f in found if f["kind"] == "duplicate"}
    assert pairs == {
        (ids["bi:base"], ids["bi:repub"]),
        (ids["bi:base"], ids["bi:rewrite"]),
        (ids["bi:repub"], ids["bi:rewrite"]),
    }
    assert check_new(store, None, list(ids.values())) == []  # already indexed
    more = insert(store, ["bi:other"])
    again = check_new(store, None, list(more.values()))
    assert {f["kind"] for f in again} == {"related"}


def test_rebuild_finds_what_incremental_found_and_keeps_dismissals(store: Store) -> None:
    ids = insert(store, ["vonis:base", "vonis:repub", "vonis:rewrite", "pelita:base"])
    incremental = {(f["a"], f["b"], f["kind"]) for f in check_new(store, None, list(ids.values()))}
    with store.write() as db:
        sql.set_link_state(db, ids["vonis:base"], ids["vonis:repub"], "dismissed")
    rebuilt = {(f["a"], f["b"], f["kind"]) for f in rebuild(store, DedupConfig())}
    base, repub, rewrite = ids["vonis:base"], ids["vonis:repub"], ids["vonis:rewrite"]
    # not one story, says the editor: so the rewrite can be the same story as one of them only
    assert {(a, b) for a, b, _ in rebuilt} == {(a, b) for a, b, _ in incremental} - {(base, repub)}
    kinds = {(a, b): kind for a, b, kind in rebuilt}
    assert sorted([kinds[(base, rewrite)], kinds[(repub, rewrite)]]) == ["duplicate", "related"]
    family = family_sql.family_of(store.db, [base, repub, rewrite])
    assert family.get(base) != family.get(repub) and rewrite in family
    assert sql.get_link(store.db, ids["vonis:base"], ids["vonis:repub"])["state"] == "dismissed"  # type: ignore[index]
    assert sql.doc_count(store.db) == 4


def test_dedup_config_is_validated_with_file_and_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("version: 1\ndedup:\n  window_days: 3\n  duplicat_threshold: 70\n")
    with pytest.raises(
        DedupConfigError,
        match=r"rules.yaml:4: dedup.duplicat_threshold: .*"
        r"did you mean 'duplicate_threshold'",
    ):
        load_config(rules)
    rules.write_text("dedup:\n  window_days: 3\n  related_threshold: 80\n")
    with pytest.raises(DedupConfigError, match=r":3: dedup.related_threshold: 80 is above"):
        load_config(rules)
    rules.write_text("dedup:\n  window_days: 3\n  entities: [sekda-*]\n")
    config = load_config(rules)
    assert config.window_days == 3 and config.counts_entity("sekda-kalbar")
    assert not config.counts_entity("pemprov-dki")
    with pytest.raises(DedupConfigError, match="expected a whole number"):
        parse_config({"window_days": 2.5})


def test_cli_dedup_related_merge_unmerge_dismiss(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    store = Store.open(db)
    ids = insert(store, ["vonis:base", "vonis:repub", "vonis:other", "ppdb:base"])
    store.close()
    runner = CliRunner()
    base = ["--db", str(db), "--rules", str(tmp_path / "none.yaml"), "--as", "ana"]

    out = runner.invoke(main, [*base, "dedup", "--json"])
    assert out.exit_code == 0, out.output
    pairs = json.loads(out.output)
    kinds = {(p["a"], p["b"]): p["kind"] for p in pairs}
    a, b, c = ids["vonis:base"], ids["vonis:repub"], ids["vonis:other"]
    assert kinds[(a, b)] == "duplicate" and kinds[(a, c)] == "related"
    assert all(set(p) == {"a", "b", "kind", "score", "reasons", "state"} for p in pairs)

    out = runner.invoke(main, [*base, "merge", str(a), str(b)])
    assert out.exit_code == 0, out.output
    out = runner.invoke(main, [*base, "related", str(b), "--json"])
    info = json.loads(out.output)
    assert info["canonical"] == a and set(info["outlets"]) == {"liputan6.com", "detik.com"}

    out = runner.invoke(main, [*base, "merge", str(c), str(b)])
    assert out.exit_code == 1 and f"story {b} is already merged into story {a}" in out.output

    assert runner.invoke(main, [*base, "unmerge", str(b)]).exit_code == 0
    assert runner.invoke(main, [*base, "dismiss", str(a), str(c)]).exit_code == 0
    out = runner.invoke(main, [*base, "dedup", "--rebuild", "--json"])
    pairs = {(p["a"], p["b"]) for p in json.loads(out.output)}
    assert (a, b) in pairs  # unmerged: an open proposal again, as before the merge
    assert (a, c) not in pairs  # dismissed: never proposed again
