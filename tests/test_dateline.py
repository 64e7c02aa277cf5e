"""Outlet and date read from the text: every house style, one spelling per outlet."""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.ingest.clean import clean_article
from newsdesk.ingest.dateline import (
    canonical_outlet,
    find_date,
    find_outlet,
    outlet_from_url,
    parse_dateline,
)


@pytest.mark.parametrize(
    ("opening", "outlet", "lede"),
    [
        ("HARIAN BERKAT – Sekda hadir.", "Harian Berkat", "Sekda hadir."),
        ("KalbarOke.Com – Sekda hadir.", "KalbarOke.Com", "Sekda hadir."),
        ("JAKARTA, KOMPAS.com - Harga naik.", "Kompas.com", "Harga naik."),
        ("JAKARTA, KOMPAS.com -Harga naik.", "Kompas.com", "Harga naik."),
        ("TEMPO.CO,Jakarta- Harga naik.", "Tempo.co", "Harga naik."),
        (
            "REPUBLIKA.CO.ID, CIREBON--Dua penambang tewas.",
            "Republika.co.id",
            "Dua penambang tewas.",
        ),
        (
            "REPUBLIKA.CO.ID,\u00a0CIREBON--Dua penambang tewas.",
            "Republika.co.id",
            "Dua penambang tewas.",
        ),
        ("Liputan6.com, Jakarta - Harga naik.", "Liputan6.com", "Harga naik."),
        ("Liputan6.com, JakartaKita semua lelah.", "Liputan6.com", "Kita semua lelah."),
        (
            "Liputan6.com, JakartaPT Semen Indonesia untung.",
            "Liputan6.com",
            "PT Semen Indonesia untung.",
        ),
        ("KONTAN.CO.ID -\u00a0JAKARTA. Saham naik.", "Kontan.co.id", "Saham naik."),
        ("Bisnis.com, JAKARTA – Rupiah menguat.", "Bisnis.com", "Rupiah menguat."),
        ("Bisnis.com, JAKARTA--Rupiah menguat.", "Bisnis.com", "Rupiah menguat."),
        (
            "TRIBUNPONTIANAK.CO.ID - Banjir di Sintang.",
            "Tribunpontianak.co.id",
            "Banjir di Sintang.",
        ),
        ("BANJARMASINPOST.CO.ID, BANJARMASIN - Banjir.", "Banjarmasinpost.co.id", "Banjir."),
        ("TRIBUNKALTIM.CO, SAMARINDA - Banjir.", "Tribunkaltim.co", "Banjir."),
        ("Jakarta (ANTARA) - Harga naik.", "Antara", "Harga naik."),
        ("Sintang, Kalbar (ANTARA) - Banjir.", "Antara", "Banjir."),
        ("WASHINGTON (AP) — The Senate voted.", "AP", "The Senate voted."),
        ("merdeka.com - Harga naik.", "Merdeka.com", "Harga naik."),
        ("KUBU RAYA, insidepontianak.com – Banjir.", "Insidepontianak.com", "Banjir."),
        ("BANDUNG, AYOBANDUNG.COM -- Banjir.", "Ayobandung.com", "Banjir."),
        ("LONDON, June 3 (Reuters) - Prices rose.", "Reuters", "Prices rose."),
        ("Jakarta, CNN Indonesia -- Harga naik.", "CNN Indonesia", "Harga naik."),
        ("PONTIANAK, RADAR KALBAR - Banjir.", "Radar Kalbar", "Banjir."),
        ("KAYONG UTARA, BORNEOTRIBUN – Banjir.", "Borneotribun", "Banjir."),
        ("JAKARTA- Kebakaran melanda.", None, "Kebakaran melanda."),
        ("NEW YORK - Saham turun.", None, "Saham turun."),
        ("Tanjung Selor - Hartono melantik pejabat.", None, "Hartono melantik pejabat."),
    ],
)
def test_house_styles(opening: str, outlet: str | None, lede: str) -> None:
    found = parse_dateline(opening)
    assert found is not None
    assert found.outlet == outlet
    assert clean_article("T", opening).body == lede


@pytest.mark.parametrize(
    "opening",
    [
        "Covid-19 kembali merebak.",
        "Harga cabai naik - kata pedagang.",
        "PT Bank Danamon mengumumkan laba.",
        "GANDAputra Malaysia tengah berjaya.",
        "Presiden Joko Widodo - yang hadir - berpidato.",
    ],
)
def test_prose_is_not_a_dateline(opening: str) -> None:
    assert parse_dateline(opening) is None
    assert clean_article("T", opening).body == opening


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("KOMPAS.com", "Kompas.com"),
        ("TEMPO.CO", "Tempo.co"),
        ("TRIBUNPONTIANAK.CO.ID", "Tribunpontianak.co.id"),
        ("KalbarOke.Com", "KalbarOke.Com"),
        ("Liputan6.com", "Liputan6.com"),
        ("HARIAN BERKAT", "Harian Berkat"),
        ("ANTARA", "Antara"),
        ("CNN Indonesia", "CNN Indonesia"),
    ],
)
def test_canonical_outlet_names(name: str, canonical: str) -> None:
    assert canonical_outlet(name) == canonical


