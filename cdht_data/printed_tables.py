"""The report's two tables in their printed layout (report 33/BC-HKH, data/sources/): one layout
(Table, Column) for the template to fill (template.py), the filled official table
(official_tables.py, XLSX) and the tables of the report draft (report_draft.py, DOCX), so the
three never drift apart; which figure each column shows (Column.figure, shown_value) and the
openpyxl worksheet writer (write_table).

What the layout holds: the title, "Tính đến ngày d/m/yyyy", a blank row, the two header rows
(a group heading merged over its columns, a heading without a second row merged down), the
printed column numbers when the form has them, one row per unit with its STT, and the totals
row; A4 landscape, the header rows repeated on every printed page, fitted to the page's width,
Times New Roman.

Number formats, decided for Vietnamese readers whatever their computer's settings: a count is
written with literal dots between digit groups (COUNT_FORMAT shows 5049 as "5.049" in Excel and
LibreOffice alike; `#,##0` would follow the reader's locale and show "5,049" on an English
system). A decimal has no such spelling (a format cannot put a literal comma before decimals):
RATE_FORMAT carries the Vietnamese locale tag, which LibreOffice honours ("16,70" everywhere)
and Excel ignores (it shows the decimal mark of the reader's Windows settings: "16,70" on a
Vietnamese system). The cell stays a number either way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .area_units import AreaUnits
from .errors import InputError
from .formatting import fmt_date, is_missing
from .formulas import round_half_up
from .keys import (GROUP_SIZES, POST2025, STRUCTURE_WORDS, group_cell, group_column,
                   parse_group_column)
from .layouts import Layout, layouts_for
from .metrics import AreaFigures
from .names import header_key
from .readers import header_group
from .units import area_label

FONT = "Times New Roman"
NAME_CHARS = 1.1  # letters of a 12 pt Times New Roman name per unit of column width
# Thousands with a literal "." for up to 9 digits (counts stop at 100.000.000), any locale.
COUNT_FORMAT = r"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0"
# Two decimals in the Vietnamese locale (LCID 042A): "16,70" where the program honours it.
RATE_FORMAT = "[$-42A]0.00"
# The totals row as the printed forms label it, by the level of the area (layout `total_row`).
TOTAL_LABELS = {"province": "Toàn tỉnh", "district": "Toàn huyện", "commune": "Toàn xã"}
SCORING_TITLE = "Biểu thống kê đánh giá (chấm điểm) trên phần mềm Công dân học tập"
# The pilot was scored on paper, not in the software: its table has the pilot report's caption.
PILOT_SCORING_TITLE = "Kết quả tự đánh giá, thẩm định và công nhận danh hiệu “Công dân học tập”"
GROUP_SIZES_TITLE = "Biểu số người theo nhóm đối tượng Công dân học tập"
POPULATION_TITLE = ("Biểu thống kê số lượng người tham gia đăng ký mô hình công dân học tập so "
                    "với tổng số người có khả năng tham gia")


@dataclass(frozen=True)
class Column:
    """One column of a table: its header rows as printed (`top` None under a merged group
    heading, `sub` "" when `top` spans both rows), its printed number, what its cells hold."""
    top: str | None
    sub: str
    width: float
    role: str  # stt | unit | count | total (sum of the row's counts) | rate
    key: str | None = None  # the layout's column key (what the importer reads it as)
    number: str | None = None
    figure: str | None = None  # the figures column (metrics.AreaFigures) a filled table shows


@dataclass(frozen=True)
class Table:
    """A table's layout for one area, period and unit structure."""
    sheet_name: str
    titles: tuple[str, ...]  # the title rows above the header
    columns: tuple[Column, ...]
    total_label: str


