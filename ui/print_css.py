"""How a dashboard page's tables are drawn, and how the page prints (Ctrl+P in the browser):
A4, no sidebar, header or toolbar, charts within the page width and never cut across two
pages, table rows never cut, and the league table whole. One style sheet, set once per run by
dashboard.py (`apply`).

`table` draws a table one of two ways:
- **plain**: a table of up to PLAIN_ROWS rows that is no widget is a plain HTML table, the same
  on screen and on paper. The grid's code is the largest part of a page's first load and of
  a switch to it (docs/performance.md, "Thirteenth round"), for sorting and searching that a
  table read whole at a glance does not need.
- **grid**: a longer table, or one whose rows can be picked, is st.dataframe. Its canvas draws
  only the rows in view: on paper it would show a dozen rows, as a picture. So the page prints
  a plain HTML copy of it instead, which the screen never shows (the grid and its copy sit in a
  container whose key starts with PRINT_SWAP).
`copy_of` makes either HTML from a table as `ui.tables.styled` shows it."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit.runtime.scriptrunner import get_script_run_ctx

from .charts import LOW_FILL, LOW_FILL_TEXT
from .content_hash import HASH_FUNCS
from .tables import Shown, as_text

PRINT_SWAP = "print_swap"  # st.container(key=PRINT_SWAP + "_…"): print the copy, not the grid
COPY_CLASS = "cdht-print-copy"
PLAIN_CLASS = "cdht-table"  # a plain table, on screen and on paper
PLAIN_ROWS = 100  # a table with more rows is a grid: it scrolls and sorts
NUMBER_CLASS = "cdht-number"  # a cell of a numeric column (a copy, a plain table)
LONG_CLASS = "cdht-long-text"  # a cell of a column of long texts, which wrap
LONG_TEXT = 30  # characters: a column with a longer text wraps
FILLED_CLASS = "cdht-filled"  # a row the screen fills (ui.tables.styled: low uptake)

CSS = f"""
<style>
.{COPY_CLASS} {{ display: none; }}
/* a plain table: the grid's font and padding, grey rules that read in a light and a dark
   theme, figures right-aligned on one line; a wide table scrolls sideways in its own box */
