"""Tổng quan: everything the overview page draws, from one call."""

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
from .frames import (changes, league_table, low_uptake_units, mark_labels, marks,
                     previous_figures)
from .narrative import summary_paragraph

# The figures the overview's headline shows (and a ⚠ may touch).
HEADLINE = ("registered_count", "assessed_count", "recognized_count", "recognition_pct",
            "recognition_of_registered_pct", "participation_pct", "age_8_60_count")


@dataclass
class Overview:
    figures: AreaFigures  # every group: unit names, low uptake (participation is not by group)
    shown: AreaFigures  # the group asked for (the same as `figures` without one)
    previous: AreaFigures | None  # `shown` one period earlier, when there is one
    changes: dict  # each total's change since `previous` (None where unknown)
    marks: pd.DataFrame  # findings touching the headline figures (views.frames.marks)
    low_units: pd.DataFrame  # low_uptake_units, lowest first
    targets: list[Distance]  # the area against each target about every group (2025, 2030);
    #                          empty with a group chosen (target_note says why)
    headline: target_file.Target | None  # the target the league's gap column is set against
    target_note: str | None  # why no distance is shown (a group chosen, no target in force)
    paragraph: str  # narrative.summary_paragraph
    league: pd.DataFrame | None  # league_table with its ⚠ label; None without child units
    group_name: str | None


def group_target_note(group_name: str) -> str:
    """What the overview says instead of a distance when a group is chosen."""
    return (f"Đang xem riêng {group_name}: chỉ tiêu của Quyết định 677/QĐ-TTg tính trên dân số "
            "8–60 tuổi của mọi nhóm, nên không so số người đạt của một nhóm với toàn bộ dân số. "
            "Khoảng cách của từng nhóm cần số người của nhóm đó (bảng số người theo nhóm), xem "
            "trang «Kế hoạch vận động».")


def overview(con: duckdb.DuckDBPyConnection, area: str, as_of: dt.date, group: int | None,
             low: LowUptake, structure: str | None = None) -> Overview | None:
    """The overview of an area and period (None without data), against the targets of
    data/reference/targets.toml in force for the area (national and local)."""
    figures = area_figures(con, area, as_of, structure=structure)
    if figures is None:
        return None
    shown = for_group(figures, group)
    group_name = figures.ruleset["groups"][group][0] if shown.group is not None else None
    previous = for_group(previous_figures(con, figures), group)
    found = marks(markers(con, figures.as_of, figures.area.unit_key), list(HEADLINE))
    registry = UnitRegistry.load(con)
    in_force = target_file.for_area(target_file.in_force(con, registry),
                                    registry.ancestors(figures.area.unit_key))
    headline = target_file.headline(in_force, figures.as_of)
    if group_name is not None:
        distances, note = [], group_target_note(group_name)
    else:
        distances = totals_distances(figures.totals, in_force, figures.as_of)
        note = None if distances else "Không có chỉ tiêu chung nào áp dụng cho địa bàn này."
    league = None
    if not figures.units.empty:
        league = league_table(shown, low, headline.pct if headline else None)
        league["quality_mark"] = mark_labels(found, league["unit_key"])
    return Overview(
        figures, shown, previous, changes(shown.totals, previous.totals if previous else None),
        found, low_uptake_units(figures, low), distances, headline, note,
        summary_paragraph(shown, low, distances, previous, group_name), league, group_name)
