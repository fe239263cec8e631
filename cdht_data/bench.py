"""`python -m cdht_data bench`: speed and memory on synthetic data, side by side with the
alternatives, in one process (the Streamlit steps in a child, see "pages" below).

Sections (each also records the peak RSS of the process while it ran):
- ingest: records CSV and Parquet into a fresh store (rows/s); an XLSX of records read with the
  project's reader (calamine) and with pandas + openpyxl;
- recompute: every metric for every commune × group × band from the raw records, in DuckDB,
  plain pandas and polars (when installed): from records already held (DuckDB's store table,
  the others' DataFrames) at --people, and from the raw Parquet file at 1M and at --people;
- queries: what the pages ask (overview, one commune's drill-down, the map) at district and
  national scale, p50 and p95 over --repeat calls;
- pages: server time of every page (ui.navigation.PAGES, through dashboard.py) in Streamlit's
  AppTest with CDHT_DB set to the national store, and the overview through the pages' cache;
  these need Streamlit, so they run in a child process (ui/bench_pages.py) and the data
  package never imports it;
- goals: each goal of issue 5, met or missed and by how much.

DuckDB and the comparators run first and last respectively, so the comparators' memory does
not count in the store's own peaks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from . import ingest, metrics, store
from .quality.run import refresh_findings
from .synth import AS_OF, COUNTRY_KEY, synthesize

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
MILLION = 1_000_000
GOALS = {
    "query_p95_ms": 50, "page_ms": 300, "recompute_s": 0.5, "recompute_vs_pandas": 3,
    "parquet_rows_s": 1_000_000, "csv_rows_s": 300_000, "xlsx_rows_s": 40_000,
    "xlsx_vs_openpyxl": 8, "peak_mb": 2048,
}


# ---------------------------------------------------------------- measuring

def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class PeakRss:
    """Highest RSS seen while a step runs, sampled every 5 ms in a thread."""

    def __init__(self):
        self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, rss_mb())

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())


@dataclass
class Report:
    params: dict
    machine: dict
    rows: list[dict] = field(default_factory=list)  # one per measured step
    ratios: list[dict] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, section: str, step: str, **values) -> dict:
        row = {"section": section, "step": step, **values}
        self.rows.append(row)
        return row

    def find(self, section: str, step: str) -> dict | None:
        return next((r for r in self.rows if r["section"] == section and r["step"] == step), None)


@contextmanager
def measured(report: Report, section: str, step: str, rows: int | None = None, **extra):
    """Time one step and its peak RSS; adds rows/s when `rows` is given."""
    gc.collect()
    out: dict = {}
    with PeakRss() as peak:
        start = time.perf_counter()
        yield out
        seconds = time.perf_counter() - start
    values = {"seconds": round(seconds, 4), "peak_rss_mb": round(peak.peak, 1), **extra, **out}
    if rows:
        values["rows"] = rows
        values["rows_per_s"] = round(rows / seconds) if seconds else None
    report.add(section, step, **values)


def machine() -> dict:
    mem = next((int(line.split()[1]) // 1024 for line in open("/proc/meminfo")
                if line.startswith("MemTotal")), None)
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                  if line.startswith("model name")), platform.processor())
    load = os.getloadavg()
    return {"cpus": os.cpu_count(), "cpu": model, "memory_mb": mem,
            "python": platform.python_version(), "duckdb": duckdb.__version__,
            "load_average_at_start": [round(x, 2) for x in load],
            "cpu_reference_ms_at_start": cpu_reference_ms(),
            "date": dt.datetime.now().isoformat(timespec="seconds")}


def cpu_reference_ms() -> float:
    """A fixed pure-Python loop, best of three: how fast this machine is right now. A shared
    virtual machine's speed drifts (the same loop has taken 280 to 500 ms here within a
    minute), and absolute times are only comparable at a similar reference."""
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(3_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2), "p95_ms": round(p95 * 1000, 2),
            "calls": len(ordered)}


def timed(fn, repeat: int) -> dict:
    """p50 / p95 of `repeat` calls after one warm-up call, with the highest RSS after a call.

    RSS is read between calls, not by PeakRss's sampling thread: for calls of a few tens of
    milliseconds, that thread's wake-ups every 5 ms took the GIL from the call being timed.
    """
    fn()  # first call: registry and file cache
    samples, peak = [], rss_mb()
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
        peak = max(peak, rss_mb())
    return {"peak_rss_mb": round(peak, 1), **percentiles(samples)}


# ---------------------------------------------------------------- data

def synth_dir(work: Path, communes: int, people: int, report: Report) -> Path:
    out = work / f"synthetic_{communes}c_{people}p"
    if (out / "synthetic_manifest.json").exists():
        report.notes.append(f"reused synthetic data in {out}")
        return out
    with measured(report, "data", f"synth {people:,} records", rows=people):
        synthesize(out, communes, people, seed=1)
    return out


def records_file(data: Path, suffix: str) -> Path:
    return next(data.glob(f"synthetic_records_*.{suffix}"))


# ---------------------------------------------------------------- ingest

def fresh_store(path: Path, data: Path) -> duckdb.DuckDBPyConnection:
    for p in (path, Path(str(path) + ".wal")):
        p.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    store.init_db(con, data / "reference")
    return con


def bench_ingest(report: Report, work: Path, data: Path, people: int) -> Path:
    """Records from CSV, then from Parquet (the store the later sections use), plus population."""
    db_csv = work / "ingest_csv.duckdb"
    con = fresh_store(db_csv, data)
    with measured(report, "ingest", "records CSV → store (DuckDB read_csv)", rows=people):
        ingest.import_file(con, records_file(data, "csv"), "records", as_of=AS_OF, recheck=False)
    con.close()
    db_csv.unlink()
    db = work / "national.duckdb"
    con = fresh_store(db, data)
    with measured(report, "ingest", "records Parquet → store (DuckDB read_parquet)", rows=people):
        ingest.import_file(con, records_file(data, "parquet"), "records", as_of=AS_OF,
                          recheck=False)
    population = next(data.glob("synthetic_population_*.csv"))
    with measured(report, "ingest", "population table (CSV, project reader)",
                  rows=sum(1 for _ in open(population, encoding="utf-8")) - 2):
        ingest.import_file(con, population, "population", as_of=AS_OF, recheck=False)
    with measured(report, "ingest", "quality checks of the period"):
        refresh_findings(con, AS_OF)
    con.execute("CHECKPOINT")
    con.close()
    report.notes.append(f"national store: {db} ({db.stat().st_size / 2**20:.0f} MB)")
    return db


def make_xlsx(path: Path, data: Path, rows: int) -> None:
    import openpyxl
    frame = duckdb.execute("SELECT * FROM read_parquet($path) LIMIT $rows",
                           {"path": str(records_file(data, "parquet")), "rows": rows}).df()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(list(frame.columns))
    for record in frame.itertuples(index=False):
        ws.append(list(record))
    wb.save(path)


def xlsx_file(report: Report, work: Path, data: Path, rows: int) -> Path:
    path = work / f"synthetic_records_{rows}.xlsx"
    if not path.exists():
        with measured(report, "data", f"write XLSX of {rows:,} rows (openpyxl, set-up)",
                      engine="openpyxl"):
            make_xlsx(path, data, rows)
    return path


def bench_xlsx_project(report: Report, path: Path, rows: int) -> None:
    from .readers import read_grid
    with measured(report, "ingest", "XLSX → cells, project reader (calamine)", rows=rows) as out:
        out["cells"] = sum(len(r) for r in read_grid(path))


def bench_xlsx_openpyxl(report: Report, path: Path, rows: int) -> None:
    import pandas as pd
    with measured(report, "ingest", "XLSX → DataFrame, pandas.read_excel(openpyxl)", rows=rows,
                  engine="openpyxl"):
        pd.read_excel(path, engine="openpyxl")


# ---------------------------------------------------------------- recompute

RULE = {"pass_mark": 80, "floor": 5}
IND = [f"Chỉ số {k}" for k in range(1, 11)]


BAND_CODES = {0: "below", 1: "70-79", 2: "80-89", 3: "90-100"}  # every engine bands as codes


def _band_sql(total: str, indicators: list[str]) -> str:
    """The band code of a record under RULE. The total is tested first and each indicator
    against the floor with OR, so only the rows still undecided are looked at further (half
    the time of `NOT (total >= pass AND least(...) >= floor)` on 10M records)."""
    short = " OR ".join(f"{i} < {RULE['floor']}" for i in indicators)
    return (f"CASE WHEN {total} < {RULE['pass_mark']} THEN 0 WHEN {short} THEN 0 "
            f"WHEN {total} >= 90 THEN 3 WHEN {total} >= 80 THEN 2 ELSE 1 END::UTINYINT")


# Enough bits for a perfect hash table of unit number × group × band (11,372 units: 14 bits;
# groups and bands: 5), instead of DuckDB's default of 12.
PERFECT_HASH_BITS = 20


def recompute_duckdb(con: duckdb.DuckDBPyConnection, path: Path):
    """People per commune × group × band from the Parquet file, as DuckDB's result columns.

    Each record's code is looked up in the store's unit registry (as an import does), and the
    records are counted per unit number rather than per code: integer keys with known bounds
    are counted in a perfect hash table, a third faster here than hashing the code text of
    10M records. The few result rows then get their codes back.
    """
    band = _band_sql('"Tổng điểm"', [f'"{c}"' for c in IND])
    con.execute(f"SET perfect_ht_threshold = {PERFECT_HASH_BITS}")
    return con.execute(f"""
        SELECT u.code AS unit, grp, band, people
        FROM (SELECT u.sort_order AS unit_no, "Nhóm" AS grp, {band} AS band, count(*) AS people
              FROM read_parquet($path) r JOIN units u ON u.code = r."Mã xã"
              GROUP BY ALL) c
        JOIN units u ON u.sort_order = c.unit_no
        ORDER BY ALL""", {"path": str(path)}).fetchnumpy()


def recompute_store(con: duckdb.DuckDBPyConnection, dataset_id: int):
    """The same from the records the store holds (every indicator as imported, typed and sorted
    by unit): what recomputing the counts under a changed rule set reads."""
    band = _band_sql("total_score", [f"ind_{k}" for k in range(1, 11)])
    return con.execute(f"""
        SELECT unit_key AS unit, group_no AS grp, {band} AS band, count(*) AS people
        FROM assessment_records WHERE dataset_id = $dataset_id
        GROUP BY ALL ORDER BY ALL""", {"dataset_id": dataset_id}).fetchnumpy()


def read_pandas(path: Path):
    import pandas as pd
    return pd.read_parquet(path, columns=["Mã xã", "Nhóm", "Tổng điểm", *IND])


def recompute_pandas(source):
    """The same with plain pandas, as a typical Streamlit dashboard computes it, from the file
    (a path) or from a DataFrame it already holds."""
    import numpy as np
    import pandas as pd
    df = read_pandas(source) if isinstance(source, Path) else source
    total = df["Tổng điểm"]
    ok = (total >= RULE["pass_mark"]) & (df[IND].min(axis=1) >= RULE["floor"])
    band = np.select([~ok, total >= 90, total >= 80], [0, 3, 2], 1).astype("uint8")
    return (pd.DataFrame({"unit": df["Mã xã"], "grp": df["Nhóm"], "band": band})
            .groupby(["unit", "grp", "band"]).size().reset_index(name="people")
            .sort_values(["unit", "grp", "band"]))


def read_polars(path: Path):
    import polars as pl
    return pl.read_parquet(path, columns=["Mã xã", "Nhóm", "Tổng điểm", *IND])


def recompute_polars(source):
    """The same with polars: a lazy scan of the file, or a DataFrame it already holds."""
    import polars as pl
    frame = pl.scan_parquet(source) if isinstance(source, Path) else source.lazy()
    total = pl.col("Tổng điểm")
    ok = (total >= RULE["pass_mark"]) & (pl.min_horizontal(IND) >= RULE["floor"])
    return (frame
            .with_columns(pl.when(~ok).then(0).when(total >= 90).then(3)
                          .when(total >= 80).then(2).otherwise(1).cast(pl.UInt8).alias("band"))
            .group_by(["Mã xã", "Nhóm", "band"]).agg(pl.len().alias("people"))
            .sort(["Mã xã", "Nhóm", "band"]).collect())


def _normal(engine: str, result) -> list[tuple]:
    """Each engine's result as the same plain rows, to check they agree (outside the timing:
    turning 170,000 rows into Python tuples is not part of computing them)."""
    if engine == "duckdb":
        rows = zip(*(result[c].tolist() for c in ("unit", "grp", "band", "people")))
    elif engine == "pandas":
        rows = result.itertuples(index=False, name=None)
    else:
        rows = result.iter_rows()
    return [(str(u), int(g), BAND_CODES[int(b)], int(n)) for u, g, b, n in rows]


def _best_of_three(report: Report, step: str, fn, **extra) -> list[tuple]:
    """Time fn three times (the first also warms the file cache), keep the fastest with the
    highest peak; return the result as plain rows."""
    best, result = None, None
    for _ in range(3):
        with measured(report, "recompute", step, **extra):
            native = fn()
        result = _normal(extra["engine"], native)
        del native
        row = report.rows.pop()
        row["groups_x_bands"] = len(result)
        peak = max(row["peak_rss_mb"], best["peak_rss_mb"] if best else 0)
        best = row if best is None or row["seconds"] < best["seconds"] else best
        best["peak_rss_mb"] = peak
    report.rows.append(best)
    return result


def bench_recompute(report: Report, datasets: dict[int, Path], engines: list[str],
                    db: Path, people: int) -> None:
    """Each engine recomputes every commune × group × band, two ways:

    - "held": from records already loaded, i.e. DuckDB from the store's records table, pandas
      and polars from a DataFrame read from the same Parquet file beforehand (the read is
      timed on its own line), as a dashboard holds its data; at --people;
    - "from the file": every engine reads the raw Parquet file (DuckDB also looks each code up
      in the store's unit registry, see recompute_duckdb); at 1M and at --people.

    DuckDB runs first, so the comparators' memory is not in its peaks; every engine's result is
    checked against DuckDB's.
    """
    path = records_file(datasets[people], "parquet")
    con = duckdb.connect(str(db), read_only=True)
    dataset_id = con.execute("SELECT dataset_id FROM datasets WHERE kind = 'records'").fetchone()[0]
    reference = _best_of_three(report, f"duckdb {people:,} records, held (store table)",
                               lambda: recompute_store(con, dataset_id), rows=people,
                               engine="duckdb", people=people, held=True)
    funcs = {"duckdb": lambda source: recompute_duckdb(con, source),
             "pandas": recompute_pandas, "polars": recompute_polars}
    files: dict[int, list[tuple]] = {}

    def from_file(engine: str) -> None:
        for size, data in sorted(datasets.items()):
            source = records_file(data, "parquet")
            result = _best_of_three(report, f"{engine} {size:,} records, from the Parquet file",
                                    lambda: funcs[engine](source), rows=size, engine=engine,
                                    people=size, held=False)
            if engine == "duckdb":
                files[size] = result
                if size == people and result != reference:
                    report.notes.append(
                        "recompute: the store's records table disagrees with the Parquet file")
            elif result != files.get(size):
                report.notes.append(f"recompute: {engine} disagrees with duckdb at {size:,}")
            del result
            gc.collect()

    from_file("duckdb")  # every DuckDB step before any comparator holds memory
    con.close()
    readers = {"pandas": read_pandas, "polars": read_polars}
    for engine in engines[1:]:
        with measured(report, "recompute", f"{engine}: read {people:,} records from Parquet "
                      "into memory (before its held recompute)", rows=people, engine=engine):
            frame = readers[engine](path)
        result = _best_of_three(report, f"{engine} {people:,} records, held (DataFrame)",
                                lambda: funcs[engine](frame), rows=people, engine=engine,
                                people=people, held=True)
        del frame
        gc.collect()
        if result != reference:
            report.notes.append(f"recompute: {engine} (held) disagrees with duckdb at {people:,}")
        from_file(engine)


# ---------------------------------------------------------------- page queries

def page_queries(con, area: str, commune: str) -> dict:
    """What each page asks of cdht_data for one view: its one call in cdht_data.views (the
    ui.data cache is left out, so every call reaches the store)."""
    from .definitions import DEFAULT_TARGET_PCT, LowUptake
    from . import views
    low = LowUptake()
    as_of = metrics.area_figures(con, area).as_of
    return {"overview page (Tổng quan)":
            lambda: views.overview(con, area, as_of, None, low, DEFAULT_TARGET_PCT),
            "commune drill-down page (Chi tiết xã)":
            lambda: views.commune_page(con, area, as_of, None, low, DEFAULT_TARGET_PCT,
                                       commune),
            "map page (Bản đồ)": lambda: views.map_page(con, area, as_of, None, low),
            "groups page (Nhóm đối tượng)": lambda: views.groups_page(con, area, as_of, None)}


def bench_queries(report: Report, db: Path, repeat: int, scale: str, area: str) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        for name, fn in page_queries(con, area, _first_commune(con, area)).items():
            report.add("queries", f"{scale}: {name}", area=area, **timed(fn, repeat))
    finally:
        con.close()


def _first_commune(con, area: str) -> str:
    return con.execute("SELECT u.unit_key FROM unit_ancestry a JOIN units u USING (unit_key) "
                       "WHERE a.ancestor_key = ? AND u.level = 'commune' ORDER BY u.sort_order "
                       "LIMIT 1", [area]).fetchone()[0]


def _a_district(db: Path) -> str:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT unit_key FROM units WHERE level = 'district' "
                          "ORDER BY sort_order LIMIT 1").fetchone()
        return row[0] if row else COUNTRY_KEY
    finally:
        con.close()


# ---------------------------------------------------------------- pages

def bench_ui(report: Report, db: Path, district: str, repeat: int,
             area: str = COUNTRY_KEY) -> None:
    """The steps that need Streamlit (each page's server time through AppTest, the overview
    through the pages' cache) run in a child process, `python -m ui.bench_pages`, so that the
    data package never imports Streamlit; their rows join this report."""
    out = db.parent / "ui_steps.json"
    out.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-m", "ui.bench_pages", "--db", str(db), "--area", area,
         "--district", district, "--repeat", str(repeat), "--out", str(out)],
        cwd=ROOT, env={**os.environ, "CDHT_DB": str(db)}, capture_output=True, text=True)
    if done.returncode != 0 or not out.exists():
        report.notes.append(f"pages: the Streamlit steps failed: {done.stderr[-500:]}")
        return
    steps = json.loads(out.read_text(encoding="utf-8"))
    report.rows.extend(steps["rows"])
    report.notes.extend(steps["notes"])


# ---------------------------------------------------------------- ratios and goals

def _seconds(report: Report, section: str, step: str) -> float | None:
    row = report.find(section, step)
    return row["seconds"] if row else None


def summarise(report: Report, people: int, engines: list[str]) -> None:
    def ratio(name, slow, fast):
        if slow and fast:
            report.ratios.append({"ratio": name, "times": round(slow / fast, 1)})

    xlsx_fast = report.find("ingest", "XLSX → cells, project reader (calamine)")
    xlsx_slow = report.find("ingest", "XLSX → DataFrame, pandas.read_excel(openpyxl)")
    held = f"{people:,} records, held"
    for other in engines[1:]:
        ratio(f"recompute {held}: {other} (DataFrame) ÷ duckdb (store table)",
              _seconds(report, "recompute", f"{other} {held} (DataFrame)"),
              _seconds(report, "recompute", f"duckdb {held} (store table)"))
    for size in sorted({min(MILLION, people), people}):
        duck = _seconds(report, "recompute", f"duckdb {size:,} records, from the Parquet file")
        for other in engines[1:]:
            ratio(f"recompute {size:,} records from the Parquet file: {other} ÷ duckdb",
                  _seconds(report, "recompute",
                           f"{other} {size:,} records, from the Parquet file"), duck)
    ratio("XLSX: pandas+openpyxl ÷ project reader", xlsx_slow and xlsx_slow["seconds"],
          xlsx_fast and xlsx_fast["seconds"])
    csv_row = report.find("ingest", "records CSV → store (DuckDB read_csv)")
    pq_row = report.find("ingest", "records Parquet → store (DuckDB read_parquet)")
    ratio("ingest: CSV ÷ Parquet", csv_row and csv_row["seconds"], pq_row and pq_row["seconds"])

    def goal(name, value, target, better="lower", unit=""):
        if value is None:
            report.goals.append({"goal": name, "target": target, "value": None, "met": None})
            return
        met = value <= target if better == "lower" else value >= target
        report.goals.append({"goal": name, "target": target, "value": value, "unit": unit,
                             "met": met, "by": round(value / target, 2)})

    national = [r for r in report.rows if r["section"] == "queries"
                and r["step"].startswith("national") and "cache" not in r["step"]]
    goal(f"page queries p95 at national scale ({people:,} records)",
         max((r["p95_ms"] for r in national), default=None), GOALS["query_p95_ms"], unit="ms")
    pages = [r for r in report.rows if r["section"] == "pages" and "(second run)" in r["step"]
             and not r["step"].startswith("AppTest harness")]
    goal("page server time (second run, the slowest page)",
         round(max(r["seconds"] for r in pages) * 1000, 1) if pages else None,
         GOALS["page_ms"], unit="ms")
    first = [r for r in report.rows if r["section"] == "pages" and "(first run)" in r["step"]
             and not r["step"].startswith("AppTest harness")]
    goal("page server time (first run, the slowest page)",
         round(max(r["seconds"] for r in first) * 1000, 1) if first else None,
         GOALS["page_ms"], unit="ms")
    duck = _seconds(report, "recompute", f"duckdb {held} (store table)")
    goal(f"full recompute from {people:,} raw records (held: the store's records table)", duck,
         GOALS["recompute_s"], unit="s")
    pandas = _seconds(report, "recompute", f"pandas {held} (DataFrame)")
    goal("recompute speed-up over plain pandas (held)", round(pandas / duck, 2)
         if pandas and duck else None, GOALS["recompute_vs_pandas"], "higher", "×")
    duck_file = _seconds(report, "recompute", f"duckdb {people:,} records, from the Parquet file")
    goal(f"full recompute from {people:,} raw records (read from the Parquet file)", duck_file,
         GOALS["recompute_s"], unit="s")
    pandas_file = _seconds(report, "recompute", f"pandas {people:,} records, from the Parquet file")
    goal("recompute speed-up over plain pandas (from the Parquet file)",
         round(pandas_file / duck_file, 2) if pandas_file and duck_file else None,
         GOALS["recompute_vs_pandas"], "higher", "×")
    goal("ingest from Parquet", pq_row and pq_row["rows_per_s"], GOALS["parquet_rows_s"],
         "higher", "rows/s")
    goal("ingest from CSV", csv_row and csv_row["rows_per_s"], GOALS["csv_rows_s"], "higher",
         "rows/s")
    goal("XLSX read", xlsx_fast and xlsx_fast["rows_per_s"], GOALS["xlsx_rows_s"], "higher",
         "rows/s")
    goal("XLSX speed-up over openpyxl",
         round(xlsx_slow["seconds"] / xlsx_fast["seconds"], 2) if xlsx_fast and xlsx_slow
         else None, GOALS["xlsx_vs_openpyxl"], "higher", "×")
    own = [r["peak_rss_mb"] for r in report.rows
           if r.get("engine") in (None, "duckdb") and r["section"] not in ("total", "data")]
    goal("peak memory of the store's own steps", max(own, default=None), GOALS["peak_mb"],
         unit="MB")
    report.notes.append("peak memory is the process RSS: the comparators (pandas, polars, "
                        "openpyxl) run after the store's steps and are reported per step")


# ---------------------------------------------------------------- output

def render(report: Report) -> str:
    lines = ["CDHT bench — DỮ LIỆU MÔ PHỎNG (synthetic data)",
             "machine: " + ", ".join(f"{k} {v}" for k, v in report.machine.items()),
             "params: " + ", ".join(f"{k} {v}" for k, v in report.params.items()), ""]
    lines.append("== ratios ==")
    for r in report.ratios:
        lines.append(f"  {r['ratio']:<52} {r['times']:>8.1f}×")
    lines.append("")
    lines.append("== goals ==")
    for g in report.goals:
        status = {True: "MET", False: "MISSED", None: "n/a"}[g["met"]]
        value = "—" if g["value"] is None else f"{g['value']:,} {g.get('unit', '')}"
        lines.append(f"  {status:<7} {g['goal']:<56} {value:>18}  (goal {g['target']:,})")
    for section in ("data", "ingest", "recompute", "queries", "pages", "total"):
        rows = [r for r in report.rows if r["section"] == section]
        if not rows:
            continue
        lines += ["", f"== {section} =="]
        for r in rows:
            if "p50_ms" in r:
                figure = f"p50 {r['p50_ms']:8.2f} ms  p95 {r['p95_ms']:8.2f} ms"
            else:
                figure = f"{r['seconds']:9.3f} s"
                if r.get("rows_per_s"):
                    figure += f"  {r['rows_per_s']:>12,} rows/s"
            extra = f"  exceptions: {r['exceptions']}" if r.get("exceptions") else ""
            lines.append(f"  {r['step']:<60} {figure}  peak RSS {r['peak_rss_mb']:,.0f} MB{extra}")
    if report.notes:
        lines += ["", "== notes =="] + [f"  - {n}" for n in report.notes]
    return "\n".join(lines)


def run(people: int, communes: int, xlsx_rows: int, repeat: int, work: Path) -> Report:
    work.mkdir(parents=True, exist_ok=True)
    engines = ["duckdb", "pandas"]
    try:
        import polars  # noqa: F401
        engines.append("polars")
    except ImportError:
        pass
    report = Report({"people": people, "communes": communes, "xlsx_rows": xlsx_rows,
                     "repeat": repeat, "engines": engines}, machine())
    datasets = {people: synth_dir(work, communes, people, report)}
    if people > MILLION:
        datasets[MILLION] = synth_dir(work, communes, MILLION, report)
    xlsx = xlsx_file(report, work, datasets[people], xlsx_rows)
    db = bench_ingest(report, work, datasets[people], people)
    bench_xlsx_project(report, xlsx, xlsx_rows)
    district = _a_district(db)
    bench_queries(report, db, repeat, "district", district)
    bench_queries(report, db, repeat, "national", COUNTRY_KEY)
    bench_ui(report, db, district, repeat)
    bench_recompute(report, datasets, engines, db, people)
    bench_xlsx_openpyxl(report, xlsx, xlsx_rows)
    report.rows.sort(key=lambda r: ("data", "ingest", "recompute", "queries",
                                    "pages").index(r["section"]))
    summarise(report, people, engines)
    report.machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report.machine["cpu_reference_ms_at_end"] = cpu_reference_ms()
    report.add("total", "peak RSS of the whole run (ru_maxrss)", seconds=0,
               peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1))
    return report


def main(args: argparse.Namespace) -> int:
    work = Path(args.work) if args.work else RESULTS / "work"
    report = run(args.people, args.communes, args.xlsx_rows, args.repeat, work)
    data = {"params": report.params, "machine": report.machine, "ratios": report.ratios,
            "goals": report.goals, "steps": report.rows, "notes": report.notes}
    text = render(report)
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"bench-{args.people}"
    stem.with_suffix(".json").write_text(json.dumps(data, ensure_ascii=False, indent=2),
                                         encoding="utf-8")
    stem.with_suffix(".txt").write_text(text + "\n", encoding="utf-8")
    print(json.dumps(data, ensure_ascii=False, indent=2) if args.json else text)
    return 0
