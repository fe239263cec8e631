"""How a dashboard page prints (Ctrl+P in the browser): A4, no sidebar, header or toolbar,
charts within the page width and never cut across two pages, table rows never cut, and the
league table whole. One style sheet, set once per run by dashboard.py (`apply`).

A table on screen is a canvas that draws only the rows in view and scrolls inside itself: on
paper it would show a dozen rows, and as a picture. A page prints such a table from a plain
HTML copy instead, which the screen never shows: `table` draws both (the grid and its copy,
inside a container whose key starts with PRINT_SWAP); `copy_of` makes the copy of a table
that `ui.tables.styled` shows."""

from __future__ import annotations

import copy
import html

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit.runtime.scriptrunner import get_script_run_ctx

from .charts import LOW_FILL, LOW_FILL_TEXT
from .content_hash import HASH_FUNCS
from .tables import Shown

PRINT_SWAP = "print_swap"  # st.container(key=PRINT_SWAP + "_…"): print the copy, not the grid
COPY_CLASS = "cdht-print-copy"
NUMBER_CLASS = "cdht-number"  # a cell of a numeric column in the copy
LONG_CLASS = "cdht-long-text"  # a cell of a column of long texts, which wrap
LONG_TEXT = 30  # characters: a column with a longer text wraps on paper
FILLED_CLASS = "cdht-filled"  # a row the screen fills (ui.tables.styled: low uptake)

CSS = f"""
<style>
.{COPY_CLASS} {{ display: none; }}
@page {{ size: A4; margin: 12mm 10mm; }}
@media print {{
  /* the app's chrome: sidebar, its toggles, the header with the main menu and toolbar */
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stBottom"],
  [data-testid="stDownloadButton"], [data-testid="stElementToolbar"],
  [data-testid="stSkipToContent"], footer {{
    display: none !important;
  }}
  /* the page grows to its content: no inner scroll box that paper would cut */
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] {{
    height: auto !important; min-height: 0 !important; overflow: visible !important;
    position: static !important;
  }}
  [data-testid="stMainBlockContainer"] {{
    padding: 0 !important; max-width: 100% !important; width: 100% !important;
  }}
  /* a chart is laid out again at the page's width and kept on one page */
  [data-testid="stPlotlyChart"], [data-testid="stMetric"], [data-testid="stAlert"] {{
    break-inside: avoid; page-break-inside: avoid; max-width: 100% !important;
  }}
  [data-testid="stPlotlyChart"] .svg-container, [data-testid="stPlotlyChart"] .main-svg {{
    max-width: 100% !important;
  }}
  /* the grid and the box Streamlit sizes for it (else a blank as tall as the grid) */
  [class*="st-key-{PRINT_SWAP}"] [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]),
  [class*="st-key-{PRINT_SWAP}"] [data-testid="stDataFrame"] {{ display: none !important; }}
  .{COPY_CLASS} {{ display: block !important; }}
  .{COPY_CLASS} table {{ width: 100%; border-collapse: collapse; font-size: 9.5pt; }}
  .{COPY_CLASS} th, .{COPY_CLASS} td {{ border: 0.5pt solid #999; padding: 2px 4px; }}
  .{COPY_CLASS} thead {{ display: table-header-group; }}  /* repeated on every page */
  .{COPY_CLASS} tr {{ break-inside: avoid; page-break-inside: avoid; }}
  /* headers wrap; a name or a figure stays on one line (figures right-aligned); a long text
     (a rule's explanation, a file name) wraps, anywhere if it must, within the page */
  .{COPY_CLASS} th {{ text-align: left; vertical-align: bottom; overflow-wrap: break-word; }}
  .{COPY_CLASS} td {{ white-space: nowrap; }}
  .{COPY_CLASS} td.{NUMBER_CLASS} {{ text-align: right; }}
  .{COPY_CLASS} td.{LONG_CLASS} {{ white-space: normal; overflow-wrap: anywhere; min-width: 8em; }}
  .{COPY_CLASS} tr.{FILLED_CLASS} td {{
    background-color: {LOW_FILL}; color: {LOW_FILL_TEXT}; font-weight: 600;
    -webkit-print-color-adjust: exact; print-color-adjust: exact;
  }}
  h1, h2, h3 {{ break-after: avoid; page-break-after: avoid; }}
}}
</style>
"""


# A chart is drawn at the screen's width and an SVG without a viewBox does not shrink with its
# box: just before printing, each chart wider than the printed A4 width (210 mm less the
# margins, in CSS pixels) is zoomed down to fit it, and given back its size afterwards. The
# zoom is on the chart's whole box, whose height Streamlit fixes: zooming only the drawing left
# a blank below it, which could push the chart to the next page.
FIT_CHARTS = """<script>
(() => {
  const w = window.parent && window.parent.document ? window.parent : window;
  if (w.__cdhtPrintFit) return;
  w.__cdhtPrintFit = true;
  const printWidth = (210 - 20) / 25.4 * 96;
  const charts = () => [...w.document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(
    c => c.closest('[data-testid="stElementContainer"]') || c);
  w.addEventListener('beforeprint', () => charts().forEach(c => {
    const width = c.getBoundingClientRect().width;
    c.style.zoom = width > printWidth ? String(printWidth / width) : '';
  }));
  w.addEventListener('afterprint', () => charts().forEach(c => { c.style.zoom = ''; }));
})();
</script>"""


