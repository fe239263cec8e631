"""The hall's figures as people read them: ratios between the set-ups of the run first, the
goals of issue 18, then the absolute figures of each set-up and each page, side by side, with
the machine's speed reference; the same as JSON in bench-results/hall-<sessions>.txt / .json."""

from __future__ import annotations

from pathlib import Path

from .hall import GOALS
from .report import Report, write


def ratios(report: Report) -> None:
    """Each later set-up against the first (one process): how much faster or slower."""
    if len(report.rows) < 2:
        return
    first = report.rows[0]
    for other in report.rows[1:]:
        for key, what in (("switch_p50_s", "p50 per switch"), ("switch_p95_s", "p95 per switch"),
                          ("streamlit_cpu_ms_per_rerun", "server CPU per rerun")):
            if first.get(key) and other.get(key):
                report.ratios.append({"ratio": f"{what}: {first['setup']} ÷ {other['setup']}",
                                      "times": round(first[key] / other[key], 2)})


def goals(report: Report) -> None:
    """Issue 18's hall goals for the run's size: at 30 sessions and more p95 ≤ 1,5 s, at 100
    and more p95 ≤ 5 s; no error at either. A smaller hall is measured against no goal."""
    for row in report.rows:
        sessions = row["sessions"]
        target = next((GOALS[n] for n in sorted(GOALS, reverse=True) if sessions >= n), None)
        if target is None:
            report.notes.append(f"{row['setup']}: {sessions} sessions, fewer than any goal's "
                                f"({', '.join(str(n) for n in GOALS)})")
            continue
        value = row.get("switch_p95_s")
        report.goals.append({"goal": f"{row['setup']}: {sessions} sessions, p95 per switch",
                             "target": target, "value": value, "unit": "s",
                             "met": value is not None and value <= target,
                             "by": round(value / target, 2) if value else None})
        report.goals.append({"goal": f"{row['setup']}: {sessions} sessions, errors",
                             "target": 0, "value": row["errors"], "unit": "",
                             "met": row["errors"] == 0, "by": None})


def _cell(row: dict, key: str, unit: str = "") -> str:
    value = row.get(key)
    if value is None:
        return "—"
    if isinstance(value, list):
        return " + ".join(f"{v:,.0f}" for v in value) + unit
    return f"{value:,}{unit}"


ABSOLUTE = (("switch_p50_s", "per switch p50", " s"), ("switch_p95_s", "per switch p95", " s"),
            ("switch_max_s", "per switch max", " s"), ("switch_count", "switches", ""),
            ("errors", "errors", ""), ("open_p50_s", "first load p50 (all at once)", " s"),
            ("open_p95_s", "first load p95 (all at once)", " s"),
            ("open_alone_s", "first load, one tab alone", " s"),
            ("open_alone_cpu_ms", "… its server CPU", " ms"),
            ("streamlit_cpu_s", "server CPU, Streamlit", " s"),
            ("streamlit_cpu_pct", "… % of one core", " %"),
            ("streamlit_cpu_ms_per_rerun", "… per rerun", " ms"),
            ("haproxy_cpu_s", "server CPU, HAProxy", " s"),
            ("server_peak_rss_mb", "server memory, peak of the sum", " MB"),
            ("streamlit_peak_rss_mb", "… each Streamlit process's peak", " MB"),
            ("client_cpu_pct", "the benchmark's own CPU", " %"), ("wall_s", "wall time", " s"))


def render(report: Report) -> str:
    lines = ["CDHT bench hall — hội trường: nhiều phiên cùng lúc, chuyển qua mọi trang",
             "machine: " + ", ".join(f"{k} {v}" for k, v in report.machine.items()),
             "params: " + ", ".join(f"{k} {v}" for k, v in report.params.items()), "",
             "== ratios =="]
    lines += [f"  {r['ratio']:<100} {r['times']:>6.2f}×" for r in report.ratios]
    lines += ["", "== goals =="]
    for g in report.goals:
        status = {True: "MET", False: "MISSED"}[g["met"]]
        value = "—" if g["value"] is None else f"{g['value']:,} {g['unit']}"
        lines.append(f"  {status:<7} {g['goal']:<80} {value:>10}  (goal {g['target']:,})")
    width = 30
    lines += ["", "== absolute figures ==",
              "  " + " " * width + "".join(f"{r['setup'][:44]:>46}" for r in report.rows)]
    for key, what, unit in ABSOLUTE:
        if any(key in r for r in report.rows):
            lines.append(f"  {what:<{width}}" + "".join(f"{_cell(r, key, unit):>46}"
                                                        for r in report.rows))
    lines += ["", "== pages: one tab alone (switch s, server CPU ms); in the hall, per switch "
                  "p50 / p95 s =="]
    titles = list(dict.fromkeys(p["page"] for r in report.rows for p in r["pages"]))
    for title in titles:
        cells = []
        for row in report.rows:
            page = next((p for p in row["pages"] if p["page"] == title), None)
            alone = ("" if page is None or "alone_s" not in page else
                     f"{page['alone_s']:.3f} s {page['alone_cpu_ms']:,.0f} ms | ")
            hall = ("—" if page is None or not page["switch_count"] else
                    f"{page['switch_p50_s']:.3f} / {page['switch_p95_s']:.3f}")
            cells.append(f"{alone}{hall}")
        kb = next((p["payload_kb"] for r in report.rows for p in r["pages"]
                   if p["page"] == title and "payload_kb" in p), None)
        lines.append(f"  {title:<{width}}" + "".join(f"{c:>46}" for c in cells)
                     + (f"   {kb:,.0f} KB per switch" if kb is not None else ""))
    examples = [(r["setup"], e) for r in report.rows for e in r["error_examples"]]
    if examples:
        lines += ["", "== errors (first ones) =="] + [f"  {s}: {e}" for s, e in examples]
    if report.notes:
        lines += ["", "== notes =="] + [f"  - {n}" for n in report.notes]
    return "\n".join(lines)


def save(report: Report, results: Path, sessions: int) -> Path:
    return write(results, f"hall-{sessions}", report.as_json(), render(report))
