"""When each period's tables are due: set per period and area (`deadline set`), read by the
list of who has reported (reporting.py), which marks a unit late when its table is still
missing after the date."""

from __future__ import annotations

import datetime as dt

import duckdb

from .errors import InputError
from .formatting import fmt_date
from .metrics import resolve_area
from .sql import sql
from .storefile import transaction
from .units import Unit, UnitRegistry


def set_deadline(con: duckdb.DuckDBPyConnection, as_of: dt.date, due: dt.date,
                 area: str | None = None) -> Unit | None:
    """Set (or move) the due date of period `as_of` for `area` (a code, key or name; None:
    every area). Returns the area's unit, None for every area."""
    if due < as_of:
        raise InputError(f"hạn nộp {fmt_date(due)} trước ngày của kỳ {fmt_date(as_of)}: bảng "
                         "của một kỳ chỉ có sau ngày số liệu")
    unit = resolve_area(con, UnitRegistry.load(con), area, as_of) if area else None
    key = unit.unit_key if unit else None
    with transaction(con):
        con.execute("DELETE FROM deadlines WHERE as_of = ? AND area_key IS NOT DISTINCT FROM ?",
                    [as_of, key])
        con.execute("INSERT INTO deadlines VALUES (?, ?, ?, now())", [as_of, key, due])
    return unit


def deadlines_of(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> dict[str | None, dt.date]:
    """The due dates set for period `as_of`: area key (None: every area) -> due date."""
    return dict(con.execute(sql("deadlines_of_period"), {"as_of": as_of}).fetchall())


def deadline_periods(con: duckdb.DuckDBPyConnection) -> list[dt.date]:
    """Every period a deadline is set for, newest first."""
    return [r[0] for r in con.execute(sql("deadline_periods")).fetchall()]


def due_for(registry: UnitRegistry, deadlines: dict[str | None, dt.date],
            *chains: str) -> dt.date | None:
    """The deadline of the nearest area holding any of `chains` (unit keys, nearest first: a
    unit, then the area asked for when it was shown as its counterpart), else that of every
    area."""
    for key in chains:
        for ancestor in registry.ancestors(key):
            if ancestor in deadlines:
                return deadlines[ancestor]
    return deadlines.get(None)
