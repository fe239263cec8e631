"""Every metric formula and counting rule, once, for single figures and for whole columns.

The same function serves a total (plain numbers, None where unknown) and a page's unit rows
(numpy arrays of floats, NaN where unknown), so a rate on screen, in `summary --json`, in an
export and in a quality check is computed by one formula. Wording lives in definitions.py.

Missing stays missing: a rate with an unknown or zero denominator is None (NaN in arrays),
never 0.
"""

from __future__ import annotations

import calendar
import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

import numpy as np

from .keys import BANDS


# Each rate of the dashboard: its numerator and denominator columns (metrics.area_figures).
RATE_PARTS = {
    "participation_pct": ("registered_count", "age_8_60_count"),
    "recognition_pct": ("recognized_count", "assessed_count"),
    "recognition_of_registered_pct": ("recognized_count", "registered_count"),
}


def _is_array(*values) -> bool:
    return any(isinstance(v, np.ndarray) for v in values)


def _known(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def sum_counts(values: Iterable[int | None]) -> int | None:
    """Sum of the known counts; None only when every one is unknown (a blank is not a zero)."""
    known = [v for v in values if _known(v)]
    return int(sum(known)) if known else None


def column_total(values: np.ndarray) -> int | None:
    """sum_counts of one column of floats (NaN = unknown)."""
    known = values[~np.isnan(values)]
    return int(known.sum()) if known.size else None


def sum_columns(columns: list[np.ndarray], size: int) -> np.ndarray:
    """sum_counts row by row over columns of one length: NaN where every one is unknown."""
    if not columns:
        return np.full(size, np.nan)
    stacked = np.vstack(columns)
    return np.where(np.isnan(stacked).all(axis=0), np.nan, np.nansum(stacked, axis=0))


def blanks_as_zero_in_reported_rows(columns: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The counting rule for a row of Đạt / Chưa đạt cells: in a row that reports any count, a
    blank cell counts as 0, as the reports' own totals add it (Lộc Tấn, Nhóm II: Đạt blank,
    Chưa đạt 46 is 0 of 46); a row with no count at all stays unknown."""
    if not columns:
        return {}
    reported = ~np.isnan(np.vstack(list(columns.values()))).all(axis=0)
    return {k: np.where(reported & np.isnan(v), 0.0, v) for k, v in columns.items()}


def pct(numerator, denominator):
    """numerator ÷ denominator × 100; unknown where either is unknown or the denominator is 0.

    Plain numbers give a float or None; numpy arrays give an array with NaN for unknown.
    """
    if _is_array(numerator, denominator):
        num = np.asarray(numerator, dtype="float64")
        den = np.asarray(denominator, dtype="float64")
        num, den = np.broadcast_arrays(num, den)
        ok = ~np.isnan(num) & ~np.isnan(den) & (den != 0)
        out = np.full(num.shape, np.nan)
        out[ok] = num[ok] / den[ok] * 100
        return out
    if not _known(numerator) or not _known(denominator) or denominator == 0:
        return None
    return numerator / denominator * 100


def round_half_up(value, places: int = 2) -> float | None:
    """Rounding as reports do it (0,125 -> 0,13), not banker's rounding; from the shortest
    decimal that names the float (repr), so 1,005 rounds to 1,01."""
    if not _known(value):
        return None
    return float(decimal_half_up(value, places))


def decimal_half_up(value, places: int = 2) -> Decimal:
    """round_half_up as an exact Decimal, for formatting without a second rounding."""
    if isinstance(value, Decimal):
        exact = value
    elif isinstance(value, (int, np.integer)):
        exact = Decimal(int(value))
    else:
        exact = Decimal(repr(float(value)))
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def assessed(recognized, not_recognized):
    """Đã đánh giá = Đạt + Chưa đạt; unknown when either is (apply the counting rule of the
    row, blanks_as_zero_in_reported_rows, to the cells first)."""
    if _is_array(recognized, not_recognized):
        return np.asarray(recognized, dtype="float64") + np.asarray(not_recognized,
                                                                    dtype="float64")
    if not _known(recognized) or not _known(not_recognized):
        return None
    return int(recognized) + int(not_recognized)


def recognition_pct(recognized, assessed_count):
    """Tỉ lệ công nhận trên số đã đánh giá = Đạt ÷ (Đạt + Chưa đạt) × 100."""
    return pct(recognized, assessed_count)


def recognition_of_registered_pct(recognized, registered):
    """Tỉ lệ công nhận trên số đăng ký = Đạt ÷ Đăng ký × 100."""
    return pct(recognized, registered)


def participation_pct(registered, population_8_60):
    """Tỉ lệ tham gia = Đăng ký ÷ Dân số 8–60 tuổi × 100 (the Lộc Ninh report's column 7)."""
    return pct(registered, population_8_60)


RATES = {"participation_pct": participation_pct, "recognition_pct": recognition_pct,
         "recognition_of_registered_pct": recognition_of_registered_pct}


def gap_to_target(count: int | None, population: int | None, target_pct: float) -> int | None:
    """People still needed for `count` to reach target_pct % of `population` (0 once reached)."""
    if not _known(count) or not _known(population):
        return None
    needed = math.ceil(Decimal(str(target_pct)) / 100 * int(population))
    return max(0, needed - int(count))


def band_shares(counts: dict[str, int | None]) -> dict[str, float | None]:
    """Share of each band among the recognised (the bands' own total), in %."""
    total = sum_counts(counts.get(b) for b in BANDS)
    return {b: pct(counts.get(b), total) for b in BANDS}


def population_less_unable(age_8_60: int | None, unable: int | None) -> int | None:
    """Dân số 8–60 tuổi trừ người không có khả năng lao động (the population table's columns 3
    and 5): a base a plan may choose instead of the whole 8–60 population. Unknown when either
    count is (a blank "unable" is not a zero)."""
    if not _known(age_8_60) or not _known(unable):
        return None
    return int(age_8_60) - int(unable)


def _month_position(day) -> float:
    """A date as months since year 0: the whole months before its month, plus the share of its
    own month that has passed by its end (the last day of a month counts as the month whole)."""
    length = calendar.monthrange(day.year, day.month)[1]
    return day.year * 12 + (day.month - 1) + day.day / length


def months_between(start, end) -> float:
    """Months from `start` to `end` (negative when `end` is earlier), each date counted as the
    share of its month gone by its end: 30/9/2024 → 31/12/2025 is 15 months, 31/3 → 30/6 is 3,
    15/6 → 30/6 is half of June (0,5)."""
    return _month_position(end) - _month_position(start)


def per_month(people: int | None, months: float | None) -> float | None:
    """People a month: `people` ÷ `months`; unknown when either is, or when no time is left
    (months ≤ 0: the date has passed)."""
    if not _known(people) or not _known(months) or months <= 0:
        return None
    return people / months


def pace_per_month(recognized_now: int | None, recognized_then: int | None,
                   months: float | None) -> float | None:
    """The pace seen: (recognised now − recognised then) ÷ months between the two periods
    (negative when fewer are counted now); unknown without both counts or without time
    between them."""
    if not _known(recognized_now) or not _known(recognized_then):
        return None
    return per_month(int(recognized_now) - int(recognized_then), months)


def people_before_step(people: int | None, came_out: int | None,
                       went_in: int | None) -> int | None:
    """People to bring to a step so that `people` come out of it, at the rate the unit has
    seen (`came_out` of `went_in`), rounded up, in whole numbers (no rounding of the rate):
    to recognise 1.665 where 4 of 5 assessed passed means assessing ⌈1.665 × 5 ÷ 4⌉ = 2.082.
    Unknown when the rate is unknown or 0 (nobody came out); 0 when nobody is needed. More
    out than in (more assessed than registered in a table) counts as all: nobody is assessed
    without registering."""
    if not _known(people):
        return None
    if int(people) == 0:
        return 0
    if not _known(came_out) or not _known(went_in) or int(came_out) <= 0:
        return None
    went_in = max(int(went_in), int(came_out))
    return -(-int(people) * went_in // int(came_out))


def people_to_assess(to_recognize: int | None, recognized: int | None,
                     assessed_count: int | None) -> int | None:
    """Người cần được đánh giá = ⌈cần công nhận × đã đánh giá ÷ Đạt⌉, i.e. ÷ tỉ lệ Đạt
    (Đạt ÷ đã đánh giá) of the unit."""
    return people_before_step(to_recognize, recognized, assessed_count)


def people_to_register(to_assess: int | None, assessed_count: int | None,
                       registered: int | None) -> int | None:
    """Người cần đăng ký = ⌈cần đánh giá × đăng ký ÷ đã đánh giá⌉, i.e. ÷ tỉ lệ đánh giá
    (đã đánh giá ÷ đăng ký) of the unit."""
    return people_before_step(to_assess, assessed_count, registered)


def assessment_pct(assessed_count, registered):
    """Tỉ lệ đánh giá = Đã đánh giá ÷ Đăng ký × 100: how many of those registered have been
    assessed (a plan's step from registering to being assessed)."""
    return pct(assessed_count, registered)


def recognized_at_rate(base: int | None, rate_pct: float | None) -> int | None:
    """People out of `base` at `rate_pct` %, rounded down (a what-if never promises a part of a
    person): 61 assessed at 80% → 48 recognised."""
    if not _known(base) or not _known(rate_pct):
        return None
    return math.floor(Decimal(int(base)) * Decimal(repr(float(rate_pct))) / 100)


def median(values: Iterable[float | None]) -> float | None:
    """The median of the known values (the mean of the middle two for an even count)."""
    known = sorted(float(v) for v in values if _known(v))
    if not known:
        return None
    middle = len(known) // 2
    return known[middle] if len(known) % 2 else (known[middle - 1] + known[middle]) / 2
