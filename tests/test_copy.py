"""`newsdesk copy --to`: a whole desk to another engine and back, answering the same."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsdesk.cli import main
from newsdesk.store import Store
from newsdesk.store import copy as store_copy

from .conftest import REPO, SEEDS

DOCS = [
    json.loads(line)
    for line in (REPO / "tests" / "data" / "dedup_docs_id.jsonl").read_text().splitlines()
]
EVENTS = ("bi", "gempa", "vonis")


def run(db: str | Path, *args: str, actor: str = "ana") -> Result:
    return CliRunner().invoke(
        main, ["--db", str(db), "--rules", str(REPO / "rules.yaml"), "--as", actor, *args]
    )


def ok(db: str | Path, *args: str, actor: str = "ana") -> str:
    result = run(db, *args, actor=actor)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def build_source(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """A desk as editors leave it: rule tags, duplicates and a family, approvals, a merge,
    an editor's untag (a veto), an undone action."""
    feed = tmp_path / "dupes.jsonl"
    feed.write_text(
        "".join(
            json.dumps({**d, "url": f"https://news.example/{d['id'].replace(':', '/')}"}) + "\n"
            for d in DOCS
            if d["id"].split(":")[0] in EVENTS
        )
    )
    db = tmp_path / "source.db"
    ok(db, "ingest", str(SEEDS))
    ok(db, "ingest", str(feed))
    rows = json.loads(ok(db, "list", "--json", "--limit", "1000"))
    ids = {
        r["url"].removeprefix("https://news.example/").replace("/", ":", 1): r["id"]
        for r in rows
        if r["url"] and r["url"].startswith("https://news.example/")
    }
    ok(db, "approve", str(ids["bi:base"]), str(ids["gempa:base"]))
    ok(db, "tag", str(ids["bi:base"]), "ekonomi", "moneter", actor="bob")
    ok(db, "untag", str(ids["bi:base"]), "moneter", actor="bob")
    ok(db, "reject", str(ids["vonis:other"]), "--reason", "old news")
    # a story merged into a later one: the copy must write merged_into after its target
    ok(db, "merge", str(ids["gempa:rewrite"]), str(ids["gempa:base"]))
    ok(db, "tag", str(ids["vonis:base"]), "hukum", actor="bob")
    ok(db, "undo", actor="bob")  # bob's "hukum" tag is undone: undoes/undone_by set
    assert json.loads(ok(db, "families", "--json"))
    return db, ids


def answers(db: str | Path) -> dict[str, Any]:
    """What scripts read from a desk, with the database's own name taken out."""

    def out(*args: str) -> Any:
        return json.loads(ok(db, *args).replace(str(db), "<db>"))

    rows = out("list", "--json", "--limit", "1000")
    families = out("families", "--json")
    return {
        "list": rows,
        "families": families,
        "family": [out("family", str(f["id"]), "--json") for f in families],
        "dedup": out("dedup", "--json"),
        "stats": out("stats", "--json"),
        "show": [out("show", str(r["id"]), "--json") for r in rows],
    }


