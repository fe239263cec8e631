"""The frames the pages are built of, each answering one question a page asks (which units lag,
how each group does, where the recognised sit in the score bands), from AreaFigures: no
Streamlit, no formatting."""

from __future__ import annotations

import datetime as dt
import math

import duckdb
import numpy as np
import pandas as pd

from .. import formulas as f
from ..definitions import LowUptake
from ..formatting import plain
from ..keys import BANDS, SEVERITY_NAMES, band_column, group_column
from ..metrics import (AreaFigures, area_figures, figures_by_period, float_array, for_group,
                       int_array)
from ..sql import sql
from ..units import LEVEL_WORDS, UnitRegistry

def low_uptake_mask(participation: pd.Series, setting: LowUptake) -> pd.Series:
    """True where participation is below the threshold or among the ⌈n/4⌉ lowest.

    Units without a participation figure are never marked: unknown is not low.
    """
    values = participation.to_numpy(dtype="float64", na_value=np.nan)
    known = np.sort(values[~np.isnan(values)])
    with np.errstate(invalid="ignore"):
        low = values < setting.threshold_pct  # NaN compares False
        if setting.bottom_quartile and len(known) >= 4:
            low |= values <= known[math.ceil(len(known) / 4) - 1]
    return pd.Series(low, index=participation.index, dtype=bool)


def target_progress(totals: dict, target_pct: float, group: int | None = None) -> dict:
    """Recognised as a share of the 8–60 population, and the people still needed for the target.

    Both unknown for the totals of one group (`group`): a target about every group is measured
    on the whole population, and one group's Đạt is never set against it (a group's distance
    needs the group's own size: plan.py)."""
    recognized, population = totals.get("recognized_count"), totals.get("age_8_60_count")
    if group is not None:
        recognized = None
    return {
        "recognized_of_population_pct": f.pct(recognized, population),
        "target_pct": target_pct,
        "gap_count": f.gap_to_target(recognized, population, target_pct),
    }


def previous_figures(con: duckdb.DuckDBPyConnection, fig: AreaFigures) -> AreaFigures | None:
    """The same area in the latest earlier period, when there is one."""
    earlier = [d for d in fig.periods if d < fig.as_of]
    return area_figures(con, fig.area.unit_key, earlier[0], structure=fig.structure) \
        if earlier else None


def changes(current: dict, previous: dict | None) -> dict:
    """Change of each count and rate since the previous period (None where unknown)."""
    out = {}
    for key, value in current.items():
        before = previous.get(key) if previous else None
        out[key] = value - before if value is not None and before is not None else None
    return out


def league_table(fig: AreaFigures, setting: LowUptake, target_pct: float | None) -> pd.DataFrame:
    """Units ranked by participation, highest first, with the low-uptake mark and the people
    still needed for `target_pct` % of the 8–60 population (the headline target). The gap is
    unknown without a target, and for one group's figures (`fig.group`): a group's Đạt is never
    set against the whole population."""
    u = fig.units
    participation = u["participation_pct"].to_numpy(dtype="float64", na_value=np.nan)
    # highest first, units without a figure last, ties in registry order
    order = np.lexsort((np.arange(len(u)), -np.nan_to_num(participation, nan=-np.inf)))
    table = u[["unit_key", "code", "name", "registered_count", "age_8_60_count",
               "participation_pct", "assessed_count", "recognized_count", "recognition_pct"]]
    measured = target_pct is not None and fig.group is None
    table = table.assign(
        gap_count=pd.array([f.gap_to_target(plain(r), plain(p), target_pct) if measured else None
                            for r, p in zip(u["recognized_count"], u["age_8_60_count"])],
                           dtype="Int64"),
        is_low_uptake=low_uptake_mask(u["participation_pct"], setting).to_numpy())
    table = table.take(order).reset_index(drop=True)
    table.insert(0, "rank", pd.array(np.arange(1, len(table) + 1), dtype="Int64"))
    return table


