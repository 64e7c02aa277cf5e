"""The synthetic corpus: deterministic, realistic enough, and labelled truthfully.

Benchmarks and the dedup evaluation trust these labels, so the tests check them against the
text itself: a duplicate group must really share names, figures and quotes; a related group
must really share its person but not its dates.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import synth
from synth_data.outlets import OUTLETS

N = 500
MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
DAYS = "Senin|Selasa|Rabu|Kamis|Jumat|Jum’at|Jum'at|Sabtu|Minggu"
INDONESIAN_DATE = re.compile(
    rf"\b(?:{DAYS})\b[ ,]*\(?\d{{1,2}}[/ ]|\b\d{{1,2}} (?:{MONTHS}) \d{{4}}"
)
FIGURE = re.compile(
    r"\d{1,3}(?:\.\d{3})+|\d+,\d+|Rp \d+(?:,\d+)? (?:juta|miliar|triliun)|(?<![\d/])\d{3,}(?![\d/])"
)
YEAR = re.compile(r"(?:19|20)\d\d")
QUOTE = re.compile(r"“(.+?)[,.]?”")
SENTENCE = re.compile(r"[^.!?”“\n]{25,}[.!?]")


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    return list(synth.generate(N, seed=3))


def groups(records: list[dict[str, Any]], key: str) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if record[key] is not None:
            found[record[key]].append(record)
    return found


def figures(record: dict[str, Any]) -> set[str]:
    return {f for f in FIGURE.findall(record["body"]) if not YEAR.fullmatch(f)}


def quotes(record: dict[str, Any]) -> set[str]:
    return {q.strip() for q in QUOTE.findall(record["body"])}


def shared_quotes(a: dict[str, Any], b: dict[str, Any]) -> int:
    """Quotes of `a` found in `b`, allowing for a republisher's typos."""
    theirs = quotes(b)
    return sum(any(fuzz.ratio(q, t) >= 90 for t in theirs) for q in quotes(a))


def sentences(record: dict[str, Any]) -> set[str]:
    return {s.strip() for s in SENTENCE.findall(record["body"])}


def event_key(record: dict[str, Any]) -> Any:
    return ("dup", record["dup_group"]) if record["dup_group"] else ("id", record["id"])


# --------------------------------------------------------------------------- determinism


def test_same_seed_gives_identical_output() -> None:
    assert list(synth.generate(200, seed=11)) == list(synth.generate(200, seed=11))


def test_another_seed_gives_another_corpus() -> None:
    first = [r["body"] for r in synth.generate(50, seed=1)]
    second = [r["body"] for r in synth.generate(50, seed=2)]
    assert not set(first) & set(second)


def test_the_count_is_exact_even_when_a_group_is_cut() -> None:
    for seed in range(4):
        for n in (1, 2, 3, 7, 60, 333):
            assert len(list(synth.generate(n, seed=seed))) == n


# --------------------------------------------------------------------------- record shape


def test_records_carry_fields_and_labels(corpus: list[dict[str, Any]]) -> None:
    for record in corpus:
        assert record["title"] and record["body"] and record["outlet"]
        assert record["url"].startswith("https://")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["published"])
        assert record["published"] >= record["event_date"]
        assert (
            record["variant"] == "original"
            or record["variant"] == "rewrite"
            or record["variant"].startswith("republish:dateline")
        )
        assert record["people"] and record["people"][0] in record["body"]


def test_ids_urls_and_bodies_are_unique(corpus: list[dict[str, Any]]) -> None:
    for key in ("id", "url", "body"):
        assert len({r[key] for r in corpus}) == N, key


def test_bodies_are_about_four_hundred_words(corpus: list[dict[str, Any]]) -> None:
    counts = [len(r["body"].split()) for r in corpus]
    assert 370 <= statistics.median(counts) <= 440
    assert min(counts) >= 250 and max(counts) <= 600


def test_paragraphs_are_separated_by_blank_lines(corpus: list[dict[str, Any]]) -> None:
    for record in corpus:
        assert len(record["body"].split("\n\n")) >= 8


def test_body_opens_with_the_outlets_dateline(corpus: list[dict[str, Any]]) -> None:
    patterns = {
        o["name"]: re.compile(
            re.escape(o["dateline"].rstrip())
            .replace(re.escape("{CITY}"), r"[A-Z][A-Z .'-]+")
            .replace(re.escape("{City}"), r"[A-Z][A-Za-z .'-]+")
            + " "
        )
        for o in OUTLETS
    }
    for record in corpus:
        assert patterns[record["outlet"]].match(record["body"]), record["body"][:80]


