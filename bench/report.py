"""What a run found, and how it is written: the text table people read first (ratios, goals,
then every step with its peak RSS) and the same as JSON, in bench-results/ (git-ignored)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

SECTIONS = ("data", "ingest", "recompute", "queries", "pages")


@dataclass
class Report:
    params: dict
    machine: dict
    rows: list[dict] = field(default_factory=list)  # one per measured step
    ratios: list[dict] = field(default_factory=list)
    goals: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, section: str, step: str, **values) -> dict:
        row = {"section": section, "step": step, **values}
        self.rows.append(row)
        return row

    def find(self, section: str, step: str) -> dict | None:
        return next((r for r in self.rows if r["section"] == section and r["step"] == step), None)

    def seconds(self, section: str, step: str) -> float | None:
        row = self.find(section, step)
        return row["seconds"] if row else None

    def as_json(self) -> dict:
        return {"params": self.params, "machine": self.machine, "ratios": self.ratios,
                "goals": self.goals, "steps": self.rows, "notes": self.notes}


def _figure(row: dict) -> str:
    if "p50_ms" in row:
        return f"p50 {row['p50_ms']:8.2f} ms  p95 {row['p95_ms']:8.2f} ms"
    figure = f"{row['seconds']:9.3f} s"
    if row.get("rows_per_s"):
        figure += f"  {row['rows_per_s']:>12,} rows/s"
    return figure


NOMINAL = 100  # goals.NOMINAL_REFERENCE_MS (goals imports this module)
STATUS = {True: "MET", False: "MISSED", None: "n/a"}


def _goal_line(g: dict) -> str:
    """A goal: met or missed, the figure and the goal, then the reference of its moment and the
    figure scaled to a quiet moment (with met or missed there), so a slow moment shows."""
    value = "—" if g["value"] is None else f"{g['value']:,} {g.get('unit', '')}"
    line = f"  {STATUS[g['met']]:<7} {g['goal']:<56} {value:>18}  (goal {g['target']:,})"
    if g.get("reference_ms"):
        line += f"  ref {g['reference_ms']:g} ms"
    if g.get("at_nominal") is not None:
        scaled = g["at_nominal"]
        scaled = f"{scaled:,.0f}" if abs(scaled) >= 100 else f"{scaled:.3g}"
        line += f" → {NOMINAL:g} ms: {scaled} {STATUS[g['met_at_nominal']].lower()}"
    return line


def render(report: Report) -> str:
    lines = ["CDHT bench — DỮ LIỆU MÔ PHỎNG (synthetic data)",
             "machine: " + ", ".join(f"{k} {v}" for k, v in report.machine.items()),
             "params: " + ", ".join(f"{k} {v}" for k, v in report.params.items()), ""]
    lines.append("== ratios ==")
    for r in report.ratios:
        lines.append(f"  {r['ratio']:<52} {r['times']:>8.1f}×")
    lines.append("")
    lines.append(f"== goals ({report.params.get('goal_set', 'today')}) ==")
    lines.append("  (ref: the machine's speed reference just before the goal's steps; "
                 f"→ {NOMINAL:g} ms: the figure scaled to a quiet moment's reference)")
    for g in report.goals:
        lines.append(_goal_line(g))
    for section in (*SECTIONS, "total"):
        rows = [r for r in report.rows if r["section"] == section]
        if not rows:
            continue
        lines += ["", f"== {section} =="]
        for r in rows:
            extra = f"  exceptions: {r['exceptions']}" if r.get("exceptions") else ""
            lines.append(f"  {r['step']:<60} {_figure(r)}  peak RSS {r['peak_rss_mb']:,.0f} MB"
                         f"{extra}")
    if report.notes:
        lines += ["", "== notes =="] + [f"  - {n}" for n in report.notes]
    return "\n".join(lines)


def write(results: Path, name: str, figures: dict, text: str) -> Path:
    """A benchmark's results as every benchmark leaves them: `results`/`name`.json (the
    figures) and .txt (the printed report); returns the .txt's path."""
    results.mkdir(exist_ok=True)
    stem = results / name
    stem.with_suffix(".json").write_text(json.dumps(figures, ensure_ascii=False, indent=2),
                                         encoding="utf-8")
    stem.with_suffix(".txt").write_text(text + "\n", encoding="utf-8")
    return stem.with_suffix(".txt")


def save(report: Report, results: Path, people: int) -> None:
    """bench-results/bench-<people>.txt and .json."""
    write(results, f"bench-{people}", report.as_json(), render(report))
