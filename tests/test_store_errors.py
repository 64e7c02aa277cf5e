"""A database in trouble costs one clear line and the right exit code, never a traceback.

Disk full (SQLite's `max_page_count`, a real SQLITE_FULL), a read-only file (a real
SQLITE_READONLY from a read-only connection), damaged pages, a file from a newer newsdesk and
a lock held too long, across the commands that read and write. Read commands never create a
database. The CLI runs in process (click's runner), as the user would call it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.store import sqlite_engine
from newsdesk.store.db import Store
from tests.conftest import REPO, SEEDS

RULES = str(REPO / "rules.yaml")


def cli(db: Path, *args: str, rules: str = RULES) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main, ["--db", str(db), "--rules", rules, "--as", "ana", *args], catch_exceptions=True
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args}: raised {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


def one_clear_line(err: str, *words: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err, err
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    for word in words:
        assert word in lines[0], (word, err)


def stories_file(path: Path, n: int, tag: str = "") -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            body = f"Banjir merendam {i} rumah warga di Sintang, Kalimantan Barat. " * 20
            record = {"title": f"Banjir {tag}{i} di Sintang", "body": body}
            record["url"] = f"https://example.com/{tag}{i}"
            fh.write(json.dumps(record) + "\n")
    return path


@pytest.fixture(scope="module")
def plain_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """80 stories stored without rules or dedup, compacted: any real write must grow it."""
    tmp = tmp_path_factory.mktemp("store-errors")
    db = tmp / "desk.db"
    code, _, err = cli(db, "ingest", "--no-rules", "--no-dedup", str(SEEDS))
    assert code == 0, err
    code, _, err = cli(
        db, "ingest", "--no-rules", "--no-dedup", str(stories_file(tmp / "s.jsonl", 80))
    )
    assert code == 0, err
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    conn.close()
    return db


@pytest.fixture
def copy(plain_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy.db"
    shutil.copy(plain_db, target)
    return target


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every store opened from now on may not grow by a single page: the disk is full."""
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def full_open(cls: type[Store], path: Any, *args: Any, **kwargs: Any) -> Store:
        store = real_open(cls, path, *args, **kwargs)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        return store

    monkeypatch.setattr(Store, "open", classmethod(full_open))
    yield


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every connection is opened read-only, as for a file the user may not write."""
    real_connect = sqlite3.connect

    def connect(path: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if str(path).endswith(".db"):
            return real_connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)
        return real_connect(path, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    yield


# --- disk full ------------------------------------------------------------------------------


def test_ingest_on_a_full_disk_is_one_line(copy: Path, tmp_path: Path, disk_full: None) -> None:
    code, _, err = cli(copy, "ingest", str(stories_file(tmp_path / "more.jsonl", 200, "x")))
    assert code == 1
    one_clear_line(err, str(copy), "disk is full")


@pytest.mark.parametrize("action", ["approve", "tag"])
def test_editor_actions_on_a_full_disk_are_one_line(
    copy: Path, disk_full: None, action: str
) -> None:
    # each action adds an audit entry; within a few hundred the last page is full
    for i in range(1, 400):
        args = [action, str(i % 80 + 1)]
        if action == "tag":
            args.append(f"etiket-panjang-{i:04d}-" + "x" * 60)
        code, _, err = cli(copy, *args)
        if code != 0:
            break
    assert code == 1, f"the disk never filled up: {err}"
    one_clear_line(err, "disk is full")


def test_rules_run_on_a_full_disk_is_one_line(copy: Path, disk_full: None) -> None:
    code, _, err = cli(copy, "rules", "run")
    assert code == 1
    one_clear_line(err, "disk is full")


def test_dedup_on_a_full_disk_is_one_line(copy: Path, disk_full: None) -> None:
    code, _, err = cli(copy, "dedup", "--rebuild")
    assert code == 1
    one_clear_line(err, "disk is full")


# --- read-only ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("approve", "1"), ("tag", "1", "banjir"), ("rules", "run"), ("ingest", str(SEEDS))],
    ids=["approve", "tag", "rules run", "ingest"],
)
def test_writing_to_a_read_only_database_is_one_line(
    copy: Path, read_only: None, args: tuple[str, ...]
) -> None:
    code, _, err = cli(copy, *args)
    assert code == 2
    one_clear_line(err, str(copy), "read-only")


def test_reading_a_read_only_database_works(copy: Path, read_only: None) -> None:
    code, out, _ = cli(copy, "list", "--json")
    assert code == 0 and len(json.loads(out)) == 50


# --- damaged pages --------------------------------------------------------------------------


@pytest.fixture
def damaged(copy: Path) -> Path:
    """The articles table's first page zeroed: SQLite reports the file malformed on reading it."""
    conn = sqlite3.connect(copy)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'articles'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(copy.read_bytes())
    data[(root - 1) * size : root * size] = bytes(size)
    copy.write_bytes(bytes(data))
    return copy


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("show", "1"),
        ("export", "--status", "all", "--format", "jsonl"),
        ("export", "--status", "all", "--format", "ninjs", "-o", "out.jsonl"),
        ("approve", "1"),
        ("tag", "1", "banjir"),
        ("dedup", "--rebuild"),
        ("rules", "run"),
        ("stats",),
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_damaged_pages_are_one_line(damaged: Path, args: tuple[str, ...]) -> None:
    code, _, err = cli(damaged, *args)
    assert code == 2
    one_clear_line(err, str(damaged), "damaged", "newsdesk check")


