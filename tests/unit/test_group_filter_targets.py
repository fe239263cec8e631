"""The group-filter defect (issue 17): with a group chosen, the overview compared that group's
Đạt with the whole 8–60 population (Nhóm II at 60%: "54.610 people missing", i.e. ⌈0,6 ×
91.443⌉ − 256). A group is measured only on its own size: with a group chosen there is no
distance against the whole population, and the overview says so."""

from __future__ import annotations

import datetime as dt

import pytest

from cdht_data import store, views
from cdht_data.definitions import LowUptake

LOC_NINH = dt.date(2024, 9, 30)


@pytest.fixture(scope="module")
def bundled(bundled_db):
    connection = store.open_read(bundled_db)
    yield connection
    connection.close()


def test_a_group_is_never_measured_against_the_whole_population(bundled):
    o = views.overview(bundled, "692", LOC_NINH, 2, LowUptake(), 60.0)
    assert o.progress["gap_count"] is None  # was 54.610
    assert o.league["gap_count"].isna().all()
    assert "54.610" not in o.paragraph
