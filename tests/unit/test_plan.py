"""The outreach plan (cdht_data.plan) on the bundled 2024 data, the SYNTHETIC 2025-structure
store, the pilot's three groups and two made-up periods, each expected figure worked out by
hand beside it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from cdht_data import store
from cdht_data.errors import InputError
from cdht_data.keys import POST2025, PRE2025
from cdht_data.plan import NO_PARTNER, by_partner, plan, plan_json, what_if
from cdht_data.targets import ABLE_8_60, GROUP_SIZE

LOC_NINH = dt.date(2024, 9, 30)
END_2025 = dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def district(bundled):
    return plan(bundled, "692", LOC_NINH)


@pytest.fixture(scope="module")
def in_2025(store_2025):
    connection = store.open_read(store_2025)
    yield connection
    connection.close()


def _unit(p, name):
    return next(u for u in p.units if u.name == name)


def _target(found, target_id):
    return next(d for d in found if d.target_id == target_id)


def test_loc_hoa_against_both_horizons(district):
    hoa = _unit(district, "Lộc Hòa")
    near, far = _target(hoa.targets, "677-2025"), _target(hoa.targets, "677-2030")
    # 40% of 4.175 = 1.670 people; 5 recognised (Nhóm I 1 + Nhóm III 4) → 1.665 to go
    assert (near.base_count, near.recognized, near.people_to_recognize) == (4175, 5, 1665)
    # all 5 assessed passed and all 5 registered were assessed: as many to assess and register
    assert (near.to_assess, near.to_register) == (1665, 1665)
    # 30/9/2024 → 31/12/2025: 15 months; 1.665 ÷ 15 = 111 a month
    assert (near.months_left, near.needed_per_month) == (15, 111)
    # 60% of 4.175 = 2.505 → 2.500 to go; 30/9/2024 → 31/12/2030: 75 months, 2.500 ÷ 75
    assert (far.people_to_recognize, far.months_left) == (2500, 75)
    assert far.needed_per_month == pytest.approx(2500 / 75)
    assert near.base == "dan_so_8_60" and near.base_words.startswith("dân số 8–60 tuổi")
    assert near.recognized_pct == pytest.approx(5 / 4175 * 100)  # 0,12%


def test_people_to_assess_and_register_at_the_units_own_rates(district):
    town = _target(_unit(district, "Thị trấn Lộc Ninh").targets, "677-2025")
    # Đạt 290 + 103 + 244 + 114 = 751; assessed 751 + 315 + 140 + 33 = 1.239; registered 1.329
    # 40% of 7.958 = 3.183,2 → 3.184 − 751 = 2.433
    assert town.people_to_recognize == 2433
    # ⌈2.433 × 1.239 ÷ 751⌉ = ⌈4.013,96⌉ = 4.014 to assess (pass rate 751/1.239)
    assert town.to_assess == 4014
    # ⌈4.014 × 1.329 ÷ 1.239⌉ = ⌈4.305,57⌉ = 4.306 to register (1.239 of 1.329 assessed)
    assert town.to_register == 4306


def test_the_districts_own_distances(district):
    near, far = district.targets
    # the district's 8–60 column sums to 91.443 (the report prints 91.441); 3.523 recognised
    # 40%: ⌈36.577,2⌉ = 36.578 − 3.523 = 33.055; 60%: ⌈54.865,8⌉ = 54.866 − 3.523 = 51.343
    assert (near.target_id, near.base_count, near.people_to_recognize) == ("677-2025", 91443,
                                                                          33055)
    assert (far.target_id, far.people_to_recognize) == ("677-2030", 51343)
    # one period only: no pace seen, and the plan says why
    assert district.previous_as_of is None and near.seen_per_month is None
    assert any("kỳ trước" in n for n in near.notes)


def test_priority_furthest_below_the_nearest_target_first(district):
    # every unit is below 40%; the lowest shares of the 8–60 population come first:
    # Lộc Hòa 5/4.175 = 0,12%, Lộc Thiện 9/5.888 = 0,15%, Lộc Khánh 10/4.922 = 0,20%,
    # Lộc An 16/5.882 = 0,27%; last Lộc Thịnh 1.022/3.551 = 28,78%
    names = [u.name for u in district.units]
    assert names[:4] == ["Lộc Hòa", "Lộc Thiện", "Lộc Khánh", "Lộc An"]
    assert names[-1] == "Lộc Thịnh"
    assert [u.priority for u in district.units] == list(range(1, 17))


def test_another_base_is_used_only_when_chosen(bundled):
    chosen = plan(bundled, "692", LOC_NINH, base=ABLE_8_60)
    near = _target(_unit(chosen, "Lộc Hòa").targets, "677-2025")
    # 4.175 − 8 unable to work = 4.167; 40% = 1.666,8 → 1.667 − 5 = 1.662
    assert (near.base, near.base_count, near.people_to_recognize) == (ABLE_8_60, 4167, 1662)
    assert "không có khả năng lao động" in near.base_words
    with pytest.raises(InputError):
        plan(bundled, "692", LOC_NINH, base=GROUP_SIZE)


def test_without_group_sizes_no_group_gap_only_shares(district):
    assert district.group_sizes_known is False
    workers = district.groups[1]
    assert workers.targets == [] and workers.size is None
    # Nhóm II: 256 of the district's 3.523 recognised = 7,27%
    assert workers.share_pct == pytest.approx(256 / 3523 * 100)
    assert workers.partner_id == "lien-doan-lao-dong"
    assert all(line.targets == [] for u in district.units for line in u.groups)


def test_by_partner_follows_the_priority_order(district):
    lines = by_partner(district)
    assert list(lines) == ["mat-tran", "lien-doan-lao-dong", "co-quan-don-vi", "phong-gddt"]
    schools = lines["phong-gddt"]
    assert len(schools) == 16 and schools[0][0].name == "Lộc Hòa"
    assert all(line.group_no == 4 for _, line in schools)
    assert NO_PARTNER not in lines


def test_what_if_low_uptake_units_reach_the_median(district):
    # participation of the 16 communes, 8th and 9th of 16: Lộc Thạnh 32/3.017 = 1,0607% and
    # Lộc Quang 61/5.284 = 1,1544%: median 1,1075%
    assert district.median_participation_pct == pytest.approx(
        (32 / 3017 * 100 + 61 / 5284 * 100) / 2)
    w = what_if(district, median_participation=True)
    hoa = next(u for u in w.units if u.name == "Lộc Hòa")
    # 4.175 × 1,1075% = 46,24 → 47 registered, 42 more; all assessed, all pass: 42 gained
    assert (hoa.registered_added, hoa.people_gained) == (42, 42)
    assert _target(hoa.targets, "677-2025").people_to_recognize == 1665 - 42
    an = next(u for u in w.units if u.name == "Lộc An")
    # 5.882 × 1,1075% = 65,14 → 66 − 31 = 35 more; 31/31 assessed; 16 of 31 pass: ⌊18,06⌋
    assert (an.registered_added, an.people_gained) == (35, 18)
    town = next(u for u in w.units if u.name == "Thị trấn Lộc Ninh")
    assert (town.registered_added, town.people_gained) == (0, 0)  # not low uptake
    assert w.people_gained == sum(u.people_gained for u in w.units)
    assert _target(w.targets, "677-2025").people_to_recognize == 33055 - w.people_gained


def test_what_if_every_pass_rate_reaches_80_pct(district):
    w = what_if(district, pass_rate_pct=80)
    an = next(u for u in w.units if u.name == "Lộc An")
    # 31 assessed at 80% = 24,8 → 24 recognised, 8 more than 16; 40%: 2.353 − 24 = 2.329
    assert an.people_gained == 8
    assert _target(an.targets, "677-2025").people_to_recognize == 2329
    hoa = next(u for u in w.units if u.name == "Lộc Hòa")
    assert hoa.people_gained == 0  # already 100%: a unit above the rate keeps its own
    with pytest.raises(InputError):
        what_if(district, pass_rate_pct=120)


def test_plan_json_has_the_issues_keys(district):
    doc = plan_json(district)
    assert {"as_of", "area", "units"} <= set(doc)
    assert set(doc["area"]) == {"code", "name", "targets"}
    keys = {"target_id", "group", "year", "pct", "base", "base_count", "recognized",
            "people_to_recognize", "needed_per_month", "seen_per_month"}
    assert keys <= set(doc["area"]["targets"][0])
    first = doc["units"][0]
    assert {"code", "name", "priority", "targets"} <= set(first)
    assert (first["code"], first["priority"]) == ("25273", 1)
    near = first["targets"][0]
    assert (near["group"], near["people_to_recognize"], near["needed_per_month"],
            near["seen_per_month"]) == (None, 1665, 111.0, None)


def test_the_2025_units_with_the_pace_seen_since_2024(in_2025):
    p = plan(in_2025, None, END_2025)
    assert p.structure == POST2025 and len(p.units) == 7
    assert p.previous_as_of == LOC_NINH
    thanh = _unit(p, "Lộc Thạnh")
    near, far = _target(thanh.targets, "677-2025"), _target(thanh.targets, "677-2030")
    # SYNTHETIC 31/12/2025: Đạt 25 + 3 + 45 + 6 = 79 of 6.914 aged 8–60
    # 30/9/2024 in the same units: Lộc Hòa 5 + old Lộc Thạnh 29 = 34; (79 − 34) ÷ 15 = 3
    assert near.seen_per_month == pytest.approx(3.0)
    # 40% of 6.914 = 2.765,6 → 2.766 − 79 = 2.687, due on the period's own date: no months
    assert (near.people_to_recognize, near.months_left, near.needed_per_month) == (2687, 0,
                                                                                   None)
    assert any("đến hạn" in n for n in near.notes)
    # 60%: 4.148,4 → 4.149 − 79 = 4.070 over 60 months
    assert far.people_to_recognize == 4070
    assert far.needed_per_month == pytest.approx(4070 / 60)
    # the whole: 4.052 recognised in 2025 (2.345 + 348 + 955 + 404), 3.523 in 2024
    assert _target(p.targets, "677-2030").seen_per_month == pytest.approx((4052 - 3523) / 15)


def test_the_old_units_in_2025_say_what_they_cannot_measure(in_2025):
    p = plan(in_2025, "692", END_2025, structure=PRE2025)
    assert p.structure == PRE2025 and len(p.units) == 16
    hoa = _unit(p, "Lộc Hòa (nay thuộc xã Lộc Thạnh)")
    near = _target(hoa.targets, "677-2025")
    assert near.people_to_recognize is None and "chưa có số người Đạt" in near.notes
    # every old commune went into a new one with others: none can be measured, registry order
    assert [u.priority for u in p.units] == list(range(1, 17))
    # the district: the six new communes wholly inside it (all but Tân Tiến), SYNTHETIC:
    # Đạt 4.052 − (40 + 2 + 20) = 3.990 of 102.977 − 16.028 = 86.949 aged 8–60;
    # 40% = 34.779,6 → 34.780 − 3.990 = 30.790
    assert _target(p.targets, "677-2025").people_to_recognize == 30790


# SYNTHETIC group sizes of the Quảng Phú pilot's units (made up: the pilot prints none).
PILOT_SIZES = pd.DataFrame({"unit_key": ["L-QP-1", "L-QP-1", "L-QP-2", "L-QP-3"],
                            "group_no": [3, 2, 3, 3], "size": [40, 10, 5, 6]})


def test_the_pilots_three_groups_without_sizes(bundled):
    p = plan(bundled, "L-QP")
    assert [g.group_no for g in p.groups] == [1, 2, 3]
    office = _unit(p, "Cơ quan xã Quảng Phú")
    officials = office.groups[2]
    # 24 of the office's 25 recognised are officials: 96%
    assert officials.share_pct == pytest.approx(96.0) and officials.targets == []
    # no population table in the pilot: the targets about everyone cannot be measured
    near = _target(p.targets, "677-2025")
    assert near.people_to_recognize is None and any("8–60" in n for n in near.notes)
    # 31/7/2021 → 31/12/2025: 5 + 4 × 12 = 53 months
    assert near.months_left == 53


def test_the_pilots_groups_with_synthetic_sizes(bundled):
    p = plan(bundled, "L-QP", group_sizes=PILOT_SIZES)
    assert p.group_sizes_known
    office = _unit(p, "Cơ quan xã Quảng Phú")
    officials = {d.target_id: d for d in office.groups[2].targets}
    assert set(officials) == {"677-cbccvc-2025", "677-cbccvc-2030", "387-cbccvc-2025"}
    # 60% of 40 = 24, and 24 are recognised: reached; 80% of 40 = 32 → 8 to go, all 24
    # assessed officials passed (8 to assess), all 25 registered were assessed (8 to register)
    assert officials["677-cbccvc-2025"].people_to_recognize == 0
    late = officials["677-cbccvc-2030"]
    assert (late.base, late.base_count, late.group) == (GROUP_SIZE, 40, 3)
    assert (late.people_to_recognize, late.to_assess, late.to_register) == (8, 8, 8)
    workers = office.groups[1].targets[0]
    # 40% of 10 workers = 4, none recognised; nobody of the group assessed: unknown, said so
    assert (workers.target_id, workers.people_to_recognize, workers.to_assess) == (
        "387-cong-nhan-2025", 4, None)
    assert any("chưa có ai được đánh giá" in n for n in workers.notes)
    # the commune's officials: 40 + 5 + 6 = 51 (every unit has a size); Nông dân: unknown
    assert p.groups[2].size == 51 and p.groups[0].size is None and p.groups[0].targets == []
    # group targets appear in the JSON with their group number
    doc = plan_json(p)
    assert {(t["target_id"], t["group"]) for t in doc["area"]["targets"]} >= {
        ("677-cbccvc-2030", 3), ("677-2025", None)}


def test_the_pace_between_two_made_up_periods(two_periods):
    p = plan(two_periods, "692", dt.date(2025, 6, 30))
    assert p.previous_as_of == dt.date(2025, 3, 31)
    hoa = _target(_unit(p, "Lộc Hòa").targets, "677-2025")
    # Đạt 10 + 2 = 12 on 31/3, 30 + 2 = 32 on 30/6: (32 − 12) ÷ 3 months
    assert hoa.seen_per_month == pytest.approx(20 / 3)
    # 40% of 400 = 160 − 32 = 128 in the 6 months to 31/12/2025
    assert (hoa.people_to_recognize, hoa.months_left) == (128, 6)
    assert hoa.needed_per_month == pytest.approx(128 / 6)
    an = _target(_unit(p, "Lộc An").targets, "677-2025")
    assert an.seen_per_month == 0  # 5 recognised both times


def test_one_figures_call_per_period(two_periods, monkeypatch):
    """Fast enough for a page: this period's figures and the last earlier one's, no query per
    unit."""
    from cdht_data import plan as plan_module
    calls = []
    real = plan_module.area_figures

    def counted(*args, **kw):
        calls.append(args[2] if len(args) > 2 else kw.get("as_of"))
        return real(*args, **kw)

    monkeypatch.setattr(plan_module, "area_figures", counted)
    plan(two_periods, "692", dt.date(2025, 6, 30))
    assert calls == [dt.date(2025, 6, 30), dt.date(2025, 3, 31)]
