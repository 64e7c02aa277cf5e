"""Loading rules files: every typical mistake is an error with a place, a reason and a fix."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from newsdesk.rules import RulesError, load_rules, load_rules_text

GOOD = """\
version: 1
lists:
  wisata: [pariwisata, wisatawan]
rules:
  - id: topik-pariwisata
    when: {text: $wisata}
    then: {tag: [topik/pariwisata]}
    tests: {hit: ["wisatawan datang"], miss: ["hujan"]}
"""


def errors_of(text: str) -> list[str]:
    with pytest.raises(RulesError) as info:
        load_rules_text(textwrap.dedent(text), "rules.yaml")
    return [str(e) for e in info.value.errors]


def test_good_file_loads_without_warnings() -> None:
    rs = load_rules_text(GOOD)
    assert [r.id for r in rs.rules] == ["topik-pariwisata"]
    assert rs.warnings == []


def test_unknown_key_names_line_rule_and_suggestion_and_quotes_the_line() -> None:
    [err] = errors_of(GOOD.replace("then: {tag: [topik/pariwisata]}", "then: {dsek: ekonomi}"))
    first, quoted, caret = err.splitlines()
    assert first == (
        "rules.yaml:7:12: rule 'topik-pariwisata': unknown action key 'dsek' — did you mean 'desk'?"
    )
    assert quoted.endswith("|     then: {dsek: ekonomi}")
    assert caret.index("^") == quoted.index("dsek")


def test_yaml_syntax_error_is_explained_in_plain_words() -> None:
    [err] = errors_of(GOOD.replace("    when: {text: $wisata}", "    when: {text: $wisata"))
    assert err.startswith("rules.yaml:7:")
    assert "YAML syntax error" in err
    assert "not closed" in err


def test_tab_indentation_is_explained() -> None:
    [err] = errors_of(GOOD.replace("    when:", "\twhen:"))
    assert "tab character" in err
    assert err.startswith("rules.yaml:6:")


def test_bad_regex_reports_rule_line_and_position() -> None:
    text = GOOD.replace("when: {text: $wisata}", "when: {url: {regex: '/(iklan|adv/'}}")
    [err] = errors_of(text)
    head = err.splitlines()[0]
    assert head.startswith("rules.yaml:6:")
    assert "rule 'topik-pariwisata': bad regex at position" in head
    assert "missing )" in head


def test_regex_re2_cannot_run_is_a_load_error_naming_the_rule() -> None:
    text = GOOD.replace("when: {text: $wisata}", "when: {title: {regex: '(?<!no)iklan'}}")
    [err] = errors_of(text)
    assert "rule 'topik-pariwisata'" in err
    assert "look-around" in err


def test_undefined_list_suggests_the_close_one() -> None:
    [err] = errors_of(GOOD.replace("text: $wisata", "text: $wisat"))
    assert err.splitlines()[0] == (
        "rules.yaml:6:18: rule 'topik-pariwisata': undefined list '$wisat' "
        "— did you mean '$wisata'?"
    )


def test_undefined_entity_is_an_error() -> None:
    [err] = errors_of(GOOD.replace("text: $wisata", "entity: sekda-kalbar"))
    assert "undefined entity 'sekda-kalbar'" in err
    assert err.startswith("rules.yaml:6:")


def test_duplicate_key_is_an_error_not_silently_last_wins() -> None:
    text = GOOD.replace(
        "    then: {tag: [topik/pariwisata]}",
        "    then: {tag: [topik/pariwisata]}\n    then: {tag: [topik/lain]}",
    )
    errors = errors_of(text)
    assert any(
        e.startswith("rules.yaml:8:5:") and "duplicate key 'then' (first written on line 7)" in e
        for e in errors
    )


def test_duplicate_rule_id_points_at_the_second() -> None:
    second = GOOD.split("rules:\n")[1]
    errors = errors_of(GOOD + second)
    assert errors == [
        "rules.yaml:9:9: rule 'topik-pariwisata': duplicate rule id (first used on line 5)\n"
        "    9 |   - id: topik-pariwisata\n"
        "      |         ^"
    ]


def test_threshold_on_a_zero_to_one_scale_is_caught() -> None:
    [err] = errors_of("version: 1\ndefaults: {fuzzy_threshold: 0.9}\n" + GOOD.split("\n", 1)[1])
    assert "0–1 scale" in err
    assert "did you mean '90'?" in err


def test_several_errors_are_all_reported_in_file_order() -> None:
    text = GOOD.replace("text: $wisata", "text: $nope").replace("tag: [", "tagg: [")
    errors = errors_of(text)
    assert len(errors) == 2
    assert "undefined list" in errors[0] and "unknown action key 'tagg'" in errors[1]


def test_several_keys_in_one_condition_must_be_wrapped() -> None:
    [err] = errors_of(GOOD.replace("when: {text: $wisata}", "when: {title: [a], body: [b]}"))
    assert "wrap them in all: [...] or any: [...]" in err


def test_unquoted_yes_no_read_as_booleans_is_explained() -> None:
    [err] = errors_of(GOOD.replace("[pariwisata, wisatawan]", "[pariwisata, no]"))
    assert "read as a boolean" in err and err.startswith("rules.yaml:3:")


def test_unknown_priority_suggests_a_known_one() -> None:
    [err] = errors_of(GOOD.replace("then: {tag: [topik/pariwisata]}", "then: {priority: hihg}"))
    assert "did you mean 'high'?" in err


def test_missing_file_is_a_rules_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError) as info:
        load_rules(tmp_path / "nope.yaml")
    assert "cannot read the rules file" in str(info.value)


def test_control_characters_in_the_file_are_reported_not_echoed() -> None:
    [err] = errors_of(GOOD.replace("then: {tag: [topik/pariwisata]}", "then: {dsek: \x1b[31m}"))
    assert err.startswith("rules.yaml:7:18: the file contains a control character (U+001B)")
    assert "\x1b" not in err


# --- lints -----------------------------------------------------------------------------------


def warnings_of(text: str) -> list[str]:
    return [str(w) for w in load_rules_text(textwrap.dedent(text)).warnings]


def test_unused_list_and_entity_are_warnings() -> None:
    text = GOOD.replace("lists:\n", "entities:\n  x: {exact: [Pemprov X]}\nlists:\n  sisa: [apa]\n")
    found = warnings_of(text)
    assert any("list 'sisa': defined but never used" in w for w in found)
    assert any("entity 'x': defined but never used" in w for w in found)


def test_fuzzy_alias_too_short_is_a_warning() -> None:
    text = GOOD.replace("lists:\n", "entities:\n  k: {fuzzy: [Kalbar]}\nlists:\n").replace(
        "text: $wisata", "entity: k"
    )
    found = warnings_of(text)
    assert any("fuzzy alias 'Kalbar' is too short to be fuzzy" in w for w in found)


def test_rule_that_can_never_fire_is_a_warning() -> None:
    text = GOOD.replace(
        "when: {text: $wisata}", "when: {all: [{text: $wisata}, {not: {text: $wisata}}]}"
    )
    assert any("can never fire" in w for w in warnings_of(text))


def test_contradictory_dates_are_a_warning() -> None:
    text = GOOD.replace(
        "when: {text: $wisata}",
        "when: {all: [{text: $wisata}, {published: {after: 2025-05-01, before: 2025-01-01}}]}",
    )
    assert any("can never fire" in w for w in warnings_of(text))


def test_rule_without_tests_is_a_warning() -> None:
    text = GOOD.replace('    tests: {hit: ["wisatawan datang"], miss: ["hujan"]}\n', "")
    assert any("no embedded tests" in w for w in warnings_of(text))


def test_lists_can_refer_to_lists_defined_later() -> None:
    text = GOOD.replace(
        "  wisata: [pariwisata, wisatawan]", "  wisata: [$dasar, wisatawan]\n  dasar: [pariwisata]"
    )
    rs = load_rules_text(text)
    assert rs.lists["wisata"] == ["pariwisata", "wisatawan"]


def test_dedup_section_is_validated_and_passed_through() -> None:
    rs = load_rules_text(GOOD + "dedup: {window_days: 3}\n")
    assert rs.dedup_config == {"window_days": 3}
    [err] = errors_of(GOOD + "dedup:\n  windw_days: 3\n")
    assert err.startswith("rules.yaml:10") and "did you mean 'window_days'?" in err