def test_every_story_dates_its_event_in_indonesian(corpus: list[dict[str, Any]]) -> None:
    for record in corpus:
        day = [int(x) for x in record["event_date"].split("-")]
        month = synth.ph.MONTHS[day[1] - 1]
        forms = (f"({day[2]}/{day[1]}", f"{day[2]} {month} ", f"{day[2]} {month[:3]}")
        lede = record["body"].split("\n\n")[0]
        assert INDONESIAN_DATE.search(lede), lede
        assert any(form in lede for form in forms), (record["event_date"], lede)


def test_date_forms_vary_across_the_corpus(corpus: list[dict[str, Any]]) -> None:
    text = "\n".join(r["body"] for r in corpus)
    assert re.search(r"\((\d{1,2})/(\d{1,2})/20\d\d\)", text)  # Selasa (14/10/2025)
    assert re.search(rf"\d{{1,2}} (?:{MONTHS}) 20\d\d", text)  # 3 Oktober 2025
    assert re.search(r"Jum[’']at", text)


def test_raw_text_carries_boilerplate(corpus: list[dict[str, Any]]) -> None:
    markers = re.compile(
        r"• Bagikan|Baca [Jj]uga|ADVERTISEMENT|Advertisement|Editor ?:|Penulis:|Pewarta:|"
        r"Artikel ini telah tayang di|Google News|WhatsApp Channel|Pilihan Editor"
    )
    assert all(markers.search(r["body"]) for r in corpus)
    text = "\n".join(r["body"] for r in corpus)
    for needle in (
        "• Bagikan",
        "Baca Juga: ",
        "Baca Juga : ",
        "ADVERTISEMENT",
        "Editor: ",
        "Artikel ini telah tayang di ",
    ):
        assert needle in text, needle


def test_realistic_mix_of_places_outlets_and_figures(corpus: list[dict[str, Any]]) -> None:
    text = "\n".join(r["body"] for r in corpus)
    assert len({r["outlet"] for r in corpus}) >= 20
    provinces = {p[0] for p in synth.pl.PROVINCES if p[0] in text}
    assert len(provinces) >= 20
    home = re.compile(
        "Kalimantan Barat|Kalbar|"
        + "|".join(k.split(" ", 1)[1] for k in synth.pl.REGENCIES["Kalimantan Barat"])
    )
    assert sum(bool(home.search(r["body"])) for r in corpus) > N / 2  # a West Kalimantan desk
    for pattern in (r"\d{1,3}(?:\.\d{3}){2} orang", r"Rp \d+ miliar", r"\d+,\d+(?:%| persen)"):
        assert re.search(pattern, text), pattern
    for word in ("Sekda", "Gubernur", "Bupati", "DPRD", "Pemprov"):
        assert word in text


# --------------------------------------------------------------------------- labels


def test_about_a_quarter_of_stories_are_in_duplicate_groups(corpus: list[dict[str, Any]]) -> None:
    share = sum(r["dup_group"] is not None for r in corpus) / N
    assert 0.15 <= share <= 0.35
    sizes = {len(members) for members in groups(corpus, "dup_group").values()}
    assert sizes <= {2, 3, 4, 5} and 2 in sizes


def test_duplicates_share_person_figures_and_quotes(corpus: list[dict[str, Any]]) -> None:
    for members in groups(corpus, "dup_group").values():
        assert len({m["outlet"] for m in members}) == len(members)
        assert len({m["event_date"] for m in members}) == 1
        [original] = [m for m in members if m["variant"] == "original"]
        for member in members:
            assert original["people"][0] in member["body"]
            assert len(figures(original) & figures(member)) >= 2
            assert shared_quotes(original, member) >= 2


def test_rewrites_tell_the_same_event_in_other_sentences(corpus: list[dict[str, Any]]) -> None:
    rewrites = [r for r in corpus if r["variant"] == "rewrite"]
    assert rewrites
    originals = {r["dup_group"]: r for r in corpus if r["dup_group"] and r["variant"] == "original"}
    for rewrite in rewrites:
        original = originals[rewrite["dup_group"]]
        assert rewrite["title"] != original["title"]
        shared = sentences(rewrite) & sentences(original)
        assert len(shared) <= len(sentences(rewrite)) / 2


