"""The benchmark's data: a synthetic country written by `cdht_data.synth` (kept in the work
directory and reused by later runs) and an XLSX of its first records for the reader race.

openpyxl is imported only when the XLSX is written: the product never loads it, so it stays
out of the memory of the store's steps (as pandas' and polars' do, see recompute.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from cdht_data.synth import synthesize

from .measure import measured
from .report import Report


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


def population_file(data: Path) -> Path:
    return next(data.glob("synthetic_population_*.csv"))


def _write_xlsx(path: Path, data: Path, rows: int) -> None:
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
            _write_xlsx(path, data, rows)
    return path
