"""One benchmark run: every section in order on the same synthetic data, then ratios and goals.

DuckDB's steps run before the comparators' (pandas, polars, openpyxl), so the comparators'
memory does not count in the store's own peaks; the Streamlit steps run in a child process
(pages.py). Results go to bench-results/bench-<people>.txt and .json.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from cdht_data.synth import COUNTRY_KEY

from . import goals
from .ingest import national_store, xlsx_openpyxl, xlsx_project
from .measure import machine, machine_at_end, reference_before
from .queries import a_district, page_queries
from .recompute import COMPARATORS_UP_TO, MILLION, engines, recompute
from .report import SECTIONS, Report, render, save
from .synthetic import synth_dir, xlsx_file

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"


def pages_in_child(report: Report, db: Path, district: str, repeat: int) -> None:
    """The Streamlit steps (`python -m bench.pages`, national and district); their rows join
    this report."""
    out = db.parent / "ui_steps.json"
    out.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-m", "bench.pages", "--db", str(db), "--area", COUNTRY_KEY,
         "--district", district, "--repeat", str(repeat), "--out", str(out)],
        cwd=ROOT, env={**os.environ, "CDHT_DB": str(db)}, capture_output=True, text=True)
    if done.returncode != 0 or not out.exists():
        report.notes.append(f"pages: the Streamlit steps failed: {done.stderr[-500:]}")
        return
    steps = json.loads(out.read_text(encoding="utf-8"))
    report.rows.extend(steps["rows"])
    report.notes.extend(steps["notes"])


def run(people: int, communes: int, xlsx_rows: int, repeat: int, work: Path,
        comparators_up_to: int = COMPARATORS_UP_TO, goal_set: str | None = None,
        csv: bool = True) -> Report:
    """Every section; `goal_set` ("today" or "national") defaults to the one for `people`;
    without `csv`, no CSV import (the national goals have none)."""
    work.mkdir(parents=True, exist_ok=True)
    names = engines()
    report = Report({"people": people, "communes": communes, "xlsx_rows": xlsx_rows,
                     "repeat": repeat, "engines": names,
                     "comparators_up_to": comparators_up_to, "csv": csv}, machine())
    datasets = {people: synth_dir(work, communes, people, report)}
    if people > MILLION:
        datasets[MILLION] = synth_dir(work, communes, MILLION, report)
    xlsx = xlsx_file(report, work, datasets[people], xlsx_rows)
    reference_before(report, "ingest")
    db = national_store(report, work, datasets[people], people, csv)
    xlsx_project(report, xlsx, xlsx_rows)
    district = a_district(db)
    reference_before(report, "queries")
    page_queries(report, db, repeat, "district", district)
    page_queries(report, db, repeat, "national", COUNTRY_KEY)
    reference_before(report, "pages")
    pages_in_child(report, db, district, repeat)
    reference_before(report, "recompute")
    recompute(report, datasets, names, db, people, comparators_up_to)
    xlsx_openpyxl(report, xlsx, xlsx_rows)
    report.rows.sort(key=lambda r: SECTIONS.index(r["section"]))
    goals.ratios(report, people, names)
    goals.goals(report, people, goal_set)
    machine_at_end(report)
    report.add("total", "peak RSS of the whole run (ru_maxrss)", seconds=0,
               peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1))
    return report


def main(people: int, communes: int, xlsx_rows: int, repeat: int, work: str | None,
         as_json: bool, comparators_up_to: int = COMPARATORS_UP_TO, csv: bool = True) -> int:
    report = run(people, communes, xlsx_rows, repeat, Path(work) if work else RESULTS / "work",
                 comparators_up_to, csv=csv)
    save(report, RESULTS, people)
    print(json.dumps(report.as_json(), ensure_ascii=False, indent=2) if as_json
          else render(report))
    return 0
