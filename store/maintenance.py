"""Backups and consistency checks: the SQL behind `newsdesk backup` and `newsdesk check`.

Both open their own connection without running migrations, so they work on a damaged file
or an old backup, and neither holds a write lock longer than one FTS check.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.store.db import BUSY_TIMEOUT_MS, StoreError
from newsdesk.store.engine import is_url, redact
from newsdesk.store.schema import known_migrations


@dataclass(frozen=True)
class Problem:
    """One inconsistency, in words an operator can act on."""

    kind: str  # integrity | schema | foreign_key | orphan | merge | fts
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


def connect(path: str | Path) -> sqlite3.Connection:
    """A plain connection to an existing database file (never creates one)."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path}: no such database file")
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open database: {exc}") from exc
    return conn


def backup(source: str | Path, dest: str | Path) -> int:
    """Copy `source` to `dest` with SQLite's online backup API; returns the page count.

    The copy is one read snapshot (WAL readers never block writers, so editors keep
    working), written to a temporary file beside `dest` and renamed into place, so `dest`
    is either the old file or a complete backup, never half of one.
    """
    if is_url(source):
        return backup_postgres(str(source), dest)
    src_path, dest_path = Path(source).resolve(), Path(dest).resolve()
    if dest_path == src_path:
        raise StoreError(f"{dest}: a backup cannot overwrite the database it copies")
    if dest_path.is_dir():
        raise StoreError(f"{dest}: is a directory; give a file name for the backup")
    if not dest_path.parent.is_dir():
        raise StoreError(f"{dest}: folder {dest_path.parent} does not exist")
    src = connect(src_path)
    tmp = dest_path.with_name(f".{dest_path.name}.{os.getpid()}.partial")
    tmp.unlink(missing_ok=True)
    try:
        out = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            # pages=-1: the whole file from one snapshot; stepping would restart on every commit
            src.backup(out, pages=-1)
            out.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            pages = out.execute("PRAGMA page_count").fetchone()[0]
            verdict = out.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            out.close()
        if verdict != "ok":
            raise StoreError(f"{dest}: the copy failed its check ({verdict}); nothing replaced")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest_path)
    except sqlite3.Error as exc:
        raise StoreError(f"{dest}: backup failed: {exc}") from exc
    finally:
        src.close()
        tmp.unlink(missing_ok=True)
    return pages


# FTS5's own content check holds the write lock while it runs (~4 s per 100k stories on
# the dev box); past this size it would make writers wait longer than their busy timeout.
DEEP_FTS_MAX_STORIES = 200_000


def check(path: str | Path, deep: bool | None = None) -> list[Problem]:
    """Every problem found: SQLite integrity, foreign keys, orphans, merges, full-text index.

    `deep`: compare the search index with every story's text (True), never (False), or
    only while the database is small enough not to hold writers up (None).
    """
    if is_url(path):
        return check_postgres(str(path))
    conn = connect(path)
    try:
        problems = _integrity(conn)
        if problems:
            return problems  # a damaged file makes every further answer unreliable
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "articles" not in tables:
            return [Problem("integrity", "not a newsdesk database (no articles table)")]
        newer = _newer_schema(conn, tables)
        if newer:
            return newer  # its tables may differ from ours: the other checks would mislead
        conn.execute("BEGIN")
        try:
            problems += _foreign_keys(conn)
            problems += _orphans(conn, tables)
            problems += _merges(conn, tables)
            problems += _fts_rows(conn)
        finally:
            conn.execute("COMMIT")
        if deep is None:
            stories = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            deep = stories <= DEEP_FTS_MAX_STORIES
        if deep and not any(p.kind == "fts" for p in problems):
            problems += _fts_content(conn)
        return problems
    except sqlite3.DatabaseError as exc:
        return [Problem("integrity", f"cannot read the database: {exc}")]
    finally:
        conn.close()


