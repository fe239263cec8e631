"""Figures for an area and a period: one row per child unit, and totals computed from the rows.

Which tables feed a period: the scoring source (a scoring, pilot or records table) and the
population table, each the latest at or before the date asked for; when one is older than the
other, `AreaFigures.notes` says so. Totals are sums of the unit rows, never a printed total.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from . import formulas as f
from .formatting import fmt_date
from .reference import ruleset_for
from .store import sql
from .units import Unit, UnitRegistry

SCORING_KINDS = ("scoring", "pilot", "records")
COUNT_COLUMNS = ("registered_count", "assessed_count", "recognized_count", "not_recognized_count",
                 "population_count", "age_8_60_count", "party_member_count")
KIND_NAMES = {"scoring": "chấm điểm", "population": "dân số và đăng ký"}
DEFAULT_AREA = "692"  # huyện Lộc Ninh


@dataclass
class AreaFigures:
    area: Unit
    as_of: dt.date
    ruleset: dict
    sources: dict[str, dict]  # kind -> dataset row ("scoring" covers pilot/records too)
    units: pd.DataFrame  # one row per child unit, in registry order
    totals: dict
    groups: list[int]
    notes: list[str] = field(default_factory=list)

    @property
    def has_bands(self) -> bool:
        return bool(self.units[[f"band_{b}_count" for b in f.BANDS]].notna().any().any())

    @property
    def is_synthetic(self) -> bool:
        """True when any table behind these figures is synthetic (pages show a badge)."""
        return any(bool(ds.get("is_synthetic")) for ds in self.sources.values())

    @property
    def has_party_members(self) -> bool:
        return bool(self.units["party_member_count"].notna().any())


def periods(con: duckdb.DuckDBPyConnection, area_key: str) -> list[dt.date]:
    return [r[0] for r in con.execute(sql("periods_for_area"), {"area_key": area_key}).fetchall()]


def datasets_for(con, area_key: str, as_of: dt.date) -> dict[str, dict]:
    cur = con.execute(sql("datasets_for_area"), {"area_key": area_key, "as_of": as_of})
    names = [d[0] for d in cur.description]
    by_kind = {row[0]: dict(zip(names, row)) for row in cur.fetchall()}
    scoring = [by_kind[k] for k in SCORING_KINDS if k in by_kind]
    out = {}
    if scoring:
        out["scoring"] = max(scoring, key=lambda d: (d["as_of"], d["dataset_id"]))
    if "population" in by_kind:
        out["population"] = by_kind["population"]
    return out


def _default_area(con, registry: UnitRegistry) -> str:
    """Lộc Ninh when the registry has it (the bundled data), else the top of the registry above
    the latest dataset (the whole country for synthetic national data)."""
    if DEFAULT_AREA in registry.units:
        return DEFAULT_AREA
    row = con.execute("SELECT area_key FROM datasets ORDER BY as_of DESC, dataset_id DESC "
                      "LIMIT 1").fetchone()
    return registry.ancestors(row[0])[-1] if row else DEFAULT_AREA


def _frame(con, name: str, params: dict) -> pd.DataFrame:
    return con.execute(sql(name), params).df()


def area_figures(con: duckdb.DuckDBPyConnection, area: str | None = None,
                 as_of: dt.date | None = None) -> AreaFigures | None:
    """Everything the summary and the pages show for one area and period; None without data."""
    registry = UnitRegistry.load(con)
    unit = registry.find_area(area or _default_area(con, registry), as_of)
    if as_of is None:
        dates = periods(con, unit.unit_key)
        if not dates:
            return None
        as_of = dates[0]
    sources = datasets_for(con, unit.unit_key, as_of)
    if not sources:
        return None
    children = registry.children(unit.unit_key, as_of)
    is_leaf = not children
    rows = children or [unit]  # a unit without children is its own only row
    ruleset = ruleset_for(con, as_of, unit.unit_key)
    frame = pd.DataFrame({
        "unit_key": pd.Series([c.unit_key for c in rows], dtype="str"),
        "code": pd.Series([c.code for c in rows], dtype="str"),
        "name": pd.Series([c.name for c in rows], dtype="str"),
        "level": pd.Series([c.level for c in rows], dtype="str")})
    groups = sorted(ruleset.get("groups", {}))
    frame = frame.merge(_counts(con, unit.unit_key, is_leaf, sources, groups), on="unit_key",
                        how="left")
    frame = _derive(frame)
    totals = _totals(frame, groups)
    if is_leaf:
        frame = frame.iloc[0:0]
    notes = []
    for kind, ds in sources.items():
        if ds["as_of"] != as_of:
            notes.append(f"Bảng {KIND_NAMES[kind]} gần nhất là của ngày {fmt_date(ds['as_of'])}, "
                         f"không có bảng của ngày {fmt_date(as_of)}.")
    for kind in ("scoring", "population"):
        if kind not in sources:
            notes.append(f"Không có bảng {KIND_NAMES[kind]} cho kỳ này.")
    return AreaFigures(unit, as_of, ruleset, sources, frame, totals, groups, notes)


def _counts(con, area_key: str, is_leaf: bool, sources: dict[str, dict],
            groups: list[int]) -> pd.DataFrame:
    """Every stored count per child unit (counts_by_unit.sql), as nullable floats.

    Columns: g{n}_registered/recognized/not_recognized_count for the rule set's groups and any
    other group the data holds, unit_registered/unit_recognized/party_member_count, the band
    counts and the population table's counts.
    """
    scoring = sources.get("scoring")
    population = sources.get("population")
    scoring_id = scoring["dataset_id"] if scoring else None
    if scoring_id is not None:
        stored = [r[0] for r in con.execute(
            "SELECT DISTINCT group_no FROM group_counts WHERE dataset_id = ?",
            [scoring_id]).fetchall()]
        groups = groups + sorted(set(stored) - set(groups))  # groups the rule set lacks
    group_columns = "".join(
        f",\n           sum({what}_count) FILTER (WHERE group_no = {int(g)}) AS g{int(g)}_{what}_count"
        for g in groups for what in ("registered", "recognized", "not_recognized"))
    query = sql("counts_by_unit").replace("{group_columns}", group_columns)
    counts = con.execute(query, {"area_key": area_key, "is_leaf": is_leaf,
                                 "scoring_id": scoring_id,
                                 "population_id": population["dataset_id"] if population
                                 else None}).df()
    counts["unit_key"] = counts["unit_key"].astype("str")
    numbers = [c for c in counts if c != "unit_key"]
    counts[numbers] = counts[numbers].astype("Float64")
    return counts


def _col_sum(frame: pd.DataFrame, cols: list[str]) -> pd.Series:
    present = [c for c in cols if c in frame]
    return frame[present].astype("Float64").sum(axis=1, min_count=1).astype("Int64")


def _derive(frame: pd.DataFrame) -> pd.DataFrame:
    rec = [c for c in frame if c.startswith("g") and c.endswith("_recognized_count")
           and "_not_" not in c]
    notrec = [c for c in frame if c.endswith("_not_recognized_count")]
    # A blank cell in a reported row adds as 0, as the reports' own totals add it; a unit with
    # no cell at all stays unknown.
    reported = frame[rec + notrec].notna().any(axis=1)
    recognized, not_recognized = _col_sum(frame, rec), _col_sum(frame, notrec)
    frame["recognized_count"] = recognized.mask(reported & recognized.isna(), 0)
    frame["not_recognized_count"] = not_recognized.mask(reported & not_recognized.isna(), 0)
    # The pilot prints registered and recognised per unit: those are the unit's own figures.
    frame["recognized_count"] = frame["unit_recognized_count"].astype("Int64").fillna(
        frame["recognized_count"])
    frame["assessed_count"] = _col_sum(frame, ["recognized_count", "not_recognized_count"])
    frame["registered_count"] = frame["population_registered_count"].astype("Int64").fillna(
        frame["unit_registered_count"].astype("Int64"))
    counts = [c for c in frame if c.endswith("_count")]
    frame[counts] = frame[counts].astype("Int64")
    return _rates(frame)


def _pct(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """formulas.pct for whole columns: NA where either is unknown or the denominator is 0."""
    den = denominator.astype("Float64")
    return numerator.astype("Float64") / den.mask(den == 0) * 100


def _rates(frame: pd.DataFrame) -> pd.DataFrame:
    frame["participation_pct"] = _pct(frame["registered_count"], frame["age_8_60_count"])
    frame["recognition_pct"] = _pct(frame["recognized_count"], frame["assessed_count"])
    frame["recognition_of_registered_pct"] = _pct(frame["recognized_count"],
                                                  frame["registered_count"])
    return frame


def _totals(frame: pd.DataFrame, groups: list[int]) -> dict:
    totals = {}
    for c in frame:
        if c.endswith("_count"):
            total = frame[c].sum(min_count=1)
            totals[c] = None if pd.isna(total) else int(total)
    totals["participation_pct"] = f.participation_pct(totals["registered_count"],
                                                      totals["age_8_60_count"])
    totals["recognition_pct"] = f.recognition_pct(totals["recognized_count"],
                                                  totals["assessed_count"])
    totals["recognition_of_registered_pct"] = f.recognition_of_registered_pct(
        totals["recognized_count"], totals["registered_count"])
    return totals


def bands_from_records(con: duckdb.DuckDBPyConnection, dataset_id: int) -> pd.DataFrame:
    """Score bands per unit and group computed from individual assessment records."""
    return _frame(con, "bands_from_records", {"dataset_id": dataset_id})


def commune_map(con: duckdb.DuckDBPyConnection, area: str | None = None,
                as_of: dt.date | None = None) -> pd.DataFrame | None:
    """Every commune of an area with centre, counts and rates (the map at national scale)."""
    registry = UnitRegistry.load(con)
    unit = registry.find_area(area or _default_area(con, registry), as_of)
    if as_of is None:
        dates = periods(con, unit.unit_key)
        if not dates:
            return None
        as_of = dates[0]
    sources = datasets_for(con, unit.unit_key, as_of)
    ids = {kind: (ds["dataset_id"] if ds else None)
           for kind, ds in (("scoring", sources.get("scoring")),
                            ("population", sources.get("population")))}
    frame = _frame(con, "commune_map", {"area_key": unit.unit_key, "as_of": as_of,
                                        "scoring_id": ids["scoring"],
                                        "population_id": ids["population"]})
    counts = [c for c in frame if c.endswith("_count")]
    frame[counts] = frame[counts].astype("Int64")
    frame["assessed_count"] = _col_sum(frame, ["recognized_count", "not_recognized_count"])
    frame["participation_pct"] = _pct(frame["registered_count"], frame["age_8_60_count"])
    frame["recognition_pct"] = _pct(frame["recognized_count"], frame["assessed_count"])
    return frame


def score_distribution(con: duckdb.DuckDBPyConnection, dataset_id: int,
                       unit_key: str) -> pd.DataFrame:
    """People per whole point of total score in one unit, from its individual records."""
    return _frame(con, "score_distribution", {"dataset_id": dataset_id, "unit_key": unit_key})
