"""What is PostgreSQL's own: the change counter, writers in separate processes taking turns,
schema version checks on the server, passwords never printed, no tables made by a read,
and search (accents folded, the last word a prefix) the same on both engines."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.desk import Desk, InboxQuery
from newsdesk.store import Store
from newsdesk.store.schema import SchemaTooNew

from .conftest import REPO, SEEDS


def cli(db: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", db, "--rules", "none.yaml", "--as", "ana", *args])
    return result.exit_code, result.stdout, result.stderr


def public_tables(url: str) -> set[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {r[0] for r in rows}


# --- the change counter --------------------------------------------------------------------


def test_data_version_moves_for_other_connections_commits_not_for_ones_own(pg_url: str) -> None:
    mine, other = Store.open(pg_url), Store.open(pg_url)
    try:
        start = mine.data_version()
        with mine.write() as db:
            db.execute("UPDATE articles SET flag = NULL WHERE id = -1")
        assert mine.data_version() == start, "its own commit moved its data_version"
        with mine.read():
            pass
        assert mine.data_version() == start, "a read moved data_version"
        seen = mine.data_version()
        with other.write() as db:
            db.execute("UPDATE articles SET flag = NULL WHERE id = -1")
        assert mine.data_version() != seen, "another connection's commit went unnoticed"
        seen = mine.data_version()
        with pytest.raises(RuntimeError), other.write():
            raise RuntimeError("rolled back")
        assert mine.data_version() == seen, "a rolled-back write moved data_version"
    finally:
        mine.close()
        other.close()


# --- writers in separate processes ---------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from newsdesk.desk import Conflict, Desk

    db, actor, n, start, out = sys.argv[1:6]
    n, start = int(n), Path(start)
    desk = Desk.open(db, None, actor=actor)
    while not start.exists():
        time.sleep(0.005)
    done, conflicts = 0, []
    for i in range(n):
        desk.tag([2], [f"{actor}-{i}"])  # no version given: must never be lost
        seen = desk.article(1).version
        try:  # what this editor saw: a concurrent change must be a conflict, not overwritten
            desk.tag([1], [f"{actor}-{i}"], expected_versions={1: seen})
            done += 1
        except Conflict as exc:
            conflicts.append(str(exc))
    desk.close()
    Path(out).write_text(json.dumps({"done": done, "conflicts": conflicts}))
    """
)


def test_two_processes_writing_at_once_take_turns_and_lose_nothing(
    pg_url: str, tmp_path: Path
) -> None:
    desk = Desk.open(pg_url, None, actor="setup")
    desk.ingest([SEEDS], dedup=False)
    start_version = desk.article(1).version  # type: ignore[union-attr]
    desk.close()
    n = 60
    go = tmp_path / "go"
    procs = {
        actor: subprocess.Popen(
            [sys.executable, "-c", WRITER, pg_url, actor, str(n), str(go), str(tmp_path / actor)],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for actor in ("ana", "budi")
    }
    go.touch()
    results = {}
    for actor, proc in procs.items():
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-2000:]
        assert "locked" not in err.lower(), err
        results[actor] = json.loads((tmp_path / actor).read_text())

    desk = Desk.open(pg_url, None, actor="check")
    try:
        # no lost updates: every unversioned tag of both writers is there
        tags2 = set(desk.article(2).tag_names)  # type: ignore[union-attr]
        assert {f"{a}-{i}" for a in ("ana", "budi") for i in range(n)} <= tags2
        # versioned writes: each one either landed or was refused as a conflict naming the story
        landed = sum(r["done"] for r in results.values())
        for result in results.values():
            assert result["done"] + len(result["conflicts"]) == n
            for message in result["conflicts"]:
                assert "story 1" in message, message
        tags1 = [t for t in desk.article(1).tag_names if t.startswith(("ana-", "budi-"))]  # type: ignore[union-attr]
        assert len(tags1) == landed
        assert desk.article(1).version == start_version + landed  # type: ignore[union-attr]
        # every change is audited once: 2n on story 2, one per landed write on story 1
        audited = desk.store.conn.execute(
            "SELECT count(*) FROM audit WHERE actor IN ('ana', 'budi')"
        ).fetchone()[0]
        assert audited == 2 * n + landed
    finally:
        desk.close()


# --- schema versions ------------------------------------------------------------------------


