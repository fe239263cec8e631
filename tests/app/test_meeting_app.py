"""«Báo cáo cho cuộc họp» under AppTest: a download button per output (both tables, the report
draft, the pack, the plan's hand-outs) for the sidebar's area and period, the list of what is
produced, and no English."""

from __future__ import annotations

from tests.english import english_words, visible_text


def _buttons(at) -> dict[str, str]:
    return {b.proto.label: b.proto.file_name if hasattr(b.proto, "file_name") else ""
            for b in at.get("download_button")}


def test_the_page_offers_both_tables_of_loc_ninh(open_page):
    at = open_page("pages/bao_cao.py", dia_ban="692", ky="2024-09-30")
    assert [t.value for t in at.title] == ["Báo cáo cho cuộc họp"]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Tải biểu chấm điểm (Excel)", "Tải biểu dân số và đăng ký (Excel)",
                      "Tải dự thảo báo cáo (Word)", "Tải bản in cho cuộc họp (PDF, khổ A4)",
                      "Tải kế hoạch vận động (Excel)"]
    listed = " ".join(m.value for m in at.markdown)
    assert "bieu-cham-diem_loc-ninh_2024-09-30.xlsx" in listed
    assert "bieu-dan-so-dang-ky_loc-ninh_2024-09-30.xlsx" in listed
    assert "du-thao-bao-cao_loc-ninh_2024-09-30.docx" in listed
    assert "ban-in-cuoc-hop_loc-ninh_2024-09-30.pdf" in listed
    assert "ke-hoach-van-dong_loc-ninh_2024-09-30.xlsx" in listed
    assert "huyện Lộc Ninh" in listed and "30/9/2024" in listed


def test_the_page_follows_the_sidebar_to_the_pilot(open_page):
    at = open_page("pages/bao_cao.py", dia_ban="L-QP")
    listed = " ".join(m.value for m in at.markdown)
    assert "bieu-cham-diem_quang-phu_2021-07-31.xlsx" in listed
    assert len(at.get("download_button")) == 5


def test_no_english_on_the_page(open_page):
    at = open_page("pages/bao_cao.py", dia_ban="692", ky="2024-09-30")
    found = [(t, words) for t in visible_text(at) if (words := english_words(t))]
    assert found == []
