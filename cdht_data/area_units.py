"""The units an area is made of in one unit structure, on one date: the rows of a template to
fill and of the list of who has reported.

An area of the other structure stands for its counterpart (huyện Lộc Ninh, shown in the units
since 1/7/2025, is the 7 communes of Đồng Nai it became), as `metrics.area_figures` shows it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from .crosswalk import counterpart
from .errors import InputError
from .keys import STRUCTURES
from .metrics import default_area, resolve_area
from .units import Unit, UnitRegistry


@dataclass(frozen=True)
class AreaUnits:
    asked: Unit  # the area the user named
    area: Unit  # the area shown: `asked`, or its counterpart in `structure`
    as_of: dt.date
    structure: str  # keys.STRUCTURES: the units listed
    units: tuple[Unit, ...]  # the area's children in force, in registry order

    @property
    def in_force(self) -> bool:
        """Whether the units listed are those in force on the date (else a table of them is
        imported with --structure)."""
        return self.area.valid_on(self.as_of)


def area_units(con: duckdb.DuckDBPyConnection, as_of: dt.date, area: str | None = None,
               structure: str | None = None) -> AreaUnits:
    """The child units of `area` (a code, key or name; default: the area of the store's latest
    period) in `structure` (default: the one in force on `as_of`)."""
    if structure is not None and structure not in STRUCTURES:
        raise InputError(f"cách chia đơn vị phải là một trong {', '.join(STRUCTURES)}, không "
                         f"phải «{structure}»")
    registry = UnitRegistry.load(con)
    area = area or default_area(con)
    if area is None:
        raise InputError("CSDL chưa có bảng nào để biết địa bàn: hãy cho địa bàn bằng --area")
    asked = resolve_area(con, registry, area, as_of, structure)
    shown = structure or registry.structure_on(as_of)
    unit = counterpart(registry, asked, shown) or asked
    if unit.structure != shown:
        raise InputError(f"{unit.name} (mã {unit.unit_key}) không có đơn vị tương ứng trong "
                         "cách chia đơn vị đã chọn")
    children = registry.children(unit.unit_key, unit.day_within(as_of))
    if not children:
        raise InputError(f"{unit.name} (mã {unit.unit_key}) không có đơn vị cấp dưới nào trong "
                         "danh mục: hãy chọn địa bàn cấp trên")
    return AreaUnits(asked, unit, as_of, shown, tuple(children))
