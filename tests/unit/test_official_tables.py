"""The report's official tables as XLSX, read back with openpyxl and checked cell by cell
against the printed sources: report 33/BC-HKH's two tables of 30/9/2024 (Lộc Ninh) and the
Quảng Phú pilot's table (2021). Expected values are the printed ones, typed here; where the
printed totals row does not add up, the sum of the printed unit rows, with the arithmetic."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from cdht_data import store
from cdht_data.errors import InputError
from cdht_data.official_tables import population_table_xlsx, scoring_table_xlsx
from cdht_data.printed_tables import COUNT_FORMAT, RATE_FORMAT
from cdht_data.meeting_page import meeting_page
from tests.hostile import FORMULA_UNIT

SEP30 = dt.date(2024, 9, 30)

# Report 33/BC-HKH, «Biểu thống kê đánh giá (chấm điểm)…», tính đến ngày 30/9/2024: per commune
# Nhóm I Đạt, Chưa đạt, Nhóm II Đạt, Chưa đạt, Nhóm III Đạt, Chưa đạt, Nhóm 4 Đạt, Chưa đạt,
# Tổng; None where the printed cell is blank. Names as our unit registry writes them.
SCORING_ROWS = [
    ("Thị trấn Lộc Ninh", 290, 315, 103, 140, 244, 33, 114, None, 1239),
    ("Lộc Hòa", 1, None, 0, None, 4, None, None, None, 5),
    ("Lộc An", 14, 15, 0, None, 2, None, None, None, 31),
    ("Lộc Tấn", 60, 543, None, 46, 71, 15, 18, 10, 763),
    ("Lộc Thạnh", 2, None, 0, None, 27, 3, None, None, 32),
    ("Lộc Hiệp", 0, None, 0, None, 44, None, None, None, 44),
    ("Lộc Thiện", 6, 2, 0, None, 3, 1, None, None, 12),
    ("Lộc Thuận", 2, None, 0, None, 40, 1, None, None, 43),
    ("Lộc Quang", 0, None, 0, None, 31, 30, None, None, 61),
    ("Lộc Phú", 309, 45, 143, 4, 114, 2, 106, None, 723),
    ("Lộc Thành", 450, 255, 2, None, 33, 5, 41, 15, 801),
    ("Lộc Thái", 1, 1, 3, None, 68, 4, None, None, 77),
    ("Lộc Điền", 39, 7, 1, None, 58, None, 1, None, 106),
    ("Lộc Hưng", 0, None, 0, None, 46, 1, None, None, 47),
    ("Lộc Thịnh", 959, 33, 3, None, 60, None, None, None, 1055),
    ("Lộc Khánh", 0, None, 1, None, 9, None, None, None, 10),
]
# «Toàn huyện» as printed (2.133 1.216 256 190 854 95 280 25 5.049): it equals the rows' sums.
SCORING_TOTAL = ("Toàn huyện", 2133, 1216, 256, 190, 854, 95, 280, 25, 5049)

# «Biểu thống kê số lượng người tham gia đăng ký…»: columns 1–7 per commune, as printed.
POPULATION_ROWS = [
    ("Thị trấn Lộc Ninh", 10450, 1456, 7958, 1021, 16, 1329, 16.70),
    ("Lộc Hòa", 5482, 764, 4175, 536, 8, 5, 0.12),
    ("Lộc An", 7724, 1076, 5882, 755, 12, 31, 0.53),
    ("Lộc Tấn", 10772, 1501, 8203, 1052, 16, 763, 9.30),
    ("Lộc Thạnh", 3962, 552, 3017, 387, 6, 32, 1.06),
    ("Lộc Hiệp", 9359, 1304, 7127, 914, 14, 44, 0.62),
    ("Lộc Thiện", 7732, 1077, 5888, 755, 12, 12, 0.20),
    ("Lộc Thuận", 8787, 1224, 6691, 858, 13, 43, 0.64),
    ("Lộc Quang", 6939, 967, 5284, 678, 10, 61, 1.15),
    ("Lộc Phú", 6697, 933, 5100, 654, 10, 723, 14.18),
    ("Lộc Thành", 8366, 1165, 6371, 817, 13, 801, 12.57),
    ("Lộc Thái", 7094, 988, 5402, 693, 11, 77, 1.43),
    ("Lộc Điền", 7618, 1061, 5801, 744, 11, 106, 1.83),
    ("Lộc Hưng", 7972, 1110, 6071, 779, 12, 47, 0.77),
    ("Lộc Thịnh", 4663, 650, 3551, 456, 7, 1056, 29.74),
    ("Lộc Khánh", 6463, 900, 4922, 631, 10, 10, 0.20),
]
# «TỔNG CỘNG» printed 120.080 16.727 91.441 11.732 180 5.140 5,62. Our totals are the sums of
# the unit rows: column 2 sums to 16.728, column 3 to 91.443, column 4 to 11.730, column 5 to
# 181 (the quality sheet lists each difference); 1 and 6 agree with the print. Column 7 of the
# total: 5.140 / 91.443 × 100 = 5,6210… → 5,62, as printed.
POPULATION_TOTAL = ("TỔNG CỘNG", 120080, 16728, 91443, 11730, 181, 5140, 5.62)

# The Quảng Phú pilot: per unit Nông dân, Công nhân, Trí thức as recognised/registered
# (1/1, 0, 24/24; 10/13, 5/5, 2/2; 4/4, 1/1, 5/5). Everyone registered was assessed (the
# report says so), so Chưa đạt = registered − recognised; the commune office's Công nhân cell
# is printed "0" with no registered figure, so its Chưa đạt stays blank. Tổng = registered.
PILOT_ROWS = [
    ("Cơ quan xã Quảng Phú", 1, 0, 0, None, 24, 0, 25),
    ("Thôn Bao La – Đức Nhuận", 10, 3, 5, 0, 2, 0, 20),
    ("Ban Khuyến học họ Hoàng (Hạ Lang)", 4, 0, 1, 0, 5, 0, 10),
]
# printed «Tổng cộng»: 15/18, 6/6, 31/31, 55 registered, 52 recognised
PILOT_TOTAL = ("Toàn xã", 15, 3, 6, 0, 31, 0, 55)


def sheets(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def body(ws, first: int, count: int, width: int) -> list[tuple]:
    """Rows `first`.. of the sheet: column B onwards, as read back."""
    return [tuple(ws.cell(r, c).value for c in range(2, width + 1))
            for r in range(first, first + count)]


def test_the_scoring_table_is_the_printed_one_cell_by_cell(bundled):
    ws = sheets(scoring_table_xlsx(bundled, SEP30, "692"))["Chấm điểm"]
    assert ws["A1"].value == ("Biểu thống kê đánh giá (chấm điểm) trên phần mềm Công dân học "
                              "tập — huyện Lộc Ninh")
    assert ws["A2"].value == "Tính đến ngày 30/9/2024"
    # the groups' headings as the report prints them (it spells "CC,VC" without the space)
    assert [ws.cell(4, c).value for c in range(1, 12)] == [
        "STT", "Xã/ thị trấn", "Nhóm I (Nông dân)", None, "Nhóm II (Công nhân)", None,
        "Nhóm III (CC, VC)", None, "Nhóm 4 (HS)", None, "Tổng"]
    assert [ws.cell(5, c).value for c in range(3, 11)] == ["Đạt", "Chưa đạt"] * 4
    assert [ws.cell(r, 1).value for r in range(6, 22)] == list(range(1, 17))
    assert body(ws, 6, 16, 11) == SCORING_ROWS
    assert (ws["A22"].value, *[ws.cell(22, c).value for c in range(3, 12)]) == SCORING_TOTAL
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"A4:A5", "B4:B5", "C4:D4", "E4:F4", "G4:H4", "I4:J4", "K4:K5", "A22:B22",
            "A1:K1", "A2:K2"} <= merged


def test_the_population_table_is_the_printed_one_cell_by_cell(bundled):
    ws = sheets(population_table_xlsx(bundled, SEP30, "692"))["Dân số"]
    assert ws["A2"].value == "Tính đến ngày 30/9/2024"
    # header texts and column numbers as the report prints them
    assert [ws.cell(4, c).value for c in range(1, 10)] == [
        "SỐ THỨ TỰ", "Xã/ thị trấn", "TỔNG SỐ NHÂN KHẨU", "TỔNG SỐ CHIA RA", None, None, None,
        "Số người tham gia đăng ký XH học tập",
        "Tỉ lệ người tham gia so với tổng số người có khả năng tham gia"]
    assert [ws.cell(5, c).value for c in range(4, 8)] == [
        "Số người dưới 7 tuổi", "Số người từ 8 tuổi đến 60 tuổi", "Số người trên 60 tuổi",
        "Số người trong độ tuổi từ 8-60 tuổi không có khả năng lao động"]
    assert [ws.cell(6, c).value for c in range(1, 10)] == [
        "A", "B", "1=2+3+4+5", "2", "3", "4", "5", "6", "7=6/3*100"]
    assert body(ws, 7, 16, 9) == POPULATION_ROWS
    assert (ws["A23"].value, *[ws.cell(23, c).value for c in range(3, 10)]) == POPULATION_TOTAL
    assert {"D4:G4", "C4:C5", "H4:H5", "I4:I5"} <= {str(m) for m in ws.merged_cells.ranges}


def test_the_pilot_table_has_its_own_three_groups(bundled):
    ws = sheets(scoring_table_xlsx(bundled, None, "Quảng Phú"))["Chấm điểm"]
    assert ws["A2"].value == "Tính đến ngày 31/7/2021"
    assert [ws.cell(4, c).value for c in (3, 5, 7, 9)] == [
        "Nông dân và lao động nông thôn", "Công nhân, thợ, lao động tự do",
        "Cán bộ, công chức, viên chức (trí thức)", "Tổng"]
    assert body(ws, 6, 3, 9) == PILOT_ROWS
    assert (ws["A9"].value, *[ws.cell(9, c).value for c in range(3, 10)]) == PILOT_TOTAL


def test_the_pilot_population_table_has_only_its_registered(bundled):
    """The pilot has no population table: column 6 from its registered, the rest blank."""
    ws = sheets(population_table_xlsx(bundled, None, "Quảng Phú"))["Dân số"]
    assert body(ws, 7, 3, 9) == [
        ("Cơ quan xã Quảng Phú", None, None, None, None, None, 25, None),
        ("Thôn Bao La – Đức Nhuận", None, None, None, None, None, 20, None),
        ("Ban Khuyến học họ Hoàng (Hạ Lang)", None, None, None, None, None, 10, None)]
    assert [ws.cell(10, c).value for c in range(3, 10)] == [None] * 5 + [55, None]


@pytest.mark.parametrize("make, sheet, header, totals", [
    (scoring_table_xlsx, "Chấm điểm", "$4:$5", 22),
    (population_table_xlsx, "Dân số", "$4:$6", 23)])
def test_print_set_up_fonts_and_number_formats(bundled, make, sheet, header, totals):
    ws = sheets(make(bundled, SEP30, "692"))[sheet]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows == header  # repeated on every printed page
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    fonts = {ws.cell(r, c).font.name for r in range(1, totals + 1)
             for c in range(1, ws.max_column + 1) if ws.cell(r, c).value is not None}
    assert fonts == {"Times New Roman"}
    counts = {ws.cell(r, 3).number_format for r in range(totals - 16, totals + 1)}
    assert counts == {r"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0"} == {COUNT_FORMAT}
    if sheet == "Dân số":
        assert {ws.cell(r, 9).number_format for r in range(7, 24)} == {"[$-42A]0.00"} \
            == {RATE_FORMAT}
    # numbers are numbers, never formulas
    values = [ws.cell(r, c).value for r in range(1, ws.max_row + 1)
              for c in range(1, ws.max_column + 1)]
    assert not [v for v in values if isinstance(v, str) and v.startswith("=")]
    assert all(isinstance(ws.cell(r, 3).value, int) for r in range(totals - 16, totals + 1))


def test_the_quality_sheet_lists_the_findings_that_touch_the_table(bundled):
    scoring = sheets(scoring_table_xlsx(bundled, SEP30, "692"))["Lưu ý chất lượng"]
    listed = [scoring.cell(r, 4).value for r in range(5, scoring.max_row + 1)]
    # the three "assessed vs registered" findings (they name Tổng: 1.239 vs 1.329, …)
    assert len(listed) == 3 and all("người đã đánh giá" in t for t in listed)
    population = sheets(population_table_xlsx(bundled, SEP30, "692"))["Lưu ý chất lượng"]
    texts = [population.cell(r, 4).value for r in range(5, population.max_row + 1)]
    assert "Dòng «TỔNG CỘNG», cột 3 in 91.441 nhưng cộng các xã được 91.443" in texts
    assert population.page_setup.orientation == "landscape"


def test_the_quality_sheet_says_when_there_is_none(bundled):
    ws = sheets(scoring_table_xlsx(bundled, None, "Quảng Phú"))["Lưu ý chất lượng"]
    assert ws["A4"].value == ("Kiểm tra chất lượng số liệu không có lưu ý nào về các số của "
                              "biểu này.")


def test_a_unit_named_as_a_formula_stays_text(hostile_db):
    con = store.open_read(hostile_db)
    try:
        ws = sheets(scoring_table_xlsx(con, SEP30, "692"))["Chấm điểm"]
    finally:
        con.close()
    cell = ws.cell(20, 2)  # Lộc Thịnh, 15th
    assert cell.value == FORMULA_UNIT and cell.data_type == "s"


def test_the_post2025_units_are_listed_when_asked(bundled):
    """Huyện Lộc Ninh of 30/9/2024 in the units since 1/7/2025: the 7 communes, sums of theirs
    (new Lộc Thạnh = old Lộc Hòa + Lộc Thạnh: Nhóm I Đạt 1 + 2 = 3, Tổng 5 + 32 = 37)."""
    ws = sheets(scoring_table_xlsx(bundled, SEP30, "692", "post2025"))["Chấm điểm"]
    assert ws["A3"].value == "Số liệu ghi theo đơn vị hành chính từ 1/7/2025"
    names = [ws.cell(r, 2).value for r in range(7, 14)]
    row = names.index("Lộc Thạnh") + 7
    assert (ws.cell(row, 3).value, ws.cell(row, 11).value) == (3, 37)
    assert ws.cell(14, 11).value == 5049


def test_an_area_without_units_is_refused(bundled):
    with pytest.raises(InputError, match="không có đơn vị cấp dưới"):
        scoring_table_xlsx(bundled, SEP30, "25305")
    offer = meeting_page(bundled, "25305", SEP30)
    assert offer.outputs["scoring-table"].refusal.startswith("Xã Lộc Thịnh không có đơn vị")
