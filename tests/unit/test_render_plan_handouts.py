"""The plan's hand-outs as a reader prints them: LibreOffice opens the XLSX and writes a PDF,
pdftoppm turns pages into PNG (tests/output_renders/, for a person to look at). Every page is
A4 landscape and every sheet fits the page's width (no column printed on a page of its own);
numbers read in the Vietnamese way whatever the machine's locale."""

from __future__ import annotations

import re
import subprocess

import pytest
from PIL import Image

from cdht_data import store
from cdht_data.plan_handouts import plan_xlsx
from tests.xlsx_render import MARKS, RENDERS, page_sizes, page_text, pdf_of

pytestmark = MARKS


@pytest.mark.parametrize("area, name, sheets, expected", [
    # summary, priority, 4 partners, 16 communes
    ("692", "ke-hoach-van-dong_loc-ninh_2024-09-30", 22,
     {1: ["Kế hoạch vận động Công dân học tập — huyện Lộc Ninh", "tính đến ngày 30/9/2024",
          "91.443", "33.055", "2.203,67", "Thứ tự ưu tiên: trước hết"],
      2: ["Thứ tự ưu tiên các đơn vị", "Lộc Hòa", "1.665", "111,00", "2.500", "33,33",
          "▼ tham gia thấp", "Lộc Thịnh"]}),
    ("L-QP", "ke-hoach-van-dong_quang-phu_2021-07-31", 8,
     {1: ["Kế hoạch vận động Công dân học tập — xã Quảng Phú", "31/7/2021", "Cả đơn vị",
          "Nông dân"]}),
])
def test_every_sheet_prints_on_a4_landscape_within_the_width(bundled_db, tmp_path, area, name,
                                                             sheets, expected):
    con = store.open_read(bundled_db)
    try:
        xlsx = tmp_path / f"{name}.xlsx"
        xlsx.write_bytes(plan_xlsx(con, None, area))
    finally:
        con.close()
    pdf = pdf_of(xlsx, tmp_path)
    pages = page_sizes(pdf)
    assert len(pages) >= sheets  # a sheet starts a page; a long one takes more
    assert all(abs(w - 841.9) < 2 and abs(h - 595.3) < 2 for w, h in pages)  # A4 landscape
    texts = [page_text(pdf, p) for p in range(1, len(pages) + 1)]
    for page, words in expected.items():
        for w in words:
            assert w in texts[page - 1], (page, w)
    # fitted to the width, the header repeated: every page carries the headings of the
    # table's left columns ("Đơn vị", "Đơn vị phối hợp") and of its last ("Ghi chú"; the
    # priority order's "Xem trang"), never a slice of the columns
    for page, text in enumerate(texts, start=1):
        assert "Đơn vị" in text and ("Ghi chú" in text or "Xem trang" in text), page
    # each sheet's footer names the sheet and the page
    assert all(re.search(r"trang \d+/\d+", t) for t in texts)
    RENDERS.mkdir(exist_ok=True)
    for page in (1, 3):
        png = RENDERS / f"{name}_{page}"
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page),
                        "-singlefile", str(pdf), str(png)], check=True, capture_output=True)
        image = Image.open(f"{png}.png").convert("L")
        assert image.width > image.height  # landscape
        dark = sum(image.histogram()[:128]) / (image.width * image.height)
        assert 0.01 < dark < 0.5  # text and rules drawn, not a blank or black page
