"""The report draft's tables are the XLSX tables: read back with python-docx and openpyxl, every
heading, column number, title and cell of the Word table is the Excel table's (one layout,
printed_tables), for the bundled Lộc Ninh period, the Quảng Phú pilot and both unit structures;
the draft in the units since 1/7/2025 checked cell by cell against hand sums of the printed
rows and against the (synthetic, labelled) table of 31/12/2025 as typed; its «Lưu ý về số liệu»
lists the findings the XLSX's «Lưu ý chất lượng» sheets list.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from docx import Document

from cdht_data import store
from cdht_data.formatting import fmt_decimal, fmt_int
from cdht_data.official_tables import QUALITY_SHEET, population_table_xlsx, scoring_table_xlsx
from cdht_data.report_docx import report_docx
from cdht_data.report_draft import draft

SEP30, PILOT, DEC31 = dt.date(2024, 9, 30), dt.date(2021, 7, 31), dt.date(2025, 12, 31)

# Huyện Lộc Ninh of 30/9/2024 in the units since 1/7/2025 (shown as Đồng Nai, its 7 communes):
# each new commune the sum of its predecessors' printed rows (report 33/BC-HKH), a cell blank
# where every predecessor's is. Nhóm I Đạt, Chưa đạt, II, III, 4, Tổng:
POST2025_SCORING = [
    # TT Lộc Ninh + Lộc Thái + Lộc Thuận: 290+1+2, 315+1, 103+3+0, 140, 244+68+40, 33+4+1,
    # 114, blank, 1.239+77+43
    ("Lộc Ninh", "293", "316", "106", "140", "352", "38", "114", "", "1.359"),
    # Lộc Khánh + Lộc Điền + Lộc Hưng: 0+39+0, 7, 1+1+0, blank, 9+58+46, 1, 1, blank, 10+106+47
    ("Lộc Hưng", "39", "7", "2", "", "113", "1", "1", "", "163"),
    # Lộc Thiện + Lộc Tấn: 6+60, 2+543, 0+blank, 46, 3+71, 1+15, 18, 10, 12+763
    ("Lộc Tấn", "66", "545", "0", "46", "74", "16", "18", "10", "775"),
    # Lộc Hòa + Lộc Thạnh: 1+2, blank, 0+0, blank, 4+27, 3, blank, blank, 5+32
    ("Lộc Thạnh", "3", "", "0", "", "31", "3", "", "", "37"),
    # Lộc Phú + Lộc Hiệp + Lộc Quang: 309+0+0, 45, 143+0+0, 4, 114+44+31, 2+30, 106, blank,
    # 723+44+61
    ("Lộc Quang", "309", "45", "143", "4", "189", "32", "106", "", "828"),
    # Lộc Thịnh + Lộc Thành: 959+450, 33+255, 3+2, blank, 60+33, 5, 41, 15, 1.055+801
    ("Lộc Thành", "1.409", "288", "5", "", "93", "5", "41", "15", "1.856"),
    # Lộc An only: the rest of Tân Tiến (Tân Thành, Tân Tiến of Bù Đốp) is not in our data
    ("Tân Tiến (◐ một phần)", "14", "15", "0", "", "2", "", "", "", "31"),
]
# the district's printed «Toàn huyện», the same in both structures; the area is now a province
POST2025_SCORING_TOTAL = ("Toàn tỉnh", "2.133", "1.216", "256", "190", "854", "95", "280", "25",
                          "5.049")
# Columns 1–6 the sums of the predecessors' printed columns, 7 = 6/3 × 100 of the sums.
POST2025_POPULATION = [
    # 10.450+7.094+8.787, 1.456+988+1.224, 7.958+5.402+6.691, 1.021+693+858, 16+11+13,
    # 1.329+77+43; 1.449 / 20.051 = 7,227 %
    ("Lộc Ninh", "26.331", "3.668", "20.051", "2.572", "40", "1.449", "7,23"),
    # 6.463+7.618+7.972, 900+1.061+1.110, 4.922+5.801+6.071, 631+744+779, 10+11+12, 10+106+47;
    # 163 / 16.794 = 0,971 %
    ("Lộc Hưng", "22.053", "3.071", "16.794", "2.154", "33", "163", "0,97"),
    # 7.732+10.772, 1.077+1.501, 5.888+8.203, 755+1.052, 12+16, 12+763; 775 / 14.091 = 5,49996 %
    ("Lộc Tấn", "18.504", "2.578", "14.091", "1.807", "28", "775", "5,50"),
    # 5.482+3.962, 764+552, 4.175+3.017, 536+387, 8+6, 5+32; 37 / 7.192 = 0,514 %
    ("Lộc Thạnh", "9.444", "1.316", "7.192", "923", "14", "37", "0,51"),
    # 6.697+9.359+6.939, 933+1.304+967, 5.100+7.127+5.284, 654+914+678, 10+14+10, 723+44+61;
    # 828 / 17.511 = 4,728 %
    ("Lộc Quang", "22.995", "3.204", "17.511", "2.246", "34", "828", "4,73"),
    # 4.663+8.366, 650+1.165, 3.551+6.371, 456+817, 7+13, 1.056+801; 1.857 / 9.922 = 18,716 %
    ("Lộc Thành", "13.029", "1.815", "9.922", "1.273", "20", "1.857", "18,72"),
    ("Tân Tiến (◐ một phần)", "7.724", "1.076", "5.882", "755", "12", "31", "0,53"),
]
# sums of the unit rows (the district's, as in 692's own table): 5.140 / 91.443 = 5,62 %
POST2025_POPULATION_TOTAL = ("TỔNG CỘNG", "120.080", "16.728", "91.443", "11.730", "181",
                             "5.140", "5,62")

# tests/data/synthetic_loc-ninh_2025-12-31_*.csv (SYNTHETIC, labelled so), typed as there; the
# totals row as printed there, which the unit rows add up to (Nhóm I Đạt 420+60+120+25+380+
# 1.300+40 = 2.345 …; 5.178 / 102.977 = 5,028 %).
DEC31_SCORING = [
    ("Lộc Ninh", "420", "180", "150", "90", "330", "40", "160", "20", "1.390"),
    ("Lộc Hưng", "60", "40", "10", "5", "150", "12", "30", "8", "315"),
    ("Lộc Tấn", "120", "300", "15", "30", "95", "10", "40", "12", "622"),
    ("Lộc Thạnh", "25", "10", "3", "", "45", "5", "6", "", "94"),
    ("Lộc Quang", "380", "60", "160", "10", "210", "8", "120", "5", "953"),
    ("Lộc Thành", "1.300", "200", "8", "", "105", "6", "48", "10", "1.677"),
    ("Tân Tiến", "40", "20", "2", "", "20", "3", "", "", "85"),
    ("Toàn tỉnh", "2.345", "810", "348", "135", "955", "84", "404", "55", "5.136"),
]
DEC31_POPULATION = [
    ("Lộc Ninh", "26.590", "3.138", "21.186", "2.234", "32", "1.402", "6,62"),
    ("Lộc Hưng", "22.270", "3.251", "16.496", "2.494", "29", "315", "1,91"),
    ("Lộc Tấn", "18.690", "3.121", "14.216", "1.327", "26", "640", "4,50"),
    ("Lộc Thạnh", "9.530", "1.449", "6.914", "1.153", "14", "94", "1,36"),
    ("Lộc Quang", "23.220", "3.042", "18.539", "1.602", "37", "960", "5,18"),
    ("Lộc Thành", "13.160", "2.250", "9.598", "1.290", "22", "1.677", "17,47"),
    ("Tân Tiến", "21.800", "3.444", "16.028", "2.289", "39", "90", "0,56"),
    ("TỔNG CỘNG", "135.260", "19.695", "102.977", "12.389", "199", "5.178", "5,03"),
]


@pytest.fixture(scope="module")
def with_2025(store_2025):
    connection = store.open_read(store_2025)
    yield connection
    connection.close()


def docx_of(con, as_of, area, structure=None):
    return Document(io.BytesIO(report_docx(con, as_of, area, structure)))


def figure_tables(doc) -> list:
    """The draft's figure tables (its header block and signature block are tables too)."""
    return [t for t in doc.tables if t.rows[0].cells[0].text in ("STT", "SỐ THỨ TỰ")]


