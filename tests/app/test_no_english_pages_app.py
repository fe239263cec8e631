"""No English on any page that shows figures (tests/english.py), signed out: every page for the
bundled Lộc Ninh period of 30/9/2024 and for the Quảng Phú pilot of 31/7/2021, and every slide
of the presenter view; each tab of a page open in turn. «Nhập số liệu» has its own scan
(test_no_english_app.py)."""

import pytest

from tests.english import english_words, visible_text
from tests.tabs import each_tab

PAGES = ["pages/tong_quan.py", "pages/ban_do.py", "pages/nhom_doi_tuong.py",
         "pages/chi_tiet_xa.py", "pages/xep_loai_diem.py", "pages/chat_luong_du_lieu.py",
         "pages/dinh_nghia.py", "pages/bao_cao.py", "pages/ke_hoach.py"]
PERIODS = {"loc-ninh": dict(dia_ban="692", ky="2024-09-30"),
           "quang-phu": dict(dia_ban="L-QP", ky="2021-07-31")}
# ui/presenter.py: headline, targets, lowest units, groups, map, next steps; a single commune
# (the pilot) has no units to rank or map
SLIDES = {"loc-ninh": 6, "quang-phu": 4}


def _english(at) -> list[tuple[str, list[str]]]:
    shown = visible_text(at) + [e.proto.body for e in at.get("html")
                                if not e.proto.body.lstrip().startswith(("<script", "<style"))]
    return [(t, found) for t in shown if (found := english_words(t))]


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("script", PAGES)
def test_every_page_signed_out(open_page, script, period):
    at = open_page(script, **PERIODS[period])
    assert at.title, script  # the page was drawn, not an empty state before its title
    for tab in each_tab(at):
        assert _english(at) == [], tab


@pytest.mark.parametrize("period", PERIODS)
def test_every_slide_of_the_presenter_view(open_page, period):
    at = open_page("pages/tong_quan.py", **PERIODS[period], trinh_chieu="1")
    count = SLIDES[period]
    for number in range(1, count + 1):
        assert f"Trang {number}/{count}" in "".join(e.proto.body for e in at.get("html"))
        assert _english(at) == [], number
        if number < count:
            at.button(key="slide_next").click().run()
            assert not at.exception, at.exception
