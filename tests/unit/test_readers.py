"""Readers on tiny inline tables: layouts, encodings, separators, Excel, header matching."""

import csv
import datetime as dt
import unicodedata
from decimal import Decimal

import pytest

from cdht_data.errors import InputError
from cdht_data.report_text import read_text_figures
from cdht_data.readers import parse_file, parse_ratio
from tests.paths import ROOT
from tests.tables import SCORING_HEADER, SCORING_TITLE, report


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
    without_group_2 = [[c for i, c in enumerate(r) if i not in (4, 5)] for r in SCORING_HEADER]
    rows = SCORING_TITLE + without_group_2 + [
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


# ---------------------------------------------------------------- numbers no reader may guess

SOURCES = ROOT / "data" / "sources"


def _source_rows(name: str) -> list[list[str]]:
    with open(SOURCES / name, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _population_with(cell: str, column: int) -> list[list[str]]:
    """The bundled population table with one cell of TT Lộc Ninh's row (row 5) changed."""
    rows = _source_rows("loc-ninh_2024_dan-so-dang-ky.csv")
    rows[4][column] = cell
    return rows


@pytest.mark.parametrize("cell, column, words", [
    ("13 29", 7, "1.329 hoặc 1329"), ("1\u00a0329", 7, "khoảng trắng"), ("１３２９", 7, "0–9"),
    ("123.456.789", 2, "100.000.000"), ("16.700", 8, "16,7"), ("16\u202f70", 8, "khoảng trắng"),
])
def test_population_cells_that_could_be_misread(write_csv, cell, column, words):
    path = write_csv("dan-so.csv", _population_with(cell, column))
    with pytest.raises(InputError, match=words) as err:
        parse_file(path, "population")
    assert (err.value.file, err.value.row) == ("dan-so.csv", 5)
    assert err.value.column.endswith(f"({'ABCDEFGHI'[column]})")
    assert f"«{cell}»" in err.value.message


def test_the_bundled_rates_still_read(write_csv):
    t = parse_file(write_csv("dan-so.csv", _population_with("16,70", 8)), "population")
    assert t.rows[0].values["printed_participation_pct"] == Decimal("16.70")
    assert t.rows[0].values["registered_count"] == 1329


def test_pilot_ratio_with_an_ambiguous_rate(write_csv):
    rows = _source_rows("quang-phu_2021_thi-diem.csv")
    rows[3][4] = "1/1 (100.000%)"
    with pytest.raises(InputError, match="dấu chấm") as err:
        parse_file(write_csv("thi-diem.csv", rows), "pilot")
    assert (err.value.row, err.value.column[-3:]) == (4, "(E)")
    assert "«1/1 (100.000%)»" in err.value.message


@pytest.mark.parametrize("cell", [2.5e9, "1\u00a0329", "１２"])
def test_xlsx_cells_that_could_be_misread(write_xlsx, cell):
    path = write_xlsx("t.xlsx", report([[1, "Lộc Tấn", cell, 543, None, 46, 71, 15, 18, 10, 763]]))
    with pytest.raises(InputError) as err:
        parse_file(path, "scoring")
    assert (err.value.file, err.value.row, err.value.column) == (
        "t.xlsx", 5, "Nhóm I (Nông dân) / Đạt (C)")


def test_text_figure_rate_with_an_ambiguous_dot(write_csv):
    rows = _source_rows("quang-phu_2021_loi-van.csv")
    at = next(i for i, r in enumerate(rows) if r[-1] == "94,5")
    rows[at][-1] = "94.500"
    with pytest.raises(InputError, match="94,5") as err:
        read_text_figures(write_csv("loi-van.csv", rows))
    assert (err.value.file, err.value.row, err.value.column) == ("loi-van.csv", at + 1, "Số in")


def test_text_figure_count_keeps_its_thousands_dot(write_csv):
    _, figures = read_text_figures(SOURCES / "loc-ninh_2024_loi-van.csv")
    assert figures[0].printed_text == "5.049" and figures[0].value == 5049


# ---------------------------------------------------------------- files no reader may choke on

def test_a_table_over_its_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "lon.csv"
    with open(path, "wb") as f:  # sparse: 21 MB on paper, nothing on disk
        f.truncate(21 * 2**20)
    monkeypatch.setattr("cdht_data.readers._read_csv", lambda p: pytest.fail("read"))
    with pytest.raises(InputError, match="tệp nặng 21 MB, quá giới hạn 20 MB") as err:
        parse_file(path, "population")
    assert err.value.file == "lon.csv"


def test_a_cell_over_the_csv_field_limit(write_csv):
    path = write_csv("dai.csv", report([["1", "Lộc Hòa", "1" * 200_000, "", "0", "", "4", "", "",
                                         "", "5"]]))
    with pytest.raises(InputError, match="131.072 ký tự") as err:
        parse_file(path, "scoring")
    assert (err.value.file, err.value.row) == ("dai.csv", 5)


def test_an_unclosed_quote_swallowing_the_file(tmp_path):
    path = tmp_path / "ngoac.csv"
    rows = "\n".join(",".join(r) for r in report([["1", "Lộc Hòa", "1", "", "0", "", "4", "", "",
                                                    "", "5"]]))
    path.write_text(rows.replace("Lộc Hòa", '"Lộc Hòa') + "\n" + "2,Lộc An,1\n" * 20_000,
                    encoding="utf-8")
    with pytest.raises(InputError, match="ngoặc kép") as err:
        parse_file(path, "scoring")
    assert err.value.row == 5


@pytest.mark.parametrize("line", ['1,Lộc Hòa,"1"2,,0,,4,,,,5', '1,Lộc Hòa,1,,0,,4,,,,"5'])
def test_quotes_that_would_run_cells_together(tmp_path, line):
    path = tmp_path / "q.csv"
    head = "\n".join(",".join(r) for r in report([]))
    path.write_text(head + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="ngoặc kép") as err:
        parse_file(path, "scoring")
    assert (err.value.file, err.value.row) == ("q.csv", 5)


def test_a_nul_byte_is_refused_naming_its_cell(tmp_path):
    path = tmp_path / "nul.csv"
    head = "\n".join(",".join(r) for r in report([]))
    path.write_text(head + "\n1,Lộc Hòa,1\x002,,0,,4,,,,5\n", encoding="utf-8")
    with pytest.raises(InputError, match="NUL") as err:
        parse_file(path, "scoring")
    assert (err.value.file, err.value.row, err.value.column) == ("nul.csv", 5, "C")


def test_utf16_without_a_bom_is_refused(tmp_path):
    """Plain ASCII in UTF-16 is valid UTF-8 with a NUL after every letter."""
    path = tmp_path / "u16.csv"
    path.write_bytes("Xa,Nhom,Ket qua,So luong\nLoc Hoa,1,Dat,1\n".encode("utf-16-le"))
    with pytest.raises(InputError, match="NUL") as err:
        parse_file(path, "scoring")
    assert (err.value.row, err.value.column) == (1, "A")


@pytest.mark.parametrize("group", ["1.5", "1,5", "1 2", "2/3", "4.0"])
def test_a_group_cell_with_more_digits_is_refused(write_csv, group):
    path = write_csv("long.csv", [["Xã", "Nhóm", "Kết quả", "Số lượng"],
                                  ["Lộc Hòa", "Nhóm I", "Đạt", "1"],
                                  ["Lộc Hòa", group, "Đạt", "2"]])
    with pytest.raises(InputError, match=f"không hiểu giá trị «{group}»") as err:
        parse_file(path, "scoring")
    assert (err.value.row, err.value.column) == (3, "Nhóm (B)")


@pytest.mark.parametrize("group, key", [("1", "g1_recognized"), ("1. Nông dân", "g1_recognized"),
                                        ("Nhóm IV (HS)", "g4_recognized"), (3.0, "g3_recognized")])
def test_group_cells_as_reports_write_them(write_xlsx, group, key):
    path = write_xlsx("long.xlsx", [["Xã", "Nhóm", "Kết quả", "Số lượng"],
                                    ["Lộc Hòa", group, "Đạt", 2]])
    assert parse_file(path, "scoring").rows[0].values == {key: 2}
