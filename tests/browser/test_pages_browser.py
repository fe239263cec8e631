"""Real-browser journeys: each page opens offline on a phone with the bundled figures in
Vietnamese formats, and a click on a commune on the map or on the overview's league bars opens
its drill-down (that no request
leaves this machine on any page: test_no_english_browser.py). Screenshots go to
tests/browser/screenshots/ (git-ignored) for a person to look at."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.charts import CHARTS_DRAWN
from tests.browser.page_figures import FIGURES, expect_figures
from ui.vega import ROW_BANDS

pytestmark = pytest.mark.slow  # a dashboard server and Chromium


def _open(p, base, path, query="dia_ban=692"):
    p.page.goto(f"{base}/{path}?{query}")
    expect(p.page.get_by_test_id("stMain").locator("h1").first).to_be_visible(timeout=30_000)


# On a computer's screen the same figures are read by test_no_english_browser.py, in the same
# load that reads its words.
@pytest.mark.parametrize("path", list(FIGURES), ids=[p or "tong_quan" for p in FIGURES])
def test_page_shows_its_figures_on_a_phone(server, phone, path):
    _open(phone, server, path)
    expect_figures(phone.page, path)
    phone.shot(f"{path or 'tong_quan'}-phone")


def test_overview_marks_low_uptake_communes(server, desktop):
    _open(desktop, server, "")
    alert = desktop.page.get_by_test_id("stAlertContentError").first
    expect(alert).to_contain_text("7 đơn vị tham gia thấp")
    for name in ("Lộc Hòa", "Lộc Khánh", "Lộc Thiện"):
        expect(alert).to_contain_text(name)


def test_a_click_on_a_league_row_opens_the_drill_down(server, desktop):
    _open(desktop, server, "")
    # the league's bars (ui/vega.participation_bars): Lộc Hòa's, named by its hover, is a pixel
    # or two wide (0,12%); a person clicks its row, well to the right of the bar
    bar = desktop.page.locator("[data-testid='stVegaLiteChart'] g.mark-rect.role-mark path"
                               "[aria-label*='Lộc Hòa –']")
    expect(bar).to_have_count(1)
    expect(desktop.page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning")
    desktop.page.wait_for_function(CHARTS_DRAWN)  # nothing above moves the chart any more
    bar.scroll_into_view_if_needed()
    drawn = bar.bounding_box()  # where the page is scrolled to now, as the mouse sees it
    assert drawn["width"] < 5, drawn
    plot = desktop.page.locator("[data-testid='stVegaLiteChart'] g.mark-rect.role-mark"
                                f".{ROW_BANDS}_marks").bounding_box()
    desktop.page.mouse.click(plot["x"] + plot["width"] * 0.6, drawn["y"] + drawn["height"] / 2)
    main = desktop.page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Chi tiết xã", exact=True)).to_be_visible()
    expect(main.get_by_role("heading", name="Lộc Hòa")).to_be_visible()
    assert "xa=25273" in desktop.page.url
    desktop.shot("chi_tiet_xa-loc-hoa-from-league")


# The bubble map's marks (Vega-Lite, SVG: ui/maps.bubble_map): a bubble per commune, each
# named by its aria-label (its hover's «Đơn vị: …»), drawn big-first so that the small ones on
# top can be clicked; DOM order is not the registry's.
MAP = ".st-key-bubble_map"
BUBBLES = "[data-testid='stVegaLiteChart']:visible g.mark-symbol.role-mark path"
UNIT_NAMES = r"/Đơn vị: ([^;]+)/"


def _bubble(page, name: str):
    return page.locator(f"{BUBBLES}[aria-label*='Đơn vị: {name};']")


def test_map_draws_every_commune_offline_and_a_click_opens_the_drill_down(server, desktop):
    _open(desktop, server, "ban_do")
    points = desktop.page.locator(BUBBLES)
    expect(points).to_have_count(16)
    names = points.evaluate_all(f"ps => ps.map(p => (p.getAttribute('aria-label') || '')"
                                f".match({UNIT_NAMES})?.[1])")
    assert len(set(names)) == 16 and None not in names and "Lộc Hòa" in names, names
    desktop.shot("ban_do-before-click")
    # Lộc Hòa's bubble, found by the unit its hover names; the click lands where Playwright
    # finds it on top (a bubble under another, or under a label taking clicks, fails here).
    bubble = _bubble(desktop.page, "Lộc Hòa")
    expect(bubble).to_have_count(1)
    expect(desktop.page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning")
    bubble.click()
    main = desktop.page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Chi tiết xã", exact=True)).to_be_visible()
    expect(main.get_by_role("heading", name="Lộc Hòa")).to_be_visible()
    expect(main.get_by_text("Đơn vị tham gia thấp")).to_be_visible()
    assert "xa=25273" in desktop.page.url
    desktop.shot("chi_tiet_xa-loc-hoa-from-map")


# The map's box on a computer scrolls sideways (ui/bubble_map.py): it holds more than it
# shows, lets its content scroll (overflow-x auto or scroll) and does scroll when told to.
SCROLLS_SIDEWAYS = """box => {
  const style = getComputedStyle(box).overflowX, wider = box.scrollWidth > box.clientWidth;
  box.scrollLeft = 40;
  const moved = box.scrollLeft > 0;
  box.scrollLeft = 0;
  return {style, wider, moved};
}"""


def test_a_computer_gets_one_map_and_a_phone_its_own(server, desktop, phone):
    charts = f"{MAP} [data-testid='stVegaLiteChart']"
    _open(desktop, server, "ban_do")
    expect(desktop.page.locator(BUBBLES)).to_have_count(16)
    expect(desktop.page.locator(charts)).to_have_count(1)  # no hidden phone copy drawn
    expect(desktop.page.locator(f"{MAP}_wide {BUBBLES}")).to_have_count(16)
    # in a window narrower than the map, the map keeps its width and its box scrolls sideways
    # while the page itself does not
    desktop.page.set_viewport_size({"width": 560, "height": 768})
    main = desktop.page.get_by_test_id("stMain")
    desktop.page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stMain\"]').clientWidth <= 560")
    box = desktop.page.locator(f"{MAP}_wide")
    assert box.bounding_box()["width"] < 560
    assert desktop.page.locator(charts).bounding_box()["width"] >= 660
    assert desktop.page.locator(f"{charts} svg.marks").bounding_box()["width"] >= 660
    scroll = box.evaluate(SCROLLS_SIDEWAYS)
    assert scroll["wider"] and scroll["moved"] and scroll["style"] in ("auto", "scroll"), scroll
    assert main.evaluate("e => e.scrollWidth <= e.clientWidth")
    desktop.shot("ban_do-narrow-window")
    _open(phone, server, "ban_do")
    expect(phone.page.locator(charts)).to_have_count(2)
    shown = phone.page.locator(f"{charts}:visible")
    expect(shown).to_have_count(1)
    expect(phone.page.locator(f"{MAP}_phone {BUBBLES}")).to_have_count(16)
    assert shown.bounding_box()["width"] <= 390
    # nothing of it (its note over the map too) makes the phone's page scroll sideways
    assert phone.page.get_by_test_id("stMain").evaluate("e => e.scrollWidth <= e.clientWidth")


def test_group_filter_changes_the_overview(server, desktop):
    _open(desktop, server, "", "dia_ban=692&nhom=2")
    metrics = desktop.page.get_by_test_id("stMetricValue")
    expect(metrics.nth(1)).to_have_text("446")  # Nhóm II printed: 256 Đạt + 190 Chưa đạt
    expect(metrics.nth(2)).to_have_text("256")


def test_pilot_commune_shows_bands_and_party_members(server, desktop):
    _open(desktop, server, "chi_tiet_xa", "dia_ban=L-QP&xa=L-QP")
    main = desktop.page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Quảng Phú").first).to_be_visible(timeout=30_000)
    expect(main.get_by_text("Đảng viên được công nhận: 31 người")).to_be_visible()
    desktop.shot("chi_tiet_xa-quang-phu")


def test_a_marked_figure_links_to_its_finding(server, desktop):
    _open(desktop, server, "chi_tiet_xa", "dia_ban=692&xa=25273")
    main = desktop.page.get_by_test_id("stMain")
    expect(main.get_by_text("Tỉ lệ tham gia ⚠")).to_be_visible()
    # as a person does, once the page has drawn: a link clicked while the page's script still
    # runs was seen lost on a loaded machine (the page stayed on «Chi tiết xã»)
    expect(desktop.page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=30_000)
    main.get_by_text("Số liệu có lưu ý từ kiểm tra chất lượng").click()
    main.get_by_role("link", name="Xem phát hiện").first.click()
    expect(main.get_by_role("heading", name="Chất lượng dữ liệu", exact=True)).to_be_visible()
    picked = main.get_by_role("combobox", name="Xem các ô của một phát hiện")
    expect(picked).to_have_value(re.compile("Dòng «Lộc Hòa», cột 1 in 5.482"))
    desktop.shot("chat_luong_du_lieu-from-loc-hoa")


# Each tab of «Nhóm đối tượng» with a chart, with a figure it draws as text (SVG): Lộc Tấn's
# farmers 60 / 603 in the heat map; the counts' axis reaching 1.000 (Lộc Thịnh's farmers).
GROUP_CHART_TABS = [("Tỉ lệ Đạt theo nhóm", "63,69%"), ("Theo đơn vị và nhóm", "60/603"),
                    ("Đạt và Chưa đạt theo đơn vị", "1.000")]


@pytest.mark.parametrize("tab, figure", GROUP_CHART_TABS, ids=["rates", "heat_map", "counts"])
def test_every_group_chart_draws(server, desktop, tab, figure):
    _open(desktop, server, "nhom_doi_tuong")
    main = desktop.page.get_by_test_id("stMain")
    main.get_by_role("tab", name=tab).click()
    chart = main.locator("[data-testid='stVegaLiteChart']:visible")
    expect(chart).to_have_count(1, timeout=30_000)
    desktop.page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    expect(chart.locator("svg text", has_text=figure).first).to_be_visible()
    assert chart.bounding_box()["height"] > 250  # drawn, not an empty box
    assert "Lộc Tấn" in chart.inner_text() or tab == GROUP_CHART_TABS[0][0]
    desktop.shot(f"nhom_doi_tuong-{tab}")
