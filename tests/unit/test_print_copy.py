"""ui.print_css.copy_of: the HTML a page prints instead of its table's canvas holds every row,
keeps the screen's formats and low-uptake fill, and escapes text from data, cells and headers."""

import datetime as dt
from html.parser import HTMLParser

import pandas as pd

from ui.charts import LOW_FILL
from ui.print_css import COPY_CLASS, CSS, FILLED_CLASS, LONG_CLASS, NUMBER_CLASS, copy_of
from ui.tables import shown

FRAME = pd.DataFrame({
    "name": [f"Xã {i}" for i in range(40)],
    "registered_count": pd.array([5049] + [None] * 39, dtype="Int64"),
    "participation_pct": [16.7] * 40,
})


def test_every_row_with_the_screens_formats_and_fill():
    low = pd.Series([i == 3 for i in range(40)])
    html = copy_of(shown(FRAME.assign(low=low), list(FRAME.columns), low="low"))
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
    table = shown(FRAME.assign(low=low), list(FRAME.columns), low="low")
    html = copy_of(table)
    assert " id=" not in html and "<style" not in html and "row0" not in html
    assert 3 * len(html) < len(table.styler().to_html())  # a third of pandas' own, or less


def test_text_from_data_is_escaped_in_cells_and_headers():
    frame = pd.DataFrame({"<i>Toàn</i>": ["<b>Lộc</b>", None], "n": [1, 2],
                          "ghi chú": ["một đoạn văn dài hơn ba mươi ký tự để xuống dòng", ""]})
    html = copy_of(frame)
    assert "<b>" not in html and "&lt;b&gt;Lộc&lt;/b&gt;" in html
    assert "<i>" not in html and "&lt;i&gt;Toàn&lt;/i&gt;" in html
    assert ">—<" in html  # a missing cell as the screen's placeholder
    assert f'<td class="{LONG_CLASS}">một đoạn' in html  # a long text wraps


def test_the_table_given_is_left_as_it_was():
    frame = pd.DataFrame({"name": ["<b>x</b>"], "registered_count": [None]})
    copy_of(frame)
    copy_of(shown(frame, ["name", "registered_count"]))
    assert frame["name"].iloc[0] == "<b>x</b>" and frame["registered_count"].isna().all()


class _Cells(HTMLParser):
    """The text of each body row's cells."""
    def __init__(self):
        super().__init__()
        self.rows, self._in_body, self._cell = [], False, None

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag == "td" and self._in_body:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1].append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def _cells(html: str) -> list[list[str]]:
    parser = _Cells()
    parser.feed(html)
    return parser.rows


def test_the_copy_shows_each_cell_as_the_grid_does():
    """The copy formats its cells itself, not through the Styler the grid gets: every cell of
    a table with every kind of column (counts, percentages, per month, dates, an own format, a
    label, text, a float and an integer without a format, blanks) reads the same in both."""
    frame = pd.DataFrame({
        "name": ["Lộc Hòa", "Lộc Khánh", None],
        "registered_count": pd.array([5049, None, 0], dtype="Int64"),
        "participation_pct": [16.7, None, 100.0],
        "needed_per_month": [12.345, 0.005, None],
        "as_of": [dt.date(2024, 9, 30), None, dt.date(2025, 7, 1)],
        "score": [87.25, None, 90.0],
        "ratio": [0.5, 1 / 3, None],
        "rank": [1, 2, 3],
        "low": [True, False, False],
    })
    table = shown(frame, ["name", "registered_count", "participation_pct", "needed_per_month",
                          "as_of", "score", "ratio", "rank"], low="low",
                  labels={"ratio": "Tỉ số"}, formats={"score": lambda v: f"{v:.1f} điểm"})
    grid = _cells(table.styler().to_html())
    copy = _cells(copy_of(table))
    assert len(copy) == 3 and copy == grid
    assert copy[0][:4] == ["Lộc Hòa", "▼ Thấp", "5.049", "16,70%"]
