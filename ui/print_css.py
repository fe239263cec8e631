"""How a dashboard page prints (Ctrl+P in the browser): A4, no sidebar, header or toolbar,
charts within the page width and never cut across two pages, table rows never cut, and the
league table whole. One style sheet, set once per run by dashboard.py (`apply`).

A table on screen is a canvas that draws only the rows in view and scrolls inside itself: on
paper it would show a dozen rows, and as a picture. A page prints such a table from a plain
HTML copy instead (`print_copy`, inside a container whose key starts with PRINT_SWAP), which
the screen never shows."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from .tables import styled

PRINT_SWAP = "print_swap"  # st.container(key=PRINT_SWAP + "_…"): print the copy, not the grid
COPY_CLASS = "cdht-print-copy"

CSS = f"""
<style>
.{COPY_CLASS} {{ display: none; }}
@page {{ size: A4; margin: 12mm 10mm; }}
@media print {{
  /* the app's chrome: sidebar, its toggles, the header with the main menu and toolbar */
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stBottom"],
  [data-testid="stDownloadButton"], [data-testid="stElementToolbar"], footer {{
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
  [class*="st-key-{PRINT_SWAP}"] [data-testid="stDataFrame"] {{ display: none !important; }}
  .{COPY_CLASS} {{ display: block !important; }}
  .{COPY_CLASS} table {{ width: 100%; border-collapse: collapse; font-size: 9.5pt; }}
  .{COPY_CLASS} th, .{COPY_CLASS} td {{ border: 0.5pt solid #999; padding: 2px 4px; }}
  .{COPY_CLASS} thead {{ display: table-header-group; }}  /* repeated on every page */
  .{COPY_CLASS} tr {{ break-inside: avoid; page-break-inside: avoid; }}
  /* a unit's name and its figures on one line each; the last column (notes) may wrap */
  .{COPY_CLASS} td {{ white-space: nowrap; }}
  .{COPY_CLASS} td:last-child {{ white-space: normal; }}
  h1, h2, h3 {{ break-after: avoid; page-break-after: avoid; }}
}}
</style>
"""


# A chart is drawn at the screen's width and an SVG without a viewBox does not shrink with its
# box: just before printing, each chart wider than the printed A4 width (210 mm less the
# margins, in CSS pixels) is zoomed down to fit it, and given back its size afterwards.
FIT_CHARTS = """<script>
(() => {
  const w = window.parent && window.parent.document ? window.parent : window;
  if (w.__cdhtPrintFit) return;
  w.__cdhtPrintFit = true;
  const printWidth = (210 - 20) / 25.4 * 96;
  const charts = () => w.document.querySelectorAll('[data-testid="stPlotlyChart"] .svg-container');
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


def print_copy(frame: pd.DataFrame, columns: list[str], low: pd.Series | None = None) -> str:
    """A table as `ui.tables.styled` shows it, as static HTML for paper only: every row, the
    header repeated on each page. Text from data is escaped (a unit named "<b>" prints so)."""
    safe = frame.copy()
    for column in columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(lambda v: html.escape(v) if isinstance(v, str) else v)
    return f'<div class="{COPY_CLASS}">{styled(safe, columns, low=low).to_html()}</div>'
