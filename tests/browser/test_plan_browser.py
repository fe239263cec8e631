"""«Kế hoạch vận động» in a real browser, offline: the area's distances to both horizons, then
in the what-if's tab the slider moved from the keyboard changes the distance to 2025. The
screenshots go to tests/browser/screenshots/ for a person to look at."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.slow  # a dashboard server and Chromium

# ⌈40% × 91.443⌉ − 3.523 = 33.055 and ⌈60% × 91.443⌉ − 3.523 = 51.343 (tests/app/test_plan_app.py)
NOW_2025, NOW_2030 = "33.055 người", "51.343 người"


def test_moving_the_what_if_slider_changes_the_distance(server, desktop):
    page = desktop.page
    page.goto(f"{server}/ke_hoach?dia_ban=692&ky=2024-09-30")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Kế hoạch vận động", exact=True)).to_be_visible()
    values = main.get_by_test_id("stMetricValue")
    expect(values).to_have_text([NOW_2025, NOW_2030])
    desktop.shot("ke_hoach-desktop")

    # the what-if's tab, clicked; then its pass rate slider (0: no change), moved by keyboard as
    # a person tabbing to it would: End takes it to 100%
    main.get_by_role("tab", name="Giả định: nếu …").click()
    thumb = main.get_by_test_id("stSlider").get_by_role("slider")
    expect(thumb).to_have_attribute("aria-valuetext", "0")
    thumb.focus()
    thumb.press("End")
    expect(thumb).to_have_attribute("aria-valuetext", "100")
    # the what-if's figures: people gained, then each target's distance if so
    expect(main.get_by_text("Số người Đạt thêm")).to_be_visible()
    expect(values).to_have_count(5)
    after_2025 = values.nth(3).inner_text()
    assert after_2025.endswith(" người") and after_2025 != NOW_2025
    gained = int(values.nth(2).inner_text().removesuffix(" người").replace(".", ""))
    # the distance falls by the people gained
    assert int(after_2025.removesuffix(" người").replace(".", "")) == 33055 - gained > 0
    expect(main.get_by_test_id("stException")).to_have_count(0)
    assert desktop.blocked == []
    desktop.shot("ke_hoach-what-if")
