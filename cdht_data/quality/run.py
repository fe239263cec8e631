"""Recompute the stored findings: after each import and at the end of a build."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import duckdb

from ..sql import sql
from ..storefile import transaction
from .findings import Finding
from .registry import RULES, Check
from .sheet import load_sheet


def evaluate_dataset(con: duckdb.DuckDBPyConnection,
                     dataset_id: int) -> tuple[list[Finding], list[Check]]:
    sheet = load_sheet(con, dataset_id)
    findings, checks = [], []
    for rule in RULES:
        found, made = rule.evaluate(con, sheet)
        findings += found
        checks += made
    return findings, checks


def _dataset_ids(con, as_of: dt.date | None) -> list[int]:
    return [r[0] for r in con.execute(
        "SELECT dataset_id FROM datasets WHERE ?::DATE IS NULL OR as_of = ? ORDER BY dataset_id",
        [as_of, as_of]).fetchall()]


def _next_periods(con, as_of: dt.date) -> list[dt.date]:
    """The following period of each kind and area: its comparison with the previous period
    changes when a table of `as_of` is added, replaced or removed."""
    return [r[0] for r in con.execute(
        "SELECT DISTINCT min(as_of) FROM datasets WHERE as_of > ? GROUP BY kind, area_key",
        [as_of]).fetchall()]


def refresh_findings(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> None:
    """Replace the stored findings and check counts (and their roll-ups by area) of one period
    (all when None), and of the periods that follow it (they are compared with it), in one
    transaction (or the caller's)."""
    with transaction(con):
        if as_of is not None:
            for later in _next_periods(con, as_of):
                _refresh(con, later)
        _refresh(con, as_of)


def _refresh(con: duckdb.DuckDBPyConnection, as_of: dt.date | None) -> None:
    """Inside refresh_findings' transaction."""
    found, checks = [], []
    for dataset_id in _dataset_ids(con, as_of):
        f, c = evaluate_dataset(con, dataset_id)
        found += f
        checks += c
    stale = ("WHERE ?::DATE IS NULL OR as_of = ? "
             "OR dataset_id NOT IN (SELECT dataset_id FROM datasets)")
    con.execute(f"DELETE FROM finding_cells WHERE finding_id IN "
                f"(SELECT finding_id FROM findings {stale})", [as_of, as_of])
    con.execute(f"DELETE FROM findings {stale}", [as_of, as_of])
    con.execute(f"DELETE FROM quality_checks {stale}", [as_of, as_of])
    con.execute(f"DELETE FROM quality_check_rollups {stale}", [as_of, as_of])
    for f in found:
        f.finding_id = con.execute("SELECT nextval('finding_id_seq')").fetchone()[0]
    if found:
        con.executemany(
            "INSERT INTO findings (finding_id, dataset_id, as_of, area_code, rule, severity, "
            "unit_key, unit, unit_code, expected, actual, expected_label, message, cells, "
            "metrics, whole_column) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                (f.finding_id, f.dataset_id, f.as_of, f.area_code, f.rule, f.severity,
                 f.unit_key, f.unit, f.unit_code, f.expected, f.actual, f.expected_label,
                 f.message, f.cells, f.metrics, f.is_whole_column) for f in found])
    cells = [(f.finding_id, i, r.role, r.dataset_id, r.source_row, r.row_label, r.unit_key,
              r.column_key, r.column_header, r.column_number, r.text, r.value,
              r.printed_text, r.context) for f in found for i, r in enumerate(f.refs)]
    if cells:
        con.executemany("INSERT INTO finding_cells VALUES "
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cells)
    as_of_of = dict(con.execute("SELECT dataset_id, as_of FROM datasets").fetchall())
    counts = Counter(checks)
    if counts:
        con.executemany("INSERT INTO quality_checks VALUES (?, ?, ?, ?, ?, ?, ?)", [
            (c.dataset_id, as_of_of[c.dataset_id], c.rule, c.unit_key, c.severity, c.passed,
             n) for c, n in counts.items()])
    con.execute(sql("quality_check_rollups_of_period"), {"as_of": as_of})


def stored_findings(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> list[Finding]:
    rows = con.execute(
        "SELECT rule, severity, unit, unit_code, expected, actual, message, dataset_id, as_of, "
        "area_code, cells, unit_key, expected_label, metrics, finding_id FROM findings "
        "WHERE ?::DATE IS NULL OR as_of = ? ORDER BY finding_id", [as_of, as_of]).fetchall()
    return [Finding(*r) for r in rows]
