"""The templates to fill: written for an area, period and unit structure, filled with openpyxl
as a clerk would fill them in a spreadsheet, and imported back unchanged."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from cdht_data.errors import InputError
from cdht_data.ingest import import_file
from cdht_data.template import population_template, scoring_template, text_cell

SEP30, DEC31 = dt.date(2024, 9, 30), dt.date(2025, 12, 31)


def fill(data: bytes, path, values: dict[str, dict[int, object]]):
    """The template with `values` typed in: unit name (column B) -> {column number: value}."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    rows = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)}
    for name, cells in values.items():
        for column, value in cells.items():
            ws.cell(rows[name], column, value)
    wb.save(path)
    return path


def group_counts(con, dataset_id: int) -> dict[str, dict[int, tuple]]:
    out: dict[str, dict[int, tuple]] = {}
    for unit, group, recognized, not_recognized in con.execute(
            "SELECT unit_key, group_no, recognized_count, not_recognized_count FROM group_counts "
            "WHERE dataset_id = ? ORDER BY ALL", [dataset_id]).fetchall():
        out.setdefault(unit, {})[group] = (recognized, not_recognized)
    return out


# Columns of the scoring template: C, D = Nhóm I Đạt, Chưa đạt; E, F = Nhóm II; G, H = Nhóm III;
# I, J = Nhóm 4. Values from data/sources/loc-ninh_2024-09-30_cham-diem.csv where the row is an
# old commune: Lộc Tấn 60, 543, -, 46, 71, 15, 18, 10; Lộc Hòa 1, -, 0, -, 4.
LOC_TAN = {3: 60, 4: 543, 6: 46, 7: 71, 8: 15, 9: 18, 10: 10}
LOC_HOA = {3: 1, 5: 0, 7: 4}
SCORING_CASES = [
    # (date, area asked, structure, import --structure, rows: name -> cells, area stored,
    #  units listed, expected stored: unit key -> {group: (Đạt, Chưa đạt)})
    (SEP30, "692", None, None, {"Lộc Tấn": LOC_TAN, "Lộc Hòa": LOC_HOA}, "692", 16,
     {"25279": {1: (60, 543), 2: (None, 46), 3: (71, 15), 4: (18, 10)},
      "25273": {1: (1, None), 2: (0, None), 3: (4, None), 4: (None, None)}}),
    # Lộc Ninh in the units since 1/7/2025: the 7 communes of Đồng Nai; new Lộc Thạnh typed as
    # old Lộc Hòa + Lộc Thạnh (1 + 2 = 3 Nhóm I Đạt; 4 + 27 = 31 Nhóm III Đạt, 3 Chưa đạt)
    (SEP30, "692", "post2025", "post2025", {"Lộc Thạnh": {3: 3, 7: 31, 8: 3}}, "75@2025", 7,
     {"25280@2025": {1: (3, None), 2: (None, None), 3: (31, 3), 4: (None, None)}}),
    (DEC31, "75@2025", None, None, {"Tân Tiến": {3: 12, 4: 0}}, "75@2025", 7,
     {"25318@2025": {1: (12, 0), 2: (None, None), 3: (None, None), 4: (None, None)}}),
    # Đồng Nai in the units before 1/7/2025: the 16 communes of huyện Lộc Ninh
    (DEC31, "75@2025", "pre2025", "pre2025", {"Lộc Tấn": LOC_TAN}, "692", 16,
     {"25279": {1: (60, 543), 2: (None, 46), 3: (71, 15), 4: (18, 10)}}),
]


@pytest.mark.parametrize("day, area, structure, import_as, typed, area_key, listed, expected",
                         SCORING_CASES)
def test_a_filled_scoring_template_imports_back_unchanged(con, tmp_path, day, area, structure,
                                                          import_as, typed, area_key, listed,
                                                          expected):
    path = fill(scoring_template(con, day, area, structure), tmp_path / "mau.xlsx", typed)
    result = import_file(con, path, "scoring", structure=import_as)  # the date from the title
    assert (result.as_of, result.area_key, result.row_count) == (day, area_key, listed)
    stored = group_counts(con, result.dataset_id)
    assert {k: stored[k] for k in expected} == expected
    blank = {g: (None, None) for g in (1, 2, 3, 4)}
    assert all(stored[k] == blank for k in stored if k not in expected)


