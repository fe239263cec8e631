"""Figures of one unit structure shown in the units of the other (the change of 1/7/2025).

A table keeps the units it was written in. Shown in the units in force since 1/7/2025, a table
written in the old units gives each new unit the sum of its predecessors' counts. Shown in the
old units, a table of the new units gives an old unit the sum of the new units made wholly of
its own communes; an old commune that was merged with others gets none and says where it went.
Rates are recomputed from the sums (metrics.derive), never averaged. Whatever a shown unit
holds that the summed parts lack makes it partial, with the missing parts named.
"""

from __future__ import annotations

from dataclasses import dataclass

from .keys import POST2025, PRE2025
from .units import Unit, UnitRegistry, area_label


@dataclass(frozen=True)
class Composition:
    """The units of a table's structure whose counts make up one shown unit."""
    parts: tuple[str, ...]  # unit keys in the table's structure, summed
    missing: tuple[str, ...]  # what the shown unit also holds that no part gives (Vietnamese)
    merged_into: tuple[str, ...] = ()  # an old unit shown for a table of new units: where it went

    @property
    def is_partial(self) -> bool:
        return bool(self.missing)


def other(structure: str) -> str:
    return POST2025 if structure == PRE2025 else PRE2025


def compose(registry: UnitRegistry, unit_key: str, table_structure: str) -> Composition:
    """What makes up `unit_key` in a table written in `table_structure` (kept per registry)."""
    memo = registry.memo.setdefault("compose", {})
    found = memo.get((unit_key, table_structure))
    if found is None:
        found = memo[(unit_key, table_structure)] = _compose(registry, unit_key, table_structure)
    return found


def _compose(registry: UnitRegistry, unit_key: str, table_structure: str) -> Composition:
    unit = registry.units[unit_key]
    if unit.structure == table_structure:
        return Composition((unit_key,), ())
    leaves = registry.leaves(unit_key)
    name = lambda key: area_label(registry.units[key].level, registry.units[key].name)  # noqa: E731
    parts: list[str] = []
    missing: list[str] = []
    if unit.structure == POST2025:  # a new unit from a table of old units: its predecessors
        for leaf in leaves:
            merges = registry.predecessors(leaf)
            if not merges:
                missing.append(f"{name(leaf)} (không có đơn vị trước 1/7/2025 tương ứng)")
            for m in merges:
                if len(registry.successors(m.old_key)) > 1:
                    missing.append(f"{name(m.old_key)} (chia cho nhiều đơn vị mới)")
                else:
                    parts.append(m.old_key)
                if m.is_partial:
                    missing.append(f"phần của {name(leaf)} ngoài danh mục đơn vị"
                                   + (f" ({m.note})" if m.note else ""))
        return Composition(tuple(dict.fromkeys(parts)), tuple(dict.fromkeys(missing)))
    # an old unit from a table of new units: the new units made wholly of its communes
    inside = set(leaves)
    successors = list(dict.fromkeys(m.new_key for leaf in leaves for m in registry.successors(leaf)))
    for new in successors:
        merges = registry.predecessors(new)
        if all(m.old_key in inside for m in merges) and not any(m.is_partial for m in merges):
            parts.append(new)
        else:
            shared = ", ".join(name(m.old_key) for m in merges if m.old_key in inside)
            missing.append(f"{shared} (nay thuộc {name(new)}, gồm cả nơi khác)")
    if not parts:  # nothing of its own: where it went says more than a list of what it lacks
        return Composition((), (), tuple(successors))
    return Composition(tuple(parts), tuple(missing))


def counterpart(registry: UnitRegistry, unit: Unit, structure: str) -> Unit | None:
    """The unit of `structure` that stands for `unit`: the one unit its communes went into (or
    came from), else the narrowest unit holding them all; None when the registry has no
    crosswalk for it (or it is of that structure already)."""
    if unit.structure == structure:
        return None
    linked = list(dict.fromkeys(
        m.new_key if unit.structure == PRE2025 else m.old_key
        for leaf in registry.leaves(unit.unit_key)
        for m in (registry.successors(leaf) if unit.structure == PRE2025
                  else registry.predecessors(leaf))))
    if not linked:
        return None
    if len(linked) == 1:
        return registry.units[linked[0]]
    return registry.units[registry.common_parent(linked)]


def footprint(registry: UnitRegistry, unit_key: str) -> tuple[str, ...]:
    """The unit and the units of the other structure that share ground with it (a table of
    any of them can give it figures)."""
    memo = registry.memo.setdefault("footprint", {})
    found = memo.get(unit_key)
    if found is None:
        linked = []
        for leaf in registry.leaves(unit_key):
            linked += [m.new_key for m in registry.successors(leaf)]
            linked += [m.old_key for m in registry.predecessors(leaf)]
        found = memo[unit_key] = tuple(dict.fromkeys([unit_key, *linked]))
    return found
