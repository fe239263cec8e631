"""Printing every page from the browser (Ctrl+P, here page.pdf on A4, print media) for the
bundled Lộc Ninh period: no sidebar or Streamlit chrome, every row of every table shown (as
many as the page's cdht_data.views function gives; a page with tabs shows and prints its open
tab), every chart within the page's width and on one page, the overview's 40% target line.
The PDF's pages go to tests/output_renders/ as PNG for a person to look at."""

import datetime as dt
import logging
import re
import subprocess

import pdfplumber
import pytest
from playwright.sync_api import expect

from cdht_data import store, views
from cdht_data.definitions import LowUptake
from cdht_data.keys import SEVERITIES
from cdht_data.plan_page import plan_page
from cdht_data.targets import POPULATION_8_60
from tests.browser.charts import CHARTS, CHARTS_DRAWN
from tests.paths import ROOT
from ui.print_css import COPY_CLASS, PLAIN_CLASS

pytestmark = pytest.mark.slow  # a dashboard server and Chromium
RENDERS = ROOT / "tests" / "output_renders"
logging.getLogger("pdfminer").setLevel(logging.ERROR)

AREA, AS_OF = "692", dt.date(2024, 9, 30)
PILOT = ("L-QP", dt.date(2021, 7, 31))  # the pilot commune: its score bands
A4 = {(595, 842), (596, 843)}  # 595,3 × 841,9 points; Chromium rounds up
MARGIN_PT = 12 / 25.4 * 72  # ui/print_css.py: @page margin 12 mm (top, bottom) 10 mm (sides)
SIDE_PT = 10 / 25.4 * 72
# The 16 communes of the printed report (000_*.txt).
UNITS = ["Thị trấn Lộc Ninh", "Lộc Hòa", "Lộc An", "Lộc Tấn", "Lộc Thạnh", "Lộc Hiệp",
         "Lộc Thiện", "Lộc Thuận", "Lộc Quang", "Lộc Phú", "Lộc Thành", "Lộc Thái", "Lộc Điền",
         "Lộc Hưng", "Lộc Thịnh", "Lộc Khánh"]
SIDEBAR_WORDS = ["Kỳ số liệu (tính đến ngày)", "Ngưỡng tham gia thấp"]
CHROME_WORDS = ["Deploy", "Tải bảng (.csv)", "Chuyển đến nội dung chính", "Nhập số liệu"]