def low_uptake_units(fig: AreaFigures, setting: LowUptake) -> pd.DataFrame:
    """The units marked low, lowest participation first."""
    u = fig.units
    marked = np.flatnonzero(low_uptake_mask(u["participation_pct"], setting).to_numpy())
    participation = u["participation_pct"].to_numpy(dtype="float64", na_value=np.nan)[marked]
    order = marked[np.lexsort((marked, participation))]  # ties in registry order
    return u[["unit_key", "code", "name", "participation_pct", "registered_count",
              "age_8_60_count"]].take(order).reset_index(drop=True)


def _unit_columns(fig: AreaFigures) -> tuple[list[str], list[str], dict[str, np.ndarray]]:
    """Keys, names and count columns (floats, NaN = unknown) of the rows group views show:
    the child units, or for an area without children its own totals as one row."""
    if not fig.units.empty:
        u = fig.units
        return (u["unit_key"].tolist(), u["name"].tolist(),
                _Columns(lambda c: u[c].to_numpy(dtype="float64", na_value=np.nan)
                         if c in u else None))
    t = fig.totals
    return ([fig.area.unit_key], [fig.area.name],
            _Columns(lambda c: np.array([np.nan if t.get(c) is None else t[c]], dtype="float64")
                     if c in t else None))


class _Columns(dict):
    """Columns read on first use (a national frame has some forty; a view needs a few)."""

    def __init__(self, read):
        super().__init__()
        self._read = read

    def __missing__(self, name):
        value = self[name] = self._read(name)
        return value


def _group_arrays(fig: AreaFigures, columns: dict) -> dict[int, dict[str, np.ndarray]]:
    """Per group, Đạt, Chưa đạt, Đã đánh giá and tỉ lệ Đạt of every unit row (NaN = unknown),
    from the figures' group columns (counting rules already applied by metrics.derive)."""
    out = {}
    for g in fig.groups:
        rec = columns[group_column(g, "recognized")]
        notrec = columns[group_column(g, "not_recognized")]
        assessed = f.assessed(rec, notrec)
        out[g] = {"recognized_count": rec, "not_recognized_count": notrec,
                  "assessed_count": assessed, "recognition_pct": f.recognition_pct(rec, assessed)}
    return out


def group_table(fig: AreaFigures) -> pd.DataFrame:
    """One row per unit × group: Đạt, Chưa đạt, Đã đánh giá, tỉ lệ Đạt (long form, sortable)."""
    keys, names, columns = _unit_columns(fig)
    arrays = _group_arrays(fig, columns)
    groups = list(arrays)
    n = len(keys)
    short = [fig.ruleset["groups"][g][1] for g in groups]
    # unit by unit, each unit's groups in order: row i * len(groups) + j
    measures = {c: (np.column_stack([arrays[g][c] for g in groups]).ravel() if groups
                    else np.empty(0)) for c in GROUP_MEASURES}
    return pd.DataFrame({
        "unit_key": pd.array([k for k in keys for _ in groups], dtype="str"),
        "name": pd.array([m for m in names for _ in groups], dtype="str"),
        "group_no": np.tile(np.array(groups, dtype="int64"), n),
        "group_name": pd.array(short * n, dtype="str"),
        **{c: (float_array if c.endswith("_pct") else int_array)(v) for c, v in measures.items()},
    })


GROUP_MEASURES = ("recognized_count", "not_recognized_count", "assessed_count", "recognition_pct")


