"""Real-browser journeys: each page opens offline on a phone with the bundled figures in
Vietnamese formats, and a click on a commune on the map opens its drill-down (that no request
leaves this machine on any page: test_no_english_browser.py). Screenshots go to
tests/browser/screenshots/ (git-ignored) for a person to look at."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.charts import CHARTS_DRAWN
from tests.browser.page_figures import FIGURES, expect_figures

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


def test_map_draws_every_commune_offline_and_a_click_opens_the_drill_down(server, desktop):
    _open(desktop, server, "ban_do")
    points = desktop.page.locator("[data-testid='stPlotlyChart']:visible .scatterlayer path.point")
    expect(points).to_have_count(16)
    desktop.shot("ban_do-before-click")
    # Plotly takes clicks on its drag layer and picks the nearest point, so click where the
    # bubble is rather than on its SVG path.
    box = points.nth(1).bounding_box()  # Lộc Hòa, second in the registry's order
    desktop.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    main = desktop.page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Chi tiết xã", exact=True)).to_be_visible()
    expect(main.get_by_role("heading", name="Lộc Hòa")).to_be_visible()
    expect(main.get_by_text("Đơn vị tham gia thấp")).to_be_visible()
    assert "xa=25273" in desktop.page.url
    desktop.shot("chi_tiet_xa-loc-hoa-from-map")


def test_a_computer_gets_one_map_and_a_phone_its_own(server, desktop, phone):
    charts = "[data-testid='stPlotlyChart']"
    _open(desktop, server, "ban_do")
    expect(desktop.page.locator(f"{charts} .scatterlayer path.point")).to_have_count(16)
    expect(desktop.page.locator(charts)).to_have_count(1)  # no hidden phone copy drawn
    # in a window narrower than the map, the map keeps its width and its box scrolls sideways
    desktop.page.set_viewport_size({"width": 560, "height": 768})
    box = desktop.page.locator(".st-key-bubble_map_wide [data-testid='stElementContainer']")
    desktop.page.wait_for_function(  # plotly has drawn the map at its box's width
        f"() => document.querySelector(\"{charts} .main-svg\").getBoundingClientRect().width"
        f" === document.querySelector(\"{charts}\").getBoundingClientRect().width")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    assert desktop.page.locator(charts).first.bounding_box()["width"] >= 660
    desktop.shot("ban_do-narrow-window")
    _open(phone, server, "ban_do")
    expect(phone.page.locator(charts)).to_have_count(2)
    shown = phone.page.locator(f"{charts}:visible")
    expect(shown).to_have_count(1)
    assert shown.bounding_box()["width"] <= 390


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
