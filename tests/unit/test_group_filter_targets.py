"""The group-filter defect (issue 17): with a group chosen, the overview compared that group's
Đạt with the whole 8–60 population (Nhóm II at 60%: "54.610 people missing", i.e. ⌈0,6 ×
91.443⌉ − 256). A group is measured only on its own size: with a group chosen there is no
distance against the whole population, and the overview says so."""

from __future__ import annotations

import datetime as dt

import pytest

from cdht_data import views
from cdht_data.definitions import LowUptake

LOC_NINH = dt.date(2024, 9, 30)


def test_a_group_is_never_measured_against_the_whole_population(bundled):
    o = views.overview(bundled, "692", LOC_NINH, 2, LowUptake())
    assert o.targets == []  # was 54.610 missing at 60%
    assert "Nhóm II (Công nhân)" in o.target_note and "toàn bộ dân số" in o.target_note
    assert o.league["gap_count"].isna().all()
    assert "54.610" not in o.paragraph and "chỉ tiêu" not in o.paragraph
    # one formula refuses it too: a group's totals have no progress against the population
    assert views.target_progress(o.shown.totals, 60.0, group=2)["gap_count"] is None


def test_the_commune_page_does_not_either(bundled):
    c = views.commune_page(bundled, "692", LOC_NINH, 2, LowUptake(), "25273")
    assert c.targets == [] and "toàn bộ dân số" in c.target_note


def test_without_a_group_both_horizons_from_the_targets_file(bundled):
    o = views.overview(bundled, "692", LOC_NINH, None, LowUptake())
    assert o.target_note is None
    # 677/QĐ-TTg: 40% by 2025 and 60% by 2030 of the 91.443 aged 8–60, 3.523 recognised
    assert [(d.year, d.pct, d.people_to_recognize) for d in o.targets] == [
        (2025, 40.0, 33055), (2030, 60.0, 51343)]
    assert o.headline.id == "677-2025"
    hoa = o.league.set_index("name").loc["Lộc Hòa"]
    assert hoa["gap_count"] == 1665  # ⌈0,4 × 4.175⌉ − 5
    c = views.commune_page(bundled, "692", LOC_NINH, None, LowUptake(), "25273")
    assert [d.people_to_recognize for d in c.targets] == [1665, 2500]


def test_nor_the_presenter_view(bundled):
    p = views.presentation(bundled, "692", LOC_NINH, 2, LowUptake())
    assert p.targets == [] and "chi_tieu" not in [k for k, _ in p.slides]
