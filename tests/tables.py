"""Small source tables written inline, laid out as the bundled files are: the rows several test
modules import. A table used by one module only stays in that module."""

from __future__ import annotations

import datetime as dt

# ---------------------------------------------------------------- scoring (Đạt / Chưa đạt by group)

SCORING_HEADER = [
    ["STT", "Xã/ thị trấn", "Nhóm I (Nông dân)", "", "Nhóm II (Công nhân)", "",
     "Nhóm III (CC,VC)", "", "Nhóm 4 (HS)", "", "Tổng"],
    ["", "", "Đạt", "Chưa đạt", "Đạt", "Chưa đạt", "Đạt", "Chưa đạt", "Đạt", "Chưa đạt", ""],
]
SCORING_TITLE = [["Biểu thống kê đánh giá"], ["Tính đến ngày 31/3/2025"]]


def report(rows: list[list]) -> list[list]:
    """A scoring table as of 31/3/2025: title, date line, the two header rows, then `rows`."""
    return SCORING_TITLE + SCORING_HEADER + rows


def scoring_row(no, name, g1=("1", ""), total="1") -> list[str]:
    """One commune's row of `report`: Nhóm I as given (Đạt, Chưa đạt), Nhóm II and III 0 Đạt."""
    return [str(no), name, *g1, "0", "", "0", "", "", "", total]


# Two communes; each row's Tổng is the sum of its cells (10 + 5 + 2 = 17, 4 + 1 = 5).
SCORING = [["1", "Lộc Hòa", "10", "5", "2", "", "", "", "", "", "17"],
           ["2", "Lộc An", "4", "", "", "", "1", "", "", "", "5"]]
SCORING_TOTAL = ["Toàn huyện", "", "14", "5", "2", "", "1", "", "", "", "22"]


def scoring(rows, day="31/12/2025") -> list[list]:
    """A scoring report of `day` with one group-1 count per row: (name, Đạt)."""
    return [[f"Tính đến ngày {day}"], *SCORING_HEADER,
            *([str(i), name, str(n), "", "", "", "", "", "", "", str(n)]
              for i, (name, n) in enumerate(rows, start=1))]


# Three old (pre-1/7/2025) communes, by name: Lộc Hòa is row 5 of `scoring(OLD_ROWS)`.
OLD_ROWS = [("TT Lộc Ninh", 5), ("Lộc Hòa", 7), ("Lộc Thạnh", 3)]


def scoring_naming(day, *names) -> list[list]:
    """A scoring report of `day` naming `names`, 1 recognised in group 1 each."""
    return [[f"Tính đến ngày {day}"], *SCORING_HEADER,
            *([str(i), name, "1", "", "", "", "", "", "", "", "1"]
              for i, name in enumerate(names, start=1))]


# ---------------------------------------------------------------- pilot (the Quảng Phú layout)

PILOT_HEADER = [
    ["Tính đến ngày 31/7/2021"],
    ["Tên đơn vị", "Số công dân đăng ký danh hiện CDHT", "Số công dân được công nhận danh hiệu CDHT",
     "Tỉ lệ % được công nhận/ TS đăng ký", "Trong đó", "", "", "Các mức điểm đạt", "", "",
     "Số lượng Đảng viên"],
    ["", "", "", "", "Nông dân", "Công nhân", "Trí thức", "70 -79", "80 - 89", "90 -100", ""],
]
# Three units and their total row (25 + 20 + 10 = 55 registered, 25 + 17 + 10 = 52 recognised).
GOOD_PILOT = [["1. Cơ quan xã", "25", "25", "100%", "1/1\n100%", "0", "24/24\n100%", "15", "9", "1", "24"],
              ["2. Thôn Bao La – Đức Nhuận", "20", "17", "85%", "10/13\n77%", "5/5\n100%", "2/2\n100%",
               "17", "0", "0", "3"],
              ["3. BKH Họ Hoàng", "10", "10", "100%", "4/4\n100%", "1/1\n100%", "5/5\n100%", "5", "4", "1", "4"]]
GOOD_PILOT_TOTAL = ["Tổng cộng", "55", "52", "94,5%", "15/18\n83,3%", "6/6\n100%", "31/31\n100%",
                    "37", "13", "2", "31"]

# ---------------------------------------------------------------- population

# The printed population table's layout (data/sources/loc-ninh_2024_dan-so-dang-ky.csv).
POP_HEADER = [
    ["Tính đến ngày 31/3/2025"],
    ["STT", "Xã/ thị trấn", "Tổng số nhân khẩu", "Tổng số chia ra", "", "", "",
     "Số người tham gia đăng ký", "Tỉ lệ"],
    ["", "", "", "Số người dưới 7 tuổi", "Số người từ 8 tuổi đến 60 tuổi", "Số người trên 60 tuổi",
     "Số người trong độ tuổi từ 8-60 tuổi không có khả năng lao động", "", ""],
    ["A", "B", "1=2+3+4+5", "2", "3", "4", "5", "6", "7=6/3*100"],
]
# Three communes whose printed arithmetic holds: 1 = 2+3+4+5 (10+80+9+1 = 100, 30+150+18+2 = 200,
# 60+200+34+6 = 300), 7 = 6/3×100 (8/80, 15/150, 20/200 = 10%), the total row the column sums.
GOOD_POP = [["1", "Lộc Hòa", "100", "10", "80", "9", "1", "8", "10,00"],
            ["2", "Lộc An", "200", "30", "150", "18", "2", "15", "10,00"],
            ["3", "Lộc Tấn", "300", "60", "200", "34", "6", "20", "10,00"]]
