"""The shipped rules.yaml: loads clean, its own tests pass, and it tags the seeds right."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.rules import RuleSet, load_rules
from newsdesk.rules.testrun import run_tests

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rs() -> RuleSet:
    return load_rules(REPO / "rules.yaml")


def seed(prefix: str, has_title: bool) -> dict[str, str]:
    [path] = sorted((REPO / "seeds").glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    if has_title:
        title, _, body = text.partition("\n")
        return {"title": title.strip(), "body": body}
    return {"title": "", "body": text}


def test_default_rules_load_without_warnings(rs: RuleSet) -> None:
    assert [str(w) for w in rs.warnings] == []
    assert len(rs.rules) >= 20


def test_every_rule_has_tests_and_they_all_pass(rs: RuleSet) -> None:
    assert all(r.tests for r in rs.rules)
    report = run_tests(rs)
    assert [str(f) for f in report.failures] == []
    assert report.run >= 2 * len(rs.rules)


def test_seed_000_is_sekda_kalbar_tourism_and_regional_cooperation(rs: RuleSet) -> None:
    ev = rs.evaluate(seed("000", has_title=True))
    tags = set(ev.tag_names)
    assert {"tokoh/sekda-kalbar", "topik/pariwisata", "topik/kerja-sama-daerah"} <= tags
    assert "topik/investasi" not in tags  # one passing mention is not a topic
    assert ev.reject is None


def test_seed_001_is_sekda_kalbar_and_investment(rs: RuleSet) -> None:
    ev = rs.evaluate(seed("001", has_title=False))
    tags = set(ev.tag_names)
    assert {"tokoh/sekda-kalbar", "topik/investasi"} <= tags
    assert "topik/pariwisata" not in tags
    # "Pendopo Gubernur Kalbar" is a building, not the governor.
    assert "tokoh/gubernur-kalbar" not in tags


def test_sekda_of_another_province_is_not_ours(rs: RuleSet) -> None:
    sekda = rs.entities["sekda-kalbar"]
    assert sekda.find("Sekretaris Daerah Provinsi Kalimantan Utara") == []
    [m] = sekda.find("Sekertaris Daerah Propinsi Kalimantan Barat")
    assert m.score >= rs.fuzzy_threshold


def test_advertorial_is_rejected_and_nothing_else_applies(rs: RuleSet) -> None:
    ev = rs.evaluate(
        {
            "title": "Sekda Kalbar resmikan destinasi wisata",
            "body": "wisatawan",
            "url": "https://media.id/advertorial/sekda",
        }
    )
    assert ev.reject == ("iklan", "iklan")
    assert ev.tags == []


def test_disaster_in_kalbar_is_urgent(rs: RuleSet) -> None:
    ev = rs.evaluate({"title": "Banjir di Sintang", "body": "BPBD Sintang mendirikan posko."})
    assert ev.priority == ("urgent", "topik-bencana-kalbar")
    assert ev.desk == ("daerah", "topik-bencana-kalbar")
