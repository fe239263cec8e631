"""Getting data in, through the product's own import (`cdht_data.ingest.import_file`, as
`python -m cdht_data import` runs it) and its XLSX reader, against pandas + openpyxl."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd

from cdht_data import ingest, store, storefile
from cdht_data.quality.run import refresh_findings
from cdht_data.readers import read_grid
from cdht_data.synth import AS_OF

from .measure import measured
from .report import Report
from .synthetic import population_file, records_file

CSV_STEP = "records CSV → store (DuckDB read_csv)"
PARQUET_STEP = "records Parquet → store (DuckDB read_parquet)"
XLSX_STEP = "XLSX → cells, project reader (calamine)"
OPENPYXL_STEP = "XLSX → DataFrame, pandas.read_excel(openpyxl)"


def _fresh_store(path: Path, data: Path) -> duckdb.DuckDBPyConnection:
    """A new store opened as the product's writers open theirs (`storefile.open_draft`: its
    memory limit, spilling to `<store>.tmp`)."""
    for p in (path, Path(str(path) + ".wal")):
        p.unlink(missing_ok=True)
    con = storefile.open_draft(path)
    store.init_db(con, data / "reference")
    return con


def _close(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    con.close()
    shutil.rmtree(f"{path}.tmp", ignore_errors=True)  # the writer's spill directory


def national_store(report: Report, work: Path, data: Path, people: int,
                   csv: bool = True) -> Path:
    """Records from CSV (into a store then deleted; unless not `csv`), then from Parquet into
    the store the later sections read, with the population table and the period's quality
    checks."""
    if csv:
        db_csv = work / "ingest_csv.duckdb"
        con = _fresh_store(db_csv, data)
        with measured(report, "ingest", CSV_STEP, rows=people):
            ingest.import_file(con, records_file(data, "csv"), "records", as_of=AS_OF,
                               recheck=False)
        _close(con, db_csv)
        db_csv.unlink()
    db = work / "national.duckdb"
    con = _fresh_store(db, data)
    with measured(report, "ingest", PARQUET_STEP, rows=people):
        ingest.import_file(con, records_file(data, "parquet"), "records", as_of=AS_OF,
                           recheck=False)
    population = population_file(data)
    with measured(report, "ingest", "population table (CSV, project reader)",
                  rows=sum(1 for _ in open(population, encoding="utf-8")) - 2):
        ingest.import_file(con, population, "population", as_of=AS_OF, recheck=False)
    with measured(report, "ingest", "quality checks of the period"):
        refresh_findings(con, AS_OF)
    con.execute("CHECKPOINT")
    _close(con, db)
    report.notes.append(f"national store: {db} ({db.stat().st_size / 2**20:.0f} MB)")
    return db


def xlsx_project(report: Report, path: Path, rows: int) -> None:
    with measured(report, "ingest", XLSX_STEP, rows=rows) as out:
        out["cells"] = sum(len(r) for r in read_grid(path))


def xlsx_openpyxl(report: Report, path: Path, rows: int) -> None:
    with measured(report, "ingest", OPENPYXL_STEP, rows=rows, engine="openpyxl"):
        pd.read_excel(path, engine="openpyxl")
