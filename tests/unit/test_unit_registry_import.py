"""Unit registries and merges a province supplies (`import --kind units / unit-merges`).

Every unit here is SYNTHETIC: a made-up province (codes MP…, names "(mô phỏng)") with one
district of two communes before 1/7/2025 and two merged communes since.
"""

import datetime as dt

import pytest

from cdht_data.errors import InputError
from cdht_data.ingest import import_file
from cdht_data.quality import stored_findings
from cdht_data.registry_import import import_registry
from cdht_data.units import UnitRegistry, reference_fingerprint
from tests.paths import ROOT
from tests.stores import table_counts
from tests.tables import MERGE_HEADER, MERGES, UNITS, WEST, changed, scoring_naming


def registry_loaded(con, write_csv, rows=UNITS):
    return import_registry(con, write_csv("dvhc.csv", rows), "units")


def refused(con, path, kind):
    before = table_counts(con)
    with pytest.raises(InputError) as err:
        import_registry(con, path, kind)
    assert table_counts(con) == before
    return err.value


# ---------------------------------------------------------------- units

def test_a_good_units_file_adds_units_in_both_structures(con, write_csv):
    before = reference_fingerprint(con)
    result = registry_loaded(con, write_csv)
    assert (result.added, result.updated) == (7, 0)
    assert reference_fingerprint(con) != before
    rows = con.execute(
        "SELECT unit_key, code, level, parent_key, structure, valid_from, valid_to FROM units "
        "WHERE code LIKE 'MP%' ORDER BY sort_order").fetchall()
    old_end, new_start = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
    assert rows == [
        ("MP1", "MP1", "province", None, "pre2025", None, old_end),
        ("MP10", "MP10", "district", "MP1", "pre2025", None, old_end),
        ("MP101", "MP101", "commune", "MP10", "pre2025", None, old_end),
        ("MP102", "MP102", "commune", "MP10", "pre2025", None, old_end),
        ("MP2@2025", "MP2", "province", None, "post2025", new_start, None),
        ("MP201@2025", "MP201", "commune", "MP2@2025", "post2025", new_start, None),
        ("MP202@2025", "MP202", "commune", "MP2@2025", "post2025", new_start, None)]
    assert con.execute("SELECT lat, lon, area_km2 FROM units WHERE unit_key = 'MP101'"
                       ).fetchone() == (11.5, 106.59, 12.5)
    assert con.execute("SELECT ancestor_key, depth FROM unit_ancestry WHERE unit_key = 'MP101' "
                       "ORDER BY depth").fetchall() == [("MP101", 0), ("MP10", 1), ("MP1", 2)]
    registry = UnitRegistry.load(con)
    day = dt.date(2025, 3, 31)
    assert [u.unit_key for u in registry.candidates("Đông Hải (mô phỏng)", day)] == ["MP101"]
    assert [u.unit_key for u in registry.candidates("Xã Đông cũ (mô phỏng)", day)] == ["MP101"]


def test_tables_name_the_imported_units(con, write_csv, write_xlsx):
    registry_loaded(con, write_csv)
    path = write_csv("t.csv", scoring_naming("31/3/2025", "Xã Đông (mô phỏng)",
                                             "TT Tây (mô phỏng)"))
    assert import_file(con, path, "scoring").area_key == "MP10"


def test_an_xlsx_file_with_english_headers_and_date_cells(con, write_xlsx):
    path = write_xlsx("units.xlsx", [
        ["code", "name", "level", "parent code", "valid from", "valid to", "aliases"],
        ["MP1", "Tỉnh Mẫu (mô phỏng)", "province", None, None, None, None],
        ["MP10", "Huyện Một (mô phỏng)", "district", "MP1", None, None, None],
        [101, "Đông (mô phỏng)", "commune", "MP10", dt.datetime(2020, 1, 1),
         dt.datetime(2025, 6, 30), "Đông A (mô phỏng); Đông B (mô phỏng)"]])
    assert import_registry(con, path, "units").added == 3
    assert con.execute("SELECT unit_key, parent_key, valid_from FROM units WHERE code = '101'"
                       ).fetchone() == ("101", "MP10", dt.date(2020, 1, 1))
    assert con.execute("SELECT count(*) FROM unit_aliases WHERE unit_key = '101'"
                       ).fetchone()[0] == 2


def test_the_bundled_registry_imported_again_changes_nothing(con):
    before = reference_fingerprint(con)
    result = import_registry(con, ROOT / "data" / "reference" / "units.csv", "units")
    assert (result.added, result.updated) == (0, 32)
    merges = import_registry(con, ROOT / "data" / "reference" / "unit_merges.csv", "unit-merges")
    assert (merges.added, merges.updated) == (0, 16)
    assert reference_fingerprint(con) == before


