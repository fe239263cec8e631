"""The official tables as a reader prints them: LibreOffice opens the XLSX and writes a PDF,
pdftoppm turns its pages into PNG (tests/output_renders/, for a person to look at). Each table
prints on one A4 landscape page, its «Lưu ý chất lượng» sheet after it; numbers read in the
Vietnamese way whatever the machine's locale."""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image

from cdht_data import store
from cdht_data.official_tables import population_table_xlsx, scoring_table_xlsx
from tests.xlsx_render import MARKS, RENDERS, page_sizes, page_text, pdf_of

pytestmark = MARKS


@pytest.mark.parametrize("make, area, name, expected", [
    (scoring_table_xlsx, "692", "bieu-cham-diem_loc-ninh_2024-09-30",
     ["Tính đến ngày 30/9/2024", "Lộc Khánh", "Toàn huyện", "2.133", "1.216", "5.049", "1.239"]),
    (population_table_xlsx, "692", "bieu-dan-so-dang-ky_loc-ninh_2024-09-30",
     ["Tính đến ngày 30/9/2024", "Lộc Khánh", "TỔNG CỘNG", "120.080", "91.443", "16,70",
      "29,74", "5,62", "7=6/3*100"]),
    (scoring_table_xlsx, "L-QP", "bieu-cham-diem_quang-phu_2021-07-31",
     ["Kết quả tự đánh giá, thẩm định và công nhận danh hiệu", "Tính đến ngày 31/7/2021",
      "Hạ Lang", "Toàn xã", "Nông dân", "31", "55"]),
    # the pilot has no population table: its registered only (25 + 20 + 10 = 55)
    (population_table_xlsx, "L-QP", "bieu-dan-so-dang-ky_quang-phu_2021-07-31",
     ["Tính đến ngày 31/7/2021", "Hạ Lang", "TỔNG CỘNG", "25", "55", "7=6/3*100"])])
def test_each_table_prints_on_one_landscape_page(bundled_db, tmp_path, make, area, name,
                                                 expected):
    con = store.open_read(bundled_db)
    try:
        xlsx = tmp_path / f"{name}.xlsx"
        xlsx.write_bytes(make(con, None, area))
    finally:
        con.close()
    pdf = pdf_of(xlsx, tmp_path)
    pages = page_sizes(pdf)
    assert len(pages) >= 2  # the table, then its quality sheet
    assert all(w > h for w, h in pages)  # landscape
    assert all(abs(w - 841.9) < 2 and abs(h - 595.3) < 2 for w, h in pages)  # A4
    first = page_text(pdf, 1)
    for words in expected:  # the title to the last unit and the totals row on one page,
        assert words in first, words  # in Vietnamese numbers
    assert "Lưu ý chất lượng số liệu" in page_text(pdf, 2)
    RENDERS.mkdir(exist_ok=True)
    png = RENDERS / name
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(png)], check=True, capture_output=True)
    image = Image.open(f"{png}.png").convert("L")
    assert image.width > image.height  # landscape
    dark = sum(image.histogram()[:128]) / (image.width * image.height)
    assert 0.01 < dark < 0.5  # text and rules drawn, not a blank or black page
