"""The printable pack's tables read back from the PDF (pdfplumber, ruled cells) and checked cell
by cell against the printed sources: the ranking, the groups and the score bands, for the
bundled Lộc Ninh period (report 33/BC-HKH, 000_*.txt) and the Quảng Phú pilot (004_*.txt).
Expected values are the printed ones or hand arithmetic written beside them."""

import datetime as dt
import io
import logging

import duckdb
import pdfplumber
import pytest

from cdht_data.pack import pack_pdf

pytestmark = pytest.mark.slow  # a Typst compile per area
logging.getLogger("pdfminer").setLevel(logging.ERROR)
MADE_ON = dt.date(2026, 12, 2)

# Ranking: unit, registered (population table, column 6), population 8–60 (column 3),
# participation (column 7), assessed (scoring table, "Tổng"), Đạt (the sum of the row's Đạt:
# TT Lộc Ninh 290 + 103 + 244 + 114 = 751 …), highest participation first.
LOC_NINH_RANKING = [
    ("Lộc Thịnh", "1.056", "3.551", "29,74%", "1.055", "1.022"),  # 959 + 3 + 60
    ("Thị trấn Lộc Ninh", "1.329", "7.958", "16,70%", "1.239", "751"),
    ("Lộc Phú", "723", "5.100", "14,18%", "723", "672"),  # 309 + 143 + 114 + 106
    ("Lộc Thành", "801", "6.371", "12,57%", "801", "526"),  # 450 + 2 + 33 + 41
    ("Lộc Tấn", "763", "8.203", "9,30%", "763", "149"),  # 60 + blank + 71 + 18
    ("Lộc Điền", "106", "5.801", "1,83%", "106", "99"),  # 39 + 1 + 58 + 1
    ("Lộc Thái", "77", "5.402", "1,43%", "77", "72"),  # 1 + 3 + 68
    ("Lộc Quang", "61", "5.284", "1,15%", "61", "31"),  # 0 + 0 + 31
    ("Lộc Thạnh", "32", "3.017", "1,06%", "32", "29"),  # 2 + 0 + 27
    ("Lộc Hưng", "47", "6.071", "0,77%", "47", "46"),
    ("Lộc Thuận", "43", "6.691", "0,64%", "43", "42"),  # 2 + 0 + 40
    ("Lộc Hiệp", "44", "7.127", "0,62%", "44", "44"),
    ("Lộc An", "31", "5.882", "0,53%", "31", "16"),  # 14 + 0 + 2
    ("Lộc Thiện", "12", "5.888", "0,20%", "12", "9"),  # 6 + 0 + 3
    ("Lộc Khánh", "10", "4.922", "0,20%", "10", "10"),  # 0 + 1 + 9
    ("Lộc Hòa", "5", "4.175", "0,12%", "5", "5"),  # 1 + 0 + 4
]  # Đạt adds up to 3.523, the district's
# The pilot prints registered and recognised per unit (25/25, 20/17, 10/10); everyone registered
# was assessed; no population table, so no participation ("—"); 17 / 20 = 85,00%.
PILOT_RANKING = [
    ("Cơ quan xã Quảng Phú", "25", "—", "—", "25", "25"),
    ("Thôn Bao La – Đức Nhuận", "20", "—", "—", "20", "17"),
    ("Ban Khuyến học họ Hoàng (Hạ Lang)", "10", "—", "—", "10", "10"),
]

