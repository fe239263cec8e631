"""Real-browser journeys: each page opens offline, shows the bundled figures in Vietnamese
formats, and a click on a commune on the map opens its drill-down. Screenshots go to
tests/browser/screenshots/ (git-ignored) for a person to look at."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.slow  # a dashboard server and Chromium

# Printed figures (data/sources/*.csv) or worked out from them: 3.523 / 5.049 = 69,776…%; the
# groups' Đạt / (Đạt + Chưa đạt) 2.133 / 3.349, 256 / 446, 854 / 949, 280 / 305; the quality
# page's 234 checks, 17 findings and score 100 × 476 / 516 = 92,2 as tests/app/test_quality_page.py
# works them out rule by rule.
PAGES = [
    ("", "Tổng quan", ["5.140", "5.049", "3.523", "69,78%", "5,62%"]),
    ("ban_do", "Bản đồ", ["Lộc Hòa"]),
    ("nhom_doi_tuong", "Nhóm đối tượng", ["63,69%", "57,40%", "89,99%", "91,80%"]),
    ("chi_tiet_xa", "Chi tiết xã", ["1.329", "16,70%"]),
    ("xep_loai_diem", "Xếp loại điểm", ["chưa có số liệu theo mức điểm"]),
    ("chat_luong_du_lieu", "Chất lượng dữ liệu", ["92,2", "234", "17 phát hiện"]),
    ("dinh_nghia", "Định nghĩa", ["Tham gia thấp", "Bộ tiêu chí theo Quyết định 324/QĐ-KHVN"]),
    # ⌈40% × 91.443⌉ − 3.523 = 33.055, ⌈60% × 91.443⌉ − 3.523 = 51.343 (test_plan_app.py)
    ("ke_hoach", "Kế hoạch vận động", ["33.055 người", "51.343 người", "91.443"]),
]


def _open(p, base, path, query="dia_ban=692"):
    p.page.goto(f"{base}/{path}?{query}")
    expect(p.page.get_by_test_id("stMain").locator("h1").first).to_be_visible(timeout=30_000)


@pytest.mark.parametrize("path,title,texts", PAGES, ids=[p[0] or "tong_quan" for p in PAGES])
def test_page_shows_its_figures_offline(server, desktop, phone, path, title, texts):
    for p, size in ((desktop, "desktop"), (phone, "phone")):
        _open(p, server, path)
        main = p.page.get_by_test_id("stMain")
        expect(main.get_by_role("heading", name=title, exact=True).first).to_be_visible(
            timeout=30_000)
        for text in texts:
            # the shown one: «Bản đồ» holds a computer's map and a phone's, one of them hidden
            expect(main.get_by_text(text, exact=False).filter(visible=True).first).to_be_visible()
        expect(main.get_by_test_id("stException")).to_have_count(0)
        p.shot(f"{path or 'tong_quan'}-{size}")


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


def test_nothing_was_fetched_from_outside(server, desktop):
    for path, _, _ in PAGES:
        _open(desktop, server, path)
        expect(desktop.page.get_by_test_id("stMain").get_by_role("heading").first).to_be_visible(
            timeout=30_000)
    # Requests off localhost are aborted and recorded: none was even attempted.
    assert desktop.blocked == []


def test_a_marked_figure_links_to_its_finding(server, desktop):
    _open(desktop, server, "chi_tiet_xa", "dia_ban=692&xa=25273")
    main = desktop.page.get_by_test_id("stMain")
    expect(main.get_by_text("Tỉ lệ tham gia ⚠")).to_be_visible()
    main.get_by_text("Số liệu có lưu ý từ kiểm tra chất lượng").click()
    main.get_by_role("link", name="Xem phát hiện").first.click()
    expect(main.get_by_role("heading", name="Chất lượng dữ liệu", exact=True)).to_be_visible()
    picked = main.get_by_role("combobox", name="Xem các ô của một phát hiện")
    expect(picked).to_have_value(re.compile("Dòng «Lộc Hòa», cột 1 in 5.482"))
    desktop.shot("chat_luong_du_lieu-from-loc-hoa")
