"""Đơn vị đã báo cáo: who has sent which table for a period, unit by unit, on a table and a map,
and the period's deadline, which only a quan_tri may set from the page.

The states come from reporting.reporting_status (one row per unit and kind); a unit is
`late` when any of its tables is late, `missing` when any is missing but none late yet, and
`complete` when every kind is in. The map reuses the map page's unit centres (unit_places).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from .. import store
from ..accounts import Account
from ..area_units import area_units
from ..deadlines import deadlines_of, due_for, set_deadline
from ..errors import InputError
from ..keys import QUAN_TRI, TABLE_KINDS
from ..reporting import reporting_status
from ..units import Unit, UnitRegistry
from .frames import unit_places

# A unit's state on the tab, worst first, with its words on the legend and beside each marker
# (the map never says it by colour alone).
STATES = {"late": "Trễ hạn", "missing": "Thiếu bảng", "complete": "Đã gửi đủ"}


@dataclass
class ReportingView:
    as_of: dt.date
    area_key: str  # the area shown (the sidebar's, or its counterpart in the structure shown)
    area_name: str
    due: dt.date | None  # the deadline its units take (set for it, an area above, or all)
    status: pd.DataFrame  # reporting_status: one row per unit and kind
    units: pd.DataFrame  # one row per unit: state, missing kinds, centre (unit_places)
    late: list[str]  # names of the late units, in registry order
    unplaced: list[str]  # names of the units without a centre
    has_centres: bool  # some unit has a centre: the map can be drawn


def reporting_view(con: duckdb.DuckDBPyConnection, as_of: dt.date, area: str | None,
                   structure: str | None = None, today: dt.date | None = None) -> ReportingView:
    """What the tab draws for period `as_of` and `area` in `structure` (default: the units in
    force), with lateness judged on `today` (default: today)."""
    plan = area_units(con, as_of, area, structure)
    status = reporting_status(con, as_of, area, structure, today)
    units = unit_states(status)
    units = units.merge(unit_places(con, units["unit_key"].tolist()), on="unit_key", how="left")
    due = due_for(UnitRegistry.load(con), deadlines_of(con, as_of), plan.area.unit_key,
                  plan.asked.unit_key)
    return ReportingView(
        as_of=as_of, area_key=plan.area.unit_key, area_name=plan.area.name, due=due,
        status=status, units=units, late=units.loc[units["state"] == "late", "name"].tolist(),
        unplaced=units.loc[units["lat"].isna(), "name"].tolist(),
        has_centres=bool(units["lat"].notna().any()))


def unit_states(status: pd.DataFrame) -> pd.DataFrame:
    """One row per unit of `status` (reporting_status), in its order: `unit_key`, `code`,
    `name`, `state` (a key of STATES), `missing` (the titles of the kinds not sent, joined
    with ", "; "" when none), `since` (when its last table came in; missing when none did)."""
    rows = []
    for key, rows_of in status.groupby("unit_key", sort=False):
        missing = rows_of.loc[~rows_of["reported"].astype(bool), "kind"]
        state = ("late" if rows_of["late"].astype(bool).any()
                 else "missing" if len(missing) else "complete")
        sent = rows_of["since"].dropna()
        rows.append((key, rows_of["unit_code"].iloc[0], rows_of["unit_name"].iloc[0], state,
                     ", ".join(TABLE_KINDS[k].title for k in missing),
                     sent.max() if len(sent) else None))
    return pd.DataFrame(rows, columns=["unit_key", "code", "name", "state", "missing", "since"])


def set_period_deadline(db_path: str, account: Account, as_of: dt.date, due: dt.date,
                        area: str | None) -> Unit | None:
    """Set (or move) the deadline of period `as_of` for `area`, as `deadline set` does, in one
    write under the store's lock; only a quan_tri may (a nhap_lieu sees it read-only)."""
    if account.role != QUAN_TRI:
        raise InputError(f"tài khoản «{account.name}» không được đặt hạn nộp: chỉ tài khoản "
                         "quản trị (quan_tri) được đặt")
    with store.writing(db_path) as con:
        return set_deadline(con, as_of, due, area)
