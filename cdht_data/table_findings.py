"""The quality findings a table of the report should carry with it: those that name a figure
the table shows. One choice for every output that prints the tables: the XLSX's «Lưu ý chất
lượng» sheet (official_tables.py) and the report draft's «Lưu ý về số liệu» (report_draft.py).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from .metrics import AreaFigures
from .printed_tables import Table
from .quality.report import findings_frame
from .units import area_label


def shown_figures(table: Table) -> set[str]:
    """The figures (metrics columns) a table prints; a "Tổng" of people assessed stands on its
    Đạt and Chưa đạt, so a finding about either touches it."""
    shown = {c.figure for c in table.columns if c.figure}
    if "assessed_count" in shown:
        shown |= {"recognized_count", "not_recognized_count"}
    return shown


def touching(found: pd.DataFrame, tables: list[Table]) -> pd.DataFrame:
    """The findings that name a figure one of `tables` shows (findings.metrics: the figures a
    finding casts doubt on), most severe first as findings_frame sorts them."""
    shown = set().union(*(shown_figures(t) for t in tables)) if tables else set()
    keep = pd.Series([bool(shown.intersection(m or ())) for m in found["metrics"]],
                     index=found.index, dtype=bool)
    return found[keep].reset_index(drop=True)  # a boolean Series: no findings keep the columns


def table_findings(con: duckdb.DuckDBPyConnection, fig: AreaFigures,
                   tables: list[Table]) -> pd.DataFrame:
    """The findings of the figures' period and area (quality.report.findings_frame) that touch
    `tables`; a finding about the whole area has its `unit` filled with the area's name."""
    found = touching(findings_frame(con, fig.as_of, fig.area.unit_key), tables)
    area = area_label(fig.area.level, fig.area.name, capital=True)
    found["unit"] = [area if pd.isna(u) else str(u) for u in found["unit"]]
    return found
