"""Every problem of a file at once, before anything is written: the import page and
`import --dry-run`.

The same rules as the import, run by the same functions: the readers, the unit registry, the
group check and the records checks take a `problems` list and add each fault there instead of
stopping at the first (errors.report). A fault that stops reading altogether (no header, not a
CSV or XLSX, too big, no date) is one problem, usually without a row.

A file without problems is then imported for real inside a transaction that is always rolled
back (storefile.trial), to see the quality findings it would raise and, when the period already
has that table for that area, what it would change cell by cell. Nothing is left written on
the connection given; the CLI gives it a scratch copy of the store besides
(store.scratch_copy), so the store file is not even opened for writing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from . import ingest, records
from .errors import InputError
from .formatting import fmt_date, fmt_int, fmt_number
from .keys import GROUP_SIZES, SEVERITY_NAMES, STRUCTURE_NAMES, TABLE_KINDS, parse_group_cell
from .layouts import layouts_for
from .quality import stored_findings
from .quality.findings import Finding
from .readers import ParsedTable, cell_text, column_letter, find_as_of, read_grid
from .reference import ruleset_for
from .report_text import KIND as TEXT
from .report_text import distinct_units, read_text_figures
from .sql import sql
from .storefile import trial
from .units import UnitRegistry

_LETTER = re.compile(r"\(([A-Z]{1,3})\)$")


@dataclass(frozen=True)
class Problem:
    """One thing that keeps the file out: where it is, the cell as written, why (Vietnamese)."""
    row: int | None  # as a spreadsheet numbers it; None: the whole file
    column: str | None  # the header as printed and the column's letter: "Nhóm I / Đạt (C)"
    letter: str | None  # the column's letter alone, to mark the cell in a preview
    cell: str | None  # the cell as written
    message: str

    def as_json(self) -> dict:
        return {"row": self.row, "column": self.column, "cell": self.cell,
                "message": self.message}


@dataclass
class Preview:
    """The file's cells as written, and which ones have problems. A records file is shown in
    part (records_preview): its first rows and those with a problem listed."""
    letters: list[str]
    rows: list[tuple[int, list[str]]]  # (row number, cells as written)
    marked: set[tuple[int, str | None]]  # (row, letter); letter None: the whole row
    headers: list[str] | None = None  # a records file's column names, beside the letters
    first_rows: int | None = None  # a partial preview: this many rows from the top ...
    total_rows: int | None = None  # ... of this many data rows (None: the whole file shown)


@dataclass(frozen=True)
class CellChange:
    """One cell the file would change in the table it replaces."""
    unit_key: str | None  # None: the totals row
    unit: str
    column_key: str
    column: str
    old: float | None
    new: float | None


@dataclass
class FileCheck:
    file_name: str
    kind: str
    as_of: dt.date | None = None
    structure: str | None = None
    layout_id: str | None = None
    layout_name: str | None = None
    area_key: str | None = None
    area_name: str | None = None
    ruleset_id: str | None = None
    ruleset_name: str | None = None
    row_count: int = 0
    unit_count: int | None = None  # records: the units the rows name
    groups: list[int] = field(default_factory=list)  # the groups the rows (records) or the
    # columns (group sizes) name
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0  # every problem, also when `problems` holds only the first ones
    preview: Preview | None = None
    findings: list[Finding] = field(default_factory=list)
    replaces: bool = False  # the period already has this kind of table for this area
    changes: list[CellChange] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict:
        """What `import --dry-run --json` prints."""
        return {"ok": self.ok, "problems": [p.as_json() for p in self.problems],
                "findings": [f.as_json() for f in self.findings]}


# A records file's preview: this many rows from the top, besides those with a problem.
PREVIEW_FIRST_ROWS = 200


def check_file(con: duckdb.DuckDBPyConnection, path: str | Path, kind: str,
               as_of: dt.date | None = None, structure: str | None = None,
               replace: bool = True, problem_limit: int | None = None) -> FileCheck:
    """Read and check a file as `import_file` would, listing every problem, and, when it has
    none, the findings and changes importing it would make; writes nothing.

    `replace=False` reports an existing table of the period as a problem, as `import` without
    `--replace` refuses it. `problem_limit` keeps only the first problems (a page cannot show
    millions of them; `problem_count` still counts them all); None, as `import --dry-run`,
    keeps every one.
    """
    path = Path(path)
    check = FileCheck(path.name, kind, as_of, structure)
    errors: list[InputError] = []
    letters: dict[str, str] = {}  # a column as errors name it -> its letter
    try:
        ingest.check_options(kind, structure)
        if kind == "records":
            _read_records(con, path, check, errors, letters, problem_limit)
        else:
            grid = read_grid(path)
            check.preview = _preview(grid)
            if kind == TEXT:
                _read_text(con, path, grid, check, errors)
            else:
                _read_table(con, path, grid, check, errors, letters)
    except InputError as exc:  # what stopped reading
        errors.append(exc)
    check.problems = sorted((_problem(e, letters) for e in errors), key=_place)
    check.problem_count += len(check.problems)  # besides those of a records file not listed
    if problem_limit is not None:
        del check.problems[problem_limit:]
    if kind == "records":
        check.preview = records_preview(con, path, check)
    if check.preview is not None:
        check.preview.marked = {(p.row, p.letter) for p in check.problems if p.row is not None}
    if check.area_key is not None and check.as_of is not None:
        check.replaces = _existing(con, kind, check.as_of, check.area_key) is not None
    if check.ok:
        _try_import(con, path, check)
        if check.replaces and not replace:
            try:
                ingest.existing_dataset(con, kind, check.as_of, check.area_key, False,
                                        check.area_name, path.name)
            except InputError as exc:
                check.problems.append(_problem(exc, letters))
                check.problem_count += 1
    return check


def refusal(file_name: str, kind: str, as_of: dt.date | None, structure: str | None,
            error: InputError) -> FileCheck:
    """The check of a file refused before it is read (too big to upload): that one problem."""
    return FileCheck(file_name, kind, as_of, structure, problems=[_problem(error, {})],
                     problem_count=1)


# ---------------------------------------------------------------- reading, collecting problems

def _read_table(con, path: Path, grid, check: FileCheck, errors: list, letters: dict) -> None:
    plan = ingest.plan_table(con, path, check.kind, check.as_of, check.structure, errors, grid)
    parsed: ParsedTable = plan.parsed
    letters[parsed.unit_header] = parsed.unit_letter
    letters.update({c.header: c.letter for c in parsed.columns.values()})
    check.layout_id, check.layout_name = parsed.layout.id, parsed.layout.name
    check.row_count = len(parsed.rows)
    if check.kind == GROUP_SIZES:
        check.groups = sorted(cell[0] for key in parsed.columns
                              if (cell := parse_group_cell(key)))
    _recognised(check, plan.registry, plan.as_of, plan.area_key, plan.ruleset)


def _read_records(con, path: Path, check: FileCheck, errors: list, letters: dict,
                  problem_limit: int | None) -> None:
    if check.as_of is None:
        raise InputError("bảng từng người không ghi ngày số liệu; hãy cho ngày bằng "
                         "--as-of YYYY-MM-DD", file=path.name)
    registry = UnitRegistry.load(con)
    try:
        source, checked, area_key, ruleset = records.import_plan(
            con, path, check.as_of, registry, check.structure, errors,
            problem_rows=problem_limit)
    finally:
        records.drop_stage(con)
    letters.update({name: column_letter(index) for name, _, index in source.columns.values()})
    check.layout_id = f"records_{source.fmt}"
    check.layout_name = f"{TABLE_KINDS['records'].title} ({source.fmt.upper()})"
    check.row_count = checked.row_count
    check.unit_count, check.groups = len(checked.units), checked.groups
    check.problem_count = checked.unlisted_cells
    _recognised(check, registry, check.as_of, area_key, ruleset)


def records_preview(con, path: Path, check: FileCheck,
                    first_rows: int = PREVIEW_FIRST_ROWS) -> Preview | None:
    """A records file's first `first_rows` rows and every row with a problem listed, cells as
    written; None when the file cannot be read as a table at all (its problem says why)."""
    rows = sorted({p.row for p in check.problems if p.row is not None})
    read = records.preview_rows(con, path, first_rows, rows, check.row_count or None)
    if read is None:
        return None
    headers, numbered, total = read
    letters = [column_letter(i) for i in range(len(headers))]
    return Preview(letters, numbered, set(), headers, first_rows, total)


def _read_text(con, path: Path, grid, check: FileCheck, errors: list) -> None:
    titles, figures = read_text_figures(path, errors, grid)
    [layout] = layouts_for(TEXT)
    check.layout_id, check.layout_name = layout.id, layout.name
    check.row_count = len(figures)
    as_of = check.as_of or find_as_of(titles)
    if as_of is None:
        raise InputError(ingest.NO_DATE, file=path.name)
    registry = UnitRegistry.load(con)
    named = [f for f in figures if f.unit_label]
    area_key = None
    if named:
        found: list[InputError] = []
        _, area_key = registry.resolve_rows(distinct_units(named), as_of, "Đơn vị",
                                            check.structure, found)
        errors.extend(e.located(file=path.name) for e in found)
    _recognised(check, registry, as_of, area_key, ruleset_for(con, as_of, area_key))


def _recognised(check: FileCheck, registry: UnitRegistry, as_of: dt.date,
                area_key: str | None, ruleset: dict) -> None:
    check.as_of = as_of
    if area_key is not None:
        area = registry.units[area_key]
        check.area_key, check.area_name = area_key, area.name
        check.structure = check.structure or area.structure
    check.ruleset_id, check.ruleset_name = ruleset.get("ruleset_id"), ruleset.get("name")


def _problem(error: InputError, letters: dict[str, str]) -> Problem:
    column, letter = error.column, None
    if column:
        match = _LETTER.search(column)
        if match:
            letter = match.group(1)
        elif column in letters:
            letter = letters[column]
            column = f"{column} ({letter})"
    return Problem(error.row, column, letter, error.cell, error.message)


def _place(problem: Problem) -> tuple:
    """Problems in the order of the file: whole-file ones first, then by row and column."""
    letter = problem.letter or ""
    return (problem.row is not None, problem.row or 0, len(letter), letter)


def _preview(grid: list[list[object]]) -> Preview:
    width = max((len(r) for r in grid), default=0)
    rows = [(r + 1, [cell_text(c) for c in row] + [""] * (width - len(row)))
            for r, row in enumerate(grid)]
    return Preview([column_letter(c) for c in range(width)], rows, set())


# ---------------------------------------------------------------- the import, rolled back

def _existing(con, kind: str, as_of: dt.date, area_key: str) -> int | None:
    row = con.execute(sql("dataset_of_period"),
                      {"kind": kind, "as_of": as_of, "area_key": area_key}).fetchone()
    return row[0] if row else None


def _try_import(con, path: Path, check: FileCheck) -> None:
    """Import the file inside a transaction that is rolled back: its findings, its changes."""
    with trial(con):
        try:
            old = _existing(con, check.kind, check.as_of, check.area_key) \
                if check.area_key else None
            before = _cells(con, old, check.kind) if old is not None else None
            result = ingest.import_file(con, path, check.kind, as_of=check.as_of, replace=True,
                                        structure=check.structure)
        except InputError as exc:  # a rule the collecting path does not run
            check.problems.append(_problem(exc, {}))
            return
        new = result.dataset_id
        cited = {r[0] for r in con.execute(sql("findings_citing_dataset"),
                                           {"dataset_id": new}).fetchall()}
        check.findings = [f for f in stored_findings(con) if f.finding_id in cited]
        if before is not None:
            check.changes = _changes(before, _cells(con, new, check.kind),
                                     _headers(con, old) | _headers(con, new))


def _cells(con, dataset_id: int, kind: str) -> dict[tuple, tuple[str, float | None]]:
    """(unit key, column key) -> (the row's unit, value) of every figure of a dataset."""
    shown_as = "scoring" if kind == "records" else kind  # records are stored as group counts
    rows = con.execute(sql("dataset_cells"), {"dataset_id": dataset_id, "kind": shown_as})
    return {(unit_key, column_key): (unit_name or row_label, value)
            for _, unit_key, unit_name, _, row_label, _, column_key, value, _ in rows.fetchall()}


def _headers(con, dataset_id: int) -> dict[str, str]:
    return dict(con.execute(sql("dataset_headers"), {"dataset_id": dataset_id}).fetchall())


def _changes(before: dict, after: dict, headers: dict[str, str]) -> list[CellChange]:
    changes = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key, (None, None)), after.get(key, (None, None))
        if old[1] == new[1]:
            continue
        unit_key, column_key = key
        column = headers.get(column_key.split(":")[0], column_key)
        changes.append(CellChange(unit_key, new[0] or old[0] or "", column_key, column,
                                  old[1], new[1]))
    return changes


