"""The ingest benchmark runs end to end, and RESULTS.md keeps every area's section intact."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from results import HEADER, write_section


def test_a_new_section_goes_below_the_conventions_header(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    write_section("Ingest", "| a | b |", path)
    text = path.read_text()
    assert text.startswith(HEADER)
    assert text.endswith("## Ingest\n\n| a | b |\n")


def test_rewriting_a_section_leaves_the_others_alone(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    write_section("Ingest", "old ingest row", path)
    write_section("Dedup", "dedup row\n\nmore dedup", path)
    write_section("Ingest", "new ingest row", path)
    text = path.read_text()
    assert "old ingest row" not in text
    assert text.count("## Ingest") == 1
    assert text.index("new ingest row") < text.index("## Dedup")
    assert "dedup row\n\nmore dedup" in text


def test_the_benchmark_measures_both_sides_on_fresh_databases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("newsdesk.ingest.pipeline")
    import ingest_bench

    code = ingest_bench.main(
        ["--n", "60", "--runs", "1", "--shard", "25", "--workdir", str(tmp_path), "--no-write"]
    )
    result = json.loads(capsys.readouterr().out)
    assert code == (0 if result["ingest_per_s"] >= ingest_bench.TARGET else 1)
    assert result["n"] == result["stored"] == 60
    assert result["ingest_per_s"] > 0 and result["bulk_insert_per_s"] > 0
    assert result["ingest_cpu_s"] > 0 and result["bulk_insert_cpu_s"] > 0  # child CPU counted
    # the ratio is of rates (times are rounded to 10 ms, too coarse at n=60)
    rates = result["ingest_per_s"] / result["bulk_insert_per_s"]
    assert result["ratio"] == pytest.approx(rates, rel=0.01)
    assert len(list(tmp_path.glob("synth-60-seed0-shard25-*/part-*.jsonl"))) == 3
    assert not list(tmp_path.glob("tmp*"))  # temporary databases are removed
    stages = result["stage_cpu_ms_per_article"]
    assert set(stages) == {"read", "clean", "store", "store_without_fts"}
    assert all(ms > 0 for ms in stages.values())
