"""An area named by a user (summary --area, links): its official name with any prefix or
tone-mark spelling, a code, or a key; a name that fits several units is settled by the period
or refused with the candidates listed."""

import datetime as dt

import pytest

from cdht_data.errors import InputError
from cdht_data.summary import summary


@pytest.mark.parametrize("name", ["Thị trấn Lộc Ninh", "Thị Trấn Lộc Ninh", "thị trấn lộc ninh",
                                  "TT Lộc Ninh", "TT. Lộc Ninh", "Thi\u0323 trấn Lộc Ninh",
                                  "25270", "Xã Lộc Ninh"])
def test_the_town_by_any_spelling_is_the_town_not_the_district(bundled, name):
    found = summary(bundled, name)
    assert (found["area"]["code"], found["area"]["level"]) == ("25270", "commune")
    assert found["totals"]["registered"] == 1329


@pytest.mark.parametrize("name", ["Huyện Lộc Ninh", "HUYỆN LỘC NINH", "692"])
def test_the_district_by_its_prefix_or_code(bundled, name):
    assert summary(bundled, name)["area"]["code"] == "692"


def test_a_name_of_a_district_and_a_town_is_refused_with_the_candidates(bundled):
    with pytest.raises(InputError) as refused:
        summary(bundled, "Lộc Ninh")
    message = str(refused.value)
    assert "Huyện Lộc Ninh (mã 692)" in message and "Thị trấn Lộc Ninh (mã 25270)" in message


def test_a_name_before_and_after_the_merge_picks_the_unit_of_the_period(bundled):
    # "Lộc Thạnh" is a commune until 30/6/2025 and a new (merged) commune from 1/7/2025
    before = summary(bundled, "Xã Lộc Thạnh", dt.date(2024, 9, 30))
    assert before["area"]["code"] == "25280" and before["totals"]["registered"] == 32
    # the bundled data has nothing after the merge: the 2025 commune shows the latest tables
    # before it, its predecessors' sums (Lộc Hòa 5 + Lộc Thạnh 32 registered), and says so
    after = summary(bundled, "Xã Lộc Thạnh", dt.date(2025, 12, 31))
    assert after["area"]["key"] == "25280@2025" and after["totals"]["registered"] == 5 + 32
    assert any("30/9/2024" in n for n in after["notes"]) and after["rolled_up"]
