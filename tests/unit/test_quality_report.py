"""The quality page's data: scores, findings by rule, cells side by side, markers for pages."""

import datetime as dt

import duckdb
import pytest

from cdht_data.formatting import plain
from cdht_data.quality import report
from tests.stores import import_population
from tests.tables import GOOD_POP, changed

AS_OF = dt.date(2025, 3, 31)


@pytest.fixture
def one_wrong_row(con, write_csv):
    """Lộc Hòa's column 1 says 101 where 2+3+4+5 = 100; 13 communes of the district are absent."""
    wrong = changed(GOOD_POP, 0, 2, "101")
    return import_population(con, write_csv, wrong)


def test_findings_frame_carries_the_rule(one_wrong_row):
    found = report.findings_frame(one_wrong_row, AS_OF, "692")
    identity = found[found["rule"] == "column_number_identity"].iloc[0]
    assert identity["rule_description"].startswith("Phép cộng ghi ở số cột")
    assert identity["formula"] and identity["why"] and identity["severity_name"] == "Lỗi"
    assert list(found["severity"]) == sorted(found["severity"], key=["error", "warning",
                                                                       "information"].index)


def test_comparison_sets_printed_beside_recomputed(one_wrong_row):
    rows = report.quality_page(one_wrong_row, AS_OF, "692").comparisons
    row = rows[rows["rule"] == "column_number_identity"].iloc[0]
    assert (row["row_label"], row["column_number"], row["cell"]) == ("Lộc Hòa", "1", "C5")
    assert (row["printed"], row["other"], row["other_label"]) == (101, 100, "cột 2+3+4+5")
    cells = report.finding_cells(one_wrong_row, [row["finding_id"]])
    assert list(cells["role"]) == ["printed", "part", "part", "part", "part"]
    assert list(cells["value"]) == [101, 10, 80, 9, 1]  # Lộc Hòa's printed row (tables.GOOD_POP)


def test_the_report_holds_the_cells_of_each_of_its_findings(one_wrong_row):
    page = report.quality_page(one_wrong_row, AS_OF, "692")
    ids = list(page.comparisons["finding_id"])
    assert set(page.cells["finding_id"]) <= set(ids)
    identity = page.comparisons.loc[page.comparisons["rule"] == "column_number_identity",
                                    "finding_id"].iloc[0]
    held = page.cells[page.cells["finding_id"] == identity]
    assert list(held["value"]) == [101, 10, 80, 9, 1]
    asked = report.finding_cells(one_wrong_row, [identity])
    # the same cells as asking the store for this finding alone (a blank may be NaN beside
    # another finding's text, None alone: the page fills both)
    assert _plain(held) == _plain(asked) and list(held.columns) == list(asked.columns)


def _plain(frame) -> list[list]:
    return [[plain(v) for v in row] for row in frame.itertuples(index=False)]


def test_unit_score_weights_checks_by_severity(one_wrong_row):
    scores = report.quality_page(one_wrong_row, AS_OF, "692").units.set_index("name")
    # Lộc Hòa's row: 1=2+3+4+5 fails (error 3); rate, bound, presence, non-blank pass (2+3+2+2)
    assert (scores.loc["Lộc Hòa", "check_count"], scores.loc["Lộc Hòa", "failed_count"]) == (5, 1)
    assert scores.loc["Lộc Hòa", "score"] == 75.0
    assert scores.loc["Lộc An", "score"] == 100.0
    assert scores.loc["Lộc Khánh", "score"] == 0.0  # its one check: the table has no row for it
    assert report.SCORE_FORMULA.startswith("Điểm = 100 ×")


def test_scores_without_checks_are_missing(con):
    assert report.quality_page(con, AS_OF, "692").area["score"] is None
    assert report.quality_page(con, AS_OF, "692").units["score"].isna().all()


