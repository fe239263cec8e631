"""«Kế hoạch vận động»: what the page draws for an area, period, base and low-uptake setting,
laid out as tables (the plan of plan.for_area: units by priority, one table per target, the
groups, one section per partner), and the what-if of the page's two settings.

Numbers stay numbers (ui.tables formats them); every figure is the plan's, none recomputed.
Not in views/: the plan reads views.frames, so views importing it would be a cycle (as
meeting_page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from .definitions import LowUptake
from .formatting import fmt_number, is_missing
from .plan import NO_PARTNER, GroupLine, Plan, UnitPlan, WhatIf, by_partner, for_area, what_if
from .target_distance import Distance
from .targets import POPULATION_8_60
from .units import area_label

# The distance columns of a target's table (ui.tables.LABELS names them).
DISTANCE_COLUMNS = ["base_count", "recognized_count", "recognized_of_base_pct",
                    "people_to_recognize_count", "to_assess_count", "to_register_count",
                    "needed_per_month", "seen_per_month"]


@dataclass(frozen=True)
class TargetTable:
    """One target about every group: the area's distance (the heading) and each unit's."""
    area: Distance
    title: str  # "40% năm 2025"
    units: pd.DataFrame  # priority order: priority, unit_key, name, is_low_uptake,
    #                      DISTANCE_COLUMNS, note (why a figure is unknown)


@dataclass(frozen=True)
class PartnerSection:
    """The (unit, group) lines one partner reaches."""
    partner_id: str  # plan.NO_PARTNER for groups no partner in partners.toml reaches
    partner_name: str | None
    group_names: list[str]
    lines: pd.DataFrame  # priority order: priority, unit_key, name, is_low_uptake, group_name,
    #                      recognized_count, assessed_count, share_pct, size_count, gap_<i>_count
    labels: dict[str, str]  # the headers of the gap_<i>_count columns (a group's own targets)


@dataclass
class PlanPage:
    plan: Plan
    area_words: str  # "huyện Lộc Ninh"
    status: pd.DataFrame  # one row per unit, priority order: where it stands
    targets: list[TargetTable]  # each target about every group, both horizons
    groups: pd.DataFrame  # the area's groups: partner, Đạt, assessed, share, size
    group_targets: pd.DataFrame  # the area's groups on their own size (empty without sizes)
    partners: list[PartnerSection]

    def group_line(self, group_no: int | None) -> GroupLine | None:
        """The area's line of one group (the sidebar's group), None for every group."""
        return next((g for g in self.plan.groups if g.group_no == group_no), None)


@dataclass
class PlanWhatIf:
    """What the two settings change: people gained and each target's new distance."""
    result: WhatIf
    area: list[tuple[Distance, Distance]]  # the area's (now, then) per target about every group
    units: pd.DataFrame  # priority order: priority, unit_key, name, is_low_uptake,
    #                      registered_added_count, people_gained_count, gap_<i>_count (after)
    labels: dict[str, str]  # the headers of the gap_<i>_count columns


def target_title(d: Distance) -> str:
    """A target as the page heads it: "40% năm 2025"."""
    return f"{fmt_number(d.pct)}% năm {d.year}"


def _titles(found: list[Distance]) -> list[str]:
    """Each target's title, with its document where two would read alike (a local plan's 40%
    by 2025 beside the national one), so no two headers are the same."""
    plain = [target_title(d) for d in found]
    return [f"{t} ({d.source})" if plain.count(t) > 1 else t for t, d in zip(plain, found)]


def plan_page(con: duckdb.DuckDBPyConnection, area: str, as_of: dt.date,
              structure: str | None = None, base: str = POPULATION_8_60,
              low: LowUptake | None = None) -> PlanPage | None:
    """The page's plan for the area and period (None without data), for every group: a group
    chosen in the sidebar is one line of it, measured on its own size only."""
    plan = for_area(con, area, as_of, structure, base, low)
    if plan is None:
        return None
    return PlanPage(plan, area_label(plan.area_level, plan.area_name), _status(plan.units),
                    _target_tables(plan), _groups(plan.groups), _group_targets(plan.groups),
                    _partners(plan))


def plan_what_if(page: PlanPage, median_participation: bool = False,
                 pass_rate_pct: float | None = None) -> PlanWhatIf | None:
    """plan.what_if of the page's plan as tables; None when neither setting is on."""
    if not median_participation and pass_rate_pct is None:
        return None
    result = what_if(page.plan, median_participation=median_participation,
                     pass_rate_pct=pass_rate_pct)
    moved = {u.unit_key: u for u in result.units}
    labels = {f"gap_{i}_count": f"Còn thiếu để đạt {title} (người)"
              for i, title in enumerate(_titles(page.plan.targets))}
    rows = []
    for unit in page.plan.units:
        after = moved[unit.unit_key]
        row = _unit_columns(unit) | {"registered_added_count": after.registered_added,
                                     "people_gained_count": after.people_gained}
        for i, d in enumerate(after.targets):
            row[f"gap_{i}_count"] = d.people_to_recognize
        rows.append(row)
    columns = ["priority", "unit_key", "name", "is_low_uptake", "registered_added_count",
               "people_gained_count", *labels]
    return PlanWhatIf(result, list(zip(page.plan.targets, result.targets)),
                      _frame(rows, columns), labels)


def _unit_columns(unit: UnitPlan) -> dict:
    return {"priority": unit.priority, "unit_key": unit.unit_key, "name": unit.name,
            "is_low_uptake": unit.is_low_uptake}


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """Rows as a frame with nullable numbers: a count is Int64, a rate or pace Float64, so an
    unknown figure is <NA> (shown «—») and a known one stays a number. Built column by column
    in its type (a frame of dicts converted afterwards was most of the page's call); the dict
    is in the columns' order already (naming them again made pandas select them: a third of
    the frames' time at national size)."""
    return pd.DataFrame({c: _column(c, [row.get(c) for row in rows]) for c in columns})


