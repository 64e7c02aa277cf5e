"""Dedup quality measured through the product's own path, as an editor would meet it.

    python bench/dedup_eval.py [--idnews] [--ecb] [--own] [--synth N] [--diagnostics]
                               [--errors N] [--json OUT] [--newsdesk CMD] [--rules FILE]

Per set: a fresh store in a temp folder, the set's files ingested with `newsdesk ingest FILE
--json` (a subprocess, shipped rules.yaml), then links and families read back with `newsdesk
dedup --json` and `newsdesk families --json` (or, while that command does not exist, the
closure of the duplicate links). Every product figure comes from what the CLI prints.
Diagnostics (`--diagnostics`) call the judge directly and are labelled so: never the product.

Default: every set whose data is present. Shared data is read from ../shared/ (never copied
into the repo); absent sets are skipped with a message.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import desk_path  # noqa: E402
from desk_path import DeskCLI, SetFile, Stored  # noqa: E402
from eval_metrics import (  # noqa: E402
    PRF,
    best_threshold,
    clustering_scores,
    cosine,
    read_jsonl,
    tfidf_vectors,
)
from judge_diagnostics import (  # noqa: E402, F401  (re-exported: older tests import these)
    average_link,
    corpus_texts,
    eval_pairs,
    labelled_texts,
)

SHARED = ROOT.parent / "shared"
ECB = SHARED / "eval" / "ecbplus-dev.jsonl"
IDNEWS_PAIRS = SHARED / "eval" / "idnews-pairs-dev.jsonl"
CORPUS = SHARED / "corpus"
IDNEWS_CORPUS = CORPUS / "gikirima_rss_2025-06-18_20.jsonl"
SECOND_CORPUS = CORPUS / "svmihar_news-similarity_2019-01.jsonl"
LABELLED = ROOT / "tests" / "data" / "dedup_pairs_id.jsonl"
LABELLED_DOCS = ROOT / "tests" / "data" / "dedup_docs_id.jsonl"
CORPUS_PAIRS = ROOT / "tests" / "data" / "dedup_pairs_corpus.jsonl"
RULES = ROOT / "rules.yaml"
SEEDS = ROOT / "seeds"

FIELDS = ("title", "body", "url", "outlet", "published")
LABELS = {"duplicate": "duplicate", "related": "related", "unrelated": "unrelated"}
LABELS["none"] = "unrelated"  # the project's own sets say "none"


# --- what the desk says about a pair ----------------------------------------------------


@dataclass
class DeskView:
    """The links and families of a built store, indexed for pair questions."""

    stored: Stored
    direct: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    between: dict[frozenset[Any], set[str]] = field(default_factory=lambda: defaultdict(set))
    dup: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for link in self.stored.links:
            a, b = int(link["a"]), int(link["b"])
            self.direct[min(a, b), max(a, b)] = link
            if link["kind"] == "duplicate":
                self.dup[a].append(b)
                self.dup[b].append(a)
            fa, fb = self.family(a), self.family(b)
            if fa != fb:
                self.between[frozenset((fa, fb))].add(link["kind"])

    def family(self, article: int) -> Any:
        return self.stored.family.get(article, ("single", article))

    def link(self, a: int, b: int) -> dict[str, Any] | None:
        return self.direct.get((min(a, b), max(a, b)))

    def chain(self, a: int, b: int) -> list[list[Any]]:
        """The shortest run of duplicate links from a to b: [a, b, score] per step."""
        came: dict[int, int] = {a: a}
        queue = deque([a])
        while queue and b not in came:
            node = queue.popleft()
            for nxt in self.dup[node]:
                if nxt not in came:
                    came[nxt] = node
                    queue.append(nxt)
        if b not in came:
            return []  # one family by the families command, not by links
        steps, node = [], b
        while node != a:
            prev = came[node]
            steps.append([prev, node, self.direct[min(prev, node), max(prev, node)]["score"]])
            node = prev
        return steps[::-1]

    def across(self, a: int, b: int) -> list[list[Any]]:
        """The strongest link between the two stories' families: [x, y, kind, score]."""
        fa, fb = self.family(a), self.family(b)
        found = [
            [x, y, link["kind"], link["score"]]
            for (x, y), link in self.direct.items()
            if {self.family(x), self.family(y)} == {fa, fb}
        ]
        return sorted(found, key=lambda row: -row[3])[:1]

    def by_family(self, a: int, b: int) -> str:
        """duplicate: one family; related: a link joins their two families; else unrelated."""
        if a == b or self.family(a) == self.family(b):
            return "duplicate"
        return (
            "related"
            if self.between.get(frozenset((self.family(a), self.family(b))))
            else ("unrelated")
        )

    def as_reported(self, a: int, b: int) -> str:
        """The direct link between the two stories, if any (one stored story: duplicate)."""
        if a == b:
            return "duplicate"
        link = self.link(a, b)
        return link["kind"] if link else "unrelated"