def _newer_schema(conn: sqlite3.Connection, tables: set[str]) -> list[Problem]:
    """Migrations this newsdesk does not know: the file was written by a newer version."""
    if "schema_migrations" not in tables:
        return []
    known = {name for name, _ in known_migrations()}
    applied = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
    unknown = sorted(applied - known)
    if not unknown:
        return []
    return [
        Problem(
            "schema",
            f"made by a newer newsdesk (migrations {', '.join(unknown)} are unknown to this "
            "version): this newsdesk cannot use it",
        )
    ]


def _integrity(conn: sqlite3.Connection) -> list[Problem]:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as exc:
        return [Problem("integrity", str(exc))]
    return [] if rows == ["ok"] else [Problem("integrity", r) for r in rows]


def _foreign_keys(conn: sqlite3.Connection) -> list[Problem]:
    out = []
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchmany(20):
        out.append(Problem("foreign_key", f"{table} row {rowid} points to a missing {parent} row"))
    return out


# (table, column) pairs that must name an existing story; tables absent in old files are skipped
_STORY_REFS = [
    ("tags", "article_id"),
    ("tag_vetoes", "article_id"),
    ("rule_hits", "article_id"),
    ("links", "a"),
    ("links", "b"),
    ("dedup_docs", "article_id"),
    ("merges", "article_id"),
    ("merges", "merged_into"),
]


def _orphans(conn: sqlite3.Connection, tables: set[str]) -> list[Problem]:
    out = []
    for table, column in _STORY_REFS:
        if table not in tables:
            continue
        rows = conn.execute(
            f"SELECT DISTINCT {column} FROM {table} "
            f"WHERE {column} NOT IN (SELECT id FROM articles) LIMIT 20"
        ).fetchall()
        for (missing,) in rows:
            out.append(Problem("orphan", f"{table}.{column} names story {missing}, which is gone"))
    return out


def _merges(conn: sqlite3.Connection, tables: set[str]) -> list[Problem]:
    out = []
    parent = dict(
        conn.execute("SELECT id, merged_into FROM articles WHERE merged_into IS NOT NULL")
    )
    for story, target in sorted(parent.items()):
        if target == story:
            out.append(Problem("merge", f"story {story} is merged into itself"))
        elif target in parent:
            out.append(
                Problem(
                    "merge",
                    f"story {story} is merged into story {target}, which is itself merged "
                    f"into {parent[target]} (a chain or cycle)",
                )
            )
    existing = {r[0] for r in conn.execute("SELECT id FROM articles")} if parent else set()
    for story, target in sorted(parent.items()):
        if target not in existing:
            out.append(Problem("merge", f"story {story} is merged into missing story {target}"))
    for (story,) in conn.execute(
        "SELECT id FROM articles WHERE (status = 'merged') != (merged_into IS NOT NULL) LIMIT 20"
    ):
        out.append(Problem("merge", f"story {story}: status and merged_into disagree"))
    if "links" in tables:
        rows = conn.execute(
            "SELECT a, b FROM links l WHERE state = 'merged' AND NOT EXISTS (SELECT 1 FROM "
            "articles x WHERE (x.id = l.a AND x.merged_into = l.b) "
            "OR (x.id = l.b AND x.merged_into = l.a)) LIMIT 20"
        ).fetchall()
        for a, b in rows:
            out.append(Problem("merge", f"link {a}–{b} says merged, but neither is merged"))
    return out


def _fts_rows(conn: sqlite3.Connection) -> list[Problem]:
    """Same stories in the full-text index as in the table (a cheap, read-only test)."""
    missing = conn.execute(
        "SELECT count(*) FROM articles WHERE id NOT IN (SELECT id FROM articles_fts_docsize)"
    ).fetchone()[0]
    extra = conn.execute(
        "SELECT count(*) FROM articles_fts_docsize WHERE id NOT IN (SELECT id FROM articles)"
    ).fetchone()[0]
    out = []
    if missing:
        out.append(Problem("fts", f"{missing} stories missing from the search index"))
    if extra:
        out.append(Problem("fts", f"{extra} search index entries for stories that are gone"))
    return out