GOOD_POP_TOTAL = ["Tổng cộng", "", "600", "100", "430", "61", "9", "43", "10,00"]

# A shorter population table: no age bands but 8–60, with a date line to put before it.
SHORT_POP_HEADER = [
    ["STT", "Xã/ thị trấn", "Tổng số nhân khẩu", "Số người từ 8 tuổi đến 60 tuổi",
     "Số người tham gia đăng ký", "Tỉ lệ"],
]


def changed(rows: list[list], i: int, j: int, text: str) -> list[list]:
    """A copy of `rows` with cell (i, j) replaced by `text`."""
    out = [list(r) for r in rows]
    out[i][j] = text
    return out


# ---------------------------------------------------------------- individual records

RECORDS_AS_OF = dt.date(2024, 12, 31)
RECORDS_HEADER = ["Mã xã", "Nhóm", "Tổng điểm", *(f"Chỉ số {k}" for k in range(1, 11)), "Kết quả"]


def person(code, group, indicators, result=None) -> list[str]:
    """One person's record; without `result`, Kết quả by the 324 rule set (a total of at least
    80 and no indicator below 5)."""
    total = sum(indicators)
    if result is None:
        result = "Đạt" if total >= 80 and min(indicators) >= 5 else "Chưa đạt"
    return [code, str(group), str(total), *(str(i) for i in indicators), result]


# ---------------------------------------------------------------- two periods (unit/conftest.py)

MAR, JUN = dt.date(2025, 3, 31), dt.date(2025, 6, 30)

# ---------------------------------------------------------------- unit registries and merges

# SYNTHETIC units: a made-up province (codes MP…, names "(mô phỏng)") with one district of two
# communes before 1/7/2025 and two merged communes since.
UNITS_HEADER = ["Mã", "Tên", "Cấp", "Mã cấp trên", "Hiệu lực từ", "Hiệu lực đến", "Vĩ độ",
                "Kinh độ", "Diện tích (km²)", "Tên khác"]
PROVINCE = ["MP1", "Tỉnh Mẫu (mô phỏng)", "tỉnh", "", "", "", "", "", "", ""]
DISTRICT = ["MP10", "Huyện Một (mô phỏng)", "huyện", "MP1", "", "", "", "", "", ""]
EAST = ["MP101", "Đông (mô phỏng)", "xã", "MP10", "", "", "11,5", "106.590", "12,5",
        "Xã Đông cũ (mô phỏng)| Đông Hải (mô phỏng)"]
WEST = ["MP102", "Tây (mô phỏng)", "Thị trấn", "MP10", "", "", "", "", "", ""]
NEW_PROVINCE = ["MP2", "Tỉnh Mới (mô phỏng)", "Thành phố", "", "1/7/2025", "", "", "", "", ""]
EAST_WEST = ["MP201", "Đông Tây (mô phỏng)", "phường", "MP2", "2025-07-01", "", "", "", "", ""]
NORTH = ["MP202", "Bắc (mô phỏng)", "xã", "MP2", "01/07/2025", "", "", "", "", ""]
UNITS = [UNITS_HEADER, PROVINCE, DISTRICT, EAST, WEST, NEW_PROVINCE, EAST_WEST, NORTH]  # rows 2–8

MERGE_HEADER = ["Mã cũ", "Mã mới", "Ngày hiệu lực", "Toàn bộ/một phần", "Ghi chú"]
MERGES = [MERGE_HEADER, ["MP101", "MP201", "1/7/2025", "toàn bộ", "Nghị quyết (mô phỏng)"],
          ["MP102", "MP201", "1/7/2025", "toàn bộ", ""]]


# ---------------------------------------------------------------- group sizes (SYNTHETIC)

# A table of group sizes, made up for the tests (no source prints one): people per group of
# 324/QĐ-KHVN, headed by name and by number, and a printed Tổng.
GROUP_SIZES_HEADER = ["STT", "Xã/ thị trấn", "Nhóm I (Nông dân)", "Nhóm 2", "Nhóm III (CC, VC)",
                      "Học sinh", "Tổng"]


def group_sizes(rows: list[list], day: str = "30/9/2024",
                header: list[str] = GROUP_SIZES_HEADER) -> list[list]:
    """A SYNTHETIC table of group sizes of `day`: title, date line, `header`, then `rows`."""
    return [["Biểu số người theo nhóm đối tượng (dữ liệu mô phỏng)"],
            [f"Tính đến ngày {day}"], header, *rows]
