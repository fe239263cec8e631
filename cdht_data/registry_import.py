"""Unit registries a province supplies: `import FILE --kind units` (units, their parents and
dates) and `import FILE --kind unit-merges` (which old unit went into which new one).

Steps: read the file (CSV or XLSX through `readers.read_grid`, with a table's size limits); find
the header row by its code column and match the columns of the layout
(`layouts/unit_registry.toml`, `layouts/unit_merges.toml`) without accents; read every cell,
refusing a bad one by file, row and column; check the rows against each other and against the
store; then, in one transaction, write them, rebuild `unit_ancestry`, store the reference
fingerprint (so every cached registry is read again) and recheck the quality findings of every
period (their messages name units, and merges decide `same_ground_two_structures`). Nothing is
written when a check fails.

A unit's structure is the one in force on its «Hiệu lực từ» (blank: open, so before 1/7/2025);
its key is its code, or `CODE@2025` in the structure since 1/7/2025, as
data/reference/units.csv writes them. A unit of the old structure ends on 30/6/2025 at the
latest: a blank «Hiệu lực đến» means until then. A unit already stored is updated, but one that
a stored table names (itself or a unit inside it) keeps its level, parent and dates: the
table's area and roll-ups rest on them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .bulk import insert_rows
from .errors import InputError
from .formatting import fmt_date
from .keys import POST2025, PRE2025, REFERENCE_KINDS, TABLE_KINDS
from .layouts import Layout, layouts_for
from .names import header_key, name_key, nfc
from .numbers import is_blank, parse_rate
from .quality.run import refresh_findings
from .readers import read_grid
from .reference import rebuild_ancestry
from .sql import sql
from .storefile import transaction
from .units import UnitRegistry, structure_key, store_reference_fingerprint

# The level of the parent each level takes, per structure: since 1/7/2025 there are no districts.
PARENT_LEVELS = {
    (PRE2025, "province"): None, (POST2025, "province"): None,
    (PRE2025, "district"): "province",
    (PRE2025, "commune"): "district", (POST2025, "commune"): "province",
    (PRE2025, "subunit"): "commune", (POST2025, "subunit"): "commune",
}
LEVEL_NAMES = {"province": "tỉnh", "district": "huyện", "commune": "xã", "subunit": "đơn vị dưới xã"}
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN_DAY = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
_COORDINATE = re.compile(r"^-?[0-9]+([.,][0-9]+)?$")
_ALIAS_SEPARATORS = re.compile(r"[|;]")


@dataclass
class RegistryImport:
    """What an import of a registry file changed."""
    kind: str  # keys.REFERENCE_KINDS
    file_name: str
    added: int
    updated: int

    @property
    def words(self) -> str:
        return REFERENCE_KINDS[self.kind]


def import_registry(con: duckdb.DuckDBPyConnection, path: str | Path, kind: str) -> RegistryImport:
    """Add or update the units (`kind` "units") or the merges ("unit-merges") a file lists,
    all or nothing; every refusal names file, row and column."""
    if kind not in REFERENCE_KINDS:
        raise InputError(f"loại danh mục phải là một trong {', '.join(REFERENCE_KINDS)}, không "
                         f"phải «{kind}»")
    path = Path(path)
    registry = UnitRegistry.load(con)
    try:
        cells = _Cells.read(path, kind)
        if kind == "units":
            rows = _unit_rows(cells, registry)
            _check_units(con, cells, rows, registry)
        else:
            rows = _merge_rows(cells, registry)
            _check_merges(cells, rows, registry)
    except InputError as exc:
        raise exc.located(file=path.name)
    with transaction(con):
        added, updated = (_write_units(con, cells, rows, registry) if kind == "units"
                          else _write_merges(con, rows, registry))
        rebuild_ancestry(con)
        store_reference_fingerprint(con)
        if con.execute("SELECT count(*) FROM datasets").fetchone()[0]:
            refresh_findings(con)
    return RegistryImport(kind, path.name, added, updated)


# ---------------------------------------------------------------- reading

def _text(value: object) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


@dataclass
class _Cells:
    """A registry file's cells under the layout's columns, rows numbered as a spreadsheet
    shows them."""
    layout: Layout
    headers: dict[str, str]  # column key -> the header as written
    rows: list[tuple[int, dict[str, object]]]

    @classmethod
    def read(cls, path: Path, kind: str) -> "_Cells":
        [layout] = layouts_for(kind)
        grid = read_grid(path)
        header_at = next((r for r, row in enumerate(grid)
                          if any(layout.unit_column.search(header_key(_text(c))) for c in row)),
                         None)
        if header_at is None:
            raise InputError(f"không tìm thấy dòng tiêu đề có cột «{layout.columns[0].label}»")
        keys = [header_key(_text(c)) for c in grid[header_at]]
        index: dict[str, int] = {}
        for spec in layout.columns:
            hits = [i for i, k in enumerate(keys) if k and spec.pattern.search(k)]
            if len(hits) > 1:
                names = ", ".join(f"«{_text(grid[header_at][i])}»" for i in hits)
                raise InputError(f"nhiều cột cùng khớp «{spec.label}»: {names}", row=header_at + 1)
            if hits:
                index[spec.key] = hits[0]
            elif spec.required:
                raise InputError(f"thiếu cột «{spec.label}» trong dòng tiêu đề",
                                 row=header_at + 1)
        headers = {key: _text(grid[header_at][i]) for key, i in index.items()}
        rows = [(r + 1, {key: grid[r][i] if i < len(grid[r]) else None
                         for key, i in index.items()})
                for r in range(header_at + 1, len(grid))
                if not all(is_blank(c) for c in grid[r])]
        if not rows:
            raise InputError("bảng không có dòng nào dưới dòng tiêu đề")
        return cls(layout, headers, rows)

    def error(self, message: str, row_no: int, key: str) -> InputError:
        return InputError(message, row=row_no, column=self.headers.get(key) or key)

    def text(self, row_no: int, values: dict, key: str, required: bool = False) -> str:
        text = _text(values.get(key))
        if required and not text:
            raise self.error("ô bị trống", row_no, key)
        return text

    def word(self, row_no: int, values: dict, key: str, kind: str, expected: str) -> str:
        """The value a cell's words stand for (a level, whole or part)."""
        text = self.text(row_no, values, key, required=True)
        for value, pattern in self.layout.values[kind].items():
            if pattern.search(header_key(text)):
                return value
        raise self.error(f"không hiểu «{text}»: {expected}", row_no, key)

    def day(self, row_no: int, values: dict, key: str) -> dt.date | None:
        value = values.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = _text(value)
        if not text:
            return None
        if isinstance(value, (int, float)):
            raise self.error(f"«{text}» là một số, không phải một ngày: hãy định dạng ô là ngày "
                             "hoặc ghi ngày dạng 1/7/2025", row_no, key)
        iso, vn = _ISO_DAY.match(text), _VN_DAY.match(text)
        try:
            if iso:
                return dt.date(*(int(g) for g in iso.groups()))
            if vn:
                day, month, year = (int(g) for g in vn.groups())
                return dt.date(year, month, day)
        except ValueError:
            raise self.error(f"ngày «{text}» không có trên lịch", row_no, key) from None
        raise self.error(f"«{text}» không phải một ngày (ghi dạng 1/7/2025 hoặc 2025-07-01)",
                         row_no, key)

    def number(self, row_no: int, values: dict, key: str, low: int,
               high: int | None = None) -> float | None:
        """A coordinate or an area: one separator is a decimal mark (106.590 is a longitude)
        for coordinates; an area is read as a rate is (16.700 refused: 16,7 or 16700?)."""
        value = values.get(key)
        if is_blank(value):
            return None
        try:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                number = float(value)
            elif key in ("lat", "lon") and _COORDINATE.match(str(value).strip()):
                number = float(str(value).strip().replace(",", "."))
            else:
                number = float(parse_rate(value))
        except InputError as exc:
            raise exc.located(row=row_no, column=self.headers[key])
        if number < low or (high is not None and number > high):
            bounds = f"từ {low} đến {high}" if high is not None else f"từ {low} trở lên"
            raise self.error(f"«{_text(value)}» phải {bounds}", row_no, key)
        return number


