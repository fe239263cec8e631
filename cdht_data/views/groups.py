"""Nhóm đối tượng: the citizen groups side by side, and where each group lags."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from ..metrics import AreaFigures, area_figures
from .frames import group_table, group_totals


@dataclass
class GroupsPage:
    figures: AreaFigures  # every group
    totals: pd.DataFrame  # group_totals: one row per group, with where it lags
    long: pd.DataFrame  # group_table: unit × group, every group (heat map)
    table: pd.DataFrame  # `long` kept to the group asked for, if any
    chart_groups: dict[int, str]  # group -> short name, of the groups the counts chart draws
    has_counts: bool  # some group has a Đạt / Chưa đạt figure


def groups_page(con: duckdb.DuckDBPyConnection, area: str, as_of: dt.date,
                group: int | None, structure: str | None = None) -> GroupsPage | None:
    """Every group of the area (None without data); `group` is highlighted and kept in the
    table, the other groups stay for comparison."""
    figures = area_figures(con, area, as_of, structure=structure)
    if figures is None:
        return None
    totals, long = group_totals(figures), group_table(figures)
    chosen = [g for g in figures.groups if group is None or g == group]
    return GroupsPage(figures, totals, long,
                      long if group is None else long[long["group_no"] == group],
                      {g: figures.ruleset["groups"][g][1] for g in chosen},
                      bool(totals["assessed_count"].notna().any()))