# ---------------------------------------------------------------- in words

def recognised(check: FileCheck) -> list[str]:
    """What was recognised in the file, one plain-text part each (the dry run's line and the
    import page's)."""
    known = [f"loại bảng: {TABLE_KINDS[check.kind].words}" if check.kind in TABLE_KINDS
             else f"loại bảng: {check.kind}"]
    if check.layout_name:
        known.append(f"mẫu bảng: {check.layout_name}")
    if check.as_of:
        known.append(f"kỳ: {fmt_date(check.as_of)}")
    if check.area_name:
        known.append(f"địa bàn: {check.area_name} (mã {check.area_key})")
    if check.structure:
        known.append(f"đơn vị hành chính: {STRUCTURE_NAMES.get(check.structure, check.structure)}")
    if check.ruleset_name:
        known.append(f"bộ tiêu chí: {check.ruleset_name}")
    if check.row_count:
        known.append(f"{fmt_int(check.row_count)} dòng số liệu")
    if check.unit_count:
        known.append(f"{fmt_int(check.unit_count)} đơn vị")
    if check.groups:
        known.append("nhóm " + ", ".join(str(g) for g in check.groups))
    return known


def report_lines(check: FileCheck) -> list[str]:
    """The check in Vietnamese lines, as `import --dry-run` prints it."""
    lines = [f"Kiểm tra tệp {check.file_name} (không ghi gì vào CSDL)."]
    lines.append("Nhận ra: " + "; ".join(recognised(check)) + ".")
    if check.problems:
        lines.append(f"Tệp có {fmt_int(check.problem_count)} lỗi, chưa nhập được:")
        lines += [f"- {_where(p)}: {p.message}" for p in check.problems]
    else:
        lines.append("Tệp không có lỗi.")
    if check.findings:
        lines.append(f"Nhập tệp này sẽ có {len(check.findings)} phát hiện về chất lượng số liệu:")
        lines += [f"- [{SEVERITY_NAMES.get(f.severity, f.severity)}] {f.message}"
                  for f in check.findings]
    elif check.ok:
        lines.append("Nhập tệp này không có phát hiện nào về chất lượng số liệu.")
    if check.replaces:
        lines.append(f"Kỳ này đã có bảng {TABLE_KINDS[check.kind].words} của {check.area_name}; "
                     f"nhập (--replace) sẽ thay {len(check.changes)} ô:")
        lines += [f"- {c.unit or 'dòng tổng'}, cột «{c.column}»: {_value(c.old)} → "
                  f"{_value(c.new)}" for c in check.changes]
    return lines


def _where(problem: Problem) -> str:
    parts = []
    if problem.row is not None:
        parts.append(f"dòng {problem.row}")
    if problem.column:
        parts.append(f"cột «{problem.column}»")
    if problem.cell is not None:
        parts.append(f"ô «{problem.cell}»")
    return ", ".join(parts) or "cả tệp"


def _value(value: float | None) -> str:
    return "(trống)" if value is None else fmt_number(value)
