"""No English on «Nhập số liệu»: every visible text of every tab (tests/english.py), signed
out without and with accounts, and signed in as each role, on a period half sent and late."""

import datetime as dt

import pytest

from cdht_data import accounts, store
from cdht_data.deadlines import set_deadline
from tests.english import english_words, visible_text
from tests.stores import CLERK, WRITER, WRITER_PASSWORD
from tests.tabs import open_box
from ui.auth import SIGN_IN_BOX


@pytest.fixture
def late_store(partly_sent, monkeypatch, fresh_caches):
    """The half-sent period of 31/3/2025, due 15/4/2025 (so late units are listed), with an
    account of each role."""
    with store.writing(partly_sent) as con:
        set_deadline(con, dt.date(2025, 3, 31), dt.date(2025, 4, 15), "692")
        accounts.add_account(con, WRITER, "quan_tri", [], WRITER_PASSWORD)
        accounts.add_account(con, CLERK, "nhap_lieu", [], WRITER_PASSWORD)
    monkeypatch.setenv("CDHT_DB", str(partly_sent))
    return partly_sent


def _english(at) -> list[tuple[str, list[str]]]:
    return [(t, found) for t in visible_text(at) if (found := english_words(t))]


def test_signed_out_without_any_account(open_page):
    assert _english(open_page("pages/nhap_so_lieu.py")) == []


@pytest.mark.parametrize("name", [None, WRITER, CLERK])
def test_every_tab_signed_out_and_in(late_store, open_page, sign_in, name):
    at = open_page("pages/nhap_so_lieu.py", dia_ban="692", ky="2025-03-31")
    if name is None:
        at = open_box(at, SIGN_IN_BOX)  # its form is drawn only while open
    else:
        at = sign_in(at, name, WRITER_PASSWORD)
        assert len(at.tabs) == 5 and at.get("vega_lite_chart")  # every tab drawn, the map too
    assert _english(at) == []
