"""The benchmark's Streamlit steps, run by `python -m cdht_data bench` in a child process so
that the data package never imports Streamlit: each registered page's server time through
AppTest (via dashboard.py, the whole country chosen), and the overview through the pages'
cache. Writes the rows as JSON to --out for the parent's report."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from streamlit import cache_data
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.testing.v1 import AppTest

from cdht_data.bench import Report, measured, timed
from ui import data
from ui.navigation import PAGES

ROOT = Path(__file__).resolve().parent.parent


def cached_overview(report: Report, db: str, scale: str, area: str, repeat: int) -> None:
    """A repeat view: st.cache_data keyed by database, area and period."""
    cache_data.clear()
    key = data.store_key(db)
    report.add("queries", f"{scale}: overview through the pages' cache (ui.data, a repeat view)",
               area=area, **timed(lambda: data.area_figures(key, area, None), repeat))


def _components(report: Report):
    """The registry of installed Streamlit components, scanned once as the server does when it
    starts (Runtime.__init__). A bare AppTest rescans every installed package's metadata on
    each run, about 140 ms here that no page view of a running server pays; each measured
    AppTest is handed this one instead. None (each AppTest scans) if AppTest lacks the hook."""
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
            with measured(report, "pages", f"{script} – {title} ({attempt})") as out:
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
    cached_overview(report, args.db, "district", args.district, args.repeat)
    cached_overview(report, args.db, "national", args.area, args.repeat)
    page_server_times(report, args.area, args.district, Path(args.out).parent)
    Path(args.out).write_text(json.dumps({"rows": report.rows, "notes": report.notes},
                                         ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
