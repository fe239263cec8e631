"""Nhập số liệu: what the import page shows and does, with the CLI's own functions.

An uploaded file is checked on a scratch copy of the store (checking.check_file, as
`import --dry-run`), shown cell by cell, and written only when the user confirms, by
ingest.import_file in one transaction under the store's write lock (as `import --user`).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from .. import history, ingest, store
from ..checking import FileCheck, check_file
from ..formatting import fmt_date
from ..keys import TABLE_KINDS
from ..undo import undo

# The kinds of table a user may upload on the page (unit registries stay with the CLI).
UPLOAD_KINDS = tuple(TABLE_KINDS)


def _saved(name: str, data: bytes, folder: Path) -> Path:
    """The upload as a file under its own name (the readers and the history go by the name)."""
    path = folder / Path(name).name
    path.write_bytes(data)
    return path


def check_upload(db_path: str, name: str, data: bytes, kind: str, as_of: dt.date | None,
                 structure: str | None) -> FileCheck:
    """Every problem of an uploaded file, and what importing it would do; writes nothing."""
    with tempfile.TemporaryDirectory(prefix="cdht-upload-") as folder:
        path = _saved(name, data, Path(folder))
        with store.scratch_copy(db_path) as con:
            return check_file(con, path, kind, as_of, structure)


def import_upload(db_path: str, name: str, data: bytes, kind: str, as_of: dt.date | None,
                  structure: str | None, user: str, replace: bool) -> ingest.ImportResult:
    """The confirmed file into the store, recorded under `user` (one transaction)."""
    with tempfile.TemporaryDirectory(prefix="cdht-upload-") as folder:
        path = _saved(name, data, Path(folder))
        with store.writing(db_path) as con:
            return ingest.import_file(con, path, kind, as_of=as_of, replace=replace,
                                      structure=structure, user=user)


def preview_frame(check: FileCheck) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The file's cells as written (rows numbered as a spreadsheet numbers them, columns by
    letter) and, beside it, True for each cell with a problem (a whole row when the problem
    names no column)."""
    preview = check.preview
    if preview is None:
        return pd.DataFrame(), pd.DataFrame()
    index = [no for no, _ in preview.rows]
    cells = pd.DataFrame([list(row) + [""] * (len(preview.letters) - len(row))
                          for _, row in preview.rows], index=index, columns=preview.letters,
                         dtype="str")
    marked = pd.DataFrame(False, index=index, columns=preview.letters)
    for row, letter in preview.marked:
        if row in marked.index:
            if letter in marked.columns:
                marked.loc[row, letter] = True
            else:
                marked.loc[row, :] = True
    return cells, marked


def problems_frame(check: FileCheck) -> pd.DataFrame:
    return pd.DataFrame([{"row": p.row, "column": p.column, "cell": p.cell, "message": p.message}
                         for p in check.problems],
                        columns=["row", "column", "cell", "message"])


def changes_frame(check: FileCheck) -> pd.DataFrame:
    return pd.DataFrame([{"unit": c.unit, "column": c.column, "old": c.old, "new": c.new}
                         for c in check.changes], columns=["unit", "column", "old", "new"])


def findings_frame(check: FileCheck) -> pd.DataFrame:
    return pd.DataFrame([{"severity": f.severity, "message": f.message} for f in check.findings],
                        columns=["severity", "message"])


def history_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every import, replacement and entry, newest first, as the page lists them."""
    rows = [{"id": e.history_id, "at": history.local_time(e.at).strftime("%d/%m/%Y %H:%M"),
             "action": history.ACTIONS[e.action], "kind": TABLE_KINDS[e.kind].title,
             "as_of": fmt_date(e.as_of), "area": e.area_name, "file": e.file_name,
             "rows": e.row_count, "user": e.user, "undone": e.undone}
            for e in reversed(history.entries(con))]
    return pd.DataFrame(rows, columns=["id", "at", "action", "kind", "as_of", "area", "file",
                                       "rows", "user", "undone"])


def undo_entry(db_path: str, history_id: int, user: str) -> history.HistoryEntry:
    """Undo one entry (quan_tri on the page), as `undo ID --user` does."""
    with store.writing(db_path) as con:
        return undo(con, history_id, user)
