"""The check that the figures a report states in its text (report_text.py) match the report's
own tables: readers quote the prose, so a figure there that disagrees with the table is a
finding, and nobody can tell which of the two is right.
"""

from __future__ import annotations

from ..formulas import round_half_up, sum_counts
from ..reference import ruleset_for
from ..report_text import KIND
from .findings import CellRef, Hit, vn_number
from .printed_arithmetic import column_title, printed_decimals
from .sheet import Row, Sheet, load_sheet

MEASURE_NAMES = {"registered": "số đăng ký", "recognized": "số được công nhận",
                 "assessed": "số đã đánh giá", "party_members": "số Đảng viên",
                 "recognition_of_registered_pct": "tỉ lệ công nhận/đăng ký (%)",
                 "unit_count": "số đơn vị"}
METRICS = {"registered": "registered_count", "recognized": "recognized_count",
           "assessed": "assessed_count", "party_members": "party_member_count",
           "recognition_of_registered_pct": "recognition_of_registered_pct"}


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
