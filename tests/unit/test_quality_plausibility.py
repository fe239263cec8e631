"""Plausibility on tiny inline tables: a commune far from the others, a period against the last."""

import datetime as dt

from cdht_data.ingest import import_file
from tests.stores import findings
from tests.tables import GOOD_POP, GOOD_POP_TOTAL, POP_HEADER, SCORING, changed, report

# Five communes whose age structure differs by a few points, as real communes do.
AGES = [["1", "Lộc Hòa", "1000", "140", "760", "95", "5", "8", "1,05"],
        ["2", "Lộc An", "1000", "130", "770", "98", "2", "15", "1,95"],
        ["3", "Lộc Tấn", "1000", "150", "750", "97", "3", "200", "26,67"],
        ["4", "Lộc Thạnh", "1000", "145", "755", "96", "4", "3", "0,40"],
        ["5", "Lộc Hiệp", "1000", "100", "800", "97", "3", "700", "87,50"]]
AGES_TOTAL = ["Tổng cộng", "", "5000", "665", "3835", "483", "17", "926", "24,15"]


def pop_at(con, write_csv, day, rows=GOOD_POP, total=GOOD_POP_TOTAL):
    import_file(con, write_csv(f"p-{day}.csv", POP_HEADER + rows + [total]), "population",
                as_of=dt.date.fromisoformat(day))
    return con


def scoring_at(con, write_csv, day, rows=SCORING):
    import_file(con, write_csv(f"s-{day}.csv", report(rows)), "scoring",
                as_of=dt.date.fromisoformat(day))
    return con


def test_share_outlier_quiet_on_real_differences_and_results(con, write_csv):
    # Lộc Hiệp has 10% under 7 against 14% elsewhere (a town), participation runs from 0,4% to
    # 87,5%: neither is a data error
    pop_at(con, write_csv, "2025-03-31", AGES, AGES_TOTAL)
    assert findings(con, "share_outlier") == []
    checks = con.execute("SELECT sum(check_count) FROM quality_checks "
                         "WHERE rule = 'share_outlier'").fetchone()[0]
    assert checks == 5 * 4  # every commune, every age band


def test_share_outlier_on_a_dropped_digit(con, write_csv):
    rows = changed(AGES, 3, 3, "14")  # Lộc Thạnh: 145 children typed as 14
    pop_at(con, write_csv, "2025-03-31", rows, AGES_TOTAL)
    [f] = findings(con, "share_outlier")
    # the other four's under-7 shares 14%, 13%, 15%, 10%: median (13 + 14) / 2 = 13,5%;
    # Lộc Thạnh 14 / 1.000 = 1,4%
    assert (f.unit, f.severity, f.expected, f.actual) == ("Lộc Thạnh", "warning", 13.5, 1.4)
    assert f.cells == ["D8", "C8"]
    assert f.message.startswith("«Lộc Thạnh»: cột 2 («Số người dưới 7 tuổi») là 14 người, "
                                "bằng 1,40% tổng nhân khẩu (1.000)")


def test_share_outlier_needs_four_communes(con, write_csv):
    pop_at(con, write_csv, "2025-03-31", changed(GOOD_POP, 0, 3, "1"))
    assert findings(con, "share_outlier") == []


def test_registered_falling_within_a_year(con, write_csv):
    pop_at(con, write_csv, "2025-03-31")
    pop_at(con, write_csv, "2025-06-30", changed(GOOD_POP, 1, 7, "12"))  # Lộc An: 15 -> 12
    [f] = findings(con, "change_from_previous_period")
    assert (f.unit, f.severity, f.expected, f.actual) == ("Lộc An", "warning", 15, 12)
    assert f.as_of == dt.date(2025, 6, 30)
    assert f.cells == ["kỳ 30/6/2025 H6", "kỳ 31/3/2025 H6"]
    assert f.message == ("«Lộc An»: số người đăng ký kỳ 30/6/2025 là 12, giảm so với kỳ "
                         "31/3/2025 cùng năm (15), dù số liệu trong một năm đánh giá là số cộng dồn")


def test_earlier_period_imported_later_rechecks_the_next_one(con, write_csv):
    pop_at(con, write_csv, "2025-06-30", changed(GOOD_POP, 1, 7, "12"))
    assert findings(con, "change_from_previous_period") == []
    pop_at(con, write_csv, "2025-03-31")
    assert [f.unit for f in findings(con, "change_from_previous_period")] == ["Lộc An"]


def test_growing_counts_and_a_new_year_are_quiet(con, write_csv):
    pop_at(con, write_csv, "2024-09-30", changed(GOOD_POP, 0, 7, "3"))
    # a new year: Lộc Hòa 3 -> 8 and Lộc An 15 -> 9 (counts start again), none 10x and +100
    pop_at(con, write_csv, "2025-03-31", changed(GOOD_POP, 1, 7, "9"))
    pop_at(con, write_csv, "2025-06-30", changed(GOOD_POP, 2, 7, "25"))  # grows within 2025
    assert findings(con, "change_from_previous_period") == []
    checks = con.execute("SELECT sum(check_count) FROM quality_checks "
                         "WHERE rule = 'change_from_previous_period'").fetchone()[0]
    assert checks == 2 * 3  # the first period has nothing to be compared with


def test_tenfold_jump_across_years_is_information(con, write_csv):
    pop_at(con, write_csv, "2024-09-30")
    pop_at(con, write_csv, "2025-03-31", changed(GOOD_POP, 0, 7, "150"))  # Lộc Hòa: 8 -> 150
    [f] = findings(con, "change_from_previous_period")
    assert (f.unit, f.severity, f.expected, f.actual) == ("Lộc Hòa", "information", 8, 150)
    assert "gấp hơn 10 lần kỳ 30/9/2024 (8)" in f.message


def test_scoring_recognized_falling_within_a_year(con, write_csv):
    scoring_at(con, write_csv, "2025-03-31")
    # Lộc Hòa: Đạt 10 + 2 -> 9 + 2 (one moved to Chưa đạt, so Đạt + Chưa đạt stays 17)
    scoring_at(con, write_csv, "2025-06-30", changed(changed(SCORING, 0, 2, "9"), 0, 3, "6"))
    [f] = findings(con, "change_from_previous_period")
    assert (f.unit, f.expected, f.actual) == ("Lộc Hòa", 12, 11)
    assert f.message.startswith("«Lộc Hòa»: số Đạt kỳ 30/6/2025 là 11, giảm")
    assert f.cells[0].startswith("kỳ 30/6/2025 ") and f.cells[-1].startswith("kỳ 31/3/2025 ")