def test_a_database_from_a_newer_newsdesk_is_refused(pg_url: str) -> None:
    import psycopg

    Store.open(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES ('m999_future', 'x')")
    with pytest.raises(SchemaTooNew, match="m999_future"):
        Store.open(pg_url)
    code, out, err = cli(pg_url, "list")
    assert code == 2, (out, err)
    assert "newer newsdesk" in err and "m999_future" in err
    code, _, err = cli(pg_url, "check")
    assert code == 1 and "newer newsdesk" in err, err


# --- passwords ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["no-server", "no-database", "no-role", "works"])
def test_the_password_in_db_never_reaches_the_terminal(
    pg_url: str, tmp_path: Path, case: str
) -> None:
    parts = urlsplit(pg_url)
    host = f"{parts.hostname}:{parts.port or 5432}"
    user = parts.username or "postgres"
    secret = "s3cr3t-pw"
    url = {
        "no-server": f"postgresql://{user}:{secret}@127.0.0.1:1/{parts.path.lstrip('/')}",
        "no-database": f"postgresql://{user}:{secret}@{host}/nd_missing_database",
        "no-role": f"postgresql://nd_no_such_role:{secret}@{host}{parts.path}",
        "works": f"postgresql://{user}:{secret}@{host}{parts.path}",  # trust: password unused
    }[case]
    runs = [
        cli(url, "list"),
        cli(url, "ingest", str(SEEDS)),
        cli(url, "show", "999"),
        cli(url, "stats"),
        cli(url, "check"),
        cli(url, "-q", "backup", str(tmp_path / "b.dump")),
        cli(url, "export", "--format", "jsonl", "-o", str(tmp_path / "nowhere" / "x.jsonl")),
    ]
    for _, out, err in runs:
        assert secret not in out + err, (case, out, err)
        assert "Traceback" not in err, err
    if case != "works":
        shown = f"{'nd_no_such_role' if case == 'no-role' else user}:***@"
        for (code, _, err), args in zip(runs, ["list", "ingest", "show", "stats", "check"]):
            assert code != 0 and err.strip(), (case, args, err)
            assert shown in err, (case, args, err)  # says which database, password hidden
        assert runs[5][0] != 0 and runs[6][0] != 0, runs[5:]


# --- a read never creates -------------------------------------------------------------------


def test_a_read_command_on_an_empty_database_says_so_and_creates_nothing(pg_url: str) -> None:
    for args in (
        ["list"],
        ["show", "1"],
        ["stats"],
        ["approve", "1"],
        ["export", "--format", "jsonl"],
        ["dedup", "--json"],
        ["families"],
    ):
        code, out, err = cli(pg_url, *args)
        assert code == 2, (args, out, err)
        assert f"no database at {pg_url} (ingest creates one)" in err, (args, err)
    assert public_tables(pg_url) == set()
    with pytest.raises(Exception, match="no database at"):
        Store.open(pg_url, create=False)
    assert public_tables(pg_url) == set()
    code, _, err = cli(pg_url, "ingest", str(SEEDS))  # and ingest does create it
    assert code == 0, err
    assert "articles" in public_tables(pg_url)


# --- search, on both engines ----------------------------------------------------------------

SEARCHABLE = [
    {
        "title": "Banjir di Pontianák",
        "body": "Sungai Kapuas-Hulu meluap; baca di news.detik.com/x. Sebanyak 1.420 warga "
        "mengungsi, kata humas@kalbar.go.id. Café Ångström tutup.",
        "outlet": "Tribun",
    },
    {
        "title": "Jembatan Pontianak diresmikan",
        "body": "Gubernur meresmikan jembatan baru di Pontianak pada Senin.",
        "outlet": "Antara",
    },
    {"title": "Harga cabai naik", "body": "Pedagang pasar Sintang mengeluh.", "outlet": "Antara"},
]


@pytest.fixture
def searchable(db_target: str, tmp_path: Path) -> Iterator[Desk]:
    feed = tmp_path / "s.jsonl"
    feed.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in SEARCHABLE))
    desk = Desk.open(db_target, None, actor="ana")
    desk.ingest([feed], dedup=False)
    yield desk
    desk.close()


def found(desk: Desk, text: str) -> list[str]:
    return sorted(r["title"] for r in desk.page(InboxQuery(status=None, search=text), limit=50))


BOTH_PONTIANAK = ["Banjir di Pontianák", "Jembatan Pontianak diresmikan"]


def test_search_folds_accents_and_case_on_both_engines(searchable: Desk) -> None:
    assert found(searchable, "Pontianak") == BOTH_PONTIANAK  # finds the accented one too
    assert found(searchable, "Pontianák") == BOTH_PONTIANAK  # and the other way round
    assert found(searchable, "PONTIANAK") == BOTH_PONTIANAK
    assert found(searchable, "cafe angstrom") == ["Banjir di Pontianák"]


def test_search_prefix_matches_the_last_word_only_on_both_engines(searchable: Desk) -> None:
    assert found(searchable, "Pontia") == BOTH_PONTIANAK
    assert found(searchable, "jembatan Pontia") == ["Jembatan Pontianak diresmikan"]
    assert found(searchable, "Pontia jembatan") == []  # an earlier word is a whole word
    assert found(searchable, "Pontianak cabai") == []  # every word is required
    assert found(searchable, "Kapuas-Hulu") == ["Banjir di Pontianák"]


@pytest.mark.parametrize(
    "typed", ['"; DROP TABLE articles; --', "a:b (c) -d *", "it's", "\\", "&|!", "zz:*"]
)
def test_search_takes_typed_words_never_syntax(searchable: Desk, typed: str) -> None:
    assert found(searchable, typed) == []
    assert len(found(searchable, "")) == 3


@pytest.mark.parametrize("part", ["detik", "kalbar", "420", "news.detik.com", "1.420"])
def test_search_finds_a_word_inside_a_host_name_email_or_number(
    searchable: Desk, part: str
) -> None:
    # both engines split at punctuation: PostgreSQL's index replaces it with spaces, as
    # SQLite's unicode61 tokenizer splits there; typed punctuation makes a phrase of the parts
    assert found(searchable, part) == ["Banjir di Pontianák"]


def test_without_the_postgres_extra_a_url_is_one_line_naming_the_extra() -> None:
    """psycopg is optional: a desk on a file never needs it; a URL says what to install."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from newsdesk.cli import main\n"
        "main(['--db', 'postgresql://ana:secret@db.example/desk', 'list'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "newsdesk[postgres]" in lines[0]
    assert "secret" not in done.stderr and "ana:***@db.example" in lines[0]
