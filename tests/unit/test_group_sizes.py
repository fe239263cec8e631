"""Tables of group sizes (kind "group-sizes"): reading, every problem at once, the store and its
upgrade, the quality checks, `group_sizes.load` in both unit structures, and undo. Every table
here is SYNTHETIC (made up for the tests; no source prints group sizes)."""

from __future__ import annotations

import datetime as dt
import io

import duckdb
import openpyxl
import pytest

from cdht_data import group_sizes, metrics, store, template
from cdht_data.checking import check_file, recognised
from cdht_data.errors import InputError
from cdht_data.ingest import import_file
from cdht_data.readers import parse_file
from cdht_data.undo import undo
from tests.stores import findings, import_population, store_rows
from tests.tables import GROUP_SIZES_HEADER, group_sizes as sizes_table

KIND = "group-sizes"
SEPT = dt.date(2024, 9, 30)
BEFORE_GROUP_SIZES = 7  # the schema version before step 8 added the group_sizes table
# Lộc Hòa: 1.000 + 200 + 50 + 300 = 1.550; Lộc An: 800 + 100 + 40 + 250 = 1.190
ROWS = [["1", "Lộc Hòa", "1.000", "200", "50", "300", "1.550"],
        ["2", "Lộc An", "800", "100", "40", "250", "1.190"]]
TOTAL = ["", "Toàn huyện", "1.800", "300", "90", "550", "2.740"]  # the sums of the two rows


@pytest.fixture
def sizes(con, write_csv):
    """The two communes' SYNTHETIC group sizes of 30/9/2024 imported."""
    import_file(con, write_csv("synthetic_nhom.csv", sizes_table(ROWS + [TOTAL])), KIND)
    return con


def _sizes(frame) -> dict[tuple[str, int], int]:
    return {(r.unit_key, r.group_no): int(r.size) for r in frame.itertuples()}


# ---------------------------------------------------------------- reading

def test_groups_are_read_by_name_or_number_and_the_running_number_is_no_group(write_csv):
    parsed = parse_file(write_csv("synthetic_nhom.csv", sizes_table(ROWS + [TOTAL])), KIND)
    assert sorted(parsed.columns) == ["g1_size", "g2_size", "g3_size", "g4_size",
                                      "printed_total"]
    assert parsed.columns["g4_size"].header == "Học sinh"
    assert parsed.as_of == SEPT
    assert [r.values["g1_size"] for r in parsed.rows] == [1000, 800]
    assert parsed.total_row.values["printed_total"] == 2740


def test_the_pilots_group_names_are_its_groups(con, write_csv):
    header = ["Tên đơn vị", "Nông dân và lao động nông thôn", "Công nhân, thợ, lao động tự do",
              "Cán bộ, công chức, viên chức (trí thức)"]
    path = write_csv("synthetic_thi-diem_nhom.csv", sizes_table(
        [["Cơ quan xã", "10", "", "25"]], "31/7/2021", header))
    import_file(con, path, KIND)
    assert con.execute("SELECT group_no, size_count FROM group_sizes ORDER BY group_no"
                       ).fetchall() == [(1, 10), (2, None), (3, 25)]  # blank is unknown


def test_the_check_says_which_groups_it_recognised(con, write_csv):
    check = check_file(con, write_csv("synthetic_nhom.csv", sizes_table(ROWS)), KIND)
    assert check.ok and check.groups == [1, 2, 3, 4]
    assert "nhóm 1, 2, 3, 4" in recognised(check)
    assert "loại bảng: số người theo nhóm đối tượng" in recognised(check)