def test_outlet_from_url_is_the_registrable_domain() -> None:
    assert outlet_from_url("https://news.detik.com/berita/d-1/x") == "Detik.com"
    assert outlet_from_url("https://rejabar.republika.co.id/berita/x") == "Republika.co.id"
    assert outlet_from_url("https://www.kalbaroke.com/x") == "Kalbaroke.com"
    assert outlet_from_url("not a url") is None


def test_url_wins_over_the_dateline_but_keeps_the_outlet_spelling() -> None:
    body = "KalbarOke.Com – Sekda hadir."
    assert find_outlet(body) == ("KalbarOke.Com", "dateline")
    assert find_outlet(body, "https://kalbaroke.com/a") == ("KalbarOke.Com", "url")
    assert find_outlet(body, "https://example.org/a") == ("Example.org", "url")
    assert find_outlet("Tanpa dateline sama sekali.") == (None, None)


def test_outlet_found_after_a_share_button_line() -> None:
    assert find_outlet("  • Bagikan\n\nHARIAN BERKAT – Sekda hadir.") == (
        "Harian Berkat",
        "dateline",
    )


@pytest.mark.parametrize(
    ("text", "iso", "source"),
    [
        ("Sekda hadir di Jakarta, Jum’at 3 Oktober 2025.", "2025-10-03", "text"),
        ("Sekda hadir di Jakarta, Jum'at 3 Oktober 2025.", "2025-10-03", "text"),
        ("Sekda menerima audiensi pada Selasa (14/10/2025).", "2025-10-14", "text"),
        ("Rapat digelar Senin (9/6/2025) di Pontianak.", "2025-06-09", "text"),
        ("Festival pada 10 Juni 2025 ramai.", "2025-06-10", "text"),
        ("Tayang: Selasa, 10 Juni 2025 08:52 WIB\nIsi.", "2025-06-10", "dateline"),
        ("Diperbarui 18 Jun 2025, 14:05 WIB", "2025-06-18", "dateline"),
        ("2025-06-18T14:05:00+07:00", "2025-06-18", "text"),
        ("The vote was held on Tuesday, June 10, 2025.", "2025-06-10", "text"),
        ("Harga 5 Agt 2024 turun.", "2024-08-05", "text"),
        (
            "IHSG naik pada Selasa (29/1). Sepanjang 2019 indeks diperkirakan naik.",
            "2019-01-29",
            "text",
        ),
    ],
)
def test_dates_from_text(text: str, iso: str, source: str) -> None:
    assert find_date(text) == (iso, source)


def test_report_day_beats_an_earlier_schedule_date() -> None:
    text = "Acara akan digelar 30 Oktober 2025. Hal itu disampaikan pada Selasa (14/10/2025)."
    assert find_date(text) == ("2025-10-14", "text")


@pytest.mark.parametrize(
    "text",
    [
        "Skor 3/4 babak pertama.",
        "Tidak ada tanggal di sini.",
        "Pada (19/6) tanpa hari.",
        "31 Februari 2025",
    ],
)
def test_no_date_when_the_text_states_none(text: str) -> None:
    assert find_date(text) == (None, None)


def test_a_yearless_weekday_date_takes_the_latest_year_that_fits() -> None:
    text = "Rapat digelar Kamis (19/6) di Pontianak."
    assert find_date(text, today=date(2025, 7, 1)) == ("2025-06-19", "text")
    assert find_date(text, today=date(2025, 6, 1)) == ("2014-06-19", "text")
    # a year the text mentions wins when 19 June is a Thursday in it
    assert find_date(f"{text} Target 2024 dan 2025.", today=date(2030, 1, 1))[0] == "2025-06-19"


@pytest.mark.parametrize("opening", ["TNI-Polri Pukul Mundur KKB.", "AS-China Mulai Akur."])
def test_a_hyphenated_compound_is_not_a_dateline(opening: str) -> None:
    assert parse_dateline(opening) is None
    assert parse_dateline("JAKARTA-Kebakaran melanda.") is not None  # a known place


@pytest.mark.parametrize(
    ("body", "outlet"),
    [
        ("Harga naik.\n“Stok aman,” kata dia kepada detikcom, Senin.", "Detik.com"),
        ("Harga naik.\nSimak Video:\n[Gambas:Video 20detik]", "Detik.com"),
        ("Harga naik, kata dia saat dihubungi Kontan, Selasa.", "Kontan.co.id"),
        ("Pantauan Kompas.com di lokasi, antrean mengular.", "Kompas.com"),
        ("Keterangan tertulis yang diterima detikOto menyebut harga naik.", "Detik.com"),
        ("Harga naik.Ikuti Whatsapp Channel Republika", "Republika.co.id"),
        ("Hal itu disampaikan kepada Harianberkat.com, Jumat.", "Harianberkat.com"),
    ],
)
def test_outlet_from_the_body_naming_itself(body: str, outlet: str) -> None:
    assert find_outlet(body) == (outlet, "text")


@pytest.mark.parametrize(
    "body",
    [
        "Harga naik, dilansir dari Kompas.com, Senin.",  # citing another outlet
        "Artikel ini telah tayang di Tribunnews.com dengan judul X.",
        "Hal itu disampaikan kepada wartawan di Jakarta.",
        "Bantuan diberikan kepada bisnis lokal di Sambas.",  # a common word, not Bisnis.com
        "Pelari itu finis dalam 9 menit 6 detik.",
    ],
)
def test_mentions_that_are_not_the_outlet_naming_itself(body: str) -> None:
    assert find_outlet(body) == (None, None)
