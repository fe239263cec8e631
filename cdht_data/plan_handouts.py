"""The outreach plan's hand-outs (Kế hoạch vận động) as one XLSX to print on A4: a summary
sheet (the area, the period, its distance to every target with the base stated, the priority
rule), the units in priority order, one sheet per partner (the units and groups it reaches and
what is to be done there) and one sheet per unit (its targets, its groups and their partners).

Every figure is the plan's (plan.plan, formulas.py behind it): nothing is recomputed here. The
conventions are the official tables' (printed_tables): Times New Roman, A4 landscape fitted to
the page's width, the header row repeated on every printed page, counts written 5.049 and
decimals 16,70 whatever the reader's locale; text from data is text, never a formula
(exports.text_cell). An unknown figure is written "—", so that a blank is never read as 0.

A group is measured only against its own size (a group-sizes table); without one a sheet says
that group gaps cannot be computed and gives each group's share of the unit's Đạt instead.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from dataclasses import dataclass

import duckdb
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from .definitions import LOW_UPTAKE_MARK
from .errors import InputError
from .exports import text_cell as safe_text
from .formatting import MISSING, fmt_date, fmt_int, fmt_number, fmt_pct
from .formulas import round_half_up
from .keys import GROUP_SIZES, STRUCTURE_WORDS, TABLE_KINDS
from .official_tables import CHARS_PER_WIDTH, LINE_HEIGHT
from .plan import NO_PARTNER, PRIORITY_RULE, GroupLine, Plan, UnitPlan, by_partner, for_area
from .printed_tables import (BOX, CENTRE, COUNT_FORMAT, FONT, RATE_FORMAT, THIN, print_setup,
                             text_cell)
from .target_distance import Distance
from .units import area_label

SUMMARY_SHEET = "Tổng hợp"
PRIORITY_SHEET = "Thứ tự ưu tiên"
NO_PARTNER_NAME = "Chưa có đơn vị phối hợp trong danh mục"
SYNTHETIC = "SỐ LIỆU MÔ PHỎNG (tổng hợp để thử nghiệm), không phải số liệu thật."
NO_GROUP_SIZES = ("Chưa có bảng số người của từng nhóm đối tượng: chưa tính được khoảng cách "
                  "đến chỉ tiêu theo nhóm (không bao giờ lấy số người Đạt của một nhóm so với "
                  "cả dân số). Mỗi nhóm có tỉ lệ trong số người Đạt của đơn vị; muốn tính theo "
                  f"nhóm, nhập bảng loại «{TABLE_KINDS[GROUP_SIZES].words}» ở trang «Nhập số "
                  "liệu».")
WHOLE_UNIT = "Cả đơn vị (mọi nhóm)"
WHOLE_UNIT_CAVEAT = ("Dòng «Cả đơn vị (mọi nhóm)» là khoảng cách chung của đơn vị, chưa chia "
                     "cho từng nhóm: mọi đơn vị phối hợp cùng góp vào đó, không cộng các dòng "
                     "này giữa các trang với nhau.")
NO_SIZE = "Chưa có số người của nhóm: chưa tính được khoảng cách đến chỉ tiêu của nhóm."
NO_OWN_TARGET = "Nhóm không có chỉ tiêu riêng: tính trong chỉ tiêu chung của cả đơn vị."
MET = "Đã đạt."
SHEET_NAME_MAX = 31
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
DOCUMENT_NUMBER = re.compile(r"\d+/[^\s,;]+")  # "677/QĐ-TTg" in a target's source
TITLE_FONT = Font(name=FONT, size=14, bold=True)
LINE_FONT = Font(name=FONT, size=12, italic=True)
BODY = Font(name=FONT, size=12)
BOLD = Font(name=FONT, size=12, bold=True)
NOTE_FONT = Font(name=FONT, size=11, italic=True)
LINK = Font(name=FONT, size=12, color="1F4E79", underline="single")
WARN = Font(name=FONT, size=12, bold=True, color="C00000")
TOP_LEFT = Alignment(wrap_text=True, vertical="top")
TOP_CENTRE = Alignment(horizontal="center", vertical="top")
TOP = Alignment(vertical="top")
BLOCK_TOP = Border(left=THIN, right=THIN, top=THIN)
BLOCK_MIDDLE = Border(left=THIN, right=THIN)
BLOCK_BOTTOM = Border(left=THIN, right=THIN, bottom=THIN)
HEADING_CHARS = 1.1  # letters of a bold 12 pt heading per unit of column width (the render)
# A pace of people a month: two decimals with the thousands grouped ("2.203,67") where the
# program honours the Vietnamese locale tag, as RATE_FORMAT's decimals.
PACE_FORMAT = "[$-42A]#,##0.00"


@dataclass(frozen=True)
class Col:
    """One column of a sheet's table: its heading, width in characters, what it holds."""
    heading: str
    width: float
    kind: str  # text | rank | count | rate (a percentage, two decimals) | pace (people a month)


