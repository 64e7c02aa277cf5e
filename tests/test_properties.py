"""Properties that must hold for any input, found by hypothesis rather than by example.

- merge then unmerge puts every row back as it was (only the version counter moves on);
- undoing a whole sequence of editor actions restores the state before it;
- the rules engine and the cleaner never raise on arbitrary Unicode;
- ingest of arbitrary bytes never crashes: it stores an article or reports one bad input.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.desk import ActionError, Desk
from newsdesk.ingest.clean import clean_article
from newsdesk.ingest.pipeline import content_hash, ingest_paths, prepare
from newsdesk.ingest.readers import KNOWN_SUFFIXES, BadInput, read_bytes
from newsdesk.merge import MergeError, dismiss, merge, unmerge
from newsdesk.model import Draft
from newsdesk.safe_text import printable
from newsdesk.store import Store
from newsdesk.store import links as link_sql
from newsdesk.store.articles import add_tag, insert_articles, remove_tag
from tests.conftest import RULES

STRESS = os.environ.get("NEWSDESK_STRESS") == "1"
EXAMPLES = 400 if STRESS else 40
FAST = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
N = 6  # stories per database: few, so actions collide on the same ones
TAGS = ["banjir", "pilkada", "ekonomi"]

# Tables an editor action can change; the audit log and merge bookkeeping only grow.
TABLES = {
    "articles": "SELECT * FROM articles ORDER BY id",
    "tags": "SELECT article_id, tag, origin FROM tags ORDER BY 1, 2, 3",
    "tag_vetoes": "SELECT article_id, tag, editor FROM tag_vetoes ORDER BY 1, 2",
    "links": "SELECT a, b, kind, score, reasons, state FROM links ORDER BY 1, 2",
}


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table, sql in TABLES.items():
        cur = store.conn.execute(sql)
        names = [d[0] for d in cur.description]
        # the version counter moves on by design: a stale view must conflict, even after undo
        keep = [i for i, n in enumerate(names) if n not in ("version", "decided_at")]
        out[table] = [tuple(row[i] for i in keep) for row in cur]
    return out


def setup_store(
    statuses: list[str], tags: list[tuple[int, str, str]], links: list[tuple[int, int, str]]
) -> Desk:
    desk = Desk(Store.open(":memory:"), None, actor="ana")
    rows = []
    for i in range(N):
        title, body = f"Berita {i}", f"Isi berita nomor {i} tentang banjir di Pontianak."
        rows.append(
            {
                "title": title,
                "body": body,
                "raw": body.encode(),
                "source": f"prop#{i}",
                "format": "text",
                "content_hash": content_hash(title, body),
            }
        )
    insert_articles(desk.store, rows)
    with desk.store.write() as db:
        for i, status in enumerate(statuses, 1):
            db.execute("UPDATE articles SET status = ? WHERE id = ?", [status, i])
        for aid, tag, origin in tags:
            if origin == "veto":
                remove_tag(desk.store, aid, tag, "budi")
            else:
                add_tag(desk.store, aid, tag, origin)
        for a, b, kind in links:
            if a != b:
                link_sql.upsert_link(db, min(a, b), max(a, b), kind, 80.0, ["same names"])
    return desk


story_ids = st.integers(1, N)
initial = st.tuples(
    st.lists(st.sampled_from(["new", "approved", "rejected"]), min_size=N, max_size=N),
    st.lists(
        st.tuples(
            story_ids, st.sampled_from(TAGS), st.sampled_from(["rule:r1", "editor:budi", "veto"])
        ),
        max_size=8,
    ),
    st.lists(
        st.tuples(story_ids, story_ids, st.sampled_from(["duplicate", "related"])), max_size=5
    ),
)


@FAST
@given(initial, story_ids, st.lists(story_ids, min_size=1, max_size=3, unique=True))
def test_merge_then_unmerge_restores_every_row(
    init: tuple[Any, Any, Any], keep: int, others: list[int]
) -> None:
    desk = setup_store(*init)
    before = dump(desk.store)
    others = [o for o in others if o != keep]
    if not others:
        return
    desk.mutate("merge", [keep, *others], lambda s: merge(s, keep, others, "ana"))
    assert dump(desk.store) != before
    desk.mutate("unmerge", [keep, *others], lambda s: unmerge(s, keep))
    assert dump(desk.store) == before
    desk.close()


def _action(desk: Desk, name: str, a: int, b: int, tag: str) -> None:
    if name == "approve":
        desk.approve([a])
    elif name == "reject":
        desk.reject([a], "bukan berita")
    elif name == "reopen":
        desk.reopen([a])
    elif name == "tag":
        desk.tag([a], [tag])
    elif name == "untag":
        desk.untag([a], [tag])
    elif name == "desk":
        desk.set_desk([a], "politik")
    elif name == "priority":
        desk.set_priority([a], "urgent")
    elif name == "merge":
        desk.mutate("merge", [a, b], lambda s: merge(s, a, [b], "ana"))
    elif name == "unmerge":
        desk.mutate("unmerge", [a, b], lambda s: unmerge(s, a))
    elif name == "dismiss":
        desk.mutate("dismiss", [a, b], lambda s: dismiss(s, a, b))
    elif name == "undo":
        desk.undo()


actions = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "approve",
                "reject",
                "reopen",
                "tag",
                "untag",
                "desk",
                "priority",
                "merge",
                "unmerge",
                "dismiss",
                "undo",
            ]
        ),
        story_ids,
        story_ids,
        st.sampled_from(TAGS),
    ),
    min_size=1,
    max_size=12,
)


@FAST
@given(initial, actions)
def test_undoing_every_action_restores_the_state_before_them(
    init: tuple[Any, Any, Any], steps: list[tuple[str, int, int, str]]
) -> None:
    desk = setup_store(*init)
    before = dump(desk.store)
    for step in steps:
        # a refusal (with its message) changes nothing, as the final assert checks
        with contextlib.suppress(ActionError, MergeError):
            _action(desk, *step)
    for _ in range(len(steps) + 1):
        if desk.undo() is None:
            break
    assert desk.undo() is None
    assert dump(desk.store) == before
    desk.close()


# --- never raise on arbitrary text ------------------------------------------------------------


@pytest.fixture(scope="module")
def ruleset() -> Any:
    if not RULES.exists():
        pytest.skip("rules.yaml not present")
    from newsdesk.rules import load_rules

    return load_rules(RULES)


# Every character text can hold (lone surrogates cannot be stored: the readers replace them).
unicode_text = st.text(st.characters(codec="utf-8"), max_size=400)
any_str = st.text(st.characters(codec=None, exclude_categories=()), max_size=400)


@FAST
@given(title=unicode_text, body=unicode_text, url=unicode_text)
def test_rules_engine_never_raises_on_any_unicode(
    ruleset: Any, title: str, body: str, url: str
) -> None:
    doc = {"id": 1, "title": title, "body": body, "url": url, "outlet": title[:20]}
    ev = ruleset.evaluate(doc)
    for explanation in ev.explain():
        explanation.trace.lines(6)
    assert all(isinstance(t, str) for t in ev.tag_names)


@FAST
@given(title=st.one_of(st.none(), any_str), body=any_str)
def test_cleaner_never_raises_on_any_unicode(title: str | None, body: str) -> None:
    cleaned = clean_article(title, body)
    assert isinstance(cleaned.body, str) and isinstance(cleaned.title, str)
    row = prepare(
        Draft(
            title=title,
            body=body,
            raw=body.encode("utf-8", "surrogatepass"),
            source="x",
            format="text",
        )
    )
    assert row["content_hash"]
    shown = printable(row["title"] + row["body"])
    assert "\x1b" not in shown and "\x9b" not in shown


@pytest.fixture
def byte_store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(":memory:")
    yield store
    store.close()


@FAST
@given(raw=st.binary(max_size=2000), suffix=st.sampled_from(sorted(KNOWN_SUFFIXES)))
def test_reading_arbitrary_bytes_never_raises(raw: bytes, suffix: str) -> None:
    for item in read_bytes(raw, "fuzz", suffix):
        assert isinstance(item, (Draft, BadInput))
        if isinstance(item, BadInput):
            assert item.reason and "Traceback" not in item.reason


@FAST
@given(
    raw=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=1000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.sampled_from(
            [b'{"title": ', b"<rss><channel><item>", b"\xef\xbb\xbf{}", b"\xff\xfe<\x00"]
        ),
        # JSON and feeds may spell characters no text can hold (lone surrogates)
        st.tuples(any_str, any_str).map(
            lambda tb: json.dumps({"title": tb[0], "body": tb[1] + "x"}).encode()
        ),
        st.tuples(any_str, st.integers(0xD700, 0xE000)).map(
            lambda tc: (
                f'<rss version="2.0"><channel><item><title>{html.escape(tc[0])} &#{tc[1]};'
                f"</title><description>x &#x{tc[1]:x};</description></item></channel></rss>"
            ).encode("utf-8", "surrogatepass")
        ),
    )
)
def test_ingest_of_arbitrary_bytes_stores_or_reports_never_crashes(
    byte_store: Store, raw: bytes
) -> None:
    report = ingest_paths(byte_store, [], stdin=raw, dedup=True)
    assert report.stored or report.errors or report.existing
    for error in report.errors:
        assert error.source.startswith("<stdin>") and error.reason
