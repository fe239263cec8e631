"""The report draft as DOCX, read back with python-docx: the Nghị định 30 layout (page, margins,
fonts, header block), every number of both tables against report 33/BC-HKH as printed
(30/9/2024), the results paragraph, the lagging groups with their partners, the placeholders;
the Quảng Phú pilot (no population table) the same way; text from data printed literally.

Expected values are the printed ones (the seed's tables, typed below), or hand arithmetic
written beside them.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt

from cdht_data import store
from cdht_data.errors import InputError
from cdht_data.outputs import OUTPUTS
from cdht_data.report_docx import report_docx
from tests.hostile import EVIL_UNIT, FORMULA_UNIT

LOC_NINH = dt.date(2024, 9, 30)
PILOT = dt.date(2021, 7, 31)

# Report 33/BC-HKH, «Biểu thống kê đánh giá (chấm điểm)», as printed: per commune Đạt / Chưa
# đạt of Nhóm I, II, III, 4, then Tổng; "" where the cell is blank.
SCORING = [
    ("Thị trấn Lộc Ninh", "290", "315", "103", "140", "244", "33", "114", "", "1.239"),
    ("Lộc Hòa", "1", "", "0", "", "4", "", "", "", "5"),
    ("Lộc An", "14", "15", "0", "", "2", "", "", "", "31"),
    ("Lộc Tấn", "60", "543", "", "46", "71", "15", "18", "10", "763"),
    ("Lộc Thạnh", "2", "", "0", "", "27", "3", "", "", "32"),
    ("Lộc Hiệp", "0", "", "0", "", "44", "", "", "", "44"),
    ("Lộc Thiện", "6", "2", "0", "", "3", "1", "", "", "12"),
    ("Lộc Thuận", "2", "", "0", "", "40", "1", "", "", "43"),
    ("Lộc Quang", "0", "", "0", "", "31", "30", "", "", "61"),
    ("Lộc Phú", "309", "45", "143", "4", "114", "2", "106", "", "723"),
    ("Lộc Thành", "450", "255", "2", "", "33", "5", "41", "15", "801"),
    ("Lộc Thái", "1", "1", "3", "", "68", "4", "", "", "77"),
    ("Lộc Điền", "39", "7", "1", "", "58", "", "1", "", "106"),
    ("Lộc Hưng", "0", "", "0", "", "46", "1", "", "", "47"),
    ("Lộc Thịnh", "959", "33", "3", "", "60", "", "", "", "1.055"),
    ("Lộc Khánh", "0", "", "1", "", "9", "", "", "", "10"),
]
# printed «Toàn huyện»: 2.133 1.216 256 190 854 95 280 25 5.049 (the rows add up to it)
SCORING_TOTAL = ("Toàn huyện", "2.133", "1.216", "256", "190", "854", "95", "280", "25",
                 "5.049")

# «Biểu thống kê số lượng người tham gia đăng ký», columns 1–7 as printed
POPULATION = [
    ("Thị trấn Lộc Ninh", "10.450", "1.456", "7.958", "1.021", "16", "1.329", "16,70"),
    ("Lộc Hòa", "5.482", "764", "4.175", "536", "8", "5", "0,12"),
    ("Lộc An", "7.724", "1.076", "5.882", "755", "12", "31", "0,53"),
    ("Lộc Tấn", "10.772", "1.501", "8.203", "1.052", "16", "763", "9,30"),
    ("Lộc Thạnh", "3.962", "552", "3.017", "387", "6", "32", "1,06"),
    ("Lộc Hiệp", "9.359", "1.304", "7.127", "914", "14", "44", "0,62"),
    ("Lộc Thiện", "7.732", "1.077", "5.888", "755", "12", "12", "0,20"),
    ("Lộc Thuận", "8.787", "1.224", "6.691", "858", "13", "43", "0,64"),
    ("Lộc Quang", "6.939", "967", "5.284", "678", "10", "61", "1,15"),
    ("Lộc Phú", "6.697", "933", "5.100", "654", "10", "723", "14,18"),
    ("Lộc Thành", "8.366", "1.165", "6.371", "817", "13", "801", "12,57"),
    ("Lộc Thái", "7.094", "988", "5.402", "693", "11", "77", "1,43"),
    ("Lộc Điền", "7.618", "1.061", "5.801", "744", "11", "106", "1,83"),
    ("Lộc Hưng", "7.972", "1.110", "6.071", "779", "12", "47", "0,77"),
    ("Lộc Thịnh", "4.663", "650", "3.551", "456", "7", "1.056", "29,74"),
    ("Lộc Khánh", "6.463", "900", "4.922", "631", "10", "10", "0,20"),
]
# The totals are the sums of the rows. Printed «TỔNG CỘNG»: 120.080 16.727 91.441 11.732 180
# 5.140 5,62; the rows of columns 2, 3, 4 and 5 add up to 16.728, 91.443, 11.730 and 181 (the
# source disagrees with itself; the quality layer reports it). 5.140 ÷ 91.443 × 100 = 5,62.
POPULATION_TOTAL = ("TỔNG CỘNG", "120.080", "16.728", "91.443", "11.730", "181", "5.140", "5,62")

# The pilot's table: «10/13» is Đạt 10 of 13 registered, so Chưa đạt 3 (everyone registered was
# assessed, as the report says: 55/55); Công nhân of the commune office printed "0" (no one).
PILOT_SCORING = [
    ("Cơ quan xã Quảng Phú", "1", "0", "0", "", "24", "0", "25"),
    ("Thôn Bao La – Đức Nhuận", "10", "3", "5", "0", "2", "0", "20"),
    ("Ban Khuyến học họ Hoàng (Hạ Lang)", "4", "0", "1", "0", "5", "0", "10"),
]
PILOT_TOTAL = ("Toàn xã", "15", "3", "6", "0", "31", "0", "55")  # printed 15/18, 6/6, 31/31, 55


@pytest.fixture(scope="module")
def loc_ninh(bundled):
    return Document(io.BytesIO(report_docx(bundled, LOC_NINH, "692", None)))


@pytest.fixture(scope="module")
def pilot(bundled):
    return Document(io.BytesIO(report_docx(bundled, PILOT, "L-QP", None)))


def text_of(doc) -> str:
    """Every paragraph of the body, then of every table cell, one a line."""
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines += [c.text for c in row.cells]
    return "\n".join(lines)


def rows_of(table, first: int) -> list[tuple[str, ...]]:
    """The table's rows from `first` on, without the STT column."""
    return [tuple(c.text for c in row.cells[1:]) for row in table.rows[first:]]


