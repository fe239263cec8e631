"""The frames the pages draw (cdht_data.views): tiny inline tables, then the bundled data.

Expected real figures are worked out by hand from data/sources/*.csv, not read from the code:
participation = "Số người tham gia đăng ký" ÷ "Số người từ 8 tuổi đến 60 tuổi" × 100.
"""

import datetime as dt

import pandas as pd
import pytest

from cdht_data import metrics, views
from cdht_data.definitions import LowUptake
from cdht_data.metrics import area_figures, for_group
from tests.tables import JUN, MAR


def mask(values, threshold=1.0, quartile=True):
    series = pd.Series(values, dtype="Float64")
    return views.low_uptake_mask(series, LowUptake(threshold, quartile)).tolist()


# ---------------------------------------------------------------- low_uptake_mask

@pytest.mark.parametrize("values, threshold, quartile, expected", [
    # below the threshold only (the quartile rule off)
    ([0.5, 1.0, 2.0], 1.0, False, [True, False, False]),
    ([0.5, 1.0, 2.0], 2.5, False, [True, True, True]),
    # 8 units: ⌈8/4⌉ = 2 lowest are low, whatever the threshold
    ([9, 8, 7, 6, 5, 4, 3, 2], 0.0, True, [False] * 6 + [True, True]),
    # 5 units: ⌈5/4⌉ = 2 lowest
    ([10, 20, 30, 40, 50], 0.0, True, [True, True, False, False, False]),
    # 4 units: ⌈4/4⌉ = 1 lowest
    ([10, 20, 30, 40], 0.0, True, [True, False, False, False]),
    # ties with the cut-off value are all low
    ([3, 1, 1, 1, 5, 6, 7, 8], 0.0, True, [False, True, True, True] + [False] * 4),
    ([5, 2, 2, 9], 0.0, True, [False, True, True, False]),
    # fewer than 4 units with a figure: no quartile, only the threshold
    ([10, 20, 30], 0.0, True, [False, False, False]),
    ([0.5, 20, 30], 1.0, True, [True, False, False]),
    # threshold and quartile together
    ([0.5, 0.8, 5, 6, 7, 8, 9, 10], 1.0, True, [True, True] + [False] * 6),
    ([0.5, 3, 5, 6, 7, 8, 9, 10], 1.0, True, [True, True] + [False] * 6),
])
def test_low_uptake_mask(values, threshold, quartile, expected):
    assert mask(values, threshold, quartile) == expected


def test_unknown_participation_is_never_low():
    assert mask([None, 0.1, None, 5, 6, 7]) == [False, True, False, False, False, False]
    # the quartile counts only the known figures: 3 known -> no quartile at all
    assert mask([None, 10, None, 20, 30], threshold=0.0) == [False] * 5
    assert mask([None, None], threshold=50.0) == [False, False]


def test_low_uptake_mask_keeps_the_index_and_is_boolean():
    series = pd.Series([0.1, 5.0, None], index=[7, 3, 9], dtype="Float64")
    got = views.low_uptake_mask(series, LowUptake())
    assert got.dtype == bool
    assert got.to_dict() == {7: True, 3: False, 9: False}


# ---------------------------------------------------------------- a small store in two periods

def test_previous_figures_is_the_latest_earlier_period(two_periods):
    now = area_figures(two_periods, "692")
    assert now.as_of == JUN
    assert now.periods == [JUN, MAR] == metrics.periods(two_periods, "692")
    before = views.previous_figures(two_periods, now)
    assert before.as_of == MAR and before.periods == now.periods
    assert views.previous_figures(two_periods, before) is None
    assert before.totals["registered_count"] == 28
    assert before.totals["assessed_count"] == 22
    assert views.previous_figures(two_periods, before) is None


def test_changes_between_two_periods(two_periods):
    now = area_figures(two_periods, "692")
    before = views.previous_figures(two_periods, now)
    delta = views.changes(now.totals, before.totals)
    assert delta["registered_count"] == 48 - 28
    assert delta["recognized_count"] == (30 + 2 + 4 + 1) - (10 + 2 + 4 + 1)
    assert delta["assessed_count"] == 45 - 22
    assert delta["participation_pct"] == pytest.approx(48 / 600 * 100 - 28 / 600 * 100)
    assert delta["band_70-79_count"] is None  # unknown in both periods


