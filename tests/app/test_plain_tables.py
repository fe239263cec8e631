"""ui.print_css.table draws a short table that is no widget as a plain HTML table, the same on
screen and on paper, and a long one or one whose rows can be picked as a grid with its printed
copy. SYNTHETIC frames (labelled), drawn by a small script."""

from streamlit.testing.v1 import AppTest

from tests.shown_tables import plain, tables
from ui.print_css import COPY_CLASS, PLAIN_CLASS, PLAIN_ROWS
from ui.tables import LOW_TEXT


def _script(rows: int, pick: bool):
    import pandas as pd

    from ui.print_css import table
    from ui.tables import shown

    frame = pd.DataFrame({"name": [f"<b>Xã tổng hợp {i}</b>" for i in range(rows)],  # SYNTHETIC
                          "registered_count": [5049 + i for i in range(rows)],
                          "low": [i == 0 for i in range(rows)]})
    options = {"on_select": "rerun", "selection_mode": "single-row"} if pick else {}
    table(shown(frame, ["name", "registered_count"], low="low"), "synthetic", hide_index=True,
          **options)


def _drawn(rows: int, pick: bool = False) -> AppTest:
    at = AppTest.from_function(_script, args=(rows, pick), default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    return at


def _html(at: AppTest) -> str:
    return "".join(h.value for h in at.get("html"))


def test_a_short_table_is_plain_with_the_screens_formats_escaped_text_and_fill():
    at = _drawn(PLAIN_ROWS)
    assert not at.dataframe
    [drawn] = plain(at)
    assert len(drawn) == PLAIN_ROWS
    assert drawn.columns.tolist() == ["Đơn vị", "Tham gia thấp", "Đăng ký"]
    assert drawn.iloc[0].tolist() == ["<b>Xã tổng hợp 0</b>", LOW_TEXT, "5.049"]
    html = _html(at)
    assert f'<div class="{PLAIN_CLASS}">' in html and COPY_CLASS not in html
    assert "&lt;b&gt;Xã tổng hợp 0&lt;/b&gt;" in html and "<b>" not in html
    assert html.count('<tr class="cdht-filled">') == 1  # the low-uptake row, filled


def test_a_longer_table_is_a_grid_with_its_printed_copy():
    at = _drawn(PLAIN_ROWS + 1)
    assert len(at.dataframe) == 1 and not plain(at)
    assert len(at.dataframe[0].value) == PLAIN_ROWS + 1
    assert f'<div class="{COPY_CLASS}">' in _html(at)
    assert len(tables(at)) == 1  # the copy is for paper, not a table of the screen


def test_a_table_whose_rows_can_be_picked_is_a_grid_however_short():
    at = _drawn(3, pick=True)
    assert len(at.dataframe) == 1 and not plain(at)
    assert f'<div class="{COPY_CLASS}">' in _html(at)
