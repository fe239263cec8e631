"""Who has reported: for a period and an area, which units have sent each kind of table,
since when, the last earlier period each has, and who is late after the period's deadline.

A unit has reported a kind when a table of exactly that date gives it a figure: its own row,
or (a table of the other unit structure) the rows of every unit that makes it up
(crosswalk.compose), or, for an old commune merged with others, the row of the new commune it
went into. A row left blank is no report. "Since" is the import time of the table.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from .area_units import AreaUnits, area_units
from .crosswalk import compose
from .deadlines import deadline_periods, deadlines_of, due_for
from .errors import InputError
from .formatting import fmt_date
from .keys import SCORING_KINDS, STRUCTURES, TABLE_KINDS
from .metrics import default_area, periods, resolve_area
from .sql import sql
from .units import UnitRegistry

# The kinds a period is reported in; a pilot or records table reports scoring.
REPORT_KINDS = ("scoring", "population")
_REPORTS = {**{k: "scoring" for k in SCORING_KINDS}, "population": "population"}
COLUMNS = ("unit_key", "unit_code", "unit_name", "kind", "reported", "since", "previous",
           "due", "late")


def reporting_status(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None,
                     area: str | None = None, structure: str | None = None,
                     today: dt.date | None = None) -> pd.DataFrame:
    """One row per unit of `area` (default: the area of the latest period) in `structure`
    (default: the units in force on `as_of`) and kind (REPORT_KINDS): `reported`, `since`
    (import time), `previous` (the latest earlier period it has), `due` and `late` (missing
    after `due`, as of `today`). Without `as_of`: the latest period with tables or a
    deadline."""
    today = today or dt.date.today()
    as_of = as_of or latest_period(con, area)
    plan = area_units(con, as_of, area, structure)
    return _status(con, plan, today)


def latest_period(con: duckdb.DuckDBPyConnection, area: str | None = None) -> dt.date:
    """The latest date with a table covering the area, or with a deadline set."""
    area = area or default_area(con)
    dates = deadline_periods(con)
    if area is not None:
        unit = resolve_area(con, UnitRegistry.load(con), area, None)
        dates += periods(con, unit.unit_key)
    if not dates:
        raise InputError("chưa có bảng hay hạn nộp nào: hãy cho ngày của kỳ bằng --as-of")
    return max(dates)


def _status(con: duckdb.DuckDBPyConnection, plan: AreaUnits, today: dt.date) -> pd.DataFrame:
    registry = UnitRegistry.load(con)
    parts = {u.unit_key: {s: _parts(registry, u.unit_key, s) for s in STRUCTURES}
             for u in plan.units}
    wanted = sorted({k for by in parts.values() for keys in by.values() for k in keys})
    found = con.execute(sql("units_with_figures"), {
        "units": wanted, "as_of": plan.as_of, "kinds": list(_REPORTS)}).fetchall()
    tables: dict[int, dict] = {}
    for dataset_id, kind, as_of, imported_at, area_key, unit_key in found:
        table = tables.setdefault(dataset_id, {
            "kind": _REPORTS[kind], "as_of": as_of, "imported_at": imported_at,
            "structure": registry.units[area_key].structure, "units": set()})
        table["units"].add(unit_key)
    deadlines = deadlines_of(con, plan.as_of)
    rows = []
    for unit in plan.units:
        mapped = [plan.asked.unit_key] if plan.asked != plan.area else []
        due = due_for(registry, deadlines, unit.unit_key, *mapped)
        for kind in REPORT_KINDS:
            held = [t for t in tables.values() if t["kind"] == kind
                    and (keys := parts[unit.unit_key][t["structure"]])
                    and keys <= t["units"]]
            now = [t["imported_at"] for t in held if t["as_of"] == plan.as_of]
            earlier = [t["as_of"] for t in held if t["as_of"] < plan.as_of]
            reported = bool(now)
            rows.append((unit.unit_key, unit.code, unit.name, kind, reported,
                         min(now) if now else None, max(earlier) if earlier else None, due,
                         not reported and due is not None and today > due))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _parts(registry: UnitRegistry, unit_key: str, structure: str) -> set[str]:
    """The units of a table in `structure` whose figures make up `unit_key`: its parts, or for
    an old commune merged with others the new commune it went into."""
    comp = compose(registry, unit_key, structure)
    return set(comp.parts or comp.merged_into)


def status_json(frame: pd.DataFrame) -> list[dict]:
    """The status as `reporting --json` prints it."""
    def iso(value):
        return None if value is None or pd.isna(value) else value.isoformat()
    return [{"unit_code": r.unit_code, "unit_name": r.unit_name, "kind": r.kind,
             "reported": bool(r.reported), "since": iso(r.since), "late": bool(r.late),
             "previous": iso(r.previous), "due": iso(r.due)}
            for r in frame.itertuples()]


def status_lines(frame: pd.DataFrame) -> list[str]:
    """The status as `reporting` prints it without --json: one line per unit and kind."""
    lines = []
    for r in frame.itertuples():
        if r.reported:
            state = f"đã gửi ({pd.Timestamp(r.since):%d/%m/%Y %H:%M})"
        else:
            state = "CHƯA GỬI"
            if r.late:
                state += f", trễ hạn {fmt_date(r.due)}"
            elif r.due is not None:
                state += f", hạn {fmt_date(r.due)}"
            if r.previous is not None:
                state += f"; kỳ gần nhất đã có: {fmt_date(r.previous)}"
        lines.append(f"{r.unit_name} (mã {r.unit_code}) – {TABLE_KINDS[r.kind].words}: {state}")
    return lines
