"""«Báo cáo cho cuộc họp»: what the meeting takes away for an area, period and unit structure,
one entry per output of outputs.OUTPUTS, with the name its file will have. Not in views/:
the outputs it lists are made from the views."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from .metrics import area_figures
from .outputs import OUTPUTS
from .units import area_label


@dataclass(frozen=True)
class OfferedOutput:
    name: str  # outputs.OUTPUTS key, what `export` calls it
    title: str
    holds: str
    format: str
    file_name: str
    refusal: str | None = None  # why it cannot be made for this area (no button then)


@dataclass
class MeetingPage:
    area: str  # "huyện Lộc Ninh"
    as_of: dt.date
    outputs: dict[str, OfferedOutput]  # by name, in the registry's order


def meeting_page(con: duckdb.DuckDBPyConnection, area: str | None, as_of: dt.date | None,
                 structure: str | None = None) -> MeetingPage | None:
    """The outputs offered for the area and period (None without data); each file is made
    only when it is downloaded (outputs.produce)."""
    fig = area_figures(con, area, as_of, unit_rows=False, structure=structure)
    if fig is None:
        return None
    leaf = [u.unit_key for u in fig.rows] == [fig.area.unit_key]
    refusal = (f"{area_label(fig.area.level, fig.area.name, capital=True)} không có đơn vị "
               "cấp dưới trong danh mục: biểu liệt kê các đơn vị của một địa bàn, hãy chọn địa "
               "bàn cấp trên ở thanh bên trái.") if leaf else None
    return MeetingPage(area_label(fig.area.level, fig.area.name), fig.as_of, {
        o.name: OfferedOutput(o.name, o.title, o.holds, o.format,
                              o.file_name(fig.area.name, fig.as_of),
                              refusal if o.lists_units else None)
        for o in OUTPUTS.values()})
