"""Chi tiết xã: one unit against its area, its groups, its sub-units, its history, its gap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from .. import targets as target_file
from ..definitions import LowUptake
from ..metrics import AreaFigures, area_figures, for_group
from ..quality.report import markers
from ..target_distance import Distance, totals_distances
from ..units import UnitRegistry
from .frames import (band_table, drill_units, group_table, group_totals, low_uptake_mask, marks,
                     unit_view)
from .overview import HEADLINE, group_target_note

# The figures set side by side with the whole area's (rows of `comparison`).
COMPARED = ("registered_count", "assessed_count", "recognized_count", "recognition_pct",
            "participation_pct")


@dataclass
class CommunePage:
    choices: list[tuple[str, str]]  # (unit_key, name) a drill-down can open, drill_units
    unit_key: str  # the unit shown: the one asked for when it is a choice, else the first
    name: str
    is_area: bool  # the unit is the chosen area itself (a commune and its sub-units)
    figures: AreaFigures  # the unit's own figures, every group (its sub-units as rows)
    shown: AreaFigures  # the same for the group asked for
    is_low: bool  # the unit is marked low uptake among the area's units
    marks: pd.DataFrame  # findings touching the unit's headline figures
    targets: list[Distance]  # the unit against each target about every group (2025, 2030);
    #                          empty with a group chosen (target_note says why)
    target_note: str | None
    comparison: pd.DataFrame  # metric, unit, area: COMPARED side by side (empty for the area)
    groups: pd.DataFrame  # per group (group_name: the short name): Đạt, Chưa đạt, đã đánh giá
    bands: pd.DataFrame  # band_table of its sub-units; empty without bands
    history: pd.DataFrame  # the unit's totals in every period (unit_view)


def commune_page(con: duckdb.DuckDBPyConnection, area: str, as_of: dt.date,
                 group: int | None, low: LowUptake, unit_key: str | None = None,
                 structure: str | None = None) -> CommunePage | None:
    """A unit of the area (None without data, or when the unit has no figures), against the
    targets of data/reference/targets.toml in force for the unit."""
    whole = area_figures(con, area, as_of, structure=structure)
    if whole is None:
        return None
    choices = drill_units(whole)
    names = dict(choices)
    unit_key = unit_key if unit_key in names else choices[0][0]
    figures, history = unit_view(con, unit_key, as_of, whole.structure)
    if figures is None:
        return None
    shown, area_shown = for_group(figures, group), for_group(whole, group)
    is_area = unit_key == whole.area.unit_key
    units = whole.units
    is_low = bool(low_uptake_mask(units["participation_pct"], low)[
        units["unit_key"] == unit_key].any()) if not units.empty else False
    found = marks(markers(con, whole.as_of, whole.area.unit_key), list(HEADLINE))
    found = found[found["unit_key"].isna()] if is_area else found[found["unit_key"] == unit_key]
    comparison = pd.DataFrame({
        "metric": list(COMPARED), "unit": [shown.totals.get(c) for c in COMPARED],
        "area": [area_shown.totals.get(c) for c in COMPARED]}) if not is_area else \
        pd.DataFrame(columns=["metric", "unit", "area"])
    groups = group_table(figures) if figures.units.empty else group_totals(figures).drop(
        columns="group_name").rename(columns={"short_name": "group_name"})
    registry = UnitRegistry.load(con)
    in_force = target_file.for_area(target_file.in_force(con, registry),
                                    registry.ancestors(figures.area.unit_key))
    if shown.group is not None:
        distances = []
        note = group_target_note(figures.ruleset["groups"][shown.group][0])
    else:
        distances = totals_distances(figures.totals, in_force, figures.as_of)
        note = None if distances else "Không có chỉ tiêu chung nào áp dụng cho đơn vị này."
    return CommunePage(choices, unit_key, names[unit_key], is_area, figures, shown,
                       is_low, found.reset_index(drop=True), distances, note, comparison,
                       groups, band_table(figures), history)