# ---------------------------------------------------------------- units

@dataclass
class _UnitRow:
    row_no: int
    code: str
    name: str
    level: str
    parent: str  # as written: a code, a unit key, or blank
    valid_from: dt.date | None
    valid_to: dt.date | None
    lat: float | None
    lon: float | None
    area_km2: float | None
    aliases: list[str]
    note: str | None
    structure: str
    key: str
    parent_key: str | None = None


def _unit_rows(cells: _Cells, registry: UnitRegistry) -> list[_UnitRow]:
    """Every row read and checked on its own: cells, dates, structure and key."""
    change = registry.change_date
    last_old_day = change - dt.timedelta(days=1)
    rows = []
    for row_no, values in cells.rows:
        code = cells.text(row_no, values, "code", required=True)
        if "@" in code:
            raise cells.error(f"mã «{code}» có «@»: ghi mã như danh mục hành chính ghi; khóa "
                              f"«mã@2025» của đơn vị từ {fmt_date(change)} do chương trình đặt "
                              "theo «Hiệu lực từ»", row_no, "code")
        name = cells.text(row_no, values, "name", required=True)
        level = cells.word(row_no, values, "level", "level",
                           "cấp là tỉnh/thành phố, huyện/quận/thị xã, xã/phường/thị trấn/đặc khu "
                           "(hoặc province, district, commune)")
        valid_from = cells.day(row_no, values, "valid_from")
        valid_to = cells.day(row_no, values, "valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            raise cells.error(f"«Hiệu lực đến» {fmt_date(valid_to)} trước «Hiệu lực từ» "
                              f"{fmt_date(valid_from)}", row_no, "valid_to")
        structure = registry.structure_on(valid_from) if valid_from else PRE2025
        if structure == PRE2025:
            if valid_to is not None and valid_to > last_old_day:
                raise cells.error(
                    f"{name} là đơn vị trước {fmt_date(change)} (theo «Hiệu lực từ») nên hết "
                    f"hiệu lực chậm nhất {fmt_date(last_old_day)}, không phải "
                    f"{fmt_date(valid_to)}; đơn vị từ {fmt_date(change)} là một dòng riêng có "
                    f"«Hiệu lực từ» {fmt_date(change)}", row_no, "valid_to")
            valid_to = valid_to or last_old_day
        if (structure, level) not in PARENT_LEVELS:
            raise cells.error(f"từ {fmt_date(change)} không còn cấp huyện: {name} (hiệu lực từ "
                              f"{fmt_date(valid_from)}) không thể là {LEVEL_NAMES[level]}",
                              row_no, "level")
        aliases = [nfc(a) for a in _ALIAS_SEPARATORS.split(cells.text(row_no, values, "aliases"))
                   if a.strip()]
        rows.append(_UnitRow(
            row_no, code, name, level, cells.text(row_no, values, "parent_code"), valid_from,
            valid_to, cells.number(row_no, values, "lat", -90, 90),
            cells.number(row_no, values, "lon", -180, 180),
            cells.number(row_no, values, "area_km2", 0), list(dict.fromkeys(aliases)),
            cells.text(row_no, values, "note") or None, structure,
            structure_key(code, structure)))
    return rows


