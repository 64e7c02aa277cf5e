"""Story families through the product's path: ingest, then families, family, compare, link."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from tests.conftest import REPO

DOCS = [
    json.loads(line)
    for line in (REPO / "tests" / "data" / "dedup_docs_id.jsonl").read_text().splitlines()
]


def cli(db: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db), "--as", "ana", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def desk(tmp_path: Path, db_target: str) -> tuple[str, dict[str, int]]:
    """The labelled stories ingested on each engine: a SQLite file, or a PostgreSQL database."""
    feed = tmp_path / "docs.jsonl"
    feed.write_text(
        "".join(
            json.dumps({**d, "url": f"https://news.example/{d['id'].replace(':', '/')}"}) + "\n"
            for d in DOCS
        )
    )
    db = db_target
    cli(db, "--rules", str(REPO / "rules.yaml"), "ingest", str(feed))
    stored = json.loads(cli(db, "list", "--json", "--limit", "1000"))
    ids = {
        row["url"].removeprefix("https://news.example/").replace("/", ":", 1): row["id"]
        for row in stored
    }
    return db, ids


def families_by_member(db: str) -> dict[int, int]:
    out = {}
    for family in json.loads(cli(db, "families", "--json")):
        for member in json.loads(cli(db, "family", str(family["id"]), "--json"))["members"]:
            out[member["id"]] = family["id"]
    return out


def test_copies_of_one_event_form_one_family_and_its_follow_up_stays_out(
    desk: tuple[str, dict[str, int]],
) -> None:
    db, ids = desk
    of = families_by_member(db)
    for event in ("bi", "gempa", "vonis"):
        family = {of.get(ids[f"{event}:{v}"]) for v in ("base", "repub", "rewrite")}
        assert len(family) == 1 and None not in family, event
        assert of.get(ids[f"{event}:other"]) not in family, event


def test_a_family_knows_its_first_publisher_outlets_and_span(
    desk: tuple[str, dict[str, int]],
) -> None:
    db, ids = desk
    family_id = families_by_member(db)[ids["bi:base"]]
    family = json.loads(cli(db, "family", str(family_id), "--json"))
    members = family["members"]
    assert family["size"] == len(members) >= 3
    assert family["first"]["id"] == members[0]["id"]
    assert family["span"][0] == min(m["published"] for m in members)
    assert len(family["outlets"]) >= 2
    joined = [m for m in members if m["id"] != family["first"]["id"]]
    assert all(m["why"] and "average likeness" in " ".join(m["why"]) for m in joined[1:])


def test_the_inbox_shows_one_row_per_family(desk: tuple[str, dict[str, int]]) -> None:
    db, ids = desk
    every = json.loads(cli(db, "list", "--json", "--limit", "1000"))
    collapsed = json.loads(cli(db, "list", "--json", "--limit", "1000", "--families"))
    shown = {row["id"] for row in collapsed}
    bi = {ids[f"bi:{v}"] for v in ("base", "repub", "rewrite")}
    assert len(shown & bi) == 1
    assert len(collapsed) < len(every)
    (row,) = [r for r in collapsed if r["id"] in bi]
    assert row["family"]["size"] >= 3


def test_compare_grades_same_story_above_same_people_above_unrelated(
    desk: tuple[str, dict[str, int]],
) -> None:
    db, ids = desk

    def compare(a: str, b: str) -> dict[str, object]:
        return json.loads(cli(db, "compare", str(ids[a]), str(ids[b]), "--json"))

    same = compare("bi:base", "bi:repub")
    people = compare("bi:base", "bi:other")
    unrelated = compare("bi:base", "jadwal:arsenal")
    assert same["kind"] == "duplicate" and unrelated["kind"] == "none"
    assert same["score"] > people["score"] > unrelated["score"]  # type: ignore[operator]
    assert same["reasons"]


def test_an_editor_links_and_unlinks_by_hand_and_undo_restores(
    desk: tuple[str, dict[str, int]],
) -> None:
    db, ids = desk
    a, b = ids["jadwal:arsenal"], ids["ppdb:base"]
    before = families_by_member(db)
    cli(db, "link", str(a), str(b))
    after = families_by_member(db)
    assert after[a] == after[b]
    family = json.loads(cli(db, "family", str(after[a]), "--json"))
    assert any("linked by ana" in " ".join(m["why"]) for m in family["members"])
    cli(db, "undo")
    assert families_by_member(db) == before
    cli(db, "unlink", str(ids["bi:repub"]))
    assert ids["bi:repub"] not in families_by_member(db)
    cli(db, "dedup", "--rebuild")  # the editor's "not this story" holds against a rebuild
    assert families_by_member(db).get(ids["bi:repub"]) != families_by_member(db)[ids["bi:base"]]


def test_ingest_story_by_story_and_the_full_pass_build_the_same_families(
    desk: tuple[str, dict[str, int]],
) -> None:
    db, _ = desk

    def groups() -> set[frozenset[int]]:
        of = families_by_member(db)
        return {frozenset(m for m, f in of.items() if f == family) for family in set(of.values())}

    at_ingest = groups()
    cli(db, "dedup", "--rebuild")
    assert groups() == at_ingest


def test_merging_a_family_merges_its_stories_into_the_first_publisher(
    desk: tuple[str, dict[str, int]],
) -> None:
    db, ids = desk
    family_id = families_by_member(db)[ids["bi:base"]]
    family = json.loads(cli(db, "family", str(family_id), "--json"))
    first = family["first"]["id"]
    cli(db, "merge", "--family", str(family_id))
    after = json.loads(cli(db, "family", str(family_id), "--json"))
    statuses = {m["id"]: m["status"] for m in after["members"]}
    assert statuses.pop(first) != "merged"
    assert set(statuses.values()) == {"merged"}
    cli(db, "undo")
    restored = json.loads(cli(db, "family", str(family_id), "--json"))
    assert {m["status"] for m in restored["members"]} == {"new"}


def test_dismissing_two_stories_of_one_family_takes_the_later_out(
    desk: tuple[str, dict[str, int]],
) -> None:
    db, ids = desk
    a, b = ids["gempa:base"], ids["gempa:repub"]
    assert families_by_member(db)[a] == families_by_member(db)[b]
    cli(db, "dismiss", str(a), str(b))
    of = families_by_member(db)
    assert of.get(a) != of.get(b)
