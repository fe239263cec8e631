"""Figures a report states in its text (kind "text"), read from their transcription.

A report's prose often repeats its table ("Nông dân: 15/18 người") or gives figures the table
splits differently ("Nông dân và lao động nông thôn: 17 người"). The figures are transcribed
as printed into a small table (layout `report_text`), one figure a row with where in the text
it stands; quality/text_figures.py compares them with the report's own tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .errors import InputError, report
from .layouts import layouts_for
from .names import header_key, nfc
from .numbers import is_blank, parse_decimal, parse_rate
from .readers import read_grid

KIND = "text"


@dataclass
class TextFigure:
    source_row: int
    place: str
    quote: str
    unit_label: str
    unit_key: str | None
    measure: str
    group_no: int | None
    part: str | None
    printed_text: str
    value: Decimal


def read_text_figures(path: str | Path, problems: list[InputError] | None = None,
                      grid=None) -> tuple[list[str], list[TextFigure]]:
    """Title lines and figures of a transcription; every fault names file, row and column.
    Given `problems`, a bad row is added there and left out (`grid`: the cells, when read)."""
    path = Path(path)
    [layout] = layouts_for(KIND)
    try:
        grid = grid if grid is not None else read_grid(path)
        header_at = next((r for r, row in enumerate(grid)
                          if any(layout.unit_column.search(header_key(c)) for c in row if c)),
                         None)
        if header_at is None:
            raise InputError("không tìm thấy dòng tiêu đề có cột «Đơn vị»")
        keys = [header_key(c) for c in grid[header_at]]
        index = {"unit": next(i for i, k in enumerate(keys) if layout.unit_column.search(k))}
        for spec in layout.columns:
            hits = [i for i, k in enumerate(keys) if k and spec.pattern.search(k)]
            if hits:
                index[spec.key] = hits[0]
            elif spec.required:
                raise InputError(f"thiếu cột «{spec.label}» trong dòng tiêu đề",
                                 row=header_at + 1)
        titles = [" ".join(nfc(str(c)) for c in row if not is_blank(c)) for row in grid[:header_at]]
        figures = []
        for r in range(header_at + 1, len(grid)):
            if all(is_blank(c) for c in grid[r]):
                continue
            try:
                figures.append(_figure(layout, grid[r], r + 1, index))
            except InputError as exc:
                report(problems, exc.located(file=path.name))
    except InputError as exc:
        raise exc.located(file=path.name)
    if not figures and not problems:
        raise InputError("bảng không có dòng số liệu nào dưới dòng tiêu đề", file=path.name)
    return [t for t in titles if t], figures


def _figure(layout, row: list, row_no: int, index: dict[str, int]) -> TextFigure:
    specs = {s.key: s for s in layout.columns}

    def cell(key: str) -> str:
        i = index.get(key)
        return nfc(str(row[i])) if i is not None and i < len(row) and not is_blank(row[i]) else ""

    def enum(key: str) -> str | None:
        text = cell(key)
        if not text:
            if specs[key].required:
                raise InputError(f"ô «{specs[key].label}» bị trống", row=row_no)
            return None
        for name, pattern in layout.values[specs[key].type].items():
            if pattern.search(header_key(text)):
                return name
        raise InputError(f"không hiểu giá trị «{text}» của cột «{specs[key].label}»",
                         row=row_no, column=specs[key].label)

    for key in ("place", "quote", "printed"):
        if not cell(key):
            raise InputError(f"ô «{specs[key].label}» bị trống", row=row_no)
    measure = enum("measure")
    try:
        value = (parse_rate if measure.endswith("_pct") else parse_decimal)(cell("printed"))
    except InputError as exc:
        raise exc.located(row=row_no, column=specs["printed"].label)
    group = enum("group")
    return TextFigure(row_no, cell("place"), cell("quote"), cell("unit"), None, measure,
                      int(group) if group else None, cell("part") or None, cell("printed"),
                      value)


@dataclass
class _UnitRow:
    row_no: int
    label: str
    code: str | None = None


def distinct_units(figures: list[TextFigure]) -> list[_UnitRow]:
    """One row per unit name: a report names the same unit in many sentences."""
    first: dict[str, int] = {}
    for f in figures:
        first.setdefault(f.unit_label, f.source_row)
    return [_UnitRow(row_no, label) for label, row_no in first.items()]
