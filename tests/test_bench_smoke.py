"""The benchmark end to end at tiny sizes: every section and every goal is in the output, and
every page of the dashboard has its timing lines.

Timings are not asserted (they depend on the machine); only that each step ran and reported.
"""

import json

import pytest

from bench.ingest import PARQUET_STEP as PARQUET
from bench.report import render
from bench.run import run
from ui.navigation import PAGES, VIEW_PAGES

SECTIONS = ("== ratios ==", "== goals (today) ==", "== data ==", "== ingest ==",
            "== recompute ==", "== queries ==", "== pages ==", "== total ==")


@pytest.mark.slow
def test_bench_tiny_run_has_every_section(tmp_path):
    report = run(people=3000, communes=30, xlsx_rows=150, repeat=2, work=tmp_path)
    text = render(report)
    for section in SECTIONS:
        assert section in text, section
    steps = {r["step"] for r in report.rows}
    for step in ("records CSV → store (DuckDB read_csv)",
                 "records Parquet → store (DuckDB read_parquet)",
                 "XLSX → cells, project reader (calamine)",
                 "XLSX → DataFrame, pandas.read_excel(openpyxl)",
                 "duckdb 3,000 records, held (store table)",
                 "pandas 3,000 records, held (DataFrame)",
                 "duckdb 3,000 records, from the Parquet file",
                 "pandas 3,000 records, from the Parquet file",
                 "pages/tong_quan.py – Tổng quan (first run)",
                 "pages/ban_do.py – Bản đồ (second run)"):
        assert step in steps, step
    for script, title, _ in PAGES:
        for attempt in ("first run", "second run"):
            assert f"{script} – {title} ({attempt})" in steps
    for script, title, _ in VIEW_PAGES:
        for scale in ("district", "national"):
            for via in ("cdht_data.views", "ui.data"):
                [row] = [r for r in report.rows if r["section"] == "queries"
                         and (r["scale"], r["page"], r["via"]) == (scale, script, via)]
                assert row["p95_ms"] >= row["p50_ms"] > 0, row["step"]
    assert all(r["peak_rss_mb"] > 0 for r in report.rows)
    assert len(report.goals) == 13 and all(g["value"] is not None for g in report.goals)
    assert not [n for n in report.notes if "disagrees" in n or "failed" in n]
    page_errors = [r for r in report.rows if r["section"] == "pages" and r.get("exceptions")]
    assert not page_errors
    json.dumps(report.as_json())


@pytest.mark.slow
def test_bench_national_mode_at_a_tiny_size(tmp_path):
    """The national run's shape (`make bench-national`) at 3,000 records: its goal set, no
    comparator above the size they are limited to, no CSV import, and every timed goal read against the
    speed reference measured before its own steps, scaled to a quiet moment's."""
    report = run(people=3000, communes=30, xlsx_rows=150, repeat=2, work=tmp_path,
                 comparators_up_to=0, goal_set="national", csv=False)
    text = render(report)
    assert "== goals (national) ==" in text and "→ 100 ms:" in text
    assert not [r for r in report.rows if r.get("engine") in ("pandas", "polars")
                and r["section"] == "recompute"]
    assert [n for n in report.notes if "not run at 3,000 records" in n]
    goals = {g["goal"]: g for g in report.goals}
    assert goals["peak memory of the store's own steps"]["target"] == 4096
    assert goals["full recompute from 3,000 raw records (read from the Parquet file)"][
        "target"] == 3
    assert goals["recompute speed-up over plain pandas (held)"]["value"] is None
    assert goals["ingest from CSV"]["value"] is None and report.find("ingest", PARQUET)
    references = report.machine["cpu_reference_ms_before"]
    assert set(references) == {"ingest", "queries", "pages", "recompute"}
    for g in report.goals:
        if g["unit"] in ("ms", "s", "rows/s") and g["value"] is not None:
            assert g["reference_ms"] == references[g["section"]] > 0, g["goal"]
            scale = 100 / g["reference_ms"]
            expected = g["value"] * scale if g["unit"] != "rows/s" else g["value"] / scale
            assert g["at_nominal"] == pytest.approx(expected, rel=1e-3, abs=1e-3), g["goal"]
            assert g["met_at_nominal"] in (True, False)
    assert not [r for r in report.rows if r["section"] == "pages" and r.get("exceptions")]
    assert not list(tmp_path.glob("*.duckdb.tmp"))  # the writers' spill directories went
