"""Figures a report states in its text, and the check that they match the report's own tables.

A report's prose often repeats its table ("Nông dân: 15/18 người") or gives figures the table
splits differently ("Nông dân và lao động nông thôn: 17 người"). Readers quote the prose, so a
figure there that disagrees with the table is a finding. The figures are transcribed as printed
into a small table (layout `report_text`) and imported as a dataset of kind "text".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from ..errors import InputError
from ..formulas import round_half_up, sum_counts
from ..layouts import layouts_for
from ..names import header_key, nfc
from ..numbers import is_blank, parse_decimal, parse_rate
from ..readers import _find_as_of, read_grid
from ..reference import ruleset_for
from ..storefile import transaction
from ..units import UnitRegistry
from .findings import CellRef, Hit, vn_number
from .printed_arithmetic import column_title, printed_decimals
from .sheet import Row, Sheet, load_sheet

KIND = "text"
MEASURE_NAMES = {"registered": "số đăng ký", "recognized": "số được công nhận",
                 "assessed": "số đã đánh giá", "party_members": "số Đảng viên",
                 "recognition_of_registered_pct": "tỉ lệ công nhận/đăng ký (%)",
                 "unit_count": "số đơn vị"}
METRICS = {"registered": "registered_count", "recognized": "recognized_count",
           "assessed": "assessed_count", "party_members": "party_member_count",
           "recognition_of_registered_pct": "recognition_of_registered_pct"}


@dataclass
class TextFigure:
    source_row: int
    place: str
    quote: str
    unit_label: str
    unit_key: str | None
    measure: str
    group_no: int | None
    part: str | None
    printed_text: str
    value: Decimal


# ---------------------------------------------------------------- reading

def read_text_figures(path: str | Path) -> tuple[list[str], list[TextFigure]]:
    """Title lines and figures of a transcription; every fault names file, row and column."""
    path = Path(path)
    [layout] = layouts_for(KIND)
    try:
        grid = read_grid(path)
        header_at = next((r for r, row in enumerate(grid)
                          if any(layout.unit_column.search(header_key(c)) for c in row if c)),
                         None)
        if header_at is None:
            raise InputError("không tìm thấy dòng tiêu đề có cột «Đơn vị»")
        keys = [header_key(c) for c in grid[header_at]]
        index = {"unit": next(i for i, k in enumerate(keys) if layout.unit_column.search(k))}
        for spec in layout.columns:
            hits = [i for i, k in enumerate(keys) if k and spec.pattern.search(k)]
            if hits:
                index[spec.key] = hits[0]
            elif spec.required:
                raise InputError(f"thiếu cột «{spec.label}» trong dòng tiêu đề",
                                 row=header_at + 1)
        titles = [" ".join(nfc(str(c)) for c in row if not is_blank(c)) for row in grid[:header_at]]
        figures = [_figure(layout, grid[r], r + 1, index)
                   for r in range(header_at + 1, len(grid))
                   if not all(is_blank(c) for c in grid[r])]
    except InputError as exc:
        raise exc.located(file=path.name)
    if not figures:
        raise InputError("bảng không có dòng số liệu nào dưới dòng tiêu đề", file=path.name)
    return [t for t in titles if t], figures


def _figure(layout, row: list, row_no: int, index: dict[str, int]) -> TextFigure:
    specs = {s.key: s for s in layout.columns}

    def cell(key: str) -> str:
        i = index.get(key)
        return nfc(str(row[i])) if i is not None and i < len(row) and not is_blank(row[i]) else ""

    def enum(key: str) -> str | None:
        text = cell(key)
        if not text:
            if specs[key].required:
                raise InputError(f"ô «{specs[key].label}» bị trống", row=row_no)
            return None
        for name, pattern in layout.values[specs[key].type].items():
            if pattern.search(header_key(text)):
                return name
        raise InputError(f"không hiểu giá trị «{text}» của cột «{specs[key].label}»",
                         row=row_no, column=specs[key].label)

    for key in ("place", "quote", "printed"):
        if not cell(key):
            raise InputError(f"ô «{specs[key].label}» bị trống", row=row_no)
    measure = enum("measure")
    try:
        value = (parse_rate if measure.endswith("_pct") else parse_decimal)(cell("printed"))
    except InputError as exc:
        raise exc.located(row=row_no, column=specs["printed"].label)
    group = enum("group")
    return TextFigure(row_no, cell("place"), cell("quote"), cell("unit"), None, measure,
                      int(group) if group else None, cell("part") or None, cell("printed"),
                      value)


# ---------------------------------------------------------------- import

def import_text_figures(con: duckdb.DuckDBPyConnection, path: str | Path,
                        as_of: dt.date | None = None, replace: bool = False, provenance=None,
                        expected_area: str | None = None, recheck: bool = True):
    """Store one report's text figures as a dataset of kind "text", all or nothing."""
    from ..store import (ImportResult, Provenance, _refresh_findings, existing_dataset,
                         insert_dataset)
    path = Path(path)
    titles, figures = read_text_figures(path)
    as_of = as_of or _find_as_of(titles)
    if as_of is None:
        raise InputError("không thấy ngày số liệu trong tiêu đề (ví dụ «Tính đến ngày "
                         "31/3/2025»); hãy cho ngày bằng --as-of YYYY-MM-DD", file=path.name)
    registry = UnitRegistry.load(con)
    named = [f for f in figures if f.unit_label]
    area_key = expected_area
    if named:
        try:
            chosen, common = registry.resolve_rows(_distinct_units(named), as_of, "Đơn vị")
        except InputError as exc:
            raise exc.located(file=path.name)
        keys = {row.label: chosen[row.row_no] for row in _distinct_units(named)}
        for f in named:
            f.unit_key = keys[f.unit_label]
        area_key = area_key or common
        outside = [f for f in named if area_key not in registry.ancestors(f.unit_key)]
        if outside:
            raise InputError(f"«{outside[0].unit_label}» không thuộc địa bàn {area_key}",
                             file=path.name, row=outside[0].source_row)
    if area_key is None:  # only area-wide figures: the area of the period's tables, if one
        areas = con.execute("SELECT DISTINCT area_key FROM datasets WHERE as_of = ? "
                            "AND kind <> ?", [as_of, KIND]).fetchall()
        if len(areas) != 1:
            raise InputError("không biết lời văn thuộc địa bàn nào: hãy ghi tên đơn vị ở ít nhất "
                             "một dòng", file=path.name)
        area_key = areas[0][0]
    provenance = provenance or Provenance(title=" — ".join(titles) or None)
    area_name = registry.units[area_key].name
    existing = existing_dataset(con, KIND, as_of, area_key, replace, area_name, path.name)
    with transaction(con):
        dataset_id = insert_dataset(con, existing, KIND, as_of, area_key,
                                    ruleset_for(con, as_of, area_key), "report_text", path.name,
                                    provenance)
        con.executemany("INSERT INTO text_figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (dataset_id, f.source_row, f.place, f.quote, f.unit_key, f.measure, f.group_no,
             f.part, f.printed_text, f.value) for f in figures])
        if recheck:
            _refresh_findings(con, as_of)
    return ImportResult(dataset_id, KIND, as_of, area_key, area_name, len(figures),
                        existing is not None)


