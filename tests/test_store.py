"""The database on each engine: migrations, version checks, search, atomic writes.

On SQLite also: WAL, FTS5 in sync, plain names any SQLite tool can read.
"""

from __future__ import annotations

import sqlite3

import pytest

from newsdesk.desk import Desk
from newsdesk.store import Store
from newsdesk.store.schema import SchemaTooNew, known_migrations

from .conftest import SEEDS, on_postgres, sqlite_only


@pytest.fixture
def db_path(db_target: str) -> str:
    """Every test here runs on both engines: a SQLite file path, or a PostgreSQL URL."""
    return db_target


def test_new_database_is_wal_and_fully_migrated(db_path: str) -> None:
    sqlite_only(db_path, "WAL and PRAGMA user_version are the SQLite file's")
    store = Store.open(db_path)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(known_migrations())
    assert {"articles", "tags", "tag_vetoes", "audit", "links", "rule_hits"} <= set(
        store.db.table_names()
    )
    store.close()


def test_new_database_is_fully_migrated_on_each_engine(db_path: str) -> None:
    store = Store.open(db_path)
    try:
        engine = store.engine.name
        names = [r[0] for r in store.conn.execute("SELECT name FROM schema_migrations")]
        assert sorted(names) == [name for name, _ in known_migrations(engine)]
        assert {"articles", "tags", "tag_vetoes", "audit", "links", "rule_hits"} <= (
            store.engine.tables(store.conn)
        )
    finally:
        store.close()


def test_opening_twice_migrates_once(db_path: str) -> None:
    Store.open(db_path).close()
    store = Store.open(db_path)
    names = [r[0] for r in store.conn.execute("SELECT name FROM schema_migrations")]
    assert names == sorted(set(names))
    store.close()


def test_file_from_a_newer_newsdesk_is_refused_untouched(db_path: str) -> None:
    Store.open(db_path).close()
    if on_postgres(db_path):
        import psycopg

        with psycopg.connect(db_path, autocommit=True) as conn:
            conn.execute("INSERT INTO schema_migrations VALUES ('m999_future', 'x')")
    else:
        conn = sqlite3.connect(db_path)
        conn.execute("INSERT INTO schema_migrations VALUES ('m999_future', 'x')")
        conn.commit()
        conn.close()
    with pytest.raises(SchemaTooNew, match="m999_future"):
        Store.open(db_path)


def test_full_text_search_follows_the_articles(desk: Desk) -> None:
    sqlite_only(desk.store.path, "the FTS5 table and the sqlite3 shell")
    desk.ingest([SEEDS])
    hits = desk.store.conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'audiensi'"
    ).fetchall()
    assert len(hits) == 1
    # the sqlite3 shell sees the same plain tables
    conn = sqlite3.connect(desk.store.path)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    conn.close()


def test_a_failed_write_leaves_nothing_behind(desk: Desk) -> None:
    ids = desk.ingest([SEEDS]).stored
    with pytest.raises(RuntimeError), desk.store.write() as db:
        db.conn.execute("UPDATE articles SET status = 'approved' WHERE id = ?", [ids[0]])
        raise RuntimeError("crash mid-transaction")
    assert desk.article(ids[0]).status == "new"


def test_link_counts_of_a_page_count_each_link_once_across_chunks(
    db_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The inbox's ≈/duplicate markers come from one query per page, chunked for long pages:
    a link whose two stories fall in different chunks is still counted once for each."""
    from newsdesk.store import links

    store = Store.open(db_path)
    try:
        with store.write() as db:
            ids = [
                db.execute(
                    "INSERT INTO articles (title, body, raw, ingested_at, content_hash)"
                    " VALUES (?, ?, ?, ?, ?) RETURNING id",
                    [f"t{i}", f"b{i}", b"", "2026-12-05T00:00:00+00:00", f"h{i}"],
                ).fetchone()[0]
                for i in range(5)
            ]
            links.upsert_link(db, ids[0], ids[4], "duplicate", 90.0, ["x"])
            links.upsert_link(db, ids[0], ids[1], "related", 40.0, ["y"])
            links.upsert_link(db, ids[2], ids[3], "duplicate", 80.0, ["z"])
            links.set_link_state(db, ids[1], ids[2], "dismissed")
        monkeypatch.setattr(links, "CHUNK", 2)  # ids[0] and ids[4] in different chunks
        monkeypatch.setattr(links.chunks, "__defaults__", (2,))
        with store.read() as db:
            counts = links.open_link_counts(db, ids)
        assert counts == {
            ids[0]: (1, 1),
            ids[1]: (0, 1),
            ids[2]: (1, 0),
            ids[3]: (1, 0),
            ids[4]: (1, 0),
        }
    finally:
        store.close()
