import datetime as dt

import numpy as np
import pytest

from cdht_data import formulas as f


def test_sum_counts_keeps_all_blank_as_unknown():
    assert f.sum_counts([1, None, 4]) == 5
    assert f.sum_counts([None, None]) is None
    assert f.sum_counts([]) is None


@pytest.mark.parametrize("num, den, expected", [(1329, 7958, 1329 / 7958 * 100), (5, 0, None),
                                                (None, 10, None), (3, None, None)])
def test_pct(num, den, expected):
    result = f.pct(num, den)
    assert result == (pytest.approx(expected, abs=1e-6) if expected is not None else None)


def test_round_half_up_rounds_like_a_report():
    assert f.round_half_up(0.125, 2) == 0.13
    assert f.round_half_up(94.545454, 1) == 94.5
    assert f.round_half_up(None) is None


def test_rates():
    assert f.recognition_pct(3523, 5049) == pytest.approx(3523 / 5049 * 100)  # 69,776…
    assert f.recognition_of_registered_pct(52, 55) == pytest.approx(52 / 55 * 100)  # 94,545…
    assert f.participation_pct(5140, 91441) == pytest.approx(5140 / 91441 * 100)  # 5,6211…
    assert f.assessed(5, 0) == 5
    assert f.assessed(5, None) is None  # Chưa đạt unknown: apply the row's counting rule first


@pytest.mark.parametrize("count, population, target, expected", [
    (3523, 91441, 40, 33054),  # ceil(36576.4) - 3523
    (100, 200, 40, 0),         # already above target
    (0, 10, 33.3, 4),          # ceil(3.33)
    (None, 10, 40, None),
])
def test_gap_to_target(count, population, target, expected):
    assert f.gap_to_target(count, population, target) == expected


def test_band_shares():
    shares = f.band_shares({"70-79": 37, "80-89": 13, "90-100": 2})
    assert shares["70-79"] == pytest.approx(37 / 52 * 100)  # 71,154…
    assert sum(shares.values()) == pytest.approx(100)


def test_one_rate_function_serves_totals_and_columns():
    nan = np.nan
    rates = f.participation_pct(np.array([1329.0, nan, 5.0]), np.array([7958.0, 10.0, 0.0]))
    assert rates[0] == pytest.approx(f.participation_pct(1329, 7958))
    assert np.isnan(rates[1]) and np.isnan(rates[2])  # unknown, and a zero denominator


def test_blanks_count_as_zero_only_in_a_reported_row():
    nan = np.nan
    counted = f.blanks_as_zero_in_reported_rows({
        "g1_recognized_count": np.array([nan, 4.0, nan]),
        "g1_not_recognized_count": np.array([46.0, nan, nan])})
    assert counted["g1_recognized_count"].tolist()[:2] == [0.0, 4.0]
    assert counted["g1_not_recognized_count"].tolist()[:2] == [46.0, 0.0]
    assert np.isnan(counted["g1_recognized_count"][2])  # a row with no count stays unknown


@pytest.mark.parametrize("value, places, expected", [
    (0.125, 2, "0.13"), (1.005, 2, "1.01"), (2.5, 0, "3"), (16.695, 2, "16.70"),
    (-0.125, 2, "-0.13"), (np.float64(0.125), 2, "0.13"), (np.int64(7), 2, "7.00")])
def test_decimal_half_up_rounds_the_printed_decimal(value, places, expected):
    assert str(f.decimal_half_up(value, places)) == expected


def test_column_total_keeps_all_blank_as_unknown():
    assert f.column_total(np.array([1.0, np.nan, 4.0])) == 5
    assert f.column_total(np.array([np.nan])) is None


def test_screen_and_json_round_alike():
    """The screen used babel's half-even: 0,125% showed "0,12%" while summary --json gave 0.13."""
    from cdht_data.formatting import fmt_decimal, fmt_pct
    assert fmt_pct(0.125) == "0,13%"
    assert fmt_decimal(f.round_half_up(1.005, 2)) == fmt_decimal(1.005) == "1,01"


@pytest.mark.parametrize("start, end, expected", [
    (dt.date(2024, 9, 30), dt.date(2025, 12, 31), 15),   # Oct 2024 … Dec 2025: 3 + 12
    (dt.date(2024, 9, 30), dt.date(2030, 12, 31), 75),   # 3 + 6 × 12
    (dt.date(2025, 3, 31), dt.date(2025, 6, 30), 3),     # April, May, June
    (dt.date(2025, 6, 15), dt.date(2025, 6, 30), 0.5),   # 15 of June's 30 days
    (dt.date(2021, 7, 31), dt.date(2024, 9, 30), 38),    # 5 + 12 + 12 + 9
    (dt.date(2026, 1, 31), dt.date(2025, 12, 31), -1),   # past due
])
def test_months_between(start, end, expected):
    assert f.months_between(start, end) == pytest.approx(expected)


@pytest.mark.parametrize("people, months, expected", [
    (1665, 15, 111.0),  # Lộc Hòa, 40% by 31/12/2025 from 30/9/2024: 1.665 ÷ 15
    (0, 15, 0.0),
    (10, 0, None),      # no time left
    (10, -2, None),
    (None, 15, None),
])
def test_per_month(people, months, expected):
    assert f.per_month(people, months) == expected


def test_pace_per_month():
    assert f.pace_per_month(38, 17, 3) == pytest.approx(7.0)  # (38 − 17) ÷ 3
    assert f.pace_per_month(10, 12, 2) == pytest.approx(-1.0)  # fewer counted now
    assert f.pace_per_month(10, None, 2) is None  # no earlier period
    assert f.pace_per_month(10, 5, 0) is None  # no time between


@pytest.mark.parametrize("people, came_out, went_in, expected", [
    (1665, 5, 5, 1665),       # Lộc Hòa: 5 Đạt of 5 assessed
    (1665, 4, 5, 2082),       # ⌈1.665 × 5 ÷ 4⌉ = ⌈2.081,25⌉
    (3, 3, 7, 7),             # 3 of 7 pass: exactly 7, no rounding of 42,857…%
    (0, 1, 2, 0),             # nobody needed, whatever the rate
    (10, 0, 5, None),         # nobody passed: no number of people is enough
    (10, None, 5, None),
    (10, 6, 5, 10),           # more assessed than registered counts as every one
])
def test_people_before_step(people, came_out, went_in, expected):
    assert f.people_to_assess(people, came_out, went_in) == expected
    assert f.people_to_register(people, came_out, went_in) == expected


def test_assessment_pct():
    assert f.assessment_pct(1239, 1329) == pytest.approx(1239 / 1329 * 100)  # 93,23…
    assert f.assessment_pct(5, 0) is None


def test_population_less_unable():
    assert f.population_less_unable(4175, 8) == 4167  # Lộc Hòa: columns 3 − 5
    assert f.population_less_unable(4175, None) is None


def test_recognized_at_rate_rounds_down():
    assert f.recognized_at_rate(61, 80.0) == 48  # ⌊48,8⌋
    assert f.recognized_at_rate(5, 100.0) == 5
    assert f.recognized_at_rate(None, 80.0) is None


def test_median():
    assert f.median([3.0, None, 1.0, 2.0]) == 2.0
    assert f.median([4.0, 1.0, 2.0, 3.0]) == 2.5
    assert f.median([None]) is None
