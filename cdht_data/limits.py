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
# A province's communes simplified for a web map are a few hundred KB to about 2 MB; every
# viewer's browser (phones too) receives and draws the whole file. The same 5 MB as the upload
# limit of .streamlit/config.toml (server.maxUploadSize), so a file in data/boundaries/ and an
# uploaded one are held to one bound.
BOUNDARY = SizeLimit(5 * MB, "tệp ranh giới GeoJSON")

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
                         f"của một {limit.what}; hãy kiểm tra đã chọn đúng tệp chưa",
                         file=file_name)


def check_file(path: Path, limit: SizeLimit) -> None:
    """Refuse a file over its kind's limit before anything reads it."""
    check_size(path.stat().st_size, limit, path.name)