# Columns of the population template: C = 1 (Tổng số nhân khẩu), D–G = 2–5, H = 6 (đăng ký),
# I = 7 (tỉ lệ). TT Lộc Ninh's row of data/sources/loc-ninh_2024_dan-so-dang-ky.csv:
# 10450, 1456, 7958, 1021, 16, 1329, "16,70".
TOWN = {3: 10450, 4: 1456, 5: 7958, 6: 1021, 7: 16, 8: 1329}
TOWN_STORED = (10450, 1456, 7958, 1021, 16, 1329)
POPULATION_CASES = [
    (SEP30, "692", None, None, "Thị trấn Lộc Ninh", "692", 16, "25270"),
    (SEP30, "692", "post2025", "post2025", "Lộc Ninh", "75@2025", 7, "25270@2025"),
    (DEC31, "75@2025", None, None, "Lộc Ninh", "75@2025", 7, "25270@2025"),
    (DEC31, "Đồng Nai", "pre2025", "pre2025", "Thị trấn Lộc Ninh", "692", 16, "25270"),
]


@pytest.mark.parametrize("day, area, structure, import_as, row, area_key, listed, unit_key",
                         POPULATION_CASES)
def test_a_filled_population_template_imports_back_unchanged(con, tmp_path, day, area, structure,
                                                             import_as, row, area_key, listed,
                                                             unit_key):
    path = fill(population_template(con, day, area, structure), tmp_path / "mau.xlsx",
                {row: TOWN})
    result = import_file(con, path, "population", structure=import_as)
    assert (result.as_of, result.area_key, result.row_count) == (day, area_key, listed)
    stored = {r[0]: r[1:] for r in con.execute(
        "SELECT unit_key, population_count, under_7_count, age_8_60_count, over_60_count, "
        "age_8_60_unable_count, registered_count FROM population_counts WHERE dataset_id = ?",
        [result.dataset_id]).fetchall()}
    assert stored.pop(unit_key) == TOWN_STORED
    assert len(stored) == listed - 1 and all(v == (None,) * 6 for v in stored.values())


def test_the_population_template_prints_its_column_numbers(con, tmp_path):
    path = tmp_path / "mau.xlsx"
    path.write_bytes(population_template(con, SEP30, "692"))
    result = import_file(con, path, "population")
    numbers = dict(con.execute("SELECT column_key, number_label FROM dataset_columns "
                               "WHERE dataset_id = ?", [result.dataset_id]).fetchall())
    assert numbers == {"population_count": "1=2+3+4+5", "under_7_count": "2",
                       "age_8_60_count": "3", "over_60_count": "4", "age_8_60_unable_count": "5",
                       "registered_count": "6", "printed_participation_pct": "7=6/3*100"}


@pytest.mark.parametrize("make", [scoring_template, population_template])
def test_an_unfilled_template_imports_as_a_table_of_blanks(con, tmp_path, make):
    """Decided: blank cells are missing figures, as in any table; nothing is made 0, and the
    list of who has reported (reporting.py) counts no unit whose row is blank."""
    path = tmp_path / "mau.xlsx"
    path.write_bytes(make(con, SEP30, "692"))
    result = import_file(con, path, "scoring" if make is scoring_template else "population")
    assert result.row_count == 16
    assert con.execute("SELECT count(*) FROM printed_values WHERE dataset_id = ?",
                       [result.dataset_id]).fetchone()[0] == 0
    counts = con.execute(
        "SELECT count(recognized_count) + count(not_recognized_count) FROM group_counts "
        "WHERE dataset_id = ?" if make is scoring_template else
        "SELECT count(population_count) + count(registered_count) FROM population_counts "
        "WHERE dataset_id = ?", [result.dataset_id]).fetchone()[0]
    assert counts == 0


def test_the_template_is_laid_out_for_print(con):
    ws = openpyxl.load_workbook(io.BytesIO(scoring_template(con, SEP30, "692"))).active
    assert ws["A2"].value == "Tính đến ngày 30/9/2024"
    assert [ws.cell(4, c).value for c in range(1, 4)] == ["STT", "Xã/ thị trấn",
                                                         "Nhóm I (Nông dân)"]
    assert [ws.cell(5, c).value for c in (3, 4)] == ["Đạt", "Chưa đạt"]
    assert [ws.cell(r, 1).value for r in (6, 21)] == [1, 16]  # STT of the 16 communes
    assert ws.cell(22, 1).value == "Toàn huyện"
    assert ws.cell(22, 3).value == '=IF(COUNT(C6:C21)=0,"",SUM(C6:C21))'
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert {ws.cell(r, c).font.name for r, c in ((1, 1), (4, 1), (4, 3), (6, 2), (6, 3), (22, 1))
            } == {"Times New Roman"}
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width


def test_a_name_that_looks_like_a_formula_stays_text(tmp_path):
    wb = openpyxl.Workbook()
    text_cell(wb.active["B2"], "=1+1 (mô phỏng)")
    wb.save(tmp_path / "t.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "t.xlsx").active["B2"]
    assert (cell.data_type, cell.value) == ("s", "=1+1 (mô phỏng)")


def test_a_date_without_a_rule_set_is_refused(con):
    with pytest.raises(InputError, match="bộ tiêu chí"):
        scoring_template(con, dt.date(2019, 12, 31), "692")
