"""The plan's hand-outs (cdht_data.plan_handouts) read back with openpyxl: the sheets (a summary,
the priority order, one per partner with lines, one per unit), figures cell by cell against
hand arithmetic, the Vietnamese number formats, the A4 print set-up, text from data never a
formula, group gaps only with a table of group sizes (SYNTHETIC here: no source prints one)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from cdht_data import store
from cdht_data.errors import InputError
from cdht_data.ingest import import_file
from cdht_data.partners import Partner
from cdht_data.plan import PRIORITY_RULE, plan
from cdht_data.plan_handouts import (NO_GROUP_SIZES, PACE_FORMAT, PRIORITY_SHEET, SUMMARY_SHEET,
                                     SYNTHETIC, SheetNames, plan_xlsx, workbook)
from cdht_data.printed_tables import COUNT_FORMAT, RATE_FORMAT
from tests.english import english_words
from tests.hostile import FORMULA_UNIT
from tests.tables import group_sizes as sizes_table

LOC_NINH = dt.date(2024, 9, 30)
PARTNERS = ["Ủy ban Mặt trận Tổ quốc và…", "Liên đoàn Lao động huyện và…",
            "Thủ trưởng các cơ quan", "Phòng Giáo dục và Đào tạo và…"]
# the 16 communes in priority order (tests/unit/test_plan.py works the order out by hand)
UNITS = ["1. Lộc Hòa", "2. Lộc Thiện", "3. Lộc Khánh", "4. Lộc An", "5. Lộc Quang",
         "6. Lộc Hiệp", "7. Lộc Thuận", "8. Lộc Hưng", "9. Lộc Thạnh", "10. Lộc Thái",
         "11. Lộc Điền", "12. Lộc Tấn", "13. Lộc Thành", "14. Thị trấn Lộc Ninh", "15. Lộc Phú",
         "16. Lộc Thịnh"]


def _book(db, area: str, as_of=None) -> openpyxl.Workbook:
    con = store.open_read(db)
    try:
        return openpyxl.load_workbook(io.BytesIO(plan_xlsx(con, as_of, area)))
    finally:
        con.close()


@pytest.fixture(scope="module")
def loc_ninh(bundled_db):
    return _book(bundled_db, "692")


@pytest.fixture(scope="module")
def pilot(bundled_db):
    return _book(bundled_db, "L-QP")


def _table(ws, first_heading: str) -> tuple[list[str], list[tuple]]:
    """The headings and rows of the sheet's table (the row whose first cell is
    `first_heading` and every row below it)."""
    rows = list(ws.iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r[0] == first_heading)
    return list(rows[at]), rows[at + 1:]


def _row(ws, first_heading: str, first_cell) -> dict:
    heads, rows = _table(ws, first_heading)
    return dict(zip(heads, next(r for r in rows if r[0] == first_cell)))


def _cells(ws, first_heading: str):
    """The table's cells by row, as openpyxl cells (number formats)."""
    at = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == first_heading)
    return at, [ws.cell(at, c).value for c in range(1, ws.max_column + 1)]


def test_a_summary_the_priority_order_a_sheet_per_partner_and_per_unit(loc_ninh):
    assert loc_ninh.sheetnames == [SUMMARY_SHEET, PRIORITY_SHEET, *PARTNERS, *UNITS]
    assert all(len(n) <= 31 for n in loc_ninh.sheetnames)


def test_every_sheet_has_its_title_and_date(loc_ninh):
    for ws in loc_ninh:
        assert ws["A1"].value.startswith(("Kế hoạch vận động", "Thứ tự ưu tiên")), ws.title
        assert ws["A2"].value == "Huyện Lộc Ninh, tính đến ngày 30/9/2024", ws.title
        assert ws["A1"].font.name == "Times New Roman" and ws["A1"].font.bold
    assert loc_ninh["1. Lộc Hòa"]["A1"].value == "Kế hoạch vận động — Lộc Hòa (mã 25273)"
    texts = [c.value for c in loc_ninh[SUMMARY_SHEET]["A"] if isinstance(c.value, str)]
    assert texts[0] == "Kế hoạch vận động Công dân học tập — huyện Lộc Ninh"
    assert PRIORITY_RULE in texts and NO_GROUP_SIZES in texts
    assert "Chỉ tiêu: 40% năm 2025, 60% năm 2030 theo Quyết định 677/QĐ-TTg ngày 03/6/2022." \
        in texts
    assert SYNTHETIC not in texts  # the bundled tables are real


