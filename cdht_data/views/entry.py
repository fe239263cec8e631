"""Nhập số liệu: what the import page shows and does, with the CLI's own functions.

An uploaded file is checked on a scratch copy of the store (checking.check_file, as
`import --dry-run`), shown cell by cell, and written only when the user confirms, by
ingest.import_file in one transaction under the store's write lock (as `import --user`).
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd

from .. import history, ingest, limits, store, template
from ..checking import FileCheck, check_file, refusal
from ..errors import InputError
from ..formatting import fmt_date, fmt_int
from ..keys import TABLE_KINDS
from ..rebuild import last_build
from ..undo import undo

# The kinds of table a user may upload on the page (unit registries stay with the CLI).
UPLOAD_KINDS = tuple(TABLE_KINDS)
# Problems the page lists at most: a records file can have millions, a browser cannot show
# them; the page says how many there are, and `import --dry-run --json` lists every one.
PROBLEMS_SHOWN = 1000


def _saved(name: str, data: bytes, folder: Path) -> Path:
    """The upload as a file under its own name (the readers and the history go by the name)."""
    path = folder / Path(name).name
    path.write_bytes(data)
    return path


def upload_limit(kind: str) -> limits.SizeLimit:
    """The largest file of `kind` the page takes, checked here on the server: the uploader
    itself takes up to server.maxUploadSize and would refuse in English."""
    return limits.upload_limit(kind)


def upload_caption(kind: str) -> str:
    """The words under the uploader for `kind`: what to do and the size it takes."""
    limit = upload_limit(kind)
    words = (f"Kéo thả tệp vào ô trên hoặc bấm «Chọn tệp» (tối đa {limits.size_text(limit.bytes)}"
             f" mỗi tệp")
    if kind == "records":
        words += ("; tệp lớn hơn thì người quản trị máy chủ nhập bằng lệnh «python -m cdht_data "
                  "import TỆP --kind records»")
    return words + "). Chưa có gì được ghi cho đến khi bạn bấm «Ghi vào CSDL»."


def upload_types(kind: str) -> list[str]:
    """The file types the uploader offers for `kind` (records may be Parquet, as on the CLI)."""
    return ["csv", "parquet"] if kind == "records" else ["csv", "xlsx"]


def check_type(name: str, kind: str) -> None:
    """Refuse a file whose type the page does not take for `kind`, in Vietnamese (the
    uploader is given no type list: its own refusal of a dropped file is in English)."""
    suffix = Path(name).suffix.lower().lstrip(".")
    wanted = upload_types(kind)
    if suffix not in wanted:
        raise InputError(f"tệp .{suffix or '(không đuôi)'} không phải loại nhận ở đây; hãy chọn "
                         f"tệp {' hoặc '.join('.' + t for t in wanted)}", file=name)


def check_upload(db_path: str, name: str, data: bytes, kind: str, as_of: dt.date | None,
                 structure: str | None, problem_limit: int | None = None) -> FileCheck:
    """Every problem of an uploaded file (the first `problem_limit`, and how many there are),
    and what importing it would do; writes nothing. A file over its kind's upload limit is
    refused before it is saved or read: the browser's own limit binds only the browser."""
    try:
        check_type(name, kind)
        limits.check_upload(data, kind, name)
    except InputError as exc:
        return refusal(name, kind, as_of, structure, exc)
    with tempfile.TemporaryDirectory(prefix="cdht-upload-") as folder:
        path = _saved(name, data, Path(folder))
        with store.scratch_copy(db_path) as con:
            return check_file(con, path, kind, as_of, structure, problem_limit=problem_limit)


def import_upload(db_path: str, name: str, data: bytes, kind: str, as_of: dt.date | None,
                  structure: str | None, user: str, replace: bool,
                  by_hand: bool = False) -> ingest.ImportResult:
    """The confirmed file (or grid entered by hand) into the store, recorded under `user`, in
    one transaction. Its size is checked again by its kind, as check_upload does."""
    check_type(name, kind)
    limits.check_upload(data, kind, name)
    with tempfile.TemporaryDirectory(prefix="cdht-upload-") as folder:
        path = _saved(name, data, Path(folder))
        provenance = ingest.Provenance(
            title=f"Nhập tay trên trang «Nhập số liệu» bởi {user or '(không ghi tên)'}, lúc "
                  f"{dt.datetime.now().strftime('%d/%m/%Y %H:%M')}") if by_hand else None
        with store.writing(db_path) as con:
            return ingest.import_file(con, path, kind, as_of=as_of, replace=replace,
                                      structure=structure, user=user, provenance=provenance,
                                      by_hand=by_hand)


