"""The desk service: the one API the CLI and the TUI use for stories and editor actions.

Every editor action goes through `Desk.mutate`, which runs it in one write transaction,
checks the story versions the editor saw (optimistic concurrency), bumps versions, and
records before/after row images in the audit log so `undo` can put them back.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.families import FamiliesMixin
from newsdesk.model import PRIORITIES, Article, Link, Status, Tag
from newsdesk.store import Store, audit
from newsdesk.store import articles as q
from newsdesk.store.articles import InboxQuery

if TYPE_CHECKING:
    from newsdesk.merge import Coverage

# What the desk and the CLI import from here rather than from the store (tui -> newsdesk).
__all__ = ["ActionError", "ActionResult", "Conflict", "Desk", "InboxQuery", "Link"]

DEFAULT_DB = "newsdesk.db"
DEFAULT_RULES = "rules.yaml"


class ActionError(RuntimeError):
    """An editor action that cannot be done as asked; the message names the story."""


class Conflict(ActionError):
    """Someone else changed the story first; the message says who and what."""


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return os.environ.get("USER", "editor")


@dataclass
class ActionResult:
    audit_id: int | None
    action: str
    article_ids: list[int]
    changed: int  # rows changed; 0 means the action was a no-op

    def to_json(self) -> dict[str, Any]:
        return {
            "audit_id": self.audit_id,
            "action": self.action,
            "ids": self.article_ids,
            "changed": self.changed,
        }


class Desk(FamiliesMixin):
    def __init__(
        self, store: Store, rules_path: str | Path | None = None, actor: str | None = None
    ):
        self.store = store
        self.rules_path = Path(rules_path) if rules_path else None
        self.actor = actor or default_actor()
        # shared with every thread's desk, so a reload is seen by all of them at once
        self._rules_box: list[Any] = [None]

    @classmethod
    def open(
        cls, db_path: str | Path, rules_path: str | Path | None = None, actor: str | None = None
    ) -> Desk:
        return cls(Store.open(db_path), rules_path, actor)

    def for_thread(self) -> Desk:
        """A desk on a fresh connection, for a worker thread (connections never cross threads)."""
        desk = Desk(self.store.reopen(), self.rules_path, self.actor)
        desk._rules_box = self._rules_box
        return desk

    def close(self) -> None:
        self.store.close()

    # --- rules ------------------------------------------------------------------------------

    @property
    def rules(self) -> Any:
        """The compiled rules in force (None when there is no rules file)."""
        if self._rules_box[0] is None and self.rules_path is not None and self.rules_path.exists():
            from newsdesk.rules import load_rules

            self._rules_box[0] = load_rules(self.rules_path)
        return self._rules_box[0]

    def reload_rules(self) -> Any:
        """Load the rules file again; on error raise and keep the rules in force."""
        from newsdesk.rules import load_rules

        assert self.rules_path is not None
        self._rules_box[0] = load_rules(self.rules_path)
        return self._rules_box[0]

    # --- reading ----------------------------------------------------------------------------

    def article(self, article_id: int) -> Article | None:
        row = q.get_article(self.store, article_id)
        if row is None:
            return None
        tags = q.tags_for(self.store, [article_id])[article_id]
        return _article(row, tags)

    def articles(self, ids: Sequence[int]) -> list[Article]:
        rows = q.get_articles(self.store, ids)
        tags = q.tags_for(self.store, [r["id"] for r in rows])
        return [_article(r, tags[r["id"]]) for r in rows]

    def data_version(self) -> int:
        """Changes when any connection commits: how the desk notices other processes."""
        return self.store.data_version()

    def raw(self, article_id: int) -> dict[str, Any] | None:
        return q.get_article(self.store, article_id, with_raw=True)

    def page(
        self,
        query: InboxQuery,
        limit: int = 100,
        after: tuple[str, int] | None = None,
        before: tuple[str, int] | None = None,
    ) -> list[dict[str, Any]]:
        """Inbox rows (light: no body) with their tags, keyset-paged."""
        query = self._by_newsroom(query)
        rows = q.page(self.store, query, limit=limit, after=after, before=before)
        tags = q.tags_for(self.store, [r["id"] for r in rows])
        for r in rows:
            r["tags"] = sorted({t for t, _ in tags[r["id"]]})
        return self.with_families(rows)

    def count(self, query: InboxQuery) -> int:
        return q.count(self.store, self._by_newsroom(query))

    def _by_newsroom(self, query: InboxQuery) -> InboxQuery:
        """An outlet filter means the newsroom: `detik` or `Detik.com` is every Detik site."""
        if not query.outlet or query.outlets is not None:
            return query
        outlets = self.outlets_like(query.outlet) or (query.outlet,)
        return replace(query, outlet=None, outlets=outlets)

    def status_counts(self) -> dict[str, int]:
        return q.status_counts(self.store)

    def all_tags(self) -> list[tuple[str, int]]:
        return q.all_tags(self.store)

    def history(self, article_id: int | None = None, limit: int = 100) -> list[audit.Entry]:
        return audit.history(self.store, article_id, limit)

    # --- ingest -----------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], **kwargs: Any) -> Any:
        from newsdesk.ingest.pipeline import ingest_paths

        return ingest_paths(self.store, list(paths), rules=self.rules, **kwargs)

    # --- editor actions -----------------------------------------------------------------------

    def mutate(
        self,
        action: str,
        ids: Sequence[int],
        fn: Callable[[Store], None],
        *,
        detail: dict[str, Any] | None = None,
        expected_versions: dict[int, int] | None = None,
    ) -> ActionResult:
        """Run `fn(store)` atomically for these stories, audited and undoable.

        `expected_versions` are the versions the editor saw; if any moved on, nothing
        happens and Conflict says which story changed and how.
        """
        ids = sorted(set(ids))
        if not ids:
            raise ActionError("no story given")
        with self.store.write():
            current = q.versions(self.store, ids)
            missing = [i for i in ids if i not in current]
            if missing:
                raise ActionError(f"no story with id {', '.join(map(str, missing))}")
            if expected_versions:
                for aid, seen in expected_versions.items():
                    if current.get(aid, seen) != seen:
                        raise Conflict(self._conflict_message(aid))
            # the merge family, read under the write lock: an unmerge from a stale view may
            # split off stories the caller did not know of, and they must be audited too
            scope = q.with_merge_family(self.store, ids)
            before = audit.snapshot(self.store, scope)
            fn(self.store)
            changes = audit.diff(before, audit.snapshot(self.store, scope))
            if not changes:
                return ActionResult(None, action, ids, 0)
            # every story whose rows changed moves to a new version, so stale views conflict
            q.bump_versions(self.store, audit.changed_story_ids(changes))
            changes = audit.diff(before, audit.snapshot(self.store, scope))
            touched = sorted(set(ids) | set(audit.changed_story_ids(changes)))
            entry = audit.record(self.store, self.actor, action, touched, changes, detail)
        return ActionResult(entry, action, ids, len(changes))

    def _conflict_message(self, article_id: int) -> str:
        last = audit.history(self.store, article_id, limit=1)
        if last:
            e = last[0]
            return (
                f"story {article_id} changed since you loaded it: {e.action} by {e.actor} "
                f"at {e.at}; nothing done, view refreshed"
            )
        return f"story {article_id} changed since you loaded it; nothing done"

    def _require_mutable(self, ids: Sequence[int]) -> None:
        for row in q.get_articles(self.store, ids):
            if row["status"] == Status.MERGED.value:
                raise ActionError(
                    f"story {row['id']} is merged into {row['merged_into']}; act on that one "
                    "or unmerge first"
                )

    def _set(
        self, action: str, ids: Sequence[int], values: dict[str, Any], **kw: Any
    ) -> ActionResult:
        def fn(store: Store) -> None:
            self._require_mutable(ids)
            # only stories the action really changes: approving twice is not a second decision
            changing = [
                row["id"]
                for row in q.get_articles(store, ids)
                if any(row[k] != v for k, v in values.items() if k not in _STAMPS)
            ]
            if changing:
                q.set_fields(store, changing, values)

        return self.mutate(action, ids, fn, detail=kw.pop("detail", None), **kw)

    def approve(self, ids: Sequence[int], **kw: Any) -> ActionResult:
        return self._set(
            "approve",
            ids,
            {
                "status": Status.APPROVED.value,
                "status_reason": None,
                "status_origin": self.origin,
                "decided_at": _now(),
            },
            **kw,
        )

    def reject(self, ids: Sequence[int], reason: str | None = None, **kw: Any) -> ActionResult:
        return self._set(
            "reject",
            ids,
            {
                "status": Status.REJECTED.value,
                "status_reason": reason,
                "status_origin": self.origin,
                "decided_at": _now(),
            },
            detail={"reason": reason},
            **kw,
        )

    def reopen(self, ids: Sequence[int], **kw: Any) -> ActionResult:
        """Back to 'new': an explicit editor decision, so rules still leave it alone."""
        return self._set(
            "reopen",
            ids,
            {"status": Status.NEW.value, "status_reason": None, "status_origin": self.origin},
            **kw,
        )

    def set_desk(self, ids: Sequence[int], desk: str | None, **kw: Any) -> ActionResult:
        return self._set(
            "desk",
            ids,
            {"desk": desk or None, "desk_origin": self.origin},
            detail={"desk": desk},
            **kw,
        )

    def set_priority(self, ids: Sequence[int], priority: str | None, **kw: Any) -> ActionResult:
        if priority is not None and priority not in PRIORITIES:
            raise ActionError(f"unknown priority {priority!r}; use one of {', '.join(PRIORITIES)}")
        return self._set(
            "priority",
            ids,
            {"priority": priority, "priority_origin": self.origin},
            detail={"priority": priority},
            **kw,
        )

    def tag(self, ids: Sequence[int], tags: Sequence[str], **kw: Any) -> ActionResult:
        clean = _clean_tags(tags)

        def fn(store: Store) -> None:
            self._require_mutable(ids)
            for aid in ids:
                for t in clean:
                    q.add_tag(store, aid, t, self.origin)

        return self.mutate("tag", ids, fn, detail={"tags": clean}, **kw)

    def untag(self, ids: Sequence[int], tags: Sequence[str], **kw: Any) -> ActionResult:
        clean = _clean_tags(tags)

        def fn(store: Store) -> None:
            self._require_mutable(ids)
            for aid in ids:
                for t in clean:
                    q.remove_tag(store, aid, t, self.actor)

        return self.mutate("untag", ids, fn, detail={"tags": clean}, **kw)

    def undo(self) -> audit.Entry | None:
        """Undo this editor's most recent action; None when there is nothing to undo."""
        with self.store.write():
            entry = audit.last_undoable(self.store, self.actor)
            if entry is None:
                return None
            ids = entry.article_ids
            before = audit.snapshot(self.store, ids)
            try:
                audit.revert(self.store, entry)
            except audit.Conflict as exc:
                raise Conflict(str(exc)) from exc
            after = audit.snapshot(self.store, ids)
            audit.record(
                self.store,
                self.actor,
                f"undo {entry.action}",
                ids,
                audit.diff(before, after),
                {"undid": entry.id},
                undoes=entry.id,
            )
        return entry

    @property
    def origin(self) -> str:
        return f"editor:{self.actor}"

    # ==========================================================================================
    # Duplicates: merge, dismiss, unmerge, links, related, coverage.
    # The one implementation the CLI (`newsdesk merge/unmerge/dismiss/related`) and the desk
    # (tui) share: every action goes through `mutate` with one audit detail per action:
    #   merge   {"keep": id, "others": [ids]}
    #   dismiss {"a": id, "b": id}
    #   unmerge {"id": id}
    # (Family methods live in newsdesk/families.py, not here.)
    # ==========================================================================================

    def merge(self, keep: int, others: Sequence[int]) -> ActionResult:
        """Merge `others` into `keep`, the canonical story; undo with `unmerge` or `undo`."""
        from newsdesk import merge as m

        others = list(dict.fromkeys(others))
        with _merge_errors():
            return self.mutate(
                "merge",
                [keep, *others],
                lambda store: m.merge(store, keep, others, actor=self.actor),
                detail={"keep": keep, "others": others},
            )

    def dismiss(self, a: int, b: int) -> ActionResult:
        """Not the same story: remembered, never proposed again."""
        from newsdesk import merge as m

        with _merge_errors():
            return self.mutate(
                "dismiss", [a, b], lambda store: m.dismiss(store, a, b), detail={"a": a, "b": b}
            )

    def unmerge(self, article_id: int) -> ActionResult:
        """Split a merged story off (or, for a canonical story, every story merged into it)."""
        from newsdesk import desk_queries
        from newsdesk import merge as m

        # the canonical story is touched too (its merged-in tags go): audit it as well
        ids = [article_id, *desk_queries.merge_family(self, article_id)]
        with _merge_errors():
            return self.mutate(
                "unmerge",
                ids,
                lambda store: m.unmerge(store, article_id),
                detail={"id": article_id},
            )

    def links(self, article_id: int) -> list[Link]:
        """Every link of a story (open first, best score first), with the other's headline."""
        from newsdesk import desk_queries

        return desk_queries.links_for(self, article_id)

    def link_counts(self, ids: list[int]) -> dict[int, tuple[int, int]]:
        """Open (duplicate, related) links per story, for the inbox marker."""
        from newsdesk import desk_queries

        return desk_queries.link_counts(self, ids)

    def coverage(self, article_id: int) -> Coverage:
        """Who carried a story: the first publisher, then the pickups in order."""
        from newsdesk import merge as m

        with _merge_errors():
            return m.coverage(self.store, article_id)

    def merged_coverage(self, article: Article, links: Sequence[Link]) -> Coverage | None:
        """Coverage for a story that is part of a merge or a story family: who had it first,
        then who picked it up; None when it stands alone."""
        merged = article.merged_into is not None or any(link.state == "merged" for link in links)
        if not merged:
            from newsdesk import merge as m

            family_id = self.family_of(article.id)
            family = self.family(family_id) if family_id is not None else None
            if family is None:
                return None
            stories = [
                {"id": s.id, "outlet": s.outlet, "published": s.published, "title": s.title}
                for s in family.members
            ]
            return m.Coverage(stories[0]["id"], stories)
        found = self.coverage(article.id)
        return found if len(found.stories) > 1 else None

    def related(self, article_id: int) -> tuple[list[Link], Coverage]:
        """A story's links and its coverage (`newsdesk related`); ActionError if no story."""
        if self.article(article_id) is None:
            raise ActionError(f"no story with id {article_id}")
        return self.links(article_id), self.coverage(article_id)

    # --- reading helpers the desk and the CLI share ---------------------------------------

    def rule_matches(self, article: Article) -> list[Any]:
        """Every term the rules matched in this story, for highlighting (none without rules).

        Errors are the caller's to report: a broken rule must not pass for "no match".
        """
        rules = self.rules
        if rules is None:
            return []
        out: list[Any] = []
        for found in rules.evaluate(article).matches.values():
            out.extend(found)
        return out

    def distinct_values(self, column: str) -> list[str]:
        """Values in use for outlet, desk or lang (completion in filters and prompts)."""
        from newsdesk import desk_queries

        return desk_queries.distinct_values(self, column)

    def rule_hit_counts(self) -> dict[str, int]:
        """How many stories each rule fired on."""
        from newsdesk import desk_queries

        return desk_queries.rule_hit_counts(self)

    def outlets_like(self, text: str) -> tuple[str, ...]:
        """Every stored outlet of the newsroom(s) `text` names: `detik` is every Detik site.

        An outlet matches when its name, its family (registrable domain) or the family's
        first label equals `text` (case-folded); every outlet of a matching family is in.
        Nothing equal: outlets whose name or family contains `text`.
        """
        from newsdesk.outlets import outlet_family

        wanted = " ".join(text.split()).casefold()
        if not wanted:
            return ()
        outlets = self.distinct_values("outlet")
        families = {o: outlet_family(o) or o.casefold() for o in outlets}
        given = outlet_family(wanted) or wanted

        def names(outlet: str) -> set[str]:
            family = families[outlet]
            return {outlet.casefold(), family, family.split(".")[0]}

        hit = {families[o] for o in outlets if wanted in names(o) or given in names(o)}
        if not hit:
            hit = {families[o] for o in outlets if any(wanted in n for n in names(o))}
        return tuple(sorted(o for o in outlets if families[o] in hit))