def test_no_english_and_no_none(loc_ninh, pilot):
    texts = [c.value for book in (loc_ninh, pilot) for ws in book for row in ws.iter_rows()
             for c in row if isinstance(c.value, str)]
    texts += loc_ninh.sheetnames + pilot.sheetnames
    assert [(t, w) for t in texts if (w := english_words(t))] == []
    assert not [t for t in texts if "group" in t or "None" in t]


def test_loc_hoa_cell_by_cell(loc_ninh):
    heads, rows = _table(loc_ninh["1. Lộc Hòa"], "Nhóm đối tượng")
    near, far = (dict(zip(heads, r)) for r in rows[:2])
    assert near["Nhóm đối tượng"] == "Cả đơn vị (mọi nhóm)"
    assert near["Chỉ tiêu (tính trên)"] == ("40% năm 2025 theo 677/QĐ-TTg, tính trên dân số "
                                            "8–60 tuổi (số người có khả năng tham gia)")
    # 40% of 4.175 = 1.670 people; 5 recognised → 1.665; all 5 assessed passed and all 5
    # registered were assessed: as many to assess and to register; 15 months: 111 a month
    assert [near[k] for k in ("Số người của cơ sở tính", "Số người Đạt", "Còn thiếu (người)",
                              "Cần đánh giá trước (người)", "Cần đăng ký trước (người)",
                              "Cần đạt mỗi tháng (người)")] == [4175, 5, 1665, 1665, 1665, 111]
    assert near["Tỉ lệ hiện nay (%)"] == 0.12  # 5 ÷ 4.175 = 0,1198% → 0,12
    assert near["Tốc độ đã đạt mỗi tháng (người)"] == "—"  # one period only
    # 60% of 4.175 = 2.505 → 2.500 to go over 75 months: 33,333 → 33,33
    assert far["Nhóm đối tượng"] is None  # merged with the row above
    assert (far["Còn thiếu (người)"], far["Cần đạt mỗi tháng (người)"]) == (2500, 33.33)
    # the groups: Nhóm III 4 of the 5 recognised (80%), no group gap without sizes
    officials = dict(zip(heads, next(r for r in rows if r[0] == "Nhóm III (Cán bộ, công chức, "
                                     "viên chức, doanh nhân)")))
    assert (officials["Số người Đạt của nhóm"],
            officials["Tỉ lệ trong số người Đạt của đơn vị (%)"]) == (4, 80)
    assert officials["Đơn vị phối hợp"].startswith("Thủ trưởng các cơ quan, đơn vị")
    assert officials["Còn thiếu (người)"] == "—"
    assert officials["Ghi chú"].startswith("Chưa có số người của nhóm")


def test_the_town_at_its_own_rates(loc_ninh):
    heads, rows = _table(loc_ninh["14. Thị trấn Lộc Ninh"], "Nhóm đối tượng")
    near = dict(zip(heads, rows[0]))
    # 40% of 7.958 = 3.183,2 → 3.184 − 751 = 2.433; ⌈2.433 × 1.239 ÷ 751⌉ = 4.014 to assess;
    # ⌈4.014 × 1.329 ÷ 1.239⌉ = 4.306 to register; 2.433 ÷ 15 = 162,2 a month
    assert [near[k] for k in ("Còn thiếu (người)", "Cần đánh giá trước (người)",
                              "Cần đăng ký trước (người)", "Cần đạt mỗi tháng (người)")] == [
        2433, 4014, 4306, 162.2]


