"""export: ninjs valid against IPTC's schema, merged stories once, readable CSV and Markdown."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.desk import Desk
from newsdesk.merge import merge

from .conftest import SEEDS, shared_path

GEOJSON_ID = "https://geojson.org/schema/GeoJSON.json"
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")


@pytest.fixture(scope="module")
def validator() -> Any:
    """The official 3.1 schema, GeoJSON registered locally (no network), formats checked.

    jsonschema is a dev-only dependency: without it the schema tests skip, the rest run.
    """
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    drafts = pytest.importorskip("referencing.jsonschema")

    schema = json.loads(shared_path("ninjs", "schema", "ninjs-schema_3.1.json").read_text())
    geojson = json.loads(shared_path("ninjs", "schema", "GeoJSON-schema.json").read_text())
    resource = referencing.Resource.from_contents(geojson, default_specification=drafts.DRAFT7)
    registry = referencing.Registry().with_resources(
        [(GEOJSON_ID, resource), (GEOJSON_ID + "#", resource)]
    )
    formats = jsonschema.FormatChecker()
    formats.checks("date-time")(lambda v: not isinstance(v, str) or bool(_DATETIME.match(v)))
    formats.checks("uri")(lambda v: not isinstance(v, str) or bool(_URI.match(v)))
    return jsonschema.Draft202012Validator(schema, registry=registry, format_checker=formats)


def assert_valid(validator: Any, doc: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert not errors, errors


@pytest.fixture
def db_path(db_target: str) -> str:
    """Every test here runs on both engines: a SQLite file path, or a PostgreSQL URL."""
    return db_target


def run(db: str | Path, *args: str) -> Any:
    return CliRunner().invoke(
        main,
        ["--db", str(db), "--rules", "none.yaml", "--as", "ana", *args],
        catch_exceptions=False,
    )


def ninjs_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_approved_seed_stories_validate_with_tags_priority_desk_and_history(
    db_path: str, validator: Any
) -> None:
    run(db_path, "ingest", str(SEEDS))
    ids = [a["id"] for a in json.loads(run(db_path, "list", "--json").stdout)]
    first, _ = sorted(ids)
    assert run(db_path, "approve", str(first)).exit_code == 0
    run(db_path, "tag", str(first), "Politik", "pemprov")
    run(db_path, "priority", str(first), "urgent")
    run(db_path, "desk", str(first), "daerah")

    result = run(db_path, "export", "--format", "ninjs")
    assert result.exit_code == 0, result.output
    docs = ninjs_lines(result.stdout)
    assert len(docs) == 1  # approved only, by default
    doc = docs[0]
    assert_valid(validator, doc)
    assert doc["pubStatus"] == "usable"
    assert doc["urgency"] == 1
    tags = {s["name"] for s in doc["subjects"] if s["rel"] == "newsdesk:tag"}
    assert {"politik", "pemprov"} <= tags
    assert [s["name"] for s in doc["subjects"] if s["rel"] == "newsdesk:desk"] == ["daerah"]
    assert "approve by ana" in doc["edNote"] and "priority by ana" in doc["edNote"]
    assert doc["infoSources"][0]["name"] in {"Harian Berkat", "KalbarOke.Com"}
    assert doc["contentCreated"].startswith(("2025-10-03", "2025-10-14"))
    assert doc["bodies"][0]["value"] and doc["headlines"][0]["value"]
    assert {"role": "newsdesk:id", "value": str(first)} in doc["altIds"]

    everything = ninjs_lines(run(db_path, "export", "--format", "ninjs", "--status", "all").stdout)
    assert len(everything) == 2
    unapproved = next(d for d in everything if d["pubStatus"] != "usable")
    assert unapproved["pubStatus"] == "withheld"
    assert_valid(validator, unapproved)


def _two_outlets(desk: Desk, tmp_path: Path) -> tuple[int, int]:
    body = (
        "Gubernur Kalimantan Barat meresmikan jembatan baru di Sungai Kapuas, Pontianak, "
        "pada Senin pagi. Jembatan sepanjang 400 meter itu menghubungkan dua kecamatan."
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.json").write_text(
        json.dumps(
            {
                "title": "Jembatan Kapuas diresmikan",
                "body": body,
                "outlet": "Pontianak Post",
                "url": "https://pontianakpost.example/jembatan",
                "published": "2025-10-01",
            }
        )
    )
    (tmp_path / "in" / "b.json").write_text(
        json.dumps(
            {
                "title": "Gubernur resmikan jembatan Kapuas",
                "body": body + " Warga menyambut gembira.",
                "outlet": "Tribun Pontianak",
                "url": "https://tribun.example/kapuas",
                "published": "2025-10-02",
            }
        )
    )
    report = desk.ingest([tmp_path / "in"], dedup=False)
    a, b = sorted(report.stored)
    desk.mutate("merge", [a, b], lambda store: merge(store, a, [b], desk.actor))
    desk.approve([a])
    return a, b


def test_merged_story_exported_once_with_every_outlet(
    desk: Desk, db_path: str, tmp_path: Path, validator: Any
) -> None:
    keep, merged = _two_outlets(desk, tmp_path)
    for status in ("approved", "all"):
        docs = ninjs_lines(run(db_path, "export", "--format", "ninjs", "--status", status).stdout)
        assert len(docs) == 1, status
        doc = docs[0]
        assert_valid(validator, doc)
        assert doc["uri"] == "https://pontianakpost.example/jembatan"
        outlets = [(s["name"], s["role"]) for s in doc["infoSources"]]
        assert outlets == [("Pontianak Post", "source"), ("Tribun Pontianak", "pickup")]
        (assoc,) = doc["associations"]
        assert assoc["uri"] == "https://tribun.example/kapuas"
        assert assoc["headlines"][0]["value"] == "Gubernur resmikan jembatan Kapuas"
        assert "merge by ana" in doc["edNote"]

    record = json.loads(run(db_path, "export", "--format", "jsonl").stdout)
    assert record["id"] == keep
    assert record["outlets"] == ["Pontianak Post", "Tribun Pontianak"]
    assert [p["id"] for p in record["pickups"]] == [merged]
    assert [h["action"] for h in record["history"]] == ["merge", "approve"]


def test_wire_examples_round_trip_and_validate(
    db_path: str, validator: Any, tmp_path: Path
) -> None:
    examples = shared_path("ninjs", "examples")
    originals = {}
    for path in sorted(examples.glob("*.json")):
        doc = json.loads(path.read_text())
        assert_valid(validator, doc)  # the examples themselves are the reference
        originals[doc["uri"]] = doc
    result = run(db_path, "ingest", "--no-dedup", str(examples))
    assert result.exit_code == 0, result.output
    stored = json.loads(run(db_path, "list", "--json", "--limit", "100").stdout)
    run(db_path, "approve", *[str(a["id"]) for a in stored])

    docs = ninjs_lines(run(db_path, "export", "--format", "ninjs").stdout)
    assert len(docs) == len(originals)
    for doc in docs:
        assert_valid(validator, doc)
        original = originals[doc["uri"]]  # the wire's identifier survives
        if "by" in original:
            assert doc["by"] == original["by"]
        if "urgency" in original:
            assert doc["urgency"] == original["urgency"]
        if "headlines" in original:
            assert doc["headlines"][0]["value"] == original["headlines"][0]["value"].strip()
        wire_subjects = [s for s in original.get("subjects", []) if "name" in s]
        kept = [s for s in doc.get("subjects", []) if s.get("rel") != "newsdesk:tag"]
        assert all(s in kept for s in wire_subjects)

    # and newsdesk's own ninjs goes back in: export -> import is the identity on the text
    exported = tmp_path / "out.jsonl"
    run(db_path, "export", "--format", "ninjs", "-o", str(exported))
    again = tmp_path / "again.db"  # the round trip lands in a SQLite file on both engines
    result = run(again, "ingest", "--no-dedup", str(exported))
    assert result.exit_code == 0, result.output
    titles = {a["title"] for a in json.loads(run(again, "list", "--json").stdout)}
    assert titles == {a["title"] for a in stored}


def test_since_filters_and_bad_date_is_usage_error(desk: Desk, db_path: str) -> None:
    desk.ingest([SEEDS])
    run(db_path, "approve", "1", "2")
    both = ninjs_lines(run(db_path, "export", "--format", "ninjs").stdout)
    later = ninjs_lines(run(db_path, "export", "--format", "ninjs", "--since", "2025-10-10").stdout)
    assert len(both) == 2
    assert [d["contentCreated"][:10] for d in later] == ["2025-10-14"]
    bad = run(db_path, "export", "--format", "ninjs", "--since", "last week")
    assert bad.exit_code == 2
    assert "not a date" in bad.output


def _hostile(desk: Desk, tmp_path: Path) -> int:
    path = tmp_path / "hostile.json"
    path.write_text(
        json.dumps(
            {
                "title": '=HYPERLINK("http://evil.example","klik") [klik](http://evil.example)',
                "body": "<script>alert(1)</script>\n# Bukan judul\n- bukan daftar\x1b[31m merah",
                "outlet": "@outlet",
                "published": "2025-10-05",
            }
        )
    )
    (aid,) = desk.ingest([path]).stored
    desk.approve([aid])
    desk.tag([aid], ["kriminal"])
    return aid


def test_csv_is_readable_and_defuses_formulas(desk: Desk, db_path: str, tmp_path: Path) -> None:
    aid = _hostile(desk, tmp_path)
    out = tmp_path / "stories.csv"
    result = run(db_path, "export", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0
    assert "exported 1 story as csv" in result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    (row,) = rows
    assert list(row)[:4] == ["id", "published", "outlet", "title"]
    assert row["id"] == str(aid) and row["published"] == "2025-10-05"
    assert row["title"].startswith("'=HYPERLINK")  # a spreadsheet shows it, never runs it
    assert row["outlet"] == "'@outlet"
    assert row["tags"] == "kriminal"
    assert "\x1b" not in row["body"] and "\\x1b" in row["body"]
    assert not list(tmp_path.glob(".stories.csv.*"))  # no temp file left behind


def test_markdown_keeps_article_text_as_text(desk: Desk, db_path: str, tmp_path: Path) -> None:
    _hostile(desk, tmp_path)
    md = run(db_path, "export", "--format", "md").stdout
    assert md.startswith("## ")
    assert "[klik](http" not in md and r"\[klik\]\(http" in md
    assert "<script>" not in md and r"\<script\>" in md
    assert "\n# Bukan" not in md and "\n\\# Bukan" in md
    assert "\n- bukan" not in md and "\n\\- bukan" in md
    assert "\x1b" not in md
    assert "Tags: kriminal" in md


def test_empty_export_says_so(desk: Desk, db_path: str) -> None:  # an empty database
    result = run(db_path, "export", "--format", "md")
    assert result.exit_code == 0
    assert "No stories" in result.stdout
    assert "exported 0 stories" in result.stderr


def test_csv_to_stdout_and_unwritable_output(desk: Desk, db_path: str, tmp_path: Path) -> None:
    desk.ingest([SEEDS])
    result = run(db_path, "export", "--format", "csv", "--status", "all")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2 and {r["status"] for r in rows} == {"new"}
    blocker = tmp_path / "file"
    blocker.write_text("")
    bad = run(db_path, "export", "--format", "csv", "-o", str(blocker / "out.csv"))
    assert bad.exit_code == 1
    assert "cannot write" in bad.stderr


def test_export_into_a_missing_folder_fails_and_creates_nothing(
    desk: Desk, db_path: str, tmp_path: Path
) -> None:
    desk.ingest([SEEDS])
    target = tmp_path / "site" / "approved.jsonl"
    result = run(db_path, "export", "--format", "jsonl", "--status", "all", "-o", str(target))
    assert result.exit_code == 1  # as docs/headless.md says: the output could not be written
    assert result.stderr.strip() == (
        f"error: cannot write {target}: folder {target.parent} does not exist"
    )
    assert not target.parent.exists()


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_export_file_honours_the_umask(
    desk: Desk, db_path: str, tmp_path: Path, umask: int, mode: int
) -> None:
    desk.ingest([SEEDS])
    target = tmp_path / "approved.jsonl"
    old = os.umask(umask)
    try:
        for fmt in ("ninjs", "csv"):  # a new file, then one replacing it
            result = run(db_path, "export", "--format", fmt, "--status", "all", "-o", str(target))
            assert result.exit_code == 0, result.stderr
            assert stat.S_IMODE(target.stat().st_mode) == mode, oct(target.stat().st_mode)
    finally:
        os.umask(old)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
