"""Readers on tiny inline tables: layouts, encodings, separators, Excel, header matching."""

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest

from cdht_data.errors import InputError
from cdht_data.readers import parse_file, parse_ratio

HEADER = [
    ["STT", "Xã/ thị trấn", "Nhóm I (Nông dân)", "", "Nhóm II (Công nhân)", "",
     "Nhóm III (CC,VC)", "", "Nhóm 4 (HS)", "", "Tổng"],
    ["", "", "Đạt", "Chưa đạt", "Đạt", "Chưa đạt", "Đạt", "Chưa đạt", "Đạt", "Chưa đạt", ""],
]
TITLE = [["Biểu thống kê đánh giá"], ["Tính đến ngày 31/3/2025"]]


def report(rows):
    return TITLE + HEADER + rows


def test_report_layout_with_title_rows_and_totals(write_csv):
    path = write_csv("t.csv", report([
        ["1", "Lộc Hòa", "1", "", "0", "", "4", "", "", "", "5"],
        ["Toàn huyện", "", "1", "", "0", "", "4", "", "", "", "5"],
    ]))
    t = parse_file(path, "scoring")
    assert t.layout.id == "scoring_report"
    assert t.as_of == dt.date(2025, 3, 31)
    assert [r.label for r in t.rows] == ["Lộc Hòa"]
    assert t.rows[0].values["g1_recognized"] == 1
    assert t.rows[0].values["g1_not_recognized"] is None  # a blank stays missing
    assert t.rows[0].row_no == 5
    assert t.total_row.label == "Toàn huyện"
    assert t.columns["g3_not_recognized"].header == "Nhóm III (CC,VC) / Chưa đạt"


@pytest.mark.parametrize("delimiter, encoding", [(",", "utf-8"), (";", "utf-8"),
                                                 (";", "utf-8-sig"), (",", "utf-8-sig"),
                                                 ("\t", "utf-8")])
def test_csv_separators_and_bom(write_csv, delimiter, encoding):
    path = write_csv("t.csv", report([["1", "Lộc An", "2.133", "15", "0", "", "2", "", "", "", ""]]),
                     delimiter=delimiter, encoding=encoding)
    t = parse_file(path, "scoring")
    assert t.rows[0].values["g1_recognized"] == 2133
    assert t.as_of == dt.date(2025, 3, 31)


def test_xlsx_report_with_numeric_cells(write_xlsx):
    path = write_xlsx("t.xlsx", report([[1, "Lộc Tấn", 60, 543, None, 46, 71, 15, 18, 10, 763]]))
    t = parse_file(path, "scoring")
    assert t.rows[0].values["g1_not_recognized"] == 543
    assert t.rows[0].values["g2_recognized"] is None
    assert t.rows[0].values["printed_assessed"] == 763


def test_decomposed_header_text_still_matches(write_csv):
    rows = [[unicodedata.normalize("NFD", c) for c in row] for row in report(
        [["1", "Lộc Hòa", "1", "", "0", "", "4", "", "", "", "5"]])]
    t = parse_file(write_csv("t.csv", rows), "scoring")
    assert t.rows[0].values["g3_recognized"] == 4


def test_long_layout(write_csv):
    path = write_csv("long.csv", [
        ["Tính đến ngày 30/9/2024"],
        ["Xã", "Nhóm", "Kết quả", "Số lượng"],
        ["Lộc Hòa", "Nhóm I", "Đạt", "1"],
        ["Lộc Hòa", "Nhóm III", "Đạt", "4"],
        ["Lộc An", "1", "Chưa đạt", "15"],
        ["Lộc An", "Nông dân", "Đạt", "14"],
    ])
    t = parse_file(path, "scoring")
    assert t.layout.id == "scoring_long"
    by_name = {r.label: r.values for r in t.rows}
    assert by_name["Lộc Hòa"] == {"g1_recognized": 1, "g3_recognized": 4}
    assert by_name["Lộc An"] == {"g1_not_recognized": 15, "g1_recognized": 14}


def test_long_layout_refuses_the_same_cell_twice(write_csv):
    path = write_csv("long.csv", [["Xã", "Nhóm", "Kết quả", "Số lượng"],
                                  ["Lộc Hòa", "Nhóm I", "Đạt", "1"],
                                  ["Lộc Hòa", "Nhóm I", "Đạt", "2"]])
    with pytest.raises(InputError, match="hai dòng") as err:
        parse_file(path, "scoring")
    assert err.value.row == 3


@pytest.mark.parametrize("cell, expected", [
    ("10/13\n77%", (10, 13, Decimal("77"))), ("15/18 83,3%", (15, 18, Decimal("83.3"))),
    ("0", (0, None, None)), ("", None), ("4/4", (4, 4, None)),
])
def test_pilot_ratio_cells(cell, expected):
    assert parse_ratio(cell) == expected


@pytest.mark.parametrize("cell, column", [("abc", "Nhóm I (Nông dân) / Chưa đạt (D)"),
                                          ("-4", "Nhóm I (Nông dân) / Chưa đạt (D)"),
                                          ("2,5", "Nhóm I (Nông dân) / Chưa đạt (D)")])
def test_cell_errors_name_file_row_and_column(write_csv, cell, column):
    path = write_csv("bad.csv", report([["1", "Lộc Hòa", "1", cell, "0", "", "4", "", "", "", "5"]]))
    with pytest.raises(InputError) as err:
        parse_file(path, "scoring")
    assert (err.value.file, err.value.row, err.value.column) == ("bad.csv", 5, column)
    assert "bad.csv" in str(err.value) and "dòng 5" in str(err.value)


def test_missing_group_column_is_a_header_error(write_csv):
    rows = TITLE + [[c for i, c in enumerate(r) if i not in (4, 5)] for r in HEADER] + [
        ["1", "Lộc Hòa", "1", "", "4", "", "", "", "5"]]
    with pytest.raises(InputError, match="thiếu cột «Nhóm II – Đạt»") as err:
        parse_file(write_csv("h.csv", rows), "scoring")
    assert err.value.row == 3


def test_no_unit_column_at_all(write_csv):
    with pytest.raises(InputError, match="không tìm thấy dòng tiêu đề"):
        parse_file(write_csv("x.csv", [["a", "b"], ["1", "2"]]), "scoring")


def test_numbers_below_the_totals_row_are_refused(write_csv):
    path = write_csv("t.csv", report([
        ["1", "Lộc Hòa", "1", "", "0", "", "4", "", "", "", "5"],
        ["Toàn huyện", "", "1", "", "0", "", "4", "", "", "", "5"],
        ["2", "Lộc An", "1", "", "0", "", "4", "", "", "", "5"],
    ]))
    with pytest.raises(InputError, match="sau dòng tổng") as err:
        parse_file(path, "scoring")
    assert err.value.row == 7


@pytest.mark.parametrize("content, words", [(b"", "tệp rỗng"), (b"garbage", "Excel")])
def test_empty_and_corrupt_xlsx(tmp_path, content, words):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError, match=words) as err:
        parse_file(path, "scoring")
    assert err.value.file == "bad.xlsx"


def test_xlsx_without_any_value(write_xlsx):
    with pytest.raises(InputError, match="không có ô nào"):
        parse_file(write_xlsx("blank.xlsx", []), "scoring")


def test_empty_csv(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(InputError, match="tệp rỗng"):
        parse_file(path, "scoring")


def test_not_utf8(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("Xã,Nhóm\n".encode("utf-16"))
    with pytest.raises(InputError, match="UTF-8"):
        parse_file(path, "scoring")
