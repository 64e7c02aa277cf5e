"""Ingest end to end: every input format, exact duplicates stored once, bad files reported."""

from __future__ import annotations

import json
from pathlib import Path

from newsdesk.desk import Desk
from newsdesk.store.articles import InboxQuery

from .conftest import SEEDS


def titles(desk: Desk) -> list[str]:
    return [r["title"] for r in desk.page(InboxQuery(status=None), limit=1000)]


def test_seeds_are_stored_cleaned_with_outlet_and_date(desk: Desk) -> None:
    report = desk.ingest([SEEDS])
    assert report.errors == []
    assert len(report.stored) == 2
    by_outlet = {a.outlet: a for a in desk.articles(report.stored)}
    assert set(by_outlet) == {"Harian Berkat", "KalbarOke.Com"}
    berkat, oke = by_outlet["Harian Berkat"], by_outlet["KalbarOke.Com"]
    assert berkat.published == "2025-10-03"
    assert oke.published == "2025-10-14"
    assert berkat.title.startswith("Sekda Kalbar Tandatangani Kesepakatan Bersama")
    for article in (berkat, oke):
        assert "Bagikan" not in article.body
        assert "Baca Juga" not in article.body
        assert "8.165.687" in berkat.body  # news survives cleaning


def test_raw_input_is_kept_byte_for_byte(desk: Desk) -> None:
    report = desk.ingest([SEEDS])
    raws = {bytes(desk.raw(i)["raw"]) for i in report.stored}
    assert raws == {p.read_bytes() for p in SEEDS.iterdir()}


def test_ingesting_the_same_folder_twice_adds_nothing(desk: Desk) -> None:
    desk.ingest([SEEDS])
    again = desk.ingest([SEEDS])
    assert again.stored == []
    assert [reason for _, _, reason in again.existing] == ["same content", "same content"]
    assert desk.count(InboxQuery(status=None)) == 2


def test_same_content_with_other_spacing_is_a_duplicate(desk: Desk, tmp_path: Path) -> None:
    text = (SEEDS / "001_0f3fae7f08b73714.txt").read_text()
    (tmp_path / "copy.txt").write_text(text.replace("\n", "\n\n") + "\n")
    desk.ingest([SEEDS])
    report = desk.ingest([tmp_path / "copy.txt"])
    assert report.stored == [] and len(report.existing) == 1


def test_json_keeps_unknown_fields(desk: Desk, tmp_path: Path) -> None:
    record = {
        "title": "Banjir rendam Sintang",
        "body": "Banjir merendam ratusan rumah di Sintang, Kalimantan Barat, pada Senin.",
        "url": "https://example.test/banjir",
        "outlet": "Pontianak Post",
        "published": "2025-10-20T08:00:00+07:00",
        "reporter": "Rina",
        "wordcount": 12,
    }
    (tmp_path / "a.json").write_text(json.dumps(record))
    report = desk.ingest([tmp_path / "a.json"])
    row = desk.raw(report.stored[0])
    assert row["outlet"] == "Pontianak Post"
    assert row["published"] == "2025-10-20"
    assert json.loads(row["extra"])["reporter"] == "Rina"
    assert json.loads(row["extra"])["wordcount"] == 12
    assert json.loads(row["provenance"])["outlet"] == "metadata"