@dataclass(frozen=True)
class _Node:
    """A unit as it will be after the import: from the file, else from the store."""
    key: str
    code: str
    name: str
    level: str
    structure: str
    parent_key: str | None


def _check_units(con, cells: _Cells, rows: list[_UnitRow], registry: UnitRegistry) -> None:
    """The file against itself and the store: one row per key, known parents of the same
    structure and the right level, no cycle, stored tables' units left in place."""
    first: dict[str, _UnitRow] = {}
    for row in rows:
        seen = first.setdefault(row.key, row)
        if seen is row:
            continue
        when = "từ" if row.structure == POST2025 else "trước"
        if name_key(seen.name) != name_key(row.name):
            raise cells.error(f"mã {row.code} có hai tên trong cùng các đơn vị {when} "
                              f"{fmt_date(registry.change_date)}: «{seen.name}» (dòng "
                              f"{seen.row_no}) và «{row.name}»", row.row_no, "name")
        raise cells.error(f"mã {row.code} ({row.name}) đã có ở dòng {seen.row_no}: mỗi đơn vị "
                          "một dòng", row.row_no, "code")
    nodes = {k: _Node(k, u.code, u.name, u.level, u.structure, u.parent_key)
             for k, u in registry.units.items()}
    for row in rows:
        row.parent_key = _parent_key(cells, row, nodes, first, registry)
        nodes[row.key] = _Node(row.key, row.code, row.name, row.level, row.structure,
                               row.parent_key)
    for row in rows:
        _refuse_cycle(cells, row, nodes)
    for row in rows:
        _refuse_wrong_level(cells, row, nodes, registry)
    _refuse_moving_named_units(con, cells, rows, registry)


