"""The presenter view in a real browser at 1920 × 1080, offline: no sidebar or chrome, type of
at least 28 px, the keys of a presenter's clicker step through the slides, a screenshot of
each slide under tests/browser/screenshots/ for a person to look at."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.charts import CHARTS, CHARTS_DRAWN
from tests.english import english_words, page_text
from ui.print_css import PLAIN_CLASS

pytestmark = pytest.mark.slow  # a dashboard server and Chromium

SCREENSHOTS = Path(__file__).parent / "screenshots"

TITLES = ["Kết quả chính", "Tiến độ so với chỉ tiêu", "Đơn vị tham gia thấp nhất",
          "Kết quả theo nhóm đối tượng", "Bản đồ tham gia", "Việc cần làm tiếp"]
# The smallest computed font size of any visible text in the main area.
SMALLEST_TEXT = """() => Math.min(...[...document.querySelectorAll(
  '[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] button, .slide div')]
  .filter(e => e.checkVisibility() && e.innerText.trim())
  .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
# Every text of the charts on screen (ticks, labels, titles, legends: Vega-Lite's SVG text;
# a label of two lines is one <text> of two <tspan>s, sized on the <text>).
SMALLEST_CHART_TEXT = """() => Math.min(...[...document.querySelectorAll(
  '""" + CHARTS + """ svg text')]
  .filter(e => e.textContent.trim())
  .map(e => parseFloat(e.style.fontSize || getComputedStyle(e).fontSize)))"""
CHART_TEXTS = """() => document.querySelectorAll('""" + CHARTS + """ svg text').length"""



# The page's script has finished its run (a key pressed during a run is the next run's).
IDLE = """() => document.querySelector('[data-testid="stApp"]')
  ?.dataset.testScriptState === 'notRunning'"""


def _title(p):
    return p.page.locator(".slide h1").first


def test_every_slide_is_legible_and_the_keys_step_through_them(server, projector):
    page = projector.page
    page.goto(f"{server}/?dia_ban=692&ky=2024-09-30&trinh_chieu=1")
    expect(_title(projector)).to_have_text(TITLES[0])
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    assert page.evaluate("document.documentElement.lang") == "vi"
    keys = ["ArrowRight", "PageDown", " ", "ArrowRight", "PageDown"]
    for number, title in enumerate(TITLES, start=1):
        expect(_title(projector)).to_have_text(title)
        expect(page.get_by_text(f"Trang {number}/{len(TITLES)}")).to_be_visible()
        assert page.evaluate(SMALLEST_TEXT) >= 28, title
        if page.locator(CHARTS).count():
            page.wait_for_function(CHARTS_DRAWN)
            page.wait_for_function(f"() => ({CHART_TEXTS})() > 0")
            assert page.evaluate(SMALLEST_CHART_TEXT) >= 28, title
        assert english_words(page_text(page)) == [], title
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(projector_shot(number)))
        if number < len(TITLES):
            page.wait_for_function(IDLE)
            page.keyboard.press(keys[number - 1])
    assert f"trang={len(TITLES)}" in page.url
    page.wait_for_function(IDLE)
    page.keyboard.press("ArrowLeft")
    expect(_title(projector)).to_have_text(TITLES[-2])
    page.wait_for_function(IDLE)
    page.keyboard.press("PageUp")
    expect(_title(projector)).to_have_text(TITLES[-3])
    assert projector.blocked == []


def test_the_filters_and_the_slide_come_from_the_url(server, projector):
    page = projector.page
    page.goto(f"{server}/ban_do?dia_ban=692&ky=2024-09-30&nhom=2&trinh_chieu=1&trang=1")
    expect(_title(projector)).to_have_text(TITLES[0])
    expect(page.locator(".slide .where").first).to_contain_text("Công nhân")
    expect(page.locator(".slide .value").nth(2)).to_have_text("256")  # Nhóm II printed Đạt
    page.goto(f"{server}/?dia_ban=692&ky=2024-09-30&trinh_chieu=1&trang=5")
    expect(_title(projector)).to_have_text("Bản đồ tham gia")
    labels = page.locator(f"{CHARTS} {MAP_LABELS}")
    expect(labels.first).to_be_visible()
    assert any("29,74%" in t for t in labels.all_text_contents())


