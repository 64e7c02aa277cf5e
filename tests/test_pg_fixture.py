"""The PostgreSQL test fixtures themselves (conftest.py): pg_admin_url, pg_url, db_target.

They skip cleanly without NEWSDESK_TEST_PG, except the SQLite half of db_target.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

_seen_databases: list[str] = []  # pg_url databases of earlier tests in this module
_left_open: list[object] = []  # connections deliberately never closed before the drop


def _dbname(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _database_exists(admin_url: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        row = conn.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None and row[0] == 1


@pytest.fixture
def dropped_after(pg_admin_url: str) -> Iterator[list[str]]:
    """Set up before pg_url (the test asks for pg_url later, with getfixturevalue), so torn
    down after it: checks that every database name put in the list is gone by then."""
    names: list[str] = []
    yield names
    assert names, "the test recorded no database to check"
    still_there = [n for n in names if _database_exists(pg_admin_url, n)]
    assert not still_there, f"pg_url did not drop {still_there}"


def test_pg_url_is_a_fresh_empty_database(pg_admin_url: str, pg_url: str) -> None:
    import psycopg

    name = _dbname(pg_url)
    assert name.startswith("nd_")
    assert name != _dbname(pg_admin_url)
    assert urlsplit(pg_url).netloc == urlsplit(pg_admin_url).netloc  # same server and user
    assert _database_exists(pg_admin_url, name)
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == (name,)
        row = conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public'"
        ).fetchone()
        assert row == (0,), "schema public is not empty"


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_gets_its_own_database_and_it_is_dropped(
    run: int, pg_admin_url: str, dropped_after: list[str], request: pytest.FixtureRequest
) -> None:
    pg_url = request.getfixturevalue("pg_url")
    name = _dbname(pg_url)
    dropped_after.append(name)
    # Earlier tests' databases are distinct from this one and already gone.
    assert name not in _seen_databases
    for earlier in _seen_databases:
        assert not _database_exists(pg_admin_url, earlier), f"{earlier} outlived its test"
    _seen_databases.append(name)


def test_drop_does_not_wait_for_connections_left_open(
    dropped_after: list[str], request: pytest.FixtureRequest
) -> None:
    import psycopg

    pg_url = request.getfixturevalue("pg_url")
    dropped_after.append(_dbname(pg_url))
    conn = psycopg.connect(pg_url)  # never closed: DROP ... WITH (FORCE) must still win
    conn.execute("CREATE TABLE held (id integer)")
    _left_open.append(conn)


def test_unaccent_extension_is_available(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        assert conn.execute("SELECT unaccent('é')").fetchone() == ("e",)
        assert conn.execute("SELECT unaccent('Ångström café')").fetchone() == ("Angstrom cafe",)


def test_db_target_names_a_database_on_each_engine(
    db_target: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    engine = request.node.callspec.params["db_target"]
    if engine == "sqlite":
        assert db_target == str(tmp_path / "desk.db")
        assert "://" not in db_target
        assert Path(db_target).parent.is_dir()
        assert not Path(db_target).exists()  # fresh: the code under test creates it
        assert "pg_url" not in request.fixturenames  # SQLite runs never touch a server
    else:
        assert engine == "postgresql"
        assert db_target.startswith("postgresql://")
        assert db_target == request.getfixturevalue("pg_url")
        assert _dbname(db_target).startswith("nd_")


def test_a_set_but_silent_server_fails_and_an_unset_one_skips(tmp_path: Path) -> None:
    """CI can never pass without PostgreSQL: NEWSDESK_TEST_PG set but no server is an error."""
    import os
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[1]
    probe = "tests/test_pg_fixture.py::test_pg_url_is_a_fresh_empty_database"

    def pytest_with(value: str | None) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "NEWSDESK_TEST_PG"}
        if value is not None:
            env["NEWSDESK_TEST_PG"] = value
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", probe],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    silent = pytest_with("postgresql://postgres@127.0.0.1:1/postgres")
    assert silent.returncode != 0, silent.stdout
    assert "NEWSDESK_TEST_PG is set but the PostgreSQL server did not answer" in silent.stdout
    unset = pytest_with(None)
    assert unset.returncode == 0, unset.stdout
    assert "1 skipped" in unset.stdout and "NEWSDESK_TEST_PG" in unset.stdout
