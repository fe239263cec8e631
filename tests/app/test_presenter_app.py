"""The presenter view (?trinh_chieu=1) under AppTest: its slides in order, stepping by the
buttons and by the URL's slide number, the sidebar's filters carried over from the URL, and
no English on any slide."""

import pytest

from tests.english import english_words, visible_text

TITLES = ["Kết quả chính", "Tiến độ so với chỉ tiêu", "Đơn vị tham gia thấp nhất",
          "Kết quả theo nhóm đối tượng", "Bản đồ tham gia", "Việc cần làm tiếp"]
LOC_NINH = dict(dia_ban="692", ky="2024-09-30", trinh_chieu="1")


def _html(at) -> str:
    """The slide's words as HTML (the scripts and styles, shown to no one, left out)."""
    return "\n".join(e.proto.body for e in at.get("html")
                     if not e.proto.body.lstrip().startswith(("<script", "<style")))


def _title(at) -> str:
    return next(t for t in TITLES if f"<h1>{t}</h1>" in _html(at))


@pytest.mark.parametrize("script", ["pages/tong_quan.py", "pages/ban_do.py",
                                    "pages/chi_tiet_xa.py"])
def test_any_page_url_opens_the_first_slide(open_page, script):
    at = open_page(script, **LOC_NINH)
    assert _title(at) == "Kết quả chính"
    assert "Trang 1/6" in _html(at)
    assert not at.title  # the page itself is not drawn
    # Printed totals of report 33/BC-HKH: 5.140 registered, 3.523 Đạt, 3.523 / 5.049 = 69,78%
    for figure in ("5.140", "3.523", "69,78%", "5,62%"):
        assert figure in _html(at)


def test_the_buttons_step_through_every_slide_and_the_url_follows(open_page):
    at = open_page("pages/tong_quan.py", **LOC_NINH)
    for number, title in enumerate(TITLES, start=1):
        assert _title(at) == title
        assert at.query_params.get("trang", "1") == str(number)
        assert at.query_params["dia_ban"] == "692" and at.query_params["trinh_chieu"] == "1"
        assert [(t, w) for t in visible_text(at) + [_html(at)] if (w := english_words(t))] == []
        if number < len(TITLES):
            at.button(key="slide_next").click().run()
            assert not at.exception
    assert at.button(key="slide_next").disabled
    at.button(key="slide_previous").click().run()
    assert _title(at) == TITLES[-2]


def test_a_slide_number_in_the_url_opens_that_slide(open_page):
    at = open_page("pages/tong_quan.py", **LOC_NINH, trang="2")
    assert _title(at) == "Tiến độ so với chỉ tiêu"
    # 677/QĐ-TTg: ⌈40% × 91.443⌉ − 3.523 = 33.055; ⌈60% × 91.443⌉ − 3.523 = 51.343
    assert "còn thiếu 33.055 người" in _html(at) and "còn thiếu 51.343 người" in _html(at)
    assert _title(open_page("pages/tong_quan.py", **LOC_NINH, trang="99")) == "Kết quả chính"
    assert _title(open_page("pages/tong_quan.py", **LOC_NINH, trang="x")) == "Kết quả chính"


def test_the_group_filter_is_carried_over(open_page):
    at = open_page("pages/tong_quan.py", **LOC_NINH, nhom="2")
    assert "nhóm: Nhóm II (Công nhân)" in _html(at)
    assert "446" in _html(at) and "256" in _html(at)  # Nhóm II printed: 256 Đạt + 190 Chưa đạt


def test_next_steps_name_the_low_units_and_the_partner_of_each_lagging_group(open_page):
    at = open_page("pages/tong_quan.py", **LOC_NINH, trang="6")
    html = _html(at)
    assert "7 đơn vị tham gia thấp" in html and "Lộc Hòa" in html
    assert "Liên đoàn Lao động" in html and "Mặt trận Tổ quốc" in html


def test_leaving_the_presenter_view_shows_the_page(open_page):
    at = open_page("pages/tong_quan.py", **LOC_NINH, trang="3")
    at.button(key="slide_leave").click().run()
    assert "trinh_chieu" not in at.query_params and "trang" not in at.query_params
    assert at.title[0].value == "Tổng quan"


def test_the_pilot_has_its_four_slides(open_page):
    at = open_page("pages/tong_quan.py", dia_ban="L-QP", ky="2021-07-31", trinh_chieu="1")
    assert "Trang 1/4" in _html(at)
    assert "55" in _html(at) and "52" in _html(at)  # printed: 55 registered, 52 recognised
