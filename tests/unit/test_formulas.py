import pytest

from cdht_data import formulas as f


def test_sum_counts_keeps_all_blank_as_unknown():
    assert f.sum_counts([1, None, 4]) == 5
    assert f.sum_counts([None, None]) is None
    assert f.sum_counts([]) is None


@pytest.mark.parametrize("num, den, expected", [(1329, 7958, 16.700175), (5, 0, None),
                                                (None, 10, None), (3, None, None)])
def test_pct(num, den, expected):
    result = f.pct(num, den)
    assert result == (pytest.approx(expected, abs=1e-6) if expected is not None else None)


def test_round_half_up_rounds_like_a_report():
    assert f.round_half_up(0.125, 2) == 0.13
    assert f.round_half_up(94.545454, 1) == 94.5
    assert f.round_half_up(None) is None


def test_rates():
    assert f.recognition_pct(3523, 5049) == pytest.approx(69.776, abs=1e-3)
    assert f.recognition_of_registered_pct(52, 55) == pytest.approx(94.545, abs=1e-3)
    assert f.participation_pct(5140, 91441) == pytest.approx(5.6211, abs=1e-4)
    assert f.assessed(5, None) == 5


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
    assert shares["70-79"] == pytest.approx(71.154, abs=1e-3)
    assert sum(shares.values()) == pytest.approx(100)
