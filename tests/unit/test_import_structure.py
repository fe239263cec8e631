"""A table dated in one structure but written in the other (old communes on 31/12/2025, new
ones on 30/9/2024) is refused saying why; `--structure` imports it into the units it names."""

import datetime as dt

import pytest

from cdht_data.errors import InputError
from cdht_data.ingest import import_file
from tests.paths import NEW_COMMUNES
from tests.stores import table_counts
from tests.tables import GOOD_PILOT, GOOD_PILOT_TOTAL, OLD_ROWS, PILOT_HEADER, POP_HEADER, scoring

AFTER = dt.date(2025, 12, 31)
BEFORE = dt.date(2024, 12, 31)


def dataset_units(con):
    return {r[0] for r in con.execute("SELECT DISTINCT unit_key FROM group_counts").fetchall()}


def test_old_communes_after_the_change_are_refused_naming_the_merge(con, write_csv):
    before = table_counts(con)
    with pytest.raises(InputError) as err:
        import_file(con, write_csv("cu.csv", scoring(OLD_ROWS)), "scoring")
    e = err.value
    assert (e.file, e.row, e.column) == ("cu.csv", 5, "Xã/ thị trấn")
    assert e.message.startswith("Lộc Hòa đã sáp nhập vào xã Lộc Thạnh từ 1/7/2025; bảng của kỳ "
                                "từ 1/7/2025 (kỳ này: 31/12/2025) ghi theo đơn vị mới")
    assert "Lộc Hòa, Lộc Thạnh cộng lại" in e.message
    assert e.message.endswith("nếu đúng là số liệu theo đơn vị cũ, dùng --structure pre2025")
    assert table_counts(con) == before


def test_with_structure_pre2025_the_old_communes_are_imported(con, write_csv):
    result = import_file(con, write_csv("cu.csv", scoring(OLD_ROWS)), "scoring",
                         structure="pre2025")
    assert (result.as_of, result.area_key, result.row_count) == (AFTER, "692", 3)
    assert dataset_units(con) == {"25270", "25273", "25280"}  # the town, not the new Lộc Ninh


def test_new_communes_before_the_change_are_refused_and_imported_with_post2025(con):
    before = table_counts(con)
    with pytest.raises(InputError) as err:
        import_file(con, NEW_COMMUNES, "scoring", as_of=BEFORE)
    e = err.value
    assert (e.row, e.column) == (11, "Xã, phường")
    assert e.message.startswith("Xã Tân Tiến là đơn vị từ 1/7/2025 (gộp từ Lộc An và phần ngoài "
                                "dữ liệu); bảng của kỳ trước 1/7/2025 (kỳ này: 31/12/2024) ghi "
                                "theo đơn vị cũ (Lộc An)")
    assert e.message.endswith("dùng --structure post2025")
    assert table_counts(con) == before
    result = import_file(con, NEW_COMMUNES, "scoring", as_of=BEFORE, structure="post2025")
    assert (result.area_key, result.row_count) == ("75@2025", 7)
    assert all(k.endswith("@2025") for k in dataset_units(con))


def test_a_unit_outside_the_structure_asked_for_is_refused(con):
    with pytest.raises(InputError) as err:
        import_file(con, NEW_COMMUNES, "scoring", as_of=AFTER, structure="pre2025")
    assert (err.value.row, err.value.column) == (11, "Xã, phường")
    assert err.value.message == ("Tân Tiến (mã 25318) là đơn vị từ 1/7/2025, không thuộc các đơn "
                                 "vị trước 1/7/2025 đã chọn bằng --structure pre2025")


def test_the_structure_in_force_needs_no_option(con):
    assert import_file(con, NEW_COMMUNES, "scoring").area_key == "75@2025"


