"""ui.print_css.copy_of: the HTML a page prints instead of its table's canvas holds every row,
keeps the screen's formats and low-uptake fill, and escapes text from data, cells and headers."""

import pandas as pd

from ui.charts import LOW_FILL
from ui.print_css import COPY_CLASS, LONG_CLASS, NUMBER_CLASS, copy_of
from ui.tables import styled

FRAME = pd.DataFrame({
    "name": [f"Xã {i}" for i in range(40)],
    "registered_count": pd.array([5049] + [None] * 39, dtype="Int64"),
    "participation_pct": [16.7] * 40,
})


def test_every_row_with_the_screens_formats_and_fill():
    low = pd.Series([i == 3 for i in range(40)])
    html = copy_of(styled(FRAME, list(FRAME.columns), low=low))
    assert html.startswith(f'<div class="{COPY_CLASS}">')
    assert html.count("<tr>") == 41  # the header and 40 rows: no canvas cuts it at a dozen
    assert ">5.049<" in html and ">16,70%<" in html and ">—<" in html
    assert LOW_FILL in html and "▼ Thấp" in html
    assert f'col2 {NUMBER_CLASS}"' in html  # figures stay on one line, right-aligned


def test_text_from_data_is_escaped_in_cells_and_headers():
    frame = pd.DataFrame({"<i>Toàn</i>": ["<b>Lộc</b>", None], "n": [1, 2],
                          "ghi chú": ["một đoạn văn dài hơn ba mươi ký tự để xuống dòng", ""]})
    html = copy_of(frame)
    assert "<b>" not in html and "&lt;b&gt;Lộc&lt;/b&gt;" in html
    assert "<i>" not in html and "&lt;i&gt;Toàn&lt;/i&gt;" in html
    assert ">—<" in html  # a missing cell as the screen's placeholder
    assert f'col2 {LONG_CLASS}"' in html  # a long text wraps


def test_a_styler_given_to_the_page_is_left_as_it_was():
    styler = styled(pd.DataFrame({"name": ["<b>x</b>"]}), ["name"])
    copy_of(styler)
    assert styler.data["Đơn vị"].iloc[0] == "<b>x</b>"