# What each distance to a target shows, in every table of the workbook.
DISTANCE = (Col("Chỉ tiêu (tính trên)", 28, "text"), Col("Số người của cơ sở tính", 11, "count"),
            Col("Số người Đạt", 9, "count"), Col("Tỉ lệ hiện nay (%)", 9, "rate"),
            Col("Còn thiếu (người)", 10, "count"), Col("Cần đánh giá trước (người)", 11, "count"),
            Col("Cần đăng ký trước (người)", 11, "count"),
            Col("Cần đạt mỗi tháng (người)", 11, "pace"),
            Col("Tốc độ đã đạt mỗi tháng (người)", 11, "pace"), Col("Ghi chú", 30, "text"))
UNIT_LEAD = (Col("Nhóm đối tượng", 18, "text"), Col("Đơn vị phối hợp", 26, "text"),
             Col("Số người Đạt của nhóm", 9, "count"),
             Col("Tỉ lệ trong số người Đạt của đơn vị (%)", 10, "rate"),
             Col("Số người của nhóm", 10, "count"))
PARTNER_LEAD = (Col("Thứ tự ưu tiên", 8, "rank"), Col("Đơn vị", 22, "text"),
                Col("Nhóm đối tượng", 18, "text"), Col("Số người Đạt của nhóm", 9, "count"),
                Col("Tỉ lệ trong số người Đạt của đơn vị (%)", 10, "rate"))
PRIORITY_LEAD = (Col("Thứ tự ưu tiên", 8, "rank"), Col("Đơn vị", 24, "text"),
                 Col("Mã", 9, "text"), Col("Tham gia thấp", 15, "text"),
                 Col("Tỉ lệ tham gia (%)", 10, "rate"),
                 Col("Tỉ lệ Đạt trên số đã đánh giá (%)", 11, "rate"),
                 Col("Số người đăng ký", 10, "count"), Col("Số người đã đánh giá", 10, "count"),
                 Col("Số người Đạt", 10, "count"))


def plan_xlsx(con: duckdb.DuckDBPyConnection, as_of: dt.date | None, area: str | None,
              structure: str | None = None) -> bytes:
    """The hand-outs of `area`'s plan (default: the store's latest area) for the period
    `as_of` (default: its latest), in the units of `structure`: outputs.OUTPUTS' "plan"."""
    return workbook(area_plan(con, as_of, area, structure))


def area_plan(con: duckdb.DuckDBPyConnection, as_of: dt.date | None, area: str | None,
              structure: str | None = None) -> Plan:
    """The plan as the page and the CLI load it (plan.for_area: with the area's group sizes
    when a group-sizes table holds them)."""
    found = for_area(con, area, as_of, structure)
    if found is None:
        raise InputError("không có số liệu cho địa bàn và kỳ đã chọn")
    return found


