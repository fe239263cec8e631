"""The bundled figures each page shows for Lộc Ninh's 30/9/2024 (the view `?dia_ban=692`
opens), read in a real browser on a computer's screen (tests/browser/test_no_english_browser.py)
and a phone's (tests/browser/test_pages_browser.py).

Printed figures (data/sources/*.csv) or worked out from them: 3.523 / 5.049 = 69,776…%; the
groups' Đạt / (Đạt + Chưa đạt) 2.133 / 3.349, 256 / 446, 854 / 949, 280 / 305; the quality
page's 234 checks, 17 findings and score 100 × 476 / 516 = 92,2 as tests/app/test_quality_page.py
works them out rule by rule."""

from playwright.sync_api import expect

FIGURES = {
    "": ("Tổng quan", ["5.140", "5.049", "3.523", "69,78%", "5,62%"]),
    "ban_do": ("Bản đồ", ["Lộc Hòa"]),
    "nhom_doi_tuong": ("Nhóm đối tượng", ["63,69%", "57,40%", "89,99%", "91,80%"]),
    "chi_tiet_xa": ("Chi tiết xã", ["1.329", "16,70%"]),
    "xep_loai_diem": ("Xếp loại điểm", ["chưa có số liệu theo mức điểm"]),
    "chat_luong_du_lieu": ("Chất lượng dữ liệu", ["92,2", "234", "17 phát hiện"]),
    "dinh_nghia": ("Định nghĩa", ["Tham gia thấp", "Bộ tiêu chí theo Quyết định 324/QĐ-KHVN"]),
    # ⌈40% × 91.443⌉ − 3.523 = 33.055, ⌈60% × 91.443⌉ − 3.523 = 51.343 (test_plan_app.py)
    "ke_hoach": ("Kế hoạch vận động", ["33.055 người", "51.343 người", "91.443"]),
}


def expect_figures(page, path: str) -> None:
    """The page at `path`, loaded, has its heading, every figure of FIGURES shown (the shown
    one: «Bản đồ» holds a computer's map and a phone's, one of them hidden) and no exception."""
    title, texts = FIGURES[path]
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name=title, exact=True).first).to_be_visible(
        timeout=30_000)
    for text in texts:
        expect(main.get_by_text(text, exact=False).filter(visible=True).first).to_be_visible()
    expect(main.get_by_test_id("stException")).to_have_count(0)