# Groups for the whole area: Đạt, Chưa đạt, assessed (Đạt + Chưa đạt), rate, from the printed
# totals row: 2.133 + 1.216 = 3.349, 2.133 / 3.349 = 63,69 %; 256 / 446 = 57,40 %;
# 854 / 949 = 89,99 %; 280 / 305 = 91,80 %.
LOC_NINH_GROUPS = [
    ("Nhóm I (Nông dân)", "2.133", "1.216", "3.349", "63,69%"),
    ("Nhóm II (Công nhân)", "256", "190", "446", "57,40%"),
    ("Nhóm III (Cán bộ, công chức, viên chức, doanh nhân)", "854", "95", "949", "89,99%"),
    ("Nhóm 4 (Học sinh, sinh viên, người học)", "280", "25", "305", "91,80%"),
]
# the pilot's «Tổng cộng»: 15/18 (83,3 % printed; 15 / 18 = 83,33 %), 6/6, 31/31
PILOT_GROUPS = [
    ("Nông dân và lao động nông thôn", "15", "3", "18", "83,33%"),
    ("Công nhân, thợ, lao động tự do", "6", "0", "6", "100,00%"),
    ("Cán bộ, công chức, viên chức (trí thức)", "31", "0", "31", "100,00%"),
]
# Unit by unit: Đạt / assessed of each group (a blank Chưa đạt counts 0 in the sum).
LOC_NINH_UNIT_GROUPS = [
    ("Thị trấn Lộc Ninh", "290 / 605", "103 / 243", "244 / 277", "114 / 114"),  # 290 + 315 …
    ("Lộc Hòa", "1 / 1", "0 / 0", "4 / 4", "0 / 0"),
    ("Lộc An", "14 / 29", "0 / 0", "2 / 2", "0 / 0"),
    ("Lộc Tấn", "60 / 603", "0 / 46", "71 / 86", "18 / 28"),
    ("Lộc Thạnh", "2 / 2", "0 / 0", "27 / 30", "0 / 0"),
    ("Lộc Hiệp", "0 / 0", "0 / 0", "44 / 44", "0 / 0"),
    ("Lộc Thiện", "6 / 8", "0 / 0", "3 / 4", "0 / 0"),
    ("Lộc Thuận", "2 / 2", "0 / 0", "40 / 41", "0 / 0"),
    ("Lộc Quang", "0 / 0", "0 / 0", "31 / 61", "0 / 0"),
    ("Lộc Phú", "309 / 354", "143 / 147", "114 / 116", "106 / 106"),
    ("Lộc Thành", "450 / 705", "2 / 2", "33 / 38", "41 / 56"),
    ("Lộc Thái", "1 / 2", "3 / 3", "68 / 72", "0 / 0"),
    ("Lộc Điền", "39 / 46", "1 / 1", "58 / 58", "1 / 1"),
    ("Lộc Hưng", "0 / 0", "0 / 0", "46 / 47", "0 / 0"),
    ("Lộc Thịnh", "959 / 992", "3 / 3", "60 / 60", "0 / 0"),
    ("Lộc Khánh", "0 / 0", "1 / 1", "9 / 9", "0 / 0"),
]
# the pilot's cells as printed: "1/1 100%", "0", "24/24 100%"; "10/13 77%" (10 / 13 = 76,92 %) …
PILOT_UNIT_GROUPS = [
    ("Cơ quan xã Quảng Phú", "1 / 1", "100,00%", "0 / 0", "—", "24 / 24", "100,00%"),
    ("Thôn Bao La – Đức Nhuận", "10 / 13", "76,92%", "5 / 5", "100,00%", "2 / 2", "100,00%"),
    ("Ban Khuyến học họ Hoàng (Hạ Lang)", "4 / 4", "100,00%", "1 / 1", "100,00%", "5 / 5",
     "100,00%"),
]
# "Các mức điểm đạt" 70–79, 80–89, 90–100 as printed (15 9 1; 17 0 0; 5 4 1; 37 13 2), with the
# share of the unit's recognised: 15 / 25 = 60 %, 37 / 52 = 71,15 %, 2 / 52 = 3,85 %.
PILOT_BANDS = [
    ("Cơ quan xã Quảng Phú", "15", "60,00%", "9", "36,00%", "1", "4,00%"),
    ("Thôn Bao La – Đức Nhuận", "17", "100,00%", "0", "0,00%", "0", "0,00%"),
    ("Ban Khuyến học họ Hoàng (Hạ Lang)", "5", "50,00%", "4", "40,00%", "1", "10,00%"),
    ("Toàn xã Quảng Phú", "37", "71,15%", "13", "25,00%", "2", "3,85%"),
]


@pytest.fixture(scope="module")
def tables(bundled_db):
    """Every ruled table of each pack, by its header row's first cell, rows joined across
    pages (a long table repeats its header on the next page)."""
    found = {}
    with duckdb.connect(str(bundled_db), read_only=True) as con:
        for name, area, as_of in (("loc-ninh", "692", dt.date(2024, 9, 30)),
                                  ("quang-phu", "L-QP", dt.date(2021, 7, 31))):
            pdf = pack_pdf(con, as_of, area, None, MADE_ON)
            by_head: dict[tuple, list] = {}
            with pdfplumber.open(io.BytesIO(pdf)) as doc:
                for page in doc.pages:
                    for table in page.extract_tables():
                        rows = [tuple((c or "").replace("\n", " ") for c in r) for r in table]
                        if len(rows) > 1:
                            by_head.setdefault(rows[0], []).extend(rows[1:])
            found[name] = by_head
    return found


def _table(tables: dict, first: str, second: str | None = None) -> list[tuple]:
    matches = [rows for head, rows in tables.items()
               if head[0] == first and (second is None or head[1] == second)]
    assert len(matches) == 1, list(tables)
    return matches[0]


@pytest.mark.parametrize("name, expected", [("loc-ninh", LOC_NINH_RANKING),
                                            ("quang-phu", PILOT_RANKING)])
def test_the_ranking_is_the_printed_tables_cell_by_cell(tables, name, expected):
    rows = _table(tables[name], "TT")
    assert [r[0] for r in rows] == [str(n) for n in range(1, len(expected) + 1)]
    assert [r[1:7] for r in rows] == expected


def test_the_pilot_s_recognition_rates(tables):
    # 25 / 25, 17 / 20, 10 / 10
    assert [r[7] for r in _table(tables["quang-phu"], "TT")] == ["100,00%", "85,00%", "100,00%"]


@pytest.mark.parametrize("name, expected", [("loc-ninh", LOC_NINH_GROUPS),
                                            ("quang-phu", PILOT_GROUPS)])
def test_the_groups_are_the_printed_totals(tables, name, expected):
    assert [r[:5] for r in _table(tables[name], "Nhóm")] == expected


def test_groups_unit_by_unit(tables):
    loc_ninh = _table(tables["loc-ninh"], "Đơn vị", "Nông dân")
    assert [(r[0], r[1], r[3], r[5], r[7]) for r in loc_ninh] == LOC_NINH_UNIT_GROUPS
    assert _table(tables["quang-phu"], "Đơn vị", "Nông dân") == PILOT_UNIT_GROUPS


def test_the_pilot_s_score_bands(tables):
    assert _table(tables["quang-phu"], "Đơn vị", "Mức 70–79") == PILOT_BANDS
