"""How many people each citizen group has per unit: the base of a group's own target (targets
with base "nhom"), which no report prints, so the planner works without it.

The numbers come from imported tables of kind "group-sizes" (layouts/group_sizes.toml), one
row per unit and one column per group of the period's rule set. `load` gives the planner the
sizes of the units of an area for a period, in the unit structure shown, as the figures of the
other tables are shown (crosswalk.compose): a new commune of 2025 is the sum of its
predecessors, an old district the sum of the new communes wholly inside it.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from .crosswalk import compose, counterpart
from .keys import GROUP_SIZES
from .metrics import covering, resolve_area
from .reference import ruleset_for
from .units import UnitRegistry

COLUMNS = ("unit_key", "group_no", "size")


def load(con: duckdb.DuckDBPyConnection, area_key: str, as_of: dt.date,
         structure: str | None = None) -> pd.DataFrame | None:
    """The people of each group in each unit of the area (its children; a unit without
    children is its own only row) on `as_of`: columns unit_key, group_no, size, in the
    registry's order of the units, then by group. None when no unit has a size.

    `area_key` is a unit key, a code or a name; `structure` (keys.STRUCTURES) the units to
    show, by default those in force on `as_of`; an area of the other structure stands for its
    counterpart, as in metrics.area_figures.

    Each unit and group takes the latest table at or before `as_of` that gives it whole (the
    tables of several communes each count; a blank cell is unknown, not 0), among the tables
    of the rule set in force on `as_of` (group numbers mean other groups in another rule set).
    A unit some of whose parts a table lacks, or that takes in ground no unit of the registry
    holds (Tân Tiến), gets no size from it: a base too small would understate the people to
    reach.
    """
    registry = UnitRegistry.load(con)
    asked = registry.units.get(area_key) or resolve_area(con, registry, area_key, as_of,
                                                         structure)
    shown = structure or registry.structure_on(as_of)
    area = counterpart(registry, asked, shown) or asked
    rows = registry.children(area.unit_key, area.day_within(as_of)) or [area]
    ruleset_id = ruleset_for(con, as_of, area.unit_key, registry).get("ruleset_id")
    tables = sorted((d for d in covering(con, registry, area.unit_key)
                     if d["kind"] == GROUP_SIZES and d["as_of"] <= as_of
                     and d["ruleset_id"] == ruleset_id),
                    key=lambda d: (d["as_of"], d["structure"] == area.structure,
                                   d["dataset_id"]), reverse=True)
    if not tables:
        return None
    stored: dict[int, dict[int, dict[str, int]]] = {}
    for dataset_id, unit_key, group_no, size in con.execute(
            "SELECT dataset_id, unit_key, group_no, size_count FROM group_sizes "
            "WHERE dataset_id IN (SELECT unnest($ids)) AND size_count IS NOT NULL",
            {"ids": [d["dataset_id"] for d in tables]}).fetchall():
        stored.setdefault(dataset_id, {}).setdefault(group_no, {})[unit_key] = size
    found: dict[tuple[str, int], int] = {}
    for table in tables:
        for unit in rows:
            made_of = compose(registry, unit.unit_key, table["structure"])
            if made_of.missing or not made_of.parts:
                continue
            for group_no, sizes in stored.get(table["dataset_id"], {}).items():
                if (unit.unit_key, group_no) in found:
                    continue
                parts = [_size_of(registry, key, sizes, table["as_of"]) for key in made_of.parts]
                if None not in parts:
                    found[(unit.unit_key, group_no)] = sum(parts)
    if not found:
        return None
    order = {u.unit_key: i for i, u in enumerate(rows)}
    keys = sorted(found, key=lambda k: (order[k[0]], k[1]))
    return pd.DataFrame({
        "unit_key": pd.Series([k[0] for k in keys], dtype="str"),
        "group_no": pd.Series([k[1] for k in keys], dtype="int64"),
        "size": pd.Series([found[k] for k in keys], dtype="Int64"),
    })


def _size_of(registry: UnitRegistry, unit_key: str, sizes: dict[str, int],
             day: dt.date) -> int | None:
    """A unit's size in one table and group: its own row, else the sum of its children's when
    every child in force on the table's date has one (a district from its communes)."""
    if unit_key in sizes:
        return sizes[unit_key]
    unit = registry.units[unit_key]
    children = registry.children(unit_key, unit.day_within(day))
    if not children:
        return None
    parts = [_size_of(registry, child.unit_key, sizes, day) for child in children]
    return None if None in parts else sum(parts)
