"""The browser benchmark (`python -m bench browser`, `make bench-browser`): the dashboard on the
bundled data and a bare Streamlit app (one st.title) served side by side, and for every page of
ui/navigation.py, as Debian's chromium shows it: the full load (a new browser context, so
nothing cached), the switch to it from the sidebar's link, and a change of the sidebar's group
and area, each until the page is drawn and nothing runs (bench/browser.py).

Run 0 is the first visit of each page and view on a newly started server (the caches empty):
reported on its own ("first"); runs 1..N give the median and p95. The bare app is loaded just
before each page's load, so both meet the machine in the same state; so is the bare app with
one Vega-Lite chart, the least any page with a chart can cost, and the page's floor: the bare
app drawing one element of each kind the page draws (bench/bare_app.py), the least a page of
those kinds can cost whatever its data.
Results: bench-results/browser.json and browser.txt (git-ignored)."""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

from ui.navigation import PAGES

from . import bare_app, servers
from .browser import Tab, launch
from .browser_report import render, summarise
from .measure import cpu_reference_ms, machine
from .report import write

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
OPENING = "dia_ban=692"  # Lộc Ninh, the bundled data's district (its latest period)
GROUP_LABEL, AREA_LABEL = "Nhóm đối tượng", "Địa bàn"
ACTIONS = ("load", "switch", "filter_group", "filter_area")
# The bare app is served as the dashboard is (.streamlit/config.toml, which its folder does
# not have): no source watcher, whose set-up would otherwise weigh on the reference alone, and
# no full garbage collection after each run.
BARE_SERVING = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
                "STREAMLIT_RUNNER_POST_SCRIPT_GC": "false"}


def page_url(base: str, script: str) -> str:
    """A page's address as the sidebar links it: the first page at /, the others at their
    file's name."""
    path = "" if script == PAGES[0][0] else Path(script).stem
    return f"{base}/{path}?{OPENING}"


class Samples:
    """Durations per (page, action), run 0 apart; the wire and phases of the last run."""

    def __init__(self):
        self.first: dict = {}
        self.runs: dict = {}
        self.detail: dict = {}

    def add(self, run: int, page: str, action: str, result) -> None:
        key = (page, action)
        if run == 0:
            self.first[key] = result.seconds
        else:
            self.runs.setdefault(key, []).append(result.seconds)
        self.detail[key] = {"wire": result.wire, "phases": result.phases,
                            "script_runs": result.script_runs, "cpu": result.cpu}


def other_options(browser, base: str) -> dict:
    """The sidebar choices the filter changes make: the first group, and an area other than
    the opening one (read from the overview, as a person sees them)."""
    tab = Tab(browser)
    try:
        tab.load(page_url(base, PAGES[0][0]), PAGES[0][1])
        groups = tab.options(GROUP_LABEL)
        areas = tab.options(AREA_LABEL)
        shown = tab.page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(
            has_text=AREA_LABEL).inner_text()
    finally:
        tab.close()
    return {GROUP_LABEL: groups[1], AREA_LABEL: next(a for a in areas if a not in shown)}


@contextmanager
def _tab(browser, server: servers.Server, blocked: list):
    """A new tab (a new browser context) on `server`; closed after, what it had refused kept
    in `blocked`."""
    tab = Tab(browser, server)
    try:
        yield tab
    finally:
        blocked.extend(tab.blocked)
        tab.close()


def one_run(run: int, browser, dashboard: servers.Server, bare: servers.Server, pages,
            choices: dict,
            samples: Samples, blocked: list) -> None:
    """Each page's full load and filter changes, each load just after the bare app's; from
    run 1 on also after the bare app drawn with the kinds of element the page drew in run 0
    (its floor), then the switch cycle."""
    for script, title, _ in pages:
        for key, query in servers.BARE_REFERENCES.items():
            with _tab(browser, bare, blocked) as tab:
                samples.add(run, key, "load", tab.load(bare.url + query, servers.BARE_TITLE))
        if run:
            kinds, _ = bare_app.kinds_of(samples.detail[(script, "load")]["wire"]["by_kind"])
            with _tab(browser, bare, blocked) as tab:
                samples.add(run, script, "floor",
                            tab.load(bare.url + bare_app.query(kinds), servers.BARE_TITLE))
        with _tab(browser, dashboard, blocked) as tab:
            samples.add(run, script, "load", tab.load(page_url(dashboard.url, script), title))
            samples.add(run, script, "filter_group",
                        tab.choose(GROUP_LABEL, choices[GROUP_LABEL], title))
            samples.add(run, script, "filter_area",
                        tab.choose(AREA_LABEL, choices[AREA_LABEL], title))
    switch_cycle(run, browser, dashboard, pages, samples, blocked)


def switch_cycle(run: int, browser, dashboard: servers.Server, pages, samples: Samples,
                 blocked: list) -> None:
    """From the first page, a click on each page's sidebar link in turn, then back to the
    first: every page is switched to once, from the page before it."""
    with _tab(browser, dashboard, blocked) as tab:
        tab.load(page_url(dashboard.url, pages[0][0]), pages[0][1])
        for script, title, _ in [*pages[1:], pages[0]]:
            samples.add(run, script, "switch", tab.click_link(title))


def run(runs: int, only: list[str] | None = None, work: Path | None = None) -> dict:
    # the first page always: the switch cycle starts there, and needs a second one
    pages = [p for i, p in enumerate(PAGES)
             if i == 0 or not only or Path(p[0]).stem in only or p[1] in only]
    if len(pages) < 2:
        pages.append(PAGES[1])
    at_start = machine()
    samples, blocked = Samples(), []
    with tempfile.TemporaryDirectory(dir=work, prefix="browser-") as tmp:
        tmp = Path(tmp)
        db = servers.bundled_store(tmp)
        with servers.streamlit(ROOT / "dashboard.py", ROOT, tmp, {"CDHT_DB": str(db)}) \
                as dashboard, servers.streamlit(servers.bare_app(tmp), tmp, tmp, BARE_SERVING) as bare, \
                servers.nowhere() as nowhere, sync_playwright() as p:
            browser = launch(p, nowhere)
            try:
                choices = other_options(browser, dashboard.url)
                for r in range(runs + 1):
                    one_run(r, browser, dashboard, bare, pages, choices, samples, blocked)
            finally:
                browser.close()
    result = summarise(samples, pages)
    report = {"params": {"runs": runs, "pages": [p[0] for p in pages],
                         "data": "the bundled data (data/sources), real, not synthetic",
                         "choices": choices},
              "machine": at_start, **result, "blocked": blocked}
    report["machine"].update(load_average_at_end=[round(x, 2) for x in os.getloadavg()],
                             cpu_reference_ms_at_end=cpu_reference_ms())
    return report


def main(runs: int, only: list[str] | None, as_json: bool) -> int:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "work").mkdir(exist_ok=True)
    report = run(runs, only, RESULTS / "work")
    text = render(report)
    write(RESULTS, "browser", report, text)
    print(json.dumps(report, ensure_ascii=False, indent=2) if as_json else text)
    return 0 if not report["blocked"] else 1