def _parent_key(cells: _Cells, row: _UnitRow, nodes: dict[str, _Node],
                in_file: dict[str, _UnitRow], registry: UnitRegistry) -> str | None:
    if not row.parent:
        return None
    other = POST2025 if row.structure == PRE2025 else PRE2025
    key = row.parent if "@" in row.parent else structure_key(row.parent, row.structure)
    found = in_file.get(key) or nodes.get(key)
    if found is None and "@" not in row.parent:
        found = in_file.get(structure_key(row.parent, other)) or \
            nodes.get(structure_key(row.parent, other))
    if found is None:
        raise cells.error(f"không có đơn vị mã «{row.parent}» (cấp trên của {row.name}) trong "
                          "tệp cũng như trong danh mục đơn vị", row.row_no, "parent_code")
    if found.structure != row.structure:
        change = fmt_date(registry.change_date)
        when = {PRE2025: f"trước {change}", POST2025: f"từ {change}"}
        raise cells.error(
            f"cấp trên «{row.parent}» là {found.name}, đơn vị {when[found.structure]}, nhưng "
            f"{row.name} là đơn vị {when[row.structure]} (theo «Hiệu lực từ»): cấp trên phải là "
            f"đơn vị {when[row.structure]}", row.row_no, "parent_code")
    return found.key


def _refuse_cycle(cells: _Cells, row: _UnitRow, nodes: dict[str, _Node]) -> None:
    chain, cur = [row.key], row.parent_key
    while cur is not None and cur not in chain:
        chain.append(cur)
        cur = nodes[cur].parent_key
    if cur == row.key:
        names = " → ".join(f"{nodes[k].name} ({nodes[k].code})" for k in [*chain, row.key])
        raise cells.error(f"cấp trên thành vòng lặp: {names}; một đơn vị không thể nằm trong "
                          "chính nó", row.row_no, "parent_code")


def _refuse_wrong_level(cells: _Cells, row: _UnitRow, nodes: dict[str, _Node],
                        registry: UnitRegistry) -> None:
    wanted = PARENT_LEVELS[(row.structure, row.level)]
    if row.parent_key is None and wanted is None:
        return
    this = f"{LEVEL_NAMES[row.level]} {row.name}"
    if row.parent_key is None:
        raise cells.error(f"{this} cần mã cấp trên (một {LEVEL_NAMES[wanted]})", row.row_no,
                          "parent_code")
    parent = nodes[row.parent_key]
    if wanted is None:
        raise cells.error(f"{this} không có cấp trên: để trống ô này", row.row_no, "parent_code")
    if parent.level != wanted:
        when = "từ" if row.structure == POST2025 else "trước"
        raise cells.error(
            f"{this} không thể thuộc {LEVEL_NAMES[parent.level]} {parent.name} (mã "
            f"{parent.code}): cấp trên của một {LEVEL_NAMES[row.level]} {when} "
            f"{fmt_date(registry.change_date)} là một {LEVEL_NAMES[wanted]}", row.row_no,
            "parent_code")