def scoring_table(plan: AreaUnits, ruleset: dict, source_kind: str | None = None) -> Table:
    """The scoring table of `plan`'s units: the rule set's groups × Đạt / Chưa đạt, "Tổng";
    titled as the pilot report titles it when its figures come from a pilot table
    (`source_kind` "pilot"; None: a template, not yet filled)."""
    if not ruleset.get("groups"):
        raise InputError(f"không có bộ tiêu chí nào áp dụng cho ngày {fmt_date(plan.as_of)}: "
                         "không biết các nhóm đối tượng của biểu")
    layout = _layout("scoring_report")
    columns = [Column("STT", "", 6, "stt"), Column(unit_header(plan), "", 26, "unit")]
    for no, (name, short) in sorted(ruleset["groups"].items()):
        columns += [Column(group_header(layout, no, name, short), "Đạt", 11, "count",
                           group_cell(no, "recognized"), figure=group_column(no, "recognized")),
                    Column(None, "Chưa đạt", 11, "count", group_cell(no, "not_recognized"),
                           figure=group_column(no, "not_recognized"))]
    columns.append(Column("Tổng", "", 11, "total", "printed_assessed", figure="assessed_count"))
    title = PILOT_SCORING_TITLE if source_kind == "pilot" else SCORING_TITLE
    return Table("Chấm điểm", _titles(plan, title), tuple(columns),
                 TOTAL_LABELS.get(plan.area.level, "Tổng cộng"))


def population_table(plan: AreaUnits) -> Table:
    """The population and registration table, its columns numbered as printed."""
    columns = (
        Column("SỐ THỨ TỰ", "", 9, "stt", number="A"),
        Column(unit_header(plan), "", 24, "unit", number="B"),
        Column("TỔNG SỐ NHÂN KHẨU", "", 13, "count", "population_count", "1=2+3+4+5",
               "population_count"),
        Column("TỔNG SỐ CHIA RA", "Số người dưới 7 tuổi", 13, "count", "under_7_count", "2",
               "under_7_count"),
        Column(None, "Số người từ 8 tuổi đến 60 tuổi", 13, "count", "age_8_60_count", "3",
               "age_8_60_count"),
        Column(None, "Số người trên 60 tuổi", 13, "count", "over_60_count", "4",
               "over_60_count"),
        Column(None, "Số người trong độ tuổi từ 8-60 tuổi không có khả năng lao động", 18,
               "count", "age_8_60_unable_count", "5", "age_8_60_unable_count"),
        Column("Số người tham gia đăng ký XH học tập", "", 14, "count", "registered_count", "6",
               "registered_count"),
        Column("Tỉ lệ người tham gia so với tổng số người có khả năng tham gia", "", 18, "rate",
               "printed_participation_pct", "7=6/3*100", "participation_pct"),
    )
    return Table("Dân số", _titles(plan, POPULATION_TITLE), columns, "TỔNG CỘNG")


def group_sizes_table(plan: AreaUnits, ruleset: dict) -> Table:
    """The people of each group of the rule set per unit (layouts/group_sizes.toml): one
    column per group, headed by its name, and "Tổng"."""
    if not ruleset.get("groups"):
        raise InputError(f"không có bộ tiêu chí nào áp dụng cho ngày {fmt_date(plan.as_of)}: "
                         "không biết các nhóm đối tượng của biểu")
    [layout] = layouts_for(GROUP_SIZES)
    columns = [Column("STT", "", 6, "stt"), Column(unit_header(plan), "", 26, "unit")]
    for no, (name, short) in sorted(ruleset["groups"].items()):
        header = next((text for text in (name, f"Nhóm {no} ({short})", f"Nhóm {no}")
                       if header_group(layout, header_key(text)) == [no]), None)
        if header is None:
            raise InputError(f"biểu số người theo nhóm chưa đọc được tên nhóm {no} ({name}) "
                             "của bộ tiêu chí này")
        columns.append(Column(header, "", 16, "count", group_cell(no, "size")))
    columns.append(Column("Tổng", "", 12, "total", "printed_total"))
    return Table("Số người theo nhóm", _titles(plan, GROUP_SIZES_TITLE), tuple(columns),
                 TOTAL_LABELS.get(plan.area.level, "Tổng cộng"))


def unit_header(plan: AreaUnits) -> str:
    """The unit column's heading as the forms print it (the layout's `unit_column`)."""
    if plan.units and plan.units[0].level == "commune":
        return "Xã, phường" if plan.structure == POST2025 else "Xã/ thị trấn"
    return "Tên đơn vị"


