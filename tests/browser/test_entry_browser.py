"""«Nhập số liệu» in a real browser, offline: sign in, download the template, fill it (here,
with openpyxl, as a clerk would in a spreadsheet) for a new period, upload a copy with five
mistakes and see them all, upload the corrected one and confirm, see the new period in another
browser session without a restart, undo it, and see the old state back. At each step the page
shows no English word (tests/english.py), and who has reported is drawn on a map."""

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.english import english_words, page_text
from tests.stores import WRITER, WRITER_PASSWORD

pytestmark = pytest.mark.slow  # a dashboard server and Chromium
SHOTS = Path(__file__).parent / "screenshots"


def _no_english(p, step: str):
    # The keyboard users' skip link gets its Vietnamese words from the page's script once drawn.
    expect(p.page.get_by_test_id("stSkipToContent")).to_have_text("Chuyển đến nội dung chính")
    assert english_words(page_text(p.page)) == [], step


def _sign_in(p, base):
    p.page.goto(f"{base}/nhap_so_lieu")
    expect(p.page.get_by_text("Cần đăng nhập", exact=False)).to_be_visible(timeout=30_000)
    _no_english(p, "signed out")
    sidebar = p.page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Đăng nhập để nhập số liệu").click()
    sidebar.get_by_label("Tên tài khoản").fill(WRITER)
    sidebar.get_by_label("Mật khẩu").fill(WRITER_PASSWORD)
    _no_english(p, "typing the password")
    sidebar.get_by_role("button", name="Đăng nhập").click()
    expect(sidebar.get_by_text(f"Đang đăng nhập: {WRITER}")).to_be_visible(timeout=30_000)
    _no_english(p, "signed in")


def _filled(raw: bytes, mistakes: bool) -> bytes:
    """The downloaded template (16 communes, 30/9/2024) made a table of 31/12/2024 with made-up
    counts; with `mistakes`, five cells in five rows and columns are wrong."""
    book = openpyxl.load_workbook(io.BytesIO(raw))
    sheet = book.active
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and "30/9/2024" in cell.value:
                cell.value = cell.value.replace("30/9/2024", "31/12/2024")
    rows = [r for r in sheet.iter_rows() if isinstance(r[0].value, int)]
    for i, row in enumerate(rows):
        for j, cell in enumerate(row[2:10]):
            cell.value = 10 + i + j
    if mistakes:
        rows[0][2].value = "mười"
        rows[2][3].value = -4
        rows[4][4].value = 2.5
        rows[6][5].value = "7 người"
        rows[8][1].value = "Xã Không Có"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(p, name: str, data: bytes):
    p.page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": name, "mimeType": "application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet", "buffer": data}])


def test_template_mistakes_confirm_other_session_undo(entry_server, desktop, phone):
    entry_server, db, log = entry_server
    _sign_in(desktop, entry_server)
    main = desktop.page.get_by_test_id("stMain")
    main.get_by_role("tab", name="Nhập tay").click()
    expect(main.get_by_role("button", name="Ghi bảng nhập tay vào CSDL")).to_be_visible()
    _no_english(desktop, "entering by hand")
    main.get_by_role("tab", name="Đơn vị đã báo cáo").click()
    # who has reported, on the map: a mark per commune (Vega-Lite's symbols, SVG), each named
    reported = main.get_by_test_id("stVegaLiteChart").filter(visible=True)
    expect(reported).to_have_count(1, timeout=30_000)
    marks = reported.locator("svg.marks g.mark-symbol.role-mark path")
    expect(marks).to_have_count(16)
    expect(marks.and_(reported.locator("[aria-label*='Đơn vị: Lộc Hòa;']"))).to_have_count(1)
    expect(main.get_by_role("button", name="Đặt hạn nộp")).to_be_visible()
    _no_english(desktop, "who has reported")
    main.get_by_role("tab", name="Mẫu biểu để điền").click()
    _no_english(desktop, "template")
    with desktop.page.expect_download() as download:
        main.get_by_role("button", name="Tải mẫu (.xlsx)").click()
    raw = open(download.value.path(), "rb").read()

    main.get_by_role("tab", name="Tải bảng lên").click()
    _upload(desktop, "bieu-cham-diem.xlsx", _filled(raw, True))
    expect(main.get_by_text("Tệp có 5 lỗi", exact=False)).to_be_visible(timeout=30_000)
    expect(main.get_by_role("button", name="Ghi vào CSDL")).to_have_count(0)
    # the mistakes' grid: its own toolbar (English "Search", "Fullscreen", a download of
    # unescaped cells) is hidden (ui/chrome.py) and shows no button on hover
    grid = main.get_by_test_id("stDataFrame").filter(visible=True).first
    expect(grid.locator("canvas").first).to_be_visible()
    grid.hover()
    expect(desktop.page.get_by_test_id("stElementToolbar").filter(visible=True)).to_have_count(0)
    labels = [b.get_attribute("aria-label") or b.inner_text()
              for b in grid.get_by_role("button").all() if b.is_visible()]
    assert not any("download" in label.lower() for label in labels), labels
    _no_english(desktop, "five mistakes")
    SHOTS.mkdir(exist_ok=True)  # hidden tabs hold tables that never paint: a plain screenshot
    desktop.page.screenshot(path=str(SHOTS / "nhap_so_lieu-five-mistakes.png"))

    _upload(desktop, "bieu-cham-diem-da-sua.xlsx", _filled(raw, False))
    recognised = main.get_by_test_id("stMarkdown").filter(has_text="Đã nhận ra")
    expect(recognised).to_contain_text("31/12/2024", timeout=30_000)
    _no_english(desktop, "ready to write")
    main.get_by_role("button", name="Ghi vào CSDL").click()
    expect(main.get_by_text("Đã ghi bảng", exact=False)).to_be_visible(timeout=30_000)
    _no_english(desktop, "written")

    # another session, another browser context: the new period without a restart
    phone.page.goto(f"{entry_server}/?dia_ban=692&ky=2024-12-31")
    caption = phone.page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first
    expect(caption).to_contain_text("31/12/2024", timeout=30_000)

    main.get_by_role("tab", name="Lịch sử và hoàn tác").click()
    main.get_by_role("button", name="Hoàn tác").click()
    # the newest entry is the one offered first
    expect(main.get_by_text("Đã hoàn tác mục số", exact=False)).to_contain_text(
        "kỳ 31/12/2024", timeout=30_000)
    _no_english(desktop, "undone")

    phone.page.goto(f"{entry_server}/?dia_ban=692&ky=2024-12-31")
    caption = phone.page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first
    expect(caption).to_contain_text("30/9/2024", timeout=30_000)  # the period is gone
    assert desktop.blocked == [] and phone.blocked == []
    # the password was typed once: never in a URL asked for, the server's log or the store file
    assert desktop.urls and not [u for u in desktop.urls + phone.urls if WRITER_PASSWORD in u]
    assert WRITER_PASSWORD.encode() not in log.read_bytes()
    assert WRITER_PASSWORD.encode() not in db.read_bytes()
    assert WRITER_PASSWORD.encode("utf-16-le") not in db.read_bytes()
