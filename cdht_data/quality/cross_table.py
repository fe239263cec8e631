"""The same quantity printed in two tables of one period and area must agree."""

from __future__ import annotations

from ..formulas import sum_counts
from .findings import Hit, vn_number
from .sheet import Sheet, load_sheet


def _population_sheet(con, sheet: Sheet) -> Sheet | None:
    found = con.execute("SELECT dataset_id FROM datasets WHERE kind = 'population' AND as_of = ? "
                        "AND area_key = ?", [sheet.as_of, sheet.area_key]).fetchone()
    return load_sheet(con, found[0]) if found else None


def _compare(row, label, assessed, registered, cells) -> Hit | None:
    if assessed is None or registered is None:
        return None
    if assessed == registered:
        return Hit.ok(row)
    severity = "warning" if assessed > registered else "information"
    return Hit(row, registered, assessed,
               f"{label}: bảng chấm điểm có {vn_number(assessed)} người đã đánh giá (Đạt + Chưa "
               f"đạt) nhưng bảng dân số ghi {vn_number(registered)} người đăng ký", cells, severity,
               expected_label="số đăng ký (bảng dân số)",
               metrics=("assessed_count", "registered_count"))


def assessed_vs_registered(con, sheet: Sheet) -> list[Hit]:
    if sheet.kind != "scoring":
        return []
    population = _population_sheet(con, sheet)
    if population is None:
        return []
    registered_rows = {r.unit_key: r for r in population.unit_rows}
    hits, assessed_all, registered_all = [], [], []
    for row in sheet.unit_rows:
        other = registered_rows.get(row.unit_key)
        if other is None:
            continue
        keys = sorted(row.group_cell_keys())
        assessed = sum_counts(row.cells.get(k) for k in keys)
        registered = other.cells.get("registered_count")
        assessed_all.append(assessed)
        registered_all.append(registered)
        cells = [sheet.ref(row, k, "part", "chấm điểm") for k in keys]
        cells.append(population.ref(other, "registered_count", "other", "dân số"))
        hit = _compare(row, f"«{row.unit_name}»", assessed, registered, cells)
        if hit:
            hits.append(hit)
    total = _compare(None, "Cộng các xã có ở cả hai bảng", sum_counts(assessed_all),
                     sum_counts(registered_all), [])
    return hits + ([total] if total else [])
