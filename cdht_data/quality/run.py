"""Recompute the stored findings: after each import and at the end of a build."""

from __future__ import annotations

import datetime as dt

import duckdb

from .findings import Finding
from .registry import RULES
from .sheet import load_sheet


def check_dataset(con: duckdb.DuckDBPyConnection, dataset_id: int) -> list[Finding]:
    sheet = load_sheet(con, dataset_id)
    return [f for rule in RULES for f in rule.run(con, sheet)]


def check_period(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> list[Finding]:
    """Findings of every dataset, or of the datasets of one period."""
    ids = [r[0] for r in con.execute(
        "SELECT dataset_id FROM datasets WHERE ?::DATE IS NULL OR as_of = ? ORDER BY dataset_id",
        [as_of, as_of]).fetchall()]
    return [f for dataset_id in ids for f in check_dataset(con, dataset_id)]


def refresh_findings(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> None:
    """Replace the stored findings of one period (all periods when None); the rest stay."""
    found = check_period(con, as_of)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM findings WHERE ?::DATE IS NULL OR as_of = ? "
                    "OR dataset_id NOT IN (SELECT dataset_id FROM datasets)", [as_of, as_of])
        if found:
            con.executemany("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                (f.dataset_id, f.as_of, f.area_code, f.rule, f.severity, f.unit, f.unit_code,
                 f.expected, f.actual, f.message, f.cells) for f in found])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def stored_findings(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> list[Finding]:
    rows = con.execute(
        "SELECT rule, severity, unit, unit_code, expected, actual, message, dataset_id, as_of, "
        "area_code, cells FROM findings WHERE ?::DATE IS NULL OR as_of = ? "
        "ORDER BY dataset_id, rowid", [as_of, as_of]).fetchall()
    return [Finding(*r) for r in rows]
