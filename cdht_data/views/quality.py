"""Chất lượng dữ liệu: the quality report of an area and period, its findings of the chosen
severities, and the cells of one finding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from ..keys import SEVERITIES
from ..quality.report import QualityReport, quality_page


@dataclass
class QualityPage:
    report: QualityReport  # scores of the area, its tables and units; findings by rule
    findings: pd.DataFrame  # the findings of the severities asked for (see _findings)
    finding_id: int | None  # the finding whose cells are shown: the one asked for, else the first
    cells: pd.DataFrame  # its cells (see _cells)


def quality_view(con: duckdb.DuckDBPyConnection, area: str, as_of: dt.date,
                 severities: tuple[str, ...] = SEVERITIES,
                 finding_id: int | None = None) -> QualityPage:
    report = quality_page(con, as_of, area)
    found = report.comparisons
    found = found[found["severity"].isin(severities)].reset_index(drop=True)
    ids = [int(i) for i in found["finding_id"]]
    finding_id = finding_id if finding_id in ids else (ids[0] if ids else None)
    cells = report.cells[report.cells["finding_id"] == finding_id]
    return QualityPage(report, _findings(found), finding_id, _cells(cells))


def _column(header, number) -> str | None:
    """A column as a report names it: "Số người đăng ký (cột 6)"."""
    if pd.notna(number):
        return f"{header} (cột {number})"
    return None if pd.isna(header) else header


def _findings(found: pd.DataFrame) -> pd.DataFrame:
    """Each finding beside the figure it was compared with: finding_id, severity_name,
    row_label (None: the whole table), column, cell, printed, other, other_label, message,
    table_title."""
    return pd.DataFrame({
        "finding_id": found["finding_id"].astype("int64"),
        "severity_name": found["severity_name"], "row_label": found["row_label"],
        "column": [_column(h, n) for h, n in zip(found["column_header"],
                                                 found["column_number"])],
        "cell": found["cell"], "printed": found["printed"], "other": found["other"],
        "other_label": found["other_label"], "message": found["message"],
        "table_title": found["table_title"]})


def _cells(cells: pd.DataFrame) -> pd.DataFrame:
    """The cells of one finding: role_name, row_label (None: the whole column), column_header,
    cell, value, printed_text, context, table_title."""
    return cells[["role_name", "row_label", "column_header", "cell", "value", "printed_text",
                  "context", "table_title"]].reset_index(drop=True)
