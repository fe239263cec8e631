"""The unit registry: province → district → commune → sub-unit, both before and after 1/7/2025.

Rows of a source table name their unit in many ways; they are matched here on codes and on
normalised name keys (names.name_key), among the units valid on the table's date. A name that
fits several units (after prefixes are dropped "Lộc Ninh" is a district and a town) is settled
by the parent that the table's other rows share.
"""

from __future__ import annotations

import atexit
import datetime as dt
import gc
from collections import Counter
from dataclasses import dataclass

import duckdb

from .errors import InputError, report
from .formatting import fmt_date
from .keys import POST2025, PRE2025
from .names import name_key, prefix_levels

# How reports name a level before a unit's name ("huyện Lộc Ninh", "Xã Quảng Phú").
LEVEL_WORDS = {"province": "tỉnh", "district": "huyện", "commune": "xã", "subunit": "đơn vị"}
_CACHE_SIZE = 4
CHANGE_DATE = dt.date(2025, 7, 1)  # Nghị quyết 1662/NQ-UBTVQH15: used when no merge is loaded


def structure_key(code: str, structure: str) -> str:
    """The unit key of a code in a structure: the code itself before 1/7/2025, `CODE@2025`
    after it (as data/reference/units.csv writes them)."""
    return f"{code}@2025" if structure == POST2025 else code


def area_label(level: str, name: str, capital: bool = False) -> str:
    """A unit named as reports name it: "huyện Lộc Ninh" (or "Huyện Lộc Ninh" to open a line);
    a name that carries its own prefix ("Thị trấn Lộc Ninh") is left as it is."""
    word = "" if prefix_levels(name) is not None else LEVEL_WORDS.get(level, "")
    return f"{word.capitalize() if capital else word} {name}".strip()


@dataclass(frozen=True)
class Unit:
    unit_key: str
    code: str
    name: str
    level: str
    parent_key: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    sort_order: int
    structure: str = PRE2025  # keys.STRUCTURES

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_to is None or day <= self.valid_to))

    def in_scope(self, day: dt.date | None, structure: str | None) -> bool:
        """A unit a table may name: of `structure` whatever its dates when one is given (a
        table written in the other structure, `import --structure`), else valid on `day`."""
        return self.structure == structure if structure else self.valid_on(day)

    def day_within(self, day: dt.date) -> dt.date:
        """A day on which the unit is in force, as near `day` as can be: the children of a
        unit of 2025 shown for a period of 2024 are those it has from 1/7/2025."""
        if self.valid_on(day):
            return day
        if self.valid_from is not None and day < self.valid_from:
            return self.valid_from
        return self.valid_to


@dataclass(frozen=True)
class Merge:
    """One row of the 2025 crosswalk: an old unit that went into a new one. `is_partial`: the
    new unit also takes in land or people the registry does not hold (its note says which)."""
    old_key: str
    new_key: str
    effective_date: dt.date
    is_partial: bool
    note: str | None


