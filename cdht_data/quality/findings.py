"""What a rule found: one disagreement, located in the source table and worded for users."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

SEVERITIES = ("error", "warning", "information")


@dataclass
class Finding:
    rule: str
    severity: str
    unit: str | None
    unit_code: str | None
    expected: float | None
    actual: float | None
    message: str
    dataset_id: int
    as_of: dt.date
    area_code: str
    cells: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        for key in ("expected", "actual"):
            value = data[key]
            if isinstance(value, float) and value.is_integer():
                data[key] = int(value)
        return data


def vn_number(value: float | None, places: int | None = None) -> str:
    """A figure as the reports print it: 91.443, 16,70."""
    if value is None:
        return "trống"
    if places is None:
        places = 0 if float(value).is_integer() else 2
    text = f"{value:,.{places}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


@dataclass
class Hit:
    """What a rule function returns; the registry adds the rule, severity and dataset."""
    row: object | None  # sheet.Row, or None for a finding about the whole table
    expected: float | None
    actual: float | None
    message: str
    cells: list[str] = field(default_factory=list)
    severity: str | None = None  # overrides the rule's severity when the rule grades its hits
