"""Completeness: every unit of the area has a row, and every row says something."""

from __future__ import annotations

from .findings import Hit
from .sheet import Sheet


def missing_child_units(con, sheet: Sheet) -> list[Hit]:
    present = {r.unit_key for r in sheet.unit_rows}
    children = con.execute(
        "SELECT u.unit_key, u.name, u.code FROM unit_ancestry a JOIN units u USING (unit_key) "
        "WHERE a.ancestor_key = ? AND a.depth = 1 "
        "AND (u.valid_from IS NULL OR u.valid_from <= ?) AND (u.valid_to IS NULL OR u.valid_to >= ?) "
        "ORDER BY u.sort_order", [sheet.area_key, sheet.as_of, sheet.as_of]).fetchall()
    unit = {"unit_key": None, "unit_name": None, "unit_code": None}
    return [Hit.ok({**unit, "unit_key": key}) if key in present else
            Hit({"unit_key": key, "unit_name": name, "unit_code": code}, None, None,
                f"Bảng không có dòng cho «{name}» (mã {code}), dù đơn vị này thuộc địa bàn "
                "của bảng")
            for key, name, code in children]


def blank_unit_rows(con, sheet: Sheet) -> list[Hit]:
    return [Hit(row, None, None, f"Dòng «{row.label}» có tên đơn vị nhưng mọi ô số đều trống",
                [f"dòng {row.source_row}"])
            if all(v is None for v in row.cells.values()) else Hit.ok(row)
            for row in sheet.unit_rows]
