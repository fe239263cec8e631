"""Nothing leaves the machine: a journey through every page of a store whose imported text
carries Markdown and HTML (tests/hostile.py) records every request the browser attempts off
localhost (OfflinePage aborts and remembers them) and finds none; no <img>, <a> or other
element points to evil.example, and the hostile text shows as written. The tables offer our
escaped CSV, not Streamlit's own export."""

import pytest
from playwright.sync_api import expect

from tests.browser.charts import CHARTS_DRAWN
from tests.hostile import EVIL_HEADER, EVIL_UNIT
from ui.navigation import PAGES
from ui.print_css import PLAIN_CLASS

pytestmark = pytest.mark.slow  # a dashboard server and Chromium

PATHS = [script.removeprefix("pages/").removesuffix(".py") for script, _, _ in PAGES]
# Every attribute through which an element makes the browser fetch or link (SVG too: an
# <a xlink:href> or <image href> in a chart's SVG).
POINTING = """() => Array.from(document.querySelectorAll('*')).flatMap(e =>
  ['src', 'href', 'xlink:href', 'srcset', 'poster', 'data', 'action']
    .map(a => e.getAttribute(a)).filter(v => v && v.includes('evil.example'))
    .map(v => e.tagName + ' ' + v))"""
ICONS = "() => Array.from(document.querySelectorAll('link[rel*=icon]')).map(l => l.href)"
SHOWN_TEXT = "() => document.body.innerText.replaceAll('\\u2060', '')"


def _visit(p, base: str, path: str, query: str = "dia_ban=692") -> None:
    p.page.goto(f"{base}/{'' if path == 'tong_quan' else path}?{query}")
    main = p.page.get_by_test_id("stMain")
    expect(main.locator("h1").first).to_be_visible(timeout=30_000)
    # Streamlit shows its status widget (Stop) while the page's script runs: wait for the end
    expect(p.page.get_by_test_id("stStatusWidget")).to_have_count(0)
    expect(main.get_by_test_id("stException")).to_have_count(0)
    p.page.wait_for_function(CHARTS_DRAWN)
    p.page.wait_for_load_state("networkidle")


def test_hostile_text_is_shown_as_written_and_fetches_nothing(hostile_server, desktop):
    _visit(desktop, hostile_server, "tong_quan")
    main = desktop.page.get_by_test_id("stMain")
    main.get_by_text("Số liệu có lưu ý từ kiểm tra chất lượng").click()
    expect(main.get_by_text("Số người từ 8 tuổi đến 60 tuổi").first).to_be_visible()
    shown = desktop.page.evaluate(SHOWN_TEXT)
    assert EVIL_HEADER in shown and EVIL_UNIT in shown
    assert desktop.page.evaluate(POINTING) == []
    for path, query in [(p, "dia_ban=692") for p in PATHS] + [("chi_tiet_xa", "xa=25273")]:
        _visit(desktop, hostile_server, path, query)
        assert desktop.page.evaluate(POINTING) == [], path
        icons = desktop.page.evaluate(ICONS)  # the page icon is ours, served from here
        assert icons and all(i.startswith(hostile_server) for i in icons), icons
    # the drill-down's header, which a busy machine may draw after the title
    desktop.page.wait_for_function(f"(unit) => ({SHOWN_TEXT})().includes(unit)", arg=EVIL_UNIT)
    assert desktop.blocked == []


def test_tables_offer_only_our_escaped_download(server, desktop):
    _visit(desktop, server, "tong_quan")
    # the league is a plain table (ui/print_css): text and no button of its own, even on hover
    # (a grid's toolbar, hidden too: test_entry_browser.py); «Tải bảng (.csv)» is ours.
    table = desktop.page.locator(f".{PLAIN_CLASS}").first
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(16)
    table.hover()
    expect(table.get_by_role("button")).to_have_count(0)
    expect(desktop.page.get_by_test_id("stElementToolbar").first).to_be_hidden()
    expect(desktop.page.get_by_test_id("stDownloadButton").filter(
        has_text="Tải bảng (.csv)")).to_have_count(1)
