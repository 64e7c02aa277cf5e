"""Dedup against the store: each new story checked on ingest, or everything rebuilt at once.

The candidate index lives in SQLite (`dedup_keys`, `dedup_terms`), so checking one new story
costs a few indexed lookups and a handful of verifications, whatever the size of the store.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from types import SimpleNamespace
from typing import Any

from newsdesk.dedup import families
from newsdesk.dedup.config import DedupConfig
from newsdesk.dedup.features import (
    EntityFinder,
    Features,
    Rarity,
    decode,
    encode,
    extract,
)
from newsdesk.dedup.index import DedupIndex, Link, day_number, index_keys
from newsdesk.store import families as family_sql
from newsdesk.store import links as sql
from newsdesk.store.db import Store


class StoreRarity(Rarity):
    """Word frequencies read from the store for just the words being compared."""

    def __init__(self, store: Store) -> None:
        self._known: dict[str, int] = {}
        super().__init__(self._known, 0)
        self.store = store

    def prefetch(self, features: Iterable[Features]) -> None:
        words = {w for f in features for w in f.weights if w not in self._known}
        if words:
            found = sql.term_counts(self.store.db, sorted(words))
            self._known.update({w: found.get(w, 0) for w in words})
            self.forget()
        self.n = sql.doc_count(self.store.db)

    def add(self, features: Features) -> None:
        sql.add_terms(self.store.db, features.weights.keys())
        for word in features.weights:
            self._known[word] = self._known.get(word, 0) + 1
        self.n += 1


def story_of(row: dict[str, Any]) -> SimpleNamespace:
    # A story without a publication date is dated by its ingestion, for the time window.
    published = row.get("published") or (row.get("ingested_at") or "")[:10] or None
    return SimpleNamespace(
        title=row.get("title") or "",
        body=row.get("body") or "",
        published=published,
        outlet=row.get("outlet"),
    )


class StoreIndex(DedupIndex):
    """The same candidate logic as `DedupIndex`, with postings and frequencies in SQLite."""

    def __init__(
        self, store: Store, config: DedupConfig | None = None, entities: EntityFinder | None = None
    ) -> None:
        super().__init__(config, entities, loader=self._load, cache_size=5_000)
        self.store = store
        self.rarity = StoreRarity(store)

    def __len__(self) -> int:
        return sql.doc_count(self.store.db)

    def _load(self, doc_id: int) -> SimpleNamespace | None:
        row = sql.articles_by_id(self.store.db, [doc_id]).get(doc_id)
        return story_of(row) if row else None

    def _votes(self, f: Features, keys: dict[int, int], before: int | None = None) -> Counter[int]:
        votes: Counter[int] = Counter()
        found = sql.postings(
            self.store.db,
            sorted(keys),
            day_number(f),
            self.config.candidate_window_days,
            self.config.max_key_postings,
        )
        for key, doc in found:
            votes[doc] += keys[key]
        return votes

    def add_features(self, doc_id: int, f: Features, count: bool = True) -> list[int]:
        assert isinstance(self.rarity, StoreRarity)
        self.rarity.prefetch([f])  # rare-name keys and the stored norm need its frequencies
        found = self.candidates(f, exclude=doc_id)
        sql.add_keys(
            self.store.db,
            doc_id,
            day_number(f),
            index_keys(f, self.config, self.rarity),
            encode(f, self.rarity),
        )
        if count:
            self.rarity.add(f)
        self._remember(doc_id, f)
        return found

    def verify(self, doc_id: int, f: Features, candidates: Iterable[int]) -> list[Link]:
        candidates = list(candidates)
        self._load_features(f, candidates)
        return super().verify(doc_id, f, candidates)

    def likeness(self, doc_id: int, f: Features, other: int) -> float | None:
        self._load_features(f, [other])
        return super().likeness(doc_id, f, other)

    def _load_features(self, f: Features | None, candidates: list[int]) -> None:
        """Stored features for these stories (text only when none are stored), and the
        frequencies of every word they use."""
        missing = [c for c in candidates if c not in self._cache]
        for doc, blob in sql.stored_features(self.store.db, missing).items():
            self._remember(doc, decode(blob))
        missing = [c for c in missing if c not in self._cache]  # indexed before features
        rows = sql.articles_by_id(self.store.db, missing)
        others = {c: self.features(c, story_of(rows[c]) if c in rows else None) for c in candidates}
        assert isinstance(self.rarity, StoreRarity)
        self.rarity.prefetch([g for g in (f, *others.values()) if g is not None])


class StoreFamilies:
    """Family membership in the store, for `families.place` at ingest."""

    def __init__(self, db: Any) -> None:
        self.db = db

    def family_of(self, ids: Sequence[int]) -> dict[int, int]:
        return family_sql.family_of(self.db, ids)

    def members(self, family_id: int) -> list[int]:
        return family_sql.member_ids(self.db, family_id)

    def dismissed(self, ids: Sequence[int]) -> set[tuple[int, int]]:
        return family_sql.dismissed_pairs(self.db, ids)

    def put(self, article_id: int, family_id: int, score: float, why: list[str]) -> None:
        family_sql.put_member(self.db, article_id, family_id, score, why, "dedup")


class MemoryFamilies:
    """Family membership built in memory during a full pass, written once at the end."""

    def __init__(self, start: dict[int, int], dismissed: set[tuple[int, int]]) -> None:
        self.of = dict(start)
        self.rows: dict[int, tuple[int, float, list[str]]] = {}
        self._members: dict[int, list[int]] = {}
        for article_id, family_id in start.items():
            self._members.setdefault(family_id, []).append(article_id)
        self._dismissed = dismissed

    def family_of(self, ids: Sequence[int]) -> dict[int, int]:
        return {i: self.of[i] for i in ids if i in self.of}

    def members(self, family_id: int) -> list[int]:
        return sorted(self._members.get(family_id, []))

    def dismissed(self, ids: Sequence[int]) -> set[tuple[int, int]]:
        return self._dismissed

    def put(self, article_id: int, family_id: int, score: float, why: list[str]) -> None:
        if self.of.get(article_id) != family_id:
            self.of[article_id] = family_id
            self._members.setdefault(family_id, []).append(article_id)
        self.rows[article_id] = (family_id, score, why)


def check_new(
    store: Store,
    index: StoreIndex | None,
    article_ids: Sequence[int],
    config: DedupConfig | None = None,
    entities: EntityFinder | None = None,
) -> list[dict[str, Any]]:
    """Index newly ingested stories and record the links they make; returns the new open links.

    Pairs an editor already merged or dismissed are never proposed again.
    """
    index = index or StoreIndex(store, config, entities)
    proposed: list[dict[str, Any]] = []
    with store.write() as db:
        book = StoreFamilies(db)
        todo = sorted(set(article_ids) - sql.indexed(db, list(article_ids)))
        rows = sql.articles_by_id(db, todo)
        for doc_id in todo:
            row = rows.get(doc_id)
            if row is None or row["status"] == "merged":
                continue
            f = extract(story_of(row), index.config.shingle_size, index.entities)
            found = index.verify(doc_id, f, index.add_features(doc_id, f))
            placement = families.place(
                doc_id,
                found,
                book,
                lambda story, other, f=f: index.likeness(story, f, other),
                index.config.duplicate_threshold,
            )
            for link in placement.links:
                if sql.upsert_link(db, link.a, link.b, link.kind, link.score, link.reasons):
                    proposed.append({**link.as_dict(), "state": "open"})
    return proposed


def rebuild(
    store: Store,
    config: DedupConfig | None = None,
    entities: EntityFinder | None = None,
    workers: int | None = None,
) -> list[dict[str, Any]]:
    """Forget the index and every open proposal, then find them all again in one pass.

    The pass runs on a read snapshot, so editors and ingest go on meanwhile; only writing
    the result takes the write lock. Stories stored during the pass are then checked the
    way ingest checks them. Open links of merged stories are kept: the pass skips them.
    """
    config = config or DedupConfig()
    memory = DedupIndex(config, entities)
    with store.read() as db:
        docs = [
            (row["id"], story_of(row)) for row in sql.iter_articles(db) if row["status"] != "merged"
        ]
        kept = family_sql.kept_members(db)
        dismissed = family_sql.dismissed_pairs_all(db)
    key_rows: list[tuple[int, int, int | None]] = []
    doc_rows: list[tuple[int, int | None, bytes | None]] = []

    def keep_keys(doc_id: int, f: Features) -> None:
        day = day_number(f)
        doc_rows.append((doc_id, day, encode(f, memory.rarity)))
        key_rows.extend((key, doc_id, day) for key in index_keys(f, config, memory.rarity))

    found = memory.build(docs, keep_keys, workers=workers or os.cpu_count() or 1)
    book = MemoryFamilies(kept, dismissed)
    links = replay_families(memory, found, book)
    proposed: list[dict[str, Any]] = []
    with store.write() as db:
        sql.clear_index(db)
        sql.clear_open_links(db, keep_merged=True)
        family_sql.clear(db)
        sql.add_docs_bulk(db, doc_rows)
        sql.add_keys_bulk(db, key_rows)
        sql.set_terms(db, memory.rarity.df.items(), memory.rarity.n)
        for link in links:
            if sql.upsert_link(db, link.a, link.b, link.kind, link.score, link.reasons):
                proposed.append({**link.as_dict(), "state": "open"})
        family_sql.put_members_bulk(
            db,
            (
                (article_id, family_id, score, why, "dedup")
                for article_id, (family_id, score, why) in sorted(book.rows.items())
            ),
        )
        late = sql.unindexed_ids(db)
    if late:  # stored while the pass ran
        proposed += check_new(store, None, late, config, entities)
    return proposed


def replay_families(memory: DedupIndex, found: Iterable[Link], book: Any) -> list[Link]:
    """Families from a full pass: each story placed in id order, as ingest would have."""
    by_story: dict[int, list[Link]] = {}
    for link in found:
        by_story.setdefault(link.b, []).append(link)  # judged when the later story arrived
    out: list[Link] = []
    for story in sorted(by_story):
        f = memory.features(story)
        placement = families.place(
            story,
            by_story[story],
            book,
            lambda s, other, f=f: memory.likeness(s, f, other) if f is not None else None,
            memory.config.duplicate_threshold,
        )
        out.extend(placement.links)
    return out
