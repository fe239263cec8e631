"""Bản đồ: the units of an area with their centres, figures, low-uptake mark and ⚠."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from ..definitions import LowUptake
from ..metrics import AreaFigures, area_figures, for_group
from ..quality.report import markers
from .frames import map_frame, mark_labels, marks, unit_places
from .overview import HEADLINE


@dataclass
class MapPage:
    figures: AreaFigures  # the group asked for
    frame: pd.DataFrame  # map_frame with its ⚠ label (quality_mark); lat/lon missing: no centre
    unplaced: list[str]  # names of the units without a centre
    approximate: list[str]  # names of the units placed at their predecessors' mean centre
    has_centres: bool  # some unit has a centre: a bubble map can be drawn


def map_page(con: duckdb.DuckDBPyConnection, area: str, as_of: dt.date, group: int | None,
             low: LowUptake, structure: str | None = None) -> MapPage | None:
    """What the map draws (None without data). A user's boundary file is matched to
    `figures.units` apart (boundaries.match_units): it is an upload, not the store's."""
    figures = for_group(area_figures(con, area, as_of, structure=structure), group)
    if figures is None:
        return None
    frame = map_frame(figures, unit_places(con, figures.units["unit_key"].tolist()), low)
    found = marks(markers(con, figures.as_of, figures.area.unit_key), list(HEADLINE))
    frame["quality_mark"] = mark_labels(found, frame["unit_key"])
    unplaced = frame.loc[frame["lat"].isna(), "name"].tolist()
    approximate = frame.loc[frame["is_approximate"].fillna(False).astype(bool), "name"].tolist()
    return MapPage(figures, frame, unplaced, approximate, len(unplaced) < len(frame))