@pytest.mark.parametrize("current, previous, expected", [
    ({"a": 5, "b": 2.5}, {"a": 3, "b": 3.0}, {"a": 2, "b": -0.5}),
    ({"a": 5, "b": None}, {"a": None, "b": 1}, {"a": None, "b": None}),
    ({"a": 5}, None, {"a": None}),
    ({"a": 5, "c": 1}, {"a": 5}, {"a": 0, "c": None}),
])
def test_changes(current, previous, expected):
    assert views.changes(current, previous) == expected


def _history(con, unit_key):
    """A unit's history, as the drill-down reads it (unit_view)."""
    return views.unit_view(con, unit_key, JUN)[1]


def test_history_lists_every_period_oldest_first(two_periods):
    district = _history(two_periods, "692")
    assert district["as_of"].tolist() == [MAR, JUN]
    assert district["registered_count"].tolist() == [28, 48]
    assert district["assessed_count"].tolist() == [22, 45]
    assert district["recognition_pct"].tolist() == pytest.approx([17 / 22 * 100, 37 / 45 * 100])
    assert set(district["ruleset"]) == {"Bộ tiêu chí theo Quyết định 324/QĐ-KHVN"}
    commune = _history(two_periods, "25273")
    assert commune["registered_count"].tolist() == [20, 40]
    assert commune["participation_pct"].tolist() == pytest.approx([5.0, 10.0])
    # Lộc Khánh: the district's tables cover it but have no row for it: blanks, not zeros
    khanh = _history(two_periods, "25306")
    assert khanh["as_of"].tolist() == [MAR, JUN]
    assert khanh[["registered_count", "recognized_count", "participation_pct"]].isna().all().all()


def test_for_group_keeps_one_group(two_periods):
    fig = area_figures(two_periods, "692", MAR)
    g1 = for_group(fig, 1)
    assert (g1.totals["recognized_count"], g1.totals["not_recognized_count"],
            g1.totals["assessed_count"]) == (14, 5, 19)
    assert g1.totals["recognition_pct"] == pytest.approx(14 / 19 * 100)
    hoa = g1.units.set_index("name").loc["Lộc Hòa"]
    assert (hoa.recognized_count, hoa.assessed_count) == (10, 15)
    assert hoa.recognition_pct == pytest.approx(10 / 15 * 100)
    # the population table is not split by group: registered and participation stay
    assert g1.totals["registered_count"] == 28
    assert g1.totals["participation_pct"] == pytest.approx(28 / 600 * 100)
    assert g1.totals["recognition_of_registered_pct"] is None
    # the figures it was given are untouched
    assert fig.totals["assessed_count"] == 22
    assert for_group(fig, None) is fig
    assert for_group(fig, 9) is fig  # a group the rule set does not have


def test_target_progress():
    got = views.target_progress({"recognized_count": 300, "age_8_60_count": 1000}, 40.0)
    assert got == {"recognized_of_population_pct": pytest.approx(30.0), "target_pct": 40.0,
                   "gap_count": 100}
    assert views.target_progress({"recognized_count": 450, "age_8_60_count": 1000},
                                 40.0)["gap_count"] == 0
    # ⌈12.5% × 1001⌉ = ⌈125.125⌉ = 126
    assert views.target_progress({"recognized_count": 0, "age_8_60_count": 1001},
                                 12.5)["gap_count"] == 126
    missing = views.target_progress({"recognized_count": 5, "age_8_60_count": None}, 40.0)
    assert missing["recognized_of_population_pct"] is None and missing["gap_count"] is None


def test_league_table_orders_by_participation(two_periods):
    fig = area_figures(two_periods, "692", JUN)
    table = views.league_table(fig, LowUptake(threshold_pct=5.0, bottom_quartile=False), 40.0)
    assert list(table.columns) == [
        "rank", "unit_key", "code", "name", "registered_count", "age_8_60_count",
        "participation_pct", "assessed_count", "recognized_count", "recognition_pct",
        "gap_count", "is_low_uptake"]
    assert len(table) == 16  # every commune, the unknown ones last
    assert table["name"].tolist()[:2] == ["Lộc Hòa", "Lộc An"]  # 10% then 4%
    assert table["rank"].tolist() == list(range(1, 17))
    assert table["participation_pct"].iloc[2:].isna().all()
    assert table["is_low_uptake"].tolist() == [False, True] + [False] * 14
    # ⌈40% × 400⌉ − 32 = 128; ⌈40% × 200⌉ − 5 = 75
    assert table["gap_count"].tolist()[:2] == [128, 75]
    assert table["gap_count"].iloc[2:].isna().all()