def test_every_problem_of_a_file_is_listed_at_once(con, write_csv):
    header = [*GROUP_SIZES_HEADER[:6], "Nhóm 5", "Ghi chú", "Nhóm I"]
    rows = [["1", "Lộc Hòa", "-3", "2,5", "mười", "", "", "", ""],
            ["2", "Lộc Nowhere", "1", "", "", "", "", "", ""],
            ["3", "Lộc Hoà", "1", "", "", "", "", "", ""]]  # Lộc Hòa again, the other spelling
    check = check_file(con, write_csv("synthetic_loi.csv", sizes_table(rows, header=header)),
                       KIND)
    said = [(p.row, p.letter, p.message) for p in check.problems]
    assert not check.ok

    def has(row, letter, words):
        return any(r == row and ll == letter and words in m for r, ll, m in said)

    assert has(3, "H", "không phải tên hay số của nhóm")  # «Ghi chú»
    assert has(3, "I", "hai cột cùng là nhóm 1")  # «Nhóm I» beside «Nhóm I (Nông dân)»
    assert has(4, "C", "âm")  # -3
    assert has(4, "D", "")  # 2,5 people
    assert has(4, "E", "")  # «mười»
    assert any(r == 5 and "Lộc Nowhere" in m for r, _, m in said)  # unknown unit
    assert any(r == 6 for r, _, _ in said)  # Lộc Hòa twice
    assert any("nhóm 5" in m and "4 nhóm" in m for _, _, m in said)  # not in the rule set
    assert check.problem_count == len(check.problems) >= 8
    assert con.execute("SELECT count(*) FROM datasets").fetchone()[0] == 0


def test_a_table_without_a_group_column_is_refused(write_csv):
    with pytest.raises(InputError, match="không có cột nào là số người của một nhóm"):
        parse_file(write_csv("synthetic_nhom.csv", sizes_table(
            [["1", "Lộc Hòa", "1"]], header=["STT", "Xã/ thị trấn", "Tổng"])), KIND)


def test_a_group_the_period_does_not_have_is_refused_on_import(con, write_csv):
    """The pilot's rule set (31/7/2021) has three groups: a fourth column is refused."""
    header = ["Tên đơn vị", "Nhóm 1", "Nhóm 2", "Nhóm 3", "Nhóm 4"]
    path = write_csv("synthetic_thi-diem_nhom.csv", sizes_table(
        [["Cơ quan xã", "1", "2", "3", "4"]], "31/7/2021", header))
    with pytest.raises(InputError, match="nhóm 4, nhưng bộ tiêu chí"):
        import_file(con, path, KIND)


# ---------------------------------------------------------------- the store

def test_imported_sizes_are_stored_per_unit_and_group(sizes):
    assert sizes.execute("SELECT unit_key, group_no, size_count FROM group_sizes "
                         "ORDER BY unit_key, group_no").fetchall() == [
        ("25273", 1, 1000), ("25273", 2, 200), ("25273", 3, 50), ("25273", 4, 300),
        ("25276", 1, 800), ("25276", 2, 100), ("25276", 3, 40), ("25276", 4, 250)]


def test_a_table_of_group_sizes_makes_no_period_of_its_own(sizes, write_csv):
    assert metrics.periods(sizes, "692") == []
    assert metrics.default_area(sizes) is None
    import_population(sizes, write_csv)  # 31/3/2025
    assert metrics.periods(sizes, "692") == [dt.date(2025, 3, 31)]


def test_a_store_from_before_group_sizes_is_upgraded_and_keeps_its_tables(store_copy, tmp_path,
                                                                          write_csv):
    old = duckdb.connect(str(store_copy))
    tables = old.execute("SELECT * FROM datasets ORDER BY dataset_id").fetchall()
    old.execute("DROP TABLE group_sizes")
    old.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                [str(BEFORE_GROUP_SIZES)])
    old.close()
    with pytest.raises(InputError, match="python -m cdht_data upgrade"):
        store.open_read(store_copy)
    assert store.upgrade(store_copy) == (BEFORE_GROUP_SIZES, store.SCHEMA_VERSION)
    with store.writing(store_copy) as con:
        assert con.execute("SELECT * FROM datasets ORDER BY dataset_id").fetchall() == tables
        import_file(con, write_csv("synthetic_nhom.csv", sizes_table(ROWS)), KIND)
    with store.reading(store_copy) as con:
        assert _sizes(group_sizes.load(con, "692", SEPT))[("25273", 1)] == 1000


# ---------------------------------------------------------------- quality

def test_the_printed_totals_agree_and_no_finding_is_raised(sizes):
    for rule in ("group_sizes_vs_row_total", "total_row_vs_unit_sum",
                 "group_size_within_population_8_60"):
        assert findings(sizes, rule) == []


