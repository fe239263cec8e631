"""Import into the store: units matched by name, bad tables refused with nothing changed."""

import datetime as dt
import shutil
import unicodedata

import pytest

from cdht_data.errors import InputError
from cdht_data.ingest import Provenance, import_file
from tests.paths import ROOT
from tests.stores import table_counts
from tests.tables import report, scoring_row

SOURCES = ROOT / "data" / "sources"


def no_date(rows):
    return [r for r in report(rows) if not str(r[0]).startswith("Tính đến")]


@pytest.mark.parametrize("spelling", ["Lộc Hoà", unicodedata.normalize("NFD", "Lộc Hòa"),
                                      "Xã Lộc Hòa", "lộc hòa"])
def test_name_variants_land_on_the_right_commune(con, write_csv, spelling):
    import_file(con, write_csv("t.csv", report([scoring_row(1, spelling)])), "scoring")
    assert con.execute("SELECT DISTINCT unit_key FROM group_counts").fetchall() == [("25273",)]


@pytest.mark.parametrize("spelling", ["TT. Lộc Ninh", "TT Lộc Ninh", "Thị Trấn Lộc Ninh"])
def test_town_spellings_land_on_the_town(con, write_csv, spelling):
    rows = report([scoring_row(1, spelling), scoring_row(2, "Lộc An")])
    import_file(con, write_csv("t.csv", rows), "scoring")
    keys = {r[0] for r in con.execute("SELECT unit_key FROM group_counts").fetchall()}
    assert keys == {"25270", "25276"}


def test_partial_table_is_accepted_and_area_is_the_district(con, write_csv):
    rows = report([scoring_row(1, "Lộc Hòa"), scoring_row(2, "Lộc An")])
    result = import_file(con, write_csv("t.csv", rows), "scoring")
    assert (result.area_key, result.as_of, result.row_count) == ("692", dt.date(2025, 3, 31), 2)


def test_blank_cells_are_stored_as_null(con, write_csv):
    import_file(con, write_csv("t.csv", report([scoring_row(1, "Lộc Hòa")])), "scoring")
    assert con.execute("SELECT recognized_count, not_recognized_count FROM group_counts "
                       "WHERE group_no = 1").fetchone() == (1, None)


def _refused(con, path, words, **kw):
    before = table_counts(con)
    with pytest.raises(InputError, match=words) as err:
        import_file(con, path, kw.pop("kind", "scoring"), **kw)
    assert table_counts(con) == before
    return err.value


@pytest.fixture
def loaded(con):
    """A store that already holds the real Lộc Ninh scoring table: refusals must not touch it."""
    import_file(con, SOURCES / "loc-ninh_2024-09-30_cham-diem.csv", "scoring")
    return con


def test_unknown_commune_is_refused(loaded, write_csv):
    rows = report([scoring_row(1, "Lộc Hòa"), scoring_row(2, "Lộc Xyz")])
    err = _refused(loaded, write_csv("u.csv", rows), "không có đơn vị «Lộc Xyz»")
    assert (err.file, err.row, err.column) == ("u.csv", 6, "Xã/ thị trấn")


def test_same_commune_twice_under_two_spellings(loaded, write_csv):
    rows = report([scoring_row(1, "Lộc Hòa"), scoring_row(2, "Lộc Hoà")])
    err = _refused(loaded, write_csv("d.csv", rows), "cùng một đơn vị")
    assert err.row == 6


def test_text_in_a_count(loaded, write_csv):
    rows = report([scoring_row(1, "Lộc Hòa", ("mười", ""))])
    err = _refused(loaded, write_csv("x.csv", rows), "không phải là số người")
    assert (err.row, err.column) == (5, "Nhóm I (Nông dân) / Đạt (C)")


@pytest.mark.parametrize("cell, words", [("-2", "âm"), ("3,5", "số nguyên")])
def test_negative_or_fractional_count(loaded, write_csv, cell, words):
    _refused(loaded, write_csv("n.csv", report([scoring_row(1, "Lộc Hòa", (cell, ""))])), words)


