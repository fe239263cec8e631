"""A records file may give «Kết quả» without the ten indicators: the recorded results are
checked against the pass mark alone (there is no indicator to hold to the floor)."""

import datetime as dt

from cdht_data.ingest import import_file
from cdht_data.quality import stored_findings

HEADER = ["Mã xã", "Nhóm", "Tổng điểm", "Kết quả"]


def test_results_without_indicators_are_checked_on_the_total(con, write_csv):
    path = write_csv("r.csv", [HEADER, ["25273", "1", "85", "Đạt"],
                               ["25273", "1", "75", "Đạt"],      # below the pass mark of 80
                               ["25276", "2", "90", "Chưa đạt"]])  # withheld: information
    import_file(con, path, "records", as_of=dt.date(2024, 12, 31))
    found = {(f.unit, f.severity, f.expected, f.actual) for f in stored_findings(con)
             if f.rule == "recorded_result_vs_ruleset"}
    assert found == {("Lộc Hòa", "error", 1, 2), ("Lộc An", "information", 0, 1),
                     (None, "error", 1, 2)}  # the whole table: 2 recorded «Đạt», 1 holds