def dump(target: str | Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every copied table's rows, in a fixed order (bytes as bytes on both engines)."""
    store = Store.open(str(target), create=False)
    try:
        out = {}
        with store.read():
            for table in store_copy.TABLES:
                cols = store_copy.columns(store.db, table)
                rows = store.conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
                out[table] = sorted(
                    (tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in rows),
                    key=repr,
                )
        return out
    finally:
        store.close()


def copy(source: str | Path, target: str | Path, *extra: str, quiet: bool = False) -> Result:
    return run(source, *(["-q"] if quiet else []), "copy", "--to", str(target), *extra)


def test_sqlite_to_postgresql_to_sqlite_answers_the_same(tmp_path: Path, pg_url: str) -> None:
    source, ids = build_source(tmp_path)
    expected, tables = answers(source), dump(source)
    assert tables["links"] and tables["family_members"] and tables["merges"]
    assert tables["tag_vetoes"] and any(r for r in tables["audit"] if r[-1] is not None)

    result = copy(source, pg_url, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["source"] == str(source) and summary["target"] == pg_url
    assert summary["tables"] == {t: len(rows) for t, rows in tables.items()}
    assert "copied articles:" in result.stderr  # progress per table
    assert ok(pg_url, "check") == "" and run(pg_url, "check").exit_code == 0
    assert dump(pg_url) == tables
    assert answers(pg_url) == expected

    back = tmp_path / "back.db"
    result = copy(pg_url, back)
    assert result.exit_code == 0, result.output
    assert run(back, "check").exit_code == 0
    assert dump(back) == tables
    assert answers(back) == expected
    # the FTS5 index was filled by the insert trigger: search answers on the copy
    found = json.loads(ok(back, "list", "--json", "--search", "Cianjur"))
    assert {r["id"] for r in found} == {
        r["id"] for r in json.loads(ok(source, "list", "--json", "--search", "Cianjur"))
    }
    assert found

    # the audit history came along: bob's last action on each copy is the same one
    undone = {
        json.loads(ok(db, "undo", "--json", actor="bob"))["undone"]["audit_id"]
        for db in (
            source,
            pg_url,
            back,
        )
    }
    assert len(undone) == 1
    veto_gone = json.loads(ok(pg_url, "show", str(ids["bi:base"]), "--json"))
    assert "moneter" in {t["tag"] if isinstance(t, dict) else t for t in veto_gone["tags"]}

    # the identity counters were set past the copied ids: a new story gets a fresh id
    new = tmp_path / "new.json"
    new.write_text(json.dumps({"title": "Cerita baru", "body": "Berita baru dari Sintang."}))
    ok(pg_url, "ingest", str(new))
    top = max(r["id"] for r in expected["list"])
    newest = json.loads(ok(pg_url, "list", "--json", "--search", "Sintang"))
    assert [r["id"] for r in newest] == [top + 1]
    assert run(pg_url, "check").exit_code == 0


def test_sqlite_to_sqlite_skips_tables_that_are_not_newsdesks(tmp_path: Path) -> None:
    source, _ = build_source(tmp_path)
    expected = answers(source)
    import sqlite3

    conn = sqlite3.connect(source)  # what Litestream adds to a replicated file
    conn.execute("CREATE TABLE _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER)")
    conn.execute("INSERT INTO _litestream_seq VALUES (1, 7)")
    conn.commit()
    conn.close()
    target = tmp_path / "sub" / "copy.db"
    result = copy(source, target, quiet=True)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert run(target, "check").exit_code == 0
    assert answers(target) == expected
    assert dump(target) == dump(source)
    tables = {r[0] for r in sqlite3.connect(target).execute("SELECT name FROM sqlite_master")}
    assert "_litestream_seq" not in tables


def test_refuses_a_target_holding_stories(tmp_path: Path, db_target: str) -> None:
    source, _ = build_source(tmp_path)
    ok(db_target, "ingest", str(SEEDS))
    before = dump(db_target)
    result = copy(source, db_target)
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "already holds a desk (2 stories)" in result.stderr
    assert dump(db_target) == before


def test_refuses_a_missing_source_and_the_source_itself(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    target = tmp_path / "target.db"
    result = copy(missing, target)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: no database at {missing} (ingest creates one)"
    assert not missing.exists() and not target.exists()

    ok(tmp_path / "desk.db", "ingest", str(SEEDS))
    result = copy(tmp_path / "desk.db", tmp_path / "." / "desk.db")
    assert result.exit_code == 2
    assert "is the desk being copied" in result.stderr


def test_a_failed_copy_leaves_the_target_empty(
    tmp_path: Path, db_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, _ = build_source(tmp_path)
    real = store_copy.insert_rows

    def fail_after_articles(db: Any, table: str, cols: Any, rows: Any) -> None:
        if table != "articles":
            raise OSError(28, "No space left on device")
        real(db, table, cols, rows)

    monkeypatch.setattr(store_copy, "insert_rows", fail_after_articles)
    result = copy(source, db_target)
    assert result.exit_code == 1, result.output
    monkeypatch.undo()
    assert all(not rows for rows in dump(db_target).values())
    # and the empty target takes the copy afterwards
    assert copy(source, db_target).exit_code == 0
    assert dump(db_target) == dump(source)