def test_a_row_whose_total_is_not_the_sum_of_its_groups_is_an_error(con, write_csv):
    rows = [["1", "Lộc Hòa", "1.000", "200", "50", "300", "1.500"]]  # 1.000+200+50+300 = 1.550
    import_file(con, write_csv("synthetic_nhom.csv", sizes_table(rows)), KIND)
    [found] = findings(con, "group_sizes_vs_row_total")
    assert (found.severity, found.expected, found.actual) == ("error", 1550, 1500)
    assert found.cells[0] == "G4"


def test_a_group_larger_than_the_population_8_60_is_a_warning(con, write_csv):
    """Population of 31/3/2025 (tests.tables.GOOD_POP): 8–60 is 80 in Lộc Hòa, 150 in Lộc An."""
    import_population(con, write_csv)
    rows = [["1", "Lộc Hòa", "81", "80", "", "", ""],  # 81 > 80: one warning; 80 is not more
            ["2", "Lộc An", "150", "", "", "", ""]]
    import_file(con, write_csv("synthetic_nhom.csv", sizes_table(rows, "30/6/2025")), KIND)
    [found] = findings(con, "group_size_within_population_8_60")
    assert (found.severity, found.unit, found.expected, found.actual) == (
        "warning", "Lộc Hòa", 80, 81)
    assert "nhóm 1 có 81 người" in found.message and "31/3/2025" in found.message
    assert found.metrics == []  # no dashboard figure is marked by it


def test_a_population_table_after_the_group_sizes_is_not_compared(con, write_csv):
    import_population(con, write_csv)  # 31/3/2025
    rows = [["1", "Lộc Hòa", "81", "", "", "", ""]]
    import_file(con, write_csv("synthetic_nhom.csv", sizes_table(rows, "30/9/2024")), KIND)
    assert findings(con, "group_size_within_population_8_60") == []


# ---------------------------------------------------------------- load

def test_no_table_no_sizes(con):
    assert group_sizes.load(con, "692", SEPT) is None


def test_load_gives_the_units_sizes_in_the_old_units(sizes):
    frame = group_sizes.load(sizes, "692", dt.date(2024, 12, 31))
    assert list(frame.columns) == ["unit_key", "group_no", "size"]
    assert _sizes(frame) == {
        ("25273", 1): 1000, ("25273", 2): 200, ("25273", 3): 50, ("25273", 4): 300,
        ("25276", 1): 800, ("25276", 2): 100, ("25276", 3): 40, ("25276", 4): 250}
    assert group_sizes.load(sizes, "692", dt.date(2024, 9, 29)) is None  # none at or before


def test_load_in_the_new_units_sums_the_predecessors_and_leaves_a_partial_unit_unknown(
        sizes, write_csv):
    """New Lộc Thạnh = Lộc Hòa + Lộc Thạnh; new Tân Tiến also takes in Bù Đốp communes, so
    Lộc An's sizes are not its sizes."""
    # a table of one date per area: Lộc Thạnh's is an earlier one, which still counts
    import_file(sizes, write_csv("synthetic_nhom_loc-thanh.csv", sizes_table(
        [["1", "Lộc Thạnh", "500", "", "10", "100", "610"]], "31/8/2024")), KIND)
    frame = group_sizes.load(sizes, "692", SEPT, structure="post2025")
    assert _sizes(frame) == {("25280@2025", 1): 1000 + 500, ("25280@2025", 3): 50 + 10,
                             ("25280@2025", 4): 300 + 100}  # group 2: Lộc Thạnh's is blank
    assert group_sizes.load(sizes, "Tân Tiến", SEPT, structure="post2025") is None


def test_load_in_the_old_units_from_a_table_of_the_new_ones(con, write_csv):
    """Old Lộc Thạnh went into new Lộc Thạnh with Lộc Hòa: it has no size of its own; the old
    district is the sum of the new communes wholly inside it only when each has a size."""
    import_file(con, write_csv("synthetic_nhom_2025.csv", sizes_table(
        [["1", "Lộc Thạnh", "700", "", "", "", ""]], "31/12/2025",
        [*GROUP_SIZES_HEADER[:1], "Xã, phường", *GROUP_SIZES_HEADER[2:]])), KIND)
    day = dt.date(2025, 12, 31)
    assert _sizes(group_sizes.load(con, "25280@2025", day)) == {("25280@2025", 1): 700}
    assert group_sizes.load(con, "692", day, structure="pre2025") is None


