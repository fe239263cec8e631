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
from streamlit.testing.v1 import AppTest

from cdht_data.bench import Report, measured, timed
from ui import data
from ui.navigation import PAGES

ROOT = Path(__file__).resolve().parent.parent


def cached_overview(report: Report, db: str, scale: str, area: str, repeat: int) -> None:
    """A repeat view: st.cache_data keyed by database, area and period."""
    cache_data.clear()
    report.add("queries", f"{scale}: overview through the pages' cache (ui.data, a repeat view)",
               area=area, **timed(lambda: data.area_figures(db, area, None), repeat))


def page_server_times(report: Report, area: str, work: Path) -> None:
    baseline = work / "apptest_baseline.py"
    baseline.write_text('import streamlit as st\n\nst.write("")\n', encoding="utf-8")
    for attempt in ("first run", "second run"):
        with measured(report, "pages", f"AppTest harness alone (an empty script) ({attempt})"):
            AppTest.from_file(str(baseline), default_timeout=120).run()
    for script, title, _ in PAGES:
        for attempt in ("first run", "second run"):
            with measured(report, "pages", f"{script} – {title} ({attempt})") as out:
                at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
                at.query_params["dia_ban"] = area
                at.switch_page(script)
                at.run()
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
    page_server_times(report, args.area, Path(args.out).parent)
    Path(args.out).write_text(json.dumps({"rows": report.rows, "notes": report.notes},
                                         ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