def test_wrong_header(loaded, write_csv):
    rows = [["Tính đến ngày 31/3/2025"], ["STT", "Xã/ thị trấn", "Số A", "Số B"],
            ["1", "Lộc Hòa", "1", "2"]]
    _refused(loaded, write_csv("w.csv", rows), "thiếu cột")


@pytest.mark.parametrize("content, words", [(b"", "tệp rỗng"), (b"PK\x03\x04broken", "Excel")])
def test_corrupt_or_empty_xlsx(loaded, tmp_path, content, words):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    _refused(loaded, path, words)


def test_empty_csv(loaded, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    _refused(loaded, path, "tệp rỗng")


def test_missing_date_asks_for_as_of(loaded, write_csv):
    _refused(loaded, write_csv("nodate.csv", no_date([scoring_row(1, "Lộc Hòa")])), "--as-of")


def test_second_table_for_the_same_period_and_area_needs_replace(loaded, tmp_path):
    copy = tmp_path / "again.csv"
    shutil.copy(SOURCES / "loc-ninh_2024-09-30_cham-diem.csv", copy)
    _refused(loaded, copy, "--replace")
    result = import_file(loaded, copy, "scoring", replace=True)
    assert result.replaced
    assert loaded.execute("SELECT count(*) FROM datasets").fetchone()[0] == 1
    # the replaced table's rows are kept for an undo, out of sight of `datasets`
    assert loaded.execute("SELECT sum(recognized_count) FROM group_counts "
                          "JOIN datasets USING (dataset_id)").fetchone()[0] == 3523


def test_as_of_from_the_command_wins_over_nothing(con, write_csv):
    path = write_csv("nodate.csv", no_date([scoring_row(1, "Lộc Hòa")]))
    result = import_file(con, path, "scoring", as_of=dt.date(2025, 3, 31))
    assert result.as_of == dt.date(2025, 3, 31)


def test_fourth_group_refused_under_the_three_group_pilot_rules(con, write_csv):
    rows = [["Tính đến ngày 30/6/2021"]] + HEADER_ONLY + [scoring_row(1, "Lộc Hòa")]
    _refused(con, write_csv("g.csv", rows), "chỉ có 3 nhóm")


HEADER_ONLY = report([])[2:]


def test_a_failed_write_rolls_back(loaded, write_csv, monkeypatch):
    """A fault in the middle of writing leaves no half-written dataset behind."""
    import cdht_data.ingest as store_mod
    original = store_mod._printed

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")
    path = write_csv("t.csv", report([scoring_row(1, "Lộc Hòa"),
                                      ["Toàn huyện", "", "1", "", "0", "", "0", "", "", "", "1"]]))
    before = table_counts(loaded)
    monkeypatch.setattr(store_mod, "_printed", broken)
    with pytest.raises(RuntimeError):
        import_file(loaded, path, "scoring", as_of=dt.date(2025, 3, 31))
    monkeypatch.setattr(store_mod, "_printed", original)
    assert table_counts(loaded) == before


def test_pilot_table_with_provenance(con):
    result = import_file(con, SOURCES / "quang-phu_2021_thi-diem.csv", "pilot",
                         as_of=dt.date(2021, 7, 31),
                         provenance=Provenance(all_registered_assessed=True))
    assert result.area_key == "L-QP"
    assert con.execute("SELECT sum(person_count) FROM band_counts").fetchone()[0] == 52
    assert con.execute("SELECT ruleset_id FROM datasets").fetchone()[0] == "thi-diem-2021"


@pytest.mark.parametrize("cell, words", [("13 29", "1.329 hoặc 1329"), ("１２", "0–9"),
                                         ("100.000.001", "100.000.000")])
def test_counts_that_could_be_misread_are_refused(loaded, write_csv, cell, words):
    rows = report([scoring_row(1, "Lộc Hòa", (cell, ""))])
    err = _refused(loaded, write_csv("m.csv", rows), words)
    assert (err.file, err.row, err.column) == ("m.csv", 5, "Nhóm I (Nông dân) / Đạt (C)")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_records_file_over_its_limit_is_refused_before_it_is_read(loaded, tmp_path,
                                                                    monkeypatch, fmt):
    from cdht_data import limits
    path = tmp_path / f"nguoi.{fmt}"
    path.write_bytes(b"x" * 2048)  # not even a records file: the size is refused first
    monkeypatch.setitem(limits.RECORDS, fmt, limits.SizeLimit(1024, "bảng từng người"))
    err = _refused(loaded, path, "tệp nặng 2 KB, quá giới hạn 1 KB", kind="records",
                   as_of=dt.date(2024, 12, 31))
    assert err.file == f"nguoi.{fmt}"



# ---------------------------------------------------------------- a code and a name on one row

def coded(rows):
    """The report layout with a "Mã xã" column after the unit column: (code, name, g1 Đạt)."""
    head = [r[:2] + ["Mã xã" if i == 0 else ""] + r[2:] for i, r in enumerate(report([])[2:])]
    body = [[str(n), name, code, g1, "", "0", "", "0", "", "", "", g1]
            for n, (code, name, g1) in enumerate(rows, start=1)]
    return [["Tính đến ngày 31/3/2025"]] + head + body


@pytest.mark.parametrize("name", ["Lộc Hòa", "Lộc Hoà", "Xã Lộc Hòa",
                                  unicodedata.normalize("NFD", "Lộc Hòa"), "25273"])
def test_a_code_and_a_name_of_the_same_unit(con, write_csv, name):
    path = write_csv("c.csv", coded([("25270", "TT. Lộc Ninh", "1"), ("25273", name, "3")]))
    import_file(con, path, "scoring")
    assert con.execute("SELECT unit_key, recognized_count FROM group_counts WHERE group_no = 1 "
                       "ORDER BY 1").fetchall() == [("25270", 1), ("25273", 3)]


def test_a_code_and_a_name_of_two_units_are_refused_naming_both(loaded, write_csv):
    path = write_csv("c.csv", coded([("25270", "TT Lộc Ninh", "1"), ("25273", "Lộc Thạnh", "3")]))
    err = _refused(loaded, path, "là đơn vị khác")
    assert "mã 25273 là Lộc Hòa nhưng tên «Lộc Thạnh» là đơn vị khác" in err.message
    assert (err.file, err.row, err.column) == ("c.csv", 5, "Xã/ thị trấn")


def test_a_code_with_a_name_of_no_unit_is_refused(loaded, write_csv):
    err = _refused(loaded, write_csv("c.csv", coded([("25273", "Lộc Hòaa", "3")])),
                   "không phải tên của đơn vị này")
    assert "mã 25273 là Lộc Hòa" in err.message and err.row == 4


def test_an_unknown_code_beside_a_known_name_is_refused(loaded, write_csv):
    """The code is never silently set aside for the name."""
    err = _refused(loaded, write_csv("c.csv", coded([("99999", "Lộc Hòa", "3")])),
                   "không có đơn vị mã «99999»")
    assert (err.file, err.row, err.column) == ("c.csv", 4, "Xã/ thị trấn")


def test_long_layout_rows_whose_code_and_name_disagree(loaded, write_csv):
    path = write_csv("long.csv", [["Tính đến ngày 31/3/2025"],
                                  ["Mã xã", "Xã", "Nhóm", "Kết quả", "Số lượng"],
                                  ["25273", "Lộc Hòa", "Nhóm I", "Đạt", "1"],
                                  ["25273", "Lộc Hòa", "Nhóm I", "Chưa đạt", "2"],
                                  ["25273", "Lộc Thạnh", "Nhóm II", "Đạt", "4"]])
    err = _refused(loaded, path, "mã 25273 là Lộc Hòa nhưng tên «Lộc Thạnh» là đơn vị khác")
    assert (err.file, err.row) == ("long.csv", 5)