# The page has drawn: the script has finished, no element is still a placeholder, every chart
# shown is on screen (the map's phone copy is hidden at a computer's width, and the reverse).
READY = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.dataset.testScriptState === 'notRunning'
    && document.querySelector('[data-testid="stMain"] h1')
    && !document.querySelector('[data-testid="stMain"] [data-testid="stSkeleton"]')
    && (""" + CHARTS_DRAWN + """)();
}"""
# Each chart gets a word of tiny white text as its first and its last line (cdhtchartNtop,
# cdhtchartNbottom, the last one at its right edge): both on one page of the PDF means the
# chart was not cut, and where the last one ends is where the chart ends. Returns how many.
MARK_CHARTS = """() => {
  const charts = [...document.querySelectorAll('""" + CHARTS + """')]
    .filter(e => e.checkVisibility());
  charts.forEach((chart, i) => ['top', 'bottom'].forEach(end => {
    const mark = document.createElement('div');
    mark.textContent = `cdhtchart${i}${end}`;
    mark.style.cssText = 'font-size: 4px; line-height: 4px; color: #fff; text-align: right;';
    end === 'top' ? chart.prepend(mark) : chart.append(mark);
  }));
  return charts.length;
}"""
# What paper shows of each table: a grid's printed copy, or the plain table itself (ui/print_css).
PRINTED_TABLES = f":is(.{COPY_CLASS}, .{PLAIN_CLASS}) table"
# Each row of each printed table gets a word of tiny white text in its first cell, cdhtrowTxR
# (table T, row R): the words found in the PDF are the rows printed. Returns each table's
# number of rows.
MARK_ROWS = """() => [...document.querySelectorAll('%s')].map((table, t) => {
  const rows = [...table.querySelectorAll('tbody tr')];
  rows.forEach((row, r) => {
    const mark = document.createElement('span');
    mark.textContent = `cdhtrow${t}x${r} `;
    mark.style.cssText = 'font-size: 4px; color: #fff;';
    row.querySelector('td, th').prepend(mark);
  });
  return rows.length;
})""" % PRINTED_TABLES
ROW_MARK = re.compile(r"cdhtrow(\d+)x(\d+)")


def _rows(path: str, con, tab: str | None, area: str, as_of: dt.date) -> list[int]:
    """The rows of each table the page prints with the tab `tab` open (None: the first), in its
    order, from the views it calls (the sidebar's defaults: no group, LowUptake(), the units in
    force)."""
    low = LowUptake()
    if path == "":
        return [len(views.overview(con, area, as_of, None, low, None).league)]
    if path == "ban_do":
        return [len(views.map_page(con, area, as_of, None, low, None).frame)]
    if path == "nhom_doi_tuong":  # the charts' tabs have no table
        g = views.groups_page(con, area, as_of, None, None)
        return [len(g.table), len(g.totals)] if tab == "Bảng số liệu" else []
    if path == "chi_tiet_xa":
        c = views.commune_page(con, area, as_of, None, low, None, None)
        return ([] if c.is_area else [len(c.comparison)]) + (
            [] if c.groups["assessed_count"].isna().all() else [len(c.groups)]) + (
            [] if c.figures.units.empty else [len(c.figures.units)]) + [len(c.history)]
    if path == "xep_loai_diem":
        b = views.bands_page(con, area, as_of, None, None)
        if not len(b.bands):
            return []  # Lộc Ninh: no bands
        return [len(b.bands)] + ([len(b.by_group)] if len(b.by_group) else [])  # pilot: no groups
    if path == "chat_luong_du_lieu":  # the findings and a finding's cells; a tab of scores
        q = views.quality_view(con, area, as_of, SEVERITIES, None)
        if tab == "Điểm chất lượng theo bảng":
            return [len(q.report.datasets)]
        return [len(q.findings), len(q.cells)] if len(q.findings) else []
    if path == "dinh_nghia":
        d = views.definitions_page(con)
        return [len(d.metrics), len(d.targets), *d.rulesets.groupby("ruleset_id", sort=False).size(),
                len(d.datasets)]
    if path == "ke_hoach":  # the units and a table per target; or one table per partner
        p = plan_page(con, area, as_of, None, POPULATION_8_60, low)
        if tab == "Theo đơn vị phối hợp":
            return [len(s.lines) for s in p.partners]
        return [len(p.status), *(len(t.units) for t in p.targets)]
    return []  # «Báo cáo cho cuộc họp»: its downloads only


# (path, title, a text the page prints, how many charts, the tab clicked before printing (None:
# the page as it opens)[, the area and period when not Lộc Ninh's]: a page prints what it
# shows, and shows only its open tab, ui.page.sections)
PAGES = [
    ("", "Tổng quan", "năm 2025: 40%", 2, None),  # the target lines' labels (targets.toml)
    ("ban_do", "Bản đồ", "Tỉ lệ tham gia (đăng ký / dân số 8–60)", 1, None),
    ("nhom_doi_tuong", "Nhóm đối tượng", "Tỉ lệ Đạt theo nhóm", 1, None),
    ("nhom_doi_tuong", "Nhóm đối tượng", "Đã đánh giá", 0, "Bảng số liệu"),
    ("chi_tiet_xa", "Chi tiết xã", "Qua các kỳ", 0, None),
    ("xep_loai_diem", "Xếp loại điểm", "chưa có số liệu theo mức điểm", 0, None),
    ("xep_loai_diem", "Xếp loại điểm", "Toàn xã Quảng Phú", 1, None, PILOT),  # Vega-Lite
    ("chat_luong_du_lieu", "Chất lượng dữ liệu", "17 phát hiện", 0, None),
    ("chat_luong_du_lieu", "Chất lượng dữ liệu", "Loại bảng", 0,
     "Điểm chất lượng theo bảng"),
    ("dinh_nghia", "Định nghĩa", "Bộ tiêu chí theo Quyết định 324/QĐ-KHVN", 0, None),
    ("bao_cao", "Báo cáo cho cuộc họp", "Dự thảo báo cáo", 0, None),
    ("ke_hoach", "Kế hoạch vận động", "còn thiếu", 0, None),
    ("ke_hoach", "Kế hoạch vận động", "Hội Nông dân", 0, "Theo đơn vị phối hợp"),
]


@pytest.mark.parametrize("path,title,text,charts,tab,where",
                         [(*p, (AREA, AS_OF))[:6] for p in PAGES],
                         ids=[(p[0] or "tong_quan") + (f"-{p[4]}" if p[4] else "")
                              + (f"-{p[5][0]}" if len(p) > 5 else "") for p in PAGES])
def test_page_prints_whole_on_a4(server, bundled_db, desktop, tmp_path, path, title, text, charts,
                                 tab, where):
    page = desktop.page
    area, as_of = where
    page.goto(f"{server}/{path}?dia_ban={area}&ky={as_of}")
    page.wait_for_function(READY, timeout=60_000)
    with store.reading(bundled_db) as con:
        rows = _rows(path, con, tab, area, as_of)
    if tab:  # clicked as a person does: the page runs again with that tab open
        page.get_by_role("tab", name=tab).click()
        expect(page.locator(PRINTED_TABLES)).to_have_count(len(rows), timeout=30_000)
        page.wait_for_function(READY, timeout=60_000)
    page.wait_for_load_state("networkidle")
    # on screen the sidebar is there (it may finish drawing just after the script has run)
    expect(page.get_by_test_id("stSidebar").get_by_text(SIDEBAR_WORDS[0]).first).to_be_visible()
    # as a person prints it: the text, and the pages as PNG to look at
    clean = tmp_path / "page.pdf"
    page.pdf(path=str(clean), format="A4", print_background=True)
    with pdfplumber.open(clean) as doc:
        assert {(round(float(p.width)), round(float(p.height))) for p in doc.pages} <= A4
        printed = "\n".join(p.extract_text() or "" for p in doc.pages)
        count = len(doc.pages)
    assert title in printed and text in printed
    if path == "":
        assert "năm 2030: 60%" in printed
    # a page may name another in quotes («Kế hoạch vận động» says where group sizes are
    # imported: «Nhập số liệu»); the sidebar's menu names it bare
    for word in SIDEBAR_WORDS + CHROME_WORDS:
        assert word not in printed.replace(f"«{word}»", ""), word
    if path == "":
        for unit in UNITS:
            assert unit in printed, unit
    RENDERS.mkdir(exist_ok=True)
    stem = f"print-{path or 'tong_quan'}" + ("-tab" if tab else "") \
        + (f"-{area}" if area != AREA else "")
    for old in RENDERS.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(clean), str(RENDERS / stem)], check=True,
                   timeout=120)
    pngs = sorted(RENDERS.glob(f"{stem}-*.png"))
    assert len(pngs) == count and all(p.stat().st_size > 5000 for p in pngs)

    # again with the charts' and rows' marks: where each chart and each row went
    assert page.evaluate(MARK_CHARTS) == charts
    assert page.evaluate(MARK_ROWS) == rows  # every row of every table, as paper shows it
    marked = tmp_path / "marked.pdf"
    page.pdf(path=str(marked), format="A4", print_background=True)
    with pdfplumber.open(marked) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
        ends = {}
        for number, p in enumerate(doc.pages):
            width = float(p.width)
            assert all(float(o["x1"]) <= width - SIDE_PT + 1 for o in p.chars + p.images)
            for word in p.extract_words():
                if word["text"].startswith("cdhtchart"):
                    ends.setdefault(word["text"], set()).add(number)
                    assert float(word["x1"]) <= width - SIDE_PT + 1, word  # within the width
    for i in range(charts):  # each chart on one page
        top, bottom = ends.get(f"cdhtchart{i}top"), ends.get(f"cdhtchart{i}bottom")
        assert top and top == bottom, (i, top, bottom)
    found = ROW_MARK.findall(text)
    assert len(found) == len(set(found))  # no row printed twice
    assert [sum(1 for t, _ in found if int(t) == i) for i in range(len(rows))] == rows
