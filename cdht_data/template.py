"""Templates to fill: an XLSX in the layout the reports print, for one period, area and unit
structure, that the importer reads back as it is (layouts/scoring_report.toml,
layouts/population_report.toml, layouts/group_sizes.toml).

The layout is printed_tables' (the same as the filled official table's): the title, "Tính đến
ngày d/m/yyyy" (the importer reads the period from it), the two header rows, one row per unit
with its STT, blank count cells, and a totals row. Printed totals and the rate are formulas a
spreadsheet fills in as the counts are typed (blank while their cells are); until a
spreadsheet computes them they read as blank. Unit names are text cells, never formulas,
whatever they begin with. A template of the units of the other structure than the date's says
so in its title and notes how to import it (--structure).
"""

from __future__ import annotations

import datetime as dt
import io

import duckdb
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .area_units import AreaUnits, area_units
from .exports import file_name
from .keys import GROUP_SIZES, STRUCTURE_WORDS, TABLE_KINDS
from .printed_tables import (Column, Placed, Table, group_sizes_table, notes, population_table,
                             scoring_table, text_cell, write_table)
from .reference import ruleset_for

__all__ = ["TEMPLATES", "group_sizes_template", "population_template", "scoring_template",
           "template_file_name", "text_cell"]

MAX_COUNT = 100_000_000  # numbers.parse_count refuses more: no unit holds that many people


def scoring_template(con: duckdb.DuckDBPyConnection, as_of: dt.date, area: str | None,
                     structure: str | None = None) -> bytes:
    """The scoring table to fill for `area` on `as_of`: the period's groups × Đạt / Chưa đạt,
    one row per unit of the area in `structure` (default: the units in force on `as_of`)."""
    plan = area_units(con, as_of, area, structure)
    return _workbook(plan, scoring_table(plan, ruleset_for(con, as_of, plan.area.unit_key)),
                     "scoring")


def population_template(con: duckdb.DuckDBPyConnection, as_of: dt.date, area: str | None,
                        structure: str | None = None) -> bytes:
    """The population and registration table to fill, its columns numbered as printed."""
    plan = area_units(con, as_of, area, structure)
    return _workbook(plan, population_table(plan), "population")


def group_sizes_template(con: duckdb.DuckDBPyConnection, as_of: dt.date, area: str | None,
                         structure: str | None = None) -> bytes:
    """The people of each group of the period's rule set per unit, to fill (group_sizes.py)."""
    plan = area_units(con, as_of, area, structure)
    return _workbook(plan, group_sizes_table(plan, ruleset_for(con, as_of, plan.area.unit_key)),
                     GROUP_SIZES)


TEMPLATES = {"scoring": scoring_template, "population": population_template,
             GROUP_SIZES: group_sizes_template}


def template_file_name(kind: str, plan: AreaUnits) -> str:
    """"mau_cham-diem_loc-ninh_2026-03-31.xlsx": what a download of the template is called."""
    return file_name("mau", TABLE_KINDS[kind].words, plan.area.name, plan.as_of,
                     suffix=".xlsx")


def _workbook(plan: AreaUnits, table: Table, kind: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    counts = [get_column_letter(k) for k, c in enumerate(table.columns, start=1)
              if c.role == "count"]
    where = {c.key: get_column_letter(k) for k, c in enumerate(table.columns, start=1)}

    def fill_row(cell, col: Column, at: int) -> None:
        """A unit's count cells stay blank; its "Tổng" and rate are formulas, blank while the
        cells they read are."""
        row = cell.row
        if col.role == "total":
            cell.value = _sum(f"{counts[0]}{row}:{counts[-1]}{row}")
        elif col.role == "rate":
            registered = f"{where['registered_count']}{row}"
            base = f"{where['age_8_60_count']}{row}"
            cell.value = (f'=IF(AND(ISNUMBER({registered}),ISNUMBER({base}),N({base})>0),'
                          f'ROUND({registered}/{base}*100,2),"")')

    def fill_total(cell, col: Column, placed: Placed) -> None:
        """The totals row: each count column's sum; the rate as on a unit's row."""
        letter = get_column_letter(cell.column)
        if col.role == "rate":
            fill_row(cell, col, -1)
        else:
            cell.value = _sum(f"{letter}{placed.first}:{letter}{placed.last}")

    placed = write_table(ws, table, [u.name for u in plan.units], fill_row,
                         fill_total)
    _validate(ws, table.columns, placed.first, placed.totals)
    lines = ["Ghi chú: ghi số người vào các ô trống; ô không có số liệu để trống (không ghi 0 "
             "thay cho ô trống). Giữ nguyên tên đơn vị, dòng tiêu đề và dòng «Tính đến ngày»; "
             "ô «Tổng», dòng tổng và tỉ lệ tự tính."]
    if not plan.in_force:
        lines.append(f"Biểu ghi {STRUCTURE_WORDS[plan.structure]}: khi nhập, chọn cách chia đơn "
                     f"vị này (python -m cdht_data import TỆP --kind {kind} --structure "
                     f"{plan.structure}).")
    notes(ws, placed.totals + 2, len(table.columns), lines)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sum(cells: str) -> str:
    return f'=IF(COUNT({cells})=0,"",SUM({cells}))'


def _validate(ws: Worksheet, columns: tuple[Column, ...], first: int, last: int) -> None:
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