def group_totals(fig: AreaFigures) -> pd.DataFrame:
    """One row per group for the whole area, with the unit where the group lags most."""
    _, names, columns = _unit_columns(fig)
    names = np.array(names, dtype=object)
    order = np.arange(len(names))
    rows = []
    for g, a in _group_arrays(fig, columns).items():
        rec = f.column_total(a["recognized_count"])
        notrec = f.column_total(a["not_recognized_count"])
        assessed = f.assessed(rec, notrec)
        rate = a["recognition_pct"]
        candidates = np.flatnonzero(~np.isnan(rate))
        lowest = None
        if candidates.size:  # lowest rate; on a tie the unit with more assessed, then the first
            ranked = np.lexsort((order[candidates], -a["assessed_count"][candidates],
                                 rate[candidates]))
            lowest = candidates[ranked[0]]
        without = np.nan_to_num(a["assessed_count"], nan=0.0) == 0
        rows.append({"group_no": g, "group_name": fig.ruleset["groups"][g][0],
                     "short_name": fig.ruleset["groups"][g][1],
                     "recognized_count": rec, "not_recognized_count": notrec,
                     "assessed_count": assessed, "recognition_pct": f.recognition_pct(rec, assessed),
                     "lowest_unit": None if lowest is None else names[lowest],
                     "lowest_pct": None if lowest is None else float(rate[lowest]),
                     "units_without_assessed": list(names[without])})
    def column(name, dtype=object):
        return pd.array([r[name] for r in rows], dtype=dtype)
    return pd.DataFrame({
        "group_no": column("group_no", "int64"), "group_name": column("group_name"),
        "short_name": column("short_name"),
        **{c: column(c, "Int64") for c in ("recognized_count", "not_recognized_count",
                                            "assessed_count")},
        "recognition_pct": column("recognition_pct", "Float64"),
        "lowest_unit": column("lowest_unit"), "lowest_pct": column("lowest_pct", "Float64"),
        "units_without_assessed": pd.Series([r["units_without_assessed"] for r in rows],
                                            dtype=object)})


def weakest_group(fig: AreaFigures) -> dict | None:
    """The group with the lowest recognition rate over the whole area (the first in rule-set
    order on a tie), as group_totals computes it; None when fewer than two groups have one.
    Keys: group_name, recognized_count, assessed_count, recognition_pct."""
    _, _, columns = _unit_columns(fig)
    rated = []
    for g, a in _group_arrays(fig, columns).items():
        rec = f.column_total(a["recognized_count"])
        assessed = f.assessed(rec, f.column_total(a["not_recognized_count"]))
        rate = f.recognition_pct(rec, assessed)
        if rate is not None:
            rated.append({"group_name": fig.ruleset["groups"][g][0], "recognized_count": rec,
                          "assessed_count": assessed, "recognition_pct": rate})
    return min(rated, key=lambda r: r["recognition_pct"]) if len(rated) > 1 else None


def lagging_groups(fig: AreaFigures) -> pd.DataFrame:
    """The citizen groups that lag behind their area, in rule-set order: the rows of
    group_totals with the area's rate beside them (`area_recognition_pct`).

    The rule, the one the report draft's recommendations and an outreach plan share: a group
    lags when its recognition rate (Đạt ÷ đã đánh giá) is below the area's rate over every
    group, or when nobody of the group has been assessed while others have (a group nobody has
    reached is where outreach starts). A group at the area's rate does not lag; without anyone
    assessed in the area, none does (unknown is not low).
    """
    whole = for_group(fig, None)
    table = group_totals(whole)
    area_pct = whole.totals.get("recognition_pct")
    if area_pct is None:
        return table.iloc[0:0].assign(area_recognition_pct=pd.array([], dtype="Float64"))
    rate = table["recognition_pct"].to_numpy(dtype="float64", na_value=np.nan)
    assessed = table["assessed_count"].to_numpy(dtype="float64", na_value=0.0)
    with np.errstate(invalid="ignore"):
        lags = (rate < area_pct) | (assessed == 0)
    out = table[lags].reset_index(drop=True)
    out["area_recognition_pct"] = pd.array([area_pct] * len(out), dtype="Float64")
    return out


