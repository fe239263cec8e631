"""The metric formulas as pure functions (definitions and wording in definitions.py).

Missing stays missing: a rate with an unknown or zero denominator is None, never 0.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

BANDS = ("70-79", "80-89", "90-100")
BELOW = "below"


def sum_counts(values: Iterable[int | None]) -> int | None:
    """Sum of the known counts; None only when every one is unknown (a blank is not a zero)."""
    known = [v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    return int(sum(known)) if known else None


def pct(numerator: float | None, denominator: float | None) -> float | None:
    """numerator ÷ denominator × 100, or None when either is unknown or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator * 100


def round_half_up(value: float | None, places: int = 2) -> float | None:
    """Rounding as reports do it (0,125 -> 0,13), not banker's rounding."""
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def assessed(recognized: int | None, not_recognized: int | None) -> int | None:
    """Đã đánh giá = Đạt + Chưa đạt."""
    return sum_counts([recognized, not_recognized])


def recognition_pct(recognized: int | None, assessed_count: int | None) -> float | None:
    """Tỉ lệ công nhận trên số đã đánh giá = Đạt ÷ (Đạt + Chưa đạt) × 100."""
    return pct(recognized, assessed_count)


def recognition_of_registered_pct(recognized: int | None, registered: int | None) -> float | None:
    """Tỉ lệ công nhận trên số đăng ký = Đạt ÷ Đăng ký × 100."""
    return pct(recognized, registered)


def participation_pct(registered: int | None, population_8_60: int | None) -> float | None:
    """Tỉ lệ tham gia = Đăng ký ÷ Dân số 8–60 tuổi × 100 (the Lộc Ninh report's column 7)."""
    return pct(registered, population_8_60)


def gap_to_target(count: int | None, population: int | None, target_pct: float) -> int | None:
    """People still needed for `count` to reach target_pct % of `population` (0 once reached)."""
    if count is None or population is None:
        return None
    needed = math.ceil(Decimal(str(target_pct)) / 100 * population)
    return max(0, needed - count)


def band_shares(counts: dict[str, int | None]) -> dict[str, float | None]:
    """Share of each band among the recognised (the bands' own total), in %."""
    total = sum_counts(counts.get(b) for b in BANDS)
    return {b: pct(counts.get(b), total) for b in BANDS}
