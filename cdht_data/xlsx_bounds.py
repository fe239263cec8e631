"""An XLSX file measured before calamine opens it.

calamine unpacks the parts of the zip at the sizes they declare and builds the first sheet as
one rectangle from A1 to the farthest cell, empty cells included, before it hands back
anything: a 2 KB file with one cell at XFD1048576 asks for some 512 GB and the process
aborts. So the declared sizes are added up, and the sheet's XML is scanned for the farthest
cell, first; a file over the limits of limits.py is refused, saying the limit.

The scan follows calamine's rules: a cell's position is its `r` reference ("B7"); a cell
without one comes after the previous cell of its row, and a row without `r` after the previous
row. Files written by Excel, LibreOffice or openpyxl give every cell a reference as its first
attribute; for those the farthest cell is guessed from the sheet's first and last rows and the
guess checked by one search of the whole XML, which costs a fraction of calamine's own
reading. Any other file is walked tag by tag, which is slower.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pyarrow as pa
import pyarrow.compute as pc

from . import limits
from .errors import InputError
from .formatting import fmt_int
from .limits import size_text

# Where a reference longer than any sheet's (XFD1048576) is taken to be: past every limit,
# without reading a number from thousands of letters or digits.
BEYOND_ANY_SHEET = (1_048_577, 16_385)
_WINDOW = 64 * 1024  # bytes at each end of the sheet data the farthest cell is guessed from
# A cell tag not written `<c r="...`: no reference, another attribute first, other quotes or
# spacing, a namespace prefix. RE2 syntax (no look-ahead).
_UNPLAIN = r'<c(?:>|/|[\t\n\r]| [^r]| r[^=]| r=[^"])|:c[\s/>]'
_REF = re.compile(rb'<c r="([A-Z]+)([0-9]+)"')
# A row or cell tag, any prefix, with its `r` reference split into letters and digits if any.
_TAG = re.compile(rb"""<(?:[\w.-]+:)?(row|c)(?=[\s/>])"""
                  rb"""(?:[^>]*?\sr\s*=\s*["']([A-Za-z]*)([0-9]*)["'])?[^>]*>""")
_UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError,
               NotImplementedError, RuntimeError, ElementTree.ParseError)


def check_xlsx(path: Path) -> None:
    """Refuse an XLSX file that would take calamine past the limits, or that is no zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > limits.XLSX_UNPACKED_BYTES:
                raise InputError(
                    f"tệp Excel giải nén ra {size_text(unpacked)}, quá giới hạn "
                    f"{size_text(limits.XLSX_UNPACKED_BYTES)}; hãy lưu bảng thành .csv",
                    file=path.name)
            xml = archive.read(_first_sheet(archive, path.name))
    except _UNREADABLE as exc:
        raise InputError("không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx)",
                         file=path.name) from exc
    rows, columns = sheet_extent(xml)
    if rows * columns > limits.SHEET_CELLS:
        raise InputError(
            f"trang tính đầu tiên trải tới dòng {fmt_int(rows)}, cột {fmt_int(columns)} "
            f"({fmt_int(rows * columns)} ô tính cả ô trống), quá giới hạn "
            f"{fmt_int(limits.SHEET_CELLS)} ô; hãy xoá các ô thừa ở xa bảng (kể cả ô trống có "
            "định dạng) hoặc lưu bảng thành .csv", file=path.name)



def _first_sheet(archive: zipfile.ZipFile, file_name: str) -> str:
    """The zip path of the workbook's first sheet, found as calamine finds it."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    sheet = next((e for e in workbook.iter() if e.tag.rpartition("}")[2] == "sheet"), None)
    if sheet is None:
        raise InputError("tệp Excel không có trang tính nào", file=file_name)
    rid = next((v for k, v in sheet.attrib.items() if k.startswith("{") and k.endswith("}id")),
               None)
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next((e.get("Target") for e in rels.iter() if rid and e.get("Id") == rid), None)
    if not target:
        raise KeyError(rid)  # a sheet without its part: as unreadable as a broken zip
    if target.startswith("/"):
        return posixpath.normpath(target[1:])
    return posixpath.normpath(target if target.startswith("xl/") else "xl/" + target)


def sheet_extent(xml: bytes) -> tuple[int, int]:
    """(row, column) of the farthest place any cell of a sheet's XML takes, 1-based."""
    start, end = xml.find(b"<sheetData"), xml.rfind(b"</sheetData>")
    if start < 0 or end < 0:
        return _walk(xml)
    refs = _REF.findall(xml, start, min(end, start + _WINDOW))
    refs += _REF.findall(xml, max(start, end - _WINDOW), end)
    if any(_too_long(letters, digits) for letters, digits in refs):
        return BEYOND_ANY_SHEET
    rows = max((int(r) for _, r in refs), default=0)
    letters = max((c for c, _ in refs), key=lambda c: (len(c), c), default=b"")
    if _found(_UNPLAIN + "|" + _beyond(letters, rows), xml[start:end]):
        return _walk(xml)
    return rows, column_number(letters)


def _beyond(letters: bytes, rows: int) -> str:
    """A cell reference past column `letters` or row `rows`, or not plain letters then digits
    (lower case, empty, digits first), in RE2 syntax."""
    within = f"[A-Z]{{1,{max(len(letters), 1)}}}"
    return (f'<c r="(?:[^A-Z]|{_above(letters.decode(), "A", "Z")}|'
            f'{within}(?:[^A-Z0-9]|{_above(str(rows), "0", "9")}"))')


def _found(pattern: str, data: bytes) -> bool:
    """Whether `pattern` occurs in `data`, searched by RE2 through pyarrow: one linear pass,
    where Python's re tries every alternative at every cell of the sheet."""
    found = pc.match_substring_regex(pa.array([data], pa.large_binary()), pattern=pattern)
    return found[0].as_py()


def _above(limit: str, first: str, last: str) -> str:
    """A pattern for strings of characters first..last that count higher than `limit`, as
    column letters and row numbers do: longer, or as long and higher at the first difference."""
    char = f"[{first}-{last}]"
    options = [f"{char}{{{len(limit) + 1},}}"]
    for i, ch in enumerate(limit):
        if ch < last:
            options.append(f"{limit[:i]}[{chr(ord(ch) + 1)}-{last}]{char}{{{len(limit) - i - 1}}}")
    return "(?:" + "|".join(options) + ")"


def _walk(xml: bytes) -> tuple[int, int]:
    """The farthest place, tag by tag, for files that do not write every reference plainly.

    Where calamine's counting after a cell with a reference is not known for sure, the larger
    of the two readings is taken: the result is never nearer than what calamine builds.
    """
    row = column = far_row = far_column = 0
    for tag, letters, digits in _TAG.findall(xml):
        if _too_long(letters, digits):
            return BEYOND_ANY_SHEET
        if tag == b"row":
            row, column = (int(digits) if digits else row + 1), 0
        elif letters and digits:
            at_row, at_column = int(digits), column_number(letters)
            far_row, far_column = max(far_row, at_row), max(far_column, at_column)
            row, column = max(row, at_row), max(column + 1, at_column)
        else:
            column += 1
            far_row, far_column = max(far_row, row), max(far_column, column)
    return far_row, far_column


def _too_long(letters: bytes, digits: bytes) -> bool:
    return len(letters) > 3 or len(digits) > 7


def column_number(letters: bytes) -> int:
    """1 for A, 26 for Z, 27 for AA: the spreadsheet's column numbering."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number
