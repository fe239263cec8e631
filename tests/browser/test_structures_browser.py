"""In a real browser, on the bundled store plus the SYNTHETIC (labelled) 31/12/2025 tables of the
7 new communes: the dashboard opens on the present, the sidebar switches the unit structure
and the area follows, partial units are marked, and the map places the new communes."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.slow  # a dashboard server and Chromium


def _caption(p):
    return p.page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first


def test_opens_on_the_new_units_and_switches_to_the_old_ones(server_2025, desktop):
    desktop.page.goto(server_2025)
    expect(_caption(desktop)).to_contain_text("Tỉnh Đồng Nai", timeout=30_000)
    expect(_caption(desktop)).to_contain_text("31/12/2025")
    desktop.shot("structures-2025-new-units")
    sidebar = desktop.page.get_by_test_id("stSidebar")
    box = sidebar.get_by_test_id("stSelectbox").filter(has_text="Đơn vị hành chính")
    box.click()
    desktop.page.get_by_role("option", name="Đơn vị trước 1/7/2025").click()
    expect(_caption(desktop)).to_contain_text("Huyện Lộc Ninh", timeout=30_000)
    main = desktop.page.get_by_test_id("stMain")
    expect(main.get_by_text("Số liệu một phần của huyện Lộc Ninh", exact=False)).to_be_visible()
    assert "don_vi=pre2025" in desktop.page.url
    desktop.shot("structures-2025-old-units")
    assert desktop.blocked == []


def test_2024_in_the_new_units_marks_the_partial_commune(server_2025, desktop):
    desktop.page.goto(f"{server_2025}/?dia_ban=692&ky=2024-09-30&don_vi=post2025")
    expect(_caption(desktop)).to_contain_text("Tỉnh Đồng Nai", timeout=30_000)
    main = desktop.page.get_by_test_id("stMain")
    expect(main.get_by_text("cộng gộp", exact=False).first).to_be_visible()
    chart = main.get_by_test_id("stVegaLiteChart").nth(1)  # the league bars
    expect(chart).to_contain_text("Tân Tiến (◐ một phần)")
    desktop.shot("structures-2024-new-units")
    assert desktop.blocked == []


def test_the_map_draws_the_seven_new_communes(server_2025, desktop):
    desktop.page.goto(f"{server_2025}/ban_do")
    # a bubble per commune (Vega-Lite's symbol marks), each named by its aria-label
    points = desktop.page.locator(
        "[data-testid='stVegaLiteChart']:visible g.mark-symbol.role-mark path")
    expect(points).to_have_count(7, timeout=30_000)
    names = points.evaluate_all(
        "ps => ps.map(p => (p.getAttribute('aria-label') || '').match(/Đơn vị: ([^;]+)/)?.[1])")
    assert len(set(names)) == 7 and None not in names, names
    expect(desktop.page.get_by_text("Vị trí gần đúng", exact=False)).to_be_visible()
    desktop.shot("structures-2025-map")
    assert desktop.blocked == []
