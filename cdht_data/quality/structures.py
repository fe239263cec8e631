"""Tables of one period written in the two structures (before 1/7/2025 and since).

A table of 31/12/2025 in the 7 new communes and one of the same date in the 16 old ones count
the same people twice: their figures neither add up nor compare, and a reader cannot tell
which is the period's figure. Imports allow the second only with `--structure`; this rule
keeps the pair in view.
"""

from __future__ import annotations

from ..formatting import fmt_date
from ..keys import PRE2025, STRUCTURE_WORDS, TABLE_KINDS
from ..sql import sql
from ..units import UnitRegistry, area_label
from .findings import Hit
from .sheet import Sheet

SHOWN_PAIRS = 5  # new units listed in a message; the rest are counted


def _units(con, dataset_id: int) -> dict[str, int | None]:
    """Unit key -> the first source row that names it."""
    return dict(con.execute(sql("dataset_units"), {"dataset_id": dataset_id}).fetchall())


def _shared(registry: UnitRegistry, old: set[str], new: set[str]) -> dict[str, list[str]]:
    """New unit of `new` -> the units of `old` that went into it (or hold or lie in a unit
    that did): the ground the two tables both cover."""
    around: dict[str, list[str]] = {}  # a unit -> the old table's units that hold or lie in it
    for old_key in sorted(old, key=lambda k: registry.units[k].sort_order):
        for key in {*registry.within(old_key), *registry.ancestors(old_key)}:
            around.setdefault(key, []).append(old_key)
    shared: dict[str, list[str]] = {}
    for new_key in sorted(new, key=lambda k: registry.units[k].sort_order):
        olds = [o for k in registry.within(new_key) for m in registry.predecessors(k)
                for o in around.get(m.old_key, [])]
        if olds:
            shared[new_key] = sorted(set(olds), key=lambda k: registry.units[k].sort_order)
    return shared


def same_ground_two_structures(con, sheet: Sheet) -> list[Hit]:
    """One check per table of the same period in the other structure: passed when no unit of
    one is a predecessor of a unit of the other (through the 2025 merges)."""
    registry = UnitRegistry.load(con)
    area = registry.units.get(sheet.area_key)
    if area is None:
        return []
    others = con.execute(
        "SELECT d.dataset_id, d.kind, d.source_file, u.name, u.structure FROM datasets d "
        "JOIN units u ON u.unit_key = d.area_key "
        "WHERE d.as_of = ? AND d.dataset_id <> ? AND d.kind <> 'text' AND u.structure <> ? "
        "ORDER BY d.dataset_id", [sheet.as_of, sheet.dataset_id, area.structure]).fetchall()
    if not others:
        return []
    file_name = con.execute("SELECT source_file FROM datasets WHERE dataset_id = ?",
                            [sheet.dataset_id]).fetchone()[0]
    mine = _units(con, sheet.dataset_id)
    hits = []
    for other_id, kind, other_file, other_area, other_structure in others:
        theirs = _units(con, other_id)
        old, new = (mine, theirs) if area.structure == PRE2025 else (theirs, mine)
        shared = _shared(registry, set(old), set(new))
        if not shared:
            hits.append(Hit.ok(None))
            continue
        pairs = [f"{area_label(registry.units[n].level, registry.units[n].name)} ← "
                 f"{', '.join(registry.units[o].name for o in olds)}"
                 for n, olds in shared.items()]
        listed = "; ".join(pairs[:SHOWN_PAIRS]) + (
            f"; và {len(pairs) - SHOWN_PAIRS} xã mới khác" if len(pairs) > SHOWN_PAIRS else "")
        rows = sorted({mine[k] for k in mine if mine[k] is not None and (
            k in shared or any(k in olds for olds in shared.values()))})
        hits.append(Hit(
            None, None, None,
            f"Kỳ {fmt_date(sheet.as_of)} có hai bảng cho cùng địa bàn theo hai cách chia đơn "
            f"vị: bảng {TABLE_KINDS[sheet.kind].words} «{file_name}» "
            f"{STRUCTURE_WORDS[area.structure]} ({area.name}) và bảng "
            f"{TABLE_KINDS[kind].words} «{other_file}» {STRUCTURE_WORDS[other_structure]} "
            f"({other_area}): {listed}. Cùng người dân được đếm ở cả hai bảng; hãy giữ một "
            "bảng cho kỳ này, hoặc ghi rõ bảng nào là số liệu chính thức",
            [f"dòng {r}" for r in rows], metrics=()))
    return hits