def apply() -> None:
    """The print style sheet and the fitting of charts, for every page (called once per run
    by dashboard.py)."""
    st.html(CSS + FIT_CHARTS, unsafe_allow_javascript=True)


def copy_of(shown: pd.DataFrame | Styler) -> str:
    """The printed copy of what st.dataframe shows (a frame, or a Styler keeping its formats
    and fills): every row, the header repeated on each page, figures on one line. Text from
    data, cells and headers, is escaped (a unit named "<b>" prints so)."""
    if isinstance(shown, Styler):
        # the formats and fills are kept by position: only the values under them change
        styler = copy.copy(shown)
        styler.data = _escaped(shown.data)
        styler.columns = styler.data.columns
    else:
        styler = _escaped(shown).style.hide(axis="index").format(na_rep="—")
    data = styler.data
    classes = [_column_class(data.iloc[:, i]) for i in range(data.shape[1])]
    styler.set_td_classes(pd.DataFrame([classes] * len(data), index=data.index,
                                       columns=data.columns))
    styler.cell_ids = False  # only the cells the screen fills keep an id: they mark the row
    styler.template_html_table, styler.template_html_style = _LEAN_TABLE, _NO_STYLE
    return f'<div class="{COPY_CLASS}">{styler.to_html()}</div>'


# pandas' own HTML gives every cell an id, three classes and, for a fill, a CSS rule naming
# each filled cell: three to four times the bytes of the table, which every browser showing
# the page parses and sanitises on each run, to no use on screen (docs/performance.md). The
# copy keeps the display values, the column's class (set_td_classes: after pandas' three) and
# a row class where the screen fills the row (the only fill ui.tables.styled makes).
_LEAN_TABLE = Styler.env.from_string("""<table>
<thead>{% for r in head %}<tr>{% for c in r %}{% if c.is_visible != False %}\
<th>{{ c.display_value }}</th>{% endif %}{% endfor %}</tr>{% endfor %}</thead>
<tbody>
{% for r in body %}<tr{% if r | selectattr("id", "defined") | list %} class="{FILLED}"{% endif %}>\
{% for c in r %}{% if c.is_visible != False %}{% set own = c["class"].split()[3:] | join(" ") %}\
<td{% if own %} class="{{ own }}"{% endif %}>{{ c.display_value }}</td>{% endif %}{% endfor %}</tr>
{% endfor %}</tbody>
</table>""".replace("{FILLED}", FILLED_CLASS))
_NO_STYLE = Styler.env.from_string("")


def _column_class(values: pd.Series) -> str:
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return NUMBER_CLASS
    longest = max((len(v) for v in values if isinstance(v, str)), default=0)
    return LONG_CLASS if longest > LONG_TEXT else ""


def _escaped(frame: pd.DataFrame) -> pd.DataFrame:
    def text(value):
        return html.escape(value) if isinstance(value, str) else value
    safe = frame.copy()
    safe.columns = [text(str(c)) for c in safe.columns]
    for column in range(safe.shape[1]):
        if not pd.api.types.is_numeric_dtype(safe.iloc[:, column]):
            safe.isetitem(column, safe.iloc[:, column].map(text))
    return safe


def table(shown: pd.DataFrame | Styler | Shown, name: str, **dataframe):
    """st.dataframe(shown, **dataframe) on screen and, on paper, its printed copy (every row);
    `name` keys the pair, unique on the page. A Shown table is built only when it is drawn.
    Returns what st.dataframe returns (a selection event when asked for)."""
    with st.container(key=f"{PRINT_SWAP}_{name}"):
        if "on_select" in dataframe:  # a widget: drawn anew on every run
            event = st.dataframe(_built(shown), **dataframe)
            st.html(_copy(_page(), name, shown))
            return event
        _drawn(_page(), name, shown, tuple(sorted(dataframe.items())))
    return None


def _built(shown: pd.DataFrame | Styler | Shown) -> pd.DataFrame | Styler:
    return shown.styler() if isinstance(shown, Shown) else shown


def _page() -> str:
    """The page running now: with the table's name, it names the code that formats the
    table."""
    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx else ""


# Streamlit turning a Styler into the table's data (every cell's display value set one column
# at a time) is most of what is left of a table's server time: a table that is no widget is
# drawn once per page, table and content, and its two elements replayed by st.cache_data on
# every later run and session.
@st.cache_data(show_spinner=False, max_entries=512, hash_funcs=HASH_FUNCS)
def _drawn(page: str, name: str, shown: pd.DataFrame | Styler | Shown, options: tuple) -> None:
    built = _built(shown)
    st.dataframe(built, **dict(options))
    st.html(copy_of(built))


# Rendering a Styler to HTML is most of a table's server time: each copy is made once per page,
# table and content, then reused by every rerun and session.
@st.cache_data(show_spinner=False, max_entries=512, hash_funcs=HASH_FUNCS)
def _copy(page: str, name: str, shown: pd.DataFrame | Styler | Shown) -> str:
    return copy_of(_built(shown))