def _fts_content(conn: sqlite3.Connection) -> list[Problem]:
    """FTS5's own check against the content table; runs as a write statement, rolled back."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
            )
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc):
            return []  # a read-only copy: the row check above is all we can do
        return [Problem("fts", f"search index out of sync with the stories ({exc})")]
    except sqlite3.DatabaseError as exc:
        return [Problem("fts", f"search index out of sync with the stories ({exc})")]
    return []


def rebuild_fts(path: str | Path) -> None:
    """Rebuild the search index from the stories (the fix `check` suggests for fts problems)."""
    if is_url(path):
        with _pg(str(path)) as pg:
            pg.execute("REINDEX INDEX articles_search")
        return
    conn = connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
    finally:
        conn.close()


# --- PostgreSQL -------------------------------------------------------------------------------


@contextmanager
def _pg(url: str) -> Iterator[Any]:
    """A plain connection to an existing PostgreSQL desk, without migrating it."""
    from newsdesk.store.postgres_engine import PostgresEngine, psycopg

    engine = PostgresEngine()
    conn = engine.open_raw(url)
    try:
        yield conn
    except psycopg.Error as exc:
        raise engine.trouble(exc, url) from exc
    finally:
        conn.close()


# (table, identity column): a copied desk must have its counters past the ids it holds
_IDENTITIES = [("articles", "id"), ("audit", "id")]


def check_postgres(url: str) -> list[Problem]:
    """What `check` can say of a PostgreSQL desk: schema, orphans, merges, id counters.

    Pages and foreign keys are the server's (it enforces the keys; `pg_amcheck` checks
    pages); the search index is an expression index, never out of step with the text.
    """
    with _pg(url) as conn:
        tables = conn.engine.tables(conn)
        if "articles" not in tables:
            return [Problem("integrity", "not a newsdesk database (no articles table)")]
        newer = _newer_schema(conn, tables)
        if newer:
            return newer
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            problems = _orphans(conn, tables) + _merges(conn, tables)
            for table, column in _IDENTITIES:
                top = conn.execute(f"SELECT max({column}) FROM {table}").fetchone()[0]
                seq = conn.execute("SELECT pg_get_serial_sequence(?, ?)", [table, column])
                last, called = conn.execute(
                    f"SELECT last_value, is_called FROM {seq.fetchone()[0]}"
                ).fetchone()
                following = last + 1 if called else last
                if top is not None and following <= top:
                    problems.append(
                        Problem(
                            "sequence",
                            f"{table}.{column}: the next id would be {following}, but ids go"
                            f" up to {top}: new rows would collide",
                        )
                    )
        finally:
            conn.execute("COMMIT")
        return problems


def backup_postgres(url: str, dest: str | Path) -> int:
    """`pg_dump` of the desk to `dest` (custom format, for `pg_restore`); returns 0 pages."""
    dest_path = Path(dest).resolve()
    if dest_path.is_dir():
        raise StoreError(f"{dest}: is a directory; give a file name for the backup")
    if not dest_path.parent.is_dir():
        raise StoreError(f"{dest}: folder {dest_path.parent} does not exist")
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise StoreError(
            f"{redact(url)}: a PostgreSQL desk is backed up with pg_dump, which is not on PATH:"
            " install the PostgreSQL client (Debian: postgresql-client), or run"
            " `pg_dump -Fc -f desk.dump URL` where it is"
        )
    tmp = dest_path.with_name(f".{dest_path.name}.{os.getpid()}.partial")
    try:
        done = subprocess.run(
            [pg_dump, "--format=custom", "--file", str(tmp), "--dbname", url],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            why = (done.stderr.strip().splitlines() or ["failed"])[-1].replace(url, redact(url))
            raise StoreError(f"{dest}: pg_dump failed: {why}")
        os.replace(tmp, dest_path)
    finally:
        tmp.unlink(missing_ok=True)
    return 0
