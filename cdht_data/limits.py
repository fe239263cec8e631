"""How big an input may be, per kind of file, and the one check of a file's size.

A file over its limit is refused before anything reads it, with the limit in the message: a
wrong file picked by mistake (a backup, a video, a whole database) must not stall or take
down the process. Each limit says why it is where it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

MB = 2**20
GB = 2**30


@dataclass(frozen=True)
class SizeLimit:
    bytes: int
    what: str  # the kind of file, as messages name it
    advice: str = "hãy kiểm tra đã chọn đúng tệp chưa"  # what to do instead, in the refusal

    @property
    def megabytes(self) -> int:
        """The limit in whole MB, as Streamlit's uploader and server take it."""
        return -(-self.bytes // MB)


# Report tables are typed from printed reports: the bundled ones are 1–3 KB. The largest
# plausible one, a national scoring table in the long layout (about 10,600 communes × 4 groups
# × 2 results), is about 4 MB as CSV; the benchmark's 100,000-row XLSX is about 5 MB.
TABLE = SizeLimit(20 * MB, "bảng báo cáo (chấm điểm, dân số, thí điểm, lời văn)")
# A record is 60–100 bytes as CSV and under 20 as Parquet: either limit is more records than
# the country has people (10 million records are about 1 GB of CSV).
RECORDS = {
    "csv": SizeLimit(10 * GB, "bảng từng người dạng CSV"),
    "parquet": SizeLimit(2 * GB, "bảng từng người dạng Parquet"),
}
# Records uploaded in the browser (the «Nhập số liệu» page). The browser sends the whole file
# in one request and the server holds it in memory, then checks it on a copy of the store:
# 200 MB is about 2 million records as CSV (60–100 bytes each), a district or a small province.
# Larger files go through the command line, which reads them from disk (RECORDS above).
RECORDS_UPLOAD = SizeLimit(200 * MB, "bảng từng người tải lên trên trang",
                           "tệp lớn hơn thì người quản trị máy chủ nhập bằng lệnh «python -m "
                           "cdht_data import TỆP --kind records --as-of NGÀY»")
# A province's communes simplified for a web map are a few hundred KB to about 2 MB; every
# viewer's browser (phones too) receives and draws the whole file. A file in data/boundaries/
# and one uploaded on «Bản đồ» are held to this one bound.
BOUNDARY = SizeLimit(5 * MB, "tệp ranh giới GeoJSON")

# What the browser may upload, per kind of file: each uploader takes its kind's limit, and the
# server checks the size again before reading (check_upload), since the browser's limit binds
# only the browser. .streamlit/config.toml's server.maxUploadSize, which bounds every upload
# request, is the largest of them (tests/unit/test_serving_config.py holds them equal).
BOUNDARY_UPLOAD = "boundary"


def upload_limit(kind: str) -> SizeLimit:
    """The upload limit of a kind of file: a table kind (keys.KINDS), or BOUNDARY_UPLOAD."""
    if kind == BOUNDARY_UPLOAD:
        return BOUNDARY
    return RECORDS_UPLOAD if kind == "records" else TABLE


LARGEST_UPLOAD = max((BOUNDARY, TABLE, RECORDS_UPLOAD), key=lambda limit: limit.bytes)

# An XLSX is a zip of XML: the sheet of a 5 MB file unpacks to about 50 MB (ten to one),
# so a table within TABLE unpacks to well under this.
XLSX_UNPACKED_BYTES = 256 * MB
# calamine holds every cell from A1 to the farthest one (about 32 bytes each, empty or not,
# and as many Python objects again): 4 million cells is some 300 MB, three times the
# benchmark's 100,000 rows × 14 columns.
SHEET_CELLS = 4_000_000
# GeoJSON: nesting deeper than a MultiPolygon's (FeatureCollection → features → feature →
# geometry → coordinates → polygon → ring → point: under 10 levels) is not a boundary file,
# and Python's JSON reader fails with RecursionError at some 1,000 levels.
GEOJSON_DEPTH = 20
# Features and points of one boundary file: Vietnam has about 10,600 communes; a million
# points is already more than the map can draw smoothly.
GEOJSON_FEATURES = 20_000
GEOJSON_POINTS = 5_000_000


def size_text(size: int) -> str:
    """A size as messages write it: "20 MB", "2,5 GB", "812 KB"."""
    for unit, name in ((GB, "GB"), (MB, "MB"), (1024, "KB")):
        if size >= unit:
            return f"{size / unit:.1f}".rstrip("0").rstrip(".").replace(".", ",") + f" {name}"
    return f"{size} byte"


def check_size(size: int, limit: SizeLimit, file_name: str) -> None:
    """Refuse `size` bytes of a file of `limit`'s kind when it is over the limit."""
    if size > limit.bytes:
        raise InputError(f"tệp nặng {size_text(size)}, quá giới hạn {size_text(limit.bytes)} "
                         f"của một {limit.what}; {limit.advice}", file=file_name)


def check_file(path: Path, limit: SizeLimit) -> None:
    """Refuse a file over its kind's limit before anything reads it."""
    check_size(path.stat().st_size, limit, path.name)


def check_upload(data: bytes, kind: str, file_name: str) -> None:
    """Refuse an uploaded file over its kind's upload limit, before it is saved or read."""
    check_size(len(data), upload_limit(kind), file_name)
