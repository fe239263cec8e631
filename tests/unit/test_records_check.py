"""A records file on the import page: its first rows and every row with a problem shown, the
problems listed up to a cap with their total, and what the file holds (rows, units, groups).
The records here are SYNTHETIC (made-up people of Lộc Ninh's communes)."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq

from cdht_data.checking import check_file, recognised, report_lines
from cdht_data.views import entry
from tests.stores import table_counts
from tests.tables import RECORDS_HEADER, person

AS_OF = dt.date(2024, 12, 31)
GOOD = [9] * 10  # a total of 90: Đạt


def _people(count: int, bad_every: int | None = None) -> list[list[str]]:
    """SYNTHETIC records of Lộc Hòa (25273) group 1 and Lộc An (25276) group 2, alternately;
    with `bad_every`, every such row (counting records from 1) has a total of text."""
    rows = [RECORDS_HEADER]
    for n in range(1, count + 1):
        row = person("25273", 1, GOOD) if n % 2 else person("25276", 2, GOOD)
        if bad_every and n % bad_every == 0:
            row[2] = "abc"
        rows.append(row)
    return rows


def test_a_records_preview_shows_the_first_rows_and_every_row_with_a_problem(con, write_csv):
    rows = _people(500)
    rows[450][2] = "abc"  # record 450, row 451 (the header is row 1): a total of text
    check = check_file(con, write_csv("nguoi.csv", rows), "records", as_of=AS_OF)
    assert [(p.row, p.letter, p.cell) for p in check.problems] == [(451, "C", "abc")]
    preview = check.preview
    shown = [no for no, _ in preview.rows]
    assert shown == [*range(2, 202), 451]  # records 1–200 are rows 2–201, then the bad row
    assert preview.headers == RECORDS_HEADER
    assert preview.rows[-1][1][:3] == ["25276", "2", "abc"]  # record 450 is even: Lộc An
    assert preview.marked == {(451, "C")}
    assert entry.preview_note(check) == ("Đang xem 200 dòng đầu và các dòng có lỗi trên tổng "
                                         "số 500 dòng.")
    cells, marked = entry.preview_frame(check)
    assert list(cells.columns[:3]) == ["A · Mã xã", "B · Nhóm", "C · Tổng điểm"]
    assert marked.loc[451, "C · Tổng điểm"] and marked.to_numpy().sum() == 1
    assert table_counts(con)["assessment_records"] == 0


def test_a_good_records_file_says_rows_units_and_groups(con, write_csv):
    check = check_file(con, write_csv("nguoi.csv", _people(300)), "records", as_of=AS_OF)
    assert check.ok
    said = recognised(check)
    assert "300 dòng số liệu" in said  # 300 records
    assert "2 đơn vị" in said  # Lộc Hòa and Lộc An
    assert "nhóm 1, 2" in said
    assert entry.preview_note(check) == "Đang xem 200 dòng đầu trên tổng số 300 dòng."
    assert len(check.preview.rows) == 200


def test_a_short_records_file_is_shown_whole(con, write_csv):
    check = check_file(con, write_csv("nguoi.csv", _people(3)), "records", as_of=AS_OF)
    assert entry.preview_note(check) == "Đang xem 3 dòng đầu trên tổng số 3 dòng."


def test_a_parquet_records_file_has_its_preview(con, tmp_path):
    rows = _people(5)
    rows[3][1] = "7"  # record 3: no group 7 in the 324 rule set; Parquet's record 3 is row 3
    path = tmp_path / "nguoi.parquet"
    pq.write_table(pa.table({name: [r[i] for r in rows[1:]]
                             for i, name in enumerate(RECORDS_HEADER)}), path)
    check = check_file(con, path, "records", as_of=AS_OF)
    assert [(p.row, p.letter, p.cell) for p in check.problems] == [(3, "B", "7")]
    assert [no for no, _ in check.preview.rows] == [1, 2, 3, 4, 5]
    assert check.preview.marked == {(3, "B")}


def test_the_page_lists_the_first_problems_and_counts_them_all(con, write_csv):
    path = write_csv("nguoi.csv", _people(40, bad_every=2))  # records 2, 4, …, 40: 20 bad
    capped = check_file(con, path, "records", as_of=AS_OF, problem_limit=5)
    assert capped.problem_count == 20
    assert [p.row for p in capped.problems] == [3, 5, 7, 9, 11]  # records 2…10
    assert entry.problems_note(capped).startswith("Tệp có 20 lỗi (dưới đây là 5 lỗi đầu;")
    # the preview: the first 200 rows are all 40; no row beyond them
    assert len(capped.preview.rows) == 40
    whole = check_file(con, path, "records", as_of=AS_OF)  # as import --dry-run: every one
    assert whole.problem_count == len(whole.problems) == 20
    assert len(whole.as_json()["problems"]) == 20
    assert report_lines(whole)[2] == "Tệp có 20 lỗi, chưa nhập được:"


def test_a_problem_beyond_the_first_rows_is_shown_when_listed(con, write_csv):
    path = write_csv("nguoi.csv", _people(400, bad_every=100))  # records 100, 200, 300, 400
    check = check_file(con, path, "records", as_of=AS_OF, problem_limit=3)
    assert check.problem_count == 4
    shown = [no for no, _ in check.preview.rows]
    assert shown == [*range(2, 202), 301]  # record 300 is listed; record 400 only counted


def test_an_unreadable_records_file_has_no_preview(con, tmp_path):
    path = tmp_path / "nguoi.csv"
    path.write_bytes(b"\xff\xfe\x00M\x00a")  # UTF-16 bytes: not a UTF-8 CSV
    check = check_file(con, path, "records", as_of=AS_OF)
    assert not check.ok and check.preview is None


def test_a_records_file_over_its_limit_is_not_read_for_a_preview(con, write_csv, monkeypatch):
    from cdht_data import limits
    monkeypatch.setitem(limits.RECORDS, "csv", limits.SizeLimit(100, "bảng từng người"))
    check = check_file(con, write_csv("nguoi.csv", _people(10)), "records", as_of=AS_OF)
    assert "quá giới hạn" in check.problems[0].message and check.preview is None
