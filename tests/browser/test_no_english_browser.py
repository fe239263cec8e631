"""No English in what a real browser shows on any page at 1366 × 768 with the sidebar open
(document.body.innerText, tooltips left out: tests/english.py's body_text), for the bundled Lộc
Ninh period and the Quảng Phú pilot. Streamlit's own words (the keyboard users' "Skip to main
content" link among them) count as much as ours."""

import pytest
from playwright.sync_api import expect

from tests.english import body_text, english_words

pytestmark = pytest.mark.slow  # a dashboard server and Chromium

PATHS = ["", "ban_do", "nhom_doi_tuong", "chi_tiet_xa", "xep_loai_diem", "chat_luong_du_lieu",
         "dinh_nghia", "bao_cao", "ke_hoach"]
CHARTS_SHOWN_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .filter(e => e.checkVisibility()).every(e => e.querySelector('.main-svg'))"""
PERIODS = ["dia_ban=692&ky=2024-09-30", "dia_ban=L-QP&ky=2021-07-31"]


@pytest.mark.parametrize("path", PATHS, ids=[p or "tong_quan" for p in PATHS])
def test_no_english_word_on_screen(server, desktop, path):
    page = desktop.page
    for query in PERIODS:
        page.goto(f"{server}/{path}?{query}")
        expect(page.get_by_test_id("stMain").locator("h1").first).to_be_visible()
        expect(page.get_by_test_id("stSidebar")).to_be_visible()  # its text is scanned too
        expect(page.get_by_test_id("stSidebar").get_by_text("Kỳ số liệu").first).to_be_visible()
        # Every chart shown is drawn (Bản đồ's phone copy stays hidden on a computer's screen).
        page.wait_for_function(CHARTS_SHOWN_DRAWN, timeout=30_000)
        page.wait_for_load_state("networkidle")
        expect(page.get_by_test_id("stSkipToContent")).to_have_text("Chuyển đến nội dung chính")
        assert english_words(body_text(page)) == [], query
