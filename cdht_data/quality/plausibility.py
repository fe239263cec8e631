"""Figures that are arithmetically fine but say something about how they were made."""

from __future__ import annotations

import statistics

from ..names import header_key
from .findings import Hit, vn_number
from .printed_arithmetic import column_title
from .sheet import Sheet

AGE_BANDS = ("under_7_count", "age_8_60_count", "over_60_count", "age_8_60_unable_count")
# Real communes differ in age structure by whole percentage points (a town against a rural
# commune); shares that vary by less than 1% of their mean come from one district ratio applied
# to each commune's total, while a count of a dozen people alone varies more by rounding.
MAX_ESTIMATED_CV_PCT = 1.0
MIN_UNITS = 3


def estimated_age_bands(con, sheet: Sheet) -> list[Hit]:
    hits = []
    for key in AGE_BANDS:
        shares = [r.cells[key] / r.cells["population_count"] for r in sheet.unit_rows
                  if r.cells.get(key) is not None and r.cells.get("population_count")]
        if len(shares) < MIN_UNITS or statistics.fmean(shares) == 0:
            continue
        cv = statistics.pstdev(shares) / statistics.fmean(shares) * 100
        if cv >= MAX_ESTIMATED_CV_PCT:
            hits.append(Hit.ok(None))
            continue
        header = sheet.column(key).header.split(" / ")[-1]
        hits.append(Hit(None, MAX_ESTIMATED_CV_PCT, round(cv, 4),
                        f"{column_title(sheet, key).capitalize()} («{header}») chiếm gần như "
                        f"cùng một tỉ lệ dân số ở cả {len(shares)} xã (trung bình "
                        f"{vn_number(statistics.fmean(shares) * 100)}%, hệ số biến thiên "
                        f"{vn_number(cv, 3)}%, dưới ngưỡng {vn_number(MAX_ESTIMATED_CV_PCT)}%): "
                        "số này có vẻ được ước tính bằng một tỉ lệ chung, không phải đếm thực tế",
                        [sheet.ref(None, key)], expected_label="hệ số biến thiên tối thiểu (%)"))
    return hits


def age_band_gap(con, sheet: Sheet) -> list[Hit]:
    young, adult = sheet.columns.get("under_7_count"), sheet.columns.get("age_8_60_count")
    if young is None or adult is None:
        return []
    if "duoi 7" not in header_key(young.header) or "8" not in header_key(adult.header):
        return [Hit.ok(None)]
    return [Hit(None, None, None,
                f"Tiêu đề «{young.header.split(' / ')[-1]}» và «{adult.header.split(' / ')[-1]}» "
                "bỏ sót người đúng 7 tuổi: họ không thuộc nhóm tuổi nào của bảng",
                [sheet.ref(None, "under_7_count"), sheet.ref(None, "age_8_60_count")])]
