"""`newsdesk backup` while editors work, and `newsdesk check` finding each kind of damage."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk import maintenance
from newsdesk.cli import main
from newsdesk.desk import Desk
from tests.conftest import REPO
from tests.test_concurrency import stories


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def healthy(tmp_path: Path) -> Path:
    db = tmp_path / "desk.db"
    desk = Desk.open(db, None, actor="ana")
    ids = stories(desk, tmp_path, 12)
    desk.approve(ids[:3])
    desk.tag(ids[3:5], ["banjir"])
    from newsdesk.merge import merge

    desk.mutate("merge", [ids[6], ids[7]], lambda s: merge(s, ids[6], [ids[7]], "ana"))
    desk.close()
    return db


def test_backup_while_an_editor_keeps_working_is_consistent_every_time(
    healthy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "editor.json"
    editor = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.stress_workers",
            "editor",
            str(healthy),
            "budi",
            "400",
            "9",
            "12",
            str(out),
        ],
        cwd=REPO,
    )
    copies = []
    try:
        while editor.poll() is None or not copies:
            dest = tmp_path / f"backup-{len(copies)}.db"
            code, _, err = cli("--db", str(healthy), "-q", "backup", str(dest))
            assert code == 0, err
            copies.append(dest)
    finally:
        editor.wait(timeout=300)
    assert editor.returncode == 0
    assert len(copies) >= 2
    counts = []
    for copy in copies:
        report = maintenance.check(copy)
        assert report.ok, (copy, report.problems)
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file
        counts.append(conn.execute("SELECT count(*) FROM audit").fetchone()[0])
        conn.close()
    assert counts == sorted(counts)  # each copy is a later moment of the same history
    # once the editor stops, a backup holds exactly what the live database holds
    final = tmp_path / "final.db"
    assert cli("--db", str(healthy), "-q", "backup", str(final))[0] == 0
    assert contents(final) == contents(healthy)
    Desk.open(final, None).close()


def contents(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        rows = []
        for table in ("articles", "tags", "tag_vetoes", "links", "audit", "merges"):
            rows += [(table, *r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
        return rows
    finally:
        conn.close()


def test_backup_refuses_to_overwrite_its_own_database(healthy: Path) -> None:
    code, _, err = cli("--db", str(healthy), "backup", str(healthy))
    assert code == 1 and "cannot overwrite" in err
    code, _, err = cli("--db", str(healthy.parent / "missing.db"), "backup", "x.db")
    assert code == 2 and "no database at" in err  # like every command that only reads
    assert not (healthy.parent / "missing.db").exists()  # never creates an empty database


def test_check_passes_a_healthy_database(healthy: Path) -> None:
    code, _, err = cli("--db", str(healthy), "check")
    assert code == 0 and "ok" in err


def damage(db: Path, tmp_path: Path, sql: str) -> Path:
    copy = tmp_path / "damaged.db"
    shutil.copy(db, copy)
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.executescript(sql)
    conn.commit()
    conn.close()
    return copy


@pytest.mark.parametrize(
    ("sql", "kind", "words"),
    [
        (
            "INSERT INTO links (a, b, kind, score, state, found_at) "
            "VALUES (1, 999, 'duplicate', 90, 'open', 'x')",
            "orphan",
            "links.b names story 999",
        ),
        (
            "UPDATE articles SET status = 'merged', merged_into = 2 WHERE id = 1;"
            "UPDATE articles SET status = 'merged', merged_into = 1 WHERE id = 2",
            "merge",
            "cycle",
        ),
        ("UPDATE articles SET status = 'merged', merged_into = 3 WHERE id = 3", "merge", "itself"),
        ("UPDATE articles SET status = 'merged' WHERE id = 4", "merge", "disagree"),
        (
            "INSERT INTO articles_fts(articles_fts, rowid, title, body) "
            "VALUES ('delete', 5, (SELECT title FROM articles WHERE id = 5), "
            "(SELECT body FROM articles WHERE id = 5))",
            "fts",
            "missing from the search index",
        ),
        (
            "DROP TRIGGER articles_au; UPDATE articles SET body = 'ganti total' WHERE id = 6",
            "fts",
            "out of sync",
        ),
    ],
    ids=[
        "orphan-link",
        "merge-cycle",
        "self-merge",
        "merged-without-target",
        "fts-missing",
        "fts-stale",
    ],
)
def test_check_reports_each_kind_of_damage_and_exits_1(
    healthy: Path, tmp_path: Path, sql: str, kind: str, words: str
) -> None:
    copy = damage(healthy, tmp_path, sql)
    code, _, err = cli("--db", str(copy), "check")
    assert code == 1
    assert f"{kind}: " in err and words in err, err
    assert "→" in err  # what to do about it


def test_check_rebuild_index_repairs_the_search_index(healthy: Path, tmp_path: Path) -> None:
    copy = damage(
        healthy, tmp_path, "DROP TRIGGER articles_au; UPDATE articles SET body = 'x y' WHERE id = 6"
    )
    assert cli("--db", str(copy), "check")[0] == 1
    code, _, err = cli("--db", str(copy), "check", "--rebuild-index")
    assert code == 0, err


def test_check_reports_a_corrupt_file_instead_of_crashing(healthy: Path, tmp_path: Path) -> None:
    copy = tmp_path / "corrupt.db"
    shutil.copy(healthy, copy)
    data = bytearray(copy.read_bytes())
    page = 4096
    for offset in range(2 * page, min(len(data), 6 * page), 7):
        data[offset] = 0xA5  # scribble over some interior pages
    copy.write_bytes(bytes(data))
    code, _, err = cli("--db", str(copy), "check", "--json")
    assert code == 1
    assert "Traceback" not in err


def test_quick_check_skips_only_the_text_comparison(healthy: Path, tmp_path: Path) -> None:
    stale = damage(
        healthy, tmp_path, "DROP TRIGGER articles_au; UPDATE articles SET body = 'x y' WHERE id = 6"
    )
    assert cli("--db", str(stale), "check", "--quick")[0] == 0
    assert cli("--db", str(stale), "check", "--deep")[0] == 1
    conn = sqlite3.connect(stale)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE articles SET status = 'merged', merged_into = 6 WHERE id = 6")
    conn.commit()
    conn.close()
    assert cli("--db", str(stale), "check", "--quick")[0] == 1  # the rest still runs
