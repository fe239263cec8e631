"""Each quality rule on tiny inline tables: one where it fires, one where it stays quiet."""

import pytest

from cdht_data.quality import RULES
from cdht_data.ingest import import_file
from tests.stores import findings, import_population
from tests.tables import (GOOD_PILOT, GOOD_PILOT_TOTAL, GOOD_POP, GOOD_POP_TOTAL, PILOT_HEADER,
                          POP_HEADER, SCORING, SCORING_TOTAL, changed, report)


def load(con, write_csv, kind, rows, name=None):
    import_file(con, write_csv(name or f"{kind}.csv", rows), kind)
    return con


def pilot(con, write_csv, rows=GOOD_PILOT, total=GOOD_PILOT_TOTAL):
    return load(con, write_csv, "pilot", PILOT_HEADER + rows + [total])


def scoring(con, write_csv, rows=SCORING, total=SCORING_TOTAL):
    return load(con, write_csv, "scoring", report(rows + [total]))


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
         "party_members_within_registered", "blank_unit_rows", "estimated_age_bands",
         "share_outlier", "change_from_previous_period"]


@pytest.mark.parametrize("rule", QUIET)
def test_consistent_tables_raise_nothing(con, write_csv, rule):
    scoring(con, write_csv, SCORING, SCORING_TOTAL)
    matching = changed(changed(changed(changed(GOOD_POP, 0, 7, "17"), 0, 8, "21,25"), 1, 7, "5"),
                       1, 8, "3,33")
    import_population(con, write_csv, matching,
                      changed(changed([GOOD_POP_TOTAL], 0, 7, "42"), 0, 8, "9,77")[0])
    pilot(con, write_csv)
    assert findings(con, rule) == []


def test_total_row_vs_unit_sum(con, write_csv):
    import_population(con, write_csv, total=changed([GOOD_POP_TOTAL], 0, 4, "431")[0])
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
    import_population(con, write_csv, changed(GOOD_POP, 0, 2, "101"),
                      changed([GOOD_POP_TOTAL], 0, 2, "601")[0])
    found = {(f.unit, f.expected, f.actual) for f in findings(con, "column_number_identity")}
    assert found == {("Lộc Hòa", 100, 101), (None, 600, 601)}


def test_printed_pct_vs_recomputed_population(con, write_csv):
    import_population(con, write_csv, changed(GOOD_POP, 1, 8, "10,01"))
    [f] = findings(con, "printed_pct_vs_recomputed")
    assert (f.unit, f.expected, f.actual) == ("Lộc An", 10.0, 10.01)


def test_printed_pct_vs_recomputed_pilot_group_cell_and_total(con, write_csv):
    pilot(con, write_csv, changed(GOOD_PILOT, 1, 4, "10/13\n76%"),
          changed([GOOD_PILOT_TOTAL], 0, 3, "94,6%")[0])
    found = {(f.expected, f.actual) for f in findings(con, "printed_pct_vs_recomputed")}
    assert found == {(77, 76), (94.5, 94.6)}


def test_assessed_vs_registered(con, write_csv):
    scoring(con, write_csv)
    import_population(con, write_csv)  # Lộc Hòa: 17 assessed, 8 registered; Lộc An: 5 vs 15
    found = {(f.unit, f.severity, f.expected, f.actual) for f in findings(con, "assessed_vs_registered")}
    assert found == {("Lộc Hòa", "warning", 8, 17), ("Lộc An", "information", 15, 5),
                     (None, "information", 23, 22)}


