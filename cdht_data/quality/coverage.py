"""Completeness: every unit of the area has a row, and every row says something."""

from __future__ import annotations

from .findings import Hit
from .sheet import Sheet


# The children of an area a table of $as_of should have rows for: those valid on that day; for
# an area no longer (or not yet) valid then, a table written in the other structure
# (`import --structure`), the children of the area's own structure.
_CHILDREN = """
    SELECT u.unit_key, u.name, u.code FROM unit_ancestry a JOIN units u USING (unit_key)
    JOIN units area ON area.unit_key = a.ancestor_key
    WHERE a.ancestor_key = $area AND a.depth = 1
      AND CASE WHEN (area.valid_from IS NULL OR area.valid_from <= $as_of)
                    AND (area.valid_to IS NULL OR area.valid_to >= $as_of)
               THEN (u.valid_from IS NULL OR u.valid_from <= $as_of)
                    AND (u.valid_to IS NULL OR u.valid_to >= $as_of)
               ELSE u.structure = area.structure END
    ORDER BY u.sort_order"""


def missing_child_units(con, sheet: Sheet) -> list[Hit]:
    present = {r.unit_key for r in sheet.unit_rows}
    children = con.execute(_CHILDREN, {"area": sheet.area_key, "as_of": sheet.as_of}).fetchall()
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
