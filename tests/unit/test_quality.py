"""Each quality rule on tiny inline tables: one where it fires, one where it stays quiet."""

import pytest

from cdht_data.quality import RULES, stored_findings
from cdht_data.store import import_file
from tests.unit.test_readers import report

POP_HEADER = [
    ["Tính đến ngày 31/3/2025"],
    ["STT", "Xã/ thị trấn", "Tổng số nhân khẩu", "Tổng số chia ra", "", "", "",
     "Số người tham gia đăng ký", "Tỉ lệ"],
    ["", "", "", "Số người dưới 7 tuổi", "Số người từ 8 tuổi đến 60 tuổi", "Số người trên 60 tuổi",
     "Số người trong độ tuổi từ 8-60 tuổi không có khả năng lao động", "", ""],
    ["A", "B", "1=2+3+4+5", "2", "3", "4", "5", "6", "7=6/3*100"],
]
PILOT_HEADER = [
    ["Tính đến ngày 31/7/2021"],
    ["Tên đơn vị", "Số công dân đăng ký danh hiện CDHT", "Số công dân được công nhận danh hiệu CDHT",
     "Tỉ lệ % được công nhận/ TS đăng ký", "Trong đó", "", "", "Các mức điểm đạt", "", "",
     "Số lượng Đảng viên"],
    ["", "", "", "", "Nông dân", "Công nhân", "Trí thức", "70 -79", "80 - 89", "90 -100", ""],
]
GOOD_POP = [["1", "Lộc Hòa", "100", "10", "80", "9", "1", "8", "10,00"],
            ["2", "Lộc An", "200", "30", "150", "18", "2", "15", "10,00"],
            ["3", "Lộc Tấn", "300", "60", "200", "34", "6", "20", "10,00"]]
GOOD_POP_TOTAL = ["Tổng cộng", "", "600", "100", "430", "61", "9", "43", "10,00"]
GOOD_PILOT = [["1. Cơ quan xã", "25", "25", "100%", "1/1\n100%", "0", "24/24\n100%", "15", "9", "1", "24"],
              ["2. Thôn Bao La – Đức Nhuận", "20", "17", "85%", "10/13\n77%", "5/5\n100%", "2/2\n100%",
               "17", "0", "0", "3"],
              ["3. BKH Họ Hoàng", "10", "10", "100%", "4/4\n100%", "1/1\n100%", "5/5\n100%", "5", "4", "1", "4"]]
GOOD_PILOT_TOTAL = ["Tổng cộng", "55", "52", "94,5%", "15/18\n83,3%", "6/6\n100%", "31/31\n100%",
                    "37", "13", "2", "31"]
SCORING = [["1", "Lộc Hòa", "10", "5", "2", "", "", "", "", "", "17"],
           ["2", "Lộc An", "4", "", "", "", "1", "", "", "", "5"]]
SCORING_TOTAL = ["Toàn huyện", "", "14", "5", "2", "", "1", "", "", "", "22"]


def findings(con, rule):
    return [f for f in stored_findings(con) if f.rule == rule]


def load(con, write_csv, kind, rows, name=None):
    import_file(con, write_csv(name or f"{kind}.csv", rows), kind)
    return con


def pop(con, write_csv, rows=GOOD_POP, total=GOOD_POP_TOTAL):
    return load(con, write_csv, "population", POP_HEADER + rows + [total])


def pilot(con, write_csv, rows=GOOD_PILOT, total=GOOD_PILOT_TOTAL):
    return load(con, write_csv, "pilot", PILOT_HEADER + rows + [total])


def scoring(con, write_csv, rows=SCORING, total=SCORING_TOTAL):
    return load(con, write_csv, "scoring", report(rows + [total]))


def changed(rows, i, j, text):
    out = [list(r) for r in rows]
    out[i][j] = text
    return out


def test_every_rule_is_described():
    assert len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.name.isidentifier() and rule.name.islower()
        assert rule.severity in ("error", "warning", "information")
        assert rule.description and rule.formula and rule.why and rule.reads


QUIET = ["total_row_vs_unit_sum", "row_total_vs_group_cells", "column_number_identity",
         "printed_pct_vs_recomputed", "assessed_vs_registered", "recognized_within_registered",
         "registered_within_population_8_60", "group_registered_sum_vs_unit",
         "group_recognized_sum_vs_unit", "bands_sum_vs_recognized",
         "party_members_within_registered", "blank_unit_rows", "estimated_age_bands"]


@pytest.mark.parametrize("rule", QUIET)
def test_consistent_tables_raise_nothing(con, write_csv, rule):
    scoring(con, write_csv, SCORING, SCORING_TOTAL)
    matching = changed(changed(changed(changed(GOOD_POP, 0, 7, "17"), 0, 8, "21,25"), 1, 7, "5"),
                       1, 8, "3,33")
    pop(con, write_csv, matching, changed(changed([GOOD_POP_TOTAL], 0, 7, "42"), 0, 8, "9,77")[0])
    pilot(con, write_csv)
    assert findings(con, rule) == []


def test_total_row_vs_unit_sum(con, write_csv):
    pop(con, write_csv, total=changed([GOOD_POP_TOTAL], 0, 4, "431")[0])
    [f] = findings(con, "total_row_vs_unit_sum")
    assert (f.expected, f.actual, f.unit, f.cells) == (430, 431, None, ["E8"])
    assert f.message == "Dòng «Tổng cộng», cột 3 in 431 nhưng cộng các xã được 430"