def rows_of(table) -> list[tuple[str, ...]]:
    """The unit rows and the totals row, without the STT column."""
    first = 3 if table.rows[2].cells[0].text == "A" else 2
    return [tuple(c.text for c in row.cells[1:]) for row in table.rows[first:]]


def _shown(value, number_format: str) -> str:
    """An XLSX cell as it reads in Vietnamese: counts 5.049, rates 16,70, blank ""."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return fmt_decimal(value) if "0.00" in number_format else fmt_int(value)


def xlsx_table(data: bytes) -> dict:
    """The first sheet's titles, headings (a merged heading read into each of its columns),
    column numbers and rows as a reader sees them."""
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    head = next(r for r in range(1, 10) if ws.cell(r, 1).value in ("STT", "SỐ THỨ TỰ"))
    width = ws.max_column
    top, at = [], None
    for c in range(1, width + 1):
        at = ws.cell(head, c).value or at
        top.append(at)
    sub = [ws.cell(head + 1, c).value or top[c - 1] for c in range(1, width + 1)]
    numbered = ws.cell(head + 2, 1).value == "A"
    first = head + 2 + numbered
    rows = []
    for r in range(first, ws.max_row + 1):
        label = ws.cell(r, 2).value if ws.cell(r, 1).value is not None and \
            isinstance(ws.cell(r, 1).value, int) else ws.cell(r, 1).value
        rows.append((label, *(_shown(ws.cell(r, c).value, ws.cell(r, c).number_format)
                              for c in range(3, width + 1))))
        if not isinstance(ws.cell(r, 1).value, int):
            break  # the totals row
    return {"titles": [ws.cell(r, 1).value for r in range(1, head - 1)], "top": top,
            "sub": sub, "numbers": [ws.cell(head + 2, c).value for c in range(1, width + 1)]
            if numbered else None, "rows": rows}


def docx_table(doc, table) -> dict:
    cells = [[c.text.replace("\n", " ") for c in row.cells] for row in table.rows]
    numbered = cells[2][0] == "A"
    paragraphs = [p.text for p in doc.paragraphs]
    return {"top": cells[0], "sub": cells[1], "numbers": cells[2] if numbered else None,
            "rows": rows_of(table), "paragraphs": paragraphs}


CASES = {  # (store, period, area, structure), the tables the draft prints
    "loc-ninh": ("bundled", SEP30, "692", None, 2),
    "loc-ninh-post2025": ("bundled", SEP30, "692", "post2025", 2),
    "quang-phu": ("bundled", PILOT, "L-QP", None, 1),  # no population table in the pilot
    "dong-nai-2025": ("with_2025", DEC31, "75@2025", None, 2),
    "dong-nai-2025-pre2025": ("with_2025", DEC31, "75@2025", "pre2025", 2),
}


@pytest.mark.parametrize("name", CASES)
def test_the_word_tables_are_the_excel_tables(request, name):
    source, as_of, area, structure, count = CASES[name]
    con = request.getfixturevalue(source)
    doc = docx_of(con, as_of, area, structure)
    tables = figure_tables(doc)
    assert len(tables) == count
    for table, make in zip(tables, (scoring_table_xlsx, population_table_xlsx)):
        word = docx_table(doc, table)
        excel = xlsx_table(make(con, as_of, area, structure))
        assert word["top"] == excel["top"]
        assert word["sub"] == excel["sub"]
        assert word["numbers"] == excel["numbers"]
        assert word["rows"] == excel["rows"]
        # the title, "Tính đến ngày …" (and the structure's line) above the table
        first = word["paragraphs"].index(f"* {excel['titles'][0]}")
        assert word["paragraphs"][first + 1:first + len(excel["titles"])] == excel["titles"][1:]


def test_the_draft_in_the_units_since_2025_adds_up_the_printed_rows(bundled):
    doc = docx_of(bundled, SEP30, "692", "post2025")
    scoring, population = figure_tables(doc)
    assert scoring.rows[0].cells[1].text == "Xã, phường"
    assert rows_of(scoring) == POST2025_SCORING + [POST2025_SCORING_TOTAL]
    assert rows_of(population) == POST2025_POPULATION + [POST2025_POPULATION_TOTAL]
    paragraphs = [p.text for p in doc.paragraphs]
    assert "Số liệu ghi theo đơn vị hành chính từ 1/7/2025" in paragraphs
    assert paragraphs[paragraphs.index("BÁO CÁO") + 1].startswith(
        "Kết quả thực hiện mô hình “Công dân học tập” tính đến ngày 30/9/2024")


def test_the_draft_of_a_2025_period_is_its_table_as_typed(with_2025):
    doc = docx_of(with_2025, DEC31, "75@2025")
    scoring, population = figure_tables(doc)
    assert [c.text for c in scoring.rows[0].cells][:3] == ["STT", "Xã, phường",
                                                          "Nhóm I\n(Nông dân)"]
    assert rows_of(scoring) == DEC31_SCORING
    assert rows_of(population) == DEC31_POPULATION
    assert doc.tables[0].rows[0].cells[0].paragraphs[0].text == "HỘI KHUYẾN HỌC\nTỈNH ĐỒNG NAI"


def _listed(data: bytes) -> list[str]:
    ws = openpyxl.load_workbook(io.BytesIO(data))[QUALITY_SHEET]
    return [ws.cell(r, 4).value for r in range(5, ws.max_row + 1) if ws.cell(r, 4).value]


def test_the_data_notes_are_the_findings_of_the_xlsx_quality_sheets(bundled):
    d = draft(bundled, SEP30, "692")
    sheets = set(_listed(scoring_table_xlsx(bundled, SEP30, "692"))) | set(
        _listed(population_table_xlsx(bundled, SEP30, "692")))
    # 3 "assessed vs registered" (scoring sheet, also on the population sheet) + 4 printed
    # totals of columns 2–5 + 6 rows whose column 1 ≠ 2+3+4+5 + 3 age bands of one share + the
    # age gap at 7 = 17
    assert len(sheets) == len(d.data_notes) == 17
    for message in sheets:
        assert sum(message.rstrip(".") in line for line in d.data_notes) == 1, message
    assert ("Huyện Lộc Ninh: Dòng «TỔNG CỘNG», cột 3 in 91.441 nhưng cộng các xã được 91.443 "
            "(mức độ: lỗi).") in d.data_notes
    text = "\n".join(p.text for p in docx_of(bundled, SEP30, "692").paragraphs)
    assert "4. Lưu ý về số liệu" in text
    assert ("- Dòng «Lộc Hòa», cột 1 in 5.482 nhưng theo tiêu đề 1=2+3+4+5: 764 + 4.175 + 536 "
            "+ 8 = 5.483 (mức độ: lỗi).") in text  # 764 + 4.175 + 536 + 8 = 5.483


def test_the_pilot_draft_says_there_is_no_finding(bundled):
    assert draft(bundled, PILOT, "L-QP").data_notes == []
    text = "\n".join(p.text for p in docx_of(bundled, PILOT, "L-QP").paragraphs)
    assert ("4. Lưu ý về số liệu\nKiểm tra chất lượng số liệu không có lưu ý nào về các số "
            "của các biểu trên.") in text
    assert ("* Kết quả tự đánh giá, thẩm định và công nhận danh hiệu “Công dân học tập” — xã "
            "Quảng Phú") in text
