"""The command line with unit registries and the two structures: exit 0, or 2 with a located
Vietnamese message and the store as it was. Units named "(mô phỏng)" are SYNTHETIC."""

import json

import duckdb

from tests.cli import run
from tests.paths import NEW_COMMUNES
from tests.tables import MERGES, OLD_ROWS, UNITS, changed, scoring, scoring_naming


def _count(db, sql) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def refused(result, *words):
    assert result.returncode == 2, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    for w in words:
        assert w in result.stderr, result.stderr


def test_a_units_file_then_a_merges_file_then_tables_of_both_structures(store_copy, write_csv):
    db = ("--db", str(store_copy))
    ok = run("import", str(write_csv("dvhc.csv", UNITS)), "--kind", "units", *db)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == "Đã nhập danh mục đơn vị từ dvhc.csv: 7 dòng mới, 0 dòng cập nhật.\n"
    ok = run("import", str(write_csv("sap-nhap.csv", MERGES)), "--kind", "unit-merges", *db)
    assert ok.returncode == 0, ok.stderr
    assert "2 dòng mới" in ok.stdout
    old_table = str(write_csv("t.csv", scoring_naming("31/12/2025", "Đông (mô phỏng)")))
    refused(run("import", old_table, "--kind", "scoring", *db),
            "tệp t.csv, dòng 4, cột «Xã/ thị trấn»",
            "Đông (mô phỏng) đã sáp nhập vào xã Đông Tây (mô phỏng) từ 1/7/2025",
            "--structure pre2025")
    ok = run("import", old_table, "--kind", "scoring", "--structure", "pre2025", *db)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == ("Đã nhập bảng scoring của Huyện Một (mô phỏng), kỳ 2025-12-31 (theo đơn "
                         "vị hành chính trước 1/7/2025): 1 dòng.\n")


def test_a_bad_units_file_exits_2_naming_row_and_column(store_copy, write_csv):
    before = _count(store_copy, "SELECT count(*) FROM units")
    bad = write_csv("dvhc.csv", changed(UNITS, 4, 3, "MP101"))
    refused(run("import", str(bad), "--kind", "units", "--db", str(store_copy)),
            "Lỗi dữ liệu (tệp dvhc.csv, dòng 5, cột «Mã cấp trên»)", "không thể thuộc xã")
    assert _count(store_copy, "SELECT count(*) FROM units") == before


def test_a_bad_merges_file_exits_2(store_copy, write_csv):
    rows = [MERGES[0], ["25273", "25273", "1/7/2025", "toàn bộ", ""]]
    refused(run("import", str(write_csv("m.csv", rows)), "--kind", "unit-merges", "--db",
                str(store_copy)),
            "dòng 2, cột «Mã mới»", "mã mới «25273» là Lộc Hòa, đơn vị trước 1/7/2025")


def test_options_of_a_table_are_refused_with_a_registry(store_copy, write_csv):
    refused(run("import", str(write_csv("dvhc.csv", UNITS)), "--kind", "units", "--as-of",
                "2025-12-31", "--db", str(store_copy)), "--as-of không dùng với --kind units")


def test_an_unknown_structure_is_a_command_error(store_copy):
    refused(run("import", str(NEW_COMMUNES), "--kind", "scoring", "--structure", "2025",
                "--db", str(store_copy)), "--structure", "pre2025")


def test_old_and_new_units_of_one_period_are_flagged_by_check(store_copy, write_csv):
    db = ("--db", str(store_copy))
    ok = run("import", str(NEW_COMMUNES), "--kind", "scoring", "--as-of", "2025-12-31", *db)
    assert ok.returncode == 0, ok.stderr
    old_table = str(write_csv("cu.csv", scoring(OLD_ROWS)))
    refused(run("import", old_table, "--kind", "scoring", *db),
            "dòng 5", "Lộc Hòa đã sáp nhập vào xã Lộc Thạnh từ 1/7/2025")
    ok = run("import", old_table, "--kind", "scoring", "--structure", "pre2025", *db)
    assert ok.returncode == 0, ok.stderr
    found = json.loads(run("check", "--as-of", "2025-12-31", "--json", *db).stdout)
    flagged = [f for f in found if f["rule"] == "same_ground_two_structures"]
    assert {f["area_code"] for f in flagged} == {"692", "75@2025"}
    assert all(f["severity"] == "warning" and "«cu.csv»" in f["message"] for f in flagged)