def test_total_row_vs_unit_sum_on_pilot_ratio_parts(con, write_csv):
    pilot(con, write_csv, total=changed([GOOD_PILOT_TOTAL], 0, 4, "15/19\n78,9%")[0])
    [f] = findings(con, "total_row_vs_unit_sum")
    assert (f.expected, f.actual) == (18, 19)
    assert "số đăng ký" in f.message


def test_row_total_vs_group_cells(con, write_csv):
    scoring(con, write_csv, changed(SCORING, 1, 10, "6"))
    [f] = findings(con, "row_total_vs_group_cells")
    assert (f.unit, f.expected, f.actual) == ("Lộc An", 5, 6)


def test_column_number_identity_on_unit_and_total_rows(con, write_csv):
    pop(con, write_csv, changed(GOOD_POP, 0, 2, "101"), changed([GOOD_POP_TOTAL], 0, 2, "601")[0])
    found = {(f.unit, f.expected, f.actual) for f in findings(con, "column_number_identity")}
    assert found == {("Lộc Hòa", 100, 101), (None, 600, 601)}


def test_printed_pct_vs_recomputed_population(con, write_csv):
    pop(con, write_csv, changed(GOOD_POP, 1, 8, "10,01"))
    [f] = findings(con, "printed_pct_vs_recomputed")
    assert (f.unit, f.expected, f.actual) == ("Lộc An", 10.0, 10.01)


def test_printed_pct_vs_recomputed_pilot_group_cell_and_total(con, write_csv):
    pilot(con, write_csv, changed(GOOD_PILOT, 1, 4, "10/13\n76%"),
          changed([GOOD_PILOT_TOTAL], 0, 3, "94,6%")[0])
    found = {(f.expected, f.actual) for f in findings(con, "printed_pct_vs_recomputed")}
    assert found == {(77, 76), (94.5, 94.6)}


def test_assessed_vs_registered(con, write_csv):
    scoring(con, write_csv)
    pop(con, write_csv)  # Lộc Hòa: 17 assessed, 8 registered; Lộc An: 5 vs 15
    found = {(f.unit, f.severity, f.expected, f.actual) for f in findings(con, "assessed_vs_registered")}
    assert found == {("Lộc Hòa", "warning", 8, 17), ("Lộc An", "information", 15, 5),
                     (None, "information", 23, 22)}


def test_registered_within_population_8_60(con, write_csv):
    pop(con, write_csv, changed(changed(GOOD_POP, 0, 7, "81"), 0, 8, "101,25"),
        changed(changed([GOOD_POP_TOTAL], 0, 7, "116"), 0, 8, "26,98")[0])
    [f] = findings(con, "registered_within_population_8_60")
    assert (f.unit, f.expected, f.actual) == ("Lộc Hòa", 80, 81)


def test_recognized_within_registered(con, write_csv):
    pilot(con, write_csv, changed(GOOD_PILOT, 2, 4, "5/4\n125%"))
    assert {f.actual for f in findings(con, "recognized_within_registered")} == {5}


@pytest.mark.parametrize("rule, column, text", [
    ("group_registered_sum_vs_unit", 5, "5/6\n83%"),
    ("group_recognized_sum_vs_unit", 6, "1/2\n50%"),
    ("bands_sum_vs_recognized", 8, "1"),
    ("party_members_within_registered", 10, "21"),
])
def test_pilot_bounds(con, write_csv, rule, column, text):
    pilot(con, write_csv, changed(GOOD_PILOT, 1, column, text))
    [f] = findings(con, rule)
    assert f.unit == "Thôn Bao La – Đức Nhuận"


def test_missing_child_units(con, write_csv):
    pilot(con, write_csv, GOOD_PILOT[:2])
    assert [f.unit for f in findings(con, "missing_child_units")] == ["Ban Khuyến học họ Hoàng (Hạ Lang)"]


def test_no_missing_child_units_when_all_present(con, write_csv):
    pilot(con, write_csv)
    assert findings(con, "missing_child_units") == []


def test_blank_unit_rows(con, write_csv):
    scoring(con, write_csv, SCORING + [["3", "Lộc Tấn", "", "", "", "", "", "", "", "", ""]])
    assert [f.unit for f in findings(con, "blank_unit_rows")] == ["Lộc Tấn"]


def test_estimated_age_bands(con, write_csv):
    same = [["1", "Lộc Hòa", "1000", "100", "800", "90", "10", "8", "1,00"],
            ["2", "Lộc An", "2000", "200", "1600", "180", "20", "16", "1,00"],
            ["3", "Lộc Tấn", "3000", "300", "2400", "270", "30", "24", "1,00"]]
    pop(con, write_csv, same, ["Tổng cộng", "", "6000", "600", "4800", "540", "60", "48", "1,00"])
    assert len(findings(con, "estimated_age_bands")) == 4


def test_age_band_gap_once_per_population_table(con, write_csv):
    pop(con, write_csv)
    [f] = findings(con, "age_band_gap")
    assert f.severity == "information" and "7 tuổi" in f.message


def test_no_age_band_gap_without_those_headers(con, write_csv):
    scoring(con, write_csv)
    assert findings(con, "age_band_gap") == []


def test_findings_follow_a_replaced_table(con, write_csv):
    pop(con, write_csv, changed(GOOD_POP, 0, 2, "101"))
    assert findings(con, "column_number_identity")
    import_file(con, write_csv("p2.csv", POP_HEADER + GOOD_POP + [GOOD_POP_TOTAL]), "population",
                replace=True)
    assert findings(con, "column_number_identity") == []
