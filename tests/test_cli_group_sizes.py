"""`import --kind group-sizes` and `template --kind group-sizes` on the command line, on a copy
of the bundled store; the tables are SYNTHETIC (no source prints group sizes)."""

from __future__ import annotations

import csv
import datetime as dt
import json

from cdht_data import group_sizes, store
from tests.cli import run_here
from tests.tables import group_sizes as sizes_table

# Lộc Hòa (8–60: 4.175 in the bundled population table of 30/9/2024) with a group 1 of 5.000,
# more than that: a warning; Lộc An's groups add up to its Tổng (1.000 + 100 + 50 + 300).
ROWS = [["1", "Lộc Hòa", "5.000", "", "", "", ""],
        ["2", "Lộc An", "1.000", "100", "50", "300", "1.450"]]


def _csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def test_import_then_undo_from_the_command_line(store_copy, tmp_path):
    path = _csv(tmp_path / "synthetic_nhom.csv", sizes_table(ROWS))
    dry = run_here("import", path, "--kind", "group-sizes", "--dry-run", "--json",
                   "--db", store_copy)
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert report["ok"] and [f["rule"] for f in report["findings"]].count(
        "group_size_within_population_8_60") == 1
    done = run_here("import", path, "--kind", "group-sizes", "--db", store_copy)
    assert done.returncode == 0, done.stderr
    assert "Đã nhập bảng group-sizes của Lộc Ninh, kỳ 2024-09-30: 2 dòng." in done.stdout
    with store.reading(store_copy) as con:
        frame = group_sizes.load(con, "692", dt.date(2024, 9, 30))
        history_id = con.execute("SELECT max(history_id) FROM history").fetchone()[0]
    assert {(r.unit_key, r.group_no): int(r.size) for r in frame.itertuples()} == {
        ("25273", 1): 5000, ("25276", 1): 1000, ("25276", 2): 100, ("25276", 3): 50,
        ("25276", 4): 300}
    again = run_here("import", path, "--kind", "group-sizes", "--db", store_copy)
    assert again.returncode == 2 and "đã có bảng số người theo nhóm đối tượng" in again.stderr
    undone = run_here("undo", history_id, "--db", store_copy)
    assert undone.returncode == 0, undone.stderr
    with store.reading(store_copy) as con:
        assert group_sizes.load(con, "692", dt.date(2024, 9, 30)) is None


def test_a_bad_file_lists_every_problem_and_exits_2(store_copy, tmp_path):
    rows = [["1", "Lộc Hòa", "-1", "1,5", "", "", ""], ["2", "Lộc Xyz", "1", "", "", "", ""]]
    path = _csv(tmp_path / "synthetic_nhom_loi.csv", sizes_table(rows))
    dry = run_here("import", path, "--kind", "group-sizes", "--dry-run", "--json",
                   "--db", store_copy)
    assert dry.returncode == 2
    assert len(json.loads(dry.stdout)["problems"]) == 3
    bad = run_here("import", path, "--kind", "group-sizes", "--db", store_copy)
    assert bad.returncode == 2 and "synthetic_nhom_loi.csv" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_the_template_command_writes_a_group_sizes_table_that_imports(store_copy, tmp_path):
    out = tmp_path / "synthetic_mau_nhom.xlsx"
    made = run_here("template", "--kind", "group-sizes", "--area", "692", "--as-of",
                    "2024-09-30", "--out", out, "--db", store_copy)
    assert made.returncode == 0, made.stderr
    assert "biểu số người theo nhóm đối tượng" in made.stdout and "16 đơn vị" in made.stdout
    done = run_here("import", out, "--kind", "group-sizes", "--db", store_copy)
    assert done.returncode == 0, done.stderr  # blank cells: unknown sizes, no problem
