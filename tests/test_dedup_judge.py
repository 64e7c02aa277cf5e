"""Pairwise judgement: the seeds, republications, rewrites and template-headline traps."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsdesk.dedup import DedupConfig, judge
from newsdesk.dedup import text as tx
from newsdesk.dedup.features import Rarity, decode, encode, extract

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"


def seed(prefix: str) -> SimpleNamespace:
    path = next((REPO / "seeds").glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    if prefix == "001":  # this seed has no headline: the text starts with the dateline
        return SimpleNamespace(title="", body=text, published=None, outlet="KalbarOke.Com")
    title, _, body = text.partition("\n")
    return SimpleNamespace(title=title.strip(), body=body, published=None, outlet="Harian Berkat")


def labelled_doc(doc_id: str) -> SimpleNamespace:
    for line in (DATA / "dedup_docs_id.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == doc_id:
            return SimpleNamespace(
                **{k: record[k] for k in ("title", "body", "published", "outlet")}
            )
    raise KeyError(doc_id)


def test_the_two_seeds_are_related_not_duplicate_with_the_official_and_both_dates() -> None:
    verdict = judge(seed("000"), seed("001"), DedupConfig())
    assert verdict.kind == "related"
    text = " | ".join(verdict.reasons)
    assert "Harisson" in text
    assert "different events: 3 Oct 2025 vs 14 Oct 2025" in text


def test_seed_entities_from_rules_are_named_in_the_reasons() -> None:
    def entities(text: str) -> set[str]:
        return {"sekda-kalbar"} if "Harisson" in text else set()

    verdict = judge(seed("000"), seed("001"), DedupConfig(), entities)
    assert verdict.kind == "related"
    assert "same entity: sekda-kalbar" in verdict.reasons


def test_republication_of_seed_001_with_new_headline_and_boilerplate_is_duplicate() -> None:
    republished = SimpleNamespace(
        title="Borneo Intra-Regional Dialogue Digelar di Pontianak Akhir Oktober",
        body="Ikuti kami di Google News\nADVERTISEMENT\n"
        + seed("001").body
        + "\nBaca juga: Harga Cabai di Pontianak Naik\nEditor: Redaksi\n",
        published=None,
        outlet="Pontianak Post",
    )
    verdict = judge(seed("001"), republished, DedupConfig())
    assert verdict.kind == "duplicate"
    assert any(r.startswith("same text:") for r in verdict.reasons)


def test_rewrite_of_seed_000_with_same_figures_and_quotes_is_duplicate() -> None:
    verdict = judge(seed("000"), labelled_doc("rw:seed0"), DedupConfig())
    assert verdict.kind == "duplicate"
    text = " | ".join(verdict.reasons)
    assert "8.165.687" in text and "88.323" in text
    assert "shared quote" in text


def test_same_headline_template_for_another_province_is_not_duplicate() -> None:
    verdict = judge(seed("000"), labelled_doc("tp:seed0-jateng"), DedupConfig())
    assert verdict.kind != "duplicate"
    assert any("headline alike but different names" in r for r in verdict.reasons)


def test_template_headlines_for_different_clubs_are_not_duplicates() -> None:
    verdict = judge(labelled_doc("jadwal:arsenal"), labelled_doc("jadwal:liverpool"))
    assert verdict.kind == "none"
    assert any("Arsenal vs Liverpool" in r for r in verdict.reasons)


def test_match_preview_and_result_are_related_not_duplicate() -> None:
    verdict = judge(labelled_doc("bola:preview"), labelled_doc("bola:result"))
    assert verdict.kind == "related"
    assert any("preview of 23 Aug 2025" in r for r in verdict.reasons)


def test_unrelated_stories_score_low() -> None:
    verdict = judge(labelled_doc("bi:base"), labelled_doc("gempa:base"))
    assert verdict.kind == "none"
    assert verdict.score < 15


def test_missing_titles_and_dates_are_judged_without_error() -> None:
    bare = SimpleNamespace(title=None, body="", published=None, outlet=None)
    verdict = judge(bare, seed("000"))
    assert verdict.kind == "none"
    assert 0 <= verdict.score <= 100


def test_english_wire_copy_works_too() -> None:
    a = SimpleNamespace(
        title="Magnitude 6.1 quake hits off Sumatra",
        body="PADANG, Indonesia (AP) - A magnitude 6.1 earthquake struck off western Sumatra on "
        'June 3, 2025, the USGS said. "We felt strong shaking for about ten seconds," said '
        "resident Budi Santoso. There were no immediate reports of damage in Padang.",
        published="2025-06-03",
        outlet="AP",
    )
    b = SimpleNamespace(
        title="Strong earthquake rattles Padang, no damage reported",
        body="A 6.1-magnitude earthquake shook western Sumatra on 3 June 2025, according to the "
        'USGS. Resident Budi Santoso said: "We felt strong shaking for about ten seconds." '
        "Officials in Padang reported no damage.",
        published="2025-06-03",
        outlet="Reuters",
    )
    verdict = judge(a, b)
    assert verdict.kind == "duplicate"
    assert any("3 Jun 2025" in r for r in verdict.reasons)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [("8.165.687", "8165687"), ("8,165,687", "8165687"), ("73,33", "73.33"), ("1,234.5", "1234.5")],
)
def test_figures_have_one_canonical_form_in_either_convention(raw: str, canonical: str) -> None:
    assert canonical in tx.figures(f"tercatat {raw} orang")


def test_numeric_and_written_dates_are_the_same_date() -> None:
    assert tx.dates("pada Jumat (3/10/2025)") == tx.dates("Jumat, 3 Oktober 2025")
    assert tx.dates("on October 3, 2025") == tx.dates("pada 3 Oktober 2025")


def test_boilerplate_lines_and_dateline_do_not_count_as_text() -> None:
    cleaned = tx.clean_body("JAKARTA, KOMPAS.com - Isi berita.\nBaca juga: Lain\nADVERTISEMENT")
    assert cleaned == "Isi berita."


def _wire(title: str, body: str) -> SimpleNamespace:
    return SimpleNamespace(title=title, body=body, published=None, outlet=None)


QUAKE_A = _wire(
    "Strong quake shakes Aceh province",
    "A magnitude 6.1 earthquake struck Aceh on Tuesday, damaging homes in Bener Meriah and "
    "Central Aceh, the disaster agency BNPB said. Agency spokesman Sutopo Purwo Nugroho said "
    "at least 12 people were injured and dozens of houses collapsed near Takengon. Residents "
    "of Takengon fled into the streets as the ground shook for about 20 seconds, witnesses "
    "said. The region was devastated by the tsunami of December 26, 2004, which killed more "
    "than 160,000 people in Aceh alone.",
)
QUAKE_B = _wire(
    "Indonesia: Aceh earthquake injures a dozen",
    "Houses collapsed in Takengon and Bener Meriah after a 6.1-magnitude quake hit the "
    "Indonesian province of Aceh, officials said. Sutopo Purwo Nugroho, spokesman for the "
    "national disaster agency BNPB, told reporters a dozen people were hurt in Central Aceh. "
    "Panicked residents ran out of their homes in Takengon. Aceh was the province hit hardest "
    "when a tsunami struck on January 3, 2005 coverage recalled, after the December 2004 wave.",
)
QUAKE_OTHER = _wire(
    "Strong quake shakes Papua province",
    "Buildings cracked in Jayapura and Sentani when a magnitude 6.1 tremor rocked Papua on "
    "Tuesday, according to police. Papua police chief Paulus Waterpauw told reporters eight "
    "people had minor injuries and a church in Abepura lost its roof. Patients at the "
    "Jayapura hospital were moved outside for several hours as a precaution.",
)


def test_english_write_ups_of_one_quake_are_duplicates_despite_background_dates() -> None:
    """Dates deep in the story are background (an old tsunami), not the day of the event."""
    verdict = judge(QUAKE_A, QUAKE_B, DedupConfig())
    assert verdict.kind == "duplicate", verdict.reasons
    assert not any(r.startswith("different events") for r in verdict.reasons)


def test_same_kind_of_quake_in_another_province_is_not_a_duplicate() -> None:
    verdict = judge(QUAKE_A, QUAKE_OTHER, DedupConfig())
    assert verdict.kind != "duplicate", verdict.reasons


def _with(story: SimpleNamespace, extra: str) -> SimpleNamespace:
    """The quake story without its own figures (the magnitude, the old toll), plus `extra`."""
    body = story.body.replace("6.1", "strong").replace("160,000", "a hundred thousand")
    return _wire(story.title, f"{body} {extra}")


def test_write_ups_quoting_different_plain_counts_stay_duplicates() -> None:
    """Each outlet counts something else (380 houses, 600 homes): no proof of two events."""
    a = _with(QUAKE_A, "Officials counted 380 damaged houses and 120 evacuees.")
    b = _with(QUAKE_B, "Some 600 homes were damaged and 150 families left for shelters.")
    verdict = judge(a, b, DedupConfig())
    assert verdict.kind == "duplicate", verdict.reasons
    assert "alike but different figures" in verdict.reasons


def test_alike_stories_with_different_amounts_are_not_duplicates() -> None:
    """Amounts and totals pin an event down: 47.7 vs 12.3 billion is another budget."""
    a = _with(QUAKE_A, "Losses were put at 47.7 billion rupiah across 1,250 houses.")
    b = _with(QUAKE_B, "Losses were put at 12.3 billion rupiah across 3,400 houses.")
    verdict = judge(a, b, DedupConfig())
    assert verdict.kind != "duplicate", verdict.reasons
    assert "alike but different figures" in verdict.reasons


def test_all_number_dates_follow_the_text_and_its_language() -> None:
    english = "Police said on 05/03/2013 that the driver was arrested for a DUI."
    indonesian = "Polisi menyatakan pada 05/03/2013 bahwa pengemudi itu ditahan di Pontianak."
    uk = "The court heard on 05/03/2013 and again on 21/03/2013 that the driver was arrested."

    def read(text: str) -> list:
        return tx.dates(text, 2013, tx.month_first(text, tx.words(text)))

    assert read(english) == [date(2013, 5, 3)]  # US wire copy: 3 May, not 5 March
    assert read(indonesian) == [date(2013, 3, 5)]
    assert read(uk) == [date(2013, 3, 5), date(2013, 3, 21)]  # 21/03 settles it: day first


def test_reasons_read_the_same_in_every_run() -> None:
    """Set order is salted per process; the reasons an editor reads must not be."""
    script = (
        "import json, sys; from types import SimpleNamespace as S\n"
        "from newsdesk.dedup import judge\n"
        "docs = [json.loads(l) for l in open('tests/data/dedup_docs_id.jsonl')]\n"
        "stories = [S(title=d.get('title') or '', body=d.get('body') or '',"
        " published=d.get('published')) for d in docs]\n"
        "out = [judge(a, b).reasons for a in stories[:25] for b in stories[:25] if a is not b]\n"
        "print(json.dumps(out))\n"
    )
    root = Path(__file__).resolve().parents[1]

    def reasons(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    first = reasons("1")
    assert "same figures" in first  # the pairs do share figures: the check is not vacuous
    assert reasons("2") == first == reasons("3")


def test_capitalised_common_words_and_glued_tokens_are_not_names() -> None:
    """Reasons list who a story is about: not a word capitalised by its place in a sentence,
    not a word the story also writes in lower case, not words glued where a link was cut."""
    body = (
        "Menurut Budi Santoso, harga cabai naik. Harga Cabai di Pasar Flamboyan melonjak, "
        "kata Bank Indonesia yang juga memantau bank daerah. Berita selebritasAl Ghazali "
        "dan pasar saham JakartaPT ikut terdampak Rp14 triliun dari indeks LQ45."
    )
    found, _ = tx.names_and_keys("", body, 40, Counter(tx.content_words(tx.words(body))))
    assert {"budi", "santoso", "flamboyan", "indonesia", "ghazali", "lq45"} <= set(found)
    for word in ("menurut", "harga", "cabai", "bank", "pasar", "selebritasal", "jakartapt", "rp14"):
        assert word not in found, word


def test_a_headline_derived_from_the_opening_is_not_compared() -> None:
    lede = "Gubernur Ria Norsan meresmikan jembatan baru di Sambas pada Senin (6/10/2025)."
    derived = extract(
        SimpleNamespace(
            title="Gubernur Ria Norsan meresmikan jembatan baru di Sambas",
            body=lede,
            published=None,
        )
    )
    written = extract(
        SimpleNamespace(title="Jembatan Sambas Diresmikan", body=lede, published=None)
    )
    assert derived.title_derived and not written.title_derived
    assert decode(encode(derived, Rarity())).title_derived
    marked = extract(
        SimpleNamespace(
            title="Jembatan Sambas Diresmikan",
            body=lede,
            published=None,
            provenance={"title": "derived"},
        )
    )
    assert marked.title_derived


def test_round_figures_are_not_shared_figures() -> None:
    """1000 and 5000 are in every other story; 1.250 and 47,7 pin one event down."""
    a = _with(QUAKE_A, "Some 1000 tents and 5000 meals arrived, with 47.7 tonnes of rice.")
    b = _with(QUAKE_B, "About 1000 tents and 5000 meals were sent, and 47.7 tonnes of rice.")
    verdict = judge(a, b, DedupConfig())
    shared = next(r for r in verdict.reasons if r.startswith("same figures"))
    assert "47.7" in shared and "1000" not in shared and "5000" not in shared


def test_a_shared_figure_and_name_with_bodies_apart_is_not_a_duplicate() -> None:
    a = _wire(
        "Kementerian ESDM kaji gempa Sesar Lembang",
        "Kementerian ESDM meneliti pergerakan Sesar Lembang yang berpotensi memicu gempa "
        "magnitudo 6,8. Tim memasang 1.250 sensor di sepanjang patahan.",
    )
    b = _wire(
        "Uranium untuk PLTN",
        "Kementerian ESDM menyiapkan cadangan uranium di Kalimantan Barat untuk pembangkit "
        "listrik tenaga nuklir; 1.250 ton bijih sudah dipetakan oleh peneliti BRIN.",
    )
    verdict = judge(a, b, DedupConfig())
    assert verdict.kind != "duplicate", verdict.reasons


def test_sharing_only_a_place_is_not_related() -> None:
    """Related means the same people or thread; two stories set in Pontianak are not."""
    a = _wire(
        "Harga cabai di Pontianak naik",
        "Harga cabai rawit di pasar tradisional Pontianak naik menjadi Rp 80.000 per kilogram "
        "menjelang akhir pekan, menurut pedagang di Pasar Flamboyan.",
    )
    b = _wire(
        "Festival layang-layang di Pontianak",
        "Ratusan warga Pontianak memadati tepian Sungai Kapuas untuk festival layang-layang "
        "tahunan yang dibuka oleh komunitas pemuda setempat.",
    )
    assert judge(a, b, DedupConfig()).kind == "none"


def test_features_stored_before_derived_headlines_were_marked_still_decode() -> None:
    """Stores indexed by an older version carry no "td": read as written headlines."""
    import json
    import zlib

    f = extract(seed("000"))
    data = json.loads(zlib.decompress(encode(f, Rarity())))
    del data["td"]
    old = zlib.compress(json.dumps(data).encode(), 1)
    assert decode(old).title_derived is False
