"""A store that cannot be read (missing, busy, too old: errors.StoreError) or a file that cannot
be read (errors.InputError) while a page reads: one Vietnamese notice, no traceback."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from cdht_data import metrics, store
from cdht_data.errors import InputError, StoreError
from tests.paths import ROOT
from ui.navigation import PAGES

BUSY = "kho số liệu đang được một tiến trình khác ghi; hãy thử lại sau ít phút"


def _open(script: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.switch_page(script).run()
    return at


def _as_shown(markdown: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


@pytest.mark.parametrize("script", [s for s, _, _ in PAGES])
def test_a_store_that_cannot_be_opened_shows_a_notice_on_every_page(script, monkeypatch):
    def refuse(path):
        raise StoreError(BUSY, file="data/cdht_[1].duckdb")
    monkeypatch.setattr(store, "open_read", refuse)
    at = _open(script)
    assert not at.exception, at.exception
    assert len(at.error) == 1
    notice = at.error[0].value
    assert _as_shown(notice) == f"Lỗi dữ liệu (tệp data/cdht_[1].duckdb): {BUSY}"
    assert "cdht_[1]" not in notice  # escaped: a file name is data too


def test_a_fault_while_a_page_reads_its_figures_stops_that_page_only(monkeypatch):
    def refuse(con, area, as_of, structure=None):
        raise InputError("bảng không đọc được", file="a.csv", row=3, column="Xã")
    monkeypatch.setattr(metrics, "area_figures", refuse)
    at = _open("pages/tong_quan.py")
    assert not at.exception, at.exception
    assert _as_shown(at.error[0].value) == \
        "Lỗi dữ liệu (tệp a.csv, dòng 3, cột «Xã»): bảng không đọc được"
    assert not at.metric