def _refuse_moving_named_units(con, cells: _Cells, rows: list[_UnitRow],
                               registry: UnitRegistry) -> None:
    """A stored unit that a stored table names (it or a unit inside it) keeps its level, parent
    and dates: the table's area, roll-ups and findings rest on them."""
    named = {key: (dataset, count) for key, dataset, count in
             con.execute(sql("units_named_by_datasets")).fetchall()}
    for row in rows:
        stored = registry.units.get(row.key)
        if stored is None or row.key not in named:
            continue
        changes = [(key, old, new) for key, old, new in (
            ("level", stored.level, row.level), ("parent_code", stored.parent_key, row.parent_key),
            ("valid_from", stored.valid_from, row.valid_from),
            ("valid_to", stored.valid_to, row.valid_to)) if old != new]
        if not changes:
            continue
        key, old, new = changes[0]
        dataset, count = named[row.key]
        kind, file_name, as_of = con.execute(
            "SELECT kind, source_file, as_of FROM datasets WHERE dataset_id = ? UNION ALL "
            "SELECT kind, source_file, as_of FROM replaced_datasets WHERE dataset_id = ?",
            [dataset, dataset]).fetchone()
        shown = {"level": lambda v: LEVEL_NAMES[v], "parent_code": lambda v: v or "trống"}.get(
            key, lambda v: fmt_date(v) if v else "trống")
        raise cells.error(
            f"{row.name} (mã {row.code}) đã có trong danh mục và có số liệu trong {count} bảng "
            f"đã nhập (ví dụ bảng {TABLE_KINDS[kind].words} «{file_name}», kỳ "
            f"{fmt_date(as_of)}): không đổi được «{cells.headers[key]}» từ «{shown(old)}» sang "
            f"«{shown(new)}», vì số liệu các bảng đó đã cộng theo vị trí hiện nay của đơn vị. "
            "Tên, tên khác, tọa độ và diện tích thì đổi được", row.row_no, key)


def _each(con, statement: str, params: list[list]) -> None:
    """One statement per parameter set; none for none (DuckDB refuses an empty executemany)."""
    if params:
        con.executemany(statement, params)


_OPTIONAL = ("lat", "lon", "area_km2", "note")  # stored values kept when the file lacks the column


def _write_units(con, cells: _Cells, rows: list[_UnitRow],
                 registry: UnitRegistry) -> tuple[int, int]:
    """Inside the import's transaction: new units after the stored ones, stored ones updated."""
    optional = [key for key in _OPTIONAL if key in cells.headers]
    updates = [row for row in rows if row.key in registry.units]
    if updates:
        sets = ", ".join(f"{c} = ?" for c in ("name", "name_key", "level", "parent_key",
                                               "valid_from", "valid_to", *optional))
        _each(con, f"UPDATE units SET {sets} WHERE unit_key = ?", [
            [r.name, name_key(r.name), r.level, r.parent_key, r.valid_from, r.valid_to,
             *(getattr(r, key) for key in optional), r.key] for r in updates])
    [(start,)] = con.execute("SELECT coalesce(max(sort_order), -1) + 1 FROM units").fetchall()
    added = [row for row in rows if row.key not in registry.units]
    insert_rows(con, "units", [
        (r.key, r.code, not r.code.startswith("L-"), r.name, name_key(r.name), r.level,
         r.parent_key, r.structure, r.valid_from, r.valid_to, r.lat, r.lon, r.area_km2, r.note,
         start + i) for i, r in enumerate(added)])
    if "aliases" in cells.headers:
        _each(con, "DELETE FROM unit_aliases WHERE unit_key = ?", [[r.key] for r in updates])
    insert_rows(con, "unit_aliases", [(r.key, a, name_key(a)) for r in rows for a in r.aliases])
    return len(added), len(updates)


# ---------------------------------------------------------------- merges

@dataclass
class _MergeRow:
    row_no: int
    old_key: str
    new_key: str
    effective_date: dt.date
    is_partial: bool
    note: str | None


def _merge_rows(cells: _Cells, registry: UnitRegistry) -> list[_MergeRow]:
    """Every row read, its codes resolved: the old one to a unit before the change, the new
    one to a unit since."""
    rows = []
    for row_no, values in cells.rows:
        old = _merged_unit(cells, row_no, values, "old_code", PRE2025, registry)
        new = _merged_unit(cells, row_no, values, "new_code", POST2025, registry)
        day = cells.day(row_no, values, "effective_date")
        if day is None:
            raise cells.error("ô bị trống", row_no, "effective_date")
        part = cells.word(row_no, values, "part", "part",
                          "ghi «toàn bộ» hoặc «một phần» (whole/part; true là một phần)")
        rows.append(_MergeRow(row_no, old, new, day, part == "part",
                              cells.text(row_no, values, "note") or None))
    return rows


