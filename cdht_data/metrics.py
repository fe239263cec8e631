"""Figures for an area and a period: one row per child unit, and totals computed from the rows.

Which tables feed a period: the scoring source (a scoring, pilot or records table) and the
population table, each the latest at or before the date asked for; when one is older than the
other, `AreaFigures.notes` says so. Totals are sums of the unit rows, never a printed total.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb
import numpy as np
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
    periods: list[dt.date] = field(default_factory=list)  # every date with data, newest first

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


def covering(con, registry: UnitRegistry, area_key: str) -> list[dict]:
    """The datasets whose area contains the area or lies inside it, one dict per dataset row,
    with the ancestry taken from the cached registry."""
    if area_key not in registry.units:
        return []
    above = set(registry.ancestors(area_key))
    cur = con.execute(sql("dataset_rows"))
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, row)) for row in cur.fetchall()]
    return [d for d in rows if d["area_key"] in above
            or (d["area_key"] in registry.units and area_key in registry.ancestors(d["area_key"]))]


def _periods(covering: list[dict]) -> list[dt.date]:
    return sorted({d["as_of"] for d in covering}, reverse=True)


def _sources(covering: list[dict], as_of: dt.date) -> dict[str, dict]:
    by_kind: dict[str, dict] = {}
    for d in sorted(covering, key=lambda d: (d["as_of"], d["dataset_id"]), reverse=True):
        if d["as_of"] <= as_of:
            by_kind.setdefault(d["kind"], d)
    scoring = [by_kind[k] for k in SCORING_KINDS if k in by_kind]
    out = {}
    if scoring:
        out["scoring"] = max(scoring, key=lambda d: (d["as_of"], d["dataset_id"]))
    if "population" in by_kind:
        out["population"] = by_kind["population"]
    return out


def periods(con: duckdb.DuckDBPyConnection, area_key: str) -> list[dt.date]:
    """Every date for which some dataset covers the area (or part of it), newest first."""
    return _periods(covering(con, UnitRegistry.load(con), area_key))


def datasets_for(con, area_key: str, as_of: dt.date) -> dict[str, dict]:
    """The latest scoring source and population table at or before `as_of` for the area."""
    return _sources(covering(con, UnitRegistry.load(con), area_key), as_of)


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
                 as_of: dt.date | None = None, unit_rows: bool = True) -> AreaFigures | None:
    """Everything the summary and the pages show for one area and period; None without data.

    `unit_rows=False` leaves `units` empty, for a caller that reads the totals only (history).
    """
    registry = UnitRegistry.load(con)
    unit = registry.find_area(area or _default_area(con, registry), as_of)
    held = covering(con, registry, unit.unit_key)
    if as_of is None:
        dates = _periods(held)
        if not dates:
            return None
        as_of = dates[0]
    return _figures(con, registry, unit, held, as_of, unit_rows)


def figures_by_period(con: duckdb.DuckDBPyConnection, area: str,
                      unit_rows: bool = True) -> list[AreaFigures]:
    """area_figures of every period that has data for the area, oldest first (one look-up of
    the registry and the datasets for them all)."""
    registry = UnitRegistry.load(con)
    # a unit key names one unit; a code may name two (25270: the town, and the commune of 2025)
    unit = registry.units.get(area) or registry.find_area(area)
    held = covering(con, registry, unit.unit_key)
    found = (_figures(con, registry, unit, held, day, unit_rows) for day in sorted(_periods(held)))
    return [fig for fig in found if fig is not None]


def _figures(con, registry: UnitRegistry, unit: Unit, held: list[dict], as_of: dt.date,
             unit_rows: bool) -> AreaFigures | None:
    sources = _sources(held, as_of)
    if not sources:
        return None
    children = registry.children(unit.unit_key, as_of)
    is_leaf = not children
    rows = children or [unit]  # a unit without children is its own only row
    ruleset = ruleset_for(con, as_of, unit.unit_key, registry)
    groups = sorted(ruleset.get("groups", {}))
    columns = _derive(rows, _counts(con, unit.unit_key, is_leaf, sources, groups, rows))
    shown = rows if unit_rows and not is_leaf else []
    frame = _frame_of(shown, columns) if shown else _empty_frame(tuple(columns))
    totals = _totals(columns)
    notes = []
    for kind, ds in sources.items():
        if ds["as_of"] != as_of:
            notes.append(f"Bảng {KIND_NAMES[kind]} gần nhất là của ngày {fmt_date(ds['as_of'])}, "
                         f"không có bảng của ngày {fmt_date(as_of)}.")
    for kind in ("scoring", "population"):
        if kind not in sources:
            notes.append(f"Không có bảng {KIND_NAMES[kind]} cho kỳ này.")
    return AreaFigures(unit, as_of, ruleset, sources, frame, totals, groups, notes,
                       _periods(held))


AREA_COLUMNS = ("unit_registered_count", "unit_recognized_count", "party_member_count",
                "band_70-79_count", "band_80-89_count", "band_90-100_count", "band_below_count")
POPULATION_COLUMNS = ("population_count", "under_7_count", "age_8_60_count", "over_60_count",
                      "age_8_60_unable_count", "population_registered_count")


def _counts(con, area_key: str, is_leaf: bool, sources: dict[str, dict], groups: list[int],
            rows: list[Unit]) -> dict[str, np.ndarray]:
    """Every stored count of each unit of `rows` (the area's children, or the area itself),
    read from the import-time roll-ups: per column a float array in the order of `rows`, NaN
    where the count is unknown (counts are whole numbers, never NaN).

    Columns: g{n}_registered/recognized/not_recognized_count for the rule set's groups and any
    other group the data holds, unit_registered/unit_recognized/party_member_count, the band
    counts and the population table's counts.
    """
    scoring = sources.get("scoring")
    population = sources.get("population")
    scoring_id = scoring["dataset_id"] if scoring else None
    population_id = population["dataset_id"] if population else None
    params = {"area_key": area_key, "is_leaf": is_leaf, "scoring_id": scoring_id}
    position = pd.Index([u.unit_key for u in rows], dtype="object")
    out: dict[str, np.ndarray] = {}

    def place(name: str, at: np.ndarray, values: np.ndarray) -> None:
        column = out.setdefault(name, np.full(len(rows), np.nan))
        ok = at >= 0
        column[at[ok]] = values[ok]

    by_group = _float_columns(con.execute(sql("group_rollups_of_children"), params).fetchnumpy())
    group_no = np.nan_to_num(by_group["group_no"], nan=-1).astype("int64")
    # groups the data holds that the rule set lacks get their columns too
    groups = groups + sorted(set(group_no.tolist()) - set(groups) - {-1})
    at_unit = position.get_indexer(by_group["area_key"])
    for g in groups:
        at = np.where(group_no == g, at_unit, -1)
        for what in ("registered", "recognized", "not_recognized"):
            place(f"g{int(g)}_{what}_count", at, by_group[f"{what}_count"])
    by_area = _float_columns(con.execute(sql("area_rollups_of_children"),
                                         {**params, "population_id": population_id}).fetchnumpy())
    dataset = np.nan_to_num(by_area["dataset_id"], nan=-1)
    at_unit = position.get_indexer(by_area["area_key"])
    for ids, names in ((scoring_id, AREA_COLUMNS), (population_id, POPULATION_COLUMNS)):
        at = np.where(dataset == (ids if ids is not None else -2), at_unit, -1)
        for name in names:
            place(name, at, by_area[name])
    return out


def _float_columns(fetched: dict) -> dict[str, np.ndarray]:
    """fetchnumpy's columns as plain arrays: numbers as floats with NaN for NULL, text as
    objects (the masked arrays DuckDB returns are slow to index one by one)."""
    out = {}
    for name, values in fetched.items():
        if values.dtype.kind in "iufb":
            column = np.ma.getdata(values).astype("float64")
            column[np.ma.getmaskarray(values)] = np.nan
            out[name] = column
        else:
            out[name] = np.asarray(np.ma.getdata(values), dtype=object)
    return out


def _nan_sum(columns: list[np.ndarray], size: int) -> np.ndarray:
    """Sum of the known values per row; NaN where every one is unknown (a blank is not a 0)."""
    if not columns:
        return np.full(size, np.nan)
    stacked = np.vstack(columns)
    return np.where(np.isnan(stacked).all(axis=0), np.nan, np.nansum(stacked, axis=0))


def _nan_pct(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """formulas.pct for whole columns: NaN where either is unknown or the denominator is 0."""
    ok = ~np.isnan(numerator) & ~np.isnan(denominator) & (denominator != 0)
    out = np.full(len(numerator), np.nan)
    out[ok] = numerator[ok] / denominator[ok] * 100
    return out


def int_array(values: np.ndarray) -> pd.arrays.IntegerArray:
    """Whole numbers with NaN as missing -> a nullable Int64 column, without a per-cell cast."""
    missing = np.isnan(values)
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype("int64"), missing)


def float_array(values: np.ndarray) -> pd.arrays.FloatingArray:
    """Floats with NaN as missing -> a nullable Float64 column."""
    missing = np.isnan(values)
    return pd.arrays.FloatingArray(np.where(missing, 0.0, values), missing)


def _derive(rows: list[Unit], counts: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Each unit's stored counts (NaN where it has none) and the derived Đạt, Chưa đạt,
    Đã đánh giá, Đăng ký and rates, computed on whole arrays at once."""
    size = len(rows)
    c = dict(counts)
    rec = [c[k] for k in c if k.startswith("g") and k.endswith("_recognized_count")
           and "_not_" not in k]
    notrec = [c[k] for k in c if k.endswith("_not_recognized_count")]
    # A blank cell in a reported row adds as 0, as the reports' own totals add it; a unit with
    # no cell at all stays unknown.
    reported = ~np.isnan(np.vstack(rec + notrec)).all(axis=0) if rec + notrec \
        else np.zeros(size, dtype=bool)
    recognized, not_recognized = _nan_sum(rec, size), _nan_sum(notrec, size)
    recognized = np.where(reported & np.isnan(recognized), 0, recognized)
    not_recognized = np.where(reported & np.isnan(not_recognized), 0, not_recognized)
    # The pilot prints registered and recognised per unit: those are the unit's own figures.
    unit_recognized = c["unit_recognized_count"]
    recognized = np.where(np.isnan(unit_recognized), recognized, unit_recognized)
    c["recognized_count"] = recognized
    c["not_recognized_count"] = not_recognized
    c["assessed_count"] = _nan_sum([recognized, not_recognized], size)
    registered = c["population_registered_count"]
    c["registered_count"] = np.where(np.isnan(registered), c["unit_registered_count"], registered)
    c["participation_pct"] = _nan_pct(c["registered_count"], c["age_8_60_count"])
    c["recognition_pct"] = _nan_pct(c["recognized_count"], c["assessed_count"])
    c["recognition_of_registered_pct"] = _nan_pct(c["recognized_count"], c["registered_count"])
    return c


def _frame_of(rows: list[Unit], columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """The page rows: counts as nullable integers, rates as nullable floats."""
    return pd.DataFrame({
        "unit_key": pd.Series([u.unit_key for u in rows], dtype="str"),
        "code": pd.Series([u.code for u in rows], dtype="str"),
        "name": pd.Series([u.name for u in rows], dtype="str"),
        "level": pd.Series([u.level for u in rows], dtype="str"),
        **{name: (float_array if name.endswith("_pct") else int_array)(values)
           for name, values in columns.items()},
    })


_EMPTY_FRAMES: dict[tuple[str, ...], pd.DataFrame] = {}


def _empty_frame(names: tuple[str, ...]) -> pd.DataFrame:
    """The typed frame without rows a commune's figures carry, copied from one built per set of
    columns (building forty empty typed columns cost more than the rest of a commune's view)."""
    template = _EMPTY_FRAMES.get(names)
    if template is None:
        template = _EMPTY_FRAMES[names] = _frame_of([], {n: np.empty(0) for n in names})
    return template.copy()


def _totals(columns: dict[str, np.ndarray]) -> dict:
    """Sums of the unit rows (None where no unit has the count) and the rates of the sums."""
    totals = {}
    for name, values in columns.items():
        if name.endswith("_count"):
            known = values[~np.isnan(values)]
            totals[name] = int(known.sum()) if known.size else None
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

