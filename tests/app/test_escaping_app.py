"""Text from imported files is shown as written on every page (a store whose header and unit
names carry Markdown and HTML, tests/hostile.py), and each main table has our own CSV download
with formula-like cells escaped."""

import csv
import io
import json
import re

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from tests.hostile import EVIL_HEADER, EVIL_IMAGE, EVIL_LINK, EVIL_UNIT, FORMULA_UNIT
from tests.tabs import each_tab, open_box
from tests.vega_shown import spec_and_rows
from ui.auth import SIGN_IN_BOX
from ui.filters import THRESHOLD_BOX
from ui.navigation import PAGES
from ui.page import NOTES_BOX

# What Markdown would read in the hostile text if it reached an element unescaped.
RAW = [EVIL_IMAGE, EVIL_LINK, "<b>đậm</b>", ":red[đỏ]", "$x$", " https://evil.example/u"]
WORD_JOINER = "\u2060"
BOXES = (NOTES_BOX, THRESHOLD_BOX, SIGN_IN_BOX)


@pytest.fixture(autouse=True)
def hostile_store(hostile_db, fresh_caches, monkeypatch):
    monkeypatch.setenv("CDHT_DB", str(hostile_db))


@pytest.fixture
def downloads(monkeypatch):
    """File name -> the function each «Tải bảng» button would run when pressed."""
    made = {}
    register = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)
    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return made



def _as_shown(markdown: str) -> str:
    """The text Markdown shows for escaped text: backslash escapes resolved, word joiners
    (invisible) dropped."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(WORD_JOINER, "")


def _markdown_texts(at) -> list[str]:
    """Every text of the page that Streamlit renders as Markdown."""
    texts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "error",
                                  "warning", "info", "success", "toast")
             for e in getattr(at, kind)]
    texts += [m.label for m in at.metric] + [m.help or "" for m in at.metric]
    texts += [e.label for e in at.expander]
    return texts


def test_overview_quality_notes_show_a_quoted_header_as_written(open_page):
    at = open_box(open_page("pages/tong_quan.py"), NOTES_BOX)
    notes = [m.value for m in at.markdown if "Số người từ 8 tuổi đến 60 tuổi" in m.value]
    assert notes, [m.value for m in at.markdown]
    for note in notes:
        assert EVIL_IMAGE not in note and EVIL_LINK not in note
        assert EVIL_HEADER in _as_shown(note)


def test_overview_low_uptake_notice_and_summary_show_the_unit_name_as_written(open_page):
    at = open_page("pages/tong_quan.py")
    notice = at.error[0].value
    assert "đơn vị tham gia thấp" in notice
    assert EVIL_UNIT not in notice and f"**{EVIL_UNIT}** (0,12%)" in _as_shown(notice)
    summary = next(m.value for m in at.markdown if m.value.startswith("Tính đến ngày"))
    assert not any(raw in summary for raw in RAW)
    assert f"{EVIL_UNIT} (0,12%)" in _as_shown(summary)


@pytest.mark.parametrize("script, params", [(s, {}) for s, _, _ in PAGES]
                         + [("pages/chi_tiet_xa.py", {"xa": "25273"})])
def test_no_page_hands_data_text_to_markdown_unescaped(script, params, open_page):
    at = open_page(script, **params)
    for box in BOXES:  # what they hold is drawn only while open
        open_box(at, box)
    for _ in each_tab(at):
        texts = _markdown_texts(at)
        for text in texts:
            assert not any(raw in text for raw in RAW), text
        for chart in at.get("vega_lite_chart"):  # drawn as text: a name stays as written
            spec = json.dumps(spec_and_rows(chart), ensure_ascii=False)
            assert "&lt;" not in spec and "&amp;" not in spec and WORD_JOINER not in spec


def test_drill_down_header_is_the_unit_name_as_written(open_page):
    at = open_page("pages/chi_tiet_xa.py", xa="25273")
    assert _as_shown(at.header[0].value) == EVIL_UNIT
    assert _as_shown(at.subheader[0].value) == "So với toàn Lộc Ninh"


def _csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


@pytest.mark.parametrize("script, params, name", [
    ("pages/tong_quan.py", {}, "xep-hang-don-vi_loc-ninh_2024-09-30.csv"),
    ("pages/nhom_doi_tuong.py", {"tabs": {"groups_tab": "Bảng số liệu"}},
     "dat-theo-don-vi-va-nhom_loc-ninh_2024-09-30.csv"),
    ("pages/ban_do.py", {}, "ban-do-cac-don-vi_loc-ninh_2024-09-30.csv"),
    ("pages/chi_tiet_xa.py", {"xa": "25305"},
     "qua-cac-ky_hyperlink-http-evil-example-loc-thinh.csv"),
    ("pages/chat_luong_du_lieu.py", {}, "phat-hien-chat-luong-du-lieu_loc-ninh_2024-09-30.csv"),
])
def test_main_tables_have_a_csv_download(downloads, script, params, name, open_page):
    at = open_page(script, **params)
    buttons = [b for b in at.get("download_button") if b.proto.label == "Tải bảng (.csv)"]
    assert len(buttons) == 1 and buttons[0].proto.ignore_rerun
    assert name in downloads, list(downloads)
    rows = _csv(downloads[name]())
    assert len(rows) > 1
    cells = [c for row in rows for c in row]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)


def test_league_csv_escapes_a_formula_and_keeps_numbers(downloads, open_page):
    open_page("pages/tong_quan.py")
    rows = _csv(downloads["xep-hang-don-vi_loc-ninh_2024-09-30.csv"]())
    header, first = rows[0], dict(zip(rows[0], rows[1]))
    assert header[:3] == ["Hạng", "Đơn vị", "Tham gia thấp"]
    assert first["Đơn vị"] == "'" + FORMULA_UNIT
    assert first["Hạng"] == "1" and first["Đăng ký"] == "1056"  # numbers, unformatted
    assert float(first["Tỉ lệ tham gia"]) == pytest.approx(1056 / 3551 * 100)
    low = next(dict(zip(header, r)) for r in rows[1:] if r[1] == EVIL_UNIT)
    assert low["Tham gia thấp"] == "▼ Thấp"


def test_findings_csv_has_the_printed_figures_as_numbers(downloads, open_page):
    open_page("pages/chat_luong_du_lieu.py")
    rows = _csv(downloads["phat-hien-chat-luong-du-lieu_loc-ninh_2024-09-30.csv"]())
    table = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert any(r["Số in"] == "91441" and r["So với"] == "91443" for r in table), table[:3]
    assert any(EVIL_HEADER in r["Nội dung"] for r in table)
