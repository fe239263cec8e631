"""ui.tables.styled: Vietnamese headers and formats on screen, numbers underneath, the low mark."""

import datetime as dt

import pandas as pd

from ui.charts import LOW_FILL
from ui.tables import LOW_TEXT, shown, styled

FRAME = pd.DataFrame({
    "rank": pd.array([1, 2, 3], dtype="Int64"),
    "name": ["Thị trấn Lộc Ninh", "Lộc Hòa", "Lộc Khánh"],
    "registered_count": pd.array([1329, 5, None], dtype="Int64"),
    "assessed_count": pd.array([5049, 5, None], dtype="Int64"),
    "participation_pct": pd.array([16.7, 1329 / 11096 * 100, None], dtype="Float64"),
    "as_of": [dt.date(2024, 9, 30)] * 3,
})
LOW = pd.Series([False, True, False], index=[10, 11, 12])  # an index unlike the frame's


def test_formats_on_screen_numbers_underneath():
    styler = styled(FRAME, ["name", "assessed_count", "participation_pct", "as_of"])
    html = styler.to_html()
    assert ">5.049<" in html and ">16,70%<" in html and ">30/9/2024<" in html
    assert ">11,98%<" in html  # 1329 / 11096 × 100, two decimals
    assert ">—<" in html  # a blank stays a blank, never 0
    data = styler.data
    assert list(data.columns) == ["Đơn vị", "Đã đánh giá", "Tỉ lệ tham gia", "Tính đến ngày"]
    assert data["Đã đánh giá"].iloc[0] == 5049  # still a number: sorts as one
    assert str(data["Tỉ lệ tham gia"].dtype) == "Float64"
    assert data["Tỉ lệ tham gia"].iloc[0] == 16.7


def test_low_rows_carry_the_mark_and_the_fill():
    styler = styled(FRAME, ["rank", "name", "registered_count"], low=LOW)
    assert list(styler.data.columns) == ["Hạng", "Đơn vị", "Tham gia thấp", "Đăng ký"]
    assert styler.data["Tham gia thấp"].tolist() == ["", LOW_TEXT, ""]
    assert LOW_TEXT == "▼ Thấp"
    html = styler.to_html()
    assert "▼ Thấp" in html
    styles = styler._compute().ctx
    filled_rows = {row for (row, _), props in styles.items()
                   if ("background-color", LOW_FILL) in props}
    assert filled_rows == {1}


def test_mark_goes_last_without_a_name_column_and_labels_can_be_overridden():
    styler = styled(FRAME, ["registered_count"], low=LOW, labels={"registered_count": "ĐK"})
    assert list(styler.data.columns) == ["ĐK", "Tham gia thấp"]
    assert ">1.329<" in styler.to_html()


def test_frame_is_not_changed():
    before = FRAME.copy()
    styled(FRAME, ["name", "registered_count"], low=LOW)
    pd.testing.assert_frame_equal(FRAME, before)


def test_a_shown_table_builds_what_styled_builds():
    table = shown(FRAME.assign(low=LOW.to_numpy()), ["name", "registered_count"], low="low",
                  labels={"registered_count": "ĐK"})
    expected = styled(FRAME, ["name", "registered_count"], low=LOW,
                      labels={"registered_count": "ĐK"})
    assert table.styler().set_uuid("t").to_html() == expected.set_uuid("t").to_html()


def test_a_shown_tables_file_holds_its_rows_columns_and_headers_unformatted():
    table = shown(FRAME.assign(low=LOW.to_numpy()), ["name", "participation_pct"], low="low",
                  labels={"name": "Xã"})
    lines = table.csv().decode("utf-8-sig").splitlines()
    assert lines[0] == "Xã,Tham gia thấp,Tỉ lệ tham gia"
    assert lines[1] == "Thị trấn Lộc Ninh,,16.7"  # the number, not «16,70%»
    assert lines[2].startswith("Lộc Hòa,▼ Thấp,11.97")  # 1329 / 11096 × 100
    assert len(lines) == 4 and lines[3] == "Lộc Khánh,,"


def test_a_shown_tables_key_names_everything_it_shows():
    from ui.content_hash import shown_key
    frame = FRAME.assign(low=LOW.to_numpy())
    base = shown_key(shown(frame, ["name", "registered_count"], low="low"))
    assert base == shown_key(shown(frame, ["name", "registered_count"], low="low"))
    others = [shown(frame, ["name"], low="low"), shown(frame, ["name", "registered_count"]),
              shown(frame, ["name", "registered_count"], low="low", labels={"name": "Xã"}),
              shown(frame, ["name", "registered_count"], low="low", formats={"Đơn vị": str}),
              shown(frame.assign(registered_count=0), ["name", "registered_count"], low="low")]
    assert all(shown_key(other) != base for other in others)


def test_a_tables_own_format_leaves_the_other_columns_formats_alone():
    """A format for one shown column (the quality page's «Điểm») once gave every other column
    pandas' default again: 5049 for 5.049 and <NA> for a blank."""
    table = shown(FRAME, ["name", "assessed_count", "participation_pct"],
                  formats={"Tỉ lệ tham gia": lambda v: f"~{v:.0f}"})
    html = table.styler().to_html()
    assert ">5.049<" in html and ">5049<" not in html
    assert ">~17<" in html and ">—<" in html and "&lt;NA&gt;" not in html and "<NA>" not in html