def test_registered_within_population_8_60(con, write_csv):
    import_population(con, write_csv, changed(changed(GOOD_POP, 0, 7, "81"), 0, 8, "101,25"),
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
    import_population(con, write_csv, same,
                      ["Tổng cộng", "", "6000", "600", "4800", "540", "60", "48", "1,00"])
    assert len(findings(con, "estimated_age_bands")) == 4


def test_age_band_gap_once_per_population_table(con, write_csv):
    import_population(con, write_csv)
    [f] = findings(con, "age_band_gap")
    assert f.severity == "information" and "7 tuổi" in f.message


def test_no_age_band_gap_without_those_headers(con, write_csv):
    scoring(con, write_csv)
    assert findings(con, "age_band_gap") == []


def test_findings_follow_a_replaced_table(con, write_csv):
    import_population(con, write_csv, changed(GOOD_POP, 0, 2, "101"))
    assert findings(con, "column_number_identity")
    import_file(con, write_csv("p2.csv", POP_HEADER + GOOD_POP + [GOOD_POP_TOTAL]), "population",
                replace=True)
    assert findings(con, "column_number_identity") == []


TEXT_HEADER = [["Số liệu nêu trong lời văn"],
               ["STT", "Vị trí", "Trích dẫn", "Đơn vị", "Chỉ tiêu", "Nhóm", "Phần", "Số in"]]


def text(con, write_csv, rows, as_of="2021-07-31"):
    import datetime as dt
    path = write_csv("text.csv", TEXT_HEADER + [[str(i), *r] for i, r in enumerate(rows, 1)])
    import_file(con, path, "text", as_of=dt.date.fromisoformat(as_of))
    return con


def text_checks(con):
    return con.execute("SELECT coalesce(sum(check_count), 0) FROM quality_checks "
                       "WHERE rule = 'text_figure_vs_table'").fetchone()[0]


AGREEING_TEXT = [
    ["Mục 1", "chọn 25 cán bộ", "Cơ quan xã", "Số đăng ký", "", "", "25"],
    ["Mục 2", "6 cốt cán, 14 công dân", "Thôn Bao La – Đức Nhuận", "Số đăng ký", "", "cốt cán", "6"],
    ["Mục 2", "6 cốt cán, 14 công dân", "Thôn Bao La – Đức Nhuận", "Số đăng ký", "", "khác", "14"],
    ["Mục 3", "Nông dân: 15/18 người", "", "Số đăng ký", "Nông dân", "", "18"],
    ["Mục 3", "Nông dân: 15/18 người", "", "Số được công nhận", "Nông dân", "", "15"],
    ["Mục 4", "52 người, tỉ lệ 94,5 %", "", "Tỉ lệ công nhận/đăng ký (%)", "", "", "94,5"],
    ["Mục 4", "tỉ lệ 95%", "", "Tỉ lệ công nhận/đăng ký (%)", "", "", "95"],
    ["Mục 5", "Số đơn vị: 03", "", "Số đơn vị", "", "", "03"],
    ["Mục 6", "31 Đảng viên", "", "Số Đảng viên", "", "", "31"],
]


def test_text_figures_that_match_the_table_raise_nothing(con, write_csv):
    text(pilot(con, write_csv), write_csv, AGREEING_TEXT)
    assert findings(con, "text_figure_vs_table") == []
    assert text_checks(con) == 8  # nine rows, the thôn's two parts are one figure


@pytest.mark.parametrize("row, expected, actual, unit", [
    (["II.3", "đăng ký 14 công dân", "BKH Họ Hoàng", "Số đăng ký", "", "", "14"], 10, 14,
     "Ban Khuyến học họ Hoàng (Hạ Lang)"),
    (["III.1.2", "Nông dân: 17 người", "", "Số đăng ký", "Nông dân", "", "17"], 18, 17, None),
    (["III.2", "tỉ lệ 94,6 %", "", "Tỉ lệ công nhận/đăng ký (%)", "", "", "94,6"], 94.5, 94.6, None),
    (["III.2", "Đảng viên: 30", "", "Số Đảng viên", "", "", "30"], 31, 30, None),
])
def test_text_figure_that_disagrees_with_the_table(con, write_csv, row, expected, actual, unit):
    text(pilot(con, write_csv), write_csv, [row])
    [f] = findings(con, "text_figure_vs_table")
    assert (f.expected, f.actual, f.unit, f.severity) == (expected, actual, unit, "warning")
    assert f.message.startswith(f"Lời văn ({row[0]}) ghi ")


def test_text_figure_parts_are_added_up_before_comparing(con, write_csv):
    rows = [["Mục 2", "6 cốt cán, 15 công dân", "Thôn Bao La – Đức Nhuận", "Số đăng ký", "",
             "cốt cán", "6"],
            ["Mục 2", "6 cốt cán, 15 công dân", "Thôn Bao La – Đức Nhuận", "Số đăng ký", "",
             "khác", "15"]]
    text(pilot(con, write_csv), write_csv, rows)
    [f] = findings(con, "text_figure_vs_table")
    assert (f.expected, f.actual) == (20, 21) and "là 21 (6 + 15)" in f.message
    assert f.cells == ["lời văn dòng 3", "lời văn dòng 4", "B5"]


def test_text_figure_against_scoring_total(con, write_csv):
    scoring(con, write_csv)
    rows = [["II.1", "(22 người)", "", "Số đã đánh giá", "", "", "22"],
            ["II.1", "(23 người)", "", "Số đã đánh giá", "", "", "23"],
            ["II.1", "Lộc Hòa 10 Đạt nông dân", "Lộc Hòa", "Số được công nhận", "Nông dân", "", "10"]]
    text(con, write_csv, rows, as_of="2025-03-31")
    assert [(f.expected, f.actual) for f in findings(con, "text_figure_vs_table")] == [(22, 23)]


def test_text_figure_without_a_table_figure_is_not_a_check(con, write_csv):
    text(pilot(con, write_csv), write_csv,
         [["Mục 1", "đã đánh giá 55", "", "Số đã đánh giá", "", "", "55"]])
    assert findings(con, "text_figure_vs_table") == [] and text_checks(con) == 0


@pytest.mark.parametrize("row, words", [
    (["Mục 1", "x", "Cơ quan xã", "Số hộ gia đình", "", "", "5"], "Số hộ gia đình"),
    (["Mục 1", "x", "Xã Không Có", "Số đăng ký", "", "", "5"], "Xã Không Có"),
    (["Mục 1", "x", "Cơ quan xã", "Số đăng ký", "", "", "năm"], "năm"),
    (["", "x", "Cơ quan xã", "Số đăng ký", "", "", "5"], "Vị trí"),
])
def test_text_figures_refused(con, write_csv, row, words):
    from cdht_data.errors import InputError
    with pytest.raises(InputError) as exc:
        text(con, write_csv, [row])
    assert words in str(exc.value) and "text.csv" in str(exc.value)
    assert con.execute("SELECT count(*) FROM datasets").fetchone()[0] == 0
