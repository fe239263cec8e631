"""AppTest of the data-quality page on the bundled data."""

from streamlit.testing.v1 import AppTest

from tests.paths import ROOT


def _open():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/chat_luong_du_lieu.py").run()
    assert not at.exception
    return at


def _count(at) -> str:
    return next(m.value for m in at.markdown if m.value.endswith("phát hiện** trong các bảng "
                                                                   "của kỳ này."))


def test_quality_page_lists_the_findings_of_the_period():
    at = _open()
    assert at.title[0].value == "Chất lượng dữ liệu"
    assert _count(at).startswith("**17 phát hiện**")  # Lộc Ninh, 30/9/2024
    table = at.dataframe[0].value
    assert "91.441" in set(table["Số in"]) and "91.443" in set(table["So với"])
    assert {m.label: m.value for m in at.metric}["Phép kiểm tra đã làm"] == "234"


def test_severity_filter_changes_the_count():
    at = _open()
    at.multiselect(key="quality_severity").set_value(["error"]).run()
    assert not at.exception
    assert _count(at).startswith("**10 phát hiện**")


def test_pilot_area_shows_the_text_figures_found():
    at = _open()
    at.selectbox(key="w_area").set_value("L-QP").run()
    assert not at.exception
    assert _count(at).startswith("**3 phát hiện**")
    assert any("là 14" in m for m in at.dataframe[0].value["Nội dung"])
