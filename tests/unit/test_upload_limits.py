"""Upload limits per kind of file (cdht_data/limits.py): the server checks an upload's size and
type by kind before saving or reading it, in Vietnamese (the uploader's own refusals are
English, so it is given neither)."""

from __future__ import annotations

import datetime as dt

import pytest

from cdht_data import limits, store
from cdht_data.errors import InputError
from cdht_data.views import entry


@pytest.mark.parametrize("kind, limit_mb", [
    ("scoring", 20), ("population", 20), ("pilot", 20), ("text", 20),  # report tables
    ("records", 200),  # about 2 million records as CSV
    (limits.BOUNDARY_UPLOAD, 5),  # a boundary GeoJSON on «Bản đồ»
])
def test_each_kind_has_its_upload_limit(kind, limit_mb):
    assert limits.upload_limit(kind).megabytes == limit_mb


def test_the_largest_upload_is_the_records_one():
    assert limits.LARGEST_UPLOAD is limits.RECORDS_UPLOAD


def test_megabytes_round_up():
    assert limits.SizeLimit(limits.MB + 1, "x").megabytes == 2  # never below the bytes allowed


def test_an_upload_at_its_limit_passes_and_one_byte_more_is_refused():
    limits.check_upload(b"x" * limits.TABLE.bytes, "scoring", "bang.csv")
    with pytest.raises(InputError) as caught:
        limits.check_upload(b"x" * (limits.TABLE.bytes + 1), "scoring", "bang.csv")
    assert caught.value.file == "bang.csv"
    assert "quá giới hạn 20 MB của một bảng báo cáo" in caught.value.message


def test_a_records_upload_over_its_limit_points_to_the_command_line(monkeypatch):
    monkeypatch.setattr(limits, "RECORDS_UPLOAD",
                        limits.SizeLimit(1024, "bảng từng người tải lên trên trang",
                                         limits.RECORDS_UPLOAD.advice))
    with pytest.raises(InputError) as caught:
        limits.check_upload(b"x" * 2048, "records", "nguoi.csv")
    message = caught.value.message
    assert message.startswith("tệp nặng 2 KB, quá giới hạn 1 KB của một bảng từng người")
    assert "python -m cdht_data import TỆP --kind records" in message


def test_the_page_refuses_an_oversized_upload_naming_the_limit_and_writes_nothing(
        store_copy, monkeypatch):
    monkeypatch.setattr(limits, "RECORDS_UPLOAD", limits.SizeLimit(1024, "bảng từng người"))
    before = store.data_version(store_copy)
    check = entry.check_upload(str(store_copy), "nguoi.csv", b"x" * 2048, "records",
                               dt.date(2024, 12, 31), None, entry.PROBLEMS_SHOWN)
    assert not check.ok and check.problem_count == 1
    [problem] = check.problems
    assert (problem.row, problem.column) == (None, None)
    assert "quá giới hạn 1 KB" in problem.message
    assert check.preview is None
    with pytest.raises(InputError, match="quá giới hạn 1 KB"):
        entry.import_upload(str(store_copy), "nguoi.csv", b"x" * 2048, "records",
                            dt.date(2024, 12, 31), None, "ai", False)
    assert store.data_version(store_copy) == before


def test_the_caption_states_the_kinds_limit():
    assert "tối đa 20 MB mỗi tệp" in entry.upload_caption("scoring")
    records = entry.upload_caption("records")
    assert "tối đa 200 MB mỗi tệp" in records and "--kind records" in records


def test_records_may_be_uploaded_as_parquet():
    assert entry.upload_types("records") == ["csv", "parquet"]
    assert entry.upload_types("scoring") == ["csv", "xlsx"]


@pytest.mark.parametrize("name, kind", [("bao-cao.pdf", "scoring"), ("nguoi.xlsx", "records"),
                                        ("khong-duoi", "population")])
def test_a_file_of_another_type_is_refused_in_vietnamese_and_writes_nothing(store_copy, name,
                                                                           kind):
    before = store.data_version(store_copy)
    check = entry.check_upload(str(store_copy), name, b"a,b\n1,2\n", kind,
                               dt.date(2024, 12, 31), None, entry.PROBLEMS_SHOWN)
    assert not check.ok and check.problem_count == 1
    assert "không phải loại nhận ở đây" in check.problems[0].message
    with pytest.raises(InputError, match="không phải loại nhận ở đây"):
        entry.import_upload(str(store_copy), name, b"a,b\n1,2\n", kind, dt.date(2024, 12, 31),
                            None, "ai", False)
    assert store.data_version(store_copy) == before
