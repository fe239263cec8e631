"""The presenter's line under the lowest units' chart: the low units past the chart on one line
of the slide, so that the slide never scrolls however many units are low."""

import pandas as pd

from ui.presenter import LINE_CHARS, others_line


def _rest(names, rates):
    return pd.DataFrame({"name": names, "participation_pct": pd.array(rates, dtype="Float64")})


def test_a_few_are_all_named():
    rest = _rest(["Lộc An", "Lộc Hiệp"], [0.53, 0.62])
    assert others_line(rest) == "Còn: Lộc An (0,53%), Lộc Hiệp (0,62%)."


def test_many_are_named_as_far_as_a_line_goes_then_counted():
    rest = _rest([f"Xã số {i}" for i in range(1, 31)], [0.5] * 30)
    line = others_line(rest)
    # "Xã số 1 (0,50%)" is 15 characters, ", " joins them: 5 + 15 + 4 × 17 = 88 for five,
    # with " và 25 đơn vị khác" 106 > 100; four: 71 + 18 = 89 fits
    assert line == ("Còn: Xã số 1 (0,50%), Xã số 2 (0,50%), Xã số 3 (0,50%), Xã số 4 (0,50%) "
                    "và 26 đơn vị khác.")
    assert len(line) <= LINE_CHARS