def workbook(found: Plan) -> bytes:
    """The plan as XLSX bytes: «Tổng hợp», «Thứ tự ưu tiên», a sheet per partner that has
    lines (by_partner's order), a sheet per unit (priority order)."""
    wb = Workbook()
    names = SheetNames()
    lines = by_partner(found)
    unit_sheets = {u.unit_key: names.add(f"{u.priority}. {u.name}") for u in found.units}
    partner_sheets = {pid: names.add(_partner_short(_partner_name(pid, rows)))
                      for pid, rows in lines.items()}
    summary = wb.active
    summary.title = names.add(SUMMARY_SHEET)
    _summary_sheet(summary, found)
    _priority_sheet(wb.create_sheet(names.add(PRIORITY_SHEET)), found, unit_sheets)
    for pid, rows in lines.items():
        _partner_sheet(wb.create_sheet(partner_sheets[pid]), found, pid, rows)
    for unit in found.units:
        _unit_sheet(wb.create_sheet(unit_sheets[unit.unit_key]), found, unit)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class SheetNames:
    """Sheet names a spreadsheet accepts: at most 31 characters, none of []:*?/\\, no quote
    at either end, unique whatever the letter case (a second "Lộc Hòa" becomes "Lộc Hòa (2)")."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def add(self, wanted: str) -> str:
        base = FORBIDDEN.sub(" ", wanted)
        base = re.sub(r"\s+", " ", base).strip().strip("'").strip() or "Trang"
        name, n = _cut(base, SHEET_NAME_MAX), 1
        while name.casefold() in self.taken:
            n += 1
            suffix = f" ({n})"
            name = _cut(base, SHEET_NAME_MAX - len(suffix)) + suffix
        self.taken.add(name.casefold())
        return name


def _cut(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut at a word with "…" when too long."""
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    if " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;.-–'") + "…"


def _partner_name(pid: str, rows: list[tuple[UnitPlan, GroupLine]]) -> str:
    return NO_PARTNER_NAME if pid == NO_PARTNER else (rows[0][1].partner_name or pid)


def _partner_short(name: str) -> str:
    """A partner's sheet name: its name up to the first bracket or comma (the rest lists the
    organisations inside it)."""
    return re.split(r"\s*[(,]", name, maxsplit=1)[0] or name


# ---------------------------------------------------------------- the sheets

def _summary_sheet(ws: Worksheet, found: Plan) -> None:
    where = area_label(found.area_level, found.area_name)
    lines = [f"Đơn vị hành chính: {STRUCTURE_WORDS[found.structure]}."]
    if found.ruleset_name:
        lines.append(f"Bộ tiêu chí: {found.ruleset_name}.")
    lines.append(_targets_line(found))
    lines.append(_base_line(found.targets))
    lines.append(_pace_line(found))
    lines += [f"Lưu ý: {n}" for n in found.notes]
    if not found.group_sizes_known:
        lines.append(NO_GROUP_SIZES)
    lines.append(PRIORITY_RULE)
    cols = _columns(ws, UNIT_LEAD + DISTANCE)
    r = _head(ws, found, f"Kế hoạch vận động Công dân học tập — {where}", lines, len(cols))
    whole = found.area.recognized if found.area else None
    rows = _unit_rows(found.targets, found.groups, whole)
    _table(ws, r, cols, rows, f"Toàn {where}: khoảng cách đến từng chỉ tiêu, theo nhóm "
           "đối tượng và đơn vị phối hợp")


def _priority_sheet(ws: Worksheet, found: Plan, unit_sheets: dict[str, str]) -> None:
    where = area_label(found.area_level, found.area_name)
    ids = _target_ids(found)
    heads = {d.target_id: d for u in [found.area, *found.units] if u for d in u.targets}
    cols = list(PRIORITY_LEAD)
    for tid in ids:
        d = heads[tid]
        cols += [Col(f"Còn thiếu đến {fmt_number(d.pct)}% năm {d.year} (người)", 12, "count"),
                 Col(f"Cần đạt mỗi tháng đến 31/12/{d.year} (người)", 12, "pace")]
    cols.append(Col("Xem trang", 22, "text"))
    rows = []
    for u in found.units:
        mine = {d.target_id: d for d in u.targets}
        figures = []
        for tid in ids:
            d = mine.get(tid)
            figures += [d.people_to_recognize if d else None,
                        d.needed_per_month if d else None]
        rows.append(Row([u.priority, safe_text(u.name), safe_text(u.code),
                         f"{LOW_UPTAKE_MARK} tham gia thấp" if u.is_low_uptake else "",
                         u.participation_pct, u.recognition_pct, u.registered, u.assessed,
                         u.recognized, *figures, safe_text(unit_sheets[u.unit_key])]))
    lines = [_base_line([d for u in found.units for d in u.targets]), _pace_line(found),
             PRIORITY_RULE]
    r = _head(ws, found, f"Thứ tự ưu tiên các đơn vị — {where}", lines,
              len(_columns(ws, tuple(cols))))
    _table(ws, r, tuple(cols), rows, None)
    for i, u in enumerate(found.units, start=r + 1):  # a click opens the unit's sheet
        cell = ws.cell(i, len(cols))
        sheet = unit_sheets[u.unit_key].replace("'", "''")
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{sheet}'!A1")
        cell.font = LINK


