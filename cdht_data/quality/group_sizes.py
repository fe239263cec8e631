"""Checks of a table of group sizes (kind "group-sizes"): its own "Tổng" column, and each
group against the unit's population aged 8–60. Its totals row, missing units and blank rows
are checked by the rules every table gets (registry.ALL)."""

from __future__ import annotations

from ..formatting import fmt_date
from ..keys import parse_group_cell
from .findings import Hit, vn_number
from .printed_arithmetic import row_sum_hits
from .sheet import Sheet, load_sheet

# The population tables a table of group sizes of $as_of is compared with: those at or before
# its date, newest first (a unit takes its row from the first that has one).
_POPULATION = """
    SELECT dataset_id FROM datasets WHERE kind = 'population' AND as_of <= $as_of
    ORDER BY as_of DESC, dataset_id DESC"""


def _size_keys(row) -> list[str]:
    return sorted((k for k in row.cells if (cell := parse_group_cell(k)) and cell[1] == "size"),
                  key=lambda k: parse_group_cell(k)[0])


def sizes_vs_row_total(con, sheet: Sheet) -> list[Hit]:
    """A row's printed "Tổng" is the sum of its groups' sizes (each person in one group)."""
    return row_sum_hits(sheet, "printed_total", _size_keys, "cộng số người của các nhóm",
                        "cộng các nhóm")


def size_within_population_8_60(con, sheet: Sheet) -> list[Hit]:
    """No group of a unit is larger than the unit's people aged 8–60, from the latest
    population table at or before the table's date that has the unit."""
    rows = [r for r in sheet.unit_rows if r.unit_key]
    wanted = {r.unit_key for r in rows}
    found: dict[str, tuple[Sheet, object]] = {}
    for (dataset_id,) in con.execute(_POPULATION, {"as_of": sheet.as_of}).fetchall():
        if wanted <= set(found):
            break
        population = load_sheet(con, dataset_id)
        for other in population.unit_rows:
            if other.unit_key in wanted and other.unit_key not in found \
                    and other.cells.get("age_8_60_count") is not None:
                found[other.unit_key] = (population, other)
    hits = []
    for row in rows:
        if row.unit_key not in found:
            continue
        population, other = found[row.unit_key]
        base = other.cells["age_8_60_count"]
        for key in _size_keys(row):
            size = row.cells.get(key)
            if size is None:
                continue
            if size <= base:
                hits.append(Hit.ok(row))
                continue
            hits.append(Hit(
                row, base, size,
                f"Dòng «{row.label}»: nhóm {parse_group_cell(key)[0]} có {vn_number(size)} "
                f"người ({sheet.column(key).title}), nhiều hơn dân số 8–60 tuổi của đơn vị "
                f"({vn_number(base)}, bảng dân số ngày {fmt_date(population.as_of)})",
                [sheet.ref(row, key, "printed", "số người theo nhóm"),
                 population.ref(other, "age_8_60_count", "other", "dân số")],
                expected_label="dân số 8–60 tuổi (bảng dân số)", metrics=()))
    return hits