def test_an_old_code_after_the_change_is_refused_in_the_long_layout(con, write_csv):
    rows = [["Tính đến ngày 31/12/2025"], ["Mã xã", "Xã", "Nhóm", "Kết quả", "Số lượng"],
            ["25280", "Lộc Thạnh", "1", "Đạt", "3"], ["25273", "Lộc Hòa", "1", "Đạt", "7"]]
    with pytest.raises(InputError) as err:
        import_file(con, write_csv("dai.csv", rows), "scoring")
    assert (err.value.row, err.value.column) == (4, "Xã")
    assert err.value.message.startswith("Lộc Hòa đã sáp nhập vào xã Lộc Thạnh")
    import_file(con, write_csv("dai.csv", rows), "scoring", structure="pre2025")
    assert dataset_units(con) == {"25273", "25280"}


def test_population_of_old_communes_after_the_change(con, write_csv):
    rows = [r if i else ["Tính đến ngày 31/12/2025"] for i, r in enumerate(POP_HEADER)]
    rows += [["1", "Lộc An", "200", "30", "150", "18", "2", "15", "10,00"]]
    with pytest.raises(InputError) as err:
        import_file(con, write_csv("ds.csv", rows), "population")
    assert (err.value.row, err.value.column) == (5, "Xã/ thị trấn")
    assert err.value.message.startswith("Lộc An đã sáp nhập vào xã Tân Tiến từ 1/7/2025")
    result = import_file(con, write_csv("ds.csv", rows), "population", structure="pre2025")
    assert result.area_key == "692"


def test_pilot_units_with_no_successor_after_the_change(con, write_csv):
    rows = [["Tính đến ngày 31/12/2025"], *PILOT_HEADER[1:], *GOOD_PILOT, GOOD_PILOT_TOTAL]
    with pytest.raises(InputError) as err:
        import_file(con, write_csv("td.csv", rows), "pilot")
    assert err.value.row == 4
    assert err.value.message.startswith("Cơ quan xã Quảng Phú là đơn vị trước 1/7/2025, không "
                                        "còn từ 1/7/2025; bảng của kỳ từ 1/7/2025")
    assert "--structure pre2025" in err.value.message
    assert import_file(con, write_csv("td.csv", rows), "pilot",
                       structure="pre2025").area_key == "L-QP"


RECORDS_HEADER = ["Mã xã", "Nhóm", "Tổng điểm", "Kết quả"]


def test_records_with_an_old_code_after_the_change(con, write_csv):
    path = write_csv("r.csv", [RECORDS_HEADER, ["25280", "1", "85", "Đạt"],
                               ["25273", "2", "90", "Đạt"]])
    before = table_counts(con)
    with pytest.raises(InputError) as err:
        import_file(con, path, "records", as_of=AFTER)
    assert (err.value.file, err.value.row, err.value.column) == ("r.csv", 3, "Mã xã")
    assert err.value.message.startswith("Lộc Hòa đã sáp nhập vào xã Lộc Thạnh từ 1/7/2025")
    assert table_counts(con) == before
    result = import_file(con, path, "records", as_of=AFTER, structure="pre2025")
    assert (result.area_key, result.row_count) == ("692", 2)
    assert dataset_units(con) == {"25273", "25280"}


def test_records_with_a_shared_code_follow_the_structure(con, write_csv):
    """25280 is the old Lộc Thạnh and, as 25280@2025, the new one: the date or the option
    decides which."""
    path = write_csv("r.csv", [RECORDS_HEADER, ["25280", "1", "85", "Đạt"]])
    import_file(con, path, "records", as_of=AFTER)
    assert dataset_units(con) == {"25280@2025"}
    import_file(con, path, "records", as_of=AFTER, structure="pre2025", replace=True)
    keys = con.execute("SELECT d.area_key, g.unit_key FROM group_counts g "
                       "JOIN datasets d USING (dataset_id) ORDER BY ALL").fetchall()
    assert keys == [("692", "25280"), ("75@2025", "25280@2025")]


def test_an_unknown_structure_is_refused(con):
    with pytest.raises(InputError, match="pre2025, post2025"):
        import_file(con, NEW_COMMUNES, "scoring", structure="2025")