# The page's own scrolling (Streamlit scrolls its main area, not the document) and the
# document's, against the screen's height and width.
SCROLL = """() => ({main: document.querySelector('[data-testid="stMain"]').scrollHeight,
  view: document.querySelector('[data-testid="stMain"]').clientHeight,
  document: document.documentElement.scrollHeight, screen: innerHeight,
  main_across: document.querySelector('[data-testid="stMain"]').scrollWidth,
  view_across: document.querySelector('[data-testid="stMain"]').clientWidth,
  document_across: document.documentElement.scrollWidth, screen_across: innerWidth})"""
# The default view (Lộc Ninh, its latest period: six slides) and the Quảng Phú pilot (three
# groups, no population and one commune: no target chart, map or lowest units, four slides).
VIEWS = {"loc_ninh": ("", TITLES),
         "quang_phu": ("dia_ban=L-QP&", ["Kết quả chính", "Tiến độ so với chỉ tiêu",
                                         "Kết quả theo nhóm đối tượng", "Việc cần làm tiếp"])}


@pytest.mark.parametrize("view", list(VIEWS))
def test_every_slide_fits_the_screen_without_scrolling(server, projector, view):
    query, titles = VIEWS[view]
    page = projector.page
    for number, title in enumerate(titles, start=1):
        page.goto(f"{server}/?{query}trinh_chieu=1&trang={number}")
        expect(_title(projector)).to_have_text(title)
        expect(page.get_by_text(f"Trang {number}/{len(titles)}")).to_be_visible()
        page.wait_for_function(CHARTS_DRAWN)
        page.wait_for_load_state("networkidle")
        size = page.evaluate(SCROLL)
        assert size["main"] <= size["view"] and size["document"] <= size["screen"], (title, size)
        assert (size["main_across"] <= size["view_across"]
                and size["document_across"] <= size["screen_across"]), (title, size)
        assert page.evaluate(SMALLEST_TEXT) >= 28, title
        if page.locator(CHARTS).count():
            assert page.evaluate(SMALLEST_CHART_TEXT) >= 28, title
        page.screenshot(path=str(SCREENSHOTS / f"trinh_chieu-{view}-{number}.png"))
    assert projector.blocked == []


def test_axis_numbers_are_written_the_vietnamese_way(server, desktop):
    # «Nhóm đối tượng»: the counts per unit reach 1.000 on the axis (Lộc Ninh's farmers)
    desktop.page.goto(f"{server}/nhom_doi_tuong?dia_ban=692")
    desktop.page.get_by_role("tab", name="Đạt và Chưa đạt theo đơn vị").click()
    # the counts chart drawn (Vega-Lite, SVG): a label per unit across, the counts up the side
    labels = "[data-testid='stVegaLiteChart'] g.role-axis-label text"
    desktop.page.wait_for_function(
        f"() => document.querySelectorAll(\"{labels}\").length > 18")
    ticks = desktop.page.locator(labels).all_text_contents()
    assert "1.000" in ticks and "1000" not in ticks and not any(t.endswith("k") for t in ticks)


def projector_shot(number: int) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS / f"trinh_chieu-{number}.png"


# The bubble map's labels and bubbles (Vega-Lite's SVG, ui/maps.bubble_map): the text marks
# of the data (not the legend's or the title's), the symbol marks.
MAP_LABELS = "svg.marks g.mark-text.role-mark text"
MAP_BUBBLES = "svg.marks g.mark-symbol.role-mark path"
# The drawn map of the chart on screen, in the page's pixels: the plot area (the background of
# Vega's root group: the spec's width × height, past its padding and its title), the colour
# legend, each label's text box and its lines, each bubble (centre; radius to the outer edge
# of its outline, half the stroke past the path, as ui/maps.py keeps labels off it; the unit
# its aria-label names).
MAP_DRAWN = """() => {
  const chart = [...document.querySelectorAll('""" + CHARTS + """')]
    .find(c => c.checkVisibility() && c.querySelector('""" + MAP_BUBBLES + """'));
  const box = e => { const r = e.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  return {
    plot: box(chart.querySelector('svg.marks g.role-frame.root > g > path.background')),
    legend: box(chart.querySelector('svg.marks g.role-legend')),
    labels: [...chart.querySelectorAll('""" + MAP_LABELS + """')].map(t => ({
      text: t.textContent, ...box(t),
      lines: t.querySelector('tspan') ? [...t.querySelectorAll('tspan')].map(s => s.textContent)
                                      : [t.textContent]})),
    bubbles: [...chart.querySelectorAll('""" + MAP_BUBBLES + """')].map(p => {
      const r = box(p), across = p.getBBox().width;
      const scale = across ? (r.right - r.left) / across : 1;
      const name = (p.getAttribute('aria-label') || '').match(/Đơn vị: ([^;]+)/);
      return {name: name && name[1], x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2,
              r: (r.right - r.left) / 2
                 + scale * parseFloat(p.getAttribute('stroke-width') || 0) / 2}; }),
  };
}"""