def test_findings_by_rule_lists_rules_that_checked(one_wrong_row):
    by_rule = report.quality_page(one_wrong_row, AS_OF, "692").rules.set_index("rule")
    assert by_rule.loc["column_number_identity", "finding_count"] == 1
    assert by_rule.loc["missing_child_units", "finding_count"] == 13
    assert by_rule.loc["printed_pct_vs_recomputed", "finding_count"] == 0
    assert by_rule.loc["printed_pct_vs_recomputed", "check_count"] == 4  # 3 communes + totals row
    has = list(by_rule["finding_count"] > 0)
    assert has == sorted(has, reverse=True)  # rules with findings first


def test_markers_key_figures_by_unit_and_metric(one_wrong_row):
    marks = report.markers(one_wrong_row, AS_OF, "692")
    hoa = marks[(marks["unit_key"] == "25273") & (marks["rule"] == "column_number_identity")]
    assert {"population_count", "age_8_60_count", "participation_pct"} <= set(hoa["metric"])
    assert set(hoa["scope"]) == {"unit"}
    gap = marks[marks["rule"] == "age_band_gap"]  # a whole-column finding marks the total only
    assert set(gap["scope"]) == {"table"} and set(gap["unit_key"]) == {None}


def test_commune_area_sees_only_its_own_findings(one_wrong_row):
    found = report.findings_frame(one_wrong_row, AS_OF, "25273")
    assert set(found["rule"]) == {"column_number_identity"}


def test_bundled_quality_report(bundled_db):
    con = duckdb.connect(str(bundled_db), read_only=True)
    loc_ninh = dt.date(2024, 9, 30)
    # the 20 bundled findings (tests/test_quality_bundled.py) less the pilot's 3
    assert report.quality_page(con, loc_ninh, "692").area["failed_count"] == 17
    units = report.quality_page(con, loc_ninh, "692").units.set_index("code")
    # TT Lộc Ninh: column 1 ≠ 2+3+4+5, and 1.239 assessed against 1.329 registered; Lộc Tấn: none
    assert units.loc["25270", "failed_count"] == 2 and units.loc["25279", "score"] == 100.0
    pilot = dt.date(2021, 7, 31)
    side = report.quality_page(con, pilot, "L-QP").comparisons.set_index("printed")
    hoang = side.loc[14]
    assert (hoang["other"], hoang["other_cell"], hoang["other_row_label"]) == (10, "B6",
                                                                               "3. BKH Họ Hoàng")
    assert hoang["context"].startswith("+ Ban khuyến học Dòng họ Hoàng Hạ Lang đăng ký 14")
    marks = report.markers(con, pilot, "L-QP")
    assert set(zip(marks["unit_key"], marks["metric"])) >= {
        ("L-QP-3", "registered_count"), (None, "g1_registered_count"),
        (None, "g3_registered_count")}
    con.close()


def test_dataset_without_title_is_named_by_its_file(bundled_db, tmp_path):
    """One table of the period without a title, the other with one (a mixed column once gave
    the untitled one a blank name)."""
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(bundled_db.read_bytes())
    con = duckdb.connect(str(copy))
    day = dt.date(2024, 9, 30)
    first = int(report.quality_page(con, day, "692").datasets["dataset_id"].iloc[0])
    con.execute("UPDATE datasets SET title = NULL WHERE dataset_id = ?", [first])
    scores = report.quality_page(con, day, "692").datasets.set_index("dataset_id")
    assert len(scores) >= 2 and scores["table_title"].notna().all()
    assert scores.loc[first, "table_title"] == scores.loc[first, "source_file"]
    con.close()


def test_unit_scores_of_an_area_without_child_units_is_an_empty_typed_frame(one_wrong_row):
    scores = report.quality_page(one_wrong_row, AS_OF, "25273").units
    assert scores.empty and str(scores["unit_key"].dtype) == "str"
    assert report.quality_page(one_wrong_row, AS_OF, "25273").area["failed_count"] == 1
