"""Templates to fill: an XLSX in the layout the reports print, for one period, area and unit
structure, that the importer reads back as it is (layouts/scoring_report.toml,
layouts/population_report.toml).

What a template holds, as the printed forms (data/sources/) have it: the title, "Tính đến
ngày d/m/yyyy" (the importer reads the period from it), the two header rows (the period's
groups over Đạt / Chưa đạt and "Tổng"; the population columns with their printed numbers
"A, B, 1=2+3+4+5 … 7=6/3*100"), one row per unit with its STT, blank count cells, and a totals
row. Printed totals and the rate are formulas a spreadsheet fills in as the counts are typed
(blank while their cells are); until a spreadsheet computes them they read as blank. Unit names
are text cells, never formulas, whatever they begin with. A template of the units of the other
structure than the date's says so in its title and notes how to import it (--structure).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import duckdb
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .area_units import AreaUnits, area_units
from .errors import InputError
from .exports import file_name
from .formatting import fmt_date
from .keys import POST2025, STRUCTURE_WORDS, TABLE_KINDS, group_cell
from .layouts import Layout, layouts_for
from .names import header_key
from .reference import ruleset_for
from .units import area_label

FONT = "Times New Roman"
MAX_COUNT = 100_000_000  # numbers.parse_count refuses more: no unit holds that many people
# The totals row as the printed forms label it, by the level of the area (layout `total_row`).
TOTAL_LABELS = {"province": "Toàn tỉnh", "district": "Toàn huyện", "commune": "Toàn xã"}
SCORING_TITLE = "Biểu thống kê đánh giá (chấm điểm) trên phần mềm Công dân học tập"
POPULATION_TITLE = ("Biểu thống kê số lượng người tham gia đăng ký mô hình công dân học tập so "
                    "với tổng số người có khả năng tham gia")


@dataclass(frozen=True)
class Column:
    """One column of a template: its header rows as printed (`top` None under a merged group
    heading, `sub` "" when `top` spans both rows), its printed number, what its cells hold."""
    top: str | None
    sub: str
    width: float
    role: str  # stt | unit | count | total (sum of the row's counts) | rate
    key: str | None = None  # the layout's column key
    number: str | None = None


def scoring_template(con: duckdb.DuckDBPyConnection, as_of: dt.date, area: str | None,
                     structure: str | None = None) -> bytes:
    """The scoring table to fill for `area` on `as_of`: the period's groups × Đạt / Chưa đạt,
    one row per unit of the area in `structure` (default: the units in force on `as_of`)."""
    plan = area_units(con, as_of, area, structure)
    ruleset = ruleset_for(con, as_of, plan.area.unit_key)
    if not ruleset.get("groups"):
        raise InputError(f"không có bộ tiêu chí nào áp dụng cho ngày {fmt_date(as_of)}: không "
                         "biết các nhóm đối tượng của biểu")
    layout = _layout("scoring_report")
    columns = [Column("STT", "", 6, "stt"), Column(_unit_header(plan), "", 26, "unit")]
    for no, (name, short) in sorted(ruleset["groups"].items()):
        columns += [Column(_group_header(layout, no, name, short), "Đạt", 11, "count",
                           group_cell(no, "recognized")),
                    Column(None, "Chưa đạt", 11, "count", group_cell(no, "not_recognized"))]
    columns.append(Column("Tổng", "", 11, "total", "printed_assessed"))
    return _workbook("Chấm điểm", plan, SCORING_TITLE, columns,
                     TOTAL_LABELS.get(plan.area.level, "Tổng cộng"), "scoring")


def population_template(con: duckdb.DuckDBPyConnection, as_of: dt.date, area: str | None,
                        structure: str | None = None) -> bytes:
    """The population and registration table to fill, its columns numbered as printed."""
    plan = area_units(con, as_of, area, structure)
    columns = [
        Column("SỐ THỨ TỰ", "", 7, "stt", number="A"),
        Column(_unit_header(plan), "", 24, "unit", number="B"),
        Column("TỔNG SỐ NHÂN KHẨU", "", 13, "count", "population_count", "1=2+3+4+5"),
        Column("TỔNG SỐ CHIA RA", "Số người dưới 7 tuổi", 13, "count", "under_7_count", "2"),
        Column(None, "Số người từ 8 tuổi đến 60 tuổi", 13, "count", "age_8_60_count", "3"),
        Column(None, "Số người trên 60 tuổi", 13, "count", "over_60_count", "4"),
        Column(None, "Số người trong độ tuổi từ 8-60 tuổi không có khả năng lao động", 18,
               "count", "age_8_60_unable_count", "5"),
        Column("Số người tham gia đăng ký XH học tập", "", 14, "count", "registered_count", "6"),
        Column("Tỉ lệ người tham gia so với tổng số người có khả năng tham gia", "", 18, "rate",
               "printed_participation_pct", "7=6/3*100"),
    ]
    return _workbook("Dân số", plan, POPULATION_TITLE, columns, "TỔNG CỘNG", "population")


TEMPLATES = {"scoring": scoring_template, "population": population_template}


def template_file_name(kind: str, plan: AreaUnits) -> str:
    """"mau_cham-diem_loc-ninh_2026-03-31.xlsx": what a download of the template is called."""
    return file_name("mau", TABLE_KINDS[kind].words, plan.area.name, plan.as_of,
                     suffix=".xlsx")


# ---------------------------------------------------------------- headers

def _layout(layout_id: str) -> Layout:
    return next(lay for kind in ("scoring", "population") for lay in layouts_for(kind)
                if lay.id == layout_id)


def _unit_header(plan: AreaUnits) -> str:
    """The unit column's heading as the forms print it (the layout's `unit_column`)."""
    if plan.units[0].level == "commune":
        return "Xã, phường" if plan.structure == POST2025 else "Xã/ thị trấn"
    return "Tên đơn vị"


def _group_header(layout: Layout, no: int, name: str, short: str) -> str:
    """The group's name in the rule set, or "Nhóm n (short)" when the layout would not read
    that name as group `no`; refused when neither is read as it."""
    wanted = group_cell(no, "recognized")
    for text in (name, f"Nhóm {no} ({short})"):
        key = f"{header_key(text)} | dat"
        if [s.key for s in layout.columns if s.pattern.search(key)] == [wanted]:
            return text
    raise InputError(f"biểu chấm điểm chưa có cột cho nhóm {no} ({name}) của bộ tiêu chí này")


# ---------------------------------------------------------------- the sheet

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _workbook(sheet_name: str, plan: AreaUnits, title: str, columns: list[Column],
              total_label: str, kind: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name
    width = len(columns)
    titles = [f"{title} — {area_label(plan.area.level, plan.area.name)}",
              f"Tính đến ngày {fmt_date(plan.as_of)}"]
    if not plan.in_force:
        titles.append(f"Số liệu ghi {STRUCTURE_WORDS[plan.structure]}")
    for r, text in enumerate(titles, start=1):
        _merged(ws, r, 1, r, width, text, Font(name=FONT, size=14 if r == 1 else 12,
                                               bold=r == 1, italic=r > 1), _CENTRE)
    ws.row_dimensions[1].height = 36
    head = len(titles) + 2  # a blank row between the titles and the header
    _header(ws, head, columns)
    first = head + 2 + any(c.number for c in columns)
    last = first + len(plan.units) - 1
    body = Font(name=FONT, size=12)
    for i, unit in enumerate(plan.units):
        _row(ws, first + i, columns, i + 1, unit.name, body)
    _totals(ws, last + 1, columns, first, last, total_label, Font(name=FONT, size=12, bold=True))
    _validate(ws, columns, first, last + 1)
    _notes(ws, last + 3, width, plan, kind)
    for c, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = col.width
    ws.freeze_panes = ws.cell(first, 3)
    ws.print_title_rows = f"{head}:{first - 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _merged(ws: Worksheet, r1: int, c1: int, r2: int, c2: int, value, font: Font,
            alignment: Alignment, border: Border | None = None) -> None:
    text_cell(ws.cell(r1, c1), value).alignment = alignment
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            ws.cell(r, c).font = font
            if border is not None:
                ws.cell(r, c).border = border
    if (r1, c1) != (r2, c2):
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def _header(ws: Worksheet, head: int, columns: list[Column]) -> None:
    """Two header rows: a group heading merged over its columns, a heading without a second
    row merged down; then the printed column numbers, if the form has them."""
    font = Font(name=FONT, size=12, bold=True)
    c = 1
    while c <= len(columns):
        col = columns[c - 1]
        span = 1
        while c + span <= len(columns) and columns[c + span - 1].top is None:
            span += 1
        if col.sub:
            _merged(ws, head, c, head, c + span - 1, col.top, font, _CENTRE, _BOX)
            for k in range(c, c + span):
                _merged(ws, head + 1, k, head + 1, k, columns[k - 1].sub, font, _CENTRE, _BOX)
        else:
            _merged(ws, head, c, head + 1, c, col.top, font, _CENTRE, _BOX)
        c += span
    ws.row_dimensions[head].height = 48
    ws.row_dimensions[head + 1].height = 64 if any(len(c.sub) > 20 for c in columns) else 20
    if any(col.number for col in columns):
        italic = Font(name=FONT, size=11, italic=True)
        for k, col in enumerate(columns, start=1):
            _merged(ws, head + 2, k, head + 2, k, col.number, italic, _CENTRE, _BOX)


def _row(ws: Worksheet, r: int, columns: list[Column], no: int, name: str, font: Font) -> None:
    for k, col in enumerate(columns, start=1):
        cell = ws.cell(r, k)
        if col.role == "stt":
            cell.value = no
            cell.alignment = Alignment(horizontal="center")
        elif col.role == "unit":
            text_cell(cell, name)
        else:
            _figure(cell, col, columns, r, r, on_totals=False)
        cell.font = font
        cell.border = _BOX


def _totals(ws: Worksheet, r: int, columns: list[Column], first: int, last: int, label: str,
            font: Font) -> None:
    _merged(ws, r, 1, r, 2, label, font, Alignment(horizontal="center"), _BOX)
    for k, col in enumerate(columns, start=1):
        if col.role in ("count", "total", "rate"):
            cell = ws.cell(r, k)
            _figure(cell, col, columns, first, last, on_totals=True)
            cell.font = font
            cell.border = _BOX


def _figure(cell, col: Column, columns: list[Column], first: int, last: int,
            on_totals: bool) -> None:
    """A count cell: blank on a unit's row, the column's sum on the totals row; the row's
    "Tổng" and the rate as formulas, blank while the cells they read are."""
    letter = get_column_letter(cell.column)
    counts = [get_column_letter(k) for k, c in enumerate(columns, start=1) if c.role == "count"]
    if col.role == "count":
        cell.number_format = "#,##0"
        if on_totals:
            cell.value = _sum(f"{letter}{first}:{letter}{last}")
    elif col.role == "total":
        cell.number_format = "#,##0"
        cell.value = (_sum(f"{letter}{first}:{letter}{last}") if on_totals
                      else _sum(f"{counts[0]}{first}:{counts[-1]}{first}"))
    elif col.role == "rate":
        where = {c.key: get_column_letter(k) for k, c in enumerate(columns, start=1)}
        row = cell.row
        registered, base = f"{where['registered_count']}{row}", f"{where['age_8_60_count']}{row}"
        cell.number_format = "0.00"
        cell.value = (f'=IF(AND(ISNUMBER({registered}),ISNUMBER({base}),N({base})>0),'
                      f'ROUND({registered}/{base}*100,2),"")')


def _sum(cells: str) -> str:
    return f'=IF(COUNT({cells})=0,"",SUM({cells}))'


def _validate(ws: Worksheet, columns: list[Column], first: int, last: int) -> None:
    """A spreadsheet refuses what the importer would: counts are whole numbers, 0 or more."""
    rule = DataValidation(type="whole", operator="between", formula1="0",
                          formula2=str(MAX_COUNT), allow_blank=True, showErrorMessage=True,
                          errorTitle="Số không hợp lệ",
                          error="Ghi số người: số nguyên từ 0 đến 100.000.000; để trống nếu "
                                "không có số liệu.")
    for k, col in enumerate(columns, start=1):
        if col.role == "count":
            letter = get_column_letter(k)
            rule.add(f"{letter}{first}:{letter}{last - 1}")
    ws.add_data_validation(rule)


def _notes(ws: Worksheet, r: int, width: int, plan: AreaUnits, kind: str) -> None:
    """How to fill it, below the table (the importer reads nothing after the totals row)."""
    lines = ["Ghi chú: ghi số người vào các ô trống; ô không có số liệu để trống (không ghi 0 "
             "thay cho ô trống). Giữ nguyên tên đơn vị, dòng tiêu đề và dòng «Tính đến ngày»; "
             "ô «Tổng», dòng tổng và tỉ lệ tự tính."]
    if not plan.in_force:
        lines.append(f"Biểu ghi {STRUCTURE_WORDS[plan.structure]}: khi nhập, chọn cách chia đơn "
                     f"vị này (python -m cdht_data import TỆP --kind {kind} --structure "
                     f"{plan.structure}).")
    for i, text in enumerate(lines):
        _merged(ws, r + i, 1, r + i, width, text, Font(name=FONT, size=11, italic=True),
                Alignment(wrap_text=True, vertical="top"))
        ws.row_dimensions[r + i].height = 32


def text_cell(cell, value):
    """`value` in `cell` as text even when it begins with "=" (openpyxl would write a formula):
    a unit's name is shown and read back as it is."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
