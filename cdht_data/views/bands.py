"""Xếp loại điểm: how the recognised spread over the score bands 70–79 / 80–89 / 90–100."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from ..metrics import AreaFigures, area_figures
from .frames import band_group_table, band_table


@dataclass
class BandsPage:
    figures: AreaFigures
    bands: pd.DataFrame  # band_table: unit × band and the whole area; empty without bands
    by_group: pd.DataFrame  # band_group_table (records only), kept to the group asked for
    splits_by_group: bool  # the period's bands are split by group (individual records)


def bands_page(con: duckdb.DuckDBPyConnection, area: str, as_of: dt.date,
               group: int | None, structure: str | None = None) -> BandsPage | None:
    figures = area_figures(con, area, as_of, structure=structure)
    if figures is None:
        return None
    by_group = band_group_table(con, figures)
    splits = not by_group.empty
    if group is not None:
        by_group = by_group[by_group["group_no"] == group].reset_index(drop=True)
    return BandsPage(figures, band_table(figures), by_group, splits)
