"""Dedup against the store: each new story checked on ingest, or everything rebuilt at once.

The candidate index lives in SQLite (`dedup_keys`, `dedup_terms`), so checking one new story
costs a few indexed lookups and a handful of verifications, whatever the size of the store.
"""

from __future__ import annotations

import gc
import os
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import repeat
from operator import add
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
from newsdesk.dedup.index import DedupIndex, Link, day_number, extract_ahead, index_keys
from newsdesk.store import families as family_sql
from newsdesk.store import links as sql
from newsdesk.store.db import Store
from newsdesk.store.engine import engine_for


class StoreRarity(Rarity):
    """Word frequencies read from the store for just the words being compared.

    In a batch (`begin_batch`) the store's counts are read ahead many words a query and the
    new stories' counts are written once at the end. Each story still sees exactly what it
    would see checked on its own, right after the stories before it were written: the
    counts of the store plus the batch so far, for just the words its check looks up.
    """

    def __init__(self, store: Store) -> None:
        self._known: dict[str, int] = {}
        super().__init__(self._known, 0)
        self.store = store
        # In a batch: the store's counts before the batch (they are not written until the
        # end, so whenever read they are the counts before it), the batch's own counts, how
        # many stories it added, and the story count, batch included.
        self._stored: dict[str, int] | None = None
        self._pending: Counter[str] | None = None
        self._added = 0
        self._docs: int | None = None

    def begin_batch(self) -> None:
        self._stored, self._pending, self._added = {}, Counter(), 0
        self._docs = sql.doc_count(self.store.db)
        self._known.clear()
        self.forget()

    def new_story(self) -> None:
        """A story checked on its own starts knowing no word: words it never looks up
        (names outside its text) count as unseen, so the batch must forget them too."""
        if self._stored is not None:
            self._known.clear()
            self.forget()

    def read_ahead(self, words: Iterable[str]) -> None:
        """Store counts of words the next stories use, in one query instead of one a story."""
        stored = self._stored
        if stored is None:
            return
        wanted = sorted(set(words).difference(stored))
        if wanted:
            found = sql.term_counts(self.store.db, wanted)
            stored.update({w: found.get(w, 0) for w in wanted})

    def end_batch(self, write: bool = True) -> None:
        """Write the batch's counts (in the caller's transaction); without `write` they are
        dropped, as the transaction that held the batch rolls back."""
        pending, docs = self._pending, self._docs
        self._stored = self._pending = self._docs = None
        self._known.clear()
        self.forget()
        if write and pending is not None and docs is not None:
            sql.add_term_counts(self.store.db, pending.items(), self._added)

    def prefetch(self, features: Iterable[Features]) -> None:
        known = self._known
        keys = known.keys()
        # stories met before are fully known (words are never forgotten): a C-level check
        fresh = [f.weights.keys() for f in features if not f.weights.keys() <= keys]
        words = {w for ws in fresh for w in ws if w not in known}
        if words:
            stored, pending = self._stored, self._pending
            if stored is not None and pending is not None:
                self.read_ahead(words)
                counts = map(add, map(stored.__getitem__, words), map(pending.get, words, ZEROS))
                known.update(zip(words, counts))
            else:
                found = sql.term_counts(self.store.db, sorted(words))
                known.update({w: found.get(w, 0) for w in words})
            self.forget()
        self.n = self._docs if self._docs is not None else sql.doc_count(self.store.db)

    def add(self, features: Features) -> None:
        if self._pending is not None and self._docs is not None:
            self._pending.update(features.weights.keys())
            self._added += 1
            self._docs += 1
        else:
            sql.add_terms(self.store.db, features.weights.keys())
        known, words = self._known, list(features.weights)
        known.update(zip(words, map(add, map(known.get, words, repeat(0)), repeat(1))))
        self.n += 1


ZEROS = repeat(0)  # endless: the default of every `get` in a C-level map


def story_of(row: dict[str, Any]) -> SimpleNamespace:
    # A story without a publication date is dated by its ingestion, for the time window.
    published = row.get("published") or (row.get("ingested_at") or "")[:10] or None
    return SimpleNamespace(
        title=row.get("title") or "",
        body=row.get("body") or "",
        published=published,
        outlet=row.get("outlet"),
        dated_by_ingest=not row.get("published"),
    )


