"""The command line as other tools call it: exit status, JSON on stdout, Vietnamese on stderr."""

import json
import os
import subprocess
import sys

import duckdb
import pytest

from tests.cli import run
from tests.paths import ROOT


def _dataset_count(db) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM datasets").fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    result = run("build", "--db", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_summary_json(db):
    result = run("summary", "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["totals"]["assessed"] == 5049
    assert data["totals"]["participation_pct"] == 5.62
    assert len(data["units"]) == 16
    unit_keys = {"code", "name", "registered", "assessed", "recognized", "not_recognized",
                 "population_8_60", "participation_pct", "recognition_pct", "groups"}
    assert unit_keys <= set(data["units"][0])


def test_summary_for_the_pilot_by_name(db):
    data = json.loads(run("summary", "--db", str(db), "--area", "Quảng Phú", "--json").stdout)
    assert data["totals"]["bands"] == {"70-79": 37, "80-89": 13, "90-100": 2}


def test_bad_import_exits_non_zero_with_a_located_message(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Tính đến ngày 31/3/2025\nSTT,Xã/ thị trấn,Nhóm I (Nông dân),,Nhóm II (Công nhân),,"
                   "\"Nhóm III (CC,VC)\",,Nhóm 4 (HS),,Tổng\n,,Đạt,Chưa đạt,Đạt,Chưa đạt,Đạt,"
                   "Chưa đạt,Đạt,Chưa đạt,\n1,Lộc Hòa,1,abc,,,,,,,\n", encoding="utf-8")
    before = _dataset_count(db)
    result = run("import", str(bad), "--kind", "scoring", "--db", str(db))
    assert result.returncode != 0
    assert "bad.csv" in result.stderr and "dòng 4" in result.stderr and "Chưa đạt" in result.stderr
    assert result.stdout == ""
    assert _dataset_count(db) == before


@pytest.mark.slow
def test_import_then_summary_of_the_new_period(db, tmp_path):
    good = tmp_path / "q1.csv"
    good.write_text("STT,Xã/ thị trấn,Nhóm I (Nông dân),,Nhóm II (Công nhân),,\"Nhóm III (CC,VC)\",,"
                    "Nhóm 4 (HS),,Tổng\n,,Đạt,Chưa đạt,Đạt,Chưa đạt,Đạt,Chưa đạt,Đạt,Chưa đạt,\n"
                    "1,Lộc Hoà,7,1,,,,,,,8\n", encoding="utf-8")
    refused = run("import", str(good), "--kind", "scoring", "--db", str(db))
    assert refused.returncode != 0 and "--as-of" in refused.stderr
    ok = run("import", str(good), "--kind", "scoring", "--as-of", "2025-03-31", "--db", str(db))
    assert ok.returncode == 0, ok.stderr
    data = json.loads(run("summary", "--db", str(db), "--json").stdout)
    assert data["as_of"] == "2025-03-31"
    assert data["totals"]["assessed"] == 8
    assert data["sources"]["population"]["as_of"] == "2024-09-30"
    assert data["notes"]
    again = run("import", str(good), "--kind", "scoring", "--as-of", "2025-03-31", "--db", str(db))
    assert again.returncode != 0 and "--replace" in again.stderr


def test_unknown_area(db):
    result = run("summary", "--db", str(db), "--area", "Hà Nội", "--json")
    assert result.returncode != 0 and "Hà Nội" in result.stderr


def test_a_reader_that_stops_early_is_no_fault(db):
    """`summary --json | head -1`, the reader gone before we print: no traceback, no error."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read: the first write meets a closed pipe
    try:
        done = subprocess.run([sys.executable, "-m", "cdht_data", "summary", "--json", "--db",
                               str(db)], cwd=ROOT, stdout=write_end, stderr=subprocess.PIPE,
                              text=True, timeout=120)
    finally:
        os.close(write_end)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
