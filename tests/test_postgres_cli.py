"""The README's tour, end to end through the CLI, on PostgreSQL: every command answers as it
does on a SQLite file (the same output, the database's name aside), and the desk's data is
the server's (a second process sees it, `check` finds nothing wrong)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from newsdesk.cli import main

from .conftest import REPO, RULES, SEEDS

DOCS = REPO / "tests" / "data" / "dedup_docs_id.jsonl"


def tour(db: str, tmp_path: Path) -> list[tuple[str, int, str, str]]:
    """The README's short tour and its duplicates section, as (command, exit, out, err)."""
    feed = tmp_path / "docs.jsonl"
    if not feed.exists():
        feed.write_text(
            "".join(
                json.dumps({**d, "url": f"https://news.example/{d['id'].replace(':', '/')}"}) + "\n"
                for d in map(json.loads, DOCS.read_text().splitlines())
            )
        )
    base = ["--db", db, "--rules", str(RULES), "--as", "ana"]
    out: list[tuple[str, int, str, str]] = []

    def run(*args: str) -> str:
        result = CliRunner().invoke(main, [*base, *args])
        out.append((" ".join(args), result.exit_code, result.stdout, result.stderr))
        return result.stdout

    run("ingest", str(SEEDS))  # store, clean, tag, find duplicates; says what it did
    run("ingest", str(SEEDS))  # again: "stored 0 new, 2 already stored"
    run("list", "--json")
    run("show", "1")
    run("show", "1", "--json")
    run("approve", "1")
    run("undo")
    run("rules", "check")
    run("rules", "test")
    run("rules", "run", "--dry-run")
    run("rules", "explain", "1")
    run("ingest", str(feed))
    run("list", "--json", "--limit", "1000", "--search", "Pontianak")
    families = json.loads(run("families", "--json"))
    biggest = max(families, key=lambda f: (f["size"], -f["id"]))["id"]
    run("family", str(biggest), "--json")
    run("compare", "3", "8", "--json")
    run("link", "3", "8")
    run("unlink", "8")
    run("dedup", "--json")
    run("related", "3")
    run("merge", "3", "7", "9")
    run("unmerge", "7")
    run("merge", "--family", str(biggest))
    run("undo")
    run("dismiss", "3", "4")
    run("list", "--json", "--limit", "1000", "--families")
    run("dedup", "--rebuild")
    run("families", "--json")
    run("stats", "--json")
    run("export", "--format", "jsonl", "--status", "all")
    run("check")
    return out


# What may differ between two runs: the database's name, clock times, elapsed seconds.
_TIMES = re.compile(
    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?|\d+(\.\d+)?\s?(ms|s)\b"
)


def normal(text: str, db: str) -> str:
    return _TIMES.sub("<t>", text.replace(db, "<db>"))


def test_the_readme_tour_on_postgresql_answers_as_on_sqlite(pg_url: str, tmp_path: Path) -> None:
    sqlite_db = str(tmp_path / "demo.db")
    on_sqlite = tour(sqlite_db, tmp_path)
    on_pg = tour(pg_url, tmp_path)
    for (cmd, code, out, err), (_, pg_code, pg_out, pg_err) in zip(on_sqlite, on_pg):
        assert code == 0, (cmd, err)
        assert pg_code == 0, (cmd, pg_err)
        assert normal(pg_out, pg_url) == normal(out, sqlite_db), cmd
        assert normal(pg_err, pg_url) == normal(err, sqlite_db), cmd
    said = {cmd: (out, err) for cmd, _, out, err in on_pg}
    assert "stored 0 new, 2 already stored" in " ".join(on_pg[1][2:])
    assert json.loads(said["show 1 --json"][0])["raw"]


def test_a_second_process_sees_the_desk_through_newsdesk_db(pg_url: str) -> None:
    """The real command, in processes of its own, the URL in NEWSDESK_DB as in a cron job."""
    env = {**os.environ, "NEWSDESK_DB": pg_url, "NEWSDESK_RULES": str(RULES)}
    cmd = [sys.executable, "-m", "newsdesk.cli"]
    if not (REPO / "newsdesk" / "cli" / "__main__.py").exists():
        cmd = [sys.executable, "-c", "from newsdesk.cli import main; main()"]
    done = subprocess.run([*cmd, "ingest", str(SEEDS)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    listed = subprocess.run([*cmd, "list", "--json"], env=env, capture_output=True, text=True)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 2
    check = subprocess.run([*cmd, "check"], env=env, capture_output=True, text=True)
    assert check.returncode == 0 and "ok" in check.stderr, check.stderr
