"""Readers: a CSV or XLSX file and a known layout in, a parsed table with source rows out.

Steps: read the grid of cells (CSV in UTF-8 with or without BOM, `,` `;` or tab separated;
XLSX through calamine); find the header by the unit column; join the header rows of each
column (the top row carried across merged cells) and match them to the layout's columns;
take the "as of" date from the title rows; parse every cell by its column's type, numbers the
Vietnamese way; keep the printed totals row apart. Unit names are matched later, against the
registry (see `units.py`). Every fault is an `InputError` naming file, row and column; given
a `problems` list, a fault of a cell or a row is added to it and reading goes on (checking.py
lists every problem of a file at once with the same rules).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from . import limits
from .errors import InputError, report
from .formatting import fmt_int
from .keys import group_cell
from .layouts import ColumnSpec, Layout, layouts_for
from .names import header_key, nfc
from .numbers import is_blank, parse_count, parse_decimal, parse_rate, parse_ratio
from .xlsx_bounds import check_xlsx

MAX_HEADER_ROWS = 4
_NUMBER_LABEL = re.compile(r"^([a-z]|\d+(\s*=.*)?)$")
_AS_OF = (
    re.compile(r"den ngay\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"),
    re.compile(r"den ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})"),
)


@dataclass
class SourceColumn:
    key: str
    label: str
    index: int
    header: str  # the header text as written, header rows joined with " / "
    number_label: str | None = None  # the printed column number, e.g. "1=2+3+4+5"

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class SourceRow:
    row_no: int  # 1-based, as a spreadsheet shows it
    label: str  # the unit as written
    code: str | None
    values: dict[str, object] = field(default_factory=dict)
    printed_text: dict[str, str] = field(default_factory=dict)


@dataclass
class ParsedTable:
    file_name: str
    layout: Layout
    title_lines: list[str]
    as_of: dt.date | None
    columns: dict[str, SourceColumn]
    rows: list[SourceRow]
    total_row: SourceRow | None
    unit_header: str
    unit_letter: str = ""  # the column letter of the unit names


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------- grids

def read_grid(path: str | Path) -> list[list[object]]:
    """All cells of the first sheet (XLSX) or of the file (CSV), rows as the file numbers them."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise InputError("không tìm thấy tệp", file=name)
    if path.stat().st_size == 0:
        raise InputError("tệp rỗng, không có dữ liệu", file=name)
    limits.check_file(path, limits.TABLE)
    suffix = path.suffix.lower()
    if suffix in (".xls", ".xlsb", ".ods"):
        raise InputError(f"không đọc tệp {suffix}: hãy mở tệp bằng Excel hoặc LibreOffice và "
                         "lưu thành .xlsx hoặc .csv (UTF-8)", file=name)
    if suffix in (".xlsx", ".xlsm"):
        grid = _read_excel(path)
    else:
        grid = _read_csv(path)
    if not any(not is_blank(c) for row in grid for c in row):
        raise InputError("tệp không có ô nào có dữ liệu", file=name)
    return grid


def _read_excel(path: Path) -> list[list[object]]:
    check_xlsx(path)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        if not workbook.sheet_names:
            raise InputError("tệp Excel không có trang tính nào", file=path.name)
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except InputError:
        raise
    # calamine raises its own error types for zip/xml faults, and a Rust panic as a
    # PanicException, which is no Exception
    except BaseException as exc:
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise
        raise InputError("không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx)",
                         file=path.name) from exc
    return [row if "" not in row else [None if c == "" else c for c in row] for row in rows]


