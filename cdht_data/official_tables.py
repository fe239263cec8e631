"""The report's official tables filled with an area's figures, as XLSX: the scoring table and
the population table in the layout the report prints them (printed_tables, the same layout as
the template to fill and the report draft), and a second sheet «Lưu ý chất lượng» with the
quality findings that touch the table (table_findings, the same choice the draft lists).

Every figure is metrics.area_figures', each cell the one printed_tables.shown_value chooses
(the same as the report draft's). Numbers are numbers, text from data is text (never a
formula), whatever it begins with.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from .errors import InputError
from .formatting import fmt_date
from .keys import TABLE_KINDS
from .metrics import AreaFigures, area_figures
from .printed_tables import (BOX, CENTRE, FONT, Column, Table, filled_scoring_table, merged,
                             notes, plan_of, population_table, print_setup, shown_value,
                             text_cell, write_table)
from .table_findings import table_findings

QUALITY_SHEET = "Lưu ý chất lượng"
NO_FINDINGS = "Kiểm tra chất lượng số liệu không có lưu ý nào về các số của biểu này."
LINE_HEIGHT = 16  # points: one line of 12 pt Times New Roman, wrapped in a cell
CHARS_PER_WIDTH = 1.35  # letters of 12 pt Times New Roman per unit of column width (measured)
# The findings sheet: (heading, findings_frame column, width in characters).
FINDING_COLUMNS = (("STT", None, 6), ("Mức độ", "severity_name", 11), ("Đơn vị", "unit", 22),
                   ("Lưu ý", "message", 70), ("Quy tắc kiểm tra", "rule_description", 45))


def scoring_table_xlsx(con: duckdb.DuckDBPyConnection, as_of: dt.date | None,
                       area: str | None, structure: str | None = None) -> bytes:
    """The scoring table of `area` (default: the store's latest area) for the period `as_of`
    (default: its latest), in the units of `structure` (default: those in force then)."""
    fig = figures(con, as_of, area, structure)
    return _workbook(con, fig, filled_scoring_table(fig), "scoring")


def population_table_xlsx(con: duckdb.DuckDBPyConnection, as_of: dt.date | None,
                          area: str | None, structure: str | None = None) -> bytes:
    """The population and registration table, columns 1–7 as printed, for the same choice."""
    fig = figures(con, as_of, area, structure)
    return _workbook(con, fig, population_table(plan_of(fig)), "population")


def figures(con: duckdb.DuckDBPyConnection, as_of: dt.date | None, area: str | None,
            structure: str | None) -> AreaFigures:
    """The figures a table shows, refused in Vietnamese when there are none or no unit rows."""
    fig = area_figures(con, area, as_of, structure=structure)
    if fig is None:
        raise InputError("không có số liệu cho địa bàn và kỳ đã chọn")
    if not fig.shows_units:
        raise InputError(f"{fig.area.name} (mã {fig.area.unit_key}) không có đơn vị cấp dưới "
                         "nào trong danh mục: biểu liệt kê các đơn vị của một địa bàn, hãy chọn "
                         "địa bàn cấp trên")
    return fig


def _workbook(con, fig: AreaFigures, table: Table, kind: str) -> bytes:
    wb = Workbook()
    ws = wb.active

    def fill_row(cell, col: Column, at: int) -> None:
        cell.value = shown_value(fig, col, at)

    def fill_total(cell, col: Column, placed) -> None:
        cell.value = shown_value(fig, col, None)

    placed = write_table(ws, table, fig.units["name"].tolist(), fill_row, fill_total)
    # what feeds the table: its own kind, or the scoring source for the registered it prints
    kinds = [k for k in (kind, "scoring") if k in fig.sources][:1]
    lines = [f"Nguồn: {_source(fig.sources[k])}" for k in kinds]
    lines += list(fig.notes)
    found = table_findings(con, fig, [table])
    lines.append(f"Lưu ý chất lượng số liệu: {len(found)} (xem trang «{QUALITY_SHEET}»)."
                 if len(found) else NO_FINDINGS)
    notes(ws, placed.totals + 2, len(table.columns), lines)
    _quality_sheet(wb.create_sheet(QUALITY_SHEET), fig, table, found)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _source(ds: dict) -> str:
    parts = [ds.get("title") or TABLE_KINDS[ds["kind"]].title, ds.get("document")]
    return "; ".join(p for p in parts if p) + "."


def _quality_sheet(ws: Worksheet, fig: AreaFigures, table: Table, found: pd.DataFrame) -> None:
    width = len(FINDING_COLUMNS)
    title = (f"Lưu ý chất lượng số liệu của {table.titles[0][0].lower()}"
             f"{table.titles[0][1:]}")
    merged(ws, 1, 1, 1, width, title, Font(name=FONT, size=14, bold=True), CENTRE)
    ws.row_dimensions[1].height = 36
    merged(ws, 2, 1, 2, width, f"Tính đến ngày {fmt_date(fig.as_of)}",
           Font(name=FONT, size=12, italic=True), CENTRE)
    if found.empty:
        merged(ws, 4, 1, 4, width, NO_FINDINGS, Font(name=FONT, size=12),
               Alignment(wrap_text=True, vertical="top"))
    else:
        bold, body = Font(name=FONT, size=12, bold=True), Font(name=FONT, size=12)
        for k, (heading, _, _) in enumerate(FINDING_COLUMNS, start=1):
            merged(ws, 4, k, 4, k, heading, bold, CENTRE, BOX)
        for i, row in enumerate(found.itertuples(index=False), start=1):
            lines = 1
            for k, (_, name, width) in enumerate(FINDING_COLUMNS, start=1):
                cell = ws.cell(4 + i, k)
                if name is None:
                    cell.value = i
                else:
                    text = str(getattr(row, name))
                    text_cell(cell, text)
                    lines = max(lines, math.ceil(len(text) / (width * CHARS_PER_WIDTH)))
                cell.font, cell.border = body, BOX
                cell.alignment = Alignment(wrap_text=True, vertical="top",
                                           horizontal="center" if name is None else None)
            # a spreadsheet does not grow a row to its wrapped text when it opens the file
            ws.row_dimensions[4 + i].height = LINE_HEIGHT * lines
        ws.print_title_rows = "4:4"
    for k, (_, _, w) in enumerate(FINDING_COLUMNS, start=1):
        ws.column_dimensions[chr(64 + k)].width = w
    print_setup(ws)
