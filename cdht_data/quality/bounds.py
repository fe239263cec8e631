"""Logical bounds between counts of one row: a part cannot exceed its whole."""

from __future__ import annotations

import re

from ..formulas import sum_counts
from .findings import Hit, vn_number
from .printed_arithmetic import column_title
from .sheet import Sheet


def _exceeds(sheet: Sheet, part_key: str, whole_key: str, what: str) -> list[Hit]:
    hits = []
    for row in sheet.rows:
        part, whole = row.cells.get(part_key), row.cells.get(whole_key)
        if part is not None and whole is not None and part > whole:
            hits.append(Hit(row, whole, part,
                            f"Dòng «{row.label}»: {what} ({column_title(sheet, part_key)}, "
                            f"{vn_number(part)}) lớn hơn {column_title(sheet, whole_key)} "
                            f"({vn_number(whole)})",
                            [sheet.cell_ref(row, part_key), sheet.cell_ref(row, whole_key)]))
    return hits


def recognized_within_registered(con, sheet: Sheet) -> list[Hit]:
    pairs = [("recognized_count", "registered_count")] + [
        (f"{c}:recognized", f"{c}:registered") for c in sheet.columns if c.endswith("_ratio")]
    return [h for part, whole in pairs
            for h in _exceeds(sheet, part, whole, "số được công nhận")]


def registered_within_population_8_60(con, sheet: Sheet) -> list[Hit]:
    return _exceeds(sheet, "registered_count", "age_8_60_count", "số người đăng ký")


def party_members_within_registered(con, sheet: Sheet) -> list[Hit]:
    return _exceeds(sheet, "party_member_count", "registered_count", "số Đảng viên")


def _sum_vs(sheet: Sheet, pattern: str, whole_key: str, parts_name: str) -> list[Hit]:
    hits = []
    for row in sheet.rows:
        keys = sorted(k for k in row.cells if re.fullmatch(pattern, k))
        summed, whole = sum_counts(row.cells.get(k) for k in keys), row.cells.get(whole_key)
        if summed is None or whole is None or summed == whole:
            continue
        hits.append(Hit(row, whole, summed,
                        f"Dòng «{row.label}»: cộng {parts_name} được {vn_number(summed)} nhưng "
                        f"{column_title(sheet, whole_key)} in {vn_number(whole)}",
                        [sheet.cell_ref(row, k) for k in [whole_key, *keys]]))
    return hits


def group_registered_sum_vs_unit(con, sheet: Sheet) -> list[Hit]:
    return _sum_vs(sheet, r"g\d+_ratio:registered", "registered_count", "số đăng ký của các nhóm")


def group_recognized_sum_vs_unit(con, sheet: Sheet) -> list[Hit]:
    return _sum_vs(sheet, r"g\d+_ratio:recognized", "recognized_count",
                   "số được công nhận của các nhóm")


def bands_sum_vs_recognized(con, sheet: Sheet) -> list[Hit]:
    return _sum_vs(sheet, r"band_\d+_\d+", "recognized_count", "các mức điểm đạt")
