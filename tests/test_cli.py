"""The CLI as a script sees it: JSON shapes, exit codes, messages on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.desk import Desk

from .conftest import SEEDS


def run(db: Path, *args: str, input: bytes | None = None):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    return runner.invoke(
        main, ["--db", str(db), "--rules", "none.yaml", "--as", "ana", *args], input=input
    )


def test_ingest_list_show_round_trip(db_path: Path) -> None:
    result = run(db_path, "ingest", str(SEEDS))
    assert result.exit_code == 0, result.output
    assert "stored 2 new" in result.stderr
    # run from a folder without rules.yaml: say so, instead of silently tagging nothing
    assert "no rules file at none.yaml" in result.stderr
    listed = json.loads(run(db_path, "list", "--json").stdout)
    assert {a["outlet"] for a in listed} == {"Harian Berkat", "KalbarOke.Com"}
    assert {a["published"] for a in listed} == {"2025-10-03", "2025-10-14"}
    assert all({"id", "title", "status", "tags", "url"} <= set(a) for a in listed)
    assert not any("Bagikan" in a["title"] for a in listed)
    shown = json.loads(run(db_path, "show", str(listed[0]["id"]), "--json").stdout)
    assert "Baca Juga" not in shown["body"]
    assert shown["raw"]  # as received
    again = run(db_path, "ingest", str(SEEDS), "--json")
    assert json.loads(again.stdout)["stored"] == 0


def test_ingest_from_stdin(db_path: Path) -> None:
    line = json.dumps({"title": "Dari stdin", "body": "Berita dari pipa di Pontianak."})
    result = run(db_path, "ingest", "-", "--json", input=line.encode())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["stored"] == 1


def test_bad_input_exits_1_with_one_line_per_file(db_path: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{")
    result = run(db_path, "ingest", str(tmp_path), str(SEEDS))
    assert result.exit_code == 1
    assert f"{tmp_path / 'bad.json'}: invalid JSON" in result.stderr
    assert "stored 2 new" in result.stderr


def test_usage_errors_exit_2(db_path: Path) -> None:
    assert run(db_path, "list", "--status", "maybe").exit_code == 2
    assert run(db_path, "ingest").exit_code == 2


def test_status_filter_and_actions(db_path: Path) -> None:
    run(db_path, "ingest", str(SEEDS))
    first = json.loads(run(db_path, "list", "--json").stdout)[0]["id"]
    assert run(db_path, "approve", str(first)).exit_code == 0
    approved = json.loads(run(db_path, "list", "--status", "approved", "--json").stdout)
    assert [a["id"] for a in approved] == [first]
    undo = json.loads(run(db_path, "undo", "--json").stdout)
    assert undo["undone"]["action"] == "approve"
    assert json.loads(run(db_path, "list", "--status", "approved", "--json").stdout) == []


def test_unknown_story_exits_1(desk: Desk, db_path: Path) -> None:  # an empty database
    result = run(db_path, "approve", "42")
    assert result.exit_code == 1
    assert "no story with id 42" in result.stderr


def test_hostile_title_is_printed_inert(db_path: Path) -> None:
    line = json.dumps(
        {"title": "Judul \x1b[31mmerah\x1b]52;c;aGk=\x07", "body": "Isi berita biasa."}
    )
    run(db_path, "ingest", "-", input=line.encode())
    out = run(db_path, "list").stdout
    assert "\x1b" not in out and "\\x1b[31mmerah" in out


def test_ingest_samples_stores_the_articles_newsdesk_ships(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no rules.yaml here: the shipped rules tag the samples
    result = CliRunner().invoke(main, ["--db", "d.db", "ingest", "--samples", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["stored"] == 2
    listed = json.loads(CliRunner().invoke(main, ["--db", "d.db", "list", "--json"]).stdout)
    assert all(story["tags"] for story in listed), listed
