"""Shared fixtures: a fresh database in a temp dir, the repo's seeds and rules, ../shared/."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from newsdesk.desk import Desk

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
RULES = REPO / "rules.yaml"
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file under ../shared/, or skip the test cleanly when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.db"


@pytest.fixture
def desk(db_path: Path) -> Iterator[Desk]:
    """A desk with no rules file: stores and actions only."""
    d = Desk.open(db_path, None, actor="ana")
    yield d
    d.close()


@pytest.fixture
def seeded(db_path: Path) -> Iterator[Desk]:
    """A desk holding the two seed stories, with the repo's rules applied."""
    d = Desk.open(db_path, RULES if RULES.exists() else None, actor="ana")
    d.ingest([SEEDS])
    yield d
    d.close()


# --- PostgreSQL: the second storage engine ------------------------------------------------
# NEWSDESK_TEST_PG names a server the tests may create and drop databases on (.ci/run starts
# a throwaway one with .ci/pg). Without it, PostgreSQL tests skip; SQLite tests never need it.

PG_SKIP = (
    "PostgreSQL tests skipped: set NEWSDESK_TEST_PG=postgresql://user@host:port/db "
    "(.ci/run starts a throwaway server)"
)
_pg_db_numbers = itertools.count(1)


def _pg_url_with_dbname(url: str, dbname: str) -> str:
    """The same server, user and options as url, another database."""
    return urlunsplit(urlsplit(url)._replace(path="/" + dbname))


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    """The admin URL from NEWSDESK_TEST_PG, after checking the server answers.

    Unset: skip. Set but the server does not answer (or psycopg is missing): fail.
    """
    url = os.environ.get("NEWSDESK_TEST_PG", "").strip()
    if not url:
        pytest.skip(PG_SKIP)
    if not url.startswith(("postgresql://", "postgres://")):
        pytest.fail(f"NEWSDESK_TEST_PG must be a postgresql:// URL, got {url!r}")
    try:
        import psycopg
    except ImportError:
        pytest.fail(
            "NEWSDESK_TEST_PG is set but psycopg is not installed "
            "(pip install 'psycopg[binary]'; it is in the dev extra)",
            pytrace=False,
        )
    reason = ""
    try:
        with psycopg.connect(url, connect_timeout=5, autocommit=True) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if reason:
        # Set but silent is a broken CI, not a missing server: fail, so a run can never pass
        # without having tested PostgreSQL.
        pytest.fail(
            f"NEWSDESK_TEST_PG is set but the PostgreSQL server did not answer: {reason}"
            " (start it, e.g. .ci/pg start, or unset NEWSDESK_TEST_PG to skip these tests)",
            pytrace=False,
        )
    return url


@pytest.fixture
def pg_new_database(pg_admin_url: str) -> Iterator[Callable[[], str]]:
    """Makes fresh, empty databases on demand (their URLs); drops them all (WITH FORCE) after."""
    import psycopg
    from psycopg import sql

    made: list[str] = []

    def make() -> str:
        name = f"nd_{os.getpid()}_{next(_pg_db_numbers)}"
        with psycopg.connect(pg_admin_url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        made.append(name)
        return _pg_url_with_dbname(pg_admin_url, name)

    try:
        yield make
    finally:
        # FORCE: a connection the test (or the code under test) left open cannot hold the drop.
        with psycopg.connect(pg_admin_url, autocommit=True) as conn:
            for name in made:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


@pytest.fixture
def pg_url(pg_new_database: Callable[[], str]) -> str:
    """A fresh, empty database of its own: its URL; dropped (WITH FORCE) afterwards."""
    return pg_new_database()


def on_postgres(target: object) -> bool:
    """Whether a db_target (or db_path overridden from it) names a PostgreSQL database."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def sqlite_only(target: object, why: str) -> None:
    """Skip the PostgreSQL run of a test that is about the SQLite file itself."""
    if on_postgres(target):
        pytest.skip(f"SQLite only: {why}")


@pytest.fixture(params=["sqlite", "postgresql"], ids=["sqlite", "postgresql"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A --db target on each engine: a SQLite file path, or a fresh PostgreSQL database URL.

    Only the postgresql run asks for pg_url, so SQLite runs never need a server.
    """
    if request.param == "sqlite":
        return str(tmp_path / "desk.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture(params=["sqlite", "postgresql"], ids=["sqlite", "postgresql"])
def db_targets(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], str]:
    """For tests that need several desks: name -> a fresh --db target on each engine (a file
    of that name in tmp_path, or a new PostgreSQL database; the name is then only a label)."""
    if request.param == "sqlite":
        return lambda name: str(tmp_path / name)
    make = request.getfixturevalue("pg_new_database")
    return lambda name: make()