def test_the_districts_distances_on_the_summary(loc_ninh):
    heads, rows = _table(loc_ninh[SUMMARY_SHEET], "Nhóm đối tượng")
    near, far = (dict(zip(heads, r)) for r in rows[:2])
    # 8–60: 91.443; 3.523 recognised; 40%: ⌈36.577,2⌉ − 3.523 = 33.055, ÷ 15 = 2.203,67 a month
    # ⌈33.055 × 5.049 assessed ÷ 3.523⌉ = ⌈47.372,9⌉ = 47.373 to assess
    assert [near[k] for k in ("Số người của cơ sở tính", "Số người Đạt", "Còn thiếu (người)",
                              "Cần đánh giá trước (người)", "Cần đạt mỗi tháng (người)")] == [
        91443, 3523, 33055, 47373, 2203.67]
    # 60%: ⌈54.865,8⌉ − 3.523 = 51.343
    assert far["Còn thiếu (người)"] == 51343 and far["Chỉ tiêu (tính trên)"].startswith(
        "60% năm 2030 theo 677/QĐ-TTg, tính trên dân số 8–60 tuổi")
    workers = dict(zip(heads, next(r for r in rows if r[0] == "Nhóm II (Công nhân)")))
    # 256 of the district's 3.523 = 7,27%
    assert workers["Tỉ lệ trong số người Đạt của đơn vị (%)"] == 7.27


def test_the_priority_order(loc_ninh):
    heads, rows = _table(loc_ninh[PRIORITY_SHEET], "Thứ tự ưu tiên")
    assert heads[9:13] == ["Còn thiếu đến 40% năm 2025 (người)",
                           "Cần đạt mỗi tháng đến 31/12/2025 (người)",
                           "Còn thiếu đến 60% năm 2030 (người)",
                           "Cần đạt mỗi tháng đến 31/12/2030 (người)"]
    assert [r[0] for r in rows] == list(range(1, 17))
    assert [r[-1] for r in rows] == UNITS
    hoa = dict(zip(heads, rows[0]))
    # 5 registered of 4.175: 0,12%; 5 of 5 assessed passed: 100%
    assert [hoa[h] for h in heads[:13]] == [1, "Lộc Hòa", "25273", "▼ tham gia thấp", 0.12,
                                            100, 5, 5, 5, 1665, 111, 2500, 33.33]
    town = dict(zip(heads, rows[13]))
    assert (town["Đơn vị"], town["Tham gia thấp"]) == ("Thị trấn Lộc Ninh", None)
    link = loc_ninh[PRIORITY_SHEET].cell(
        next(r for r in range(1, 40) if loc_ninh[PRIORITY_SHEET].cell(r, 1).value == 1),
        len(heads)).hyperlink
    assert link.location == "'1. Lộc Hòa'!A1"


def test_a_partner_sheet_lists_its_group_in_every_unit(loc_ninh):
    ws = loc_ninh["Phòng Giáo dục và Đào tạo và…"]
    texts = [c.value for c in ws["A"] if isinstance(c.value, str)]
    assert texts[0] == "Kế hoạch vận động — Phòng Giáo dục và Đào tạo và các trường học"
    assert "Nhóm đối tượng: Nhóm 4 (Học sinh, sinh viên, người học)." in texts
    assert NO_GROUP_SIZES in texts
    heads, rows = _table(ws, "Thứ tự ưu tiên")
    assert heads[:5] == ["Thứ tự ưu tiên", "Đơn vị", "Nhóm đối tượng", "Số người Đạt của nhóm",
                         "Tỉ lệ trong số người Đạt của đơn vị (%)"]
    firsts = [r for r in rows if r[0] is not None]
    assert [r[0] for r in firsts] == list(range(1, 17))  # priority order, one unit each
    assert {r[2] for r in firsts} == {"Nhóm 4 (Học sinh, sinh viên, người học)"}
    # no group gap without sizes: the whole unit's distances, said to be the whole unit's
    hoa, hoa_far = dict(zip(heads, rows[0])), dict(zip(heads, rows[1]))
    assert hoa["Chỉ tiêu (tính trên)"].startswith("Cả đơn vị (mọi nhóm): 40% năm 2025")
    assert (hoa["Số người Đạt của nhóm"], hoa["Còn thiếu (người)"],
            hoa_far["Còn thiếu (người)"]) == (0, 1665, 2500)
    town = dict(zip(heads, next(r for r in rows if r[0] == 14)))
    # the town's pupils: 114 of its 751 recognised = 15,18%
    assert (town["Số người Đạt của nhóm"],
            town["Tỉ lệ trong số người Đạt của đơn vị (%)"]) == (114, 15.18)
    thinh = dict(zip(heads, next(r for r in rows if r[0] == 16)))
    # Lộc Thịnh's Nhóm 4 cells are blank in the report: counted as 0, as in every sum
    assert (thinh["Số người Đạt của nhóm"],
            thinh["Tỉ lệ trong số người Đạt của đơn vị (%)"]) == (0, 0)


