"""Applying rules to stored stories: idempotent, atomic per batch, never over an editor."""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Iterator

import pytest

from newsdesk.rules import RuleSet, load_rules_text
from newsdesk.rules.apply import apply_rules
from newsdesk.store import Store, rules_state
from newsdesk.store.articles import add_tag, insert_articles, remove_tag, set_fields

RULES = """\
version: 1
rules:
  - id: iklan
    when: {title: [advertorial]}
    then: {reject: iklan, stop: true}
  - id: banjir
    when: {text: [banjir]}
    then: {tag: [topik/bencana], desk: daerah, priority: high, flag: cek korban}
  - id: sintang
    when: {text: [sintang]}
    then: {tag: [wilayah/sintang]}
  - id: coba
    mode: shadow
    when: {text: [banjir]}
    then: {tag: [coba]}
"""


def ruleset(text: str = RULES) -> RuleSet:
    return load_rules_text(textwrap.dedent(text))


@pytest.fixture(params=["memory", "postgresql"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """SQLite in memory, or a fresh PostgreSQL database."""
    target = ":memory:" if request.param == "memory" else request.getfixturevalue("pg_url")
    s = Store.open(target)
    yield s
    s.close()


def add(store: Store, title: str, body: str = "") -> int:
    raw = f"{title}\n{body}".encode()
    row = {
        "title": title,
        "body": body,
        "raw": raw,
        "content_hash": hashlib.sha256(raw).hexdigest(),
    }
    [new_id] = insert_articles(store, [row]).ids
    return new_id


def tags(store: Store, aid: int) -> set[tuple[str, str]]:
    state = rules_state.load_state(store, aid)
    assert state is not None
    return set(state.tags)


def state(store: Store, aid: int) -> rules_state.StoryState:
    s = rules_state.load_state(store, aid)
    assert s is not None
    return s


def test_rules_tag_route_and_record_hits(store: Store) -> None:
    aid = add(store, "Banjir di Sintang")
    report = apply_rules(store, ruleset())
    assert report.changed == 1
    assert tags(store, aid) == {
        ("topik/bencana", "rule:banjir"),
        ("wilayah/sintang", "rule:sintang"),
    }
    s = state(store, aid)
    assert (s.desk, s.desk_origin) == ("daerah", "rule:banjir")
    assert (s.priority, s.flag, s.status) == ("high", "cek korban", "new")
    # shadow rules leave no tag, but their hits are counted
    assert rules_state.hit_counts(store) == {"banjir": 1, "coba": 1, "sintang": 1}


def test_running_twice_changes_nothing(store: Store) -> None:
    add(store, "Banjir di Sintang")
    apply_rules(store, ruleset())
    version = store.conn.execute("SELECT version FROM articles").fetchone()[0]
    again = apply_rules(store, ruleset())
    assert (again.changed, again.hits_updated) == (0, 0)
    assert store.conn.execute("SELECT version FROM articles").fetchone()[0] == version


def test_dry_run_reports_changes_and_writes_nothing(store: Store) -> None:
    aid = add(store, "Banjir di Sintang")
    report = apply_rules(store, ruleset(), dry_run=True)
    assert report.changed == 1
    assert [t for t, _ in report.changes[0].tags_added] == ["topik/bencana", "wilayah/sintang"]
    assert tags(store, aid) == set()
    assert rules_state.hit_counts(store) == {}


def test_a_tag_an_editor_removed_is_not_re_added(store: Store) -> None:
    aid = add(store, "Banjir di Sintang")
    apply_rules(store, ruleset())
    with store.write():
        remove_tag(store, aid, "wilayah/sintang", "ana")
    report = apply_rules(store, ruleset())
    assert report.changed == 0
    assert tags(store, aid) == {("topik/bencana", "rule:banjir")}


def test_editor_desk_priority_and_status_stay(store: Store) -> None:
    aid = add(store, "Banjir di Sintang")
    with store.write():
        set_fields(
            store,
            [aid],
            {
                "desk": "politik",
                "desk_origin": "editor:ana",
                "priority": "low",
                "priority_origin": "editor:ana",
                "status": "approved",
                "status_origin": "editor:ana",
            },
        )
    apply_rules(store, ruleset())
    s = state(store, aid)
    assert (s.desk, s.priority, s.status) == ("politik", "low", "approved")
    assert s.flag == "cek korban"  # nobody set a flag: the rule may


def test_editor_reopening_a_story_keeps_rules_from_rejecting_it(store: Store) -> None:
    aid = add(store, "Advertorial banjir")
    with store.write():
        set_fields(store, [aid], {"status": "new", "status_origin": "editor:ana"})
    apply_rules(store, ruleset())
    assert state(store, aid).status == "new"


def test_reject_sets_status_with_reason_and_origin(store: Store) -> None:
    aid = add(store, "Advertorial banjir")
    apply_rules(store, ruleset())
    s = state(store, aid)
    assert (s.status, s.status_reason, s.status_origin) == ("rejected", "iklan", "rule:iklan")
    assert tags(store, aid) == set()  # stop: nothing after the advert rule


def test_editing_rules_moves_rule_tags_without_touching_editor_tags(store: Store) -> None:
    aid = add(store, "Banjir di Sintang")
    apply_rules(store, ruleset())
    with store.write():
        add_tag(store, aid, "pilihan-redaksi", "editor:ana")
        add_tag(store, aid, "topik/bencana", "editor:ana")
    edited = RULES.replace("tag: [topik/bencana]", "tag: [topik/banjir]").replace(
        "when: {text: [sintang]}", "when: {text: [sambas]}"
    )
    report = apply_rules(store, ruleset(edited))
    [change] = report.changes
    assert change.tags_added == [("topik/banjir", "banjir")]
    assert sorted(change.tags_removed) == [
        ("topik/bencana", "banjir"),
        ("wilayah/sintang", "sintang"),
    ]
    assert tags(store, aid) == {
        ("topik/banjir", "rule:banjir"),
        ("topik/bencana", "editor:ana"),
        ("pilihan-redaksi", "editor:ana"),
    }
    assert "sintang" not in rules_state.hit_counts(store)


def test_fields_a_rule_set_are_cleared_when_no_rule_sets_them(store: Store) -> None:
    aid = add(store, "Advertorial banjir")
    apply_rules(store, ruleset())
    apply_rules(store, ruleset(RULES.replace("title: [advertorial]", "title: [pariwara]")))
    s = state(store, aid)
    assert (s.status, s.status_reason, s.status_origin) == ("new", None, None)
    assert (s.desk, s.desk_origin) == ("daerah", "rule:banjir")


def test_a_crash_mid_run_leaves_each_batch_whole(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [add(store, f"Banjir {i}") for i in range(6)]
    real = rules_state.write_changes
    calls = {"n": 0}

    def crash_on_second_batch(st: Store, changes: list[dict]) -> None:  # type: ignore[type-arg]
        calls["n"] += 1
        real(st, changes[:1])  # write part of the batch, then die
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        real(st, changes[1:])

    monkeypatch.setattr(rules_state, "write_changes", crash_on_second_batch)
    with pytest.raises(RuntimeError):
        apply_rules(store, ruleset(), batch_size=3)
    tagged = [aid for aid in ids if tags(store, aid)]
    assert tagged == ids[:3]  # first batch complete, second rolled back entirely


def test_only_the_given_stories_or_dates(store: Store) -> None:
    a = add(store, "Banjir satu")
    b = add(store, "Banjir dua")
    apply_rules(store, ruleset(), article_ids=[b])
    assert tags(store, a) == set() and tags(store, b)
    report = apply_rules(store, ruleset(), since="2999-01-01")
    assert report.stories == 0


def test_rule_changes_are_in_the_audit_log(store: Store) -> None:
    aid = add(store, "Banjir di Sintang")
    apply_rules(store, ruleset())
    actor, action, ids = store.conn.execute(
        "SELECT actor, action, article_ids FROM audit"
    ).fetchone()
    assert (actor, action, ids) == ("system", "rules", f"[{aid}]")
