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