def test_number_formats_and_print_set_up(loc_ninh):
    for ws in loc_ninh:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)  # 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        first = ws["A"][0].row
        header = next(r for r in range(first, ws.max_row + 1)
                      if ws.cell(r, 2).border.top.style == "thin")
        assert ws.print_title_rows == f"${header}:${header}", ws.title  # on every page
    ws = loc_ninh["1. Lộc Hòa"]
    at, heads = _cells(ws, "Nhóm đối tượng")
    formats = {h: ws.cell(at + 1, c).number_format for c, h in enumerate(heads, start=1)}
    assert formats["Số người của cơ sở tính"] == formats["Còn thiếu (người)"] == COUNT_FORMAT
    assert formats["Tỉ lệ hiện nay (%)"] == RATE_FORMAT
    assert formats["Cần đạt mỗi tháng (người)"] == PACE_FORMAT
    assert ws.cell(at + 1, 1).font.name == "Times New Roman"


def test_the_pilots_three_groups_and_three_units(pilot):
    assert pilot.sheetnames == [SUMMARY_SHEET, PRIORITY_SHEET, "Ủy ban Mặt trận Tổ quốc và…",
                                "Liên đoàn Lao động huyện và…", "Thủ trưởng các cơ quan",
                                "1. Cơ quan xã Quảng Phú", "2. Thôn Bao La – Đức Nhuận",
                                "3. Ban Khuyến học họ Hoàng…"]
    heads, rows = _table(pilot["1. Cơ quan xã Quảng Phú"], "Nhóm đối tượng")
    whole = dict(zip(heads, rows[0]))
    # no population table in the pilot: no base, no gap, and the note says why
    assert (whole["Số người của cơ sở tính"], whole["Còn thiếu (người)"]) == ("—", "—")
    assert "8–60" in whole["Ghi chú"]
    officials = dict(zip(heads, next(r for r in rows if r[0] == "Cán bộ, công chức, viên chức "
                                     "(trí thức)")))
    # 24 of the office's 25 recognised are officials: 96%
    assert (officials["Số người Đạt của nhóm"],
            officials["Tỉ lệ trong số người Đạt của đơn vị (%)"]) == (24, 96)
    assert pilot[SUMMARY_SHEET]["A2"].value == "Xã Quảng Phú, tính đến ngày 31/7/2021"