def test_republications_show_their_edits(corpus: list[dict[str, Any]]) -> None:
    republished = [r for r in corpus if r["variant"].startswith("republish:")]
    originals = {r["dup_group"]: r for r in corpus if r["dup_group"] and r["variant"] == "original"}
    seen: set[str] = set()
    for copy in republished:
        original = originals[copy["dup_group"]]
        edits = set(copy["variant"].split(":")[1].split("+"))
        seen |= edits
        assert copy["body"].split(" ")[0] != original["body"].split(" ")[0] or (
            copy["outlet"] != original["outlet"]
        )
        if "headline" in edits:
            assert copy["title"] != original["title"]
        else:
            assert copy["title"] == original["title"]
        if "drop" in edits:
            assert not sentences(original) <= sentences(copy)
    assert {"drop", "reorder", "headline", "boilerplate", "typos"} <= seen


def test_related_stories_share_a_person_but_not_dates(corpus: list[dict[str, Any]]) -> None:
    related = groups(corpus, "rel_group")
    assert len(related) >= 5
    for members in related.values():
        events: dict[Any, dict[str, Any]] = {}
        for member in members:
            events.setdefault(event_key(member), member)
        assert len(events) >= 2
        person = members[0]["people"][0]
        assert all(person in m["body"] for m in members)
        dates = [e["event_date"] for e in events.values()]
        assert len(set(dates)) == len(dates)
        for a, b in combinations(events.values(), 2):
            assert len(figures(a) & figures(b)) <= 1
            assert len(quotes(a) & quotes(b)) <= 1  # one stock line, at most


def test_template_headlines_look_alike_but_are_other_events(
    corpus: list[dict[str, Any]],
) -> None:
    traps = groups(corpus, "template_group")
    assert traps
    similarity: list[float] = []
    for members in traps.values():
        originals = [m for m in members if m["variant"] == "original"]
        assert len({event_key(m) for m in originals}) == len(originals) >= 2
        assert len({m["event_date"] for m in originals}) == len(originals)
        for a, b in combinations(originals, 2):
            similarity.append(fuzz.ratio(a["title"], b["title"]))
            assert similarity[-1] >= 65, (a["title"], b["title"])
            assert a["title"] != b["title"]
            assert len(figures(a) & figures(b)) <= 1
    assert statistics.mean(similarity) >= 75


# --------------------------------------------------------------------------- the script


def test_script_writes_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    assert synth.main(["--n", "40", "--seed", "9", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == list(synth.generate(40, seed=9))


def test_script_writes_a_folder_of_scraped_pages(tmp_path: Path) -> None:
    out = tmp_path / "pages"
    assert synth.main(["--n", "30", "--out", str(out), "--format", "txt-dir"]) == 0
    labels_file = tmp_path / "pages.labels.jsonl"
    labels = [json.loads(line) for line in labels_file.read_text().splitlines()]
    assert not list(out.rglob("*.jsonl"))  # ingesting the folder reads pages only
    assert len(labels) == 30 == len(list(out.rglob("*.txt")))
    records = {r["id"]: r for r in synth.generate(30)}
    for label in labels:
        text = (out / label["file"]).read_text(encoding="utf-8")
        record = records[label["id"]]
        assert record["body"] in text
        assert text.startswith(record["title"] + "\n") == label["has_title"]
        assert label["dup_group"] == record["dup_group"]


def test_every_record_survives_ingest_as_its_own_article(corpus: list[dict[str, Any]]) -> None:
    """No two records clean to the same text: the benchmark stores all n, dedup sees them all."""
    pipeline = pytest.importorskip("newsdesk.ingest.pipeline")
    from newsdesk.model import Draft

    hashes = set()
    for record in corpus:
        raw = json.dumps(record, ensure_ascii=False).encode()
        draft = Draft(
            title=record["title"],
            body=record["body"],
            raw=raw,
            source="synth",
            format="jsonl",
            url=record["url"],
            outlet=record["outlet"],
            published=record["published"],
        )
        hashes.add(pipeline.prepare(draft)["content_hash"])
    assert len(hashes) == N


def test_labelled_pairs_give_ground_truth_for_dedup(corpus: list[dict[str, Any]]) -> None:
    duplicates, related = synth.labelled_pairs(corpus)
    by_id = {r["id"]: r for r in corpus}
    sizes = [len(m) for m in groups(corpus, "dup_group").values()]
    assert len(duplicates) == sum(k * (k - 1) // 2 for k in sizes)
    assert related and not duplicates & related
    for a, b in related:
        assert a < b
        assert by_id[a]["rel_group"] == by_id[b]["rel_group"]
        assert by_id[a]["event_date"] != by_id[b]["event_date"]


def test_a_typo_always_changes_the_word() -> None:
    rng = synth.random.Random(0)
    for word in ("tanggal", "anggaran", "masyarakat", "pelaksanaan", "aaaaa"):
        for _ in range(200):
            assert synth.typo(word, rng) != word