UNIT_REFUSALS = [
    # (what, rows, row, column, words)
    ("unknown parent", changed(UNITS, 4, 3, "MP99"), 5, "Mã cấp trên",
     "không có đơn vị mã «MP99» (cấp trên của Tây (mô phỏng)) trong tệp cũng như trong danh mục"),
    ("cycle", changed(changed(UNITS, 2, 3, "MP101"), 2, 2, "xã"), 3, "Mã cấp trên",
     "cấp trên thành vòng lặp: Huyện Một (mô phỏng) (MP10) → Đông (mô phỏng) (MP101) → "
     "Huyện Một (mô phỏng) (MP10)"),
    ("commune under a commune", changed(UNITS, 4, 3, "MP101"), 5, "Mã cấp trên",
     "xã Tây (mô phỏng) không thể thuộc xã Đông (mô phỏng) (mã MP101): cấp trên của một xã "
     "trước 1/7/2025 là một huyện"),
    ("commune under a province since 2025 is right, under a commune not",
     changed(UNITS, 7, 3, "MP201"), 8, "Mã cấp trên", "cấp trên của một xã từ 1/7/2025 là một tỉnh"),
    ("two names for one code", UNITS + [["MP102", "Nam (mô phỏng)", "xã", "MP10"]], 9, "Tên",
     "mã MP102 có hai tên trong cùng các đơn vị trước 1/7/2025: «Tây (mô phỏng)» (dòng 5) và "
     "«Nam (mô phỏng)»"),
    ("one code twice", UNITS + [list(WEST)], 9, "Mã", "mã MP102 (Tây (mô phỏng)) đã có ở dòng 5"),
    ("a day not on the calendar", changed(UNITS, 3, 4, "31/6/2024"), 4, "Hiệu lực từ",
     "ngày «31/6/2024» không có trên lịch"),
    ("not a date", changed(UNITS, 3, 5, "hôm qua"), 4, "Hiệu lực đến",
     "«hôm qua» không phải một ngày (ghi dạng 1/7/2025 hoặc 2025-07-01)"),
    ("valid_to before valid_from", changed(changed(UNITS, 4, 4, "1/1/2020"), 4, 5, "1/1/2019"),
     5, "Hiệu lực đến", "«Hiệu lực đến» 1/1/2019 trước «Hiệu lực từ» 1/1/2020"),
    ("parent of the other structure (new under old)", changed(UNITS, 6, 3, "MP1"), 7,
     "Mã cấp trên", "cấp trên «MP1» là Tỉnh Mẫu (mô phỏng), đơn vị trước 1/7/2025, nhưng Đông "
     "Tây (mô phỏng) là đơn vị từ 1/7/2025 (theo «Hiệu lực từ»): cấp trên phải là đơn vị từ "
     "1/7/2025"),
    ("parent of the other structure (old under new)", changed(UNITS, 4, 3, "MP2"), 5,
     "Mã cấp trên", "cấp trên «MP2» là Tỉnh Mới (mô phỏng), đơn vị từ 1/7/2025"),
    ("an old unit valid after the change", changed(UNITS, 4, 5, "31/12/2025"), 5,
     "Hiệu lực đến", "Tây (mô phỏng) là đơn vị trước 1/7/2025 (theo «Hiệu lực từ») nên hết hiệu "
     "lực chậm nhất 30/6/2025"),
    ("a district after the change", UNITS + [["MP20", "Huyện Hai (mô phỏng)", "huyện", "MP2",
                                              "1/7/2025"]], 9, "Cấp",
     "từ 1/7/2025 không còn cấp huyện"),
    ("an unknown level", changed(UNITS, 4, 2, "làng"), 5, "Cấp", "không hiểu «làng»"),
    ("a province with a parent", UNITS + [["MP3", "Tỉnh Ba (mô phỏng)", "tỉnh", "MP1"]], 9,
     "Mã cấp trên", "tỉnh Tỉnh Ba (mô phỏng) không có cấp trên"),
    ("a commune without one", changed(UNITS, 4, 3, ""), 5, "Mã cấp trên",
     "xã Tây (mô phỏng) cần mã cấp trên (một huyện)"),
    ("a key for a code", changed(UNITS, 7, 0, "MP202@2025"), 8, "Mã", "mã «MP202@2025» có «@»"),
    ("a blank name", changed(UNITS, 4, 1, ""), 5, "Tên", "ô bị trống"),
    ("a latitude out of range", changed(UNITS, 3, 6, "111,5"), 4, "Vĩ độ",
     "«111,5» phải từ -90 đến 90"),
    ("an area that could be read two ways", changed(UNITS, 3, 8, "12.500"), 4, "Diện tích (km²)",
     "«12.500» có thể là 12,5"),
]


