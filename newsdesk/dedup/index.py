"""Candidate generation without all-pairs: a few index keys per story, then verification.

Two kinds of keys find the two kinds of duplicate:
- MinHash sketch values (bottom-k over word 4-gram hashes) for near-verbatim republications:
  each sketch value is an LSH bucket of one row, i.e. a deliberately low threshold;
- rare keys (names from the headline and opening, figures, quotes, entities) for independent
  write-ups of one event, which share facts but not sentences.
A key shared by more than `max_key_postings` stories is not rare and is ignored. Only stories
published within `candidate_window_days` of each other are candidates (missing dates match any day).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import tempfile
import zlib
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from newsdesk.dedup import text as tx
from newsdesk.dedup.config import DedupConfig
from newsdesk.dedup.features import EntityFinder, Features, Rarity, Story, extract, sketch
from newsdesk.dedup.judge import judge_features

RARE = 1 << 32  # rare keys live above the 32-bit shingle hashes
CANDIDATE_VOTES = 3
SKETCH_VOTES = 2  # a shared passage and anything else is enough to verify
FIGURE_VOTES = 2  # so is a specific figure like 8.165.687; names and quotes count one each
MAX_NAME_KEYS = 8
MAX_FIGURE_KEYS = 6
MAX_WORD_KEYS = 12
SHORT_POSTING = 16  # up to this many stories a key's time window is checked one by one


@dataclass(frozen=True)
class Link:
    a: int
    b: int
    kind: str
    score: float
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "kind": self.kind,
            "score": self.score,
            "reasons": self.reasons,
        }


def rare_key(kind: str, value: str) -> int:
    return RARE | zlib.crc32(f"{kind}:{value}".encode())


def index_keys(
    f: Features,
    config: DedupConfig,
    rarity: Rarity | None = None,
    max_names: int = MAX_NAME_KEYS,
) -> dict[int, int]:
    """Key -> votes it casts when shared. A candidate needs `CANDIDATE_VOTES`: two shared
    passages, a passage and a name, a specific figure and a name, three rare names, ...

    Which names make keys depends on the word frequencies; with `max_names` the size of
    `f.key_names`, the keys are every key the story could have, whatever the frequencies."""
    keys: dict[int, int] = {h: SKETCH_VOTES for h in sketch(f.shingles, config.sketch_size)}
    idf = rarity.idf if rarity is not None else (lambda _: 1.0)
    common = tx.common_names()
    names = sorted(
        (n for n in f.key_names if n not in common), key=lambda n: (-idf(n), -len(n), n)
    )[:max_names]
    keys.update((rare_key("n", n), 1) for n in names)
    figures = sorted(f.figures, key=lambda v: (-len(v), v))[:MAX_FIGURE_KEYS]
    keys.update((rare_key("f", v), FIGURE_VOTES if _specific(v) else 1) for v in figures)
    keys.update((rare_key("e", e), 1) for e in f.entities if config.counts_entity(e))
    for quote in f.quotes[:4]:
        keys.setdefault(rare_key("q", " ".join(quote[:5])), 1)
    # What the story is about beyond its names: independent write-ups of one event share its
    # content words, not its sentences. Chosen from the text alone (most used, then longest),
    # not by word frequencies, so a story has the same keys at ingest and in a full pass; a
    # common word's posting passes `max_key_postings` and stops counting.
    words = sorted(f.weights, key=lambda w: (-f.weights[w], -len(w), w))[:MAX_WORD_KEYS]
    keys.update((rare_key("w", w), 1) for w in words if w not in names)
    return keys


def _specific(figure: str) -> bool:
    """8.165.687 or 43,17 identify a story; 568 may be anything."""
    return "." in figure or len(figure) >= 4


def day_number(f: Features) -> int | None:
    return f.day.toordinal() if f.day else None


class DedupIndex:
    """In-memory index: `add` a story, get the ids worth verifying; `check` verifies them too.

    Features of stories are kept in a bounded cache; `loader` re-reads a story that fell out.
    """

    def __init__(
        self,
        config: DedupConfig | None = None,
        entities: EntityFinder | None = None,
        loader: Callable[[int], Story | None] | None = None,
        cache_size: int = 20_000,
    ) -> None:
        self.config = config or DedupConfig()
        self.entities = entities
        self.loader = loader
        self.rarity = Rarity(Counter(), 0)
        self._postings: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
        self._cache: OrderedDict[int, Features] = OrderedDict()
        self._cache_size = cache_size
        self._order: dict[int, int] | None = None  # positions during `build`
        # long postings sorted by day, so a time window is two bisections: (length, days,
        # their stories, stories without a day)
        self._spans: dict[int, tuple[int, list[int], list[int], list[int]]] = {}

    def __len__(self) -> int:
        return self.rarity.n

    def features(self, doc_id: int, doc: Story | None = None) -> Features | None:
        cached = self._cache.get(doc_id)
        if cached is not None:
            self._cache.move_to_end(doc_id)
            return cached
        if doc is None and self.loader is not None:
            doc = self.loader(doc_id)
        if doc is None:
            return None
        f = extract(doc, self.config.shingle_size, self.entities)
        self._remember(doc_id, f)
        return f

    def _remember(self, doc_id: int, f: Features) -> None:
        self._cache[doc_id] = f
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def candidates(
        self,
        f: Features,
        exclude: int | None = None,
        before: int | None = None,
        keys: dict[int, int] | None = None,
    ) -> list[int]:
        """Stories sharing enough keys; with `before`, only those indexed before that position."""
        if keys is None:
            keys = index_keys(f, self.config, self.rarity)
        votes = self._votes(f, keys, before)
        votes.pop(exclude, None)  # type: ignore[arg-type]
        ranked = sorted(
            (doc for doc, v in votes.items() if v >= CANDIDATE_VOTES),
            key=lambda doc: (-votes[doc], -doc),
        )
        return ranked[: self.config.max_candidates]

    def _votes(self, f: Features, keys: dict[int, int], before: int | None = None) -> Counter[int]:
        """Votes of the stories sharing keys in the time window. With `before` (a full pass),
        only stories indexed before that position count, and a key is common when more
        than `max_key_postings` of *those* share it: the same test ingest made when the
        story arrived, so both paths find the same candidates."""
        order = self._order if before is not None else None
        day, window, cap = (
            day_number(f),
            self.config.candidate_window_days,
            self.config.max_key_postings,
        )
        hits: list[int] = []
        postings, spans = self._postings, self._spans
        for key, weight in keys.items():
            posting = postings.get(key)
            if not posting or len(posting) > cap:
                continue
            if day is None:
                found = [doc for doc, _ in posting]
            elif len(posting) <= SHORT_POSTING:
                low, high = day - window, day + window
                found = [doc for doc, d in posting if d is None or low <= d <= high]
            else:
                span = spans.get(key)
                if span is None or span[0] != len(posting):
                    span = spans[key] = _span(posting)
                _, days, dated, undated = span
                found = dated[bisect_left(days, day - window) : bisect_right(days, day + window)]
                found += undated
            if order is not None:
                found = [doc for doc in found if order.get(doc, -1) < before]  # type: ignore[operator]
                if len(found) > cap:
                    continue
            for _ in range(weight):
                hits.extend(found)
        return Counter(hits)

    def add(self, doc_id: int, doc: Story) -> list[int]:
        """Index a story; returns the earlier stories worth verifying against it."""
        f = extract(doc, self.config.shingle_size, self.entities)
        return self.add_features(doc_id, f)

    def add_features(self, doc_id: int, f: Features, count: bool = True) -> list[int]:
        found = self.candidates(f, exclude=doc_id)
        day = day_number(f)
        cap = self.config.max_key_postings
        for key in index_keys(f, self.config, self.rarity):
            posting = self._postings[key]
            if len(posting) <= cap:  # past the cap a key is common: stop growing it
                posting.append((doc_id, day))
        if count:
            self.rarity.add(f)
        self._remember(doc_id, f)
        return found

    def check(self, doc_id: int, doc: Story) -> list[Link]:
        """Index a story and judge it against its candidates; returns duplicate/related links."""
        f = extract(doc, self.config.shingle_size, self.entities)
        return self.verify(doc_id, f, self.add_features(doc_id, f))

    def verify(self, doc_id: int, f: Features, candidates: Iterable[int]) -> list[Link]:
        found: list[Link] = []
        for other in candidates:
            g = self.features(other)
            if g is None:
                continue
            # judged in id order, so reasons read "first vs second" like the link
            first, second = (f, g) if doc_id < other else (g, f)
            verdict = judge_features(first, second, self.config, self.rarity)
            if verdict.kind != "none":
                a, b = sorted((doc_id, other))
                found.append(Link(a, b, verdict.kind, verdict.score, verdict.reasons))
        return found

    def likeness(self, doc_id: int, f: Features, other: int) -> float | None:
        """The judge's score (0-100) for a pair whatever its kind; None if `other` is unknown."""
        g = self.features(other)
        if g is None:
            return None
        first, second = (f, g) if doc_id < other else (g, f)
        return judge_features(first, second, self.config, self.rarity).score

    def build(
        self,
        docs: Iterable[tuple[int, Story]],
        on_indexed: Callable[[int, Features], None] | None = None,
        workers: int = 1,
    ) -> list[Link]:
        """One pass over many stories: every link among them, no all-pairs comparison.

        Everything is extracted and indexed first, so every story is judged with the same
        word frequencies; then each story is verified against the earlier ones that share
        enough keys. `workers` > 1 forks processes for both phases (Linux).
        """
        docs = list(docs)
        _sweep_orphan_spills()
        workers = max(1, min(workers, os.cpu_count() or 1)) if len(docs) >= 2000 else 1
        _SHARED.update(config=self.config, entities=self.entities, index=self, docs=docs)
        # Millions of new, acyclic objects: the cyclic collector would rescan them over and
        # over (about 8% of the pass) and find nothing to free. Forked workers inherit this.
        collecting = gc.isenabled()
        gc.disable()
        try:
            extracted = _extract_all(len(docs), workers)
            self._cache_size = max(self._cache_size, len(extracted))
            self._order = {doc_id: pos for pos, (doc_id, _) in enumerate(extracted)}
            for _doc_id, f in extracted:
                self.rarity.add(f)
            keys = []
            for doc_id, f in extracted:
                keys.append(self._index(doc_id, f))
                if on_indexed is not None:
                    on_indexed(doc_id, f)
            _SHARED.update(extracted=extracted, keys=keys)
            if workers > 1:
                # small ranges, taken as workers free up: later stories have more candidates
                step = max(1, len(extracted) // (workers * 32))
                bounds = [
                    (i, min(i + step, len(extracted))) for i in range(0, len(extracted), step)
                ]
                with _pool(workers) as pool:
                    parts = dict(pool.imap_unordered(_verify_part, enumerate(bounds)))
                return [link for i in range(len(bounds)) for link in parts[i]]
            return _verify_range((0, len(extracted)))
        finally:
            _SHARED.clear()
            self._order = None
            if collecting:
                gc.enable()

    def _index(self, doc_id: int, f: Features) -> dict[int, int]:
        day = day_number(f)
        cap = self.config.max_key_postings
        keys = index_keys(f, self.config, self.rarity)
        for key in keys:
            posting = self._postings[key]
            if len(posting) <= cap:
                posting.append((doc_id, day))
        self._remember(doc_id, f)
        return keys


# Handed to forked workers by inheritance: closures (entity finders) need not be picklable.
_SHARED: dict[str, Any] = {}


def _pool(workers: int) -> Any:
    return multiprocessing.get_context("fork").Pool(workers)


def _extract_all(n: int, workers: int) -> list[tuple[int, Features]]:
    """Extract every story, the parent taking an equal share itself.

    Workers read the stories from fork-inherited memory and hand their features back through
    files in shared memory, not the pool's pipe: the parent, busy extracting, would read a
    pipe in small GIL-bound steps and stall the workers. Between slices of its own share the
    parent loads whatever the workers have finished.
    """
    if workers <= 1:
        return _extract_range((0, n))
    own = n // workers
    step = max(1, -(-(n - own) // ((workers - 1) * 8)))
    bounds = [(i, min(i + step, n)) for i in range(own, n, step)]
    loaded: dict[int, list[tuple[int, Features]]] = {}
    prefix = f"newsdesk-dedup-{os.getpid()}-{id(loaded)}-"
    _SHARED["spill"] = prefix
    try:
        with _pool(workers - 1) as pool:
            pending = [pool.apply_async(_extract_to_file, (b,)) for b in bounds]
            mine: list[tuple[int, Features]] = []
            for start in range(0, own, 1000):
                mine.extend(_extract_range((start, min(start + 1000, own))))
                for i, result in enumerate(pending):
                    if i not in loaded and result.ready():
                        loaded[i] = _load(result.get())
            for i, result in enumerate(pending):
                if i not in loaded:
                    loaded[i] = _load(result.get())
    finally:
        # a worker that failed or was killed mid-write leaves no file behind either
        for path in Path(_spill_dir() or tempfile.gettempdir()).glob(f"{prefix}*"):
            with contextlib.suppress(OSError):
                path.unlink()
    return mine + [pair for i in range(len(bounds)) for pair in loaded[i]]


AHEAD_CHUNK = 100  # stories per chunk extracted ahead of the checks
AHEAD_MIN = 3 * AHEAD_CHUNK  # fewer stories are extracted in line: a pool costs a fork
AHEAD = 8  # chunks extracted ahead at most


# In the worker, after extracting a chunk: a per-chunk result computed there in order (the
# pool has one worker, so state kept between chunks sees every earlier chunk).
ChunkWork = Callable[[list[tuple[int, Features]]], Any]


@contextlib.contextmanager
def extract_ahead(
    docs: list[tuple[int, Story]],
    config: DedupConfig,
    entities: EntityFinder | None,
    workers: int = 1,
    after: ChunkWork | None = None,
) -> Iterator[Iterator[tuple[list[tuple[int, Features]], Any]]]:
    """The stories' features, in chunks and in order, extracted ahead of the caller.

    Checking a batch against the store is sequential (each story is judged with the word
    frequencies the earlier ones leave), but extracting features is not: with `workers` > 1,
    a forked worker extracts the chunks while the caller checks the earlier ones, handing
    them back through files in shared memory as `build` does. `after`, if given, runs in
    the worker on each chunk in order; its result comes with the chunk (None in line).
    """
    bounds = [(i, min(i + AHEAD_CHUNK, len(docs))) for i in range(0, len(docs), AHEAD_CHUNK)]
    if workers <= 1 or len(docs) < AHEAD_MIN:
        size, found = config.shingle_size, entities
        yield (([(i, extract(doc, size, found)) for i, doc in docs[a:b]], None) for a, b in bounds)
        return
    prefix = f"newsdesk-ahead-{os.getpid()}-{id(bounds)}-"
    _SHARED.update(config=config, entities=entities, docs=docs, spill=prefix, after=after)
    try:
        # one worker: chunks are extracted in order, so `after` can carry state across them
        with _pool(1) as pool:
            todo = iter(bounds)
            # bounded lookahead: a 100k ingest must not park all its features in memory
            pending = [pool.apply_async(_extract_ahead_to_file, (b,)) for b in islice(todo, AHEAD)]

            def chunks() -> Iterator[tuple[list[tuple[int, Features]], Any]]:
                while pending:
                    result = pending.pop(0)
                    for b in islice(todo, 1):
                        pending.append(pool.apply_async(_extract_ahead_to_file, (b,)))
                    yield _load(result.get())

            yield chunks()
    finally:
        _SHARED.clear()
        for path in Path(_spill_dir() or tempfile.gettempdir()).glob(f"{prefix}*"):
            with contextlib.suppress(OSError):
                path.unlink()


def _sweep_orphan_spills() -> None:
    """Spill files of a pass whose process is gone (killed with -9, say): nothing else would
    ever remove them, and they hold memory in /dev/shm."""
    for path in Path(_spill_dir() or tempfile.gettempdir()).glob("newsdesk-*-*"):
        try:
            pid = int(path.name.split("-")[2])
        except (IndexError, ValueError):
            continue
        if not _alive(pid):
            with contextlib.suppress(OSError):
                path.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    return True


def _extract_ahead_to_file(bounds: tuple[int, int]) -> str:
    fd, path = tempfile.mkstemp(prefix=_SHARED["spill"], suffix=".pickle", dir=_spill_dir())
    chunk = _extract_range(bounds)
    after: ChunkWork | None = _SHARED.get("after")
    extra = after(chunk) if after is not None else None
    with os.fdopen(fd, "wb") as handle:
        pickle.dump((chunk, extra), handle, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _load(path: str) -> Any:
    try:
        with open(path, "rb") as handle:
            return pickle.loads(handle.read())
    finally:
        os.unlink(path)


def _spill_dir() -> str | None:
    return "/dev/shm" if os.path.isdir("/dev/shm") else None  # memory, not disk, on Linux


def _extract_to_file(bounds: tuple[int, int]) -> str:
    fd, path = tempfile.mkstemp(prefix=_SHARED["spill"], suffix=".pickle", dir=_spill_dir())
    with os.fdopen(fd, "wb") as handle:
        pickle.dump(_extract_range(bounds), handle, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _extract_range(bounds: tuple[int, int]) -> list[tuple[int, Features]]:
    config, entities = _SHARED["config"], _SHARED["entities"]
    docs: list[tuple[int, Story]] = _SHARED["docs"]
    return [
        (doc_id, extract(doc, config.shingle_size, entities))
        for doc_id, doc in docs[bounds[0] : bounds[1]]
    ]


def _span(posting: list[tuple[int, int | None]]) -> tuple[int, list[int], list[int], list[int]]:
    dated = sorted((d, doc) for doc, d in posting if d is not None)
    undated = [doc for doc, d in posting if d is None]
    return len(posting), [d for d, _ in dated], [doc for _, doc in dated], undated


def _verify_part(part: tuple[int, tuple[int, int]]) -> tuple[int, list[Link]]:
    return part[0], _verify_range(part[1])


def _verify_range(bounds: tuple[int, int]) -> list[Link]:
    index: DedupIndex = _SHARED["index"]
    extracted: list[tuple[int, Features]] = _SHARED["extracted"]
    keys: list[dict[int, int]] = _SHARED["keys"]
    links: list[Link] = []
    for pos in range(*bounds):
        doc_id, f = extracted[pos]
        found = index.candidates(f, exclude=doc_id, before=pos, keys=keys[pos])
        links.extend(index.verify(doc_id, f, found))
    return links
