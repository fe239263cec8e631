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


def _compile(spec: dict) -> Layout:
    columns = tuple(
        ColumnSpec(c["key"], c.get("label", c["key"]), re.compile(c["pattern"]), c["type"], c.get("required", True),
                   c.get("printed", False))
        for c in spec["column"]
    )
    values = {name: {k: re.compile(v) for k, v in table.items()}
              for name, table in spec.get("values", {}).items()}
    return Layout(
        id=spec["id"], kind=spec["kind"], name=spec["name"],
        unit_column=re.compile(spec["unit_column"]),
        code_column=re.compile(spec["code_column"]) if spec.get("code_column") else None,
        total_row=re.compile(spec["total_row"]), columns=columns,
        long=spec.get("long", False), values=values,
    )


@cache
def all_layouts() -> tuple[Layout, ...]:
    return tuple(_compile(tomllib.loads(p.read_text(encoding="utf-8")))
                 for p in sorted(_HERE.glob("*.toml")))


def layouts_for(kind: str) -> tuple[Layout, ...]:
    """Wide report layouts first: their header errors explain a misread report best."""
    return tuple(sorted((lay for lay in all_layouts() if lay.kind == kind), key=lambda lay: lay.long))
