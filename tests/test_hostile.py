"""Hostile text and hostile rules: article text and rules files are data, never code.

CLI output (plain and JSON) never carries a raw ESC, C1 control, BEL, bidi override or
zero-width character from an article; markup is printed literally. Catastrophic regexes run
in linear time (RE2), a YAML alias bomb is refused quickly, a rules file cannot run code.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.rules import RulesError, load_rules_text
from tests.conftest import REPO

ESC_CSI = "\x1b[31mRED\x1b[0m"
OSC8 = "\x1b]8;;http://evil.example\x07link\x1b]8;;\x07"
OSC52 = "\x1b]52;c;ZXZpbA==\x07"
C1_CSI = "\x9b31m"
BIDI = "\u202eevil\u202c \u2066iso\u2069"
ZERO_WIDTH = "a\u200bb\u200dc\ufeffd"
MARKUP = "[bold red]X[/] [@click=app.quit]Q"
HOSTILE = f"{MARKUP} {ESC_CSI} {OSC8} {OSC52} {C1_CSI} {BIDI} {ZERO_WIDTH}"
LONG_LINE = "Banjir" + "x" * 100_000 + "\x1b[2J"

NEVER = {
    "\x1b": "ESC",
    "\x9b": "C1 CSI",
    "\x9d": "C1 OSC",
    "\x07": "BEL",
    "\u202e": "bidi override",
    "\u202c": "bidi pop",
    "\u2066": "bidi isolate",
    "\u200b": "zero-width space",
    "\u200d": "zero-width joiner",
    "\ufeff": "zero-width no-break space",
}


def assert_inert(text: str, what: str) -> None:
    for char, name in NEVER.items():
        assert char not in text, f"{what}: raw {name} reached the terminal"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    records = [
        {
            "title": f"Gubernur {HOSTILE}",
            "body": f"Isi berita banjir Pontianak. {HOSTILE}\n{LONG_LINE}",
            "url": "https://example.com/\x1b]8;;x\x07a",
            "outlet": f"Outlet {ESC_CSI}",
        },
        {"title": f"Kedua {HOSTILE}", "body": f"Banjir Pontianak lagi. {HOSTILE}", "outlet": BIDI},
    ]
    src = tmp / "berita \x1b[31m\u202e.jsonl"  # a hostile file name too
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (tmp / "bad \x1b]52;c;eA==\x07.json").write_text("{broken", encoding="utf-8")
    db = tmp / "desk.db"
    result = run(db, "ingest", str(src), str(tmp / "bad \x1b]52;c;eA==\x07.json"))
    assert result.returncode == 1  # the broken file
    assert_inert(result.stdout + result.stderr, "ingest")
    assert "\\x1b]52;c;eA==\\x07" in result.stderr  # the file name shown, escaped
    run(db, "tag", "1", HOSTILE[:40])
    return db


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run(db: Path, *args: str) -> Ran:
    """The real CLI, in process (a subprocess per command would take minutes on CI)."""
    result = CliRunner().invoke(
        main, ["--db", str(db), "--rules", str(REPO / "rules.yaml"), *args], catch_exceptions=False
    )
    return Ran(result.exit_code, result.stdout, result.stderr)


COMMANDS = [
    ("list",),
    ("list", "--json"),
    ("list", "--search", "banjir"),
    ("show", "1"),
    ("show", "1", "--json"),
    ("show", "2"),
    ("related", "1"),
    ("rules", "explain", "1"),
    ("rules", "explain", "1", "--json"),
    ("stats",),
    ("stats", "--json"),
    ("export", "--status", "all", "--format", "md"),
    ("export", "--status", "all", "--format", "csv"),
    ("export", "--status", "all", "--format", "jsonl"),
    ("export", "--status", "all", "--format", "ninjs"),
    ("approve", "1"),
    ("undo",),
    ("merge", "1", "2"),
    ("unmerge", "2"),
    ("check",),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_cli_output_never_carries_terminal_controls(
    hostile_db: Path, args: tuple[str, ...]
) -> None:
    result = run(hostile_db, *args)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert_inert(result.stdout, " ".join(args))
    assert_inert(result.stderr, " ".join(args))


def test_show_prints_markup_literally_and_escapes_made_visible(hostile_db: Path) -> None:
    out = run(hostile_db, "show", "1").stdout
    assert MARKUP in out  # printed as typed: click never interprets Rich markup
    assert "\\x1b[31mRED\\x1b[0m" in out
    assert "\\x1b]8;;http://evil.example\\x07link" in out
    assert "\\x1b]52;c;ZXZpbA==\\x07" in out
    assert "\\u202eevil" in out and "ab\\u200dcd" in out  # (ingest drops U+200B itself)
    assert "x" * 100_000 in out  # the long line is all there, not cut or hung on
    data = json.loads(run(hostile_db, "show", "1", "--json").stdout)
    assert data["title"].startswith("Gubernur [bold red]X[/]")  # JSON keeps the exact text...
    assert "\x1b[31mRED" in data["title"] and "\u202e" in data["title"]  # ...losslessly


# --- hostile rules -------------------------------------------------------------------------

RULES_HEAD = "version: 1\nrules:\n"


def test_catastrophic_regex_runs_in_linear_time() -> None:
    rules = load_rules_text(
        RULES_HEAD
        + "  - id: redos\n"
        + "    when: {body: {regex: '(a+)+$'}}\n"
        + "    then: {tag: [x]}\n"
        + "  - id: redos2\n"
        + "    when: {title: {regex: '(x|x)*y'}}\n"
        + "    then: {tag: [y]}\n",
        "hostile.yaml",
    )
    story = {"id": 1, "title": "x" * 50_000, "body": "a" * 200_000 + "!"}
    started = time.perf_counter()
    ev = rules.evaluate(story)
    elapsed = time.perf_counter() - started
    assert ev.tag_names == []
    # a backtracking engine takes longer than the age of the universe here; RE2 is linear
    assert elapsed < 10, f"{elapsed:.1f}s"


def test_backreferences_and_lookarounds_are_refused_not_run() -> None:
    for pattern in ("(a)\\1", "a(?=b)", "(?<!x)y"):
        with pytest.raises(RulesError) as exc:
            load_rules_text(
                RULES_HEAD + "  - id: r1\n    when: {body: {regex: '" + pattern + "'}}\n"
                "    then: {tag: [x]}\n",
                "hostile.yaml",
            )
        message = str(exc.value)
        assert "hostile.yaml:4" in message and "RE2" in message and "no look-around" in message


ALIAS_BOMB = """version: 1
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
rules: []
"""


def test_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(RulesError) as exc:
        load_rules_text(ALIAS_BOMB, "bomb.yaml")
    elapsed = time.perf_counter() - started
    assert "alias" in str(exc.value)
    assert elapsed < 10, f"{elapsed:.1f}s"  # 9^9 strings would take minutes and gigabytes
    result = run(tmp_path / "desk.db", "rules", "check", str(path))  # one line from the CLI
    assert result.returncode == 2 and "alias bomb" in result.stderr


def test_a_rules_file_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for payload in (
        f'!!python/object/apply:os.system ["touch {marker}"]',
        f'!!python/object/apply:subprocess.call [["touch", "{marker}"]]',
        '!!python/name:os.system ""',
    ):
        with pytest.raises(RulesError) as exc:
            load_rules_text(f"version: 1\nrules:\n  - id: x\n    when: {payload}\n", "evil.yaml")
        assert "evil.yaml" in str(exc.value)
        assert not marker.exists()
