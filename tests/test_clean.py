"""The cleaner, as an editor sees it: headlines, bodies without boilerplate, news kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.ingest.clean import clean_article, derive_headline, split_headline
from newsdesk.ingest.dateline import find_date, find_outlet

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_000 = SEEDS / "000_9c84608b6ec1e8d8.txt"
SEED_001 = SEEDS / "001_0f3fae7f08b73714.txt"


def _paragraphs(raw: str) -> list[str]:
    return [p.strip() for p in raw.split("\n") if p.strip()]


def _ingest_text(path: Path):
    text = path.read_text(encoding="utf-8")
    title, body = split_headline(text)
    outlet, outlet_source = find_outlet(body)
    published, _ = find_date(f"{title or ''}\n{body}")
    return clean_article(title, body), outlet, outlet_source, published, text


def test_seed_000_headline_outlet_date_and_body() -> None:
    cleaned, outlet, source, published, raw = _ingest_text(SEED_000)
    assert cleaned.title == (
        "Sekda Kalbar Tandatangani Kesepakatan Bersama dengan Pemprov DKI Jakarta "
        "Dorong Sinergi Pembangunan Berkelanjutan"
    )
    assert not cleaned.title_derived
    assert (outlet, source) == ("Harian Berkat", "dateline")
    assert published == "2025-10-03"
    related = (
        "Baca Juga : Sekda Kalbar Sampaikan Jawaban Gubernur Atas Pemandangan Umum Fraksi "
        "DPRD Terhadap Raperda APBD TA 2026"
    )
    expected = [p for p in _paragraphs(raw)[1:] if p not in {"• Bagikan", related}]
    expected[0] = expected[0].removeprefix("HARIAN BERKAT – ")
    assert cleaned.body == "\n\n".join(expected)
    assert cleaned.body.startswith("Sekretaris Daerah Provinsi Kalimantan Barat, dr. Harisson,")
    assert cleaned.body.endswith("di sektor ekonomi kreatif,” jelas Harisson.")
    assert "Bagikan" not in cleaned.body and "Baca Juga" not in cleaned.body
    assert sorted(r.kind for r in cleaned.removed) == [
        "dateline",
        "related-link",
        "share",
        "share",
    ]


def test_seed_001_has_no_headline_so_one_is_derived_from_the_lede() -> None:
    cleaned, outlet, source, published, raw = _ingest_text(SEED_001)
    assert cleaned.title_derived
    assert cleaned.title == (
        "Sekretaris Daerah Provinsi Kalimantan Barat, Harisson, menerima audiensi dari CEO "
        "Kabar Grup Indonesia"
    )
    assert (outlet, source) == ("KalbarOke.Com", "dateline")
    assert published == "2025-10-14"
    expected = _paragraphs(raw)
    expected[0] = expected[0].removeprefix("KalbarOke.Com – ")
    assert cleaned.body == "\n\n".join(expected)
    assert [r.kind for r in cleaned.removed] == ["dateline"]


def test_split_headline_refuses_a_dateline_or_a_sentence() -> None:
    assert split_headline("JAKARTA, KOMPAS.com - Harga naik.\nKedua.")[0] is None
    assert split_headline("Harga cabai naik tajam di pasar.\nKedua paragraf.")[0] is None
    assert split_headline("Satu-satunya paragraf tanpa judul")[0] is None
    assert split_headline("\n\nHarga Cabai Naik Lagi\n\nIsi berita.") == (
        "Harga Cabai Naik Lagi",
        "Isi berita.",
    )


@pytest.mark.parametrize(
    ("lede", "headline"),
    [
        ("Harga cabai naik. Pedagang mengeluh.", "Harga cabai naik"),
        (
            "Gubernur Kalbar, Ria Norsan, meresmikan jembatan baru di Sambas, Kabupaten "
            "Sambas, pada Senin (9/6/2025).",
            "Gubernur Kalbar, Ria Norsan, meresmikan jembatan baru di Sambas",
        ),
        (
            "The minister said on Tuesday that the government will cut fuel subsidies for "
            "large cars and motorbikes starting next month across every province of the country.",
            "The minister said on Tuesday that the government will cut fuel subsidies for large "
            "cars and motorbikes…",
        ),
    ],
)
def test_derived_headline_rule(lede: str, headline: str) -> None:
    assert derive_headline(lede) == headline


def _clean_body(body: str) -> str:
    return clean_article("Judul", body).body


NEWS = "Harga beras di Pontianak naik dua persen pekan ini, kata pedagang."


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Baca juga: Gubernur Resmikan Jembatan Baru", "related-link"),
        ("Baca Juga", "related-link"),
        ("BACA JUGA: Harga Cabai Turun", "related-link"),
        ("Simak juga Video: Banjir Rendam Sintang", "related-link"),
        ("Pilihan Editor: Polisi Tangkap Pelaku", "related-link"),
        ("Read more: Flood hits Jakarta again", "related-link"),
        ("Simak berita selengkapnya di halaman selanjutnya.", "related-link"),
        ("SCROLL TO CONTINUE WITH CONTENT", "ad"),
        ("ADVERTISEMENT", "ad"),
        ("Advertisement", "ad"),
        ("[Gambas:Video 20detik]", "ad"),
        ("Saksikan Live DetikPagi:", "ad"),
        ("A post shared by KOMPAS Lifestyle (@kompas.lifestyle)", "ad"),
        ("--------", "ad"),
        (
            'Artikel ini telah tayang di Kompas.com dengan judul "Harga Cabai Naik". '
            "Klik untuk baca: https://example.com/x.",
            "republication",
        ),
        ("Artikel ini telah naik di detikJabar.", "republication"),
        ("This article was originally published by The Conversation.", "republication"),
        ("Editor: Rina Sari", "byline"),
        ("Penulis: Arby Salim", "byline"),
        ("(*)", "byline"),
        ("(dry/din)", "byline"),
        ("(Arief Setyadi )", "byline"),
        ("(Reporter: Shinta Dwi Ayu | Editor: Faieq Hidayat)", "byline"),
        ("Ikuti kami di Instagram @harianberkat", "follow"),
        ("Ikuti Whatsapp Channel Republika", "follow"),
        (
            "Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran "
            "andalanmu akses berita Kompas.com WhatsApp Channel.",
            "follow",
        ),
        ("Baca berita Kalbar lainnya di Google News.", "follow"),
        ("Follow us on Twitter for more updates", "follow"),
        ("Reporting by Ananda Teresia; Editing by Kanupriya Kapoor", "byline"),
        ("Associated Press writer Niniek Karmini contributed to this report.", "byline"),
        ("Copyright 2025 The Associated Press. All rights reserved.", "republication"),
        ("Advertisement · Scroll to continue", "ad"),
        ("Our Standards: The Thomson Reuters Trust Principles.", "republication"),
        ("• Bagikan", "share"),
        ("Share this article", "share"),
    ],
)
def test_each_boilerplate_kind_is_removed_on_its_own_line(line: str, kind: str) -> None:
    cleaned = clean_article("Judul", f"{NEWS}\n{line}\nKedua, kata dia, stok masih aman.")
    assert cleaned.body == f"{NEWS}\n\nKedua, kata dia, stok masih aman."
    assert [(r.line, r.kind) for r in cleaned.removed] == [(line, kind)]


@pytest.mark.parametrize(
    ("glued", "kept", "kind"),
    [
        (
            f"{NEWS}Baca juga:Litbang Kompas: Warga Puas dengan Kinerja Gubernur",
            NEWS,
            "related-link",
        ),
        (
            "Kapolres memastikan pelaku ditahan.Baca JugaWarga Bandung Terkena Virus HantaIni "
            "kronologi lengkapnya.",
            "Kapolres memastikan pelaku ditahan. Ini kronologi lengkapnya.",
            "related-link",
        ),
        (f"{NEWS}Ikuti Whatsapp Channel Republika", NEWS, "follow"),
        (f"{NEWS} (dry/din)", NEWS, "byline"),
        (f"{NEWS}(acd/acd)wakil menterikomisaris bumn", NEWS, "byline"),
        (f"{NEWS} (*)", NEWS, "byline"),
        (
            f"{NEWS}View this post on InstagramA post shared by Pemkot (@pemkot)Loading...",
            NEWS,
            "ad",
        ),
        (
            f'{NEWS} (Bayu) Artikel ini telah tayang di Tribunnews.com dengan judul "X"',
            NEWS,
            "republication",
        ),
        (f"ADVERTISEMENT{NEWS}", NEWS, "ad"),
    ],
)
def test_boilerplate_glued_to_text_is_cut_at_the_glue_point(
    glued: str, kept: str, kind: str
) -> None:
    cleaned = clean_article("Judul", glued)
    assert cleaned.body == kept
    assert kind in {r.kind for r in cleaned.removed}


def test_share_button_glued_before_a_dateline() -> None:
    cleaned = clean_article(None, "• BagikanKalbarOke.Com – Gubernur meresmikan jembatan.")
    assert cleaned.body == "Gubernur meresmikan jembatan."
    assert [r.kind for r in cleaned.removed] == ["share", "dateline"]
    assert cleaned.dateline is not None and cleaned.dateline.outlet == "KalbarOke.Com"


def test_a_story_about_advertising_keeps_its_sentences() -> None:
    body = (
        "Belanja iklan digital di Indonesia naik 12 persen tahun ini.\n"
        "Advertisement spending by banks rose, and advertisers followed the audience online.\n"
        "Editor majalah itu mengatakan pembaca kini membaca juga di ponsel.\n"
        "Perusahaan meminta warga mengikuti kami di media sosial, kata juru bicara, dan "
        "membagikan pengalaman mereka.\n"
        "Iklan rokok dilarang tayang sebelum pukul 21.30."
    )
    cleaned = clean_article("Belanja Iklan Naik", body)
    assert cleaned.body == body.replace("\n", "\n\n")
    assert cleaned.removed == []


def test_whitespace_nbsp_and_zero_width_characters_are_normalised() -> None:
    body = (
        "KONTAN.CO.ID -\u00a0JAKARTA. Harga\u00a0 emas\t naik.\r\n\r\n\r\nStok\x1b[31m aman.\u200b"
    )
    cleaned = clean_article(" Harga\u00a0Emas  Naik ", body)
    assert cleaned.title == "Harga Emas Naik"
    # terminal escapes stay as data: the display layer shows them as visible escapes
    assert cleaned.body == "Harga emas naik.\n\nStok\x1b[31m aman."
    assert cleaned.dateline is not None and cleaned.dateline.outlet == "Kontan.co.id"


def test_learned_lines_are_removed_only_when_given() -> None:
    body = f"{NEWS}\nHalo, pembaca nawala Cek Fakta Tempo!\nStok masih aman."
    assert "Halo" in clean_article("J", body).body
    cleaned = clean_article("J", body, learned=frozenset({"Halo, pembaca nawala Cek Fakta Tempo!"}))
    assert "Halo" not in cleaned.body
    assert ("Halo, pembaca nawala Cek Fakta Tempo!", "learned") in [
        (r.line, r.kind) for r in cleaned.removed
    ]


def test_an_article_that_is_only_boilerplate_cleans_to_nothing() -> None:
    cleaned = clean_article(None, "• Bagikan\nADVERTISEMENT\nBaca juga: Sesuatu")
    assert cleaned.body == "" and cleaned.title == ""


@pytest.mark.parametrize(
    "headline",
    [
        "TNI-Polri Pukul Mundur KKB yang Tembaki Bandara",
        "RI-Rusia Bahas Investasi Infrastruktur",
        "Series Interaktif Cocobi – Pesta Ulang Tahun Cocobi di Vidio",
        "KPPU Awasi Harga Beras agar Stabil Menjelang Ramadan.",
        "Apersi Siap Bangun Rumah Tipe 18/25, Tapi ..",
        "Berita Terpopuler: Citilink Ikuti Lion Air Hapus Bagasi Gratis",
    ],
)
def test_headlines_that_look_like_datelines_or_sentences_stay_headlines(headline: str) -> None:
    title, body = split_headline(f"{headline}\n\nJAKARTA, KOMPAS.com - Isi berita.")
    assert title == headline
    assert clean_article(title, body).body == "Isi berita."


_PIECES = st.sampled_from(
    [
        "Harga naik.",
        "Baca juga:",
        "Baca JugaJudul Lain",
        "ADVERTISEMENT",
        "(dry/din)",
        "Ikuti Whatsapp Channel Republika",
        "JAKARTA, KOMPAS.com -",
        "• Bagikan",
        "\n",
        "\n\n",
        " ",
        "\u00a0",
        "Kamis (19/6/2025)",
        "kata dia.",
        "Advertisement spending rose.",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=40))
def test_cleaning_never_invents_text(pieces: list[str]) -> None:
    raw = "".join(pieces)
    cleaned = clean_article(None, raw)
    invisible = str.maketrans("", "", "\x00\u200b\u2060\ufeff")  # dropped by design
    flat = " ".join(raw.translate(invisible).split())
    for word in cleaned.body.split():
        assert word in flat
    for word in re.findall(r"\w+", cleaned.title):  # a derived headline is capitalised
        assert word.casefold() in flat.casefold()
    assert "\n\n\n" not in cleaned.body


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        # the next paragraph ran into the link; a sentence opener marks the boundary
        (
            "Baca juga: Indonesia Peringkat Pertama Konsumsi Makanan Halal Dunia Berdasarkan "
            "data tersebut, Malaysia menempati posisi kedua.",
            "Berdasarkan data tersebut, Malaysia menempati posisi kedua.",
        ),
        # an opening quote marks it
        (
            'Harga naik.Baca Juga:Marquez Antusias Hadapi MotoGP Italia 2025"Anda ingin yang '
            'terbaik," ujarnya.',
            'Harga naik. "Anda ingin yang terbaik," ujarnya.',
        ),
        # no clear boundary: the link's words stay rather than lose the sentence
        (
            "Baca juga: Kemenhub Serap 70 Persen Anggaran Budi menambahkan, pembangunan "
            "bandara sudah berjalan.",
            "Kemenhub Serap 70 Persen Anggaran Budi menambahkan, pembangunan bandara sudah "
            "berjalan.",
        ),
    ],
)
def test_prose_run_into_a_related_link_is_kept(line: str, kept: str) -> None:
    assert clean_article("Judul", line).body == kept


def test_the_audit_flags_a_related_link_removed_with_prose() -> None:
    from newsdesk.ingest.boilerplate_audit import lost_news

    taken = "Baca juga: Harga Naik Budi menambahkan bahwa stok di gudang masih aman"
    assert lost_news([(taken, "related-link")]) == [(taken, "related-link")]
    assert (
        lost_news([("Baca juga: Gubernur Resmikan Jembatan Baru di Sambas", "related-link")]) == []
    )