def band_table(fig: AreaFigures) -> pd.DataFrame:
    """Recognised people per score band for each unit and for the area, with shares.

    Empty when the period's scoring source has no band figures.
    """
    if not fig.has_bands:
        return _typed(pd.DataFrame(columns=["unit_key", "name", "band", "person_count",
                                            "share_pct"]))
    rows = []
    units = fig.units
    by_band = {b: units[band_column(b)].tolist() for b in BANDS}
    entries = [(key, name, {b: plain(by_band[b][i]) for b in BANDS})
               for i, (key, name) in enumerate(zip(units["unit_key"], units["name"]))]
    whole = f"Toàn {LEVEL_WORDS.get(fig.area.level, 'địa bàn')} {fig.area.name}"
    entries.append((fig.area.unit_key, whole,
                    {b: fig.totals.get(band_column(b)) for b in BANDS}))
    for key, name, counts in entries:
        shares = f.band_shares(counts)
        for b in BANDS:
            rows.append({"unit_key": key, "name": name, "band": b,
                         "person_count": counts[b], "share_pct": shares[b]})
    return _typed(pd.DataFrame(rows))


def unit_places(con: duckdb.DuckDBPyConnection, unit_keys: list[str]) -> pd.DataFrame:
    """Centre and area of each unit; a unit formed from others without a centre of its own
    takes its predecessors' (centres_from_predecessors.sql) and is marked approximate."""
    places = con.execute(sql("unit_places"), {"unit_keys": unit_keys}).df()
    places["is_approximate"] = False
    registry = UnitRegistry.load(con)
    unplaced = [k for k in places.loc[places["lat"].isna(), "unit_key"]
                if registry.predecessors(k)]
    if unplaced:
        derived = con.execute(sql("centres_from_predecessors"), {"unit_keys": unplaced}).df()
        derived = derived.set_index("unit_key")
        at = places["unit_key"].isin(derived.index) & places["lat"].isna()
        keys = places.loc[at, "unit_key"]
        for column in ("lat", "lon", "area_km2"):
            places.loc[at, column] = derived.loc[keys, column].to_numpy()
        places.loc[at, "is_approximate"] = True
    return places


def map_frame(fig: AreaFigures, places: pd.DataFrame, setting: LowUptake) -> pd.DataFrame:
    """The units with their centres (from unit_places), figures and low-uptake mark; units
    without a centre keep lat/lon missing so the page can name them."""
    frame = fig.units[["unit_key", "code", "name", "registered_count", "assessed_count",
                       "recognized_count", "age_8_60_count", "participation_pct",
                       "recognition_pct"]].merge(places, on="unit_key", how="left")
    frame["is_low_uptake"] = low_uptake_mask(frame["participation_pct"], setting)
    return frame


def _history(figures: list[AreaFigures]) -> pd.DataFrame:
    counts = ("registered_count", "assessed_count", "recognized_count")
    rates = ("participation_pct", "recognition_pct")
    rows = [(fig.as_of, fig.totals, fig.ruleset.get("name")) for fig in figures]
    return pd.DataFrame({
        "as_of": pd.Series([d for d, _, _ in rows], dtype=object),
        **{c: pd.array([t.get(c) for _, t, _ in rows], dtype="Int64") for c in counts},
        **{c: pd.array([t.get(c) for _, t, _ in rows], dtype="Float64") for c in rates},
        "ruleset": pd.Series([r for _, _, r in rows], dtype=object),
    })


def unit_view(con: duckdb.DuckDBPyConnection, unit_key: str, as_of: dt.date,
              structure: str | None = None) -> tuple[AreaFigures | None, pd.DataFrame]:
    """What a drill-down shows of one unit: its figures at `as_of` (area_figures) and its
    history in its own units through both structures, from one pass over its periods (the
    figures of `as_of` are among them whenever the unit has a table of that date; otherwise
    they are looked up as area_figures does)."""
    figures = figures_by_period(con, unit_key)
    current = next((fig for fig in figures if fig.as_of == as_of), None)
    if current is None:
        current = area_figures(con, unit_key, as_of, structure=structure)
    return current, _history(figures)


