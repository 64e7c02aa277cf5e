"""Bad input, nothing lost: every broken file costs one clear line, every good one is stored.

The corpus is `tests/data/bad/` plus files too big or too binary to commit (a 50 MB text,
random bytes, an image renamed .txt), generated here into a temp dir.
"""

from __future__ import annotations

import base64
import random
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_concurrency import CLI

BAD = REPO / "tests" / "data" / "bad"

# file name -> words its one line must contain
EXPECTED_FAILURES = {
    "empty.txt": "empty",
    "blank-lines.txt": "empty",
    "missing-fields.json": "no article text",
    "not-json.json": "invalid JSON",
    "wrong-types.json": "should be text",
    "truncated.rss#2": "neither title nor text",
    "billion-laughs.xml": "entities",
    "xxe.rss": "entities",
    "comment-bomb.rss": "entities",  # 100 KiB of comment before the DOCTYPE hides nothing
    "page.html": "HTML page",
    "random.bin": "binary",
    "image.txt": "binary",
    "random-no-controls.txt": "binary file (no words",  # junk read as latin-1
    "random-quotes.txt": "binary file (mostly symbols",  # junk read as a row of cp1252 quotes
    "random-utf8.txt": "binary file (no words",  # valid UTF-8, random code points
    "base64.txt": "binary file (no words",
    "huge.txt": "too long",
}

EXPECTED_STORED = {
    "Pelabuhan Baru Mulai Beroperasi",  # good-article.txt
    "Sekolah Rusak Diperbaiki",  # good-records.json#1
    "Jalan Trans Kalimantan Mulus",  # good-records.json#2
    "Panen Raya Padi di Sambas",  # a path with spaces and non-ASCII characters
    "Festival Budaya Dayak Dibuka",  # cp1252
    "Harga Beras Naik di Pontianak",  # UTF-16 with BOM
    "Warga Mengungsi Akibat Banjir",  # invalid UTF-8 around good text
    "Gubernur Meresmikan Jembatan",  # the complete entry of a truncated feed
    "Jembatan \ufffd Kapuas Retak",  # JSON escaping half a UTF-16 pair
    "Harga Karet \ufffd Turun",  # a feed referring to half a UTF-16 pair
}


def generated(folder: Path) -> list[Path]:
    folder.mkdir()
    huge = folder / "huge.txt"
    line = "Rapat koordinasi penanganan banjir digelar di Pontianak hari ini. " * 30 + "\n"
    with huge.open("w", encoding="utf-8") as fh:
        fh.write("Judul\n\n")
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    rng = random.Random(5)
    (folder / "random.bin").write_bytes(rng.randbytes(300_000))
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(4_000))
    bomb = (BAD / "billion-laughs.xml").read_bytes()
    prolog, rest = bomb.split(b"\n", 1)
    comment = b"<!-- " + b"padding " * (100 * 1024 // 8) + b"-->\n"
    (folder / "comment-bomb.rss").write_bytes(prolog + b"\n" + comment + rest)
    # 200 KB of random bytes with the NUL and control bytes taken out (the old tests for
    # "binary"): before, each was stored as a story whose headline was a row of symbols.
    junk = bytes(b for b in rng.randbytes(400_000) if b >= 0x20 or b in b"\t\n\r")
    (folder / "random-no-controls.txt").write_bytes(junk[:200_000])
    quotes = [0x91, 0x92, 0x93, 0x94, 0x84, 0x8B, 0x9B, 0x20, 0xAB, 0xBB]
    (folder / "random-quotes.txt").write_bytes(bytes(rng.choice(quotes) for _ in range(20_000)))
    code_points = [chr(rng.randrange(0x21, 0x3000)) for _ in range(60_000)]
    text = "".join(c for c in code_points if not 0xD800 <= ord(c) <= 0xDFFF)
    (folder / "random-utf8.txt").write_bytes(text.encode("utf-8"))
    (folder / "base64.txt").write_bytes(base64.b64encode(rng.randbytes(150_000)))
    extra = [
        "random.bin",
        "image.txt",
        "comment-bomb.rss",
        "random-no-controls.txt",
        "random-quotes.txt",
        "random-utf8.txt",
        "base64.txt",
    ]
    return [huge, *(folder / name for name in extra)]


@pytest.fixture(scope="module")
def ingested(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], Path]:
    tmp = tmp_path_factory.mktemp("bad")
    corpus = tmp / "bad"
    shutil.copytree(BAD, corpus)
    extra = generated(tmp / "generated")
    db = tmp / "desk.db"
    # a folder is walked for known article formats; the HTML page is named on its own
    args = [str(corpus), str(corpus / "page.html"), *map(str, extra)]
    result = subprocess.run(
        [*CLI, "--db", str(db), "--rules", str(REPO / "rules.yaml"), "ingest", "--no-dedup", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result, db


def test_each_bad_file_gets_one_line_with_path_and_reason_and_exit_1(
    ingested: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    result, _ = ingested
    assert result.returncode == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    summary = lines.pop()
    assert f"{len(EXPECTED_FAILURES)} failed" in summary
    assert len(lines) == len(EXPECTED_FAILURES), lines
    for name, reason in EXPECTED_FAILURES.items():
        mine = [ln for ln in lines if f"/{name}:" in ln]
        assert len(mine) == 1, f"{name}: {mine}"
        assert reason in mine[0], mine[0]
        assert "Traceback" not in mine[0]


def test_every_good_file_beside_them_is_stored_whole(
    ingested: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, db = ingested
    conn = sqlite3.connect(db)
    rows = {
        title: (body, raw, encoding, source)
        for title, body, raw, encoding, source in conn.execute(
            "SELECT title, body, raw, encoding, source FROM articles"
        )
    }
    conn.close()
    assert set(rows) == EXPECTED_STORED
    body, raw, encoding, _ = rows["Festival Budaya Dayak Dibuka"]
    assert (
        "\u201cKancet Papatai\u201d \u2013" in body and "\u20ac5" in body and encoding == "cp1252"
    )
    assert raw == (BAD / "cp1252.txt").read_bytes()  # the input exactly as received
    body, raw, encoding, _ = rows["Harga Beras Naik di Pontianak"]
    assert "Rp 14.500" in body and encoding.startswith("utf-16")
    body, raw, _, _ = rows["Warga Mengungsi Akibat Banjir"]
    assert "Petugas BPBD mengevakuasi warga lanjut usia" in body
    assert raw == (BAD / "invalid-utf8.txt").read_bytes()
    _, _, _, source = rows["Panen Raya Padi di Sambas"]
    assert source.endswith("folder with spaces/berita Kalimantan Barát — ñ.txt")
    assert not any("root:" in body for body, *_ in rows.values())  # no XXE file contents


def test_rerunning_the_same_folder_stores_nothing_twice(
    ingested: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, db = ingested
    again = subprocess.run(
        [*CLI, "--db", str(db), "ingest", "--no-dedup", "--json", str(BAD)],
        capture_output=True,
        text=True,
    )
    import json

    report = json.loads(again.stdout)
    assert report["stored"] == 0
    assert len(report["already_stored"]) == len(EXPECTED_STORED)