def score_labelled(pairs: list[dict[str, Any]], stored: Stored, errors: int = 0) -> dict[str, Any]:
    """Labelled pairs against the desk: duplicate P/R/F1 (families and as reported), related
    shown as related, unrelated left unlinked; plus the misjudged pairs when `errors`.

    A record the store refused (same URL re-scraped, or same content) is represented by its
    stored twin, whose text may differ from what the labellers read: the same figures without
    those pairs follow under `without_refused_records`.
    """
    view = DeskView(stored)
    out, wrong = _score(pairs, view)
    refused = {r["id"] for r in stored.refused}
    clean = [p for p in pairs if p["a"] not in refused and p["b"] not in refused]
    if len(clean) < len(pairs):
        out["without_refused_records"], _ = _score(clean, view)
    if errors:
        # false duplicates first (precision is the target), then missed ones, then the rest
        order = {True: 0, False: 1}
        wrong.sort(key=lambda e: (order[e["desk"] == "duplicate"], e["label"] != "duplicate"))
        out["errors"] = wrong[:errors]
    return out


def _score(pairs: list[dict[str, Any]], view: DeskView) -> tuple[dict[str, Any], list[dict]]:
    stored = view.stored
    dup_family, dup_reported = PRF(), PRF()
    shown: Counter[str] = Counter()
    total: Counter[str] = Counter()
    confusion: Counter[str] = Counter()
    missing = one_story = 0
    wrong: list[dict[str, Any]] = []
    for pair in pairs:
        label = LABELS[pair["label"]]
        a, b = stored.ids.get(pair["a"]), stored.ids.get(pair["b"])
        if a is None or b is None:
            missing += 1
            continue
        one_story += a == b
        said, reported = view.by_family(a, b), view.as_reported(a, b)
        total[label] += 1
        dup_family.add(said == "duplicate", label == "duplicate")
        dup_reported.add(reported == "duplicate", label == "duplicate")
        confusion[f"{label}->{said}"] += 1
        if label == "related":
            shown["related_by_family"] += said == "related"
            shown["related_direct"] += reported == "related"
        elif label == "unrelated":
            shown["unrelated_by_family"] += said == "unrelated"
            shown["unrelated_direct"] += reported == "unrelated"
        if said != label:
            wrong.append(_error_row(pair, label, said, a, b, view))
    out: dict[str, Any] = {
        "pairs": sum(total.values()),
        "by_label": dict(total),
        "missing": missing,
        "both_one_stored_story": one_story,
        "duplicate_by_family": dup_family.row(),
        "duplicate_as_reported": dup_reported.row(),
        "related_shown_as_related": {
            "by_family": f"{shown['related_by_family']}/{total['related']}",
            "direct_related_link": f"{shown['related_direct']}/{total['related']}",
        },
        "unrelated_left_unlinked": {
            "by_family": f"{shown['unrelated_by_family']}/{total['unrelated']}",
            "no_direct_link": f"{shown['unrelated_direct']}/{total['unrelated']}",
        },
        "confusion_by_family": dict(sorted(confusion.items())),
    }
    return out, wrong


