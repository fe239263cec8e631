"""Names held in strings, defined once: the keys of group and band cells and columns, the kinds
of table, the severities of a finding, and the words users read for each.

A source table's cells are keyed by what they hold (`g2_recognized`: Nhóm II, Đạt); the figures'
columns add what they count (`g2_recognized_count`). Group numbers may have several digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ---------------------------------------------------------------- citizen groups

GROUP_MEASURES = ("registered", "recognized", "not_recognized")
_GROUP_CELL = re.compile(r"g(\d+)_(registered|recognized|not_recognized|ratio|size)")
_GROUP_COLUMN = re.compile(r"g(\d+)_(registered|recognized|not_recognized)_count")


def group_cell(group_no: int, what: str) -> str:
    """A source cell of one group: what = recognized | not_recognized | ratio (pilot "10/13") |
    size (the people of the group, in a table of group sizes)."""
    return f"g{group_no}_{what}"


def group_column(group_no: int, what: str) -> str:
    """A figures column of one group's count: what = registered | recognized | not_recognized."""
    return f"g{group_no}_{what}_count"


def parse_group_cell(key: str) -> tuple[int, str] | None:
    """(group, what) of a group cell key such as "g12_not_recognized", else None."""
    match = _GROUP_CELL.fullmatch(key)
    return (int(match.group(1)), match.group(2)) if match else None


def parse_group_column(key: str) -> tuple[int, str] | None:
    """(group, what) of a figures column such as "g2_recognized_count", else None."""
    match = _GROUP_COLUMN.fullmatch(key)
    return (int(match.group(1)), match.group(2)) if match else None


def groups_in(keys) -> list[int]:
    """The group numbers that have figures columns among `keys`, in order."""
    return sorted({parsed[0] for k in keys if (parsed := parse_group_column(k))})


# ---------------------------------------------------------------- score bands

BANDS = ("70-79", "80-89", "90-100")  # recognised people by total score; below the pass mark: "Chưa đạt"
BELOW_BAND = "below"  # the not recognised, in band tables from individual records


def band_column(band: str) -> str:
    """A figures column of one band's people: "band_70-79_count"."""
    return f"band_{band}_count"


def band_cell(band: str) -> str:
    """A source cell of one band, as layouts key it: "band_70_79"."""
    return f"band_{band.replace('-', '_')}"


def band_label(band: str) -> str:
    """A band as reports write it: "70–79"."""
    return band.replace("-", "–")


# ---------------------------------------------------------------- kinds of table

@dataclass(frozen=True)
class TableKind:
    code: str
    title: str  # a table of the kind, heading a line: "Biểu chấm điểm"
    words: str  # within a sentence, after "bảng": "chấm điểm"


TABLE_KINDS = {k.code: k for k in (
    TableKind("scoring", "Biểu chấm điểm", "chấm điểm"),
    TableKind("population", "Biểu dân số và đăng ký", "dân số và đăng ký"),
    TableKind("pilot", "Biểu thí điểm", "thí điểm"),
    TableKind("records", "Bản ghi cá nhân", "bản ghi từng người"),
    TableKind("text", "Số liệu nêu trong lời văn báo cáo", "số liệu lời văn"),
    TableKind("group-sizes", "Biểu số người theo nhóm đối tượng", "số người theo nhóm đối tượng"),
)}
KINDS = tuple(TABLE_KINDS)
SCORING_KINDS = ("scoring", "pilot", "records")  # tables that give Đạt / Chưa đạt
# How many people each citizen group has per unit: the base of a group's own target (the
# planner's), no period of its own (group_sizes.py).
GROUP_SIZES = "group-sizes"
# Files that change the unit registry rather than add a table (`import --kind`), with their words.
REFERENCE_KINDS = {"units": "danh mục đơn vị", "unit-merges": "danh mục sáp nhập đơn vị"}

# ---------------------------------------------------------------- findings

SEVERITIES = ("error", "warning", "information")  # most severe first
SEVERITY_NAMES = {"error": "Lỗi", "warning": "Cảnh báo", "information": "Thông tin"}

# ---------------------------------------------------------------- unit structures

# The administrative units in force before 1/7/2025 (provinces, districts, communes) and after
# it (provinces and communes, merged); units.structure holds one of these.
PRE2025, POST2025 = "pre2025", "post2025"
STRUCTURES = (PRE2025, POST2025)
STRUCTURE_NAMES = {PRE2025: "Đơn vị trước 1/7/2025", POST2025: "Đơn vị từ 1/7/2025"}
STRUCTURE_WORDS = {PRE2025: "theo đơn vị hành chính trước 1/7/2025",
                   POST2025: "theo đơn vị hành chính từ 1/7/2025"}

# ---------------------------------------------------------------- accounts

# What an account may do (accounts.role): enter data for its units, or everything (accounts,
# undo). Viewing needs no account.
NHAP_LIEU, QUAN_TRI = "nhap_lieu", "quan_tri"
ROLES = {NHAP_LIEU: "Nhập liệu", QUAN_TRI: "Quản trị"}
