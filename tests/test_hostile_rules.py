"""Hostile rules files: each mistake or attack is one `file:line` error, found quickly.

Deep nesting, paragraph-long terms and fuzzy aliases, and tags that name Python objects are
refused where they are written; a long plain list is not mistaken for an alias bomb.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.rules import RulesError, load_rules_text
from tests.conftest import REPO

HEAD = "version: 1\nrules:\n"
RULE = "  - id: x\n    when: {when}\n    then: {{tag: [x]}}\n"


def refused(text: str) -> tuple[str, float]:
    started = time.perf_counter()
    with pytest.raises(RulesError) as exc:
        load_rules_text(text, "hostile.yaml")
    return str(exc.value), time.perf_counter() - started


def check_cli(tmp_path: Path, text: str) -> tuple[int, str]:
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "rules", "check", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stderr


@pytest.mark.parametrize(
    "when",
    [
        "[" * 5_000 + "]" * 5_000,
        "{not: " * 800 + "{text: a}" + "}" * 800,
    ],
    ids=["lists", "not"],
)
def test_deep_nesting_is_one_located_error(tmp_path: Path, when: str) -> None:
    text = HEAD + RULE.format(when=when)
    message, seconds = refused(text)
    assert "hostile.yaml:4:" in message and "nested more than 64 levels" in message
    assert seconds < 10
    code, err = check_cli(tmp_path, text)
    assert code == 2 and "hostile.yaml:4:" in err and "Traceback" not in err


def test_nesting_a_real_file_uses_still_loads() -> None:
    load_rules_text(HEAD + RULE.format(when="{not: " * 40 + "{text: a}" + "}" * 40), "ok.yaml")


def test_a_paragraph_long_term_is_refused_at_its_line() -> None:
    term = " ".join(f"kata{i}" for i in range(5_000))
    message, seconds = refused(HEAD + RULE.format(when='{text: ["' + term + '"]}'))
    assert "hostile.yaml:4:" in message and "5,000 words" in message
    assert seconds < 10  # it ran past 120 s


def test_a_long_fuzzy_alias_is_refused_at_its_line() -> None:
    alias = " ".join(f"kata{i}" for i in range(20))
    text = (
        f"version: 1\nentities:\n  e:\n    fuzzy: [{alias}]\n"
        + HEAD[11:]
        + RULE.format(when="{entity: e}")
    )
    message, _ = refused(text)
    assert "hostile.yaml:4:" in message and "too long to match with typos" in message
    message, _ = refused(HEAD + RULE.format(when="{body: {fuzzy: [" + alias + "]}}"))
    assert "hostile.yaml:4:" in message and "too long to match with typos" in message


def test_the_longest_fuzzy_alias_allowed_is_fast_on_a_long_story() -> None:
    alias = " ".join(f"kata{i}" for i in range(16))
    rules = load_rules_text(HEAD + RULE.format(when="{body: {fuzzy: [" + alias + "]}}"), "ok.yaml")
    body = (alias.replace("kata3", "kta3") + " ") * 2_000
    started = time.perf_counter()
    ev = rules.evaluate({"title": "", "body": body})
    assert ev.tag_names == ["x"]
    assert time.perf_counter() - started < 20


def test_many_plain_terms_are_not_an_alias_bomb() -> None:
    terms = "\n".join(f"    - kata{i}" for i in range(100_001))
    text = (
        "version: 1\nlists:\n  big:\n" + terms + "\n" + HEAD[11:] + RULE.format(when="{text: $big}")
    )
    rules = load_rules_text(text, "big.yaml")
    assert rules.evaluate({"title": "", "body": "kata99999 hadir"}).tag_names == ["x"]


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object/new:os.system [echo]",
        "!!python/object/new:os.system {args: [echo]}",
        "!!python/object/apply:os.system [echo]",
        "!custom [a]",
    ],
)
def test_tags_on_lists_and_mappings_are_refused(tmp_path: Path, value: str) -> None:
    text = HEAD + RULE.format(when="{text: " + value + "}")
    message, _ = refused(text)
    assert "hostile.yaml:4:" in message and "is not allowed" in message
    code, err = check_cli(tmp_path, text)
    assert code == 2 and "is not allowed" in err


CORPUS = REPO / "tests" / "data" / "hostile-rules"
CORPUS_REASONS = {
    "deep-lists.yaml": "nested more than 64 levels",
    "deep-not.yaml": "nested more than 64 levels",
    "long-term.yaml": "5,000 words",
    "long-fuzzy-alias.yaml": "2,000 words",
    "object-new-sequence.yaml": "python/object/new:os.system' is not allowed",
    "object-new-mapping.yaml": "python/object/new:os.system' is not allowed",
    "custom-tag.yaml": "'!custom' is not allowed",
}


def test_the_corpus_is_all_listed() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(CORPUS_REASONS)


@pytest.mark.parametrize("name", sorted(CORPUS_REASONS))
def test_each_hostile_rules_file_is_one_located_error_in_rules_check(name: str) -> None:
    path = CORPUS / name
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["rules", "check", str(path)])
    assert time.perf_counter() - started < 10
    assert result.exit_code == 2, result.output
    first, *rest = result.stderr.splitlines()
    assert first.startswith(f"{path}:") and CORPUS_REASONS[name] in first, first
    assert rest[-1] == f"{path}: 1 error; nothing was changed"
    assert len(result.stderr) < 2_000  # a 44 KB line is quoted around its column, not whole