def test_with_group_sizes_the_partner_sheets_carry_group_gaps(store_copy, write_csv):
    # SYNTHETIC sizes of Lộc Hòa and Lộc An on 30/9/2024 (groups I, II, III, 4)
    rows = [["1", "Lộc Hòa", "1.000", "200", "50", "300", "1.550"],
            ["2", "Lộc An", "800", "100", "40", "250", "1.190"]]
    with store.writing(store_copy) as con:
        import_file(con, write_csv("synthetic_nhom.csv", sizes_table(rows)), "group-sizes")
    book = _book(store_copy, "692")
    heads, found = _table(book["Liên đoàn Lao động huyện và…"], "Thứ tự ưu tiên")
    hoa = dict(zip(heads, found[0]))
    # Lộc Hòa's 200 workers, 387/QĐ-TTg 40%: 80 − 0 recognised = 80; nobody of the group
    # assessed: how many to assess is unknown, and said
    assert hoa["Chỉ tiêu (tính trên)"] == "40% năm 2025 theo 387/QĐ-TTg, tính trên số người " \
        "của nhóm"
    assert [hoa[k] for k in ("Số người của cơ sở tính", "Số người Đạt", "Còn thiếu (người)",
                             "Cần đánh giá trước (người)")] == [200, 0, 80, "—"]
    assert "chưa có ai được đánh giá" in hoa["Ghi chú"]
    heads, found = _table(book["Thủ trưởng các cơ quan"], "Thứ tự ưu tiên")
    officials = [dict(zip(heads, r)) for r in found[:3]]
    # 50 officials, 4 recognised (all 4 assessed passed; the unit's 5 of 5 assessed):
    # 60% = 30 − 4 = 26 (677 and 387), 80% = 40 − 4 = 36
    assert [(o["Chỉ tiêu (tính trên)"][:25], o["Còn thiếu (người)"], o["Cần đánh giá trước "
             "(người)"], o["Cần đăng ký trước (người)"]) for o in officials] == [
        ("60% năm 2025 theo 677/QĐ-", 26, 26, 26), ("80% năm 2030 theo 677/QĐ-", 36, 36, 36),
        ("60% năm 2025 theo 387/QĐ-", 26, 26, 26)]
    # a unit without sizes (Lộc Thiện) keeps the whole unit's lines
    thien = dict(zip(heads, next(r for r in found if r[0] == 2)))
    assert thien["Chỉ tiêu (tính trên)"].startswith("Cả đơn vị (mọi nhóm)")
    assert "Chưa có số người của nhóm" in thien["Ghi chú"]
    texts = [c.value for c in book[SUMMARY_SHEET]["A"] if isinstance(c.value, str)]
    assert NO_GROUP_SIZES not in texts
    # the unit's own sheet: each group with its size
    heads, found = _table(book["1. Lộc Hòa"], "Nhóm đối tượng")
    farmers = dict(zip(heads, next(r for r in found if r[0] == "Nhóm I (Nông dân)")))
    assert farmers["Số người của nhóm"] == 1000
    assert farmers["Ghi chú"].startswith("Nhóm không có chỉ tiêu riêng")


def test_a_synthetic_plan_says_so_on_every_sheet(store_2025):
    book = _book(store_2025, None, dt.date(2025, 12, 31))
    assert all(ws["A3"].value == SYNTHETIC for ws in book)
    assert "7. " in " ".join(book.sheetnames)  # the 7 communes in force since 1/7/2025


def test_text_from_data_never_starts_a_formula(hostile_db):
    partners = (Partner("x", "=SUM(1;2) hội", {"qd-324-2023": 1}, ""),
                Partner("y", "-Liên đoàn", {"qd-324-2023": 2}, ""),
                Partner("z", "@cơ quan", {"qd-324-2023": 3}, ""))
    con = store.open_read(hostile_db)
    try:
        data = workbook(plan(con, "692", LOC_NINH, partners=partners))
    finally:
        con.close()
    book = openpyxl.load_workbook(io.BytesIO(data))
    seen = []
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
                    seen.append(cell.value)
    assert "'" + FORMULA_UNIT in seen and "'=SUM(1;2) hội" in seen
    # a sheet's name is no cell: the formula stays words there, its "/" and ":" taken out
    assert book.sheetnames[-1] == '16. =HYPERLINK("http…'


@pytest.mark.parametrize("wanted, expected", [
    ("Lộc Hòa", ["Lộc Hòa", "Lộc Hòa (2)", "lộc hòa (3)"]),
    # cut at a word: 43 letters → at most 30 and "…"; with " (2)" at most 26 and "…"
    ("1. Ban Khuyến học họ Hoàng (Hạ Lang) của xã", ["1. Ban Khuyến học họ Hoàng…",
                                                     "1. Ban Khuyến học họ… (2)",
                                                     "1. ban khuyến học họ… (3)"]),
    ("'a/b:c*d?[e]\\f'", ["a b c d e f", "a b c d e f (2)", "a b c d e f (3)"]),
])
def test_sheet_names_a_spreadsheet_accepts(wanted, expected):
    names = SheetNames()
    got = [names.add(wanted), names.add(wanted), names.add(wanted.lower())]
    assert got == expected and all(len(n) <= 31 for n in got)


def test_no_data_is_refused_in_vietnamese(bundled_db):
    con = store.open_read(bundled_db)
    try:
        with pytest.raises(InputError, match="không có số liệu"):
            plan_xlsx(con, dt.date(2019, 1, 1), "692")
    finally:
        con.close()