# ---------------------------------------------------------------- layout

def test_a4_portrait_with_the_margins_of_nghi_dinh_30(loc_ninh):
    section = loc_ninh.sections[0]
    def mm(length):  # Word stores twips: 210 mm is 11.906 twips, read back as 210,0 mm
        return round(length.mm, 1)
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    # top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20, 20)
    assert (mm(section.left_margin), mm(section.right_margin)) == (30, 15)


def test_every_run_is_times_new_roman_body_14_header_13(loc_ninh):
    runs = [r for p in loc_ninh.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for t in loc_ninh.tables for row in t.rows for c in row.cells
             for p in c.paragraphs for r in p.runs if r.text.strip()]
    assert runs and {r.font.name for r in runs} == {"Times New Roman"}
    sizes = {r.font.size for r in runs}
    assert sizes <= {Pt(14), Pt(13), Pt(12), Pt(11), Pt(10)}
    body = [r for p in loc_ninh.paragraphs for r in p.runs if "huyện Lộc Ninh có 5.140" in r.text]
    assert body and body[0].font.size == Pt(14)


def test_the_header_block_is_a_borderless_two_column_table(loc_ninh):
    header = loc_ninh.tables[0]
    assert len(header.columns) == 2
    assert "w:val=\"nil\"" in header._tbl.tblPr.xml  # no borders
    left, right = header.rows[0].cells
    issuer = left.paragraphs[0]
    assert issuer.text == "HỘI KHUYẾN HỌC\nHUYỆN LỘC NINH"
    assert all(r.bold for r in issuer.runs if r.text)
    assert "w:pBdr" in left.paragraphs[1]._p.xml  # the short rule under the issuer
    assert left.paragraphs[2].text == "Số: …/BC-HKH"
    state = right.paragraphs[0]
    assert state.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    assert all(r.bold for r in state.runs if r.text)
    assert "w:pBdr" in right.paragraphs[1]._p.xml
    place = right.paragraphs[2]
    assert place.text == "Lộc Ninh, ngày … tháng … năm …"
    assert all(r.italic for r in place.runs)