def areas_with_data(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(sql("areas_with_data")).df()


def drill_units(fig: AreaFigures) -> list[tuple[str, str]]:
    """Units a drill-down can open within the chosen area: a commune itself first (its page
    shows its sub-units), then the area's child units."""
    own = [(fig.area.unit_key, fig.area.name)] if fig.area.level in ("commune", "subunit") \
        or fig.units.empty else []
    return own + list(zip(fig.units["unit_key"], fig.units["name"]))


def dataset_catalog(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(sql("dataset_catalog")).df()


def ruleset_catalog(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(sql("ruleset_catalog")).df()


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts as nullable integers and rates as nullable floats, so tables sort as numbers."""
    for c in frame:
        if c.endswith("_count"):
            frame[c] = frame[c].astype("Int64")
        elif c.endswith("_pct"):
            frame[c] = frame[c].astype("Float64")
    return frame


def band_group_table(con: duckdb.DuckDBPyConnection, fig: AreaFigures) -> pd.DataFrame:
    """Recognised people per band and group for the whole area (records only; else empty)."""
    columns = ["group_no", "group_name", "band", "person_count", "share_pct"]
    dataset = fig.sources.get("scoring")
    if dataset is None:
        return _typed(pd.DataFrame(columns=columns))
    rows = con.execute(sql("band_counts_by_group"), {
        "dataset_id": dataset["dataset_id"], "area_key": fig.area.unit_key,
        "is_leaf": fig.units.empty}).df()
    banded = rows[rows["band"].isin(BANDS)]
    sums = {(plain(g), b): plain(n) for (g, b), n in
            banded.groupby(["group_no", "band"])["person_count"].sum().items()}
    out = []
    for g in fig.groups:
        if not any((g, b) in sums for b in BANDS):
            continue
        counts = {b: sums.get((g, b), 0) for b in BANDS}
        shares = f.band_shares(counts)
        out += [{"group_no": g, "group_name": fig.ruleset["groups"][g][1], "band": b,
                 "person_count": counts[b], "share_pct": shares[b]} for b in BANDS]
    return _typed(pd.DataFrame(out, columns=columns))


def marks(markers: pd.DataFrame, metrics: list[str]) -> pd.DataFrame:
    """The findings that touch figures a page shows (`metrics`), one row per unit_key (None for
    the area's totals) × finding, placed as quality.report.markers places them."""
    if markers.empty:
        return markers.assign(metrics=pd.Series(dtype=object))
    wanted = set(metrics)
    grouped: dict[tuple, dict] = {}  # (unit_key, finding_id) in order of first appearance
    for unit, metric, finding, severity, severity_name, message in zip(
            markers["unit_key"], markers["metric"], markers["finding_id"], markers["severity"],
            markers["severity_name"], markers["message"]):
        unit = plain(unit)
        if metric not in wanted:
            continue
        row = grouped.setdefault((unit, finding), {
            "unit_key": unit, "finding_id": finding, "metrics": [], "severity": severity,
            "severity_name": severity_name, "message": message})
        row["metrics"].append(metric)
    frame = pd.DataFrame(list(grouped.values()), columns=[
        "unit_key", "finding_id", "metrics", "severity", "severity_name", "message"])
    frame["unit_key"] = pd.Series([r["unit_key"] for r in grouped.values()], dtype=object)
    return frame


def mark_labels(marked: pd.DataFrame, unit_keys: pd.Series) -> pd.Series:
    """Per unit row, the text for a «Lưu ý dữ liệu» column: "⚠ 1 lỗi, 1 thông tin" or ""."""
    counts = marked.dropna(subset=["unit_key"]).groupby("unit_key")["severity"].agg(list)

    def label(key):
        found = counts.get(key, [])
        parts = [f"{found.count(s)} {word.lower()}" for s, word in SEVERITY_NAMES.items() if s in found]
        return f"⚠ {', '.join(parts)}" if parts else ""
    return pd.Series([label(k) for k in unit_keys], index=unit_keys.index, dtype="str")