def _read_csv(path: Path) -> list[list[object]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("tệp CSV không ở mã UTF-8; hãy lưu lại với mã UTF-8",
                         file=path.name) from exc
    best: tuple[int, list[list[str]], InputError | None] = (-1, [], None)
    for delimiter in (",", ";", "\t"):
        rows, fault = _csv_records(text, delimiter)
        width = max((len(r) for r in rows), default=0)
        if width > best[0]:
            best = (width, rows, fault)
    _, rows, fault = best
    if fault is not None:
        raise fault.located(file=path.name)
    if "\x00" in text:
        _refuse_nul(rows, path.name)
    return [[None if c.strip() == "" else c for c in row] for row in rows]


def _csv_records(text: str, delimiter: str) -> tuple[list[list[str]], InputError | None]:
    """The records of `text`, and the fault that stopped reading them, if one did.

    Strict: a character after a closing quote or a quote never closed is a fault, where the
    lenient reader would run cells together ("1"2 read as 12).
    """
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        if "field limit" in str(exc):  # the csv module's only way of saying it
            message = (f"một ô dài hơn {fmt_int(csv.field_size_limit())} ký tự: không phải ô "
                       "của một bảng (thường do một dấu ngoặc kép \" không được đóng)")
        else:
            message = ("dòng không đúng định dạng CSV: một dấu ngoặc kép (\") mở ô mà không "
                       "đóng ngay trước dấu phân cách hay cuối dòng")
        return rows, InputError(message, row=len(rows) + 1)
    return rows, None


def _refuse_nul(rows: list[list[str]], name: str) -> None:
    """A NUL character: the file is not UTF-8 text (UTF-16, or a binary file renamed)."""
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if "\x00" in cell:
                raise InputError("ô có ký tự NUL (mã 0): tệp không phải văn bản CSV UTF-8 (có "
                                 "thể là UTF-16 hay tệp khác đổi đuôi); hãy lưu lại thành CSV "
                                 "UTF-8", file=name, row=r + 1, column=column_letter(c))


# ---------------------------------------------------------------- headers

def cell_text(value: object) -> str:
    """A cell as written, as text: NFC, a whole number without ".0" (how XLSX holds it)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def _find_header(grid: list[list[object]], layout: Layout) -> tuple[int, int]:
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is not None and layout.unit_column.search(header_key(cell_text(cell))):
                return r, c
    raise InputError("không tìm thấy dòng tiêu đề có cột tên đơn vị "
                     "(ví dụ «Xã/ thị trấn» hoặc «Tên đơn vị»)")


def _header_rows(grid, start: int, unit_col: int) -> tuple[list[int], int | None]:
    """Header rows from `start` while the unit cell stays blank; then an optional number row."""
    rows = [start]
    r = start + 1
    while r < len(grid) and len(rows) < MAX_HEADER_ROWS:
        row = grid[r]
        unit_cell = row[unit_col] if unit_col < len(row) else None
        if not is_blank(unit_cell):
            break
        if all(is_blank(c) for c in row):
            break
        rows.append(r)
        r += 1
    number_row = None
    if r < len(grid):
        cells = [header_key(cell_text(c)) for c in grid[r] if not is_blank(c)]
        if len(cells) >= 2 and all(_NUMBER_LABEL.match(c) for c in cells):
            number_row = r
    return rows, number_row


def _column_headers(grid, header_rows: list[int], width: int) -> list[tuple[str, str]]:
    """(text as written, matching key) per column; the top row is carried across merged cells."""
    headers = []
    carried = ""
    for c in range(width):
        parts = []
        for i, r in enumerate(header_rows):
            row = grid[r]
            text = cell_text(row[c]) if c < len(row) else ""
            if i == 0:
                lower = [grid[rr][c] for rr in header_rows[1:] if c < len(grid[rr])]
                if text:
                    carried = text
                elif any(not is_blank(x) for x in lower):
                    text = carried
                else:
                    carried = ""
            if text:
                parts.append(text)
        headers.append((" / ".join(parts), " | ".join(header_key(p) for p in parts)))
    return headers


def _match_columns(layout: Layout, headers, number_labels) -> dict[str, SourceColumn]:
    taken: set[int] = set()
    found: dict[str, SourceColumn] = {}
    for spec in layout.columns:
        hits = [i for i, (_, key) in enumerate(headers) if i not in taken and key
                and spec.pattern.search(key)]
        if len(hits) > 1:
            names = ", ".join(f"«{headers[i][0]}» ({column_letter(i)})" for i in hits)
            raise InputError(f"nhiều cột cùng khớp «{spec.label}»: {names}")
        if not hits:
            if spec.required:
                raise InputError(f"thiếu cột «{spec.label}» trong dòng tiêu đề")
            continue
        i = hits[0]
        taken.add(i)
        found[spec.key] = SourceColumn(spec.key, spec.label, i, headers[i][0], number_labels[i])
    return found


_NUMBERED_GROUP = re.compile(r"^nhom\s*([ivx]+|\d+)\b(?!\s*[.,/]?\s*\d)")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10}


def header_group(layout: Layout, key: str) -> list[int]:
    """The groups a header names (its key, as _column_headers makes it): by the layout's group
    patterns (a name or a number), else any "Nhóm n"; several when it names more than one."""
    found = [int(no) for no, pattern in layout.values.get("group", {}).items()
             if pattern.search(key)]
    if not found and (match := _NUMBERED_GROUP.search(key)):
        number = match.group(1)
        found = [int(number) if number.isdigit() else _ROMAN.get(number, 0)]
    return [g for g in found if g > 0]


def _match_group_columns(layout: Layout, headers, number_labels, fixed: dict[str, SourceColumn],
                         other: set, header_row: int,
                         problems: list[InputError] | None) -> dict[str, SourceColumn]:
    """Every other column with a header is one group's (Layout.group_columns): a header that
    names no group, or several, or a group another column has, is a problem of its column."""
    spec = layout.group_columns
    taken = {c.index for c in fixed.values()} | other
    found: dict[str, SourceColumn] = {}
    for i, (text, key) in enumerate(headers):
        if i in taken or not key or (layout.skip_column and layout.skip_column.search(key)):
            continue
        where = f"{text} ({column_letter(i)})"
        groups = header_group(layout, key)
        if len(groups) != 1:
            named = ("nhiều nhóm: " + ", ".join(f"nhóm {g}" for g in groups)) if groups \
                else "không phải tên hay số của nhóm đối tượng nào"
            report(problems, InputError(f"cột «{text}» ghi {named}; mỗi cột là số người của "
                                        "đúng một nhóm (ví dụ «Nhóm III (CC, VC)» hay «Nhóm 3»)",
                                        row=header_row, column=where))
            continue
        cell = group_cell(groups[0], spec.key)
        if cell in found:
            report(problems, InputError(
                f"hai cột cùng là nhóm {groups[0]}: «{found[cell].header}» "
                f"({found[cell].letter}) và «{text}» ({column_letter(i)})",
                row=header_row, column=where))
            continue
        found[cell] = SourceColumn(cell, f"{spec.label} {groups[0]}", i, text, number_labels[i])
    if not found and not any(p.row == header_row for p in problems or ()):
        raise InputError("bảng không có cột nào là số người của một nhóm đối tượng (ví dụ "
                         "«Nhóm I (Nông dân)» hay «Nhóm 1»)", row=header_row)
    return found


# ---------------------------------------------------------------- cells

def _parse_value(spec: ColumnSpec, value: object, layout: Layout):
    if spec.type == "count":
        return parse_count(value)
    if spec.type == "decimal":
        return parse_decimal(value)
    if spec.type == "rate":
        return parse_rate(value)
    if spec.type == "ratio":
        return parse_ratio(value)
    if spec.type in ("group", "result"):
        text = header_key(cell_text(value))
        if not text:
            raise InputError(f"ô «{spec.label}» bị trống")
        for name, pattern in layout.values[spec.type].items():
            if pattern.search(text):
                return name
        raise InputError(f"không hiểu giá trị «{cell_text(value)}» của cột «{spec.label}»")
    raise ValueError(spec.type)


def _row_label(row, upto: int) -> str:
    for c in range(min(upto + 1, len(row))):
        if not is_blank(row[c]):
            text = cell_text(row[c])
            if not re.fullmatch(r"\d+\.?", text):  # skip the running number (STT)
                return text
    return ""


def find_as_of(title_lines: list[str]) -> dt.date | None:
    for line in title_lines:
        key = header_key(line)
        for pattern in _AS_OF:
            m = pattern.search(key)
            if m:
                day, month, year = (int(g) for g in m.groups())
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    raise InputError(f"ngày số liệu không hợp lệ trong tiêu đề: «{line}»")
    return None


# ---------------------------------------------------------------- tables

def parse_table(path: str | Path, layout: Layout, grid=None,
                problems: list[InputError] | None = None) -> ParsedTable:
    """Parse one file with one layout; errors carry the file name, row and column. Given
    `problems`, faults of cells and rows are collected there (a bad cell read as blank)."""
    name = Path(path).name
    try:
        grid = grid if grid is not None else read_grid(path)
        return _parse_grid(name, grid, layout, problems)
    except InputError as exc:
        raise exc.located(file=name)
    finally:
        for problem in problems or ():
            problem.located(file=name)


def _parse_grid(name: str, grid, layout: Layout,
                problems: list[InputError] | None = None) -> ParsedTable:
    start, unit_col = _find_header(grid, layout)
    header_rows, number_row = _header_rows(grid, start, unit_col)
    width = max(len(r) for r in grid)
    headers = _column_headers(grid, header_rows, width)
    number_labels = [None] * width
    if number_row is not None:
        for c, cell in enumerate(grid[number_row]):
            number_labels[c] = cell_text(cell) or None
    try:
        columns = _match_columns(layout, headers, number_labels)
    except InputError as exc:
        raise exc.located(row=start + 1)
    code_col = None
    if layout.code_column is not None:
        code_col = next((i for i, (_, k) in enumerate(headers)
                         if k and layout.code_column.search(k)), None)
    if layout.group_columns is not None:
        columns.update(_match_group_columns(layout, headers, number_labels, columns,
                                            {unit_col, code_col}, start + 1, problems))
    title_lines = [" ".join(cell_text(c) for c in row if not is_blank(c))
                   for row in grid[:start]]
    title_lines = [t for t in title_lines if t]
    as_of = find_as_of(title_lines)

    first_data = (number_row if number_row is not None else header_rows[-1]) + 1
    rows: list[SourceRow] = []
    total_row = None
    for r in range(first_data, len(grid)):
        row = grid[r]
        if all(is_blank(c) for c in row):
            continue
        label = _row_label(row, unit_col)
        if total_row is not None:
            if any(_looks_numeric(row[c.index]) for c in columns.values() if c.index < len(row)):
                report(problems, InputError("có dòng số liệu nằm sau dòng tổng", row=r + 1))
            continue
        parsed = _parse_row(row, r, columns, layout, unit_col, code_col, problems)
        if layout.total_row.search(header_key(label)):
            parsed.label = label
            total_row = parsed
            continue
        if not parsed.label and parsed.code is None:
            if any(v is not None for v in parsed.values.values()):
                report(problems, InputError("dòng có số liệu nhưng thiếu tên đơn vị", row=r + 1,
                                            column=headers[unit_col][0], cell=""))
            continue
        rows.append(parsed)
    if not rows:
        raise InputError("bảng không có dòng số liệu nào dưới dòng tiêu đề")
    if layout.long:
        rows = _widen_long_rows(rows, problems)
    return ParsedTable(name, layout, title_lines, as_of, columns, rows, total_row,
                       headers[unit_col][0], column_letter(unit_col))


def _looks_numeric(value) -> bool:
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(re.fullmatch(r"\s*-?[\d.,]+%?\s*", value))


def _parse_row(row, r, columns, layout, unit_col, code_col, problems=None) -> SourceRow:
    unit_text = cell_text(row[unit_col]) if unit_col < len(row) else ""
    code = cell_text(row[code_col]) if code_col is not None and code_col < len(row) else None
    parsed = SourceRow(r + 1, unit_text, code or None)
    specs = {s.key: s for s in layout.columns}
    for key, col in columns.items():
        value = row[col.index] if col.index < len(row) else None
        try:
            parsed.values[key] = _parse_value(specs.get(key) or layout.group_columns, value,
                                              layout)
        except InputError as exc:
            report(problems, exc.located(row=r + 1, column=f"{col.header} ({col.letter})",
                                         cell=cell_text(value)))
            parsed.values[key] = None
        if not is_blank(value):
            parsed.printed_text[key] = cell_text(value)
    return parsed


def _widen_long_rows(rows: list[SourceRow], problems=None) -> list[SourceRow]:
    """Long layout: unit × group × result rows become one row per unit with g{n}_{result} keys.
    A row whose group or result could not be read (a collected problem) is left out."""
    by_unit: dict[tuple, SourceRow] = {}
    for row in rows:
        if row.values.get("group") is None or row.values.get("result") is None:
            continue
        unit_id = (row.code or "", row.label)
        wide = by_unit.setdefault(unit_id, SourceRow(row.row_no, row.label, row.code))
        key = group_cell(int(row.values["group"]), row.values["result"])
        if key in wide.values:
            report(problems, InputError(
                f"đơn vị «{row.label}» có hai dòng cho cùng nhóm và kết quả", row=row.row_no))
            continue
        wide.values[key] = row.values["count"]
        wide.printed_text[key] = row.printed_text.get("count", "")
    return list(by_unit.values())


def parse_file(path: str | Path, kind: str, problems: list[InputError] | None = None,
               grid: list[list[object]] | None = None) -> ParsedTable:
    """Parse with the layout of `kind` that fits the file's header (`grid`: its cells, when
    the caller has read them already).

    Given `problems`, the faults of cells and rows are collected there: the layout read
    without any is taken, as a strict read would, else the first whose header fits.
    """
    layouts = layouts_for(kind)
    if not layouts:
        raise InputError(f"không biết loại bảng «{kind}»")
    if grid is None:
        grid = read_grid(path) if Path(path).exists() else None
    if grid is None:
        raise InputError("không tìm thấy tệp", file=Path(path).name)
    errors = []
    fitting: list[tuple[ParsedTable, list[InputError]]] = []
    for layout in layouts:
        found: list[InputError] | None = None if problems is None else []
        try:
            parsed = parse_table(path, layout, grid, found)
        except InputError as exc:
            errors.append(exc)
            continue
        if not found:
            return parsed
        fitting.append((parsed, found))
    if fitting:
        parsed, found = fitting[0]
        problems.extend(found)
        return parsed
    # the layout that got furthest (a located row means the header was found) explains best
    errors.sort(key=lambda e: (e.row is None, "tiêu đề" in e.message))
    raise errors[0]
