"""AppTest of the entry page on the bundled data (built into a temporary database)."""

from streamlit.testing.v1 import AppTest

from tests.paths import ROOT


def test_district_totals_on_the_entry_page():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    values = {m.label.removesuffix(" ⚠"): m.value for m in at.metric}
    assert values["Đăng ký"] == "5.140"
    assert values["Đã đánh giá"] == "5.049"
    assert values["Đạt"] == "3.523"
    assert values["Tỉ lệ tham gia (đăng ký / dân số 8–60)"] == "5,62%"
    assert "30/9/2024" in at.caption[0].value