@pytest.mark.parametrize("what, rows, row, column, words", UNIT_REFUSALS,
                         ids=[r[0] for r in UNIT_REFUSALS])
def test_a_bad_units_file_is_refused_naming_row_and_column(con, write_csv, what, rows, row,
                                                          column, words):
    e = refused(con, write_csv("dvhc.csv", rows), "units")
    assert (e.file, e.row, e.column) == ("dvhc.csv", row, column)
    assert words in e.message


def test_a_units_file_missing_a_column_is_refused(con, write_csv):
    e = refused(con, write_csv("dvhc.csv", [r[:5] + r[6:] for r in UNITS]), "units")
    assert (e.row, e.message) == (1, "thiếu cột «Hiệu lực đến» trong dòng tiêu đề")


def test_units_a_table_names_keep_their_place_but_may_be_renamed(con, write_csv):
    registry_loaded(con, write_csv)
    import_file(con, write_csv("t.csv", scoring_naming("31/3/2025", "Đông (mô phỏng)")), "scoring")
    missing = [f.unit_key for f in stored_findings(con) if f.rule == "missing_child_units"]
    assert missing == ["MP102"]
    moved = UNITS + [["MP11", "Huyện Hai (mô phỏng)", "huyện", "MP1"]]
    e = refused(con, write_csv("dvhc.csv", changed(moved, 3, 3, "MP11")), "units")
    assert (e.row, e.column) == (4, "Mã cấp trên")
    assert e.message.startswith("Đông (mô phỏng) (mã MP101) đã có trong danh mục và có số liệu "
                                "trong 1 bảng đã nhập (ví dụ bảng chấm điểm «t.csv», kỳ "
                                "31/3/2025): không đổi được «Mã cấp trên» từ «MP10» sang «MP11»")
    e = refused(con, write_csv("dvhc.csv", changed(UNITS, 2, 3, "MP2")), "units")  # its district
    assert (e.row, e.column) == (3, "Mã cấp trên")
    e = refused(con, write_csv("dvhc.csv", changed(UNITS, 3, 4, "1/1/2025")), "units")
    assert (e.row, e.column) == (4, "Hiệu lực từ")
    # a unit no table names may move: Tây (mô phỏng) goes to the new district
    renamed = changed(changed(moved, 3, 1, "Đông Mới (mô phỏng)"), 4, 3, "MP11")
    result = import_registry(con, write_csv("dvhc.csv", renamed), "units")
    assert (result.added, result.updated) == (1, 7)
    assert con.execute("SELECT name, parent_key FROM units WHERE unit_key IN ('MP101', 'MP102') "
                       "ORDER BY unit_key").fetchall() == [("Đông Mới (mô phỏng)", "MP10"),
                                                            ("Tây (mô phỏng)", "MP11")]
    assert con.execute("SELECT ancestor_key FROM unit_ancestry WHERE unit_key = 'MP102' AND "
                       "depth = 1").fetchone() == ("MP11",)
    missing = [f.unit_key for f in stored_findings(con) if f.rule == "missing_child_units"]
    assert missing == []  # the district's other commune moved away: the findings were rechecked


def test_a_file_without_an_aliases_column_keeps_the_stored_aliases(con, write_csv):
    registry_loaded(con, write_csv)
    import_registry(con, write_csv("dvhc.csv", [r[:9] for r in UNITS]), "units")
    assert con.execute("SELECT count(*) FROM unit_aliases WHERE unit_key = 'MP101'"
                       ).fetchone()[0] == 2


# ---------------------------------------------------------------- merges

def test_a_good_merges_file(con, write_csv):
    registry_loaded(con, write_csv)
    before = reference_fingerprint(con)
    result = import_registry(con, write_csv("sap-nhap.csv", MERGES), "unit-merges")
    assert (result.added, result.updated) == (2, 0)
    assert reference_fingerprint(con) != before
    registry = UnitRegistry.load(con)
    assert [(m.old_key, m.is_partial, m.note) for m in registry.predecessors("MP201@2025")] == [
        ("MP101", False, "Nghị quyết (mô phỏng)"), ("MP102", False, None)]
    with pytest.raises(InputError, match="Đông \\(mô phỏng\\) đã sáp nhập vào xã Đông Tây"):
        import_file(con, write_csv("t.csv", scoring_naming("31/12/2025", "Đông (mô phỏng)")),
                    "scoring")


