"""«Báo cáo cho cuộc họp», the report draft's section: its download button for the sidebar's
area and period, named after them, and no English in what the section shows."""

from tests.english import english_words, visible_text

MEETING = "pages/bao_cao.py"


def test_the_report_draft_can_be_downloaded(open_page):
    at = open_page(MEETING)
    assert at.title[0].value == "Báo cáo cho cuộc họp"
    buttons = [b for b in at.get("download_button")
               if b.proto.label == "Tải dự thảo báo cáo (Word)"]
    assert len(buttons) == 1
    assert any(s.value == "Dự thảo báo cáo" for s in at.subheader)
    assert not [(t, w) for t in visible_text(at) if (w := english_words(t))]


def test_the_pilot_period_offers_it_too(open_page):
    at = open_page(MEETING, dia_ban="L-QP", ky="2021-07-31")
    assert at.caption[0].value.startswith("Xã Quảng Phú · số liệu tính đến ngày 31/7/2021")
    assert [b for b in at.get("download_button")
            if b.proto.label == "Tải dự thảo báo cáo (Word)"]