.{PLAIN_CLASS} {{ overflow-x: auto; max-width: 100%; margin-bottom: 1rem; }}
.{PLAIN_CLASS} table {{
  border-collapse: collapse; width: 100%; font-size: 0.875rem; line-height: 1.45;
  font-variant-numeric: tabular-nums;
}}
.{PLAIN_CLASS} th, .{PLAIN_CLASS} td {{
  border: 1px solid rgba(128, 128, 128, 0.28); padding: 0.3rem 0.6rem;
}}
.{PLAIN_CLASS} th {{
  text-align: left; vertical-align: bottom; font-weight: 600;
  background-color: rgba(128, 128, 128, 0.08);
}}
.{PLAIN_CLASS} td {{ white-space: nowrap; }}
.{PLAIN_CLASS} td.{NUMBER_CLASS} {{ text-align: right; }}
.{PLAIN_CLASS} td.{LONG_CLASS} {{ white-space: normal; min-width: 12em; }}
.{PLAIN_CLASS} tr.{FILLED_CLASS} td {{
  background-color: {LOW_FILL}; color: {LOW_FILL_TEXT}; font-weight: 600;
}}
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
  [data-testid="stVegaLiteChart"], [data-testid="stMetric"], [data-testid="stAlert"] {{
    break-inside: avoid; page-break-inside: avoid; max-width: 100% !important;
  }}
  /* the grid and the box Streamlit sizes for it (else a blank as tall as the grid) */
  [class*="st-key-{PRINT_SWAP}"] [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]),
  [class*="st-key-{PRINT_SWAP}"] [data-testid="stDataFrame"] {{ display: none !important; }}
  .{COPY_CLASS} {{ display: block !important; }}
  .{PLAIN_CLASS} {{ overflow: visible !important; }}
  :is(.{COPY_CLASS}, .{PLAIN_CLASS}) table {{
    width: 100%; border-collapse: collapse; font-size: 9.5pt;
  }}
  :is(.{COPY_CLASS}, .{PLAIN_CLASS}) :is(th, td) {{ border: 0.5pt solid #999; padding: 2px 4px; }}
  :is(.{COPY_CLASS}, .{PLAIN_CLASS}) thead {{ display: table-header-group; }}  /* on every page */
  :is(.{COPY_CLASS}, .{PLAIN_CLASS}) tr {{ break-inside: avoid; page-break-inside: avoid; }}
  /* headers wrap; a name or a figure stays on one line (figures right-aligned); a long text
     (a rule's explanation, a file name) wraps, anywhere if it must, within the page */
  :is(.{COPY_CLASS}, .{PLAIN_CLASS}) th {{
    text-align: left; vertical-align: bottom; overflow-wrap: break-word;
    background-color: transparent;
  }}
  :is(.{COPY_CLASS}, .{PLAIN_CLASS}) td {{ white-space: nowrap; }}
  :is(.{COPY_CLASS}, .{PLAIN_CLASS}) td.{NUMBER_CLASS} {{ text-align: right; }}
  :is(.{COPY_CLASS}, .{PLAIN_CLASS}) td.{LONG_CLASS} {{
    white-space: normal; overflow-wrap: anywhere; min-width: 8em;
  }}
  :is(.{COPY_CLASS}, .{PLAIN_CLASS}) tr.{FILLED_CLASS} td {{
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
  const charts = () => [...w.document.querySelectorAll('[data-testid="stVegaLiteChart"]')].map(
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


def copy_of(shown: pd.DataFrame | Shown, kind: str = COPY_CLASS) -> str:
    """A table as HTML, the printed copy of a grid (COPY_CLASS) or a plain table (PLAIN_CLASS):
    what st.dataframe shows (a frame, or a Shown table with its formats and fill), every row,
    the header repeated on each printed page, figures on one line. Every text,
    cells and headers, is escaped (a unit named "<b>" prints so). Only the display values, a
    column's class and a filled row's class: pandas' own HTML gave every cell an id, three
    classes and, for a fill, a CSS rule naming it, three to four times the bytes, which every
    browser showing the page parsed on each run to no use (docs/performance.md)."""
    text = shown.text() if isinstance(shown, Shown) else as_text(shown)
    cells = []
    for values, numeric in zip(text.columns, text.numeric):
        own = NUMBER_CLASS if numeric else \
            LONG_CLASS if max(map(len, values), default=0) > LONG_TEXT else ""
        opening = f'<td class="{own}">' if own else "<td>"
        cells.append([f"{opening}{html.escape(v)}</td>" for v in values])
    head = "".join(f"<th>{html.escape(h)}</th>" for h in text.headers)
    body = "".join((f'<tr class="{FILLED_CLASS}">' if filled else "<tr>") + "".join(row)
                   + "</tr>\n" for row, filled in zip(zip(*cells), text.filled))
    return (f'<div class="{kind}"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
            f"{body}</tbody>\n</table></div>")


def table(shown: pd.DataFrame | Shown, name: str, **dataframe):
    """`shown` as a plain table, or as st.dataframe(shown, **dataframe) on screen with its
    printed copy (see the module's docstring); `name` keys it, unique on the page. A Shown
    table is built only when it is drawn. Returns what st.dataframe returns (a selection event
    when asked for), or None."""
    if "on_select" not in dataframe and is_plain(shown):
        _plain(_page(), name, shown)
        return None
    with st.container(key=f"{PRINT_SWAP}_{name}"):
        if "on_select" in dataframe:  # a widget: drawn anew on every run
            event = st.dataframe(_built(shown), **dataframe)
            st.html(_copy(_page(), name, shown))
            return event
        _drawn(_page(), name, shown, tuple(sorted(dataframe.items())))
    return None


def is_plain(shown: pd.DataFrame | Shown) -> bool:
    """Whether a table that is no widget is drawn plain (PLAIN_ROWS)."""
    return len(shown.frame if isinstance(shown, Shown) else shown) <= PLAIN_ROWS


def _built(shown: pd.DataFrame | Shown) -> pd.DataFrame | Styler:
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
def _drawn(page: str, name: str, shown: pd.DataFrame | Shown, options: tuple) -> None:
    st.dataframe(_built(shown), **dict(options))
    st.html(copy_of(shown))


# A plain table is made once per page, table and content, and replayed as a grid is.
@st.cache_data(show_spinner=False, max_entries=512, hash_funcs=HASH_FUNCS)
def _plain(page: str, name: str, shown: pd.DataFrame | Shown) -> None:
    st.html(copy_of(shown, PLAIN_CLASS))


# Each copy is made once per page, table and content, then reused by every rerun and session.
@st.cache_data(show_spinner=False, max_entries=512, hash_funcs=HASH_FUNCS)
def _copy(page: str, name: str, shown: pd.DataFrame | Shown) -> str:
    return copy_of(shown)
