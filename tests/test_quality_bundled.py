"""Findings on the real bundled data, each checked by hand against the printed reports."""

import csv
import json
import statistics
import subprocess
import sys

import duckdb

from cdht_data.quality import stored_findings
from tests.paths import ROOT

POPULATION_CSV = ROOT / "data" / "sources" / "loc-ninh_2024_dan-so-dang-ky.csv"
# The 16 commune rows (STT 1–16) of that table as printed: column 1 "TỔNG SỐ NHÂN KHẨU" and the
# age bands of column 2 (under 7), column 3 (8–60), column 4 (over 60) and column 5 (8–60 unable
# to work).
COLUMN_1 = [10450, 5482, 7724, 10772, 3962, 9359, 7732, 8787, 6939, 6697, 8366, 7094, 7618, 7972,
            4663, 6463]
COLUMN_2 = [1456, 764, 1076, 1501, 552, 1304, 1077, 1224, 967, 933, 1165, 988, 1061, 1110, 650, 900]
COLUMN_3 = [7958, 4175, 5882, 8203, 3017, 7127, 5888, 6691, 5284, 5100, 6371, 5402, 5801, 6071,
            3551, 4922]
COLUMN_4 = [1021, 536, 755, 1052, 387, 914, 755, 858, 678, 654, 817, 693, 744, 779, 456, 631]
COLUMN_5 = [16, 8, 12, 16, 6, 14, 12, 13, 10, 10, 13, 11, 11, 12, 7, 10]


def cv_of_share_pct(column: list[int]) -> float:
    """How much a column's share of column 1 differs between the communes: the population
    standard deviation of the 16 shares over their mean, in %, to 4 places (none of the values
    below sits on a rounding tie)."""
    shares = [part / whole for part, whole in zip(column, COLUMN_1)]
    return round(statistics.pstdev(shares) / statistics.mean(shares) * 100, 4)


EXPECTED = {
    # population table: the 16 commune rows added up (16.728, 91.443, 11.730, 181) against the
    # printed TỔNG CỘNG row
    ("total_row_vs_unit_sum", None, sum(COLUMN_2), 16727),
    ("total_row_vs_unit_sum", None, sum(COLUMN_3), 91441),
    ("total_row_vs_unit_sum", None, sum(COLUMN_4), 11732),
    ("total_row_vs_unit_sum", None, sum(COLUMN_5), 180),
    # population table: column 1 = 2+3+4+5 on commune rows (TT Lộc Ninh: 1.456 + 7.958 + 1.021
    # + 16 = 10.451 where 10.450 is printed)
    ("column_number_identity", "Thị trấn Lộc Ninh", 10451, 10450),
    ("column_number_identity", "Lộc Hòa", 5483, 5482),
    ("column_number_identity", "Lộc An", 7725, 7724),
    ("column_number_identity", "Lộc Thuận", 8786, 8787),
    ("column_number_identity", "Lộc Điền", 7617, 7618),
    ("column_number_identity", "Lộc Thịnh", 4664, 4663),
    # scoring (assessed) against population (registered)
    ("assessed_vs_registered", "Thị trấn Lộc Ninh", 1329, 1239),
    ("assessed_vs_registered", "Lộc Thịnh", 1056, 1055),
    ("assessed_vs_registered", None, 5140, 5049),
    # the same age-band shares in every commune: a band's share of column 1 varies by less than
    # the rule's 1% in columns 2, 3 and 4 (0,0307%, 0,0039%, 0,0472%); column 5, a dozen people
    # a commune, varies by 2,5% and is not flagged (test_the_age_bands_are_the_printed_columns)
    ("estimated_age_bands", None, 1, cv_of_share_pct(COLUMN_2)),
    ("estimated_age_bands", None, 1, cv_of_share_pct(COLUMN_3)),
    ("estimated_age_bands", None, 1, cv_of_share_pct(COLUMN_4)),
    ("age_band_gap", None, None, None),
    # the pilot report's text against its own table: section II.3 gives the Hoàng clan board 14
    # registrants (the table and section III.1.1 say 10); section III.1.2 lists 17 farmers and
    # 32 officials where the table's group totals are 18 and 31
    ("text_figure_vs_table", "Ban Khuyến học họ Hoàng (Hạ Lang)", 10, 14),
    ("text_figure_vs_table", None, 18, 17),
    ("text_figure_vs_table", None, 31, 32),
}


def test_the_age_bands_are_the_printed_columns():
    """The columns above are the source file's, and only column 5 varies by 1% or more."""
    with open(POPULATION_CSV, encoding="utf-8") as f:
        rows = [r for r in csv.reader(f) if r[0].isdigit()]
    assert len(rows) == 16
    for number, column in enumerate([COLUMN_1, COLUMN_2, COLUMN_3, COLUMN_4, COLUMN_5], start=1):
        assert [int(r[1 + number]) for r in rows] == column, f"column {number}"
    flagged = [cv_of_share_pct(c) for c in (COLUMN_2, COLUMN_3, COLUMN_4)]
    assert max(flagged) < 1 <= cv_of_share_pct(COLUMN_5)


def test_bundled_findings(bundled_db):
    con = duckdb.connect(str(bundled_db), read_only=True)
    found = stored_findings(con)
    con.close()
    assert {(f.rule, f.unit, f.expected, f.actual) for f in found} == EXPECTED
    assert len(found) == len(EXPECTED)
    assert not [f for f in found if f.dataset_id == 3]  # the pilot table is consistent
    message = next(f.message for f in found if f.expected == 91443)
    assert message == "Dòng «TỔNG CỘNG», cột 3 in 91.441 nhưng cộng các xã được 91.443"
    hoang = next(f for f in found if f.actual == 14)
    assert hoang.message.startswith("Lời văn (Mục II.3 (Về lựa chọn các đối tượng đăng ký), ý 3) "
                                    "ghi số đăng ký của «Ban Khuyến học họ Hoàng (Hạ Lang)» là 14")
    assert hoang.unit_key == "L-QP-3" and hoang.metrics[0] == "registered_count"


def test_bundled_text_figures_are_all_compared(bundled_db):
    """Every figure transcribed from both reports' text found its table figure: none skipped."""
    con = duckdb.connect(str(bundled_db), read_only=True)
    checked = con.execute(
        "SELECT d.source_file, sum(q.check_count) FROM quality_checks q JOIN datasets d "
        "USING (dataset_id) WHERE q.rule = 'text_figure_vs_table' GROUP BY ALL").fetchall()
    con.close()
    # Lộc Ninh: one figure (5.049 assessed, agrees); Quảng Phú: 29 rows, of which the thôn's
    # 6 + 14 and the composition 31 + 10 + 14 are one figure each -> 26 comparisons
    assert dict(checked) == {"loc-ninh_2024_loi-van.csv": 1, "quang-phu_2021_loi-van.csv": 26}


def test_check_cli_json(bundled_db):
    def check(*args):
        out = subprocess.run([sys.executable, "-m", "cdht_data", "check", "--db", str(bundled_db),
                              *args, "--json"], cwd=ROOT, capture_output=True, text=True,
                             check=True)
        return json.loads(out.stdout)

    rows = check()
    assert len(rows) == len(EXPECTED)
    assert {"rule", "severity", "unit", "unit_code", "expected", "actual", "message",
            "finding_id", "unit_key", "metrics", "cells"} <= set(rows[0])
    pilot_text = [e for e in EXPECTED if e[0] == "text_figure_vs_table"]
    assert len(check("--as-of", "2024-09-30")) == len(EXPECTED) - len(pilot_text)
