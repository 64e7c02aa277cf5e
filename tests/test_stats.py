"""stats: counts by status, desk, tag and outlet; duplicate groups; rule hits; decision times."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.desk import Desk
from newsdesk.merge import merge
from newsdesk.stats import gather, human_duration, median_seconds
from newsdesk.store import links

from .conftest import RULES, SEEDS


@pytest.fixture
def db_path(db_target: str) -> str:
    """Every test here runs on both engines: a SQLite file path, or a PostgreSQL URL."""
    return db_target


def run(db: str, *args: str, rules: str = "none.yaml") -> Any:
    return CliRunner().invoke(main, ["--db", str(db), "--rules", rules, "--as", "ana", *args])


def _stories(desk: Desk, tmp_path: Path, n: int) -> list[int]:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i}.json").write_text(
            json.dumps(
                {
                    "title": f"Berita nomor {i}",
                    "body": f"Isi berita {i} tentang hal yang berbeda {i * 7919}.",
                    "outlet": "Tribun" if i % 2 else "Antara",
                    "published": "2025-10-01",
                }
            )
        )
    return sorted(desk.ingest([folder], dedup=False).stored)


def test_counts_groups_and_median_decision_time(desk: Desk, tmp_path: Path) -> None:
    ids = _stories(desk, tmp_path, 6)
    a, b, c, d, e, f = ids
    desk.approve([a, b])
    desk.reject([c], "iklan")
    desk.set_desk([a], "politik")
    desk.tag([a, b], ["pilkada"])
    with desk.store.write() as db:
        # two duplicate groups {a,b,c} and {d,e}; one pair dismissed by an editor
        links.upsert_link(db, a, b, "duplicate", 0.9, [])
        links.upsert_link(db, b, c, "duplicate", 0.9, [])
        links.upsert_link(db, d, e, "duplicate", 0.9, [])
        links.upsert_link(db, e, f, "duplicate", 0.9, [])
        links.set_link_state(db, e, f, "dismissed", kind="duplicate")
        links.upsert_link(db, a, f, "related", 0.5, [])
        # decisions 10 minutes, 1 hour and 3 hours after ingest: the median is 1 hour
        for aid, decided in ((a, "00:10:00"), (b, "01:00:00"), (c, "03:00:00")):
            db.execute(
                "UPDATE articles SET ingested_at = '2025-10-01T00:00:00+00:00', "
                "decided_at = ? WHERE id = ?",
                [f"2025-10-01T{decided}+00:00", aid],
            )
    desk.mutate("merge", [d, e], lambda store: merge(store, d, [e], desk.actor))
    stats = gather(desk.store)
    assert stats.total == 6
    assert stats.by_status == {"new": 2, "approved": 2, "rejected": 1, "merged": 1}
    assert (stats.merged_groups, stats.merged_stories) == (1, 1)
    assert stats.by_desk == {"": 4, "politik": 1}  # the merged-away pickup is not a story
    assert stats.by_tag == {"pilkada": 2}
    assert stats.by_outlet == {"Antara": 3, "Tribun": 3}
    assert (stats.duplicate_groups, stats.stories_in_duplicate_groups) == (2, 5)
    assert stats.links == {
        "duplicate": {"open": 2, "merged": 1, "dismissed": 1},
        "related": {"open": 1},
    }
    assert stats.decisions == 3
    assert stats.median_decision_seconds == 3600
    assert stats.rules_never_fired is None


def test_since_counts_only_recent_ingests(desk: Desk, tmp_path: Path) -> None:
    ids = _stories(desk, tmp_path, 4)
    with desk.store.write() as db:
        db.execute(
            "UPDATE articles SET ingested_at = '2020-01-01T00:00:00+00:00' WHERE id IN (?, ?)",
            ids[:2],
        )
    assert gather(desk.store, since="2024-01-01").total == 2
    assert gather(desk.store).total == 4


def test_cli_rule_hits_and_rules_that_never_fire(seeded: Desk, db_path: str) -> None:
    ids = [r["id"] for r in seeded.page(seeded_query(), limit=10)]
    seeded.approve(ids[:1])
    result = run(db_path, "stats", "--json", rules=str(RULES))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == 2
    assert data["by_status"]["approved"] == 1
    hits = data["rules"]["hits"]
    assert hits.get("wilayah-kalbar") == 2  # both seeds are Kalbar stories
    never = data["rules"]["never_fired"]
    assert never and not set(never) & set(hits)
    assert "iklan" in never  # neither seed is an advert
    assert data["decisions"]["count"] == 1
    text = run(db_path, "stats", rules=str(RULES))
    assert "rules never fired" in text.stdout and "wilayah-kalbar" in text.stdout
    assert "median ingest to decision" in text.stdout


def seeded_query() -> Any:
    from newsdesk.store.articles import InboxQuery

    return InboxQuery(status=None)


def test_text_output_cuts_long_tables_and_reports_missing_rules(desk: Desk, db_path: str) -> None:
    desk.ingest([SEEDS], dedup=False)
    result = run(db_path, "stats", "--top", "1")
    assert result.exit_code == 0
    assert "1 more" in result.stdout  # two outlets, one shown
    assert "no rules file loaded" in result.stdout
    assert run(db_path, "stats", "--since", "yesterday").exit_code == 2


def test_median_and_durations() -> None:
    assert median_seconds([]) is None
    assert median_seconds([("2025-01-01T00:00:00Z", "2025-01-01T00:00:30Z")]) == 30
    assert human_duration(30) == "30s"
    assert human_duration(3600) == "60m"
    assert human_duration(5 * 3600) == "5.0h"
    assert human_duration(3 * 86400) == "3.0d"