@contextmanager
def _merge_errors() -> Iterator[None]:
    """MergeError (a merge that cannot be done) is an ActionError like any refused action."""
    from newsdesk.merge import MergeError

    try:
        yield
    except MergeError as exc:
        raise ActionError(str(exc)) from exc


# Recording when is not a change of its own: approving twice is one decision.
_STAMPS = {"decided_at"}


def _clean_tags(tags: Sequence[str]) -> list[str]:
    out = []
    for t in tags:
        t = " ".join(t.split()).strip().lower()
        if not t:
            raise ActionError("empty tag")
        if t not in out:
            out.append(t)
    if not out:
        raise ActionError("no tag given")
    return out


def _now() -> str:
    from newsdesk.store.db import utcnow

    return utcnow()


def _article(row: dict[str, Any], tags: list[tuple[str, str]]) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        body=row["body"],
        outlet=row.get("outlet"),
        url=row.get("url"),
        published=row.get("published"),
        lang=row.get("lang"),
        status=row["status"],
        status_reason=row.get("status_reason"),
        desk=row.get("desk"),
        priority=row.get("priority"),
        flag=row.get("flag"),
        merged_into=row.get("merged_into"),
        ingested_at=row.get("ingested_at"),
        version=row.get("version", 1),
        tags=[Tag(t, o) for t, o in tags],
    )
