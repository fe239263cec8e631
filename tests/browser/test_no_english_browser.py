"""Every page speaks Vietnamese in a real browser at 1366 × 768 with the sidebar open, for the
bundled Lộc Ninh period and the Quảng Phú pilot: no English word in what it shows, tooltips and
placeholders included (tests/english.py's page_text); Streamlit's own words (the keyboard
users' "Skip to main content" link among them) count as much as ours. The browser tab is titled
with the page's heading (what a projector's audience and a tab strip show), the document says
it is Vietnamese, and Streamlit's English main menu is hidden. Nothing is fetched from outside
this machine on any page: each request off localhost is refused and recorded, and none is.

The same load of the Lộc Ninh period reads the page's bundled figures on a computer's screen
(tests/browser/page_figures.py; a phone's: test_pages_browser.py) and saves its screenshot."""

import pytest
from playwright.sync_api import expect

from tests.browser.charts import CHARTS_DRAWN
from tests.browser.page_figures import FIGURES, expect_figures
from tests.english import english_words, page_text

pytestmark = pytest.mark.slow  # a dashboard server and Chromium

PATHS = ["", "ban_do", "nhom_doi_tuong", "chi_tiet_xa", "xep_loai_diem", "chat_luong_du_lieu",
         "dinh_nghia", "bao_cao", "nhap_so_lieu", "ke_hoach"]
PERIODS = ["dia_ban=692&ky=2024-09-30", "dia_ban=L-QP&ky=2021-07-31"]


@pytest.mark.parametrize("path", PATHS, ids=[p or "tong_quan" for p in PATHS])
def test_every_page_is_vietnamese_with_its_own_title(server, desktop, path):
    page = desktop.page
    for query in PERIODS:
        page.goto(f"{server}/{path}?{query}")
        heading = page.get_by_test_id("stMain").locator("h1").first
        expect(heading).to_be_visible()
        expect(page.get_by_test_id("stSidebar")).to_be_visible()  # its text is scanned too
        expect(page.get_by_test_id("stSidebar").get_by_text("Kỳ số liệu").first).to_be_visible()
        # Every chart shown is drawn (Bản đồ's phone copy stays hidden on a computer's screen).
        page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_function("() => document.documentElement.lang === 'vi'")
        assert page.title() == heading.inner_text(), query
        expect(page.get_by_test_id("stMainMenu")).to_be_hidden()
        expect(page.get_by_test_id("stSkipToContent")).to_have_text("Chuyển đến nội dung chính")
        assert english_words(page_text(page)) == [], query
        if query == PERIODS[0] and path in FIGURES:
            expect_figures(page, path)
            desktop.shot(f"{path or 'tong_quan'}-desktop")
    assert desktop.blocked == []
