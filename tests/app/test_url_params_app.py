"""A link with a value the dashboard cannot use: the default instead, a Vietnamese toast naming
the parameter, and the URL corrected; never a traceback."""

import pytest

from tests.tabs import open_box
from ui.filters import THRESHOLD_BOX




def _qp(at, key):
    value = at.query_params[key]
    return value[0] if isinstance(value, list) else value


def _toasts(at) -> list[str]:
    return [t.value for t in at.toast]


def _refused(at, param: str) -> bool:
    return any(f"Tham số `{param}` trên địa chỉ trang không dùng được" in t and
               "đang dùng giá trị mặc định" in t for t in _toasts(at))


@pytest.mark.parametrize("param, value", [
    ("nguong", "nan"), ("nguong", "-1"), ("nguong", "100,5"), ("nguong", "1e999"),
])
def test_a_percentage_out_of_range_falls_back_to_the_default(param, value, open_page):
    at = open_page("pages/tong_quan.py", **{param: value})
    assert _toasts(at) and _refused(at, param)
    open_box(at, THRESHOLD_BOX)
    assert at.number_input(key="w_threshold").value == 1.0
    assert param not in at.query_params  # the default is not written into the URL
    # ⌈40% × 91.443⌉ − 3.523 = 36.578 − 3.523 (column 3 added up; Đạt 2.133 + 256 + 854 + 280)
    assert any("40% năm 2025" in m.value and "còn thiếu 33.055 người" in m.value
               for m in at.markdown)


def test_an_old_links_target_is_retired_with_a_toast(open_page):
    at = open_page("pages/tong_quan.py", chi_tieu="45")
    assert any("Tham số `chi_tieu` trên địa chỉ trang không còn dùng" in t
               and "targets.toml" in t for t in _toasts(at))
    assert "chi_tieu" not in at.query_params
    # the targets of the file, both horizons, not 45%
    assert any("60% năm 2030" in m.value and "còn thiếu 51.343 người" in m.value
               for m in at.markdown)


@pytest.mark.parametrize("value", ["2024-13-01", "30/9/2024", "1999-01-01"])
def test_a_period_that_is_none_of_the_area_falls_back_to_the_latest(value, open_page):
    at = open_page("pages/tong_quan.py", ky=value)
    assert _refused(at, "ky")
    assert at.selectbox(key="w_period").value.isoformat() == "2024-09-30"
    assert _qp(at, "ky") == "2024-09-30"


def test_an_unknown_area_falls_back_to_lộc_ninh(open_page):
    at = open_page("pages/tong_quan.py", dia_ban="XYZ")
    assert _refused(at, "dia_ban")
    assert at.selectbox(key="w_area").value == "692"
    assert _qp(at, "dia_ban") == "692"


@pytest.mark.parametrize("value", ["9", "0", "một", "1.5"])
def test_a_group_the_rule_set_does_not_have_falls_back_to_all_groups(value, open_page):
    at = open_page("pages/nhom_doi_tuong.py", nhom=value)
    assert _refused(at, "nhom")
    assert at.selectbox(key="w_group").value is None
    assert "nhom" not in at.query_params


def test_a_group_of_the_3_group_pilot_is_checked_against_the_area_of_the_link(open_page):
    at = open_page("pages/tong_quan.py", dia_ban="L-QP", nhom="4")
    assert _refused(at, "nhom") and not _refused(at, "dia_ban")
    assert at.selectbox(key="w_area").value == "L-QP"


def test_an_unknown_quartile_flag_falls_back(open_page):
    at = open_page("pages/tong_quan.py", nguong="0,5", tu_phan_vi="có lẽ")
    assert _refused(at, "tu_phan_vi") and not _refused(at, "nguong")
    open_box(at, THRESHOLD_BOX)
    assert at.checkbox(key="w_quartile").value is True
    assert at.number_input(key="w_threshold").value == 0.5


def test_an_unknown_commune_opens_the_first_one_and_leaves_the_url(open_page):
    at = open_page("pages/chi_tiet_xa.py", xa="unknown")
    assert _refused(at, "xa")
    assert at.header[0].value == "Thị trấn Lộc Ninh"
    assert _qp(at, "xa") == "25270"  # the commune shown


def test_an_unknown_commune_is_dropped_from_the_url_of_another_page(open_page):
    at = open_page("pages/tong_quan.py", xa="L-QP")  # a unit, but not of Lộc Ninh
    assert _refused(at, "xa")
    assert "xa" not in at.query_params


@pytest.mark.parametrize("param", ["dia_ban", "ky", "nhom", "nguong", "xa"])
def test_an_absurdly_long_value_is_refused_unread(param, open_page):
    at = open_page("pages/tong_quan.py", **{param: "9" * 100_000})
    assert _refused(at, param)
    assert _qp(at, "dia_ban") == "692" and _qp(at, "ky") == "2024-09-30"
    assert param in ("dia_ban", "ky") or param not in at.query_params


def test_each_bad_parameter_has_its_own_toast_and_the_good_ones_are_kept(open_page):
    at = open_page("pages/tong_quan.py", xa="9", nguong="nan", ky="2024-13-01", nhom="2")
    assert len(at.toast) == 3
    assert all(_refused(at, p) for p in ("xa", "nguong", "ky"))
    assert at.selectbox(key="w_group").value == 2 and _qp(at, "nhom") == "2"


def test_good_values_raise_no_toast(open_page):
    at = open_page("pages/chi_tiet_xa.py", dia_ban="692", ky="2024-09-30", nhom="1", nguong="0,3",
               tu_phan_vi="0", xa="25273")
    assert not at.toast
    assert at.header[0].value == "Lộc Hòa"
    assert (_qp(at, "nguong"), _qp(at, "tu_phan_vi")) == ("0.3", "0")


def test_a_value_quoted_from_the_link_never_reaches_the_toast(open_page):
    at = open_page("pages/tong_quan.py", dia_ban="![x](http://evil.example/x.png)")
    assert _refused(at, "dia_ban")
    assert not any("evil" in t for t in _toasts(at))


@pytest.mark.parametrize("value", ["9" * 5000, "-1", "abc"])
def test_an_unusable_finding_in_the_link_opens_the_first_finding(value, open_page):
    at = open_page("pages/chat_luong_du_lieu.py", phat_hien=value)
    picked = at.selectbox(key="quality_finding")
    assert picked.index == 0
    assert _qp(at, "phat_hien") == str(picked.value)  # the URL names the finding shown


def test_a_finding_in_the_link_is_opened(open_page):
    wanted = open_page("pages/chat_luong_du_lieu.py").selectbox(key="quality_finding").options[2]
    at = open_page("pages/chat_luong_du_lieu.py", phat_hien=wanted.split(" · ")[0].lstrip("#"))
    assert at.selectbox(key="quality_finding").index == 2