# --- a newer schema -------------------------------------------------------------------------


@pytest.fixture
def newer(copy: Path) -> Path:
    conn = sqlite3.connect(copy)
    conn.execute("INSERT INTO schema_migrations VALUES ('m999_future', 'x')")
    conn.commit()
    conn.close()
    return copy


@pytest.mark.parametrize(
    "args",
    [("list",), ("approve", "1"), ("ingest", str(SEEDS)), ("export", "--format", "csv")],
    ids=lambda a: a[0],
)
def test_a_database_from_a_newer_newsdesk_is_exit_2_with_one_line(
    newer: Path, args: tuple[str, ...]
) -> None:
    code, _, err = cli(newer, *args)
    assert code == 2
    one_clear_line(err, str(newer), "newer newsdesk", "m999_future")


def test_check_tells_a_newer_schema_from_a_healthy_one(newer: Path, plain_db: Path) -> None:
    code, _, err = cli(plain_db, "check")
    assert code == 0 and err.strip().endswith(": ok")
    code, out, err = cli(newer, "check", "--json")
    report = json.loads(out)
    assert code == 1 and not report["ok"]
    assert [p["kind"] for p in report["problems"]] == ["schema"]
    assert "m999_future" in report["problems"][0]["message"]
    code, _, err = cli(newer, "check")
    assert code == 1 and "newer newsdesk" in err and ": ok" not in err


# --- locks ----------------------------------------------------------------------------------


def test_a_lock_held_too_long_is_one_line(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_engine, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(sqlite_engine.retry_locked, "__defaults__", (2,))
    holder = sqlite3.connect(copy, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = cli(copy, "approve", "1")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1
    one_clear_line(err, "locked")


# --- read commands never create a database --------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("show", "1"),
        ("export", "--format", "jsonl", "-o", "site/approved.jsonl"),
        ("approve", "1"),
        ("tag", "1", "x"),
        ("dedup",),
        ("stats",),
        ("check",),
        ("backup", "copy.db"),
        ("rules", "run"),
        ("related", "1"),
    ],
    ids=lambda a: a[0],
)
def test_read_commands_never_create_a_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "typo.db"
    code, _, err = cli(db, *args)
    assert code == 2
    one_clear_line(err, f"no database at {db} (ingest creates one)")
    assert not db.exists() and not (tmp_path / "site").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_ingest_still_creates_the_database(tmp_path: Path) -> None:
    db = tmp_path / "new" / "desk.db"
    code, _, err = cli(db, "ingest", str(SEEDS))
    assert code == 0 and db.exists(), err