def _partner_sheet(ws: Worksheet, found: Plan, pid: str,
                   lines: list[tuple[UnitPlan, GroupLine]]) -> None:
    name = _partner_name(pid, lines)
    groups = list(dict.fromkeys(line.group_name for _, line in lines))
    said = [f"Đơn vị phối hợp: {name}.", f"Nhóm đối tượng: {'; '.join(groups)}.",
            _pace_line(found)]
    rows = []
    whole = False
    for unit, line in lines:
        lead = [unit.priority, safe_text(unit.name), safe_text(line.group_name), line.recognized,
                line.share_pct]
        if line.targets:
            found_rows = [_distance_cells(d) for d in line.targets]
        else:  # no own gap: the unit's, said to be the whole unit's, and why
            whole = whole or bool(unit.targets)
            reason = NO_SIZE if line.size is None else NO_OWN_TARGET
            said_once = not found.group_sizes_known  # NO_GROUP_SIZES above says it
            found_rows = [_distance_cells(d, True, None if said_once else reason)
                          for d in unit.targets] or [[None] * (len(DISTANCE) - 1) + [reason]]
        rows += _block(lead, found_rows)
    if not found.group_sizes_known:
        said.append(NO_GROUP_SIZES)
    if whole:
        said.append(WHOLE_UNIT_CAVEAT)
    said.append("Các đơn vị theo thứ tự ưu tiên; số liệu đầy đủ của mỗi đơn vị ở trang của "
                "đơn vị đó (tên trang bắt đầu bằng thứ tự ưu tiên).")
    cols = _columns(ws, PARTNER_LEAD + DISTANCE)
    r = _head(ws, found, f"Kế hoạch vận động — {_partner_short(name)}", said, len(cols))
    _table(ws, r, cols, rows, None)
    ws.sheet_properties.tabColor = "1F4E79"


def _unit_sheet(ws: Worksheet, found: Plan, unit: UnitPlan) -> None:
    said = [f"Thứ tự ưu tiên: {unit.priority} trong {len(found.units)} đơn vị"
            + (f"; {LOW_UPTAKE_MARK} tham gia thấp." if unit.is_low_uptake else "."),
            "Đăng ký: {}; đã đánh giá: {}; Đạt: {}; tỉ lệ tham gia: {}; tỉ lệ Đạt trên số đã "
            "đánh giá: {}.".format(*_count_words(unit)),
            _base_line(unit.targets), _pace_line(found)]
    if not found.group_sizes_known:
        said.append(NO_GROUP_SIZES)
    cols = _columns(ws, UNIT_LEAD + DISTANCE)
    title = f"Kế hoạch vận động — {unit.name} (mã {unit.code})"
    r = _head(ws, found, title, said, len(cols))
    _table(ws, r, cols, _unit_rows(unit.targets, unit.groups, unit.recognized), None)


def _count_words(unit: UnitPlan) -> list[str]:
    return [fmt_int(unit.registered), fmt_int(unit.assessed), fmt_int(unit.recognized),
            fmt_pct(unit.participation_pct), fmt_pct(unit.recognition_pct)]


def _unit_rows(targets: list[Distance], groups: list[GroupLine],
              recognized: int | None) -> list[Row]:
    """The whole unit's distances, then each group with its partner and its own distances
    (or why it has none)."""
    rows = _block([WHOLE_UNIT, "", recognized, None, None],
                  [_distance_cells(d) for d in targets] or [[None] * len(DISTANCE)])
    for line in groups:
        lead = [safe_text(line.group_name), safe_text(line.partner_name or NO_PARTNER_NAME),
                line.recognized, line.share_pct, line.size]
        if line.targets:
            cells = [_distance_cells(d) for d in line.targets]
        else:
            reason = NO_SIZE if line.size is None else NO_OWN_TARGET
            cells = [[None] * (len(DISTANCE) - 1) + [reason]]
        rows += _block(lead, cells)
    return rows


