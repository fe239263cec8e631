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

    Each stored unit and group counts with its latest size at or before `as_of` (tables of
    several dates each count; a blank cell is unknown, not 0), among the tables of the rule
    set in force on `as_of` (group numbers mean other groups in another rule set). A unit
    shown is the sum of the stored units it is made of, in the structure whose figures are
    newest (on a tie its own); a unit some of whose parts have no size, or that takes in
    ground no unit of the registry holds (Tân Tiến), has none: a base too small would
    understate the people to reach.
    """
    registry = UnitRegistry.load(con)
    asked = registry.units.get(area_key) or resolve_area(con, registry, area_key, as_of,
                                                         structure)
    shown = structure or registry.structure_on(as_of)
    area = counterpart(registry, asked, shown) or asked
    rows = registry.children(area.unit_key, area.day_within(as_of)) or [area]
    ruleset_id = ruleset_for(con, as_of, area.unit_key, registry).get("ruleset_id")
    structure_of = {d["dataset_id"]: d["structure"]
                    for d in covering(con, registry, area.unit_key)
                    if d["kind"] == GROUP_SIZES and d["as_of"] <= as_of
                    and d["ruleset_id"] == ruleset_id}
    if not structure_of:
        return None
    latest: dict[str, dict[int, dict[str, tuple[int, dt.date]]]] = {}  # structure, group, unit
    for dataset_id, day, unit_key, group_no, size in con.execute(
            "SELECT s.dataset_id, d.as_of, s.unit_key, s.group_no, s.size_count "
            "FROM group_sizes s JOIN datasets d USING (dataset_id) "
            "WHERE s.dataset_id IN (SELECT unnest($ids)) AND s.size_count IS NOT NULL "
            "ORDER BY d.as_of DESC, s.dataset_id DESC", {"ids": list(structure_of)}).fetchall():
        by_unit = latest.setdefault(structure_of[dataset_id], {}).setdefault(group_no, {})
        by_unit.setdefault(unit_key, (size, day))
    groups = sorted({g for by_group in latest.values() for g in by_group})
    found: dict[tuple[str, int], int] = {}
    for unit in rows:
        for group_no in groups:
            candidates = []
            for table_structure, by_group in latest.items():
                made_of = compose(registry, unit.unit_key, table_structure)
                if made_of.missing or not made_of.parts:
                    continue
                parts = [_size_of(registry, key, by_group.get(group_no, {}), as_of)
                         for key in made_of.parts]
                if None not in parts:
                    newest = max(day for _, day in parts)
                    candidates.append((newest, table_structure == unit.structure,
                                       sum(size for size, _ in parts)))
            if candidates:
                found[(unit.unit_key, group_no)] = max(candidates)[2]
    if not found:
        return None
    order = {u.unit_key: i for i, u in enumerate(rows)}
    keys = sorted(found, key=lambda k: (order[k[0]], k[1]))
    return pd.DataFrame({
        "unit_key": pd.Series([k[0] for k in keys], dtype="str"),
        "group_no": pd.Series([k[1] for k in keys], dtype="int64"),
        "size": pd.Series([found[k] for k in keys], dtype="Int64"),
    })


def _size_of(registry: UnitRegistry, unit_key: str, sizes: dict[str, tuple[int, dt.date]],
             day: dt.date) -> tuple[int, dt.date] | None:
    """A unit's size in one group and the date of its table: its own row, else the sum of its
    children's when every child in force on `day` has one (a district from its communes)."""
    if unit_key in sizes:
        return sizes[unit_key]
    unit = registry.units[unit_key]
    children = registry.children(unit_key, unit.day_within(day))
    if not children:
        return None
    parts = [_size_of(registry, child.unit_key, sizes, day) for child in children]
    if None in parts:
        return None
    return sum(size for size, _ in parts), max(when for _, when in parts)