# ---------------------------------------------------------------- the bundled data

@pytest.fixture(scope="module")
def district(bundled):
    return area_figures(bundled, "692")


@pytest.fixture(scope="module")
def pilot(bundled):
    return area_figures(bundled, "L-QP")


# From loc-ninh_2024_dan-so-dang-ky.csv: registered / 8–60 for the communes below 1%.
LOW_COMMUNES = [("Lộc Hòa", 5, 4175), ("Lộc Khánh", 10, 4922), ("Lộc Thiện", 12, 5888),
                ("Lộc An", 31, 5882), ("Lộc Hiệp", 44, 7127), ("Lộc Thuận", 43, 6691),
                ("Lộc Hưng", 47, 6071)]


def test_bundled_low_uptake_communes(district):
    lows = views.low_uptake_units(district, LowUptake())
    assert lows["name"].tolist() == [n for n, _, _ in LOW_COMMUNES]
    assert lows["participation_pct"].tolist() == pytest.approx(
        [r / p * 100 for _, r, p in LOW_COMMUNES])
    assert round(lows["participation_pct"].iloc[0], 2) == 0.12


def test_bundled_low_uptake_follows_the_setting(district):
    # the quartile alone: ⌈16/4⌉ = 4 lowest
    assert views.low_uptake_units(district, LowUptake(0.0, True))["name"].tolist() == [
        "Lộc Hòa", "Lộc Khánh", "Lộc Thiện", "Lộc An"]
    # below 1.5%: the seven, then Lộc Thạnh 32/3017 = 1,06%, Lộc Quang 61/5284 = 1,15%,
    # Lộc Thái 77/5402 = 1,43%
    names = views.low_uptake_units(district, LowUptake(1.5, False))["name"].tolist()
    assert names == [n for n, _, _ in LOW_COMMUNES] + ["Lộc Thạnh", "Lộc Quang", "Lộc Thái"]
    assert views.low_uptake_units(district, LowUptake(0.1, False)).empty


def test_bundled_league_table(district):
    table = views.league_table(district, LowUptake(), 40.0)  # 677/QĐ-TTg, 2025
    # highest participation: Lộc Thịnh 1056/3551 = 29,74%, TT Lộc Ninh 1329/7958 = 16,70%,
    # Lộc Phú 723/5100 = 14,18%
    assert table["name"].tolist()[:3] == ["Lộc Thịnh", "Thị trấn Lộc Ninh", "Lộc Phú"]
    assert table["name"].iloc[-1] == "Lộc Hòa"
    assert table["participation_pct"].is_monotonic_decreasing
    assert int(table["is_low_uptake"].sum()) == 7
    thinh = table.iloc[0]
    # ⌈40% × 3551⌉ = 1421 people; recognised 959 + 3 + 60 = 1022
    assert thinh["gap_count"] == 1421 - 1022


def test_bundled_totals_and_target(district):
    t = district.totals
    assert (t["registered_count"], t["assessed_count"], t["recognized_count"]) == (5140, 5049, 3523)
    # the rows of column 3 add up to 91.443 (the printed total says 91.441)
    assert t["age_8_60_count"] == 91443
    progress = views.target_progress(t, 40.0)
    assert progress["recognized_of_population_pct"] == pytest.approx(3523 / 91443 * 100)
    assert progress["gap_count"] == 36578 - 3523  # ⌈0,4 × 91.443⌉ = ⌈36.577,2⌉


def test_bundled_group_two(district):
    g2 = for_group(district, 2)
    # Nhóm II: Đạt 103+143+2+3+1+3+1 = 256, Chưa đạt 140+46+4 = 190
    assert (g2.totals["recognized_count"], g2.totals["not_recognized_count"],
            g2.totals["assessed_count"]) == (256, 190, 446)
    assert g2.totals["recognition_pct"] == pytest.approx(256 / 446 * 100)
    assert g2.totals["registered_count"] == 5140  # not split by group in Lộc Ninh
    phu = g2.units.set_index("name").loc["Lộc Phú"]
    assert (phu.recognized_count, phu.assessed_count) == (143, 147)


