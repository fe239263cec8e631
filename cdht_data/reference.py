"""Reference data into the store: the unit registry, the 2025 merges and the rule sets."""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from pathlib import Path

import duckdb

from .bulk import insert_rows
from .names import name_key, nfc


def _opt(value: str):
    return value if value not in ("", None) else None


def _opt_float(value: str):
    return float(value) if value not in ("", None) else None


def load_units(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    units, aliases = [], []
    for order, r in enumerate(rows):
        name = nfc(r["name"])
        units.append((
            r["unit_key"], r["code"], r["is_official_code"] == "true", name, name_key(name),
            r["level"], _opt(r["parent_key"]), r["structure"], _opt(r["valid_from"]),
            _opt(r["valid_to"]), _opt_float(r["lat"]), _opt_float(r["lon"]),
            _opt_float(r["area_km2"]), _opt(r["note"]), order,
        ))
        for alias in filter(None, (a.strip() for a in (r["aliases"] or "").split("|"))):
            aliases.append((r["unit_key"], nfc(alias), name_key(alias)))
    insert_rows(con, "units", units)
    insert_rows(con, "unit_aliases", aliases)
    parents = {u[0]: u[6] for u in units}
    ancestry = []
    for key in parents:
        depth, cur = 0, key
        while cur is not None:
            ancestry.append((key, cur, depth))
            cur, depth = parents[cur], depth + 1
    insert_rows(con, "unit_ancestry", ancestry)


def load_merges(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = [(r["old_key"], r["new_key"], r["effective_date"], r["is_partial"] == "true",
                 _opt(r["note"])) for r in csv.DictReader(f)]
    insert_rows(con, "unit_merges", rows)


def load_rulesets(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    for rs in spec.get("ruleset", []):
        con.execute("INSERT INTO rulesets VALUES (?, ?, ?, ?, ?, ?, ?)", [
            rs["id"], rs["name"], rs.get("decision"), rs["valid_from"], rs.get("valid_to"),
            rs["pass_mark"], rs.get("indicator_floor")])
        con.executemany("INSERT INTO ruleset_groups VALUES (?, ?, ?, ?)",
                        [(rs["id"], g["no"], g["name"], g["short"]) for g in rs["groups"]])
    for ov in spec.get("override", []):
        con.execute("INSERT INTO ruleset_overrides VALUES (?, ?, ?, ?)",
                    [ov["ruleset"], ov["area"], ov["pass_mark"], ov.get("note")])


def load_reference(con: duckdb.DuckDBPyConnection, reference_dir: Path) -> None:
    load_units(con, reference_dir / "units.csv")
    load_merges(con, reference_dir / "unit_merges.csv")
    load_rulesets(con, reference_dir / "rulesets.toml")


def ruleset_for(con: duckdb.DuckDBPyConnection, day: dt.date, area_key: str | None = None) -> dict:
    """The rule set in force on `day`, with the pass mark an area (or its ancestor) overrides."""
    row = con.execute(
        "SELECT ruleset_id, name, decision, pass_mark, indicator_floor FROM rulesets "
        "WHERE valid_from <= ? AND (valid_to IS NULL OR ? <= valid_to) "
        "ORDER BY valid_from DESC LIMIT 1", [day, day]).fetchone()
    if row is None:
        return {}
    ruleset = dict(zip(("ruleset_id", "name", "decision", "pass_mark", "indicator_floor"), row))
    ruleset["groups"] = {no: (name, short) for no, name, short in con.execute(
        "SELECT group_no, group_name, short_name FROM ruleset_groups WHERE ruleset_id = ? "
        "ORDER BY group_no", [ruleset["ruleset_id"]]).fetchall()}
    ruleset["pass_mark_source"] = ruleset["name"]
    if area_key is not None:
        override = con.execute(
            "SELECT o.pass_mark, o.note FROM ruleset_overrides o "
            "JOIN unit_ancestry a ON a.ancestor_key = o.area_key "
            "WHERE o.ruleset_id = ? AND a.unit_key = ? ORDER BY a.depth LIMIT 1",
            [ruleset["ruleset_id"], area_key]).fetchone()
        if override:
            ruleset["pass_mark"] = override[0]
            ruleset["pass_mark_source"] = override[1] or "điều chỉnh theo địa bàn"
    return ruleset
