"""Logical bounds between counts of one row: a part cannot exceed its whole."""

from __future__ import annotations

import re

from ..formulas import sum_counts
from .findings import Hit, vn_number
from .printed_arithmetic import column_title
from .sheet import Sheet


def _exceeds(sheet: Sheet, part_key: str, whole_key: str, part_name: str,
             whole_name: str) -> list[Hit]:
    hits = []
    for row in sheet.rows:
        part, whole = row.cells.get(part_key), row.cells.get(whole_key)
        if part is None or whole is None:
            continue
        if part <= whole:
            hits.append(Hit.ok(row))
            continue
        hits.append(Hit(row, whole, part,
                        f"Dòng «{row.label}»: {part_name} {vn_number(part)} "
                        f"({sheet.column(part_key).title}) lớn hơn {whole_name} "
                        f"{vn_number(whole)} ({sheet.column(whole_key).title})",
                        [sheet.ref(row, part_key), sheet.ref(row, whole_key, "other")],
                        expected_label=f"{whole_name} (giới hạn trên)"))
    return hits


def recognized_within_registered(con, sheet: Sheet) -> list[Hit]:
    pairs = [("recognized_count", "registered_count")] + [
        (f"{c}:recognized", f"{c}:registered") for c in sheet.columns if c.endswith("_ratio")]
    return [h for part, whole in pairs
            for h in _exceeds(sheet, part, whole, "số được công nhận", "số đăng ký")]


def registered_within_population_8_60(con, sheet: Sheet) -> list[Hit]:
    return _exceeds(sheet, "registered_count", "age_8_60_count", "số người đăng ký",
                    "dân số 8–60 tuổi")


def party_members_within_registered(con, sheet: Sheet) -> list[Hit]:
    return _exceeds(sheet, "party_member_count", "registered_count", "số Đảng viên",
                    "số đăng ký")


def _sum_vs(sheet: Sheet, pattern: str, whole_key: str, parts_name: str) -> list[Hit]:
    hits = []
    for row in sheet.rows:
        keys = sorted(k for k in row.cells if re.fullmatch(pattern, k))
        summed, whole = sum_counts(row.cells.get(k) for k in keys), row.cells.get(whole_key)
        if summed is None or whole is None:
            continue
        if summed == whole:
            hits.append(Hit.ok(row))
            continue
        hits.append(Hit(row, summed, whole,
                        f"Dòng «{row.label}»: cộng {parts_name} được {vn_number(summed)} nhưng "
                        f"{column_title(sheet, whole_key)} in {vn_number(whole)}",
                        [sheet.ref(row, whole_key)] + [sheet.ref(row, k, "part") for k in keys],
                        expected_label=f"cộng {parts_name}"))
    return hits


def group_registered_sum_vs_unit(con, sheet: Sheet) -> list[Hit]:
    return _sum_vs(sheet, r"g\d+_ratio:registered", "registered_count", "số đăng ký của các nhóm")


def group_recognized_sum_vs_unit(con, sheet: Sheet) -> list[Hit]:
    return _sum_vs(sheet, r"g\d+_ratio:recognized", "recognized_count",
                   "số được công nhận của các nhóm")


def bands_sum_vs_recognized(con, sheet: Sheet) -> list[Hit]:
    return _sum_vs(sheet, r"band_\d+_\d+", "recognized_count", "các mức điểm đạt")