def test_bundled_group_totals(district):
    totals = views.group_totals(district).set_index("group_no")
    assert totals["recognized_count"].tolist() == [2133, 256, 854, 280]
    assert totals["not_recognized_count"].tolist() == [1216, 190, 95, 25]
    assert totals["assessed_count"].tolist() == [3349, 446, 949, 305]
    # Nhóm I: Lộc Tấn 60/603 = 9,95%; Nhóm III: Lộc Quang 31/61; Nhóm 4: Lộc Tấn 18/28
    assert totals.loc[1, "lowest_unit"] == "Lộc Tấn"
    assert totals.loc[1, "lowest_pct"] == pytest.approx(60 / 603 * 100)
    assert totals.loc[3, "lowest_unit"] == "Lộc Quang"
    assert totals.loc[4, "lowest_unit"] == "Lộc Tấn"
    assert totals.loc[4, "lowest_pct"] == pytest.approx(18 / 28 * 100)
    # no one assessed in Nhóm I (0 Đạt, blank Chưa đạt) in four communes
    assert totals.loc[1, "units_without_assessed"] == ["Lộc Hiệp", "Lộc Quang", "Lộc Hưng",
                                                       "Lộc Khánh"]
    assert totals.loc[3, "units_without_assessed"] == []
    # Nhóm 4 has figures in 5 communes only
    assert len(totals.loc[4, "units_without_assessed"]) == 11


def test_bundled_group_two_lags_most_in_loc_tan(district):
    totals = views.group_totals(district).set_index("group_no")
    assert totals.loc[2, "lowest_unit"] == "Lộc Tấn"
    assert totals.loc[2, "lowest_pct"] == 0.0


def test_bundled_group_table_is_long_and_typed(district):
    long = views.group_table(district)
    assert len(long) == 16 * 4
    assert str(long["recognized_count"].dtype) == "Int64"
    assert str(long["recognition_pct"].dtype) == "Float64"
    tt = long[(long["name"] == "Thị trấn Lộc Ninh") & (long["group_no"] == 1)].iloc[0]
    assert (tt.recognized_count, tt.not_recognized_count, tt.assessed_count) == (290, 315, 605)


def test_bundled_pilot_bands(pilot):
    bands = views.band_table(pilot)
    whole = bands[bands["unit_key"] == "L-QP"].set_index("band")
    assert whole["name"].iloc[0] == "Toàn xã Quảng Phú"
    assert whole["person_count"].tolist() == [37, 13, 2]
    assert whole["share_pct"].tolist() == pytest.approx([37 / 52 * 100, 13 / 52 * 100,
                                                         2 / 52 * 100])
    office = bands[bands["unit_key"] == "L-QP-1"]
    assert office["person_count"].tolist() == [15, 9, 1]
    assert office["share_pct"].tolist() == pytest.approx([60.0, 36.0, 4.0])
    assert len(bands) == 4 * 3


def test_no_bands_for_the_district(district, bundled):
    assert not district.has_bands
    assert views.band_table(district).empty
    assert list(views.band_table(district).columns) == ["unit_key", "name", "band",
                                                        "person_count", "share_pct"]
    assert views.band_group_table(bundled, district).empty


def test_bundled_pilot_per_group_registered(pilot):
    # «Nông dân» cells: 1/1, 10/13, 4/4 -> 15 of 18 registered
    farmers = for_group(pilot, 1)
    assert farmers.totals["registered_count"] == 18
    assert farmers.totals["recognized_count"] == 15
    assert farmers.totals["recognition_of_registered_pct"] == pytest.approx(15 / 18 * 100)
    village = farmers.units.set_index("unit_key").loc["L-QP-2"]
    assert (village.registered_count, village.recognized_count) == (13, 10)
    assert village.recognition_of_registered_pct == pytest.approx(10 / 13 * 100)
    assert farmers.totals["participation_pct"] is None  # the pilot has no population table
    assert pilot.totals["registered_count"] == 55


