"""What the "Chất lượng dữ liệu" page and the ⚠ markers on other pages read, as DataFrames.

Everything is for one area and one period: the latest dataset of each kind (scoring,
population, pilot, report text) at or before the date, as metrics.area_figures picks its
tables. Pure data code, no Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

import duckdb
import pandas as pd

from ..formulas import round_half_up
from ..sql import sql
from ..metrics import covering, period_sources
from ..units import UnitRegistry
from ..keys import SEVERITIES, SEVERITY_NAMES, TABLE_KINDS
from .findings import ROLES
from .registry import RULES

SEVERITY_WEIGHTS = {"error": 3, "warning": 2, "information": 1}
SCORE_NAME = "Điểm chất lượng dữ liệu"
SCORE_FORMULA = ("Điểm = 100 × (tổng trọng số các phép kiểm tra đạt) ÷ (tổng trọng số mọi phép "
                 "kiểm tra đã làm)")
SCORE_EXPLANATION = (
    "Mỗi phép kiểm tra là một lần một quy tắc so một con số với con số phải khớp với nó (trên một "
    "dòng, một cột hay cả bảng). Trọng số theo mức độ của quy tắc: lỗi 3, cảnh báo 2, thông tin 1. "
    "100 là không phát hiện điều gì; không có phép kiểm tra nào thì không có điểm. Điểm của một "
    "xã (đơn vị) chỉ tính các phép kiểm tra trên dòng của xã đó; dòng tổng và các phép kiểm tra "
    "cả bảng tính vào điểm của bảng và của cả địa bàn.")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}
FINDING_COLUMNS = ["finding_id", "rule", "rule_description", "formula", "why", "severity",
                   "severity_name", "dataset_id", "kind", "table_title", "source_file", "unit_key",
                   "unit", "unit_code", "expected", "actual", "expected_label", "message", "cells",
                   "metrics"]
_RULES = {r.name: r for r in RULES}


def _period_rows(con, as_of: dt.date, area_key: str,
                 registry: UnitRegistry | None = None) -> list[dict]:
    """The datasets that feed the area's figures of the period (metrics.period_sources: the
    scoring source, the population table and the report text), by dataset_id."""
    rows = covering(con, registry or UnitRegistry.load(con), area_key)
    return sorted(period_sources(rows, as_of).values(), key=lambda d: d["dataset_id"])


def _finding_rows(con, as_of: dt.date, area_key: str, registry: UnitRegistry | None = None,
                  query: str = "quality_findings",
                  period: list[dict] | None = None) -> tuple[list[str], list[tuple]]:
    """The findings of the period's datasets that concern the area: all of a dataset whose area
    is the area or lies inside it, and only the area's own units' findings of a dataset that
    covers a wider area. Column names and plain rows (a national store may hold thousands)."""
    registry = registry or UnitRegistry.load(con)
    period = _period_rows(con, as_of, area_key, registry) if period is None else period
    datasets = {d["dataset_id"]: d["area_key"] for d in period}
    cur = con.execute(sql(query), {"dataset_ids": [int(i) for i in datasets]})
    names = [d[0] for d in cur.description]
    at_dataset, at_unit = names.index("dataset_id"), names.index("unit_key")

    within = registry.within(area_key)
    return names, [r for r in cur.fetchall()
                   if datasets[r[at_dataset]] in within or r[at_unit] in within]


_RULE_COLUMNS = ["rule_description", "formula", "why"]


def findings_frame(con: duckdb.DuckDBPyConnection, as_of: dt.date, area_key: str, *,
                   registry: UnitRegistry | None = None,
                   period: list[dict] | None = None) -> pd.DataFrame:
    """One row per finding, the most severe first, with its rule's description and formula.
    (`registry` and `period`: the caller's, when it has read them already.)

    Columns: finding_id, rule, rule_description, formula, why, severity, severity_name,
    dataset_id, kind, table_title, source_file, unit_key, unit, unit_code, expected, actual,
    expected_label, message, cells, metrics.
    """
    names, rows = _finding_rows(con, as_of, area_key, registry, period=period)
    rule_at, severity_at = names.index("rule"), names.index("severity")
    finding_at = names.index("finding_id")
    rows.sort(key=lambda r: (_RANK[r[severity_at]], r[finding_at]))  # the most severe first
    rules = [_RULES[r[rule_at]] for r in rows]
    frame = pd.DataFrame([(*r, rule.description, rule.formula, rule.why)
                          for r, rule in zip(rows, rules)], columns=names + _RULE_COLUMNS)
    frame["severity_name"] = frame["severity"].map(SEVERITY_NAMES)
    return frame[FINDING_COLUMNS]


class CheckCount(NamedTuple):
    """Checks of one table and rule, passed or not, on the rows under one child of the area."""
    dataset_id: int
    rule: str
    severity: str
    passed: bool
    target: str | None  # the child of the area; the area itself only when it has none; None:
    # a totals row, a whole table, a unit outside the area
    check_count: int


def _checks(con, as_of: dt.date, area_key: str, registry: UnitRegistry,
            period: list[dict] | None = None) -> list[CheckCount]:
    """The checks of the period's datasets that concern the area (scoped as the findings are).

    Read from the roll-ups stored with the checks (quality_check_rollups_table.sql): a few rows
    per table, rule and child, where a national period holds some 50,000 check rows; so few
    that plain Python sums them faster than pandas would."""
    period = _period_rows(con, as_of, area_key, registry) if period is None else period
    rows = con.execute(sql("quality_check_rollups_of_area"), {
        "area_key": area_key, "dataset_ids": [int(d["dataset_id"]) for d in period]}).fetchall()
    # the area's own row is a target only when the area has no child on the date
    own = area_key if not registry.children(area_key, as_of) else None
    return [CheckCount(d, rule, severity, passed, own if target == area_key else target, count)
            for d, rule, severity, passed, target, count in rows]


SCORE_COLUMNS = ["check_count", "failed_count", *[f"{s}_count" for s in SEVERITIES], "score"]
_WEIGHT, _PASSED_WEIGHT = len(SCORE_COLUMNS) - 1, len(SCORE_COLUMNS)  # after the counts


def _tally(checks: list[CheckCount], key) -> dict:
    """For each value of key(check): the counts of SCORE_COLUMNS, then the two weights."""
    sums: dict = {}
    for c in checks:
        tally = sums.setdefault(key(c), [0] * (len(SCORE_COLUMNS) + 1))
        weight = SEVERITY_WEIGHTS[c.severity] * c.check_count
        tally[0] += c.check_count
        tally[_WEIGHT] += weight
        if c.passed:
            tally[_PASSED_WEIGHT] += weight
        else:
            tally[1] += c.check_count
            tally[2 + _RANK[c.severity]] += c.check_count
    return sums


def _score_of(passed_weight, weight) -> float | None:
    return round_half_up(float(100 * passed_weight / weight), 1) if weight else None


def _score(checks: list[CheckCount]) -> dict:
    """Counts and score of some checks; the score is None when no check was made."""
    tally = _tally(checks, lambda c: None).get(None, [0] * (len(SCORE_COLUMNS) + 1))
    return {**dict(zip(SCORE_COLUMNS[:-1], tally)),
            "score": _score_of(tally[_PASSED_WEIGHT], tally[_WEIGHT])}


def _scored(keys: list, checks: list[CheckCount], key) -> dict:
    """SCORE_COLUMNS for each of `keys` in order, typed; a key without a check has 0 checks and
    no score."""
    sums = _tally(checks, key)
    none = [0] * (len(SCORE_COLUMNS) + 1)
    tallies = [sums.get(k, none) for k in keys]
    out = {c: pd.array([t[i] for t in tallies], dtype="Int64")
           for i, c in enumerate(SCORE_COLUMNS[:-1])}
    out["score"] = pd.array([_score_of(t[_PASSED_WEIGHT], t[_WEIGHT]) for t in tallies],
                            dtype="Float64")
    return out


def _dataset_scores(datasets: list[dict], checks: list[CheckCount]) -> pd.DataFrame:
    return pd.DataFrame({
        "dataset_id": [d["dataset_id"] for d in datasets],
        "kind": [d["kind"] for d in datasets],
        "kind_name": [TABLE_KINDS[d["kind"]].title for d in datasets],
        "table_title": [d["title"] or d["source_file"] for d in datasets],
        "source_file": [d["source_file"] for d in datasets],
        "as_of": [d["as_of"] for d in datasets],
        **_scored([d["dataset_id"] for d in datasets], checks, lambda c: c.dataset_id)})


def _unit_scores(as_of, area_key, registry, checks: list[CheckCount]) -> pd.DataFrame:
    units = registry.children(area_key, as_of)
    keys = [u.unit_key for u in units]
    return pd.DataFrame({
        "unit_key": pd.Series(keys, dtype="str"),
        "code": pd.Series([u.code for u in units], dtype="str"),
        "name": pd.Series([u.name for u in units], dtype="str"),
        **_scored(keys, [c for c in checks if c.target is not None], lambda c: c.target)})


def _findings_by_rule(checks: list[CheckCount], found: pd.DataFrame) -> pd.DataFrame:
    check_counts: dict[str, int] = {}
    for c in checks:
        check_counts[c.rule] = check_counts.get(c.rule, 0) + c.check_count
    finding_counts: dict[str, int] = {}
    units: dict[str, set] = {}
    for rule, unit_key in zip(found["rule"], found["unit_key"]):
        finding_counts[rule] = finding_counts.get(rule, 0) + 1
        if pd.notna(unit_key):  # a totals row or whole table is no unit
            units.setdefault(rule, set()).add(unit_key)
    rows = []
    for name, count in check_counts.items():
        rule = _RULES[name]
        rows.append({"rule": name, "description": rule.description, "formula": rule.formula,
                     "why": rule.why, "severity": rule.severity,
                     "severity_name": SEVERITY_NAMES[rule.severity],
                     "check_count": count,
                     "finding_count": finding_counts.get(name, 0),
                     "unit_count": len(units.get(name, ()))})
    # rules with findings first, then by severity, then in the registry's order
    rows.sort(key=lambda r: (r["finding_count"] == 0, _RANK[r["severity"]],
                             RULES.index(_RULES[r["rule"]])))
    return pd.DataFrame(rows, columns=["rule", "description", "formula", "why", "severity",
                                       "severity_name", "check_count", "finding_count",
                                       "unit_count"])


def finding_cells(con: duckdb.DuckDBPyConnection, finding_ids) -> pd.DataFrame:
    """The cells each finding names: finding_id, position, role, role_name, dataset_id, kind,
    table_title, source_row, row_label, unit_key, column_key, column_header, column_number,
    cell, value, printed_text, context (the quoted words, for a figure from report text)."""
    frame = con.execute(sql("finding_cells_of"),
                        {"finding_ids": [int(i) for i in finding_ids]}).df()
    frame.insert(3, "role_name", frame["role"].map(ROLES))
    return frame


def _comparisons(cells: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    """Each finding as "printed value, where | the value it was compared with, what that is".

    Columns: finding_id, rule, severity, severity_name, table_title, row_label, column_header,
    column_number, cell, context, printed, printed_text, other, other_label, other_table,
    other_row_label, other_column_header, other_cell, message. `printed` is the figure checked
    (finding.actual), `other` the one it should equal (finding.expected); the location columns
    are empty for a finding about a whole table or a unit missing from it. `cells` are the
    findings' cells (finding_cells).
    """
    printed = _first_cell(cells, "printed", found["finding_id"])
    other = _first_cell(cells, "other", found["finding_id"])

    def column(values: pd.Series) -> pd.Series:  # as a row of `found`, whatever its index
        return values.set_axis(found.index)

    return pd.DataFrame({
        **{c: found[c] for c in ("finding_id", "rule", "severity", "severity_name")},
        "table_title": column(printed["table_title"]).fillna(found["table_title"]),
        "row_label": column(printed["row_label"]).fillna(found["unit"]),
        **{c: column(printed[c]) for c in ("column_header", "column_number", "cell", "context")},
        "printed": found["actual"], "printed_text": column(printed["printed_text"]),
        "other": found["expected"], "other_label": found["expected_label"],
        **{f"other_{c}" if c != "table_title" else "other_table": column(other[c])
           for c in ("table_title", "row_label", "column_header", "cell")},
        "message": found["message"]}).reset_index(drop=True)


def _first_cell(cells: pd.DataFrame, role: str, finding_ids: pd.Series) -> pd.DataFrame:
    """The first cell of `role` of each finding, one row per finding id in order (blank where a
    finding has none)."""
    first = cells[cells["role"] == role].drop_duplicates("finding_id")
    return first.set_index("finding_id").reindex(finding_ids)


@dataclass
class QualityReport:
    """The quality of an area's tables for one period (see SCORE_EXPLANATION)."""
    area: dict  # the whole area: check_count, failed_count, error/warning/information_count, score
    datasets: pd.DataFrame  # one row per table of the period: dataset_id, kind, kind_name,
    # table_title, source_file, as_of and the counts and score
    units: pd.DataFrame  # one row per child unit (registry order): unit_key, code, name and the
    # counts and score of the checks made on its own rows
    rules: pd.DataFrame  # one row per rule that made a check: rule, description, formula, why,
    # severity, severity_name, check_count, finding_count, unit_count; rules with findings first
    comparisons: pd.DataFrame  # each finding beside the figure it was compared with (_comparisons)
    cells: pd.DataFrame  # the cells of every finding of `comparisons` (finding_cells): the page
    # shows one finding's, without asking the store again


def quality_page(con: duckdb.DuckDBPyConnection, as_of: dt.date, area_key: str) -> QualityReport:
    """Everything the data-quality page shows for one area and period, from one read of the
    checks and one of the findings."""
    registry = UnitRegistry.load(con)
    period = _period_rows(con, as_of, area_key, registry)  # read once for both
    checks = _checks(con, as_of, area_key, registry, period)
    found = findings_frame(con, as_of, area_key, registry=registry, period=period)
    cells = finding_cells(con, found["finding_id"])
    return QualityReport(_score(checks), _dataset_scores(period, checks),
                         _unit_scores(as_of, area_key, registry, checks),
                         _findings_by_rule(checks, found), _comparisons(cells, found), cells)


def markers(con: duckdb.DuckDBPyConnection, as_of: dt.date, area_key: str) -> pd.DataFrame:
    """Which figures on other pages a finding touches, to put ⚠ beside them.

    One row per (unit_key, metric, finding): unit_key is a row of metrics.area_figures' `units`
    frame, or None for its `totals`; metric is a column name of that frame (registered_count,
    participation_pct, g1_registered_count, ...). scope says why: "unit" (a finding on that
    unit's row), "area" (on the totals row or the sum of the area), "table" (about a whole column,
    e.g. age bands that look estimated). A whole-column finding marks the total only: on every
    unit it would be noise, and the quality page lists it in full.
    Columns: unit_key, metric, finding_id, severity, severity_name, rule, scope, message.
    """
    registry = UnitRegistry.load(con)
    names, found = _finding_rows(con, as_of, area_key, registry, "finding_marks")
    columns = ["unit_key", "metric", "finding_id", "severity", "severity_name", "rule", "scope",
               "message"]
    if not found:
        return pd.DataFrame(columns=columns)
    found = [dict(zip(names, r)) for r in found]
    found.sort(key=lambda f: (_RANK[f["severity"]], f["finding_id"]))
    within = registry.within(area_key)  # unit -> the child of the area it lies in
    rows = []
    for f in found:
        if f["unit_key"] is None and f["whole_column"]:
            keys, scope = [None], "table"
        elif f["unit_key"] is None:
            keys, scope = [None], "area"
        else:
            keys, scope = [within.get(f["unit_key"])], "unit"
        for key in keys:
            for metric in f["metrics"] or []:
                rows.append((key, metric, f["finding_id"], f["severity"],
                             SEVERITY_NAMES[f["severity"]], f["rule"], scope, f["message"]))
    frame = pd.DataFrame(rows, columns=columns)
    frame["unit_key"] = pd.Series([r[0] for r in rows], dtype=object)
    return frame
