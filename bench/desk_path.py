"""The product's own path for the dedup evaluation: the `newsdesk` CLI, run as a user runs it.

A set becomes JSON Lines files, `newsdesk ingest FILE --json` stores them in a fresh database,
and `list`, `dedup` and (when it exists) `families` read back what the desk decided. Nothing
here imports newsdesk: every figure comes from what the installed command prints.
"""

from __future__ import annotations

import json
import resource
import shlex
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval_metrics import closure

CLOSURE_NOTE = "families: closure of duplicate links (no families command yet)"


def default_command() -> list[str]:
    """The CLI installed beside the running interpreter, else `python -m newsdesk`."""
    script = Path(sys.executable).with_name("newsdesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsdesk"]


@dataclass
class DeskCLI:
    """One `newsdesk` executable, with the rules file every ingest uses."""

    command: list[str]
    rules: Path

    @classmethod
    def of(cls, command: str | None, rules: Path) -> DeskCLI:
        return cls(shlex.split(command) if command else default_command(), rules)

    def run(self, db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        argv = [*self.command, "--db", str(db), "--rules", str(self.rules), "-q", *args]
        done = subprocess.run(argv, capture_output=True, text=True, cwd=db.parent)
        if check and done.returncode not in (0, 1):  # ingest exits 1 when some input failed
            tail = done.stderr[-2000:]
            raise RuntimeError(f"{shlex.join(argv)} exited {done.returncode}: {tail}")
        return done

    def json(self, db: Path, *args: str) -> Any:
        done = self.run(db, *args, "--json")
        try:
            return json.loads(done.stdout)
        except json.JSONDecodeError as exc:
            raise RuntimeError(
                f"newsdesk {' '.join(args)} --json printed no JSON (exit {done.returncode}): "
                f"{done.stderr[-2000:]}"
            ) from exc


@dataclass
class SetFile:
    """One input file and the set's records on its lines (1-based line numbers)."""

    path: Path
    records: list[tuple[int, dict[str, Any]]]

    @classmethod
    def read(cls, path: Path) -> SetFile:
        """A file the set delivers as is (the corpus): parsed line by line, blank lines skipped."""
        records = []
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    records.append((number, json.loads(line)))
        return cls(path, records)

    @classmethod
    def text(cls, path: Path, key: str) -> SetFile:
        """One plain-text story file (headline left for newsdesk to find), with the set's id."""
        return cls(path, [(1, {"id": key})])

    @classmethod
    def write(cls, path: Path, records: list[dict[str, Any]], fields: tuple[str, ...]) -> SetFile:
        """Records written as a scraper delivers them: only `fields`, nulls left out, plus `id`.

        The set's `id` travels as an extra field (newsdesk keeps unknown keys in `extra`).
        """
        rows = []
        with path.open("w", encoding="utf-8") as handle:
            for number, record in enumerate(records, 1):
                row = {"id": record["id"]}
                row.update({k: record[k] for k in fields if record.get(k) not in (None, "")})
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
                rows.append((number, record))
        return cls(path, rows)


def normal_url(url: str | None) -> str | None:
    """What ingest keeps of a URL: trimmed, fragment dropped."""
    if not url or not isinstance(url, str):
        return None
    return url.strip().split("#", 1)[0] or None


@dataclass
class Stored:
    """A fresh store built through the CLI, and how the set's ids map onto its stories."""

    db: Path
    ids: dict[str, int] = field(default_factory=dict)  # set id -> stored article id
    how: Counter[str] = field(default_factory=Counter)  # mapping method -> count
    refused: list[dict[str, Any]] = field(default_factory=list)  # already stored: set id, twin
    unmapped: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    order_disagrees: int = 0  # URL and ingest order gave different ids (should be 0)
    order_checked: list[bool] = field(default_factory=list)  # spot checks through `show`
    ingest_seconds: float = 0.0  # wall
    ingest_cpu: float = 0.0  # user + system of the ingest process and its children
    ingest_runs: list[dict[str, Any]] = field(default_factory=list)
    articles: dict[int, dict[str, Any]] = field(default_factory=dict)  # `list --json` rows
    links: list[dict[str, Any]] = field(default_factory=list)
    family: dict[int, Any] = field(default_factory=dict)  # article id -> family key
    families_note: str = ""
    # per ingested file: its records, refused lines (twin, reason), line -> id by ingest order
    pending: list[tuple[SetFile, dict[int, tuple[int, str]], dict[int, int]]] = field(
        default_factory=list, repr=False
    )

    def summary(self) -> dict[str, Any]:
        return {
            "stored": len(self.articles),
            "mapped": len(self.ids),
            "mapped_by": dict(self.how),
            "already_stored": len(self.refused),
            "already_stored_reasons": dict(Counter(r["reason"] for r in self.refused)),
            "unmapped": len(self.unmapped),
            "ingest_errors": len(self.errors),
            "url_vs_order_disagreements": self.order_disagrees,
            "order_spot_checks_ok": f"{sum(self.order_checked)}/{len(self.order_checked)}",
            "ingest_seconds": round(self.ingest_seconds, 2),
            "ingest_cpu_seconds": round(self.ingest_cpu, 2),
            "ingest_runs": [dict(r) for r in self.ingest_runs],  # a snapshot: stores grow
            "links": dict(Counter(link["kind"] for link in self.links)),
            "families": self.families_note,
        }


def _children_cpu() -> float:
    """CPU of every finished child process (the CLI and any workers it started)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _line_of(source: str, path: Path) -> int | None:
    """'dir/file.jsonl:12' -> 12 when the source names this file; a whole file (text) -> 1."""
    name, _, line = str(source).rpartition(":")
    if line.isdigit() and Path(name).name == path.name:
        return int(line)
    return 1 if Path(str(source)).name == path.name else None


def ingest(cli: DeskCLI, stored: Stored, files: list[SetFile]) -> None:
    """`newsdesk ingest FILE --json`, one call per file, timed (wall) and kept for mapping."""
    for set_file in files:
        before = _children_cpu()
        started = time.perf_counter()
        report = cli.json(stored.db, "ingest", str(set_file.path))
        seconds = time.perf_counter() - started
        cpu = _children_cpu() - before
        stored.ingest_seconds += seconds
        stored.ingest_cpu += cpu
        stored.ingest_runs.append(
            {
                "file": set_file.path.name,
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "stored": report["stored"],
            }
        )
        _map_file(stored, set_file, report)


def _map_file(stored: Stored, set_file: SetFile, report: dict[str, Any]) -> None:
    refused: dict[int, tuple[int, str]] = {}
    for entry in report.get("already_stored", []):
        line = _line_of(entry.get("source", ""), set_file.path)
        if line is not None:
            refused[line] = (int(entry["id"]), str(entry.get("reason", "")))
    failed: set[int] = set()
    for error in report.get("errors", []):
        line = _line_of(error.get("source", ""), set_file.path)
        stored.errors.append(error)
        if line is not None:
            failed.add(line)
    rest = [n for n, _ in set_file.records if n not in refused and n not in failed]
    new_ids = [int(i) for i in report.get("ids", [])]
    by_order = dict(zip(rest, new_ids)) if len(rest) == len(new_ids) else {}
    stored.pending.append((set_file, refused, by_order))


def read_back(cli: DeskCLI, stored: Stored) -> None:
    """Stories, links and families as the desk reports them; then map the set's ids."""
    stored.articles = {
        int(row["id"]): row
        for row in cli.json(stored.db, "list", "--status", "all", "--limit", "100000000")
    }
    stored.links = cli.json(stored.db, "dedup")
    by_url: dict[str, int] = {}
    for article_id, row in sorted(stored.articles.items()):
        url = normal_url(row.get("url"))
        if url:
            by_url.setdefault(url, article_id)
    pending, stored.pending = stored.pending, []
    by_order_only: list[tuple[int, SetFile, int]] = []
    for set_file, refused, by_order in pending:
        for line, record in set_file.records:
            key = str(record["id"])
            url = normal_url(record.get("url"))
            if line in refused:
                twin, reason = refused[line]
                stored.ids[key] = twin
                stored.how["already stored: stored twin"] += 1
                stored.refused.append({"id": key, "twin": twin, "reason": reason})
            elif url and url in by_url:
                stored.ids[key] = by_url[url]
                stored.how["url"] += 1
                if line in by_order and by_order[line] != by_url[url]:
                    stored.order_disagrees += 1
            elif line in by_order:
                stored.ids[key] = by_order[line]
                stored.how["ingest order (no url)"] += 1
                by_order_only.append((by_order[line], set_file, line))
            else:
                stored.unmapped.append(key)
    spot_check(cli, stored, by_order_only)
    read_families(cli, stored)


def spot_check(
    cli: DeskCLI, stored: Stored, mapped: list[tuple[int, SetFile, int]], n: int = 3
) -> None:
    """Ids mapped by ingest order, checked on a few: `show` names the file and line stored."""
    if not mapped:
        return
    step = max(1, len(mapped) // n)
    for article, set_file, line in mapped[::step][:n]:
        source = (cli.json(stored.db, "show", str(article)) or {}).get("source") or ""
        stored.order_checked.append(_line_of(source, set_file.path) == line)


def read_families(cli: DeskCLI, stored: Stored) -> None:
    """`newsdesk families --json` when the desk has it; else the closure of duplicate links."""
    done = cli.run(stored.db, "families", "--json", check=False)
    parsed = None
    if done.returncode == 0:
        try:
            parsed = json.loads(done.stdout)
        except json.JSONDecodeError:
            parsed = None
    if parsed is not None:
        stored.family = parse_families(parsed)
        sizes = Counter(stored.family.values())
        groups = sum(size > 1 for size in sizes.values())
        stored.families_note = f"families: `newsdesk families --json` ({groups} with 2+ stories)"
        if not groups and any(x["kind"] == "duplicate" for x in stored.links):
            stored.families_note += " WARNING: none, though duplicate links exist: shape unread?"
        for article_id in stored.articles:  # a story in no family is a family of its own
            stored.family.setdefault(article_id, ("single", article_id))
        return
    edges = [(int(x["a"]), int(x["b"])) for x in stored.links if x["kind"] == "duplicate"]
    stored.family = closure(stored.articles, edges)
    stored.families_note = CLOSURE_NOTE


def parse_families(parsed: Any) -> dict[int, Any]:
    """Tolerant reading: a list (or {"families": list}) of {id, member_ids | members: [..]}."""
    if isinstance(parsed, dict):
        parsed = parsed.get("families", parsed.get("items", []))
    family: dict[int, Any] = {}
    for number, entry in enumerate(parsed or []):
        if not isinstance(entry, dict):
            continue
        key = entry.get("id", entry.get("family", f"#{number}"))
        members = (
            entry.get("member_ids")
            or entry.get("members")
            or entry.get("stories")
            or entry.get("articles")
            or []
        )
        for member in members:
            article = member
            if isinstance(member, dict):
                article = member.get("id", member.get("article"))
            if article is not None:
                family[int(article)] = ("family", key)
    return family


def build(cli: DeskCLI, db: Path, files: list[SetFile]) -> Stored:
    """A fresh store from `files`, read back; `db` must not exist yet."""
    if db.exists():
        raise FileExistsError(db)
    stored = Stored(db)
    ingest(cli, stored, files)
    read_back(cli, stored)
    return stored
