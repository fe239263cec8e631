"""The benchmark end to end at tiny sizes: every section and every goal is in the output, and
every page of the dashboard has its timing lines.

Timings are not asserted (they depend on the machine); only that each step ran and reported.
"""

import json

import pytest

from bench.report import render
from bench.run import run
from ui.navigation import PAGES, VIEW_PAGES

SECTIONS = ("== ratios ==", "== goals ==", "== data ==", "== ingest ==", "== recompute ==",
            "== queries ==", "== pages ==", "== total ==")


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