def _titles(plan: AreaUnits, title: str) -> tuple[str, ...]:
    titles = [f"{title} — {area_label(plan.area.level, plan.area.name)}",
              f"Tính đến ngày {fmt_date(plan.as_of)}"]
    if not plan.in_force:
        titles.append(f"Số liệu ghi {STRUCTURE_WORDS[plan.structure]}")
    return tuple(titles)


def _layout(layout_id: str) -> Layout:
    return next(lay for kind in ("scoring", "population") for lay in layouts_for(kind)
                if lay.id == layout_id)


def group_header(layout: Layout, no: int, name: str, short: str) -> str:
    """A group's heading as report 33/BC-HKH prints it, "Nhóm III (CC, VC)": the number of the
    rule set's name and its short name; a rule set whose names carry no number (the pilot's):
    its name. Each tried only when the layout reads it back as group `no`, then the name, then
    "Nhóm n (short)"; refused when none is read as it."""
    wanted = group_cell(no, "recognized")
    printed = f"{name.split(' (')[0]} ({short})" if name.startswith("Nhóm") else name
    for text in (printed, name, f"Nhóm {no} ({short})"):
        key = f"{header_key(text)} | dat"
        if [s.key for s in layout.columns if s.pattern.search(key)] == [wanted]:
            return text
    raise InputError(f"biểu chấm điểm chưa có cột cho nhóm {no} ({name}) của bộ tiêu chí này")


def plan_of(fig: AreaFigures) -> AreaUnits:
    """The figures' rows as the layout lists units (the area shown, the date, the structure)."""
    return AreaUnits(fig.mapped_from or fig.area, fig.area, fig.as_of, fig.structure,
                     tuple(fig.rows))


def filled_scoring_table(fig: AreaFigures) -> Table:
    """The scoring table of the figures' units and rule set, titled for their source."""
    source = fig.sources.get("scoring") or {}
    return scoring_table(plan_of(fig), fig.ruleset, source.get("kind"))


def shown_value(fig: AreaFigures, column: Column, at: int | None):
    """What a filled table shows in `column` of unit row `at` (None: the totals row): a group's
    Đạt and Chưa đạt as stored, so a cell the source left blank stays blank (the counting rule
    that reads such a blank as 0 applies to the sums, not to what is printed); the other
    figures as derived; the totals as the figures' totals, the sums of the unit rows (never a
    printed total). A count as an int, a rate rounded half-up to two places (the cell holds
    what it shows); None where there is no figure."""
    if column.figure is None:
        return None
    if at is None:
        found = fig.totals.get(column.figure)
    elif parse_group_column(column.figure):
        found = fig.counts[column.figure][at]
    else:
        found = fig.units[column.figure].iloc[at]
    if found is None or is_missing(found):
        return None
    return round_half_up(float(found), 2) if column.role == "rate" else int(found)


# ---------------------------------------------------------------- the sheet

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)

# What writes a figure cell's value: of a unit row (cell, column, the unit's position in the
# list), of the totals row (cell, column, where the table was placed).
RowFiller = Callable[[object, Column, int], None]
TotalFiller = Callable[[object, Column, "Placed"], None]


@dataclass(frozen=True)
class Placed:
    """Where write_table put a table: the header's first row, the unit rows, the totals row."""
    head: int
    first: int
    last: int

    @property
    def totals(self) -> int:
        return self.last + 1