def _merged_unit(cells: _Cells, row_no: int, values: dict, key: str, structure: str,
                 registry: UnitRegistry) -> str:
    code = cells.text(row_no, values, key, required=True)
    change = fmt_date(registry.change_date)
    when = {PRE2025: f"trước {change}", POST2025: f"từ {change}"}
    unit_key = code if "@" in code else structure_key(code, structure)
    unit = registry.units.get(unit_key)
    if unit is not None and unit.structure == structure:
        return unit_key
    other = unit or registry.units.get(
        structure_key(code, POST2025 if structure == PRE2025 else PRE2025))
    if other is not None and structure == POST2025:
        raise cells.error(f"mã mới «{code}» là {other.name}, đơn vị {when[other.structure]}: chỉ "
                          f"sáp nhập vào đơn vị {when[POST2025]} (nhập đơn vị mới trước bằng "
                          "--kind units)", row_no, key)
    if other is not None:
        raise cells.error(f"mã cũ «{code}» là {other.name}, đơn vị {when[other.structure]}, "
                          f"không phải đơn vị {when[PRE2025]}", row_no, key)
    raise cells.error(f"không có đơn vị mã «{code}» trong danh mục đơn vị (nhập đơn vị trước "
                      "bằng --kind units)", row_no, key)


def _check_merges(cells: _Cells, rows: list[_MergeRow], registry: UnitRegistry) -> None:
    """Each pair once, dated the day its new unit came into force, and an old unit that went
    whole into a new one went into no other (with the merges stored)."""
    pairs: dict[tuple[str, str], _MergeRow] = {}
    for row in rows:
        units = registry.units
        seen = pairs.setdefault((row.old_key, row.new_key), row)
        if seen is not row:
            raise cells.error(f"{units[row.old_key].name} → {units[row.new_key].name} đã có ở "
                              f"dòng {seen.row_no}: mỗi cặp một dòng", row.row_no, "old_code")
        new = units[row.new_key]
        if row.effective_date != new.valid_from:
            raise cells.error(
                f"ngày hiệu lực {fmt_date(row.effective_date)} khác ngày {new.name} bắt đầu hiệu "
                f"lực ({fmt_date(new.valid_from)}, theo danh mục đơn vị)", row.row_no,
                "effective_date")
    merges: dict[str, dict[str, tuple[bool, int | None]]] = {}
    for m in registry.merges:
        merges.setdefault(m.old_key, {})[m.new_key] = (m.is_partial, None)
    for row in rows:
        merges.setdefault(row.old_key, {})[row.new_key] = (row.is_partial, row.row_no)
    for row in rows:
        into = merges[row.old_key]
        whole = [new for new, (partial, _) in into.items() if not partial]
        if len(into) < 2 or not whole:
            continue
        units = registry.units
        other = next(new for new in into if new != whole[0])
        where = {new: f"dòng {n}" if n else "đã có trong danh mục" for new, (_, n) in into.items()}
        raise cells.error(
            f"{units[row.old_key].name} sáp nhập toàn bộ vào {units[whole[0]].name} "
            f"({where[whole[0]]}) nên không thể cũng vào {units[other].name} "
            f"({where[other]}); đơn vị cũ chia cho nhiều đơn vị mới thì mỗi dòng của nó ghi "
            "«một phần»", max(n for _, n in (into[whole[0]], into[other]) if n), "part")


def _write_merges(con, rows: list[_MergeRow], registry: UnitRegistry) -> tuple[int, int]:
    """Inside the import's transaction: a pair already stored is replaced by the file's row."""
    stored = {(m.old_key, m.new_key) for m in registry.merges}
    again = [r for r in rows if (r.old_key, r.new_key) in stored]
    _each(con, "DELETE FROM unit_merges WHERE old_key = ? AND new_key = ?",
          [[r.old_key, r.new_key] for r in again])
    insert_rows(con, "unit_merges", [(r.old_key, r.new_key, r.effective_date, r.is_partial,
                                      r.note) for r in rows])
    return len(rows) - len(again), len(again)
