"""CSV exports: UTF-8 with BOM, Vietnamese headers, numbers as numbers, and no text cell that a
spreadsheet would run as a formula."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pandas as pd
import pytest

from cdht_data.exports import csv_bytes, file_name


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def test_headers_are_the_labels_and_numbers_stay_numbers():
    frame = pd.DataFrame({"name": ["Lộc Hòa", "Lộc Tấn"],
                          "registered_count": pd.array([5, None], dtype="Int64"),
                          "participation_pct": [0.11976047904191617, 9.3],
                          "other": ["x", "y"]})
    data = csv_bytes(frame, ["name", "registered_count", "participation_pct"],
                     {"name": "Đơn vị", "registered_count": "Đăng ký"})
    assert _rows(data) == [["Đơn vị", "Đăng ký", "participation_pct"],
                           ["Lộc Hòa", "5", "0.11976047904191617"],
                           ["Lộc Tấn", "", "9.3"]]
    assert b"\r\n" in data


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil.example\",\"bấm\")", "+1+2",
                                  "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_a_text_cell_that_a_spreadsheet_would_run_gets_a_quote(text):
    frame = pd.DataFrame({"name": [text], "count": [-5]})
    rows = _rows(csv_bytes(frame, ["name", "count"], {}))
    assert rows[1] == ["'" + text, "-5"]  # the number -5 is a number, not escaped


def test_a_header_from_data_is_escaped_too():
    frame = pd.DataFrame({"=cmd|' /C calc'!A0": ["a"]})
    assert _rows(csv_bytes(frame, list(frame.columns), {}))[0] == ["'=cmd|' /C calc'!A0"]


def test_ordinary_text_is_left_alone():
    frame = pd.DataFrame({"t": ["Thôn Bao La – Đức Nhuận", "a=b", "⚠ 1 lỗi", "'quoted"]})
    assert [r[0] for r in _rows(csv_bytes(frame, ["t"], {}))[1:]] == [
        "Thôn Bao La – Đức Nhuận", "a=b", "⚠ 1 lỗi", "'quoted"]


def test_a_float_holding_a_whole_number_is_written_as_one():
    frame = pd.DataFrame({"printed": [91441.0, 16.7, float("nan")],
                          "rate": pd.array([5.0, None, 0.5], dtype="Float64")})
    assert [r for r in _rows(csv_bytes(frame, ["printed", "rate"], {}))[1:]] == [
        ["91441", "5"], ["16.7", ""], ["", "0.5"]]


def test_dates_are_iso_and_decimals_are_numbers():
    frame = pd.DataFrame({"as_of": [dt.date(2024, 9, 30)], "pct": [Decimal("16.70")]})
    assert _rows(csv_bytes(frame, ["as_of", "pct"], {}))[1] == ["2024-09-30", "16.70"]


@pytest.mark.parametrize("parts, expected", [
    (("Xếp hạng đơn vị", "Lộc Ninh", dt.date(2024, 9, 30)),
     "xep-hang-don-vi_loc-ninh_2024-09-30.csv"),
    (("Lịch sử", "Đồng Xoài ../../etc/passwd <b>"), "lich-su_dong-xoai-etc-passwd-b.csv"),
    (("Phát hiện", None, "Quảng Phú"), "phat-hien_quang-phu.csv"),
])
def test_file_names_are_vietnamese_words_without_diacritics(parts, expected):
    assert file_name(*parts) == expected
