"""«Đơn vị đã báo cáo» under AppTest, on a period half sent (tests/tables.py, 31/3/2025): the
units' table and map, a quan_tri setting the deadline (the late units then listed), a
nhap_lieu seeing it read-only."""

import datetime as dt

import pytest

from cdht_data import accounts, store
from tests.stores import CLERK, WRITER, WRITER_PASSWORD
from tests.vega_shown import spec_and_rows

MAR31 = "2025-03-31"


@pytest.fixture
def half_sent_store(partly_sent, monkeypatch, fresh_caches):
    with store.writing(partly_sent) as con:
        accounts.add_account(con, WRITER, "quan_tri", [], WRITER_PASSWORD)
        accounts.add_account(con, CLERK, "nhap_lieu", [], WRITER_PASSWORD)
    monkeypatch.setenv("CDHT_DB", str(partly_sent))
    return partly_sent


def _reported_tab(at):
    return next(t for t in at.tabs if t.label == "Đơn vị đã báo cáo")


def test_a_quan_tri_sets_the_deadline_and_sees_the_late_units(half_sent_store, open_page,
                                                                 sign_in):
    at = sign_in(open_page("pages/nhap_so_lieu.py", dia_ban="692", ky=MAR31), WRITER,
                 WRITER_PASSWORD)
    tab = _reported_tab(at)
    table = tab.dataframe[0].value
    assert len(table) == 16  # the communes of Lộc Ninh
    assert list(table.loc[table["Tình trạng"] == "Đã gửi đủ", "Đơn vị"]) == ["Lộc Hòa", "Lộc An"]
    [drawn] = at.get("vega_lite_chart")  # the map (maps.reporting_map)
    assert {r["text"] for r in spec_and_rows(drawn)[1]} >= {"✓ Lộc Hòa", "✓ Lộc An"}
    assert not tab.warning  # no deadline yet: nobody is late
    assert any("chưa có hạn nộp" in m.value for m in tab.markdown)
    tab.date_input(key=f"deadline_due_{MAR31}").set_value(
        dt.date(2025, 4, 15))
    tab.button(key="deadline_set").click()
    at.run()
    assert not at.exception
    tab = _reported_tab(at)
    # the test runs after 15/4/2025: the 14 units that lack a table are late
    assert tab.warning[0].value.startswith("14 đơn vị trễ hạn: Thị trấn Lộc Ninh, Lộc Tấn,")
    assert "Lộc Hòa" not in tab.warning[0].value
    assert tab.success[0].value == "Đã đặt hạn nộp kỳ 31/3/2025 cho Lộc Ninh: 15/4/2025."
    assert any("**15/4/2025**" in m.value for m in tab.markdown)


def test_a_nhap_lieu_sees_the_deadline_but_cannot_set_it(half_sent_store, open_page, sign_in):
    at = sign_in(open_page("pages/nhap_so_lieu.py", dia_ban="692", ky=MAR31), CLERK,
                 WRITER_PASSWORD)
    tab = _reported_tab(at)
    assert not tab.date_input and not [b for b in tab.button if b.key == "deadline_set"]
    assert any(c.value == "Chỉ tài khoản quản trị được đặt hay đổi hạn nộp." for c in tab.caption)
