"""Rules on the figures a source derived itself: totals, row totals, column identities, rates."""

from __future__ import annotations

import re

from ..formulas import RATE_PARTS, pct, round_half_up, sum_counts
from .findings import Hit, vn_number
from .sheet import Sheet

PART_NAMES = {"recognized": "số được công nhận", "registered": "số đăng ký"}
# Printed rates whose formula the header does not print: rate column -> the dashboard's rate
KNOWN_RATES = {"printed_participation_pct": "participation_pct",
               "printed_recognition_of_registered_pct": "recognition_of_registered_pct"}
_SUM = re.compile(r"^\w+(\s*\+\s*\w+)+$")
_RATE = re.compile(r"^(\w+)\s*/\s*(\w+)\s*\*\s*100$")
_LAST_NUMBER = re.compile(r"(\d+(?:,(\d+))?)\s*%?\s*$")


def _is_rate(key: str) -> bool:
    return key.endswith("pct")


def column_title(sheet: Sheet, key: str) -> str:
    title = sheet.column(key).title
    part = key.split(":")[1] if ":" in key else None
    return f"{title} ({PART_NAMES[part]})" if part in PART_NAMES else title


def _unit_word(sheet: Sheet) -> str:
    return "các đơn vị" if sheet.kind == "pilot" else "các xã"


def total_row_vs_unit_sum(con, sheet: Sheet) -> list[Hit]:
    total = sheet.total_row
    if total is None:
        return []
    hits = []
    for key, printed in total.cells.items():
        if _is_rate(key) or printed is None:
            continue
        summed = sum_counts(r.cells.get(key) for r in sheet.unit_rows)
        if summed is None:
            continue
        if summed == printed:
            hits.append(Hit.ok(total))
            continue
        hits.append(Hit(total, summed, printed,
                        f"Dòng «{total.label}», {column_title(sheet, key)} in "
                        f"{vn_number(printed)} nhưng cộng {_unit_word(sheet)} được "
                        f"{vn_number(summed)}",
                        [sheet.ref(total, key)], expected_label=f"cộng {_unit_word(sheet)}"))
    return hits


def row_sum_hits(sheet: Sheet, total_key: str, keys_of, parts_words: str,
                 expected_label: str) -> list[Hit]:
    """Each row's printed total (`total_key`) against the sum of its parts (`keys_of(row)`):
    a row missing either is not judged."""
    hits = []
    for row in sheet.rows:
        printed = row.cells.get(total_key)
        keys = keys_of(row)
        summed = sum_counts(row.cells.get(k) for k in keys)
        if printed is None or summed is None:
            continue
        if summed == printed:
            hits.append(Hit.ok(row))
            continue
        hits.append(Hit(row, summed, printed,
                        f"Dòng «{row.label}», {column_title(sheet, total_key)} in "
                        f"{vn_number(printed)} nhưng {parts_words} được {vn_number(summed)}",
                        [sheet.ref(row, total_key)] + [sheet.ref(row, k, "part") for k in keys],
                        expected_label=expected_label))
    return hits


def row_total_vs_group_cells(con, sheet: Sheet) -> list[Hit]:
    return row_sum_hits(sheet, "printed_assessed", lambda row: sorted(row.group_cell_keys()),
                        "cộng các ô Đạt và Chưa đạt của các nhóm",
                        "cộng Đạt + Chưa đạt các nhóm")


def column_number_identity(con, sheet: Sheet) -> list[Hit]:
    """Printed headers like "1=2+3+4+5": the numbered columns must add up on every row."""
    numbered = sheet.by_number()
    hits = []
    for target in sheet.columns.values():
        if not target.formula or not _SUM.match(target.formula):
            continue
        parts = [numbered.get(n.strip()) for n in target.formula.split("+")]
        if any(p is None for p in parts):
            continue
        for row in sheet.rows:
            printed = row.cells.get(target.key)
            values = [row.cells.get(p.key) for p in parts]
            summed = sum_counts(values)
            if printed is None or summed is None:
                continue
            if summed == printed:
                hits.append(Hit.ok(row))
                continue
            addends = " + ".join(vn_number(v) for v in values)
            hits.append(Hit(row, summed, printed,
                            f"Dòng «{row.label}», cột {target.number} in {vn_number(printed)} "
                            f"nhưng theo tiêu đề {target.number}={target.formula}: "
                            f"{addends} = {vn_number(summed)}",
                            [sheet.ref(row, target.key)]
                            + [sheet.ref(row, p.key, "part") for p in parts],
                            expected_label=f"cột {target.formula}"))
    return hits


def _rate_definitions(sheet: Sheet) -> dict[str, tuple[str, str]]:
    """Printed rate column -> (numerator, denominator) cell keys: from the column number the
    table prints ("7=6/3*100"), else the dashboard's own definition of that rate."""
    numbered = sheet.by_number()
    rates = {}
    for column in sheet.columns.values():
        match = _RATE.match(column.formula or "")
        if match and match.group(1) in numbered and match.group(2) in numbered:
            rates[column.key] = (numbered[match.group(1)].key, numbered[match.group(2)].key)
        elif column.key in KNOWN_RATES:
            rates[column.key] = RATE_PARTS[KNOWN_RATES[column.key]]
        elif column.key.endswith("_ratio"):
            rates[f"{column.key}:pct"] = (f"{column.key}:recognized", f"{column.key}:registered")
    return rates


def printed_decimals(text: str) -> int:
    match = _LAST_NUMBER.search(text.strip())
    return len(match.group(2)) if match and match.group(2) else 0


def printed_pct_vs_recomputed(con, sheet: Sheet) -> list[Hit]:
    """A printed rate against its own numerator and denominator, at the printed precision."""
    hits = []
    for key, (num_key, den_key) in _rate_definitions(sheet).items():
        for row in sheet.rows:
            printed = row.cells.get(key)
            if printed is None or key not in row.printed:
                continue
            places = printed_decimals(row.printed[key])
            numerator, denominator = row.cells.get(num_key), row.cells.get(den_key)
            recomputed = round_half_up(pct(numerator, denominator), places)
            if recomputed is None:
                continue
            if recomputed == round_half_up(printed, places):
                hits.append(Hit.ok(row))
                continue
            hits.append(Hit(row, recomputed, printed,
                            f"Dòng «{row.label}», {column_title(sheet, key)} in "
                            f"{vn_number(printed, places)}% nhưng {vn_number(numerator)} ÷ "
                            f"{vn_number(denominator)} × 100 = {vn_number(recomputed, places)}%",
                            [sheet.ref(row, key), sheet.ref(row, num_key, "part"),
                             sheet.ref(row, den_key, "part")],
                            expected_label="tính lại từ tử số và mẫu số"))
    return hits