def _column(name: str, values: list):
    if name.endswith("_count") or name in ("priority", "group_no"):
        return _numbers(values, "Int64")
    if name.endswith(("_pct", "_per_month")):
        return _numbers(values, "Float64")
    if name == "is_low_uptake":
        return pd.array(values, dtype="bool")
    # a text column: every kind of blank as None (one pass over the list; Series.where did the
    # same at five times the cost per column)
    return pd.Series([None if is_missing(v) else v for v in values], dtype="object")


def _numbers(values: list, dtype: str):
    """A nullable column from its values and a mask of the blanks (None, NaN and <NA> all
    become <NA>), built directly: pd.array's inference cost ~15 times as much per column. A
    count that is not a whole number goes through pd.array, which refuses it as it always did."""
    mask = np.array([is_missing(v) for v in values], dtype=bool)
    if dtype == "Float64":
        return pd.arrays.FloatingArray(
            np.array([0.0 if m else v for v, m in zip(values, mask)], dtype=np.float64), mask)
    data = np.array([0 if m else v for v, m in zip(values, mask)])
    if values and data.dtype.kind not in "iu":
        return pd.array(values, dtype=dtype)
    return pd.arrays.IntegerArray(data.astype(np.int64), mask)


def _status(units: list[UnitPlan]) -> pd.DataFrame:
    rows = [_unit_columns(u) | {
        "code": u.code, "age_8_60_count": u.population_8_60,
        "registered_count": u.registered, "participation_pct": u.participation_pct,
        "assessed_count": u.assessed, "recognized_count": u.recognized,
        "recognition_pct": u.recognition_pct,
        "seen_per_month": u.targets[0].seen_per_month if u.targets else None}
        for u in units]
    return _frame(rows, ["priority", "unit_key", "code", "name", "is_low_uptake",
                         "age_8_60_count", "registered_count", "participation_pct",
                         "assessed_count", "recognized_count", "recognition_pct",
                         "seen_per_month"])


def _distance_columns(d: Distance | None) -> dict:
    if d is None:
        return dict.fromkeys(DISTANCE_COLUMNS + ["note"])
    return {"base_count": d.base_count, "recognized_count": d.recognized,
            "recognized_of_base_pct": d.recognized_pct,
            "people_to_recognize_count": d.people_to_recognize, "to_assess_count": d.to_assess,
            "to_register_count": d.to_register, "needed_per_month": d.needed_per_month,
            "seen_per_month": d.seen_per_month,
            # why the gap is unknown; a known gap needs no note (the pace's is the heading's)
            "note": "; ".join(d.notes) if d.people_to_recognize is None else None}


def _target_tables(plan: Plan) -> list[TargetTable]:
    tables = []
    for area_distance, title in zip(plan.targets, _titles(plan.targets)):
        rows = [_unit_columns(u) | _distance_columns(
            next((d for d in u.targets if d.target_id == area_distance.target_id), None))
            for u in plan.units]
        tables.append(TargetTable(area_distance, title, _frame(
            rows, ["priority", "unit_key", "name", "is_low_uptake", *DISTANCE_COLUMNS, "note"])))
    return tables


def _groups(lines: list[GroupLine]) -> pd.DataFrame:
    rows = [{"group_no": g.group_no, "group_name": g.group_name, "partner_name": g.partner_name,
             "recognized_count": g.recognized, "assessed_count": g.assessed,
             "share_pct": g.share_pct, "size_count": g.size} for g in lines]
    return _frame(rows, ["group_no", "group_name", "partner_name", "recognized_count",
                         "assessed_count", "share_pct", "size_count"])


def _group_targets(lines: list[GroupLine]) -> pd.DataFrame:
    rows = [{"group_no": g.group_no, "group_name": g.group_name, "target": target_title(d),
             "source": d.source} | _distance_columns(d) for g in lines for d in g.targets]
    return _frame(rows, ["group_no", "group_name", "target", "source", *DISTANCE_COLUMNS,
                         "note"])


def _partners(plan: Plan) -> list[PartnerSection]:
    sections = []
    for partner_id, lines in by_partner(plan).items():
        # the targets of its groups, in the order first met; two documents' targets of one
        # share and year (677/QĐ-TTg's and 387/QĐ-TTg's 60% of officials by 2025) are one
        # column, as they measure one group on one size and so give one figure
        titles = list(dict.fromkeys(target_title(d) for _, line in lines for d in line.targets))
        keys = {t: f"gap_{i}_count" for i, t in enumerate(titles)}
        rows = []
        for unit, line in lines:
            row = _unit_columns(unit) | {
                "group_name": line.group_name, "recognized_count": line.recognized,
                "assessed_count": line.assessed, "share_pct": line.share_pct,
                "size_count": line.size}
            row |= dict.fromkeys(keys.values())
            row |= {keys[target_title(d)]: d.people_to_recognize for d in line.targets}
            rows.append(row)
        names = list(dict.fromkeys(line.group_name for _, line in lines))
        sections.append(PartnerSection(
            partner_id, None if partner_id == NO_PARTNER else lines[0][1].partner_name, names,
            _frame(rows, ["priority", "unit_key", "name", "is_low_uptake", "group_name",
                          "recognized_count", "assessed_count", "share_pct", "size_count",
                          *keys.values()]),
            {key: f"Còn thiếu để đạt {t} (người)" for t, key in keys.items()}))
    return sections
