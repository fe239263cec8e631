"""Two tables of one period, one in the old units and one in the new, over the same ground."""

import datetime as dt

from cdht_data.ingest import import_file
from cdht_data.quality import stored_findings
from tests.paths import NEW_COMMUNES
from tests.tables import GOOD_PILOT, GOOD_PILOT_TOTAL, OLD_ROWS, PILOT_HEADER, scoring

RULE = "same_ground_two_structures"
AFTER = dt.date(2025, 12, 31)


def found(con):
    return [f for f in stored_findings(con) if f.rule == RULE]


def checks(con):
    return con.execute("SELECT dataset_id, passed, check_count FROM quality_checks "
                       "WHERE rule = ? ORDER BY ALL", [RULE]).fetchall()


def test_old_and_new_units_of_one_period_are_flagged_in_both_tables(con, write_csv):
    new = import_file(con, NEW_COMMUNES, "scoring", as_of=AFTER).dataset_id
    old = import_file(con, write_csv("cu.csv", scoring(OLD_ROWS)), "scoring",
                      structure="pre2025").dataset_id
    by_dataset = {f.dataset_id: f for f in found(con)}
    assert set(by_dataset) == {new, old}
    for f in by_dataset.values():
        assert (f.severity, f.unit_key, f.as_of) == ("warning", None, AFTER)
        assert "synthetic_loc-ninh_2025-12-31_cham-diem.csv" in f.message
        assert "«cu.csv»" in f.message
        assert "xã Lộc Ninh ← Thị trấn Lộc Ninh; xã Lộc Thạnh ← Lộc Hòa, Lộc Thạnh" in f.message
        assert f.metrics == []  # no figure of either table is wrong in itself
    assert by_dataset[old].message.startswith(
        "Kỳ 31/12/2025 có hai bảng cho cùng địa bàn theo hai cách chia đơn vị: bảng chấm điểm "
        "«cu.csv» theo đơn vị hành chính trước 1/7/2025 (Lộc Ninh) và bảng chấm điểm "
        "«synthetic_loc-ninh_2025-12-31_cham-diem.csv» theo đơn vị hành chính từ 1/7/2025 "
        "(Đồng Nai)")
    assert by_dataset[old].cells == ["dòng 4", "dòng 5", "dòng 6"]  # all three old communes
    assert by_dataset[new].cells == ["dòng 5", "dòng 8"]  # xã Lộc Ninh, xã Lộc Thạnh
    assert checks(con) == [(new, False, 1), (old, False, 1)]


def test_old_units_elsewhere_pass(con, write_csv):
    """The Quảng Phú pilot units (old structure) share no ground with the new Lộc Ninh
    communes: the check is made and passes."""
    new = import_file(con, NEW_COMMUNES, "scoring", as_of=AFTER).dataset_id
    rows = [["Tính đến ngày 31/12/2025"], *PILOT_HEADER[1:], *GOOD_PILOT, GOOD_PILOT_TOTAL]
    pilot = import_file(con, write_csv("td.csv", rows), "pilot", structure="pre2025").dataset_id
    assert found(con) == []
    assert checks(con) == [(new, True, 1), (pilot, True, 1)]


def test_old_units_of_another_period_are_not_compared(con, write_csv):
    import_file(con, NEW_COMMUNES, "scoring", as_of=AFTER)
    import_file(con, write_csv("cu.csv", scoring(OLD_ROWS, day="30/9/2024")), "scoring")
    assert found(con) == [] and checks(con) == []


def test_old_units_after_the_change_miss_their_own_structures_communes(con, write_csv):
    """Completeness of a table in the old units of a later period: the district's 16 communes,
    though none is valid on 31/12/2025."""
    import_file(con, write_csv("cu.csv", scoring(OLD_ROWS)), "scoring", structure="pre2025")
    missing = {f.unit_key for f in stored_findings(con) if f.rule == "missing_child_units"}
    assert len(missing) == 13 and "25276" in missing and "25273" not in missing