class StoreIndex(DedupIndex):
    """The same candidate logic as `DedupIndex`, with postings and frequencies in SQLite."""

    def __init__(
        self, store: Store, config: DedupConfig | None = None, entities: EntityFinder | None = None
    ) -> None:
        super().__init__(config, entities, loader=self._load, cache_size=5_000)
        self.store = store
        self.rarity = StoreRarity(store)
        # dedup_docs rows of a batch, written at its end: id -> (id, day, features)
        self._batch_docs: dict[int, tuple[int, int | None, bytes]] = {}
        # features of a batch's stories encoded ahead by the extraction worker
        self.encoded: dict[int, bytes] = {}

    def __len__(self) -> int:
        return sql.doc_count(self.store.db)

    def _load(self, doc_id: int) -> SimpleNamespace | None:
        row = sql.articles_by_id(self.store.db, [doc_id]).get(doc_id)
        return story_of(row) if row else None

    def begin_batch(self) -> None:
        """Check many stories in one transaction: index rows and word counts are written at
        `end_batch`, and the batch's own earlier stories are found in memory."""
        assert isinstance(self.rarity, StoreRarity)
        self.rarity.begin_batch()
        self._batch_keys = {}
        self._batch_rows = []
        self._batch_docs = {}
        self._cache.clear()  # a story checked on its own finds every other one in the store

    def end_batch(self, write: bool = True) -> None:
        assert isinstance(self.rarity, StoreRarity)
        rows, self._batch_keys, self._batch_rows = self._batch_rows, None, None
        docs, self._batch_docs = self._batch_docs, {}
        self.encoded.clear()
        self._ahead = None
        if write and docs:
            sql.add_docs_bulk(self.store.db, docs.values())
        if write and rows:
            sql.add_keys_rows(self.store.db, rows)
        self.rarity.end_batch(write)

    def read_ahead(self, features: Iterable[Features]) -> None:
        """Word counts and index postings the next stories will need, in a few queries.

        Postings are read for every key the stories could have and for their days' time
        windows together; each story then takes its own window from them in memory.
        """
        assert isinstance(self.rarity, StoreRarity)
        features = list(features)
        self.rarity.read_ahead(w for f in features for w in f.weights)
        days = [d for f in features if (d := day_number(f)) is not None]
        if not days:
            self._ahead = None
            return
        window = self.config.candidate_window_days
        low, high = min(days) - window, max(days) + window
        keys: set[int] = set()
        for f in features:
            keys.update(index_keys(f, self.config, None, max_names=len(f.key_names)))
        limit = 4 * (self.config.max_key_postings + 1)
        found = sql.postings_ahead(self.store.db, keys, low, high, limit)
        self._ahead = (low, high, keys, found)

    _batch_keys: dict[int, list[tuple[int, int]]] | None = None  # key -> (story, day or 0)
    _batch_rows: list[tuple[int, int, int]] | None = None  # dedup_keys rows to write
    # postings read ahead: (first day, last day, keys read, key -> (story, day) or None)
    _ahead: tuple[int, int, set[int], dict[int, list[tuple[int, int]] | None]] | None = None

    def _votes(self, f: Features, keys: dict[int, int], before: int | None = None) -> Counter[int]:
        votes: Counter[int] = Counter()
        day, window, cap = (
            day_number(f),
            self.config.candidate_window_days,
            self.config.max_key_postings,
        )
        batch = self._batch_keys
        if batch is None:
            for key, doc in sql.postings(self.store.db, sorted(keys), day, window, cap):
                votes[doc] += keys[key]
            return votes
        # The same answer as `sql.postings` had the batch's earlier stories been written:
        # a key with more than `cap` stories in the window, stored or new, is skipped.
        stored: dict[int, list[int] | None] = {}
        todo = sorted(keys)
        ahead = self._ahead
        if day is not None and ahead is not None:
            low, high = day - window, day + window
            first, last, read, found = ahead
            if first <= low and high <= last:
                rest = []
                for key in todo:
                    if key not in read:
                        rest.append(key)
                    elif key in found:
                        rows = found[key]
                        if rows is None:
                            rest.append(key)
                        else:
                            docs = [doc for doc, d in rows if d == 0 or low <= d <= high]
                            if docs:
                                stored[key] = docs if len(docs) <= cap else None
                todo = rest
        if todo:
            stored.update(sql.key_postings(self.store.db, todo, day, window, cap))
        for key in sorted(keys):
            docs = stored.get(key, [])
            if docs is None:
                continue
            mine = batch.get(key)
            if mine:
                if day is None:
                    docs = docs + [doc for doc, _ in mine]
                else:
                    low, high = day - window, day + window
                    docs = docs + [doc for doc, d in mine if d == 0 or low <= d <= high]
                if len(docs) > cap:
                    continue
            weight = keys[key]
            for doc in docs:
                votes[doc] += weight
        return votes

    def add_features(self, doc_id: int, f: Features, count: bool = True) -> list[int]:
        assert isinstance(self.rarity, StoreRarity)
        self.rarity.new_story()
        self.rarity.prefetch([f])  # rare-name keys and the stored norm need its frequencies
        found = self.candidates(f, exclude=doc_id)
        day = day_number(f)
        keys = index_keys(f, self.config, self.rarity)
        if self._batch_keys is not None and self._batch_rows is not None:
            blob = self.encoded.pop(doc_id, None)
            if blob is None:
                blob = encode(f, self.rarity)
            self._batch_docs[doc_id] = (doc_id, day, blob)
            for key in set(keys):
                self._batch_keys.setdefault(key, []).append((doc_id, day or 0))
                self._batch_rows.append((key, day or 0, doc_id))
        else:
            sql.add_keys(self.store.db, doc_id, day, keys, encode(f, self.rarity))
        if count:
            self.rarity.add(f)
        if self._batch_keys is None:
            self._remember(doc_id, f)
        # In a batch the story is not remembered as extracted: a later story meets it as
        # read back from the store (with the norm stored), as it would checked on its own.
        # Features read back are cached: their idf views are stamped with the story count,
        # which every story changes, so reusing one is reading it again.
        return found

    def verify(self, doc_id: int, f: Features, candidates: Iterable[int]) -> list[Link]:
        candidates = list(candidates)
        self._load_features(f, candidates)
        return super().verify(doc_id, f, candidates)

    def pair_likeness(self, a: int, b: int) -> float | None:
        """The judge's score for two stored stories, neither of them the one being checked."""
        self._load_features(None, [a, b])
        fa = self.features(a)
        return self.likeness(a, fa, b) if fa is not None else None

    def likeness(self, doc_id: int, f: Features, other: int) -> float | None:
        self._load_features(f, [other])
        return super().likeness(doc_id, f, other)

    def _load_features(self, f: Features | None, candidates: list[int]) -> None:
        """Stored features for these stories (text only when none are stored), and the
        frequencies of every word they use."""
        missing = [c for c in candidates if c not in self._cache]
        pending = self._batch_docs
        for doc in [c for c in missing if c in pending]:  # checked earlier in this batch
            self._remember(doc, decode(pending[doc][2]))
        missing = [c for c in missing if c not in self._cache]
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
        # {story: family or None} read for a whole batch at once; `put` keeps it true
        self.known: dict[int, int | None] = {}

    def prefetch(self, ids: Sequence[int]) -> None:
        """Read the batch's memberships in one query, not one query per story placed."""
        found = family_sql.family_of(self.db, ids)
        self.known.update((i, found.get(i)) for i in ids)

    def family_of(self, ids: Sequence[int]) -> dict[int, int]:
        ask = [i for i in ids if i not in self.known]
        found = family_sql.family_of(self.db, ask) if ask else {}
        for i in ids:
            if i not in found and self.known.get(i) is not None:
                found[i] = self.known[i]  # type: ignore[assignment]
        return found

    def members(self, family_id: int) -> list[int]:
        return family_sql.member_ids(self.db, family_id)

    def dismissed(self, ids: Sequence[int]) -> set[tuple[int, int]]:
        return family_sql.dismissed_pairs(self.db, ids)

    def put(self, article_id: int, family_id: int, score: float, why: list[str]) -> None:
        family_sql.put_member(self.db, article_id, family_id, score, why, "dedup")
        if article_id in self.known:
            self.known[article_id] = family_id


