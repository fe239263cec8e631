"""Reference data into the store: the unit registry, the 2025 merges and the rule sets."""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .bulk import insert_rows
from .names import name_key, nfc
from .units import UnitRegistry, reference_fingerprint, store_reference_fingerprint


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
    rebuild_ancestry(con)


def rebuild_ancestry(con: duckdb.DuckDBPyConnection) -> None:
    """unit_ancestry again from the units' parents: every unit with each ancestor and itself.
    Whoever writes units calls it (in their transaction); parents must form no cycle."""
    parents = dict(con.execute("SELECT unit_key, parent_key FROM units").fetchall())
    ancestry = []
    for key in parents:
        depth, cur = 0, key
        while cur is not None:
            ancestry.append((key, cur, depth))
            cur, depth = parents[cur], depth + 1
    con.execute("DELETE FROM unit_ancestry")
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
    store_reference_fingerprint(con)


@dataclass(frozen=True)
class _RuleSets:
    """Every rule set, its groups and its pass-mark overrides: a few rows, read once per
    reference fingerprint rather than three queries on every page view."""
    rows: list[dict]  # newest valid_from first
    groups: dict[str, dict[int, tuple[str, str]]]
    overrides: dict[str, dict[str, tuple[int, str | None]]]  # ruleset -> area_key -> override


_RULESETS: dict[str, _RuleSets] = {}


def _rulesets(con: duckdb.DuckDBPyConnection, fingerprint: str) -> _RuleSets:
    cached = _RULESETS.get(fingerprint)
    if cached is None:
        cur = con.execute("SELECT ruleset_id, name, decision, pass_mark, indicator_floor, "
                          "valid_from, valid_to FROM rulesets ORDER BY valid_from DESC")
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        groups: dict[str, dict[int, tuple[str, str]]] = {}
        for rid, no, name, short in con.execute(
                "SELECT ruleset_id, group_no, group_name, short_name FROM ruleset_groups "
                "ORDER BY ruleset_id, group_no").fetchall():
            groups.setdefault(rid, {})[no] = (name, short)
        overrides: dict[str, dict[str, tuple[int, str | None]]] = {}
        for rid, area, mark, note in con.execute(
                "SELECT ruleset_id, area_key, pass_mark, note FROM ruleset_overrides").fetchall():
            overrides.setdefault(rid, {})[area] = (mark, note)
        cached = _RULESETS[fingerprint] = _RuleSets(rows, groups, overrides)
    return cached


def ruleset_for(con: duckdb.DuckDBPyConnection, day: dt.date, area_key: str | None = None,
                registry: UnitRegistry | None = None) -> dict:
    """The rule set in force on `day`, with the pass mark an area (or its nearest ancestor)
    overrides. `registry`, when the caller has just loaded it, saves a look-up."""
    fingerprint = registry.fingerprint if registry and registry.fingerprint \
        else reference_fingerprint(con)
    sets = _rulesets(con, fingerprint)
    row = next((r for r in sets.rows if r["valid_from"] <= day
                and (r["valid_to"] is None or day <= r["valid_to"])), None)
    if row is None:
        return {}
    ruleset = {k: row[k] for k in ("ruleset_id", "name", "decision", "pass_mark",
                                   "indicator_floor")}
    ruleset["groups"] = dict(sets.groups.get(row["ruleset_id"], {}))
    ruleset["pass_mark_source"] = ruleset["name"]
    overrides = sets.overrides.get(row["ruleset_id"], {})
    if area_key is not None and overrides:
        registry = registry or UnitRegistry.load(con)
        chain = registry.ancestors(area_key) if area_key in registry.units else []
        found = next((overrides[k] for k in chain if k in overrides), None)
        if found:
            ruleset["pass_mark"] = found[0]
            ruleset["pass_mark_source"] = found[1] or "điều chỉnh theo địa bàn"
    return ruleset
