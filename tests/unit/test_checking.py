"""checking.check_file: every problem of a file at once, with the import's own rules, and what
importing a good file would raise and change; nothing written."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from cdht_data.checking import check_file, report_lines
from cdht_data.ingest import import_file
from tests.paths import ROOT
from tests.stores import table_counts
from tests.tables import (GOOD_POP, GOOD_POP_TOTAL, POP_HEADER, RECORDS_HEADER, SCORING,
                          changed, person, report)

# Five mistakes in five rows and four columns; the title and date are rows 1–2, the header
# rows 3–4, so the communes are rows 5–9.
FIVE_MISTAKES = report([
    ["1", "Lộc Hòa", "1x", "5", "2", "", "", "", "", "", "17"],  # C5: a letter in a count
    ["2", "Lộc An", "4", "-3", "", "", "1", "", "", "", "5"],  # D6: a negative number
    ["3", "Lộc Xyz", "4", "", "", "", "1", "", "", "", "5"],  # B7: no such commune
    ["4", "Lộc Hoà", "4", "", "", "", "1", "", "", "", "5"],  # B8: Lộc Hòa again, respelt
    ["5", "Lộc Thạnh", "4", "", "2,5", "", "1", "", "", "", "5"],  # E9: a decimal in a count
])
G1_PASS = "Nhóm I (Nông dân) / Đạt (C)"
G1_FAIL = "Nhóm I (Nông dân) / Chưa đạt (D)"
G2_PASS = "Nhóm II (Công nhân) / Đạt (E)"
UNIT = "Xã/ thị trấn (B)"


def test_a_scoring_csv_with_five_mistakes_reports_all_five(con, write_csv):
    check = check_file(con, write_csv("nam-loi.csv", FIVE_MISTAKES), "scoring")
    assert not check.ok
    assert [(p.row, p.column, p.cell) for p in check.problems] == [
        (5, G1_PASS, "1x"), (6, G1_FAIL, "-3"), (7, UNIT, "Lộc Xyz"), (8, UNIT, "Lộc Hoà"),
        (9, G2_PASS, "2,5")]
    messages = [p.message for p in check.problems]
    assert "không phải là số người" in messages[0]
    assert "không được âm" in messages[1]
    assert "không có đơn vị «Lộc Xyz»" in messages[2]
    assert "cùng một đơn vị" in messages[3] and "dòng 5" in messages[3]
    assert "số nguyên" in messages[4]
    assert check.preview.marked == {(5, "C"), (6, "D"), (7, "B"), (8, "B"), (9, "E")}
    assert table_counts(con)["datasets"] == 0


def test_the_same_five_mistakes_in_an_xlsx(con, write_xlsx):
    rows = [[-3 if c == "-3" else 2.5 if c == "2,5" else c for c in row]
            for row in FIVE_MISTAKES]  # numbers as a spreadsheet holds them
    check = check_file(con, write_xlsx("nam-loi.xlsx", rows), "scoring")
    assert [(p.row, p.letter, p.cell) for p in check.problems] == [
        (5, "C", "1x"), (6, "D", "-3"), (7, "B", "Lộc Xyz"), (8, "B", "Lộc Hoà"),
        (9, "E", "2.5")]
    assert "2,5" in check.problems[4].message  # the message writes the Vietnamese way


def test_what_was_recognised(con, write_csv):
    check = check_file(con, write_csv("nam-loi.csv", FIVE_MISTAKES), "scoring")
    assert (check.kind, check.layout_id, check.as_of, check.area_key, check.structure,
            check.ruleset_id, check.row_count) == (
        "scoring", "scoring_report", dt.date(2025, 3, 31), "692", "pre2025", "qd-324-2023", 5)
    assert check.preview.rows[4] == (5, FIVE_MISTAKES[4])  # every cell as written


def test_a_good_file_is_ok_and_lists_its_findings(con, write_csv):
    check = check_file(con, write_csv("tot.csv", report(SCORING)), "scoring")
    assert check.ok and check.problems == [] and check.findings
    # the table names 2 of huyện Lộc Ninh's 16 communes: the others are reported missing
    assert any("Lộc Tấn" in f.message for f in check.findings)
    assert table_counts(con)["datasets"] == 0 and table_counts(con)["findings"] == 0
    assert check.as_json()["ok"] is True and check.as_json()["findings"]


def test_a_replacement_lists_the_cells_it_changes(store_copy):
    source = ROOT / "data" / "sources" / "loc-ninh_2024-09-30_cham-diem.csv"
    text = source.read_text(encoding="utf-8")
    assert "2,Lộc Hòa,1,,0,,4,,,,5" in text
    new = store_copy.parent / "cham-diem-sua.csv"
    new.write_text(text.replace("2,Lộc Hòa,1,,0,,4,,,,5", "2,Lộc Hòa,3,,0,,4,,,,5"),
                   encoding="utf-8")
    con = duckdb.connect(str(store_copy))
    try:
        before = table_counts(con)
        check = check_file(con, new, "scoring")
        assert check.ok and check.replaces
        assert [(c.unit_key, c.unit, c.column, c.old, c.new) for c in check.changes] == [
            ("25273", "Lộc Hòa", "Nhóm I (Nông dân) / Đạt", 1, 3)]
        # Lộc Hòa's printed Tổng, 5, is now short of 3 + 0 + 4 = 7
        assert any(f.unit == "Lộc Hòa" and f.expected == 7 for f in check.findings)
        assert table_counts(con) == before
        refused = check_file(con, new, "scoring", replace=False)
        assert not refused.ok and "--replace" in refused.problems[0].message
        assert any("1 → 3" in line for line in report_lines(check))
    finally:
        con.close()


def test_population_problems_all_at_once(con, write_csv):
    # date row 1, header rows 2–3, column numbers row 4: the communes are rows 5–7
    rows = changed(changed(GOOD_POP, 0, 4, "8o"), 2, 7, "-20")  # E5 and H7
    check = check_file(con, write_csv("dan-so.csv", POP_HEADER + rows + [GOOD_POP_TOTAL]),
                       "population")
    assert [(p.row, p.letter, p.cell) for p in check.problems] == [(5, "E", "8o"),
                                                                    (7, "H", "-20")]


def test_records_problems_all_at_once(con, write_csv):
    good = [10] * 10  # 100 points, Đạt
    rows = [RECORDS_HEADER, person("25273", 1, good),
            ["99999", *person("25273", 1, good)[1:]],  # row 3: no such commune
            person("25273", 7, good),  # row 4: no group 7
            ["25276", "2", "abc", *person("25276", 2, good)[3:]]]  # row 5: a total of text
    check = check_file(con, write_csv("nguoi.csv", rows), "records", as_of=dt.date(2024, 12, 31))
    assert [(p.row, p.column, p.cell) for p in check.problems] == [
        (3, "Mã xã (A)", "99999"), (4, "Nhóm (B)", "7"), (5, "Tổng điểm (C)", "abc")]
    assert table_counts(con)["assessment_records"] == 0


def test_good_records_give_their_findings(con, write_csv):
    rows = [RECORDS_HEADER, person("25273", 1, [10] * 10), person("25276", 2, [9] * 10)]
    check = check_file(con, write_csv("nguoi.csv", rows), "records", as_of=dt.date(2024, 12, 31))
    assert check.ok and check.row_count == 2 and check.area_key == "692"
    assert table_counts(con)["assessment_records"] == 0


@pytest.mark.parametrize("name, content, words", [
    ("rong.csv", b"", "tệp rỗng"),
    ("bang.xls", b"not really", ".xlsx"),
    ("khong-tieu-de.csv", "a,b\n1,2\n".encode(), "tiêu đề"),
])
def test_what_stops_reading_is_one_problem_without_a_row(con, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    check = check_file(con, path, "scoring")
    assert len(check.problems) == 1 and check.problems[0].row is None
    assert words in check.problems[0].message