def check_new(
    store: Store,
    index: StoreIndex | None,
    article_ids: Sequence[int],
    config: DedupConfig | None = None,
    entities: EntityFinder | None = None,
    workers: int | None = None,
) -> list[dict[str, Any]]:
    """Index newly ingested stories and record the links they make; returns the new open links.

    Stories are checked one at a time in id order, each against the store and the earlier
    new ones, so a batch gives the links and families that checking them one by one gives.
    A large batch has its features extracted ahead in worker processes while this process
    judges, and its index rows written at the end. Pairs an editor already merged or
    dismissed are never proposed again.
    """
    index = index or StoreIndex(store, config, entities)
    proposed: list[dict[str, Any]] = []
    with store.write() as db:
        book = StoreFamilies(db)
        todo = sorted(set(article_ids) - sql.indexed(db, list(article_ids)))
        rows = sql.articles_by_id(db, todo)
        docs = [
            (doc_id, story_of(row))
            for doc_id in todo
            if (row := rows.get(doc_id)) is not None and row["status"] != "merged"
        ]
        del rows
        if not docs:
            return proposed
        if workers is None:
            workers = min(BATCH_WORKERS, os.cpu_count() or 1) if _fork_safe() else 1
        if len(docs) == 1:  # the desk's one story at a time: no batch bookkeeping
            _check_each(db, index, book, [docs[0][0]], [extract_one(docs[0][1], index)], proposed)
            return proposed
        # Many new acyclic objects: the cyclic collector would rescan them for nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            after = AheadEncoder(store.path) if workers > 1 and store.path != ":memory:" else None
            with extract_ahead(docs, index.config, index.entities, workers, after) as chunks:
                index.begin_batch()
                try:
                    for chunk, blobs in chunks:
                        index.read_ahead(f for _, f in chunk)
                        ids = [doc_id for doc_id, _ in chunk]
                        book.prefetch(ids)
                        if blobs is not None:
                            index.encoded.update(zip(ids, blobs))
                        _check_each(db, index, book, ids, [f for _, f in chunk], proposed)
                except BaseException:
                    index.end_batch(write=False)
                    raise
                index.end_batch()
        finally:
            if collecting:
                gc.enable()
    return proposed