def test_a_split_old_unit_goes_in_parts_english_headers(con, write_csv):
    registry_loaded(con, write_csv)
    rows = [["old code", "new code", "effective date", "whole or part", "note"],
            ["MP101", "MP201", "2025-07-01", "true", ""],
            ["MP101", "MP202@2025", "2025-07-01", "part", ""]]
    assert import_registry(con, write_csv("m.csv", rows), "unit-merges").added == 2
    assert [m.new_key for m in UnitRegistry.load(con).successors("MP101")] == [
        "MP201@2025", "MP202@2025"]


MERGE_REFUSALS = [
    ("an old unit that does not exist", changed(MERGES, 1, 0, "MP109"), 2, "Mã cũ",
     "không có đơn vị mã «MP109» trong danh mục đơn vị"),
    ("a new unit that does not exist", changed(MERGES, 1, 1, "MP299"), 2, "Mã mới",
     "không có đơn vị mã «MP299» trong danh mục đơn vị"),
    ("a merge into a unit of the old structure", changed(MERGES, 2, 1, "MP101"), 3, "Mã mới",
     "mã mới «MP101» là Đông (mô phỏng), đơn vị trước 1/7/2025: chỉ sáp nhập vào đơn vị từ "
     "1/7/2025"),
    ("an old code naming a new unit", changed(MERGES, 2, 0, "MP202"), 3, "Mã cũ",
     "mã cũ «MP202» là Bắc (mô phỏng), đơn vị từ 1/7/2025, không phải đơn vị trước 1/7/2025"),
    ("the same pair twice", MERGES + [["MP101", "MP201@2025", "1/7/2025", "một phần"]], 4,
     "Mã cũ", "Đông (mô phỏng) → Đông Tây (mô phỏng) đã có ở dòng 2"),
    ("a whole old unit into two new units", MERGES + [["MP101", "MP202", "1/7/2025", "một phần"]],
     4, "Toàn bộ/một phần", "Đông (mô phỏng) sáp nhập toàn bộ vào Đông Tây (mô phỏng) (dòng 2) "
     "nên không thể cũng vào Bắc (mô phỏng) (dòng 4)"),
    ("a date that is not the new unit's", changed(MERGES, 2, 2, "2/7/2025"), 3, "Ngày hiệu lực",
     "ngày hiệu lực 2/7/2025 khác ngày Đông Tây (mô phỏng) bắt đầu hiệu lực (1/7/2025"),
    ("a bad date", changed(MERGES, 2, 2, "1/13/2025"), 3, "Ngày hiệu lực",
     "ngày «1/13/2025» không có trên lịch"),
    ("neither whole nor part", changed(MERGES, 1, 3, "nửa"), 2, "Toàn bộ/một phần",
     "không hiểu «nửa»"),
]


@pytest.mark.parametrize("what, rows, row, column, words", MERGE_REFUSALS,
                         ids=[r[0] for r in MERGE_REFUSALS])
def test_a_bad_merges_file_is_refused_naming_row_and_column(con, write_csv, what, rows, row,
                                                           column, words):
    registry_loaded(con, write_csv)
    e = refused(con, write_csv("sap-nhap.csv", rows), "unit-merges")
    assert (e.file, e.row, e.column) == ("sap-nhap.csv", row, column)
    assert words in e.message


def test_a_whole_old_unit_stored_into_another_new_unit_is_refused(con, write_csv):
    registry_loaded(con, write_csv)
    import_registry(con, write_csv("sap-nhap.csv", MERGES), "unit-merges")
    rows = [MERGE_HEADER, ["MP102", "MP202", "1/7/2025", "toàn bộ"]]
    e = refused(con, write_csv("them.csv", rows), "unit-merges")
    assert (e.row, e.column) == (2, "Toàn bộ/một phần")
    assert "Tây (mô phỏng) sáp nhập toàn bộ vào Đông Tây (mô phỏng) (đã có trong danh mục)" \
        in e.message


def test_a_merges_xlsx_with_date_cells(con, write_csv, write_xlsx):
    registry_loaded(con, write_csv)
    path = write_xlsx("sap-nhap.xlsx", [
        ["Mã đơn vị cũ", "Mã đơn vị mới", "Ngày hiệu lực", "Toàn bộ hay một phần"],
        ["MP101", "MP201", dt.datetime(2025, 7, 1), "Một phần"],
        ["MP101", "MP202", dt.datetime(2025, 7, 1), "Một phần"]])
    assert import_registry(con, path, "unit-merges").added == 2
    assert {(m.new_key, m.is_partial, m.effective_date) for m in
            UnitRegistry.load(con).successors("MP101")} == {
        ("MP201@2025", True, dt.date(2025, 7, 1)), ("MP202@2025", True, dt.date(2025, 7, 1))}
