"""The recorded result (Kết quả) of individual records against the period's rule set."""

import datetime as dt

from cdht_data import views
from cdht_data.quality import report, stored_findings
from cdht_data.units import store_reference_fingerprint
from tests.stores import import_records
from tests.tables import RECORDS_AS_OF, RECORDS_HEADER, person

RULE = "recorded_result_vs_ruleset"
RECOGNITION = {"recognized_count", "recognition_pct", "recognition_of_registered_pct"}

MIXED = [
    person("25273", 1, [7.5] * 10, "Đạt"),       # 75: below the pass mark of 80
    person("25273", 1, [9] * 9 + [4], "Đạt"),    # 85, but one indicator below the floor of 5
    person("25273", 1, [9.5] * 10, "Đạt"),       # 95: Đạt agrees
    person("25276", 2, [10] * 10, "Đạt"),        # agrees
    person("25276", 4, [9] * 9 + [4], "Chưa đạt"),  # agrees
    person("25270", 3, [9] * 10, "Chưa đạt"),    # 90 and no indicator below 5: the council's call
    person("25270", 3, [8] * 10, "Đạt"),         # agrees
]


def found(con):
    return {(f.severity, f.unit_code): f for f in stored_findings(con) if f.rule == RULE}


def test_recognised_against_the_rule_set_is_an_error_kept_as_written(con, write_csv):
    import_records(con, write_csv("r.csv", [RECORDS_HEADER, *MIXED]))
    hits = found(con)
    assert set(hits) == {("error", "25273"), ("error", None), ("information", "25270")}
    unit = hits[("error", "25273")]
    assert (unit.expected, unit.actual) == (1, 3)  # Đạt under the rule set / Đạt as written
    assert "Lộc Hòa" in unit.message and "2 người" in unit.message
    assert "dưới điểm đạt 80" in unit.message and "dưới điểm sàn 5" in unit.message
    assert RECOGNITION | {"g1_recognized_count"} <= set(unit.metrics)
    total = hits[("error", None)]
    assert "2 người" in total.message and "Lộc Hòa (25273)" in total.message
    assert "Lộc An" not in total.message and "g2_recognized_count" not in total.metrics
    assert con.execute("SELECT recognized_count FROM group_counts WHERE unit_key = '25273'"
                       ).fetchone() == (3,)


def test_not_recognised_with_a_passing_score_is_information_only(con, write_csv):
    import_records(con, write_csv("r.csv", [RECORDS_HEADER, *MIXED]))
    info = found(con)[("information", "25270")]
    assert "1 người" in info.message and "hội đồng" in info.message
    assert info.metrics == []


def test_recognition_figures_carry_the_mark_on_the_unit_and_the_totals(con, write_csv):
    import_records(con, write_csv("r.csv", [RECORDS_HEADER, *MIXED]))
    marks = report.markers(con, RECORDS_AS_OF, "692")
    marks = marks[marks["rule"] == RULE]
    assert set(marks["unit_key"]) == {"25273", None}
    shown = views.marks(report.markers(con, RECORDS_AS_OF, "692"), ["recognition_pct"])
    assert set(shown["unit_key"]) == {"25273", None}


def test_passed_checks_are_counted_at_their_own_severity(con, write_csv):
    """Per unit, one check of its Đạt (error) and one of its Chưa đạt (information), plus one
    for the whole table: passed 3 + 1 (Lộc An) + 3 (TT Lộc Ninh's Đạt), failed 3 (Lộc
    Hòa) + 1 (TT Lộc Ninh's Chưa đạt) + 3 (the table)."""
    import_records(con, write_csv("r.csv", [RECORDS_HEADER, *MIXED]))
    score = report.quality_page(con, RECORDS_AS_OF, "692").area
    assert (score["check_count"], score["failed_count"], score["score"]) == (6, 3, 50.0)
    units = report.quality_page(con, RECORDS_AS_OF, "692").units.set_index("code")
    assert (units.loc["25276", "score"], units.loc["25270", "score"],
            units.loc["25273", "score"]) == (100.0, 75.0, 0.0)


def test_an_area_pass_mark_override_is_the_pass_mark(con, write_csv):
    con.execute("INSERT INTO ruleset_overrides VALUES ('qd-324-2023', '692', 70, 'thử')")
    store_reference_fingerprint(con)
    rows = [person("25273", 1, [7.5] * 10, "Đạt"), person("25273", 1, [6.5] * 10, "Đạt")]
    import_records(con, write_csv("r.csv", [RECORDS_HEADER, *rows]))
    hits = found(con)
    assert set(hits) == {("error", "25273"), ("error", None)}
    assert "1 người" in hits[("error", "25273")].message and "dưới điểm đạt 70" in hits[
        ("error", None)].message


def test_consistent_records_and_records_without_a_result_raise_nothing(con, write_csv):
    agreeing = [r for r in MIXED if r[0] == "25276"]
    import_records(con, write_csv("r.csv", [RECORDS_HEADER, *agreeing]))
    assert found(con) == {}
    assert report.quality_page(con, RECORDS_AS_OF, "692").area["check_count"] == 3
    import_records(con, write_csv("n.csv", [RECORDS_HEADER[:-1], *[r[:-1] for r in MIXED]]),
                   as_of=dt.date(2025, 3, 31))
    assert found(con) == {}


def test_the_whole_table_finding_names_ten_units_and_counts_the_rest(con, write_csv):
    communes = [r[0] for r in con.execute(
        "SELECT code FROM units WHERE parent_key = '692' ORDER BY sort_order").fetchall()]
    assert len(communes) >= 12
    rows = [person(code, 1, [7.5] * 10, "Đạt") for code in communes[:12]]
    import_records(con, write_csv("r.csv", [RECORDS_HEADER, *rows]))
    total = found(con)[("error", None)]
    assert "12 người" in total.message and "ở 12 đơn vị" in total.message
    assert "và 2 đơn vị khác" in total.message
    assert sum(f"({code})" in total.message for code in communes[:12]) == 10
