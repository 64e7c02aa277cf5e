"""Story families on the Desk: list them, open one, compare any two stories, link by hand.

A family is one story or event carried by several outlets (see `newsdesk.dedup.families`
for how dedup builds them). Editors read families here and correct them: link two stories
dedup did not connect, or take a story out of a family. Both are audited and undoable like
every other action, through `Desk.mutate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from newsdesk.outlets import outlet_family
from newsdesk.store import families as fam_sql
from newsdesk.store import links as link_sql

if TYPE_CHECKING:
    from newsdesk.desk import ActionResult, Desk


@dataclass
class FamilyMember:
    id: int
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    status: str
    score: float
    why: list[str]
    origin: str  # "dedup" or "editor:<name>"
    joined_at: str


@dataclass
class Family:
    id: int
    size: int
    outlets: list[str]
    first: dict[str, Any] | None  # the first publisher's story: id, outlet, title, published
    span: tuple[str | None, str | None]  # first and last publication day
    member_ids: list[int] = field(default_factory=list)  # first published first
    members: list[FamilyMember] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = list(self.span)
        if not self.members:
            out.pop("members")
        return out


@dataclass(frozen=True)
class Comparison:
    a: int
    b: int
    kind: str  # duplicate, related or none
    score: float  # 0-100: same story > same event > same people > same topic > unrelated
    reasons: list[str]
    family_a: int | None
    family_b: int | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class FamiliesMixin:
    """The Desk's family reading and editing; `Desk` provides `store`, `rules`, `mutate`."""

    def families(self: Desk, limit: int | None = None) -> list[Family]:
        """Every family, most recently active first, with outlets, first publisher and span."""
        with self.store.read() as db:
            rows = fam_sql.summaries(db, limit=limit)
            firsts = link_sql.articles_by_id(db, [r["first_id"] for r in rows])
            ids = fam_sql.member_ids_of(db, [r["family_id"] for r in rows])
        found = [_family(row, firsts.get(row["first_id"])) for row in rows]
        for family in found:
            family.member_ids = ids.get(family.id, [])
        return found

    def family(self: Desk, family_id: int) -> Family | None:
        """One family with its members, first publisher first, and why each is in it."""
        with self.store.read() as db:
            rows = fam_sql.summaries(db, [family_id])
            if not rows:
                return None
            members = fam_sql.members(db, family_id)
            firsts = link_sql.articles_by_id(db, [rows[0]["first_id"]])
        found = _family(rows[0], firsts.get(rows[0]["first_id"]))
        found.members = [FamilyMember(**m) for m in members]
        found.member_ids = [m.id for m in found.members]
        return found

    def with_families(self: Desk, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Inbox rows with their family, if any: id, size, outlets, first publisher, span."""
        with self.store.read() as db:
            of = fam_sql.family_of(db, [r["id"] for r in rows])
            summaries = {s["family_id"]: s for s in fam_sql.summaries(db, sorted(set(of.values())))}
            firsts = link_sql.articles_by_id(db, [s["first_id"] for s in summaries.values()])
        for r in rows:
            summary = summaries.get(of.get(r["id"], -1))
            r["family"] = (
                _family(summary, firsts.get(summary["first_id"])).to_json() if summary else None
            )
        return rows

    def family_of(self: Desk, article_id: int) -> int | None:
        with self.store.read() as db:
            return fam_sql.family_of(db, [article_id]).get(article_id)

    def compare(self: Desk, a: int, b: int) -> Comparison:
        """The judge's verdict on any two stored stories, proposed by dedup or not."""
        from newsdesk.dedup import service

        if a == b:
            raise _error(f"story {a} compared with itself")
        self._require_stories([a, b])
        verdict = service.compare(self.store, a, b, self.rules)
        with self.store.read() as db:
            fams = fam_sql.family_of(db, [a, b])
        return Comparison(
            a, b, verdict.kind, verdict.score, verdict.reasons, fams.get(a), fams.get(b)
        )

    def link(self: Desk, a: int, b: int, kind: str = "duplicate") -> ActionResult:
        """An editor says two stories are one story (b joins a's family) or related."""
        if kind not in ("duplicate", "related"):
            raise _error(f"a link is duplicate or related, not {kind!r}")
        if a == b:
            raise _error(f"story {a} cannot be linked to itself")
        origin = f"editor:{self.actor}"
        reason = f"linked by {self.actor}"

        def fn(store: Any) -> None:
            db = store.db
            found = fam_sql.family_of(db, [a, b])
            link_sql.delete_link(db, a, b)  # a dismissal, if any, is overruled by the editor
            link_sql.upsert_link(db, a, b, kind, 100.0 if kind == "duplicate" else 50.0, [reason])
            if kind != "duplicate" or (a in found and found.get(a) == found.get(b)):
                return
            if b in found:
                fam_sql.remove_member(db, b)
            family_id = found.get(a, a)
            if a not in found:
                fam_sql.put_member(db, a, family_id, 100.0, [f"{reason} with #{b}"], origin)
            fam_sql.put_member(db, b, family_id, 100.0, [f"{reason} with #{a}"], origin)

        return self.mutate("link", [a, b], fn, detail={"a": a, "b": b, "kind": kind})

    def merge_family(self: Desk, family_id: int) -> ActionResult:
        """Merge a family's stories into its first publisher's, the canonical story."""
        found = self.family(family_id)
        if found is None or found.first is None:
            raise _error(f"no family {family_id}")
        keep = found.first["id"]
        others = [m.id for m in found.members if m.id != keep and m.status != "merged"]
        if not others:
            raise _error(f"family {family_id} is merged already")
        return self.merge(keep, others)

    def leave_family(self: Desk, article_id: int) -> ActionResult:
        """Take a story out of its family; dedup never puts it back with those stories."""

        def fn(store: Any) -> None:
            db = store.db
            family_id = fam_sql.family_of(db, [article_id]).get(article_id)
            if family_id is None:
                raise _error(f"story {article_id} is in no family")
            for other in fam_sql.member_ids(db, family_id):
                if other != article_id:
                    link_sql.set_link_state(db, article_id, other, "dismissed", "duplicate")
            fam_sql.remove_member(db, article_id)

        family_id = self.family_of(article_id)
        scope = [article_id] if family_id is None else [article_id, family_id]
        return self.mutate(
            "leave-family", scope, fn, detail={"id": article_id, "family": family_id}
        )

    def _require_stories(self: Desk, ids: Sequence[int]) -> None:
        with self.store.read() as db:
            found = link_sql.articles_by_id(db, list(ids))
        missing = [i for i in ids if i not in found]
        if missing:
            raise _error(f"no story with id {', '.join(map(str, missing))}")


def _error(message: str) -> Exception:
    from newsdesk.desk import ActionError  # the desk imports this module

    return ActionError(message)


def _newsrooms(outlets: list[str]) -> list[str]:
    """One name per newsroom: news.detik.com and finance.detik.com are one outlet."""
    seen: dict[str, str] = {}
    for name in sorted(outlets, key=lambda o: (len(o), o)):
        seen.setdefault(outlet_family(name) or name, name)
    return sorted(seen.values())


def _family(row: dict[str, Any], first: dict[str, Any] | None) -> Family:
    return Family(
        id=row["family_id"],
        size=row["size"],
        outlets=_newsrooms(row["outlets"]),
        first=(
            {k: first.get(k) for k in ("id", "outlet", "title", "published")} if first else None
        ),
        span=(row["first_published"], row["last_published"]),
    )
