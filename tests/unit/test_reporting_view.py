"""«Đơn vị đã báo cáo»: each unit's state (sent everything, missing a table, late), the map's
centres, the late units named, and a deadline that only a quan_tri may set from the page."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from cdht_data import store
from cdht_data.accounts import Account
from cdht_data.errors import InputError
from cdht_data.views import reporting_view, set_period_deadline, unit_states

SEP30, MAR31 = dt.date(2024, 9, 30), dt.date(2025, 3, 31)
DUE = dt.date(2025, 4, 15)
SCORING, POPULATION = "Biểu chấm điểm", "Biểu dân số và đăng ký"  # keys.TABLE_KINDS titles


def _account(role: str) -> Account:
    return Account("thu_ky", role, (), dt.datetime(2026, 1, 1), False)


def test_every_commune_of_loc_ninh_sent_both_tables_at_30_9_2024(bundled_db):
    with store.reading(bundled_db) as con:
        shown = reporting_view(con, SEP30, "692")
    assert (shown.area_key, shown.area_name, shown.due) == ("692", "Lộc Ninh", None)
    assert len(shown.units) == 16 and set(shown.units["state"]) == {"complete"}
    assert set(shown.units["missing"]) == {""} and shown.late == []
    # every commune of Lộc Ninh has its centre in data/reference/units.csv
    assert shown.has_centres and shown.unplaced == []


def test_a_half_sent_period_without_deadline_lists_what_each_unit_lacks(partly_sent):
    with store.reading(partly_sent) as con:
        shown = reporting_view(con, MAR31, "692", today=dt.date(2026, 1, 1))
    units = shown.units.set_index("name")
    # tests/tables.py: scoring from Lộc Hòa and Lộc An; population from those and Lộc Tấn
    assert list(units.index[units["state"] == "complete"]) == ["Lộc Hòa", "Lộc An"]
    assert units.loc["Lộc Tấn", "missing"] == SCORING
    assert units.loc["Lộc Thạnh", "missing"] == f"{SCORING}, {POPULATION}"
    assert (units["state"] == "missing").sum() == 14 and shown.late == []
    assert pd.notna(units.loc["Lộc Hòa", "since"]) and pd.isna(units.loc["Lộc Thạnh", "since"])


def test_a_quan_tri_sets_the_deadline_and_the_missing_units_are_late_after_it(partly_sent):
    unit = set_period_deadline(str(partly_sent), _account("quan_tri"), MAR31, DUE, "692")
    assert unit.unit_key == "692"
    with store.reading(partly_sent) as con:
        after = reporting_view(con, MAR31, "692", today=dt.date(2025, 4, 16))
        on_the_day = reporting_view(con, MAR31, "692", today=DUE)
    assert after.due == DUE and on_the_day.due == DUE
    assert len(after.late) == 14 and "Lộc Hòa" not in after.late and "Lộc Tấn" in after.late
    assert on_the_day.late == []  # late only after the due date


def test_a_nhap_lieu_cannot_set_a_deadline_and_nothing_is_written(partly_sent):
    with pytest.raises(InputError, match="chỉ tài khoản quản trị"):
        set_period_deadline(str(partly_sent), _account("nhap_lieu"), MAR31, DUE, "692")
    with store.reading(partly_sent) as con:
        assert con.execute("SELECT count(*) FROM deadlines").fetchone()[0] == 0


def test_a_deadline_before_the_period_is_refused_as_the_cli_refuses_it(partly_sent):
    with pytest.raises(InputError, match="trước ngày của kỳ"):
        set_period_deadline(str(partly_sent), _account("quan_tri"), MAR31,
                            dt.date(2025, 3, 1), "692")


@pytest.mark.parametrize("reported, late, state", [
    ((True, True), (False, False), "complete"),
    ((True, False), (False, False), "missing"),
    ((False, False), (False, True), "late"),  # one kind late is enough
])
def test_a_units_state_is_its_worst_kind(reported, late, state):
    status = pd.DataFrame({"unit_key": ["1", "1"], "unit_code": ["1", "1"],
                           "unit_name": ["Xã A", "Xã A"], "kind": ["scoring", "population"],
                           "reported": reported, "since": [None, None], "late": late})
    assert unit_states(status)["state"].tolist() == [state]