def write_table(ws: Worksheet, table: Table, names: list[str], fill_row: RowFiller,
                fill_total: TotalFiller) -> Placed:
    """The titles, header, one row per name (STT, the name as text, its figures by
    `fill_row`) and the totals row (`fill_total`), formatted and set up for print."""
    columns = table.columns
    ws.title = table.sheet_name
    width = len(columns)
    for r, text in enumerate(table.titles, start=1):
        merged(ws, r, 1, r, width, text, Font(name=FONT, size=14 if r == 1 else 12,
                                              bold=r == 1, italic=r > 1), CENTRE)
    ws.row_dimensions[1].height = 36
    head = len(table.titles) + 2  # a blank row between the titles and the header
    _header(ws, head, columns)
    first = head + 2 + any(c.number for c in columns)
    placed = Placed(head, first, first + len(names) - 1)
    body = Font(name=FONT, size=12)
    for i, name in enumerate(names):
        _row(ws, first + i, columns, i, name, body, fill_row)
    _totals(ws, placed, columns, table.total_label, Font(name=FONT, size=12, bold=True),
            fill_total)
    for c, width in enumerate(column_widths(table, names), start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(first, 3)
    ws.print_title_rows = f"{head}:{first - 1}"
    print_setup(ws)
    return placed


def column_widths(table: Table, names: list[str]) -> list[float]:
    """Each column's width in characters: the layout's, the unit column wide enough for the
    longest name on one line (the XLSX's widths, and the proportions of the Word table's)."""
    longest = max((len(n) for n in names), default=0) / NAME_CHARS + 2
    return [max(col.width, longest) if col.role == "unit" else col.width
            for col in table.columns]


def print_setup(ws: Worksheet) -> None:
    """A4 landscape, fitted to the page's width (as many pages down as it takes)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4


def merged(ws: Worksheet, r1: int, c1: int, r2: int, c2: int, value, font: Font,
           alignment: Alignment, border: Border | None = None) -> None:
    """`value` as text in cells r1:c1..r2:c2 merged into one."""
    text_cell(ws.cell(r1, c1), value).alignment = alignment
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            ws.cell(r, c).font = font
            if border is not None:
                ws.cell(r, c).border = border
    if (r1, c1) != (r2, c2):
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)


def _header(ws: Worksheet, head: int, columns: tuple[Column, ...]) -> None:
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
            merged(ws, head, c, head, c + span - 1, col.top, font, CENTRE, BOX)
            for k in range(c, c + span):
                merged(ws, head + 1, k, head + 1, k, columns[k - 1].sub, font, CENTRE, BOX)
        else:
            merged(ws, head, c, head + 1, c, col.top, font, CENTRE, BOX)
        c += span
    ws.row_dimensions[head].height = 48
    ws.row_dimensions[head + 1].height = 64 if any(len(c.sub) > 20 for c in columns) else 20
    if any(col.number for col in columns):
        italic = Font(name=FONT, size=11, italic=True)
        for k, col in enumerate(columns, start=1):
            merged(ws, head + 2, k, head + 2, k, col.number, italic, CENTRE, BOX)


def _row(ws: Worksheet, r: int, columns: tuple[Column, ...], at: int, name: str, font: Font,
         fill: RowFiller) -> None:
    for k, col in enumerate(columns, start=1):
        cell = ws.cell(r, k)
        if col.role == "stt":
            cell.value = at + 1
            cell.alignment = Alignment(horizontal="center")
        elif col.role == "unit":
            text_cell(cell, name)
        else:
            cell.number_format = RATE_FORMAT if col.role == "rate" else COUNT_FORMAT
            fill(cell, col, at)
        cell.font = font
        cell.border = BOX


def _totals(ws: Worksheet, placed: Placed, columns: tuple[Column, ...], label: str, font: Font,
            fill: TotalFiller) -> None:
    r = placed.totals
    merged(ws, r, 1, r, 2, label, font, Alignment(horizontal="center"), BOX)
    for k, col in enumerate(columns, start=1):
        if col.role in ("count", "total", "rate"):
            cell = ws.cell(r, k)
            cell.number_format = RATE_FORMAT if col.role == "rate" else COUNT_FORMAT
            fill(cell, col, placed)
            cell.font = font
            cell.border = BOX


def notes(ws: Worksheet, r: int, width: int, lines: list[str]) -> None:
    """Lines of notes below a table, one merged row each (the importer reads nothing after the
    totals row)."""
    for i, text in enumerate(lines):
        merged(ws, r + i, 1, r + i, width, text, Font(name=FONT, size=11, italic=True),
               Alignment(wrap_text=True, vertical="top"))
        ws.row_dimensions[r + i].height = 32


def text_cell(cell, value):
    """`value` in `cell` as text even when it begins with "=" (openpyxl would write a formula):
    a unit's name is shown and read back as it is."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
