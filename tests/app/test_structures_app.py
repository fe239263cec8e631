"""The pages across the change of 1/7/2025, on the bundled store plus the SYNTHETIC (labelled)
31/12/2025 tables of the 7 new communes: what the dashboard opens on, the structure control and
its URL parameter, an area following its counterpart when the period changes, partial marks,
the map's approximate centres and an old commune's link to where it went."""

import datetime as dt

import pytest

from tests.shown_tables import tables

PAGES = ["pages/tong_quan.py", "pages/ban_do.py", "pages/nhom_doi_tuong.py",
         "pages/chi_tiet_xa.py", "pages/xep_loai_diem.py", "pages/chat_luong_du_lieu.py",
         "pages/dinh_nghia.py", "pages/ke_hoach.py"]


@pytest.fixture(autouse=True)
def on_2025_store(store_2025, monkeypatch, fresh_caches):
    monkeypatch.setenv("CDHT_DB", str(store_2025))


def _select(at, label):
    return next(s for s in at.sidebar.selectbox if s.label == label)


@pytest.mark.parametrize("script", PAGES)
def test_every_page_opens_on_the_latest_period_in_the_new_units(open_page, script):
    at = open_page(script)
    assert _select(at, "Địa bàn").value == "75@2025"
    assert _select(at, "Kỳ số liệu (tính đến ngày)").value == dt.date(2025, 12, 31)
    assert _select(at, "Đơn vị hành chính").value is None
    assert "đơn vị từ 1/7/2025" in _select(at, "Đơn vị hành chính").format_func(None)
    if script != "pages/dinh_nghia.py":
        assert "Tỉnh Đồng Nai" in at.caption[0].value
        assert any("mô phỏng" in w.value.lower() for w in at.warning)  # synthetic badge


def test_2024_in_the_new_units_from_the_url(open_page):
    at = open_page("pages/tong_quan.py", dia_ban="692", ky="2024-09-30", don_vi="post2025")
    assert _select(at, "Địa bàn").value == "75@2025"
    assert _select(at, "Đơn vị hành chính").value == "post2025"
    assert any("Huyện Lộc Ninh" in t.value and "Tỉnh Đồng Nai" in t.value for t in at.toast)
    infos = " ".join(i.value for i in at.info)
    assert "cộng gộp" in infos and "Số liệu một phần" in infos
    names = [str(n) for n in tables(at)[0]["Đơn vị"]]
    assert any(n.endswith("Tân Tiến (◐ một phần)") for n in names)
    assert any(n.endswith("Lộc Thạnh") for n in names) and len(names) == 7
    assert at.query_params["don_vi"] == "post2025" and at.query_params["dia_ban"] == "75@2025"


def test_changing_the_period_moves_the_area_to_its_counterpart(open_page):
    at = open_page("pages/tong_quan.py", dia_ban="75@2025")
    _select(at, "Kỳ số liệu (tính đến ngày)").set_value(dt.date(2024, 9, 30)).run()
    assert not at.exception
    assert _select(at, "Địa bàn").value == "692"  # the old units of that period
    assert any("ứng với" in t.value for t in at.toast)
    _select(at, "Đơn vị hành chính").set_value("post2025").run()
    assert _select(at, "Địa bàn").value == "75@2025"
    assert "Tỉnh Đồng Nai" in at.caption[0].value


def test_an_old_commune_links_to_the_commune_it_went_into(open_page):
    at = open_page("pages/chi_tiet_xa.py", dia_ban="692", ky="2025-12-31", don_vi="pre2025",
                   xa="25273")
    assert any("sáp nhập vào xã Lộc Thạnh" in w.value for w in at.warning)
    at.button(key="open_successor").click().run()
    assert not at.exception
    assert _select(at, "Địa bàn").value == "75@2025"
    assert at.header[0].value == "Lộc Thạnh"
    history = tables(at)[-1]
    assert len(history) == 2  # 30/9/2024 (Lộc Hòa + Lộc Thạnh) and 31/12/2025


def test_the_map_places_the_new_communes_approximately(open_page):
    at = open_page("pages/ban_do.py")
    assert not any("chưa có toạ độ tâm" in i.value for i in at.info)
    assert any("Vị trí gần đúng" in c.value for c in at.caption)
