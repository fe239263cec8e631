"""One imported table as rows of cells, the shape every quality rule reads.

Unit rows and the printed totals row sit side by side with the same column keys, so a rule
compares cells without caring which canonical table a figure was stored in.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

import duckdb

from ..keys import parse_group_cell
from ..sql import sql
from .findings import CellRef


@dataclass
class Column:
    key: str
    header: str
    letter: str
    number: str | None  # the printed column number ("1" of "1=2+3+4+5"), if any
    formula: str | None  # the printed right-hand side ("2+3+4+5"), if any

    @property
    def title(self) -> str:
        return f"cột {self.number}" if self.number else f"cột «{self.header}»"


@dataclass
class Row:
    source_row: int
    unit_key: str | None
    unit_name: str | None
    unit_code: str | None
    label: str
    is_total: bool
    cells: dict[str, float | None] = field(default_factory=dict)
    printed: dict[str, str] = field(default_factory=dict)

    def group_cell_keys(self) -> list[str]:
        """Keys of the row's Đạt / Chưa đạt cells, one pair per citizen group."""
        return [k for k in self.cells if (cell := parse_group_cell(k))
                and cell[1] in ("recognized", "not_recognized")]


@dataclass
class Sheet:
    dataset_id: int
    kind: str
    as_of: dt.date
    area_key: str
    columns: dict[str, Column]
    rows: list[Row]
    title: str | None = None

    @property
    def unit_rows(self) -> list[Row]:
        return [r for r in self.rows if not r.is_total]

    @property
    def total_row(self) -> Row | None:
        return next((r for r in self.rows if r.is_total), None)

    def column(self, key: str) -> Column:
        """The printed column of a cell key (a pilot ratio part belongs to its ratio column)."""
        return self.columns.get(key) or self.columns.get(key.split(":")[0]) or Column(
            key, key, "?", None, None)

    def ref(self, row: Row | None, key: str, role: str = "printed", prefix: str = "") -> CellRef:
        """The structured reference of one cell (row None: the whole column)."""
        column = self.column(key)
        return CellRef(self.dataset_id, self.kind, row.source_row if row else None,
                       row.label if row else "", row.unit_key if row else None, key,
                       column.header, column.number, column.letter,
                       row.cells.get(key) if row else None,
                       row.printed.get(key) if row else None, role, prefix)

    def by_number(self) -> dict[str, Column]:
        return {c.number: c for c in self.columns.values() if c.number}


_LABEL = re.compile(r"^\s*(\w+)\s*(?:=\s*(.+?))?\s*$")


def load_sheet(con: duckdb.DuckDBPyConnection, dataset_id: int) -> Sheet:
    kind, as_of, area_key, title = con.execute(
        "SELECT kind, as_of, area_key, coalesce(title, source_file) FROM datasets "
        "WHERE dataset_id = ?", [dataset_id]).fetchone()
    columns = {}
    for key, header, letter, label in con.execute(
            "SELECT column_key, header_text, column_letter, number_label FROM dataset_columns "
            "WHERE dataset_id = ?", [dataset_id]).fetchall():
        match = _LABEL.match(label or "")
        number, formula = (match.group(1), match.group(2)) if match else (None, None)
        columns[key] = Column(key, header, letter, number, formula)
    rows: dict[int, Row] = {}
    for (source_row, unit_key, unit_name, unit_code, label, is_total, key, value,
         printed) in con.execute(sql("dataset_cells"),
                                 {"dataset_id": dataset_id, "kind": kind}).fetchall():
        row = rows.setdefault(source_row, Row(source_row, unit_key, unit_name, unit_code,
                                              label, is_total))
        row.cells[key] = None if value is None or math.isnan(value) else value
        if printed is not None:
            row.printed[key] = printed
    return Sheet(dataset_id, kind, as_of, area_key, columns,
                 sorted(rows.values(), key=lambda r: r.source_row), title)
