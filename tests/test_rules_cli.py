"""`newsdesk rules …` from a shell: exit codes, file:line messages, dry runs, explain."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main

REPO = Path(__file__).resolve().parents[1]

MISTAKES = {
    "yaml syntax": ("    when: {entity: sekda-kalbar}", "    when: {entity: sekda-kalbar"),
    "unknown key": (
        "    then: {tag: [tokoh/sekda-kalbar]}",
        "    then: {tagg: [tokoh/sekda-kalbar]}",
    ),
    "bad regex": ("(pariwara|advertorial|sponsored|adv)", "(pariwara|advertorial"),
    "undefined list": ("when: {text: $kata_siaran_pers}", "when: {text: $kata_siaran_pres}"),
    "duplicate key": (
        "    then: {tag: [tokoh/sekda-kalbar]}",
        "    then: {tag: [tokoh/sekda-kalbar]}\n    then: {tag: [lain]}",
    ),
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    shutil.copy(REPO / "rules.yaml", path)
    return path


@pytest.fixture
def db(tmp_path: Path, rules_file: Path) -> Path:
    path = tmp_path / "desk.db"
    code, _, err = run("--db", str(path), "--rules", str(rules_file), "ingest", str(REPO / "seeds"))
    assert code == 0, err
    return path


def dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def break_file(path: Path, mistake: str) -> int:
    """Apply a typical mistake; returns the line it is on."""
    old, new = MISTAKES[mistake]
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def test_check_is_clean_on_the_default_rules(rules_file: Path) -> None:
    code, out, err = run("--rules", str(rules_file), "rules", "check")
    assert code == 0
    assert "OK" in out and "0 warnings" in out
    assert err == ""


def test_test_passes_on_the_default_rules(rules_file: Path) -> None:
    code, out, _ = run("rules", "test", str(rules_file))
    assert code == 0
    assert out.strip().endswith("0 failed")


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_typical_mistakes_exit_2_with_file_and_line_and_change_nothing(
    mistake: str, rules_file: Path, db: Path
) -> None:
    line = break_file(rules_file, mistake)
    code, _, err = run("rules", "check", str(rules_file))
    assert code == 2
    first = err.splitlines()[0]
    assert first.startswith(f"{rules_file}:")
    reported = int(first.split(":")[1])
    assert abs(reported - line) <= 1, first
    before = dump(db)
    code, _, err = run("--db", str(db), "--rules", str(rules_file), "rules", "run")
    assert code == 2 and "nothing was changed" in err
    assert dump(db) == before


def test_failing_embedded_test_exits_1_with_one_line_per_failure(rules_file: Path) -> None:
    text = rules_file.read_text(encoding="utf-8")
    text = text.replace('hit: ["Harga BBM naik di seluruh Jawa."]', 'hit: ["Banjir di Pontianak."]')
    rules_file.write_text(text, encoding="utf-8")
    code, out, _ = run("rules", "test", str(rules_file))
    assert code == 1
    [failure, summary] = out.strip().splitlines()
    assert failure.startswith(f"{rules_file}:")
    assert "rule 'luar-kalbar': hit test 1 should match but did not" in failure
    assert "'Pontianak'" in failure  # why: the excluded region was found
    assert summary.endswith("1 failed")


def test_run_dry_run_shows_changes_and_writes_nothing(rules_file: Path, db: Path) -> None:
    text = rules_file.read_text(encoding="utf-8")
    rules_file.write_text(text.replace("tag: [topik/investasi]", "tag: [topik/modal]"), "utf-8")
    before = dump(db)
    code, out, err = run("--db", str(db), "--rules", str(rules_file), "rules", "run", "--dry-run")
    assert code == 0
    assert "+ tag topik/modal  (topik-investasi)" in out
    assert "- tag topik/investasi  (topik-investasi)" in out
    assert "dry run, nothing written" in err
    assert dump(db) == before
    code, out, _ = run("--db", str(db), "--rules", str(rules_file), "rules", "run", "--json")
    report = json.loads(out)
    assert report["changed"] == 1 and not report["dry_run"]
    code, out, _ = run("--db", str(db), "--rules", str(rules_file), "rules", "run", "--json")
    assert json.loads(out)["changed"] == 0


def test_explain_json_has_every_rule_with_offsets(rules_file: Path, db: Path) -> None:
    code, out, _ = run(
        "--db", str(db), "--rules", str(rules_file), "rules", "explain", "1", "--json"
    )
    assert code == 0
    data = json.loads(out)
    rule_ids = [r["rule"] for r in data["rules"]]
    assert len(rule_ids) == len(set(rule_ids)) >= 20
    sekda = next(r for r in data["rules"] if r["rule"] == "tokoh-sekda-kalbar")
    assert sekda["outcome"] == "fired"
    first = sekda["matches"][0]
    assert {"field", "start", "end", "term", "score"} <= set(first)
    iklan = next(r for r in data["rules"] if r["rule"] == "iklan")
    assert iklan["outcome"] == "no match" and iklan["trace"]["ok"] is False


def test_explain_text_lists_fired_and_not_fired(rules_file: Path, db: Path) -> None:
    code, out, _ = run("--db", str(db), "--rules", str(rules_file), "rules", "explain", "1")
    assert code == 0
    assert "fired  tokoh-sekda-kalbar" in out
    assert "no match  iklan" in out


def test_explain_unknown_story_exits_2(rules_file: Path, db: Path) -> None:
    code, _, err = run("--db", str(db), "--rules", str(rules_file), "rules", "explain", "999")
    assert code == 2 and "no story 999" in err


def test_stats_counts_hits_per_rule(rules_file: Path, db: Path) -> None:
    code, out, _ = run("--db", str(db), "--rules", str(rules_file), "rules", "stats", "--json")
    assert code == 0
    counts = {r["rule"]: r["stories"] for r in json.loads(out)["rules"]}
    assert counts["tokoh-sekda-kalbar"] == 2
    assert counts["iklan"] == 0


def test_since_must_be_a_date(rules_file: Path, db: Path) -> None:
    code, _, err = run(
        "--db", str(db), "--rules", str(rules_file), "rules", "run", "--since", "kemarin"
    )
    assert code == 2 and "not a date" in err


def test_explain_a_file_shows_the_matched_text_and_fuzzy_score(
    rules_file: Path, tmp_path: Path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Rakor di Pontianak\nSekertaris Daerah Propinsi Kalimantan Barat membuka rakor.\n",
        encoding="utf-8",
    )
    code, out, _ = run("--rules", str(rules_file), "rules", "explain", "--file", str(story))
    assert code == 0
    assert "fired  tokoh-sekda-kalbar" in out
    assert "score 95.3: 'Sekertaris Daerah Propinsi Kalimantan Barat'" in out