def _map_is_legible(p, name: str, placed_at_least: int = 16) -> dict:
    """Every label of the map on screen inside the plot, clear of every other label and of
    every bubble (its drawn text box, as the browser measures it, and the bubble with its
    outline), Lộc Thịnh's "29,74%" with its comma on the line under its name. The map as
    drawn (MAP_DRAWN)."""
    chart = p.page.locator(f"{CHARTS}:visible").filter(
        has=p.page.locator(MAP_BUBBLES)).first
    expect(chart.locator(MAP_LABELS).first).to_be_visible()
    p.page.wait_for_load_state("networkidle")
    drawn = p.page.evaluate(MAP_DRAWN)
    labels, plot = drawn["labels"], drawn["plot"]
    assert len(drawn["bubbles"]) == 16 and len(labels) >= placed_at_least, name
    assert len({b["name"] for b in drawn["bubbles"]} - {None}) == 16, (name, drawn["bubbles"])
    assert plot["right"] - plot["left"] > 300 and plot["bottom"] - plot["top"] > 300, (name, plot)
    # 1.056 / 3.551; a label's lines are <tspan>s, so its textContent runs them together
    assert any(t["lines"] == ["Lộc Thịnh", "29,74%"] and t["text"] == "Lộc Thịnh29,74%"
               for t in labels), name
    for t in labels:
        assert (plot["left"] <= t["left"] and t["right"] <= plot["right"]
                and plot["top"] <= t["top"] and t["bottom"] <= plot["bottom"]), (name, t)
        for b in drawn["bubbles"]:
            near_x = min(max(b["x"], t["left"]), t["right"])
            near_y = min(max(b["y"], t["top"]), t["bottom"])
            assert (near_x - b["x"]) ** 2 + (near_y - b["y"]) ** 2 >= b["r"] ** 2, (name, t, b)
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            apart = (a["right"] <= b["left"] or b["right"] <= a["left"]
                     or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])
            assert apart, (name, a["text"], b["text"])
    chart.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    return drawn


def test_map_labels_never_overlap_on_the_slide_the_page_and_a_phone(server, projector, phone):
    page = projector.page
    page.goto(f"{server}/?dia_ban=692&ky=2024-09-30&trinh_chieu=1&trang=5")
    expect(_title(projector)).to_have_text("Bản đồ tham gia")
    slide = _map_is_legible(projector, "labels-slide")
    # the colour scale beside the map on the wide slide (ui/presenter.py)
    assert slide["legend"]["left"] >= slide["plot"]["right"] - 1, slide["legend"]
    page.goto(f"{server}/ban_do?dia_ban=692")
    _map_is_legible(projector, "labels-ban_do-1920")
    phone.page.goto(f"{server}/ban_do?dia_ban=692")
    # a phone's map of its own (ui/bubble_map.py): one label may be left out for want of room
    drawn = _map_is_legible(phone, "labels-ban_do-phone", placed_at_least=15)
    chart = phone.page.locator(f"{CHARTS}:visible").first
    assert chart.bounding_box()["width"] <= 390
    bar, plot = drawn["legend"], drawn["plot"]
    assert bar["top"] >= plot["bottom"] - 1, (bar, plot)  # the colour scale under the map
    assert projector.blocked == [] and phone.blocked == []


def test_the_league_table_shows_every_unit_without_an_inner_scroll(server, desktop):
    desktop.page.goto(f"{server}/?dia_ban=692")
    table = desktop.page.locator(f".{PLAIN_CLASS}").first  # a plain table (ui/print_css)
    expect(table.locator("tbody tr")).to_have_count(16)
    # every commune's row within the table's own box: nothing hidden behind an inner scroll
    # (both read in one frame: the charts above may still move the table while they draw)
    inside = table.evaluate("""t => {
      const box = t.getBoundingClientRect();
      const last = t.querySelector('tbody tr:last-child').getBoundingClientRect();
      return [last.bottom <= box.bottom + 1, t.scrollHeight <= t.clientHeight + 1, last.height];
    }""")
    assert inside[:2] == [True, True] and inside[2] > 0, inside