def _error_row(
    pair: dict[str, Any], label: str, said: str, a: int, b: int, view: DeskView
) -> dict[str, Any]:
    link = view.link(a, b)
    arts = view.stored.articles
    row = {
        "a": pair["a"],
        "b": pair["b"],
        "stored": [a, b],
        "outlets": [arts.get(a, {}).get("outlet"), arts.get(b, {}).get("outlet")],
        "titles": [arts.get(a, {}).get("title"), arts.get(b, {}).get("title")],
        "label": label,
        "desk": said,
        "link": link["kind"] if link else None,
        "score": link["score"] if link else None,
        "reasons": link["reasons"] if link else [],
        "note": pair.get("note") or pair.get("why"),
    }
    if said == "duplicate" and a != b and (link or {}).get("kind") != "duplicate":
        row["via"] = view.chain(a, b)  # one family only through other stories
    elif said == "related" and link is None:
        row["via"] = view.across(a, b)
    return row


def family_scores(records: list[dict[str, Any]], stored: Stored, gold_key: str) -> dict[str, Any]:
    """Families against gold groups: pairwise, B-cubed, ARI; plus pairs as directly reported.

    A record the store refused as identical counts in its twin's family; an unmapped record is
    a family of its own.
    """
    view = DeskView(stored)
    predicted, gold, mapped = [], [], []
    for r in records:
        article = stored.ids.get(str(r["id"]))
        predicted.append(view.family(article) if article is not None else ("unmapped", r["id"]))
        gold.append(r[gold_key])
        mapped.append(article)
    out = clustering_scores(predicted, gold)
    reported = PRF()
    by_gold: dict[Any, list[int]] = defaultdict(list)
    for i, group in enumerate(gold):
        by_gold[group].append(i)
    positives = sum(len(v) * (len(v) - 1) // 2 for v in by_gold.values())
    # pairs as reported: direct duplicate links (and twins) among the set's records
    index: dict[int, list[int]] = defaultdict(list)
    for i, article in enumerate(mapped):
        if article is not None:
            index[article].append(i)
    claimed: set[tuple[int, int]] = set()
    for members in index.values():
        claimed.update((i, j) for i in members for j in members if i < j)
    for (a, b), link in view.direct.items():
        if link["kind"] == "duplicate":
            claimed.update(
                (min(i, j), max(i, j)) for i in index.get(a, []) for j in index.get(b, [])
            )
    tp = sum(gold[i] == gold[j] for i, j in claimed)
    reported.tp, reported.fp, reported.fn = tp, len(claimed) - tp, positives - tp
    out["pairs_as_reported"] = reported.row()
    return out


# --- the sets ----------------------------------------------------------------------------


@dataclass
class Run:
    """Shared state of one harness run: the CLI, a temp folder, stores built so far."""

    cli: DeskCLI
    tmp: Path
    errors: int = 0
    diagnostics: bool = False
    stores: dict[str, Stored] = field(default_factory=dict)

    def build(self, name: str, files: list[SetFile]) -> Stored:
        folder = self.tmp / name
        folder.mkdir(exist_ok=True)
        stored = desk_path.build(self.cli, folder / "desk.db", files)
        self.stores[name] = stored
        return stored

    def written(self, name: str, records: list[dict[str, Any]]) -> SetFile:
        folder = self.tmp / name
        folder.mkdir(exist_ok=True)
        return SetFile.write(folder / f"{name}.jsonl", records, FIELDS)


def skipped(*paths: Path) -> str | None:
    absent = [str(p) for p in paths if not p.exists()]
    return f"skipped: {', '.join(absent)} absent" if absent else None


def run_idnews(run: Run) -> dict[str, Any]:
    """The whole corpus file ingested as delivered; the 365 agreed pairs scored."""
    if why := skipped(IDNEWS_PAIRS, IDNEWS_CORPUS):
        return {"skipped": why}
    stored = run.build("idnews", [SetFile.read(IDNEWS_CORPUS)])
    pairs = read_jsonl(IDNEWS_PAIRS)
    agreed = [p for p in pairs if p.get("agreed")]
    out: dict[str, Any] = {"store": stored.summary(), "agreed": len(agreed), "all": len(pairs)}
    out.update(score_labelled(agreed, stored, run.errors))
    out["tfidf_baseline"] = tfidf_baseline(agreed)
    if run.diagnostics:
        out["diagnostic"] = _guarded(lambda: idnews_diagnostics(run, stored, agreed))
    return out


def tfidf_baseline(agreed: list[dict[str, Any]]) -> dict[str, Any]:
    """For scale: body TF-IDF cosine (1-2-grams, sublinear tf, idf over the corpus), best cut.

    The cut is chosen on the answers: an upper bound for that method, not a shipped setting.
    """
    bodies = {r["id"]: r.get("body") or "" for r in read_jsonl(IDNEWS_CORPUS)}
    wanted = {i for p in agreed for i in (p["a"], p["b"]) if i in bodies}
    vectors = tfidf_vectors({i: bodies[i] for i in wanted}, fit_on=bodies.values())
    scored = [
        (cosine(vectors[p["a"]], vectors[p["b"]]), p["label"] == "duplicate")
        for p in agreed
        if p["a"] in vectors and p["b"] in vectors
    ]
    what = "body tf-idf cosine, idf over the corpus file, best cut"
    return {"what": what, **best_threshold(scored)}


def ecb_outlet(record: dict[str, Any]) -> str:
    """One outlet per article (ECB+ stories are independent write-ups), named from its URL."""
    host = urlsplit(record["url"]).hostname if record.get("url") else None
    host = (host or "ecbplus").removeprefix("www.")
    return f"{host} [{record['id']}]"


def run_ecb(run: Run) -> dict[str, Any]:
    """All 496 articles ingested (one outlet each); families against gold events."""
    if why := skipped(ECB):
        return {"skipped": why}
    records = read_jsonl(ECB)
    rows = [{**r, "outlet": r.get("outlet") or ecb_outlet(r)} for r in records]
    stored = run.build("ecbplus", [run.written("ecbplus", rows)])
    out: dict[str, Any] = {"store": stored.summary(), "articles": len(records)}
    out.update(family_scores(records, stored, "event"))
    if run.diagnostics:
        out["diagnostic"] = _guarded(lambda: ecb_diagnostics(run, stored, records))
    return out


def run_own(run: Run) -> dict[str, Any]:
    """The project's labelled Indonesian sets: hand-made texts, and real-corpus pairs."""
    out: dict[str, Any] = {}
    if why := skipped(LABELLED, LABELLED_DOCS):
        out["labelled_id"] = {"skipped": why}
    else:
        # the seeds as the plain-text files they are; the other texts as JSON Lines
        seeds = [SetFile.text(p, f"seed:{p.name[:3]}") for p in sorted(SEEDS.glob("*.txt"))]
        docs = run.written("own_labelled", read_jsonl(LABELLED_DOCS))
        stored = run.build("own_labelled", [*seeds, docs])
        out["labelled_id"] = {"store": stored.summary()}
        out["labelled_id"].update(score_labelled(read_jsonl(LABELLED), stored, run.errors))
    if why := skipped(CORPUS_PAIRS, IDNEWS_CORPUS, SECOND_CORPUS):
        out["corpus_pairs"] = {"skipped": why}
        return out
    # both corpus files, one ingest each, in this order; reuses the idnews store when built
    stored = run.stores.get("idnews") or run.build("corpus", [SetFile.read(IDNEWS_CORPUS)])
    desk_path.ingest(run.cli, stored, [SetFile.read(SECOND_CORPUS)])
    desk_path.read_back(run.cli, stored)
    out["corpus_pairs"] = {"store": stored.summary()}
    out["corpus_pairs"].update(score_labelled(read_jsonl(CORPUS_PAIRS), stored, run.errors))
    return out


def run_synth(run: Run, n: int) -> dict[str, Any]:
    """The synthetic corpus (bench/synth.py): families against its `dup_group` labels."""
    import synth

    records = list(synth.generate(n, seed=0))
    stored = run.build("synth", [run.written("synth", records)])
    gold = [{**r, "gold": r.get("dup_group") or f"alone:{r['id']}"} for r in records]
    return {"store": stored.summary(), "stories": n, **family_scores(gold, stored, "gold")}


# --- diagnostics (not the product's path) -----------------------------------------------


def _guarded(work: Any) -> Any:
    """Diagnostics use newsdesk's internals, which may change under them: fail soft."""
    try:
        started = time.perf_counter()
        result = work()
        result["seconds"] = round(time.perf_counter() - started, 1)
        return result
    except Exception as exc:  # a diagnostic must never sink the product figures
        return {"unavailable": f"{type(exc).__name__}: {exc}"}


DIAGNOSTIC = "diagnostic (not the product's path): the judge called directly on stored stories"


def idnews_diagnostics(run: Run, stored: Stored, agreed: list[dict[str, Any]]) -> dict[str, Any]:
    from judge_diagnostics import StoredJudge

    judge = StoredJudge(stored.db, run.cli.rules)
    view = DeskView(stored)
    dup = PRF()
    lost = 0
    for pair in agreed:
        a, b = stored.ids.get(pair["a"]), stored.ids.get(pair["b"])
        if a is None or b is None:
            continue
        kind = "duplicate" if a == b else judge.verdict(a, b).kind
        dup.add(kind == "duplicate", pair["label"] == "duplicate")
        lost += kind == "duplicate" and a != b and view.link(a, b) is None
    return {
        "what": DIAGNOSTIC,
        "judge_on_agreed_pairs": dup.row(),
        "judge_duplicates_the_desk_never_linked": lost,
    }


def ecb_diagnostics(run: Run, stored: Stored, records: list[dict[str, Any]]) -> dict[str, Any]:
    from judge_diagnostics import StoredJudge

    judge = StoredJudge(stored.db, run.cli.rules)
    view = DeskView(stored)
    kinds: dict[tuple[int, int], str] = {}
    for a, b, verdict in judge.all_pairs(judge.features):
        kinds[a, b] = verdict.kind
    judged_dup = [p for p, k in kinds.items() if k == "duplicate"]
    never = sum(view.link(a, b) is None for a, b in judged_dup)
    not_dup = sum((view.link(a, b) or {}).get("kind") != "duplicate" for a, b in judged_dup)
    prf = PRF()
    ids = [stored.ids.get(str(r["id"])) for r in records]
    for i in range(len(records)):
        for j in range(i + 1, len(records)):
            a, b = ids[i], ids[j]
            if a is None or b is None:
                continue
            said = a == b or kinds.get((min(a, b), max(a, b))) == "duplicate"
            prf.add(said, records[i]["event"] == records[j]["event"])
    return {
        "what": DIAGNOSTIC,
        "stored_pairs_judged": len(kinds),
        "judge_duplicates": len(judged_dup),
        "judge_duplicates_never_reported": never,
        "judge_duplicates_not_reported_as_duplicate": not_dup,
        "judge_vs_events": prf.row(),
    }


# --- output ------------------------------------------------------------------------------


def _prf(row: dict[str, Any]) -> str:
    return f"P {row['precision']:.3f}  R {row['recall']:.3f}  F1 {row['f1']:.3f}"


def _store_line(store: dict[str, Any]) -> str:
    runs = " + ".join(
        f"{r['file']} {r['seconds']:.1f} s wall / {r['cpu_seconds']:.1f} s CPU"
        for r in store["ingest_runs"]
    )
    mapped = ", ".join(f"{v} by {k}" for k, v in store["mapped_by"].items())
    return (
        f"  store: {store['stored']} stories; ingest {runs}\n"
        f"  ids: {store['mapped']} mapped ({mapped}; order spot-checked "
        f"{store['order_spot_checks_ok']}), unmapped {store['unmapped']}, "
        f"ingest errors {store['ingest_errors']}; links {store['links']}\n  {store['families']}"
    )


def _labelled_lines(result: dict[str, Any]) -> list[str]:
    lines = [
        f"  pairs {result['pairs']} {result['by_label']} (missing {result['missing']}, "
        f"both ids one stored story {result['both_one_stored_story']})",
        f"  duplicate, one family     : {_prf(result['duplicate_by_family'])}",
        f"  duplicate, as reported    : {_prf(result['duplicate_as_reported'])}",
        f"  related shown as related  : {result['related_shown_as_related']['by_family']} "
        f"(a link between their families; direct related link "
        f"{result['related_shown_as_related']['direct_related_link']})",
        f"  unrelated left unlinked   : {result['unrelated_left_unlinked']['by_family']} "
        f"(no link between their families; no direct link "
        f"{result['unrelated_left_unlinked']['no_direct_link']})",
    ]
    return lines


def human(results: dict[str, Any]) -> str:
    """A compact table per set."""
    out: list[str] = []
    for name, result in results.items():
        if name.startswith("_"):
            continue
        out.append(f"== {name}")
        parts = result.items() if name == "own" else [(None, result)]
        for sub, res in parts:
            if sub:
                out.append(f"-- {sub}")
            if "skipped" in res:
                out.append(f"  {res['skipped']}")
                continue
            out.append(_store_line(res["store"]))
            if "pairwise" in res:
                out.append(
                    f"  families {res['clusters']} vs gold {res['gold_groups']}: "
                    f"pairwise {_prf(res['pairwise'])}"
                )
                out.append(f"  B-cubed {_prf(res['bcubed'])}   ARI {res['ari']:.3f}")
                reported = _prf(res["pairs_as_reported"])
                out.append(f"  pairs as reported (direct duplicate links): {reported}")
            else:
                out += _labelled_lines(res)
                if "without_refused_records" in res:
                    out.append("  without pairs with a record the store refused (twin stands in):")
                    out += _labelled_lines(res["without_refused_records"])
            if "tfidf_baseline" in res:
                base = res["tfidf_baseline"]
                out.append(
                    f"  baseline, body tf-idf, best cut chosen on the answers: F1 {base['f1']:.3f} "
                    f"(P {base['precision']:.3f} R {base['recall']:.3f} at {base['threshold']})"
                )
            if "diagnostic" in res:
                out.append(
                    "  diagnostic (not the product's path): "
                    + json.dumps({k: v for k, v in res["diagnostic"].items() if k != "what"})
                )
            for e in res.get("errors", []):
                out.append(
                    f"  ! {e['a']} / {e['b']} [{' | '.join(map(str, e['outlets']))}] "
                    f"label {e['label']}, desk {e['desk']} (link {e['link']} {e['score']})"
                )
                out.append(f"      {e['titles'][0]!r}\n      {e['titles'][1]!r}")
                if e["reasons"]:
                    out.append(f"      reasons: {'; '.join(e['reasons'])}")
                if e.get("via"):
                    out.append(f"      via: {e['via']}")
                if e["note"]:
                    out.append(f"      labeller: {e['note']}")
    return "\n".join(out)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--idnews", action="store_true", help="idnews-pairs-dev (real Indonesian)")
    parser.add_argument("--ecb", action="store_true", help="ecbplus-dev (English, gold events)")
    parser.add_argument("--own", action="store_true", help="tests/data labelled Indonesian sets")
    parser.add_argument("--synth", type=int, default=0, metavar="N", help="synthetic corpus, N")
    parser.add_argument("--diagnostics", action="store_true", help="judge-only diagnostics too")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list N misjudged pairs")
    parser.add_argument("--json", metavar="OUT", help="write every figure as JSON to OUT")
    parser.add_argument(
        "--newsdesk",
        metavar="CMD",
        help="the newsdesk command (default: the one installed beside this Python)",
    )
    parser.add_argument("--rules", type=Path, default=RULES, help="rules file (default: shipped)")
    parser.add_argument("--keep", type=Path, help="build the stores here and keep them")
    args = parser.parse_args(list(argv) if argv is not None else None)
    everything = not (args.idnews or args.ecb or args.own or args.synth)
    cli = DeskCLI.of(args.newsdesk, args.rules.resolve())
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="dedup_eval_") as scratch:
        tmp = args.keep.resolve() if args.keep else Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        run = Run(cli, tmp, errors=args.errors, diagnostics=args.diagnostics)
        if not SHARED.exists() and (everything or args.idnews or args.ecb):
            print(f"{SHARED} is absent: the shared sets are skipped", file=sys.stderr)
        if args.idnews or everything:
            results["idnews"] = run_idnews(run)
        if args.ecb or everything:
            results["ecbplus"] = run_ecb(run)
        if args.own or everything:
            results["own"] = run_own(run)
        if args.synth:
            results["synthetic"] = run_synth(run, args.synth)
    results["_run"] = {"newsdesk": cli.command, "rules": str(cli.rules)}
    print(human(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
