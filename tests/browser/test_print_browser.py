"""Printing «Tổng quan» from the browser (Ctrl+P, here page.pdf on A4): no sidebar, the whole
league table, the target line's label, charts within the page. The PDF's pages go to
tests/output_renders/ as PNG for a person to look at."""

import logging
import subprocess

import pdfplumber
import pytest
from playwright.sync_api import expect

from tests.paths import ROOT

pytestmark = pytest.mark.slow  # a dashboard server and Chromium
RENDERS = ROOT / "tests" / "output_renders"
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# The 16 communes of the printed report (000_*.txt).
UNITS = ["Thị trấn Lộc Ninh", "Lộc Hòa", "Lộc An", "Lộc Tấn", "Lộc Thạnh", "Lộc Hiệp",
         "Lộc Thiện", "Lộc Thuận", "Lộc Quang", "Lộc Phú", "Lộc Thành", "Lộc Thái", "Lộc Điền",
         "Lộc Hưng", "Lộc Thịnh", "Lộc Khánh"]
SIDEBAR_WORDS = ["Kỳ số liệu (tính đến ngày)", "Ngưỡng tham gia thấp"]


def test_overview_prints_whole_on_a4_without_the_sidebar(server, desktop, tmp_path):
    page = desktop.page
    page.goto(f"{server}/?dia_ban=692")
    sidebar = page.get_by_test_id("stSidebar")
    for word in SIDEBAR_WORDS:  # on screen, to be absent from paper
        expect(sidebar.get_by_text(word).first).to_be_visible()
    for chart in page.get_by_test_id("stPlotlyChart").all():
        expect(chart.locator(".main-svg").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    pdf = tmp_path / "tong-quan.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)

    with pdfplumber.open(pdf) as doc:
        sizes = {(round(float(p.width)), round(float(p.height))) for p in doc.pages}
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
        # every chart within the page's width
        for p in doc.pages:
            assert all(float(img["x1"]) <= float(p.width) + 1 for img in p.images)
            assert all(float(c["x1"]) <= float(p.width) + 1 for c in p.chars)
    assert sizes <= {(595, 842), (596, 843)}  # A4 (595,3 × 841,9 points; Chromium rounds up)
    for unit in UNITS:
        assert unit in text, unit
    for word in SIDEBAR_WORDS:
        assert word not in text, word
    # the target lines' labels (2025 and 2030 of targets.toml), drawn within the page
    assert "năm 2025: 40%" in text and "năm 2030: 60%" in text
    assert "Deploy" not in text and "Tải bảng (.csv)" not in text

    RENDERS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(RENDERS / "print-tong-quan")],
                   check=True, timeout=120)
    pngs = sorted(RENDERS.glob("print-tong-quan-*.png"))
    assert 2 <= len(pngs) <= 6 and all(p.stat().st_size > 5000 for p in pngs)
