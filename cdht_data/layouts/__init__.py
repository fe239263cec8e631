"""Known table layouts, described as data (one TOML file each), not as code branches."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str  # what a user calls the column, for messages
    pattern: re.Pattern
    type: str  # count | decimal | rate | ratio | group | result | text | measure
    required: bool = True
    printed: bool = False  # a figure the source derived itself (totals, rates): kept for checks


@dataclass(frozen=True)
class Layout:
    id: str
    kind: str
    name: str
    unit_column: re.Pattern
    code_column: re.Pattern | None
    total_row: re.Pattern
    columns: tuple[ColumnSpec, ...]
    long: bool = False
    values: dict = field(default_factory=dict)  # for long layouts: cell patterns per value
    # A table with one column per citizen group (group sizes): every other column with a header
    # is read as this spec, keyed g{n}_{key} by the group `values.group` reads in its header;
    # `skip_column` headers (a running number) are not read at all.
    group_columns: ColumnSpec | None = None
    skip_column: re.Pattern | None = None


def _column(c: dict) -> ColumnSpec:
    return ColumnSpec(c["key"], c.get("label", c["key"]), re.compile(c.get("pattern", ".")),
                      c["type"], c.get("required", True), c.get("printed", False))


def _compile(spec: dict) -> Layout:
    columns = tuple(_column(c) for c in spec.get("column", ()))
    values = {name: {k: re.compile(v) for k, v in table.items()}
              for name, table in spec.get("values", {}).items()}
    return Layout(
        id=spec["id"], kind=spec["kind"], name=spec["name"],
        unit_column=re.compile(spec["unit_column"]),
        code_column=re.compile(spec["code_column"]) if spec.get("code_column") else None,
        total_row=re.compile(spec["total_row"]), columns=columns,
        long=spec.get("long", False), values=values,
        group_columns=_column(spec["group_columns"]) if "group_columns" in spec else None,
        skip_column=re.compile(spec["skip_column"]) if spec.get("skip_column") else None,
    )


@cache
def all_layouts() -> tuple[Layout, ...]:
    return tuple(_compile(tomllib.loads(p.read_text(encoding="utf-8")))
                 for p in sorted(_HERE.glob("*.toml")))


def layouts_for(kind: str) -> tuple[Layout, ...]:
    """Wide report layouts first: their header errors explain a misread report best."""
    return tuple(sorted((lay for lay in all_layouts() if lay.kind == kind), key=lambda lay: lay.long))
