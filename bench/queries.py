"""What each page asks of the data core for one view, timed on the store itself (no cache: every
call reaches the store), at district and national scale: p50 and p95 over --repeat calls."""

from __future__ import annotations

from pathlib import Path

import duckdb

from cdht_data.synth import COUNTRY_KEY
from ui.navigation import PAGES

from .measure import timed
from .page_calls import filters_for, page_calls
from .report import Report

VIA_VIEWS = "cdht_data.views"
VIA_CACHE = "ui.data"


def query_step(scale: str, script: str, function_name: str, via: str) -> str:
    title = next(title for page, title, _ in PAGES if page == script)
    if via == VIA_CACHE:
        return f"{scale}: {title} through the pages' cache (ui.data.{function_name}, a repeat view)"
    return f"{scale}: {title} (views.{function_name})"


def a_district(db: Path) -> str:
    """The store's first district (the whole country when it has none)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT unit_key FROM units WHERE level = 'district' "
                          "ORDER BY sort_order LIMIT 1").fetchone()
        return row[0] if row else COUNTRY_KEY
    finally:
        con.close()


def page_queries(report: Report, db: Path, repeat: int, scale: str, area: str) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        for script, (function, args) in page_calls(filters_for(con, area)).items():
            report.add("queries", query_step(scale, script, function.__name__, VIA_VIEWS),
                       area=area, scale=scale, page=script, via=VIA_VIEWS,
                       **timed(lambda: function(con, *args), repeat))
    finally:
        con.close()