def _distance_cells(d: Distance, whole_unit: bool = False, also: str | None = None) -> list:
    target = f"{_target_words(d)}, tính trên {d.base_words}"
    if whole_unit:
        target = f"{WHOLE_UNIT}: {target}"
    notes = [n[0].upper() + n[1:] + "." for n in d.notes]
    if d.is_met:
        notes.insert(0, MET)
    if also:
        notes.append(also)
    return [target, d.base_count, d.recognized, d.recognized_pct, d.people_to_recognize,
            d.to_assess, d.to_register, d.needed_per_month, d.seen_per_month, " ".join(notes)]


def _target_words(d: Distance) -> str:
    """"60% năm 2025 theo 387/QĐ-TTg": the document's number tells apart two targets of one
    share and year (a group's under 677 and under 387)."""
    number = DOCUMENT_NUMBER.search(d.source)
    where = f" theo {number.group(0)}" if number else ""
    return f"{fmt_number(d.pct)}% năm {d.year}{where}"


def _target_ids(found: Plan) -> list[str]:
    """The targets about every group of the area and its units, in their first order."""
    ids: list[str] = []
    for u in [found.area, *found.units]:
        for d in (u.targets if u else []):
            if d.target_id not in ids:
                ids.append(d.target_id)
    return ids


def _targets_line(found: Plan) -> str:
    """The targets in force for the area, each with the document that sets it."""
    every = found.targets + [d for line in found.groups for d in line.targets]
    if not every:
        return "Không có chỉ tiêu nào áp dụng cho địa bàn này."
    by_source = {}
    for d in every:
        by_source.setdefault(d.source, [])
        head = f"{fmt_number(d.pct)}% năm {d.year}"
        if head not in by_source[d.source]:
            by_source[d.source].append(head)
    return "Chỉ tiêu: " + "; ".join(f"{', '.join(heads)} theo {source}"
                                   for source, heads in by_source.items()) + "."


def _base_line(targets: list[Distance]) -> str:
    bases = sorted({d.base_words for d in targets})
    return (f"Cơ sở tính của các chỉ tiêu chung: {'; '.join(bases)}." if bases else
            "Không có chỉ tiêu nào áp dụng cho địa bàn này.")


def _pace_line(found: Plan) -> str:
    return (f"Tốc độ đã đạt: số người Đạt tăng thêm mỗi tháng từ kỳ "
            f"{fmt_date(found.previous_as_of)} đến kỳ {fmt_date(found.as_of)}."
            if found.previous_as_of else
            "Chưa có kỳ trước: chưa tính được tốc độ đã đạt.")


# ---------------------------------------------------------------- writing a sheet

@dataclass
class Row:
    """One row of a table; `spans`: leading cells that stand for the next rows too (a group's
    or unit's cells beside its several targets), boxed as one block with the blank cells
    under them. Not merged: openpyxl takes seconds to merge hundreds of ranges."""
    cells: list
    spans: int = 0  # how many leading cells stand for the rows below too
    depth: int = 1  # over how many rows (this one included)
    covered: int = 0  # leading cells the row above's stand for (left blank)
    last: bool = True  # the last row of its block


def _block(lead: list, rows: list[list]) -> list[Row]:
    """`lead` once, beside each of `rows` (one block when there are several)."""
    out = [Row(lead + cells, covered=len(lead) if i else 0, last=i == len(rows) - 1)
           for i, cells in enumerate(rows)]
    out[0].spans, out[0].depth = len(lead), len(rows)
    return out


def _head(ws: Worksheet, found: Plan, title: str, lines: list[str], width: int) -> int:
    """Title, "Tính đến ngày …", the synthetic label, the lines: the row the table starts."""
    _line(ws, 1, width, title, TITLE_FONT, CENTRE)
    ws.row_dimensions[1].height = 36
    _line(ws, 2, width, f"{area_label(found.area_level, found.area_name, capital=True)}, "
          f"tính đến ngày {fmt_date(found.as_of)}", LINE_FONT, CENTRE)
    r = 3
    if found.is_synthetic:
        _line(ws, r, width, SYNTHETIC, WARN, CENTRE)
        r += 1
    total = sum(_widths(ws, width))  # the table's columns, set by _columns first
    for text in lines:
        _line(ws, r, width, text, NOTE_FONT, TOP_LEFT)
        ws.row_dimensions[r].height = LINE_HEIGHT * _lines(text, total)
        r += 1
    return r + 1