def entry_grid(con: duckdb.DuckDBPyConnection, kind: str, as_of: dt.date, area: str | None,
               structure: str | None) -> tuple[pd.DataFrame, bytes]:
    """A grid to enter a table by hand: one row per unit of the area (the units in force, or
    of `structure`), one column per count of the report's layout, all blank; with the
    template it fills (template.TEMPLATES), so what is entered is checked and stored exactly
    as a filled template would be."""
    raw = template.TEMPLATES[kind](con, as_of, area, structure)
    sheet = openpyxl.load_workbook(io.BytesIO(raw)).active
    rows, columns = _grid_cells(sheet)
    labels = [_header(sheet, rows[0], c) for c in columns]
    names = [str(sheet.cell(r, 2).value) for r in rows]
    frame = pd.DataFrame({label: pd.array([None] * len(rows), dtype="Int64") for label in labels},
                         index=pd.Index(names, name="Đơn vị"))
    return frame, raw


def grid_file(raw: bytes, frame: pd.DataFrame) -> bytes:
    """The template `raw` with the grid's counts written in (blank where the grid is)."""
    book = openpyxl.load_workbook(io.BytesIO(raw))
    sheet = book.active
    rows, columns = _grid_cells(sheet)
    for r, values in zip(rows, frame.itertuples(index=False)):
        for c, value in zip(columns, values):
            sheet.cell(r, c).value = None if pd.isna(value) else int(value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _grid_cells(sheet) -> tuple[list[int], list[int]]:
    """The template's unit rows (an STT number in column A) and its count columns (blank in
    those rows; totals and rates are formulas)."""
    rows = [r for r in range(1, sheet.max_row + 1) if isinstance(sheet.cell(r, 1).value, int)]
    columns = [c for c in range(3, sheet.max_column + 1) if sheet.cell(rows[0], c).value is None]
    return rows, columns


def _header(sheet, first_row: int, column: int) -> str:
    """A count column's header as printed: its group heading (merged to the left) and its own
    words, read from the header rows above the first unit row."""
    parts = []
    for r in range(1, first_row):
        value = sheet.cell(r, column).value
        if value is None:  # inside a merged heading: the heading is its first cell's
            merged = next((m for m in sheet.merged_cells.ranges
                           if sheet.cell(r, column).coordinate in m), None)
            value = sheet.cell(merged.min_row, merged.min_col).value if merged else None
        if isinstance(value, str) and value.strip() and not value.startswith(("Tính đến",
                                                                                 "Biểu")):
            parts.append(value.strip())
    return " – ".join(dict.fromkeys(parts)) or f"cột {column}"


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
    if preview.headers is not None:  # a records file: its own column names beside the letters
        labels = [f"{letter} · {name}" for letter, name in zip(preview.letters, preview.headers)]
        cells.columns = marked.columns = labels
    return cells, marked


def preview_note(check: FileCheck) -> str | None:
    """What part of the file the preview shows, when it shows only part (a records file)."""
    preview = check.preview
    if preview is None or preview.total_rows is None:
        return None
    first = min(preview.first_rows, preview.total_rows)
    with_problems = " và các dòng có lỗi" if check.problems else ""
    return (f"Đang xem {fmt_int(first)} dòng đầu{with_problems} trên tổng số "
            f"{fmt_int(preview.total_rows)} dòng.")


def problems_note(check: FileCheck) -> str:
    """How many problems the file has, and how many the page lists."""
    said = f"Tệp có {fmt_int(check.problem_count)} lỗi"
    if check.problem_count > len(check.problems):
        said += (f" (dưới đây là {fmt_int(len(check.problems))} lỗi đầu; lệnh «python -m "
                 "cdht_data import TỆP --dry-run --json» liệt kê tất cả)")
    return said + "; sửa tệp rồi tải lên lại. Không có gì được ghi."


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
    """Every import, replacement and entry, newest first, as the page lists them;
    `before_build` marks those older than the last build, which cannot be undone."""
    _, kept_until = last_build(con)
    rows = [{"id": e.history_id, "at": history.local_time(e.at).strftime("%d/%m/%Y %H:%M"),
             "action": history.ACTIONS[e.action], "kind": TABLE_KINDS[e.kind].title,
             "as_of": fmt_date(e.as_of), "area": e.area_name, "file": e.file_name,
             "rows": e.row_count, "user": e.user, "undone": e.undone,
             "before_build": kept_until is not None and e.history_id <= kept_until}
            for e in reversed(history.entries(con))]
    return pd.DataFrame(rows, columns=["id", "at", "action", "kind", "as_of", "area", "file",
                                       "rows", "user", "undone", "before_build"])


def build_note(con: duckdb.DuckDBPyConnection) -> str | None:
    """What the history list says when the store was rebuilt over an older history."""
    built_at, kept_until = last_build(con)
    if kept_until is None:
        return None
    when = f" lúc {built_at.strftime('%d/%m/%Y %H:%M')}" if built_at else ""
    return (f"CSDL được dựng lại từ thư mục dữ liệu{when} (lệnh build): các mục đến số "
            f"{kept_until} có trước lần dựng lại, bảng của chúng không còn trong CSDL nên không "
            "hoàn tác được.")


def undo_entry(db_path: str, history_id: int, user: str) -> history.HistoryEntry:
    """Undo one entry (quan_tri on the page), as `undo ID --user` does."""
    with store.writing(db_path) as con:
        return undo(con, history_id, user)