class UnitRegistry:
    """Units of the store, looked up by code and name key; immutable once built (it is shared)."""

    def __init__(self, units: list[Unit], aliases: list[tuple[str, str]],
                 merges: list[Merge] = ()):
        self.fingerprint: str | None = None  # of the reference data it was read from
        self.units = {u.unit_key: u for u in units}
        self.merges = list(merges)
        self.memo: dict[str, dict] = {}  # look-ups derived from the registry (crosswalk.py)
        self._successors: dict[str, list[Merge]] = {}
        self._predecessors: dict[str, list[Merge]] = {}
        for m in self.merges:
            self._successors.setdefault(m.old_key, []).append(m)
            self._predecessors.setdefault(m.new_key, []).append(m)
        self._by_key: dict[str, list[Unit]] = {}
        self._by_code: dict[str, list[Unit]] = {}
        self._children: dict[str | None, list[Unit]] = {}
        self._within: dict[str, dict[str, str | None]] = {}
        self._name_keys: dict[str, set[str]] = {}  # unit_key -> keys of its name and aliases
        for u in units:
            key = name_key(u.name)
            self._children.setdefault(u.parent_key, []).append(u)
            self._by_key.setdefault(key, []).append(u)
            self._by_code.setdefault(u.code.casefold(), []).append(u)
            self._by_code.setdefault(u.unit_key.casefold(), []).append(u)
            self._name_keys.setdefault(u.unit_key, set()).add(key)
        for unit_key, alias in aliases:
            key = name_key(alias)
            self._by_key.setdefault(key, []).append(self.units[unit_key])
            self._name_keys[unit_key].add(key)

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection) -> "UnitRegistry":
        """The registry of the store behind `con`, reused while its reference data is unchanged.

        Building it keys every name (about 0.2 s for 15,000 units of a whole country); the
        reference fingerprint that decides whether a cached one still holds is one row of `meta`.
        """
        fingerprint = reference_fingerprint(con)
        cached = _REGISTRIES.pop(fingerprint, None)
        if cached is None:
            cached = cls._read(con)
            cached.fingerprint = fingerprint
            _settle()
        _REGISTRIES[fingerprint] = cached  # most recently used last
        while len(_REGISTRIES) > _CACHE_SIZE:
            del _REGISTRIES[next(iter(_REGISTRIES))]
        return cached

    @classmethod
    def _read(cls, con: duckdb.DuckDBPyConnection) -> "UnitRegistry":
        rows = con.execute(
            "SELECT unit_key, code, name, level, parent_key, valid_from, valid_to, sort_order, "
            "structure FROM units ORDER BY sort_order").fetchall()
        aliases = con.execute("SELECT unit_key, alias FROM unit_aliases").fetchall()
        merges = con.execute("SELECT old_key, new_key, effective_date, is_partial, note "
                             "FROM unit_merges ORDER BY new_key, old_key").fetchall()
        return cls([Unit(*r) for r in rows], aliases, [Merge(*m) for m in merges])

    # ------------------------------------------------------------ the 2025 change

    @property
    def change_date(self) -> dt.date:
        """The day the units after the change came into force (1/7/2025)."""
        dates = [m.effective_date for m in self.merges]
        return min(dates) if dates else CHANGE_DATE

    def structure_on(self, day: dt.date) -> str:
        """The structure in force on `day`."""
        return POST2025 if day >= self.change_date else PRE2025

    def successors(self, old_key: str) -> list[Merge]:
        return self._successors.get(old_key, [])

    def predecessors(self, new_key: str) -> list[Merge]:
        return self._predecessors.get(new_key, [])

    def leaves(self, unit_key: str) -> list[str]:
        """The units without children inside `unit_key` (itself when it has none), any date."""
        within = self.within(unit_key)
        return [k for k in within if not self._children.get(k)]

    # ------------------------------------------------------------ look-ups

    def candidates(self, text: str | None, day: dt.date | None, code: str | None = None,
                   structure: str | None = None) -> list[Unit]:
        """Units valid on `day` (or, given `structure`, of that structure whatever their dates)
        that `code` names, else those `text` names (a code or a name).

        A row with both must name one unit: when the code is known, the name must be the
        name or an alias of the coded unit (or its code), else the row is refused naming both.
        """
        found: list[Unit] = []
        if code:
            found = self._by_code.get(str(code).strip().casefold(), [])
            if not found:  # never fall back to the name: the code says something else
                raise InputError(f"không có đơn vị mã «{code}» trong danh mục đơn vị")
            if text:
                found = self._named(found, text, code, day, structure)
        if not found and text:
            found = self._lookup(text)
        unique = {u.unit_key: u for u in found if u.in_scope(day, structure)}
        return list(unique.values())

    def _lookup(self, text: str) -> list[Unit]:
        return self._by_code.get(str(text).strip().casefold(), []) or \
            self._by_key.get(name_key(text), [])

    def _named(self, coded: list[Unit], text: str, code: str, day: dt.date | None,
               structure: str | None = None) -> list[Unit]:
        """The units of `coded` that `text` also names; refused when there is none."""
        valid = [u for u in coded if u.in_scope(day, structure)] or coded
        coded = list({u.unit_key: u for u in valid}.values())
        key, as_code = name_key(text), str(text).strip().casefold()
        same = [u for u in coded if key in self._name_keys[u.unit_key]
                or as_code in (u.code.casefold(), u.unit_key.casefold())]
        if same:
            return same
        by_text = self._lookup(text)
        others = {u.unit_key: u for u in
                  [u for u in by_text if u.in_scope(day, structure)] or by_text}
        named = " / ".join(u.name for u in coded)
        if others:
            which = ", ".join(f"{u.name}, mã {u.code}" for u in others.values())
            raise InputError(f"mã {code} là {named} nhưng tên «{text}» là đơn vị khác ({which}); "
                             "hãy sửa mã hoặc tên cho khớp")
        raise InputError(f"mã {code} là {named} nhưng tên «{text}» không phải tên của đơn vị này "
                         "(cũng không có trong danh mục); hãy sửa mã hoặc tên cho khớp")

    def other_structure(self, text: str | None, code: str | None, day: dt.date,
                        structure: str | None = None) -> str | None:
        """Why a row that names no unit a table of `day` may name is refused, when it names
        units of the other structure (Lộc Hòa in a table of 31/12/2025): the Vietnamese
        reason, with the way out (`--structure`); None when it names no unit at all."""
        named = self._by_code.get(str(code).strip().casefold(), []) if code else []
        named = named or (self._lookup(text) if text else [])
        wanted = structure or self.structure_on(day)
        others = list({u.unit_key: u for u in named if u.structure != wanted}.values())
        if not others:
            return None
        change = fmt_date(self.change_date)
        if structure:
            when = {PRE2025: f"trước {change}", POST2025: f"từ {change}"}
            names = ", ".join(f"{u.name} (mã {u.code})" for u in others)
            return (f"{names} là đơn vị {when[others[0].structure]}, không thuộc các đơn vị "
                    f"{when[structure]} đã chọn bằng --structure {structure}")
        unit = others[0]
        if wanted == POST2025:
            merges = self.successors(unit.unit_key)
            if not merges:
                return (f"{unit.name} là đơn vị trước {change}, không còn từ {change}; bảng của "
                        f"kỳ từ {change} (kỳ này: {fmt_date(day)}) ghi theo đơn vị mới; nếu đúng "
                        f"là số liệu theo đơn vị cũ, dùng --structure {PRE2025}")
            into = [self.units[m.new_key] for m in merges]
            olds = [self.units[p.old_key].name for m in merges
                    for p in self.predecessors(m.new_key)]
            return (f"{unit.name} đã sáp nhập vào "
                    f"{', '.join(area_label(u.level, u.name) for u in into)} từ "
                    f"{fmt_date(merges[0].effective_date)}; bảng của kỳ từ {change} (kỳ này: "
                    f"{fmt_date(day)}) ghi theo đơn vị mới, nên dòng này phải là "
                    f"{' / '.join(area_label(u.level, u.name) for u in into)} (số của "
                    f"{', '.join(dict.fromkeys(olds))} cộng lại); nếu đúng là số liệu theo đơn "
                    f"vị cũ, dùng --structure {PRE2025}")
        merges = self.predecessors(unit.unit_key)
        made_of = ", ".join(self.units[m.old_key].name for m in merges)
        partly = " và phần ngoài dữ liệu" if any(m.is_partial for m in merges) else ""
        origin = f" (gộp từ {made_of}{partly})" if merges else ""
        return (f"{area_label(unit.level, unit.name, capital=True)} là đơn vị từ {change}"
                f"{origin}; bảng của kỳ trước {change} (kỳ này: {fmt_date(day)}) ghi theo đơn vị "
                f"cũ{f' ({made_of})' if merges else ''}; nếu đúng là số liệu theo đơn vị mới, "
                f"dùng --structure {POST2025}")

    def area_candidates(self, text: str) -> list[Unit]:
        """Every unit a user may mean by `text`: by code or key, else by name, where a prefix
        ("Thị trấn", "Huyện") must agree with the unit's level; of any date."""
        text = str(text).strip()
        found = self._by_code.get(text.casefold(), [])
        if not found:
            found = self._by_key.get(name_key(text), [])
            levels = prefix_levels(text)
            if levels is not None:
                found = [u for u in found if u.level in levels]
        return list({u.unit_key: u for u in found}.values())

    def children(self, unit_key: str, day: dt.date | None) -> list[Unit]:
        kids = [u for u in self._children.get(unit_key, []) if u.valid_on(day)]
        return sorted(kids, key=lambda u: u.sort_order)

    def within(self, area_key: str) -> dict[str, str | None]:
        """Every unit inside the area, of any date, the area itself included -> the child of the
        area it lies in (the row a page shows), None for the area itself.

        One walk down the tree instead of one ancestor chain per unit: the quality page scopes
        tens of thousands of checks by it. Kept per area (the registry never changes).
        """
        found = self._within.get(area_key)
        if found is None:
            found = {area_key: None}
            for child in self._children.get(area_key, []):
                stack = [child.unit_key]
                while stack:
                    key = stack.pop()
                    found[key] = child.unit_key
                    stack.extend(u.unit_key for u in self._children.get(key, []))
            self._within[area_key] = found
        return found

    def ancestors(self, unit_key: str) -> list[str]:
        chain = []
        key = unit_key
        while key is not None:
            chain.append(key)
            key = self.units[key].parent_key
        return chain

    # ------------------------------------------------------------ table rows

    def resolve_rows(self, rows, day: dt.date, unit_header: str,
                     structure: str | None = None,
                     problems: list[InputError] | None = None) -> tuple[dict[int, str], str]:
        """Unit key for every source row, and the area the rows make up (their common parent).

        Rows name units valid on `day`, or, given `structure`, units of that structure whatever
        their dates. Refuses unknown names, a unit of the other structure (saying which new
        units an old one went into, and how to import it as it is), and two rows that are one
        unit under two spellings. Given `problems`, every refused row is added there and left
        out of the result (the area is that of the rows that resolved; None if none did).
        """
        options = {}
        for row in rows:
            written = row.label or row.code or ""
            try:
                found = self.candidates(row.label, day, row.code, structure)
            except InputError as exc:
                report(problems, exc.located(row=row.row_no, column=unit_header, cell=written))
                continue
            if not found:
                reason = self.other_structure(row.label, row.code, day, structure)
                report(problems, InputError(
                    reason or f"không có đơn vị «{row.label or row.code}» trong danh mục đơn vị "
                    f"(kỳ {day.day}/{day.month}/{day.year})", row=row.row_no, column=unit_header,
                    cell=written))
                continue
            options[row.row_no] = found
        parents = Counter(found[0].parent_key for found in options.values() if len(found) == 1)
        main_parent = parents.most_common(1)[0][0] if parents else None
        chosen: dict[int, str] = {}
        for row in rows:
            found = options.get(row.row_no)
            if found is None:
                continue
            if len(found) > 1:
                siblings = [u for u in found if u.parent_key == main_parent]
                if len(siblings) != 1:
                    names = ", ".join(u.name for u in found)
                    report(problems, InputError(f"tên «{row.label}» khớp nhiều đơn vị ({names})",
                                                row=row.row_no, column=unit_header,
                                                cell=row.label))
                    continue
                found = siblings
            chosen[row.row_no] = found[0].unit_key
        seen: dict[str, object] = {}
        for row in rows:
            key = chosen.get(row.row_no)
            if key is None:
                continue
            if key in seen:
                first = seen[key]
                report(problems, InputError(
                    f"«{row.label}» và «{first.label}» (dòng {first.row_no}) là cùng một đơn vị "
                    f"({self.units[key].name})", row=row.row_no, column=unit_header,
                    cell=row.label or row.code or ""))
                del chosen[row.row_no]
                continue
            seen[key] = row
        return chosen, self.common_parent(chosen.values()) if chosen else None

    def common_parent(self, keys) -> str:
        """The narrowest unit that holds every unit of `keys` (a unit's parent when alone)."""
        parents = {self.units[k].parent_key or k for k in keys}
        chains = [self.ancestors(p) for p in parents]
        common = set(chains[0]).intersection(*chains[1:])
        return next(k for k in chains[0] if k in common)