@dataclass
class _UnitRow:
    row_no: int
    label: str
    code: str | None = None


def _distinct_units(figures: list[TextFigure]) -> list[_UnitRow]:
    """One row per unit name: a report names the same unit in many sentences."""
    first: dict[str, int] = {}
    for f in figures:
        first.setdefault(f.unit_label, f.source_row)
    return [_UnitRow(row_no, label) for label, row_no in first.items()]


# ---------------------------------------------------------------- the check

def text_figure_vs_table(con, sheet: Sheet) -> list[Hit]:
    """Each figure of the text (parts added up) against the same figure in each table."""
    tables = [load_sheet(con, d) for (d,) in con.execute(
        "SELECT dataset_id FROM datasets WHERE as_of = ? AND area_key = ? AND kind <> ? "
        "ORDER BY dataset_id", [sheet.as_of, sheet.area_key, KIND]).fetchall()]
    groups = _ruleset_groups(con, sheet)
    names = dict(con.execute("SELECT unit_key, name FROM units").fetchall())
    codes = dict(con.execute("SELECT unit_key, code FROM units").fetchall())
    hits = []
    for figure in _figures(con, sheet):
        first = figure[0]
        unit = {"unit_key": first["unit_key"], "unit_name": names.get(first["unit_key"]),
                "unit_code": codes.get(first["unit_key"])}
        stated = sum(f["value"] for f in figure)
        for table in tables:
            found = _table_value(table, first["unit_key"], first["measure"], first["group_no"])
            if found is None:
                continue
            value, refs, places, where = found
            stated_places = printed_decimals(first["printed_text"])
            if first["measure"].endswith("_pct"):
                places = min(places, stated_places)
                agree = round_half_up(value, places) == round_half_up(stated, places)
            else:
                agree = value == stated
            if agree:
                hits.append(Hit.ok(unit))
                continue
            what = MEASURE_NAMES[first["measure"]]
            if first["group_no"]:
                what += f" nhóm {groups.get(first['group_no'], first['group_no'])}"
            whose = names.get(first["unit_key"] or sheet.area_key)
            parts = (" (" + " + ".join(f["printed_text"] for f in figure) + ")"
                     if len(figure) > 1 else "")
            hits.append(Hit(
                unit, value, stated,
                f"Lời văn ({first['place']}) ghi {what} của «{whose}» là "
                f"{vn_number(stated, stated_places)}{parts} nhưng bảng ghi "
                f"{vn_number(value, places)} ({where})",
                [_text_ref(sheet, f) for f in figure] + refs,
                expected_label=f"bảng «{table.title}»",
                metrics=_metrics(first["measure"], first["group_no"])))
    return hits


