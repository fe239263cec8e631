"""What a rule found: one disagreement, located in the source table and worded for users."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from ..formatting import fmt_decimal
from ..keys import BANDS, band_cell, band_column, group_column, parse_group_cell
from ..formulas import RATE_PARTS


# Cell roles, so a page can set the checked figure beside the one it was compared with.
ROLES = {"printed": "số được kiểm tra", "part": "số dùng để tính lại",
         "other": "số so sánh (bảng hoặc lời văn khác)"}


@dataclass
class CellRef:
    """One source cell a finding names: which table, row and column, and what it holds."""
    dataset_id: int
    kind: str
    source_row: int | None
    row_label: str
    unit_key: str | None
    column_key: str
    column_header: str
    column_number: str | None
    letter: str
    value: float | None
    printed_text: str | None
    role: str = "printed"
    prefix: str = ""  # names the table in the short reference when a finding spans two
    context: str | None = None  # the printed words around a figure quoted from report text

    @property
    def text(self) -> str:
        """The short reference the CLI prints: "E21", "dân số H6"."""
        if not self.letter:
            where = f"dòng {self.source_row}"
        else:
            where = f"{self.letter}{self.source_row}" if self.source_row else f"cột {self.letter}"
        return f"{self.prefix} {where}".strip()


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
    unit_key: str | None = None
    expected_label: str | None = None
    metrics: list[str] = field(default_factory=list)
    finding_id: int | None = None
    refs: list[CellRef] = field(default_factory=list)

    @property
    def is_whole_column(self) -> bool:
        """Every cell it names is a whole column (no source row): e.g. age bands that look
        estimated everywhere. Pages mark such a finding on the totals, not on every unit."""
        return bool(self.refs) and all(r.source_row is None for r in self.refs)

    def as_json(self) -> dict:
        data = asdict(self)
        del data["refs"]
        data["as_of"] = self.as_of.isoformat()
        for key in ("expected", "actual"):
            value = data[key]
            if isinstance(value, float) and value.is_integer():
                data[key] = int(value)
        return data


def vn_number(value: float | None, places: int | None = None) -> str:
    """A figure as the reports print it: 91.443, 16,70 (rounded half-up, as everywhere)."""
    if value is None:
        return "trống"
    if places is None:
        places = 0 if float(value).is_integer() else 2
    return fmt_decimal(value, places)


@dataclass
class Hit:
    """What a rule function returns; the registry adds the rule, severity and dataset.

    A rule also returns a passing Hit for every comparison that agreed, so the quality score
    knows how many checks were made and not only how many failed.
    """
    row: object | None  # sheet.Row, a dict with unit_key/unit_name/unit_code, or None (table)
    expected: float | None
    actual: float | None
    message: str
    cells: list = field(default_factory=list)  # CellRef, or plain text
    severity: str | None = None  # overrides the rule's severity when the rule grades its hits
    expected_label: str | None = None  # what the expected value is: "cộng các xã", "bảng dân số"
    metrics: tuple[str, ...] | None = None  # dashboard figures touched; None: from the cells
    passed: bool = False

    @classmethod
    def ok(cls, row, severity: str | None = None) -> "Hit":
        """A comparison that agreed; `severity` when the rule grades its checks."""
        return cls(row, None, None, "", severity=severity, passed=True)


# ---------------------------------------------------------------- dashboard figures touched

_DIRECT = {"population_count", "under_7_count", "age_8_60_count", "over_60_count",
           "age_8_60_unable_count", "registered_count", "recognized_count", "party_member_count",
           "assessed_count"}
_RENAMED = {"printed_participation_pct": "participation_pct",
            "printed_recognition_of_registered_pct": "recognition_of_registered_pct",
            "printed_assessed": "assessed_count"}


def metric_of(column_key: str) -> str | None:
    """The column of metrics.area_figures' frames that shows the figure of a source cell."""
    if column_key in _DIRECT:
        return column_key
    if column_key in _RENAMED:
        return _RENAMED[column_key]
    cell, _, part = column_key.partition(":")  # a pilot ratio cell: "g1_ratio:recognized"
    group = parse_group_cell(cell)
    if group and group[1] in ("recognized", "not_recognized") and not part:
        return group_column(group[0], group[1])
    if group and group[1] == "ratio" and part in ("recognized", "registered"):
        return group_column(group[0], part)
    band = next((b for b in BANDS if band_cell(b) == column_key), None)
    return band_column(band) if band else None


def with_rates(metrics) -> list[str]:
    """The figures named, plus every rate the dashboard computes from one of them."""
    out = list(dict.fromkeys(m for m in metrics if m))
    for rate, parts in RATE_PARTS.items():
        if rate not in out and any(p in out for p in parts):
            out.append(rate)
    return out