def test_title_sections_recipients_and_signature(loc_ninh):
    paragraphs = [p.text for p in loc_ninh.paragraphs]
    at = paragraphs.index("BÁO CÁO")
    assert paragraphs[at + 1] == ("Kết quả thực hiện mô hình “Công dân học tập” tính đến ngày "
                                  "30/9/2024 (Bộ tiêu chí theo Quyết định 324/QĐ-KHVN)")
    order = [paragraphs.index(h) for h in (
        "I. KẾT QUẢ ĐẠT ĐƯỢC", "II. NGUYÊN NHÂN, ĐÁNH GIÁ", "III. ĐỀ XUẤT, KIẾN NGHỊ")]
    assert order == sorted(order)
    closing = loc_ninh.tables[-1]
    left, right = closing.rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "Nơi nhận:", "- Hội Khuyến học tỉnh (b/c);", "- Thường trực Huyện ủy (b/c);",
        "- UBND huyện (b/c);", "- Các xã, thị trấn;", "- Lưu: VT."]
    assert right.paragraphs[0].text == "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH"
    assert right.paragraphs[-1].text == "[Họ và tên]"


# ---------------------------------------------------------------- figures

def test_the_scoring_table_is_the_printed_one(loc_ninh):
    table = loc_ninh.tables[1]
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == ["STT", "Xã/ thị trấn", "Nhóm I\n(Nông dân)"]
    assert header[-1] == "Tổng"
    assert [c.text for c in table.rows[1].cells][2:6] == ["Đạt", "Chưa đạt", "Đạt", "Chưa đạt"]
    assert [r[0] for r in [tuple(c.text for c in row.cells) for row in table.rows[2:-1]]] == [
        str(n) for n in range(1, 17)]
    assert rows_of(table, 2) == SCORING + [SCORING_TOTAL]


def test_the_population_table_is_the_printed_one(loc_ninh):
    table = loc_ninh.tables[2]
    assert [c.text for c in table.rows[2].cells] == [
        "A", "B", "1=2+3+4+5", "2", "3", "4", "5", "6", "7=6/3*100"]
    assert table.rows[0].cells[3].text == "TỔNG SỐ CHIA RA"
    assert rows_of(table, 3) == POPULATION + [POPULATION_TOTAL]


def test_the_results_paragraph_low_units_and_both_targets(loc_ninh):
    text = "\n".join(p.text for p in loc_ninh.paragraphs)
    # 3.523 Đạt of 5.049 assessed = 69,78%; 5.140 ÷ 91.443 = 5,62%
    assert ("Tính đến ngày 30/9/2024, huyện Lộc Ninh có 5.140 người đăng ký tham gia mô hình "
            "Công dân học tập, bằng 5,62% dân số từ 8 đến 60 tuổi (91.443 người).") in text
    assert "trong đó 3.523 người đạt danh hiệu Công dân học tập (69,78% số người đã đánh giá)" \
        in text
    # low uptake: below 1% or in the lowest quarter (⌈16/4⌉ = 4 lowest, ties included)
    for line in ("- Lộc Hòa: 0,12% (5/4.175 người)", "- Lộc Khánh: 0,20% (10/4.922 người)",
                 "- Lộc Hưng: 0,77% (47/6.071 người)"):
        assert line in text
    # 3.523 ÷ 91.443 = 3,85%; ⌈0,40 × 91.443⌉ = 36.578 → 33.055 to go; ⌈0,60 × 91.443⌉ =
    # 54.866 → 51.343
    assert ("- Chỉ tiêu đến năm 2025 (Quyết định 677/QĐ-TTg ngày 03/6/2022): 40% dân số 8–60 "
            "tuổi (số người có khả năng tham gia) được công nhận “Công dân học tập”; hiện đạt "
            "3,85% (3.523/91.443 người), còn cần công nhận thêm 33.055 người.") in text
    assert "- Chỉ tiêu đến năm 2030 (Quyết định 677/QĐ-TTg ngày 03/6/2022): 60% dân số 8–60" \
        in text
    assert "còn cần công nhận thêm 51.343 người." in text