def _figures(con, sheet: Sheet) -> list[list[dict]]:
    """The text's figures, the parts of one split figure together."""
    cur = con.execute("SELECT source_row, place, quote, unit_key, measure, group_no, part, "
                      "printed_text, value::DOUBLE AS value FROM text_figures "
                      "WHERE dataset_id = ? ORDER BY source_row", [sheet.dataset_id])
    names = [d[0] for d in cur.description]
    out: dict[tuple, list[dict]] = {}
    for values in cur.fetchall():
        row = dict(zip(names, values))
        key = ((row["place"], row["unit_key"], row["measure"], row["group_no"])
               if row["part"] else (row["source_row"],))
        out.setdefault(key, []).append(row)
    return list(out.values())


def _table_keys(table: Sheet, row: Row, measure: str, group: int | None) -> list[str]:
    g = f"g{group}" if group else None
    if table.kind == "scoring":
        if measure == "assessed":
            if g:
                return [f"{g}_recognized", f"{g}_not_recognized"]
            return ["printed_assessed"] if "printed_assessed" in row.cells \
                else sorted(row.group_cell_keys())
        if measure == "recognized":
            return [f"{g}_recognized"] if g else sorted(
                k for k in row.group_cell_keys() if "_not_" not in k)
    if table.kind == "pilot":
        if measure == "registered":
            return [f"{g}_ratio:registered" if g else "registered_count"]
        if measure == "recognized":
            return [f"{g}_ratio:recognized" if g else "recognized_count"]
        if measure == "party_members" and not g:
            return ["party_member_count"]
        if measure == "recognition_of_registered_pct":
            return [f"{g}_ratio:pct" if g else "printed_recognition_of_registered_pct"]
    if table.kind == "population" and measure == "registered" and not g:
        return ["registered_count"]
    return []


def _table_value(table: Sheet, unit_key: str | None, measure: str, group: int | None):
    """(value, cells, printed decimals, where) of one figure in one table, or None."""
    if measure == "unit_count":
        if not table.unit_rows:
            return None
        return (len(table.unit_rows), [], 0,
                f"số dòng đơn vị của bảng «{table.title}»")
    if unit_key is None:
        row = table.total_row
    else:
        row = next((r for r in table.unit_rows if r.unit_key == unit_key), None)
    if row is None:
        return None
    keys = [k for k in _table_keys(table, row, measure, group) if row.cells.get(k) is not None]
    if not keys:
        return None
    value = row.cells[keys[0]] if len(keys) == 1 else sum_counts(row.cells[k] for k in keys)
    places = printed_decimals(row.printed.get(keys[0], "")) if measure.endswith("_pct") else 0
    columns = ", ".join(column_title(table, k) for k in keys)
    return (value, [table.ref(row, k, "other") for k in keys], places,
            f"dòng «{row.label}», {columns}")


def _text_ref(sheet: Sheet, figure: dict) -> CellRef:
    what = MEASURE_NAMES[figure["measure"]] + (f" – {figure['part']}" if figure["part"] else "")
    return CellRef(sheet.dataset_id, KIND, figure["source_row"], figure["place"],
                   figure["unit_key"], figure["measure"], what, None, "", figure["value"],
                   figure["printed_text"], "printed", "lời văn", figure["quote"])


def _metrics(measure: str, group: int | None) -> tuple[str, ...]:
    if group and measure in ("registered", "recognized"):
        return (f"g{group}_{measure}_count",)
    return (METRICS[measure],) if measure in METRICS and not group else ()


def _ruleset_groups(con, sheet: Sheet) -> dict[int, str]:
    return {no: short for no, (_, short) in ruleset_for(con, sheet.as_of).get("groups", {}).items()}
