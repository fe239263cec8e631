"""Tổng quan: everything the overview page draws, from one call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from ..definitions import LowUptake
from ..metrics import AreaFigures, area_figures, for_group
from .narrative import summary_paragraph
from ..quality.report import markers
from .frames import (changes, league_table, low_uptake_units, mark_labels, marks,
                     previous_figures, target_progress)

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
    progress: dict  # target_progress of the shown totals
    paragraph: str  # narrative.summary_paragraph
    league: pd.DataFrame | None  # league_table with its ⚠ label; None without child units
    group_name: str | None


def overview(con: duckdb.DuckDBPyConnection, area: str, as_of: dt.date, group: int | None,
             low: LowUptake, target_pct: float,
             structure: str | None = None) -> Overview | None:
    """The overview of an area and period (None without data)."""
    figures = area_figures(con, area, as_of, structure=structure)
    if figures is None:
        return None
    shown = for_group(figures, group)
    group_name = figures.ruleset["groups"][group][0] if shown.group is not None else None
    previous = for_group(previous_figures(con, figures), group)
    found = marks(markers(con, figures.as_of, figures.area.unit_key), list(HEADLINE))
    league = None
    if not figures.units.empty:
        league = league_table(shown, low, target_pct)
        league["quality_mark"] = mark_labels(found, league["unit_key"])
    return Overview(
        figures, shown, previous, changes(shown.totals, previous.totals if previous else None),
        found, low_uptake_units(figures, low), target_progress(shown.totals, target_pct),
        summary_paragraph(shown, low, target_pct, previous, group_name), league, group_name)
