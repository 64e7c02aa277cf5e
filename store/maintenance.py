"""Backups and consistency checks: the SQL behind `newsdesk backup` and `newsdesk check`.

Both open their own connection without running migrations, so they work on a damaged file
or an old backup, and neither holds a write lock longer than one FTS check.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from newsdesk.store.db import BUSY_TIMEOUT_MS, StoreError
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
    conn = connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
    finally:
        conn.close()