_REGISTRIES: dict[str, UnitRegistry] = {}
_FROZEN = False


def _settle() -> None:
    """Move everything alive now, the new registry included, out of reach of Python's full
    garbage collections.

    For the dashboard's page views: a national registry adds some 25,000 long-lived objects,
    and full collections walking them made the slowest views. Objects are still freed when
    nothing refers to them; only cycles among them are no longer looked for.
    """
    global _FROZEN
    gc.collect()
    gc.freeze()
    if not _FROZEN:
        _FROZEN = True
        atexit.register(gc.unfreeze)  # let the interpreter's last collection see them

# A hash of everything the reference data holds: units, aliases and rule sets. It is computed
# once when the reference data is loaded and kept in `meta`, because hashing 15,000 units on
# every page view costs more than the rest of a view's look-ups.
_FINGERPRINT_SQL = """
    SELECT concat_ws('/',
        (SELECT count(*) FROM units),
        (SELECT sum(hash(unit_key, code, name, level, parent_key, valid_from, valid_to,
                         sort_order)) FROM units),
        (SELECT count(*) FROM unit_aliases),
        (SELECT sum(hash(unit_key, alias)) FROM unit_aliases),
        (SELECT count(*) FROM unit_merges),
        (SELECT sum(hash(old_key, new_key, effective_date, is_partial, note)) FROM unit_merges),
        (SELECT sum(hash(ruleset_id, name, decision, valid_from, valid_to, pass_mark,
                         indicator_floor)) FROM rulesets),
        (SELECT sum(hash(ruleset_id, group_no, group_name, short_name)) FROM ruleset_groups),
        (SELECT sum(hash(ruleset_id, area_key, pass_mark, note)) FROM ruleset_overrides))"""
FINGERPRINT_KEY = "reference_fingerprint"


def compute_reference_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute(_FINGERPRINT_SQL).fetchone()[0]


def store_reference_fingerprint(con: duckdb.DuckDBPyConnection) -> None:
    """Called by whatever writes the reference tables, after writing them."""
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [FINGERPRINT_KEY, compute_reference_fingerprint(con)])


def reference_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """The stored fingerprint, or (a store written before it was kept) the computed one."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [FINGERPRINT_KEY]).fetchone()
    return row[0] if row else compute_reference_fingerprint(con)