BATCH_WORKERS = 2  # processes extracting a large batch, this one included


def _fork_safe() -> bool:
    """Whether this process may fork an extraction worker: a thread holding a lock at the
    fork (the desk's, the watcher's) could deadlock the child. The checkpoint threads pause
    around a fork; any other live thread means extracting in line instead."""
    main = threading.main_thread()
    return threading.current_thread() is main and all(
        t is main or t.name == "newsdesk-checkpoint" or not t.is_alive()
        for t in threading.enumerate()
    )


class AheadEncoder:
    """In the extraction worker: each story's stored features, encoded as its own check
    would encode them, so the checking process only writes the bytes.

    The encoding holds the story's norm, which depends on the word frequencies at its turn:
    the store's (read here, on a read-only connection, before the batch writes any) plus
    the batch's stories before it, which this worker sees in order.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.df: dict[str, int] = {}
        self.rarity: Rarity | None = None
        self.db: Any = None

    def __call__(self, chunk: list[tuple[int, Features]]) -> list[bytes]:
        if self.db is None:
            self.db = engine_for(self.path).reader(self.path)
            self.rarity = Rarity(self.df, sql.doc_count(self.db))
        assert self.rarity is not None
        df, rarity = self.df, self.rarity
        words = sorted({w for _, f in chunk for w in f.weights}.difference(df))
        if words:
            found = sql.term_counts(self.db, words)
            df.update((w, found.get(w, 0)) for w in words)
        blobs = []
        for _, f in chunk:
            blobs.append(encode(f, rarity))
            # the caches were computed with this process's frequencies: the checker's own
            f._norm = f._vector = f._weighted = None
            words = list(f.weights)
            df.update(zip(words, map(add, map(df.__getitem__, words), ONES)))
            rarity.n += 1
        return blobs


ONES = repeat(1)


def extract_one(story: Any, index: StoreIndex) -> Features:
    return extract(story, index.config.shingle_size, index.entities)


def _check_each(
    db: Any,
    index: StoreIndex,
    book: StoreFamilies,
    ids: list[int],
    features: list[Features],
    proposed: list[dict[str, Any]],
) -> None:
    """Check stories in id order: index, verify against candidates, place in a family."""
    for doc_id, f in zip(ids, features):
        found = index.verify(doc_id, f, index.add_features(doc_id, f))
        placement = families.place(
            doc_id,
            found,
            book,
            lambda story, other, f=f: index.likeness(story, f, other),
            index.config.duplicate_threshold,
            index.pair_likeness,
        )
        for link in placement.links:
            if sql.upsert_link(db, link.a, link.b, link.kind, link.score, link.reasons):
                proposed.append({**link.as_dict(), "state": "open"})


def rebuild(
    store: Store,
    config: DedupConfig | None = None,
    entities: EntityFinder | None = None,
    workers: int | None = None,
) -> list[dict[str, Any]]:
    """Forget the index and every open proposal, then check every story again, in id order,
    exactly as ingest checks new ones: the same links and families however stories arrived.

    Stories are checked in chunks of REBUILD_CHUNK, each in its own write transaction, so
    editors and ingest go on between them. Open links of merged stories are kept (merged
    stories are not checked again), and so are the families an editor made or corrected.
    """
    config = config or DedupConfig()
    with store.write() as db:
        sql.clear_index(db)
        sql.clear_open_links(db, keep_merged=True)
        family_sql.clear(db)
        ids = [row["id"] for row in sql.iter_articles(db) if row["status"] != "merged"]
    index = StoreIndex(store, config, entities)
    proposed: list[dict[str, Any]] = []
    for start in range(0, len(ids), REBUILD_CHUNK):
        chunk = ids[start : start + REBUILD_CHUNK]
        proposed += check_new(store, index, chunk, config, entities, workers)
    late = sql.unindexed_ids(store.db)
    if late:  # stored while the pass ran, and not yet checked by their own ingest
        proposed += check_new(store, index, late, config, entities, workers)
    return proposed


REBUILD_CHUNK = 2000  # stories per write transaction: an editor waits for one chunk at most
