"""ui.print_css.copy_of: the HTML a page prints instead of its table's canvas holds every row,
keeps the screen's formats and low-uptake fill, and escapes text from data, cells and headers."""

import pandas as pd

from ui.charts import LOW_FILL
from ui.print_css import COPY_CLASS, CSS, FILLED_CLASS, LONG_CLASS, NUMBER_CLASS, copy_of
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
    assert html.count("<tr") == 41  # the header and 40 rows: no canvas cuts it at a dozen
    assert ">5.049<" in html and ">16,70%<" in html and ">—<" in html
    # the low-uptake row, and it alone, is filled on paper as on screen
    assert html.count(FILLED_CLASS) == 1 and f'<tr class="{FILLED_CLASS}"><td>Xã 3<' in html
    assert "▼ Thấp" in html
    filled_rule = CSS.split(f"tr.{FILLED_CLASS} td {{", 1)[1].split("}", 1)[0]
    assert f"background-color: {LOW_FILL}" in filled_rule
    # figures stay on one line, right-aligned
    assert f'<td class="{NUMBER_CLASS}">5.049</td>' in html


def test_the_copy_carries_no_cell_ids_or_style_rules():
    """pandas' HTML named every cell (id, three classes, a CSS rule per filled cell): bytes
    every browser parses on every run for a copy the screen never shows."""
    low = pd.Series([i % 2 == 0 for i in range(40)])
    shown = styled(FRAME, list(FRAME.columns), low=low)
    html = copy_of(shown)
    assert " id=" not in html and "<style" not in html and "row0" not in html
    assert 3 * len(html) < len(shown.to_html())  # a third of pandas' own, or less


def test_text_from_data_is_escaped_in_cells_and_headers():
    frame = pd.DataFrame({"<i>Toàn</i>": ["<b>Lộc</b>", None], "n": [1, 2],
                          "ghi chú": ["một đoạn văn dài hơn ba mươi ký tự để xuống dòng", ""]})
    html = copy_of(frame)
    assert "<b>" not in html and "&lt;b&gt;Lộc&lt;/b&gt;" in html
    assert "<i>" not in html and "&lt;i&gt;Toàn&lt;/i&gt;" in html
    assert ">—<" in html  # a missing cell as the screen's placeholder
    assert f'<td class="{LONG_CLASS}">một đoạn' in html  # a long text wraps


def test_a_styler_given_to_the_page_is_left_as_it_was():
    styler = styled(pd.DataFrame({"name": ["<b>x</b>"]}), ["name"])
    copy_of(styler)
    assert styler.data["Đơn vị"].iloc[0] == "<b>x</b>"
