"""Findings on the real bundled data, each checked by hand against the printed reports."""

import json
import subprocess
import sys

import duckdb

from cdht_data.quality import stored_findings
from tests.paths import ROOT

EXPECTED = {
    # population table: printed totals row against the 16 commune rows
    ("total_row_vs_unit_sum", None, 16728, 16727),
    ("total_row_vs_unit_sum", None, 91443, 91441),
    ("total_row_vs_unit_sum", None, 11730, 11732),
    ("total_row_vs_unit_sum", None, 181, 180),
    # population table: column 1 = 2+3+4+5 on commune rows
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
    # the same age-band shares in every commune: under 7, 8-60, over 60 (not the small column 5)
    ("estimated_age_bands", None, 1, 0.0307),
    ("estimated_age_bands", None, 1, 0.0039),
    ("estimated_age_bands", None, 1, 0.0472),
    ("age_band_gap", None, None, None),
    # the pilot report's text against its own table: section II.3 gives the Hoàng clan board 14
    # registrants (the table and section III.1.1 say 10); section III.1.2 lists 17 farmers and
    # 32 officials where the table's group totals are 18 and 31
    ("text_figure_vs_table", "Ban Khuyến học họ Hoàng (Hạ Lang)", 10, 14),
    ("text_figure_vs_table", None, 18, 17),
    ("text_figure_vs_table", None, 31, 32),
}


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