def test_bundled_pilot_group_totals(pilot):
    totals = views.group_totals(pilot).set_index("group_no")
    assert totals["recognized_count"].tolist() == [15, 6, 31]
    assert totals["assessed_count"].tolist() == [18, 6, 31]
    assert totals.loc[1, "lowest_unit"] == "Thôn Bao La – Đức Nhuận"
    # the commune office prints a bare 0 for Công nhân: no one of that group
    assert totals.loc[2, "units_without_assessed"] == ["Cơ quan xã Quảng Phú"]


def test_bundled_map_frame(bundled, district):
    places = views.unit_places(bundled, district.units["unit_key"].tolist())
    frame = views.map_frame(district, places, LowUptake())
    assert len(frame) == 16
    hoa = frame.set_index("name").loc["Lộc Hòa"]
    assert (hoa.lat, hoa.lon) == pytest.approx((11.9421, 106.5931))  # data/reference/units.csv
    assert bool(hoa.is_low_uptake)
    assert int(frame["is_low_uptake"].sum()) == 7
    assert frame[["lat", "lon"]].notna().all().all()


def test_bundled_areas_and_drill_units(bundled, district, pilot):
    areas = views.areas_with_data(bundled)
    assert {"692", "L-QP"} <= set(areas["unit_key"])
    drill = views.drill_units(district)
    assert len(drill) == 16 and drill[0] == ("25270", "Thị trấn Lộc Ninh")
    # a commune opens itself first, then its sub-units
    assert [k for k, _ in views.drill_units(pilot)] == ["L-QP", "L-QP-1", "L-QP-2", "L-QP-3"]


def test_bundled_history_has_one_period(bundled):
    got = views.unit_view(bundled, "692", dt.date(2024, 9, 30))[1]
    assert got["as_of"].tolist() == [dt.date(2024, 9, 30)]
    assert got["registered_count"].tolist() == [5140]


def test_bundled_history_of_a_unit_whose_code_a_2025_commune_shares(bundled):
    """25270 is Thị trấn Lộc Ninh's key and code, and the code of the 2025 commune Lộc Ninh:
    the history of the key is the town's."""
    got = views.unit_view(bundled, "25270", dt.date(2024, 9, 30))[1]
    assert got["as_of"].tolist() == [dt.date(2024, 9, 30)]
    assert got["registered_count"].tolist() == [1329]


@pytest.mark.parametrize("unit_key", ["692", "25273", "25306"])
def test_unit_view_is_area_figures_and_history_in_one_pass(two_periods, unit_key):
    for day in (MAR, JUN, dt.date(2025, 12, 31)):  # the last has no table of its own
        fig, past = views.unit_view(two_periods, unit_key, day)
        alone = area_figures(two_periods, unit_key, day)
        assert (fig.as_of, fig.totals, fig.notes) == (alone.as_of, alone.totals, alone.notes)
        pd.testing.assert_frame_equal(fig.units, alone.units)
        assert past["as_of"].tolist() == [MAR, JUN]
        assert [None if pd.isna(v) else v for v in past["registered_count"]] == [
            area_figures(two_periods, unit_key, d).totals["registered_count"] for d in (MAR, JUN)]
    late, _ = views.unit_view(two_periods, unit_key, dt.date(2025, 12, 31))
    assert late.notes and late.totals == area_figures(two_periods, unit_key, JUN).totals


def test_bundled_unit_view_of_the_town_whose_code_a_2025_commune_shares(bundled):
    fig, past = views.unit_view(bundled, "25270", dt.date(2024, 9, 30))
    assert fig.area.name == "Thị trấn Lộc Ninh" and fig.totals["registered_count"] == 1329
    assert past["registered_count"].tolist() == [1329]


def test_weakest_group_is_group_totals_lowest_rate(district, pilot):
    for fig in (district, pilot):
        totals = views.group_totals(fig).dropna(subset=["recognition_pct"])
        lowest = totals.sort_values("recognition_pct", kind="stable").iloc[0]
        worst = views.weakest_group(fig)
        assert worst["group_name"] == lowest["group_name"]
        assert (worst["recognized_count"], worst["assessed_count"]) == (
            lowest["recognized_count"], lowest["assessed_count"])
        assert worst["recognition_pct"] == pytest.approx(lowest["recognition_pct"])
