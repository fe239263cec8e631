"""Tables as CSV files for a spreadsheet: what the dashboard's «Tải bảng (.csv)» buttons give.

UTF-8 with a byte-order mark (so that Excel reads the Vietnamese letters), comma-separated,
CRLF line ends, headers in Vietnamese. Numbers stay numbers, written with a decimal point and
unrounded (a spreadsheet formats them), a whole number without ".0"; dates are ISO 8601; a
blank stays an empty cell.

A spreadsheet runs a cell that begins with =, +, -, @, a tab or a carriage return as a formula
(CSV formula injection), and text in our tables comes from imported files. Such a text cell,
or header, is written with a single quote in front, which spreadsheets read as "this is text".
Numbers are never quoted this way: -5 stays the number -5.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from .names import header_key

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"
MAX_NAME = 100


def text_cell(value):
    """One cell as written: text a spreadsheet would take for a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return TEXT_MARK + value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def number_cell(value):
    """A number as written: a float holding a whole number without ".0" (91441, not 91441.0)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def csv_bytes(frame: pd.DataFrame, columns: list[str], labels: dict[str, str]) -> bytes:
    """`columns` of `frame` as a CSV file, each headed by its label in `labels` (the column's
    own name when it has none)."""
    # Cell by cell into object columns: a mapped column would be typed again (91441 -> 91441.0).
    out = pd.DataFrame({
        i: pd.Series([(number_cell if _is_number(frame[c]) else text_cell)(v)
                      for v in frame[c].astype(object)], dtype=object)
        for i, c in enumerate(columns)})
    out.columns = [text_cell(str(labels.get(c, c))) for c in columns]
    text = out.to_csv(index=False, na_rep="", lineterminator="\r\n")
    return text.encode("utf-8-sig")


def _is_number(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def file_name(*parts, suffix: str = ".csv") -> str:
    """A file name from Vietnamese words and dates: without diacritics, lower case, words
    joined by "-" and parts by "_" ("xep-hang-don-vi_loc-ninh_2024-09-30.csv"). Only a-z, 0-9,
    "-" and "_" remain, whatever a unit's name holds."""
    words = [re.sub(r"[^a-z0-9]+", "-", header_key(p.isoformat() if isinstance(p, dt.date)
                                                   else p)).strip("-")
             for p in parts if p is not None]
    return "_".join(w for w in words if w)[:MAX_NAME].rstrip("-_") + suffix
