"""The rule for a lagging citizen group (views.frames.lagging_groups), shared by the report
draft's recommendations and the outreach planner: on the bundled 30/9/2024 figures, worked out
by hand from report 33/BC-HKH."""

import datetime as dt

import pytest

from cdht_data import views
from cdht_data.metrics import area_figures

LOC_NINH = dt.date(2024, 9, 30)


def test_groups_below_the_district_rate_lag(bundled):
    lagging = views.lagging_groups(area_figures(bundled, "692", LOC_NINH))
    # district 3.523 ÷ 5.049 = 69,78%; Nhóm I 2.133 ÷ 3.349 = 63,69%, Nhóm II 256 ÷ 446 = 57,40%
    # (Nhóm III 89,99% and Nhóm 4 91,80% are above it)
    assert lagging["group_no"].tolist() == [1, 2]
    assert [round(float(v), 2) for v in lagging["recognition_pct"]] == [63.69, 57.40]
    assert round(float(lagging["area_recognition_pct"][0]), 2) == 69.78


def test_a_group_nobody_was_assessed_in_lags_and_one_at_the_area_rate_does_not(bundled):
    # Lộc Hòa: Nhóm I 1 Đạt, Nhóm II 0, Nhóm III 4, Nhóm 4 blank: 5 of 5 assessed Đạt, 100%.
    # Nhóm I and III are at 100% (not below); Nhóm II and 4 have nobody assessed.
    lagging = views.lagging_groups(area_figures(bundled, "25273", LOC_NINH))
    assert lagging["group_no"].tolist() == [2, 4]
    assert lagging["recognition_pct"].isna().all()


def test_one_group_s_figures_are_judged_against_every_group(bundled):
    one = area_figures(bundled, "692", LOC_NINH, group=3)
    assert views.lagging_groups(one)["group_no"].tolist() == [1, 2]