def test_jsonl_stores_each_line_and_reports_the_broken_one(desk: Desk, tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": f"Berita {i}", "body": f"Isi berita nomor {i} tentang Pontianak."})
        for i in range(3)
    ]
    lines.insert(1, '{"title": "rusak", ')
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n")
    report = desk.ingest([tmp_path / "b.jsonl"])
    assert len(report.stored) == 3
    assert len(report.errors) == 1
    assert report.errors[0].source.endswith("b.jsonl:2")
    assert "invalid JSON" in report.errors[0].reason


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Suara Kalbar</title>
<item><title>Gubernur Kalbar resmikan jembatan</title><link>https://suara.test/1</link>
<pubDate>Tue, 14 Oct 2025 08:00:00 +0700</pubDate>
<description>&lt;p&gt;Gubernur Kalbar meresmikan jembatan di Sambas.&lt;/p&gt;</description></item>
<item><title>Festival budaya di Singkawang</title><link>https://suara.test/2</link>
<description>Festival budaya digelar di Singkawang pekan ini.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kalbar Wire</title>
<entry><title>Harga sawit naik</title><link href="https://wire.test/sawit"/>
<id>urn:wire:1</id><updated>2025-10-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;Harga TBS sawit naik di Kalbar.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_and_atom(desk: Desk, tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(RSS)
    (tmp_path / "wire.atom").write_text(ATOM)
    report = desk.ingest([tmp_path])
    assert report.errors == []
    stored = {a.title: a for a in desk.articles(report.stored)}
    assert set(stored) == {
        "Gubernur Kalbar resmikan jembatan",
        "Festival budaya di Singkawang",
        "Harga sawit naik",
    }
    bridge = stored["Gubernur Kalbar resmikan jembatan"]
    assert bridge.outlet == "Suara Kalbar"
    assert bridge.published == "2025-10-14"
    assert bridge.body == "Gubernur Kalbar meresmikan jembatan di Sambas."
    assert stored["Harga sawit naik"].url == "https://wire.test/sawit"


def test_legacy_encodings(desk: Desk, tmp_path: Path) -> None:
    text = "Wisata Kalbar\n\nKafé dan réstoran di Pontianak ramai dikunjungi wisatawan “lokal”."
    (tmp_path / "cp.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "u16.txt").write_bytes(text.replace("Wisata", "Pariwisata").encode("utf-16"))
    report = desk.ingest([tmp_path])
    assert report.errors == []
    bodies = sorted(a.body for a in desk.articles(report.stored))
    assert all("Kafé dan réstoran" in b and "“lokal”" in b for b in bodies)


def test_folder_mixing_good_and_bad_files(desk: Desk, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Judul baik\n\nIsi berita yang baik tentang Sambas.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "broken.json").write_text('{"title": ')
    (tmp_path / "page.txt").write_text("<!DOCTYPE html><html><body>hi</body></html>")
    (tmp_path / "wrong.json").write_text(json.dumps({"title": ["a"], "body": 3}))
    report = desk.ingest([tmp_path])
    assert [a.title for a in desk.articles(report.stored)] == ["Judul baik"]
    reasons = {Path(e.source).name: e.reason for e in report.errors}
    assert set(reasons) == {"empty.txt", "binary.txt", "broken.json", "page.txt", "wrong.json"}
    assert reasons["empty.txt"] == "empty file"
    assert "invalid JSON" in reasons["broken.json"]
    assert "HTML" in reasons["page.txt"]
    assert "should be text" in reasons["wrong.json"]


def test_missing_path_is_reported(desk: Desk, tmp_path: Path) -> None:
    report = desk.ingest([tmp_path / "nope.txt", SEEDS])
    assert len(report.stored) == 2
    assert report.errors[0].reason == "no such file or directory"


def test_files_of_unknown_type_in_a_folder_are_listed_not_failed(
    desk: Desk, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "good.txt").write_text("Judul baik\n\nIsi berita yang baik tentang Sambas.")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    report = desk.ingest([folder])
    assert len(report.stored) == 1
    assert report.errors == []
    assert report.skipped == [str(folder / "photo.jpg")]


def test_learned_outlet_boilerplate_is_cleaned_from_later_stories(
    desk: Desk, tmp_path: Path
) -> None:
    plug = "Rubrik Jelajah Borneo hadir setiap Jumat pagi untuk pembaca setia"
    places = ["Sambas", "Sintang", "Ketapang", "Sanggau", "Landak", "Melawi", "Bengkayang"]
    lines = [
        json.dumps(
            {
                "title": f"Jalan rusak di {place}",
                "body": f"Warga {place} mengeluhkan jalan rusak sepanjang {i + 2} kilometer."
                f"\n{plug}\nPerbaikan dijadwalkan tahun depan oleh dinas terkait di {place}.",
                "outlet": "Suara Borneo",
            }
        )
        for i, place in enumerate(places[:6])
    ]
    (tmp_path / "old.jsonl").write_text("\n".join(lines))
    desk.ingest([tmp_path / "old.jsonl"])
    from click.testing import CliRunner

    from newsdesk.cli import main

    result = CliRunner().invoke(
        main, ["--db", desk.store.path, "--rules", "none.yaml", "learn-boilerplate"]
    )
    assert result.exit_code == 0, result.output
    assert plug in result.stdout
    new = {
        "title": "Jembatan putus di Melawi",
        "body": f"Jembatan di Melawi putus diterjang banjir.\n{plug}\nWarga memutar jauh.",
        "outlet": "Suara Borneo",
    }
    (tmp_path / "new.json").write_text(json.dumps(new))
    stored = desk.articles(desk.ingest([tmp_path / "new.json"]).stored)[0]
    assert plug not in stored.body
    assert "Warga memutar jauh." in stored.body


def test_a_large_jsonl_file_is_streamed_not_refused(
    desk: Desk, tmp_path: Path, monkeypatch
) -> None:
    from newsdesk.ingest import readers

    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 2_000)  # a "huge" file, in miniature
    lines = [
        json.dumps({"title": f"Berita {i}", "body": f"Isi berita nomor {i} dari Mempawah. " * 5})
        for i in range(40)
    ]
    (tmp_path / "big.jsonl").write_text("\r\n".join(lines) + "\r\n")
    assert (tmp_path / "big.jsonl").stat().st_size > 2_000
    report = desk.ingest([tmp_path / "big.jsonl"])
    assert report.errors == []
    assert len(report.stored) == 40
