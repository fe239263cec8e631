"""The benchmark's Streamlit steps, in a child process (`python -m bench.pages`, started by
run.py) so that they run in a process holding what a dashboard server holds, not the records
and comparators of the other steps, and Streamlit's memory stays out of their peaks:

- each page's one call through the pages' cache (ui.data, the same function the page calls):
  a repeat view, keyed by store, area, period and filters;
- each registered page's server time through AppTest (via dashboard.py, the whole country in
  the URL), first and second run.

Writes its rows as JSON to --out for the parent's report.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from streamlit import cache_data
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.testing.v1 import AppTest

from ui import data
from ui.navigation import PAGES

from .measure import measured, timed
from .page_calls import Filters, page_calls
from .queries import VIA_CACHE, query_step
from .report import Report

ROOT = Path(__file__).resolve().parent.parent


def cached_calls(report: Report, db: str, scale: str, area: str, repeat: int) -> None:
    """A repeat view of each page: its ui.data call after the first one filled the cache."""
    key = data.store_key(db)
    filters = Filters(area, data.periods(key, area)[0])
    for script, (function, args) in page_calls(filters).items():
        cache_data.clear()
        cached = getattr(data, function.__name__)
        report.add("queries", query_step(scale, script, function.__name__, VIA_CACHE),
                   area=area, scale=scale, page=script, via=VIA_CACHE,
                   **timed(lambda: cached(key, *args), repeat))


def _components(report: Report):
    """The registry of installed Streamlit components, scanned once as the server does when it
    starts (Runtime.__init__). A bare AppTest rescans every installed package's metadata on
    each run, which no page view of a running server pays; each measured AppTest is handed
    this one instead. None (each AppTest scans) if AppTest lacks the hook."""
    if not hasattr(AppTest.from_file(str(ROOT / "dashboard.py")), "_bidi_component_manager"):
        report.notes.append("pages: AppTest has no _bidi_component_manager; every page time "
                            "includes AppTest's own scan of the installed components")
        return None
    with measured(report, "pages", "component scan, once per server start (not in the page "
                                   "times below)"):
        manager = BidiComponentManager()
        manager.discover_and_register_components(start_file_watching=False)
    return manager


def _app(script: Path, components) -> AppTest:
    at = AppTest.from_file(str(script), default_timeout=120)
    if components is not None:
        at._bidi_component_manager = components
    return at


def _open(script: str, area: str, components) -> AppTest:
    at = _app(ROOT / "dashboard.py", components)
    at.query_params["dia_ban"] = area
    at.switch_page(script)
    return at.run()


def page_server_times(report: Report, area: str, district: str, work: Path) -> None:
    """Each page opened in a new session (a new AppTest through dashboard.py with the area in
    the URL), in a server that has started: every page was opened once before, for a district,
    so the imports a process makes once are done (that first view is reported on its own).
    Then per page, the data caches emptied: the first run (what the first visitor of an area
    and period waits for) and the second (every later visitor)."""
    components = _components(report)
    baseline = work / "apptest_baseline.py"
    baseline.write_text('import streamlit as st\n\nst.write("")\n', encoding="utf-8")
    for attempt in ("first run", "second run"):
        with measured(report, "pages", f"AppTest harness alone (an empty script) ({attempt})"):
            _app(baseline, components).run()
    for script, title, _ in PAGES:
        with measured(report, "pages", f"server start-up: {script} opened for the first time "
                                       "in the process, a district (imports; not a goal)"):
            _open(script, district, components)
    for script, title, _ in PAGES:
        cache_data.clear()
        for attempt in ("first run", "second run"):
            with measured(report, "pages", f"{script} – {title} ({attempt})", page=script,
                          attempt=attempt) as out:
                at = _open(script, area, components)
                out["exceptions"] = [str(e.value)[:200] for e in at.exception]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--area", required=True)
    parser.add_argument("--district", required=True)
    parser.add_argument("--repeat", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    for name in ("streamlit.runtime.caching.cache_data_api",  # "no runtime" on every bare call
                 "streamlit.runtime.scriptrunner_utils.script_run_context"):
        logging.getLogger(name).setLevel(logging.ERROR)
    report = Report({}, {})
    cached_calls(report, args.db, "district", args.district, args.repeat)
    cached_calls(report, args.db, "national", args.area, args.repeat)
    page_server_times(report, args.area, args.district, Path(args.out).parent)
    Path(args.out).write_text(json.dumps({"rows": report.rows, "notes": report.notes},
                                         ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