def test_lagging_groups_name_their_partners(loc_ninh):
    text = "\n".join(p.text for p in loc_ninh.paragraphs)
    # district: 3.523 ÷ 5.049 = 69,78%; Nhóm I 2.133 ÷ 3.349 = 63,69% and Nhóm II 256 ÷ 446 =
    # 57,40% lag; Nhóm III 854 ÷ 949 = 89,99% and Nhóm 4 280 ÷ 305 = 91,80% do not
    assert ("1. Đối với Nhóm I (Nông dân) (tỉ lệ đạt 63,69%, dưới mức 69,78% của toàn huyện): "
            "Đề nghị Ủy ban Mặt trận Tổ quốc") in text
    assert ("2. Đối với Nhóm II (Công nhân) (tỉ lệ đạt 57,40%, dưới mức 69,78% của toàn "
            "huyện): Đề nghị Liên đoàn Lao động huyện") in text
    assert "Nhóm III" not in text.split("III. ĐỀ XUẤT, KIẾN NGHỊ")[1]
    assert "Phòng Giáo dục" not in text.split("III. ĐỀ XUẤT, KIẾN NGHỊ")[1]


def test_placeholders_are_marked_and_highlighted(loc_ninh):
    marked = [r for p in loc_ninh.paragraphs for r in p.runs
              if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    texts = [r.text for r in marked]
    assert any(t.startswith("[Nội dung do cán bộ viết: nguyên nhân") for t in texts)
    assert "[Nội dung do cán bộ viết: các đề xuất, kiến nghị khác.]" in texts
    signer = [r for p in loc_ninh.tables[-1].rows[0].cells[1].paragraphs for r in p.runs
              if r.text == "[Họ và tên]"]
    assert signer and signer[0].font.highlight_color == WD_COLOR_INDEX.YELLOW


# ---------------------------------------------------------------- the pilot

def test_the_pilot_report_has_its_groups_and_no_population_table(pilot):
    header, scoring, closing = pilot.tables
    assert header.rows[0].cells[0].paragraphs[0].text == "HỘI KHUYẾN HỌC\nXÃ QUẢNG PHÚ"
    # the rule set's group names, as the XLSX table and the template head them (printed_tables)
    assert [c.text for c in scoring.rows[0].cells][1:5] == [
        "Tên đơn vị", "Nông dân và lao động nông thôn", "Nông dân và lao động nông thôn",
        "Công nhân, thợ, lao động tự do"]
    assert rows_of(scoring, 2) == PILOT_SCORING + [PILOT_TOTAL]
    text = "\n".join(p.text for p in pilot.paragraphs)
    assert "Kỳ này chưa có bảng dân số và đăng ký của xã Quảng Phú" in text
    # 52 ÷ 55 = 94,55%; Nông dân 15 ÷ 18 = 83,33% lags, Công nhân 6/6 and Trí thức 31/31 do not
    assert "52 người đạt danh hiệu Công dân học tập (94,55% số người đã đánh giá)" in text
    assert ("1. Đối với Nông dân và lao động nông thôn (tỉ lệ đạt 83,33%, dưới mức 94,55% của "
            "toàn xã): Đề nghị Ủy ban Mặt trận Tổ quốc") in text
    assert "2. Đối với" not in text
    assert "chưa tính được tiến độ vì chưa có số người đạt hoặc dân số 8–60 tuổi" in text
    assert [p.text for p in closing.rows[0].cells[0].paragraphs][1] == \
        "- Hội Khuyến học huyện (b/c);"


# ---------------------------------------------------------------- data as literal text

def test_names_from_data_are_printed_as_written(hostile_db):
    connection = store.open_read(hostile_db)
    try:
        doc = Document(io.BytesIO(report_docx(connection, LOC_NINH, "692", None)))
    finally:
        connection.close()
    text = text_of(doc)
    # Lộc Hòa renamed with "<b>", ":red[" and a link; Lộc Thịnh renamed as a formula
    assert EVIL_UNIT in text and FORMULA_UNIT in text
    assert f"- {EVIL_UNIT}: 0,12% (5/4.175 người)" in text


def test_nothing_to_report_is_refused_in_vietnamese(bundled):
    with pytest.raises(InputError, match="chưa có số liệu"):
        report_docx(bundled, dt.date(2000, 1, 1), "692", None)


def test_the_registry_entry_makes_the_same_file_name_and_bytes_kind(bundled):
    entry = OUTPUTS["report"]
    assert (entry.format, entry.make) == ("docx", report_docx)
    assert entry.file_name("Lộc Ninh", LOC_NINH) == "du-thao-bao-cao_loc-ninh_2024-09-30.docx"
    assert report_docx(bundled, LOC_NINH, "692", None)[:2] == b"PK"  # a zip, as DOCX is
