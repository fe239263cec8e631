"""What «Kế hoạch vận động» draws (cdht_data.plan_page): the plan of plan.for_area laid out as
tables, on the bundled 2024 data and on a copy with a SYNTHETIC table of group sizes; every
expected figure worked out by hand beside it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from cdht_data import store
from cdht_data.ingest import import_file
from cdht_data.plan import NO_PARTNER
from cdht_data.plan_page import plan_page, plan_what_if
from cdht_data.targets import ABLE_8_60
from tests.tables import group_sizes as group_sizes_table

LOC_NINH = dt.date(2024, 9, 30)


@pytest.fixture(scope="module")
def bundled(bundled_db):
    connection = store.open_read(bundled_db)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def district(bundled):
    return plan_page(bundled, "692", LOC_NINH)


def _row(frame: pd.DataFrame, name: str) -> dict:
    return frame[frame["name"] == name].iloc[0].to_dict()


def test_the_area_and_each_unit_against_both_horizons(district):
    assert district.area_words == "huyện Lộc Ninh"
    assert [t.title for t in district.targets] == ["40% năm 2025", "60% năm 2030"]
    near = district.targets[0]
    # ⌈40% × 91.443⌉ = ⌈36.577,2⌉ = 36.578 − 3.523 Đạt = 33.055
    assert (near.area.base_count, near.area.people_to_recognize) == (91443, 33055)
    hoa = _row(near.units, "Lộc Hòa")
    # 40% of 4.175 = 1.670 − 5 = 1.665; all 5 assessed passed, all 5 registered were assessed;
    # 1.665 ÷ 15 months to 31/12/2025 = 111; one period only: no pace seen
    assert {k: hoa[k] for k in ("priority", "base_count", "recognized_count",
                                "people_to_recognize_count", "to_assess_count",
                                "to_register_count", "needed_per_month")} == {
        "priority": 1, "base_count": 4175, "recognized_count": 5,
        "people_to_recognize_count": 1665, "to_assess_count": 1665, "to_register_count": 1665,
        "needed_per_month": 111.0}
    assert pd.isna(hoa["seen_per_month"]) and hoa["is_low_uptake"] and hoa["note"] is None
    # 60% of 4.175 = 2.505 − 5 = 2.500
    assert _row(district.targets[1].units, "Lộc Hòa")["people_to_recognize_count"] == 2500
    # the rows are the plan's units in its priority order, every table alike
    order = [u.name for u in district.plan.units]
    assert district.status["name"].tolist() == order == near.units["name"].tolist()
    assert district.status["priority"].tolist() == list(range(1, 17))
    assert str(near.units["people_to_recognize_count"].dtype) == "Int64"
    # counts Int64 and rates Float64 (an unknown one <NA>), words as Python objects
    assert {c: str(t) for c, t in district.status.dtypes.items()} == {
        "priority": "Int64", "unit_key": "object", "code": "object", "name": "object",
        "is_low_uptake": "bool", "age_8_60_count": "Int64", "registered_count": "Int64",
        "participation_pct": "Float64", "assessed_count": "Int64", "recognized_count": "Int64",
        "recognition_pct": "Float64", "seen_per_month": "Float64"}
    assert district.status["seen_per_month"].isna().all()  # one period: no pace seen


def test_where_each_unit_stands(district):
    quang = _row(district.status, "Lộc Quang")
    # population table: 8–60 5.284, registered 61; scoring: 61 assessed, 31 Đạt;
    # 61 ÷ 5.284 = 1,154…% (printed 1,15); 31 ÷ 61 = 50,819…%
    assert (quang["age_8_60_count"], quang["registered_count"], quang["assessed_count"],
            quang["recognized_count"]) == (5284, 61, 61, 31)
    assert quang["participation_pct"] == pytest.approx(61 / 5284 * 100)
    assert quang["recognition_pct"] == pytest.approx(31 / 61 * 100)
    assert not quang["is_low_uptake"]


def test_groups_without_sizes_give_shares_only(district):
    assert district.plan.group_sizes_known is False
    assert district.group_targets.empty
    groups = district.groups.set_index("group_no")
    # Nhóm I: 2.133 of 3.523 Đạt = 60,545…%; no size
    assert groups.loc[1, "recognized_count"] == 2133
    assert groups.loc[1, "share_pct"] == pytest.approx(2133 / 3523 * 100)
    assert groups["size_count"].isna().all()
    assert [s.partner_id for s in district.partners] == [
        "mat-tran", "lien-doan-lao-dong", "co-quan-don-vi", "phong-gddt"]
    officials = district.partners[2]
    assert officials.group_names == ["Nhóm III (Cán bộ, công chức, viên chức, doanh nhân)"]
    assert officials.labels == {}  # no group target without sizes
    hoa = _row(officials.lines, "Lộc Hòa")
    assert (hoa["recognized_count"], hoa["share_pct"]) == (4, 80.0)  # 4 of Lộc Hòa's 5 Đạt


def test_a_group_chosen_is_its_own_line(district):
    line = district.group_line(3)
    assert (line.group_no, line.recognized, line.size, line.targets) == (3, 854, None, [])
    assert district.group_line(None) is None


def test_what_if_moves_the_figures(district):
    assert plan_what_if(district) is None  # neither setting on
    w = plan_what_if(district, pass_rate_pct=80)
    quang = _row(w.units, "Lộc Quang")
    # ⌊61 × 80%⌋ = 48 Đạt instead of 31: 17 more; 40% × 5.284 = 2.113,6 → 2.114 − 31 = 2.083
    # to go, 2.083 − 17 = 2.066 after
    assert (quang["people_gained_count"], quang["gap_0_count"]) == (17, 2066)
    assert _row(w.units, "Lộc Hòa")["people_gained_count"] == 0  # 100% already
    (now, then), _ = w.area
    assert now.people_to_recognize - then.people_to_recognize == w.result.people_gained > 0
    assert w.labels == {"gap_0_count": "Còn thiếu để đạt 40% năm 2025 (người)",
                        "gap_1_count": "Còn thiếu để đạt 60% năm 2030 (người)"}
    w = plan_what_if(district, median_participation=True)
    hoa = _row(w.units, "Lộc Hòa")
    # median participation 1,11…%: ⌈1,11…% × 4.175⌉ = 47 − 5 = 42 more registered, all
    # assessed and passing as Lộc Hòa's 5 did: 1.665 − 42 = 1.623
    assert (hoa["registered_added_count"], hoa["people_gained_count"], hoa["gap_0_count"]) == (
        42, 42, 1623)
    assert _row(w.units, "Lộc Quang")["registered_added_count"] == 0  # not low


def test_another_base_is_said_in_every_heading(bundled):
    p = plan_page(bundled, "692", LOC_NINH, base=ABLE_8_60)
    hoa = _row(p.targets[0].units, "Lộc Hòa")
    # 4.175 − 8 unable = 4.167; ⌈40% × 4.167⌉ = ⌈1.666,8⌉ = 1.667 − 5 = 1.662
    assert (hoa["base_count"], hoa["people_to_recognize_count"]) == (4167, 1662)
    assert p.targets[0].area.base_words == \
        "dân số 8–60 tuổi trừ người không có khả năng lao động"


def test_the_pilot_and_the_2025_units(bundled, store_2025):
    pilot = plan_page(bundled, "L-QP", dt.date(2021, 7, 31))
    assert len(pilot.plan.groups) == 3 and len(pilot.partners) == 3
    # no population table in the pilot: every gap unknown, and why
    assert pilot.targets[0].units["people_to_recognize_count"].isna().all()
    assert pilot.targets[0].units["note"].str.contains("chưa có dân số 8–60").all()
    with store.reading(store_2025) as con:
        new = plan_page(con, "75@2025", dt.date(2025, 12, 31))
    assert len(new.status) == 7
    thanh = _row(new.status, "Lộc Thạnh")
    # SYNTHETIC: 79 Đạt now, Lộc Hòa 5 + Lộc Thạnh 29 = 34 on 30/9/2024: 45 ÷ 15 months
    assert thanh["seen_per_month"] == 3.0


def test_group_sizes_give_each_group_its_own_distances(store_copy, write_csv):
    # SYNTHETIC: Lộc Hòa has 50 workers (Nhóm II) and 20 officials (Nhóm III)
    with store.writing(store_copy) as con:
        import_file(con, write_csv("synthetic_nhom.csv", group_sizes_table(
            [["1", "Lộc Hòa", "", "50", "20", "", ""]])), "group-sizes")
    with store.reading(store_copy) as con:
        p = plan_page(con, "692", LOC_NINH)
    assert p.plan.group_sizes_known
    assert p.group_targets.empty  # the district's sizes: not every unit has one
    officials = next(s for s in p.partners if s.partner_id == "co-quan-don-vi")
    # 677/QĐ-TTg's and 387/QĐ-TTg's 60% of officials by 2025 are one column (one figure)
    assert officials.labels == {"gap_0_count": "Còn thiếu để đạt 60% năm 2025 (người)",
                                "gap_1_count": "Còn thiếu để đạt 80% năm 2030 (người)"}
    hoa = _row(officials.lines, "Lộc Hòa")
    # 60% × 20 = 12 − 4 Đạt = 8; 80% × 20 = 16 − 4 = 12
    assert (hoa["size_count"], hoa["gap_0_count"], hoa["gap_1_count"]) == (20, 8, 12)
    assert pd.isna(_row(officials.lines, "Lộc An")["gap_0_count"])  # no size: no distance
    workers = next(s for s in p.partners if s.partner_id == "lien-doan-lao-dong")
    assert _row(workers.lines, "Lộc Hòa")["gap_0_count"] == 20  # 40% × 50 − 0
    assert NO_PARTNER not in [s.partner_id for s in p.partners]


def test_a_column_keeps_every_kind_of_blank_as_unknown_and_refuses_a_part_person():
    from cdht_data.plan_page import _column
    counts = _column("registered_count", [5049, None, float("nan"), pd.NA, 0])
    assert str(counts.dtype) == "Int64"
    assert counts.isna().tolist() == [False, True, True, True, False]
    assert counts[0] == 5049 and counts[4] == 0  # a zero is a figure, not a blank
    rates = _column("participation_pct", [5.62, None, float("nan"), 16.7])
    assert str(rates.dtype) == "Float64" and rates.isna().tolist() == [False, True, True, False]
    assert rates[3] == 16.7
    assert str(_column("priority", []).dtype) == "Int64"
    with pytest.raises(TypeError):
        _column("people_to_recognize_count", [33055, 0.5])