def test_a_newer_table_in_the_new_units_wins_over_the_old_units_summed(sizes, write_csv):
    """30/9/2024: Lộc Hòa 1.000 and (31/8/2024) Lộc Thạnh 500 in the old units, 1.500 summed;
    31/12/2025: new Lộc Thạnh 700, newer."""
    import_file(sizes, write_csv("synthetic_nhom_loc-thanh.csv", sizes_table(
        [["1", "Lộc Thạnh", "500", "", "", "", ""]], "31/8/2024")), KIND)
    day = dt.date(2025, 12, 31)
    assert _sizes(group_sizes.load(sizes, "25280@2025", day))[("25280@2025", 1)] == 1500
    import_file(sizes, write_csv("synthetic_nhom_2025.csv", sizes_table(
        [["1", "Lộc Thạnh", "700", "", "", "", ""]], "31/12/2025",
        [*GROUP_SIZES_HEADER[:1], "Xã, phường", *GROUP_SIZES_HEADER[2:]])), KIND)
    found = _sizes(group_sizes.load(sizes, "25280@2025", day))
    assert found[("25280@2025", 1)] == 700
    assert ("25280@2025", 3) not in found  # Lộc Hòa's 50 but Lộc Thạnh's blank: unknown


def test_the_latest_table_of_each_unit_and_the_rule_set_of_the_period_count(sizes, write_csv):
    import_file(sizes, write_csv("synthetic_nhom_2.csv", sizes_table(
        [["1", "Lộc Hòa", "1.100", "", "", "", ""]], "31/12/2024")), KIND)
    frame = _sizes(group_sizes.load(sizes, "692", dt.date(2025, 1, 1)))
    assert frame[("25273", 1)] == 1100  # the newer table
    assert frame[("25273", 2)] == 200  # blank in it: the older one's
    assert frame[("25276", 1)] == 800  # not in it: the older one's
    assert _sizes(group_sizes.load(sizes, "692", SEPT))[("25273", 1)] == 1000
    # 31/7/2021 is the pilot's rule set: a table of 324's groups does not count then
    assert group_sizes.load(sizes, "692", dt.date(2021, 7, 31)) is None


# ---------------------------------------------------------------- undo, template

def test_an_import_and_a_replacement_are_undone_exactly(con, write_csv):
    before = store_rows(con)
    first = import_file(con, write_csv("synthetic_nhom.csv", sizes_table(ROWS)), KIND)
    imported = store_rows(con)
    second = import_file(con, write_csv("synthetic_nhom_2.csv", sizes_table(
        [["1", "Lộc Hòa", "5", "", "", "", ""]])), KIND, replace=True)
    assert _sizes(group_sizes.load(con, "692", SEPT)) == {("25273", 1): 5}
    undo(con, second.history_id)
    assert store_rows(con) == imported
    undo(con, first.history_id)
    assert store_rows(con) == before


def test_the_template_lists_the_groups_and_reads_back(con, tmp_path):
    raw = template.TEMPLATES[KIND](con, SEPT, "692")
    book = openpyxl.load_workbook(io.BytesIO(raw))
    sheet = book.active
    header = [c.value for c in sheet[4]]
    assert header == ["STT", "Xã/ thị trấn", "Nhóm I (Nông dân)", "Nhóm II (Công nhân)",
                      "Nhóm III (Cán bộ, công chức, viên chức, doanh nhân)",
                      "Nhóm 4 (Học sinh, sinh viên, người học)", "Tổng"]
    sheet["C7"] = 1234  # row 7: Lộc Hòa, the second commune
    path = tmp_path / "synthetic_mau_nhom.xlsx"
    book.save(path)
    result = import_file(con, path, KIND)
    assert (result.as_of, result.area_key, result.row_count) == (SEPT, "692", 16)
    assert _sizes(group_sizes.load(con, "692", SEPT)) == {("25273", 1): 1234}


def test_the_pilots_template_has_its_three_groups(con):
    sheet = openpyxl.load_workbook(io.BytesIO(
        template.TEMPLATES[KIND](con, dt.date(2021, 7, 31), "Quảng Phú"))).active
    assert [c.value for c in sheet[4]][2:] == [
        "Nông dân và lao động nông thôn", "Công nhân, thợ, lao động tự do",
        "Cán bộ, công chức, viên chức (trí thức)", "Tổng"]
