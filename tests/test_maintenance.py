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
from tests.conftest import REPO, on_postgres, sqlite_only
from tests.test_concurrency import stories


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def healthy(db_target: str, tmp_path: Path) -> str:
    """A desk with approvals, tags and a merge: a SQLite file, or a PostgreSQL database."""
    return make_healthy(db_target, tmp_path)


@pytest.fixture
def healthy_file(tmp_path: Path) -> Path:
    """The same desk, SQLite only: for tests of the file itself (its backup copy, its
    pages, its FTS5 index); PostgreSQL has pg_dump, its own pages and an expression index."""
    return Path(make_healthy(str(tmp_path / "desk.db"), tmp_path))


def make_healthy(db: str, tmp_path: Path) -> str:
    desk = Desk.open(db, None, actor="ana")
    ids = stories(desk, tmp_path, 12)
    desk.approve(ids[:3])
    desk.tag(ids[3:5], ["banjir"])
    from newsdesk.merge import merge

    desk.mutate("merge", [ids[6], ids[7]], lambda s: merge(s, ids[6], [ids[7]], "ana"))
    desk.close()
    return db


def test_backup_while_an_editor_keeps_working_is_consistent_every_time(
    healthy_file: Path, tmp_path: Path
) -> None:
    healthy = healthy_file
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


def test_backup_refuses_to_overwrite_its_own_database(healthy_file: Path) -> None:
    healthy = healthy_file
    code, _, err = cli("--db", str(healthy), "backup", str(healthy))
    assert code == 1 and "cannot overwrite" in err
    code, _, err = cli("--db", str(healthy.parent / "missing.db"), "backup", "x.db")
    assert code == 2 and "no database at" in err  # like every command that only reads
    assert not (healthy.parent / "missing.db").exists()  # never creates an empty database


def test_check_passes_a_healthy_database(healthy: str) -> None:
    code, _, err = cli("--db", str(healthy), "check")
    assert code == 0 and "ok" in err


def damage(db: str, tmp_path: Path, sql: str) -> str:
    """A damaged copy of a SQLite file; a PostgreSQL test database is damaged in place
    (it is the test's own), with its foreign keys' triggers off for the session."""
    if on_postgres(db):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute("SET session_replication_role = replica")
            with conn.transaction():
                for statement in filter(str.strip, sql.split(";")):
                    conn.execute(statement)
        return db
    copy = tmp_path / "damaged.db"
    shutil.copy(db, copy)
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.executescript(sql)
    conn.commit()
    conn.close()
    return str(copy)


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
    db_target: str, tmp_path: Path, sql: str, kind: str, words: str
) -> None:
    if kind == "fts":
        sqlite_only(db_target, "the FTS5 index (PostgreSQL's is an expression index)")
    healthy = make_healthy(db_target, tmp_path)
    copy = damage(healthy, tmp_path, sql)
    code, _, err = cli("--db", str(copy), "check")
    assert code == 1
    assert f"{kind}: " in err and words in err, err
    assert "→" in err  # what to do about it


def test_check_rebuild_index_repairs_the_search_index(healthy_file: Path, tmp_path: Path) -> None:
    healthy = str(healthy_file)  # SQLite only: damages the FTS5 index
    copy = damage(
        healthy, tmp_path, "DROP TRIGGER articles_au; UPDATE articles SET body = 'x y' WHERE id = 6"
    )
    assert cli("--db", str(copy), "check")[0] == 1
    code, _, err = cli("--db", str(copy), "check", "--rebuild-index")
    assert code == 0, err


def test_check_reports_a_corrupt_file_instead_of_crashing(
    healthy_file: Path, tmp_path: Path
) -> None:
    healthy = healthy_file  # SQLite only: scribbles over the file's pages
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


def test_quick_check_skips_only_the_text_comparison(healthy_file: Path, tmp_path: Path) -> None:
    healthy = str(healthy_file)  # SQLite only: the FTS5 text comparison
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


def test_backup_of_a_postgresql_desk_restores_to_the_same_rows(
    pg_url: str, pg_admin_url: str, tmp_path: Path
) -> None:
    """PostgreSQL: `backup` is pg_dump (custom format); pg_restore gives the same desk back."""
    import psycopg
    from psycopg import sql

    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump and pg_restore (the PostgreSQL client) are not on PATH")
    make_healthy(pg_url, tmp_path)
    dest = tmp_path / "desk.dump"
    code, _, err = cli("--db", pg_url, "-q", "backup", str(dest))
    assert code == 0, err
    assert dest.read_bytes()[:5] == b"PGDMP"
    assert not list(tmp_path.glob(".desk.dump.*"))  # no partial file left behind
    name = f"{pg_url.rsplit('/', 1)[1]}_restored"
    restored = pg_url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(pg_admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        done = subprocess.run(
            ["pg_restore", "--no-owner", "--dbname", restored, str(dest)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert pg_contents(restored) == pg_contents(pg_url)
        assert maintenance.check(restored).ok
        assert cli("--db", restored, "check")[0] == 0
    finally:
        with psycopg.connect(pg_admin_url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def pg_contents(url: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = []
        for table in ("articles", "tags", "tag_vetoes", "links", "audit", "merges"):
            rows += [(table, *r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
        return rows
