"""The audit log: every editorial change as row images before and after.

A change is recorded as the rows it touched (articles' editorial columns, tags, vetoes,
links), so undo is generic: put the "before" images back, after checking that nobody
changed those rows since. Merge, unmerge and every future action get undo for free.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.store.articles import EDITORIAL_COLUMNS
from newsdesk.store.db import Store, utcnow
from newsdesk.store.statements import upsert

Row = dict[str, Any]
Snapshot = dict[str, dict[str, Row]]  # table -> key -> row

_KEYS = {
    "articles": ("id",),
    "tags": ("article_id", "tag", "origin"),
    "tag_vetoes": ("article_id", "tag"),
    "links": ("a", "b"),
    "merges": ("article_id",),
    "family_members": ("article_id",),
}


def _key(table: str, row: Row) -> str:
    return json.dumps([row[k] for k in _KEYS[table]], ensure_ascii=False)


def snapshot(store: Store, ids: Sequence[int]) -> Snapshot:
    """Everything an editorial action can change about these stories."""
    ids = sorted(set(ids))
    marks = ", ".join("?" * len(ids))
    queries = {
        "articles": (
            f"SELECT id, {', '.join(EDITORIAL_COLUMNS)} FROM articles WHERE id IN ({marks})",
            ids,
        ),
        "tags": (
            f"SELECT article_id, tag, origin, added_at FROM tags WHERE article_id IN ({marks})",
            ids,
        ),
        "tag_vetoes": (
            f"SELECT article_id, tag, editor, at FROM tag_vetoes WHERE article_id IN ({marks})",
            ids,
        ),
        "links": (
            "SELECT a, b, kind, score, reasons, state, found_at FROM links "
            f"WHERE a IN ({marks}) OR b IN ({marks})",
            ids + ids,
        ),
        "merges": (
            "SELECT article_id, merged_into, actor, at, before FROM merges "
            f"WHERE article_id IN ({marks}) OR merged_into IN ({marks})",
            ids + ids,
        ),
        # the whole family of each story: a story leaving can dissolve it
        "family_members": (
            "SELECT article_id, family_id, score, why, origin, joined_at, lead FROM family_members "
            "WHERE family_id IN (SELECT family_id FROM family_members "
            f"WHERE article_id IN ({marks}) OR family_id IN ({marks}))",
            ids + ids,
        ),
    }
    snap: Snapshot = {}
    for table, (sql, params) in queries.items():
        cur = store.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        snap[table] = {}
        for values in cur:
            row = dict(zip(names, values))
            snap[table][_key(table, row)] = row
    return snap


def diff(before: Snapshot, after: Snapshot) -> list[dict[str, Any]]:
    """Rows that differ, as {table, before, after}; None means the row did not exist."""
    changes = []
    for table in _KEYS:
        old, new = before.get(table, {}), after.get(table, {})
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                changes.append({"table": table, "before": old.get(key), "after": new.get(key)})
    return changes


def changed_story_ids(changes: list[dict[str, Any]]) -> list[int]:
    return _ids_in(changes)


def record(
    store: Store,
    actor: str,
    action: str,
    article_ids: Sequence[int],
    changes: list[dict[str, Any]],
    detail: dict[str, Any] | None = None,
    undoes: int | None = None,
) -> int:
    cur = store.conn.execute(
        "INSERT INTO audit (at, actor, action, article_ids, detail, changes, undoes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            utcnow(),
            actor,
            action,
            json.dumps(sorted(set(article_ids))),
            json.dumps(detail or {}, ensure_ascii=False),
            json.dumps(changes, ensure_ascii=False),
            undoes,
        ],
    )
    entry_id = cur.fetchone()[0]
    if undoes is not None:
        store.conn.execute("UPDATE audit SET undone_by = ? WHERE id = ?", [entry_id, undoes])
    return entry_id


@dataclass
class Entry:
    id: int
    at: str
    actor: str
    action: str
    article_ids: list[int]
    detail: dict[str, Any]
    changes: list[dict[str, Any]]
    undoes: int | None
    undone_by: int | None


def _entry(row: tuple[Any, ...]) -> Entry:
    return Entry(
        id=row[0],
        at=row[1],
        actor=row[2],
        action=row[3],
        article_ids=json.loads(row[4]),
        detail=json.loads(row[5]),
        changes=json.loads(row[6]),
        undoes=row[7],
        undone_by=row[8],
    )


_ENTRY_COLS = "id, at, actor, action, article_ids, detail, changes, undoes, undone_by"


def last_undoable(store: Store, actor: str) -> Entry | None:
    """The actor's most recent action that is not an undo and not yet undone."""
    row = store.conn.execute(
        f"SELECT {_ENTRY_COLS} FROM audit WHERE actor = ? AND undoes IS NULL "
        "AND undone_by IS NULL AND action NOT LIKE 'rules%' ORDER BY id DESC LIMIT 1",
        [actor],
    ).fetchone()
    return _entry(row) if row else None


