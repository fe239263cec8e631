"""bench/report.write: where every benchmark leaves its figures and its printed report."""

import json

from bench.report import write


def test_a_benchmark_leaves_its_figures_and_its_report_side_by_side(tmp_path):
    figures = {"trang": "Tổng quan", "tải đầy đủ_s": 1.39}
    txt = write(tmp_path / "bench-results", "browser", figures, "Tổng quan  1.39 s")
    assert txt == tmp_path / "bench-results" / "browser.txt"
    assert txt.read_text(encoding="utf-8") == "Tổng quan  1.39 s\n"
    saved = (tmp_path / "bench-results" / "browser.json").read_text(encoding="utf-8")
    assert json.loads(saved) == figures
    assert "Tổng quan" in saved  # readable as written, not \u-escaped


def test_a_later_run_replaces_the_earlier_one(tmp_path):
    write(tmp_path, "hall-30", {"p95_s": 0.2}, "old")
    write(tmp_path, "hall-30", {"p95_s": 0.1}, "new")
    assert json.loads((tmp_path / "hall-30.json").read_text()) == {"p95_s": 0.1}
    assert (tmp_path / "hall-30.txt").read_text() == "new\n"
