"""cdht_data.views.presentation: the presenter view's slides, on the bundled Lộc Ninh period
30/9/2024 and the Quảng Phú pilot. Expected figures are worked out by hand from
data/sources/*.csv and data/reference/targets.toml / partners.toml."""

import datetime as dt
import math

import pytest

from cdht_data import views
from cdht_data.definitions import LowUptake

LOC_NINH = dt.date(2024, 9, 30)
PILOT = dt.date(2021, 7, 31)


def test_loc_ninh_headline_and_every_slide(bundled):
    p = views.presentation(bundled, "692", LOC_NINH, None, LowUptake())
    assert [k for k, _ in p.slides] == ["ket_qua", "chi_tieu", "don_vi_thap", "nhom", "ban_do",
                                        "viec_tiep"]
    h = p.headline
    # Printed totals: registered 5.140 (population table, col. 6), 8–60 population 91.443
    # (col. 3 added up), Đạt 3.523, Đạt + Chưa đạt 5.049 (scoring table).
    assert (h["registered_count"], h["age_8_60_count"]) == (5140, 91443)
    assert (h["recognized_count"], h["assessed_count"]) == (3523, 5049)
    assert h["recognition_pct"] == pytest.approx(3523 / 5049 * 100)  # 69,78%
    assert h["participation_pct"] == pytest.approx(5140 / 91443 * 100)  # 5,62%


def test_targets_2025_and_2030_for_all_groups(bundled):
    p = views.presentation(bundled, "692", LOC_NINH, None, LowUptake())
    assert [(s.target.id, s.target.year, s.target.pct) for s in p.targets] == [
        ("677-2025", 2025, 40.0), ("677-2030", 2030, 60.0)]
    for step in p.targets:
        assert step.recognized_pct == pytest.approx(3523 / 91443 * 100)  # 3,85%
    # ⌈40% × 91.443⌉ = ⌈36.577,2⌉ = 36.578 − 3.523 = 33.055;
    # ⌈60% × 91.443⌉ = ⌈54.865,8⌉ = 54.866 − 3.523 = 51.343.
    assert [s.gap_count for s in p.targets] == [33055, 51343]


def test_lowest_units_are_the_low_uptake_ones_lowest_first(bundled):
    p = views.presentation(bundled, "692", LOC_NINH, None, LowUptake())
    # Below 1% of the 8–60 population: Lộc Hòa 5/4.175, Lộc Khánh 10/4.922, Lộc Thiện
    # 12/5.888, Lộc An 31/5.882, Lộc Hiệp 44/7.127, Lộc Thuận 43/6.691, Lộc Hưng 47/6.071.
    assert p.lowest["name"].tolist() == ["Lộc Hòa", "Lộc Khánh", "Lộc Thiện", "Lộc An",
                                         "Lộc Hiệp", "Lộc Thuận", "Lộc Hưng"]
    assert p.lowest["participation_pct"].iloc[0] == pytest.approx(5 / 4175 * 100)


def test_groups_and_the_lagging_ones_with_their_partner(bundled):
    p = views.presentation(bundled, "692", LOC_NINH, None, LowUptake())
    # Printed Đạt / (Đạt + Chưa đạt): I 2.133/3.349, II 256/446, III 854/949, IV 280/305;
    # the district 3.523/5.049 = 69,78%: groups II (57,40%) and I (63,69%) lag.
    assert p.groups["recognition_pct"].tolist() == pytest.approx(
        [2133 / 3349 * 100, 256 / 446 * 100, 854 / 949 * 100, 280 / 305 * 100])
    lag = p.lagging_groups
    assert [g.group_no for g in lag] == [2, 1]
    assert lag[0].recognition_pct == pytest.approx(256 / 446 * 100)
    assert [g.partner.id for g in lag] == ["lien-doan-lao-dong", "mat-tran"]


def test_map_holds_the_sixteen_communes_with_centres(bundled):
    p = views.presentation(bundled, "692", LOC_NINH, None, LowUptake())
    assert len(p.map) == 16 and not p.map["lat"].isna().any()


def test_a_group_filter_changes_the_headline_not_the_lowest_units(bundled):
    p = views.presentation(bundled, "692", LOC_NINH, 2, LowUptake())
    # Nhóm II printed: 256 Đạt, 190 Chưa đạt.
    assert (p.headline["recognized_count"], p.headline["assessed_count"]) == (256, 446)
    assert len(p.lowest) == 7  # participation is not by group


def test_pilot_without_population_and_centres(bundled):
    p = views.presentation(bundled, "L-QP", PILOT, None, LowUptake())
    # No population table: no participation, no map; no unit is low (unknown is not low).
    assert [k for k, _ in p.slides] == ["ket_qua", "chi_tieu", "nhom", "viec_tiep"]
    assert (p.headline["registered_count"], p.headline["recognized_count"]) == (55, 52)
    assert all(s.recognized_pct is None and s.gap_count is None for s in p.targets)
    # Printed 15/18, 6/6, 31/31 against 52/55 = 94,5%: only the farmers lag.
    assert [(g.group_no, g.partner.id) for g in p.lagging_groups] == [(1, "mat-tran")]
    assert math.isclose(p.lagging_groups[0].recognition_pct, 15 / 18 * 100)


def test_no_data_no_slides(bundled):
    assert views.presentation(bundled, "692", dt.date(2000, 1, 1), None, LowUptake()) is None