def get_entry(store: Store, entry_id: int) -> Entry | None:
    row = store.conn.execute(f"SELECT {_ENTRY_COLS} FROM audit WHERE id = ?", [entry_id]).fetchone()
    return _entry(row) if row else None


def history(store: Store, article_id: int | None = None, limit: int = 100) -> list[Entry]:
    if article_id is None:
        rows = store.conn.execute(
            f"SELECT {_ENTRY_COLS} FROM audit ORDER BY id DESC LIMIT ?", [limit]
        )
    else:
        each, value = store.engine.json_ints("audit.article_ids", "j")
        rows = store.conn.execute(
            f"SELECT {_ENTRY_COLS} FROM audit WHERE id IN "
            f"(SELECT audit.id FROM audit, {each} WHERE {value} = ?) "
            "ORDER BY id DESC LIMIT ?",
            [article_id, limit],
        )
    return [_entry(r) for r in rows]


class Conflict(RuntimeError):
    """Rows changed since the entry being undone: undoing would overwrite someone's work."""


def revert(store: Store, entry: Entry) -> None:
    """Put back the 'before' images of an entry's changes. Call inside store.write()."""
    conn = store.conn
    current = snapshot(store, _ids_in(entry.changes))
    for change in entry.changes:
        table = change["table"]
        image = change["after"] or change["before"]
        now = current[table].get(_key(table, image))
        expected = change["after"]
        if table == "articles" and now is not None and expected is not None:
            # version moves on after the entry; compare the editorial content only
            now = {k: v for k, v in now.items() if k != "version"}
            expected = {k: v for k, v in expected.items() if k != "version"}
        if now != expected:
            raise Conflict(_conflict_message(table, image))
    for change in reversed(entry.changes):
        table, before, after = change["table"], change["before"], change["after"]
        keys = _KEYS[table]
        if table == "articles":
            assert before is not None
            cols = [c for c in EDITORIAL_COLUMNS if c != "version"]
            conn.execute(
                f"UPDATE articles SET {', '.join(f'{c} = ?' for c in cols)}, version = version + 1 "
                "WHERE id = ?",
                [before[c] for c in cols] + [before["id"]],
            )
            continue
        if after is not None:
            conn.execute(
                f"DELETE FROM {table} WHERE {' AND '.join(f'{k} = ?' for k in keys)}",
                [after[k] for k in keys],
            )
        if before is not None:
            cols = list(before)
            conn.execute(upsert(table, cols, keys), [before[c] for c in cols])


def _ids_in(changes: list[dict[str, Any]]) -> list[int]:
    ids: set[int] = set()
    for change in changes:
        for image in (change["before"], change["after"]):
            if not image:
                continue
            for k in ("id", "article_id", "a", "b", "merged_into"):
                if image.get(k) is not None:
                    ids.add(image[k])
    return sorted(ids)


def _conflict_message(table: str, image: Row) -> str:
    story = image.get("id") or image.get("article_id") or image.get("a")
    what = {
        "articles": "its status or fields",
        "tags": "its tags",
        "tag_vetoes": "its tags",
        "links": "its duplicate links",
        "merges": "its merge",
        "family_members": "its story family",
    }[table]
    return f"story {story}: {what} changed since; not undone"