def _line(ws: Worksheet, r: int, width: int, text: str, font: Font,
          alignment: Alignment) -> None:
    """A line of text across the table's width (one merged cell), as text whatever it
    begins with."""
    cell = text_cell(ws.cell(r, 1), safe_text(text))
    cell.font, cell.alignment = font, alignment
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)


def _widths(ws: Worksheet, width: int) -> list[float]:
    return [ws.column_dimensions[get_column_letter(c)].width or 10 for c in range(1, width + 1)]


def _columns(ws: Worksheet, cols: tuple[Col, ...]) -> tuple[Col, ...]:
    for c, col in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(c)].width = col.width
    return cols


def _table(ws: Worksheet, r: int, cols: tuple[Col, ...], rows: list[Row],
           caption: str | None) -> None:
    """The header at row `r` (repeated on every printed page), then the rows, boxed; numbers
    as numbers in the Vietnamese formats, unknown figures as "—"."""
    if caption:
        _line(ws, r, len(cols), caption, BOLD, TOP_LEFT)
        r += 1
    for c, col in enumerate(cols, start=1):
        ws.cell(r, c).value = col.heading
        ws.cell(r, c).style = _style_name(ws.parent, "heading", "box")
    ws.row_dimensions[r].height = LINE_HEIGHT * max(
        _lines(c.heading, c.width * HEADING_CHARS / CHARS_PER_WIDTH) for c in cols)
    ws.print_title_rows = f"{r}:{r}"
    ws.freeze_panes = ws.cell(r + 1, 1)
    heights: dict[int, int] = {}
    for i, row in enumerate(rows, start=r + 1):
        for c, (col, value) in enumerate(zip(cols, row.cells), start=1):
            cell = ws.cell(i, c)
            if c <= row.covered:  # under a block's leading cell: boxed with it
                cell.style = _style_name(ws.parent, "text", "bottom" if row.last else "middle")
                continue
            _cell(cell, col, value, "top" if c <= row.spans and row.depth > 1 else "box")
            if col.kind == "text" and isinstance(value, str):
                heights[i] = max(heights.get(i, 1), _lines(value, col.width))
    for k, lines in heights.items():
        ws.row_dimensions[k].height = LINE_HEIGHT * lines
    print_setup(ws)
    # a sheet of several pages: each says whose it is (the sheet's name) and which page
    ws.oddFooter.center.text = "&A — trang &P/&N"
    ws.oddFooter.center.font = FONT


def _cell(cell, col: Col, value, border: str = "box") -> None:
    """One figure or text cell, styled by name (_style_name): a named style is set in one
    step, where a font, border, alignment and format set one by one take openpyxl seconds
    over a workbook."""
    if col.kind == "text":
        text_cell(cell, "" if value is None else value)
        kind = "text"
    elif value is None:
        cell.value = MISSING
        kind = "missing"
    else:
        cell.value = int(value) if col.kind in ("count", "rank") \
            else round_half_up(float(value), 2)
        kind = col.kind
    cell.style = _style_name(cell.parent.parent, kind, border)


# A cell's look by what it holds: alignment, number format.
LOOKS = {"heading": (CENTRE, "General"), "text": (TOP_LEFT, "General"), "missing": (TOP_CENTRE, "General"),
         "rank": (TOP_CENTRE, COUNT_FORMAT), "count": (TOP, COUNT_FORMAT),
         "rate": (TOP, RATE_FORMAT), "pace": (TOP, PACE_FORMAT)}
BORDERS = {"box": BOX, "top": BLOCK_TOP, "middle": BLOCK_MIDDLE, "bottom": BLOCK_BOTTOM}


def _style_name(wb: Workbook, kind: str, border: str) -> str:
    """The named style of a table cell, added to the workbook the first time it is used."""
    name = f"Kế hoạch vận động: {kind}, {border}"
    if name not in wb.named_styles:
        alignment, number_format = LOOKS[kind]
        wb.add_named_style(NamedStyle(name, font=BOLD if kind == "heading" else BODY,
                                      border=BORDERS[border],
                                      alignment=alignment, number_format=number_format))
    return name


def _lines(text: str, width: float) -> int:
    """Lines `text` takes wrapped in a column `width` characters wide (a spreadsheet does not
    grow a row to its wrapped text when it opens the file)."""
    return max(1, math.ceil(len(text) / (width * CHARS_PER_WIDTH)))
