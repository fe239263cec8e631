"""What the browser benchmark found and how it is printed: ratios to the bare app first, the
goals of issue 18, then absolute figures beside the machine's speed reference, then where the
time of each action went (phases, websocket messages and bytes by kind)."""

from __future__ import annotations

from . import bare_app
from .measure import percentiles
from .servers import BARE_REFERENCES

LOAD_RATIO_GOAL = 1.2  # full load ÷ the bare app's
INTERACTION_GOAL_S = {"p50": 0.3, "p95": 0.5}  # switch page, change a filter
INTERACTIONS = ("switch", "filter_group", "filter_area")
ACTION_NAMES = {"load": "tải đầy đủ", "switch": "chuyển trang", "filter_group": "đổi nhóm",
                "filter_area": "đổi địa bàn"}


def _stats(samples: list[float], first: float | None) -> dict:
    p = percentiles(samples)
    return {"p50_s": round(p["p50_ms"] / 1000, 3), "p95_s": round(p["p95_ms"] / 1000, 3),
            "first_s": first, "samples_s": samples}


def _ratio(load: dict, reference: dict) -> dict:
    """A full load's p50 and p95 each divided by the reference's."""
    return {q: round(load[f"{q}_s"] / reference[f"{q}_s"], 2) for q in ("p50", "p95")}


def summarise(samples, pages) -> dict:
    """Per page and action: p50 / p95 of runs 1..N, run 0 as "first"; the load's ratio to the
    bare app's; each goal met or not."""
    references = {key: {**_stats(samples.runs[(key, "load")], samples.first.get((key, "load"))),
                        **samples.detail[(key, "load")]} for key in BARE_REFERENCES}
    bare, bare_chart = references["bare"], references["bare_chart"]
    for key, reference in references.items():
        if key != "bare":
            reference["ratio"] = _ratio(reference, bare)
    rows, goals = [], []
    for script, title, _ in pages:
        row = {"script": script, "title": title}
        for action in ("load", *INTERACTIONS):
            if (script, action) not in samples.runs:
                continue
            row[action] = {**_stats(samples.runs[(script, action)],
                                    samples.first.get((script, action))),
                           **samples.detail[(script, action)]}
        row["load_ratio"] = _ratio(row["load"], bare)
        row["load_ratio_chart"] = _ratio(row["load"], bare_chart)
        if (script, "floor") in samples.runs:
            drawn, not_drawn = bare_app.kinds_of(row["load"]["wire"]["by_kind"])
            row["floor"] = {**_stats(samples.runs[(script, "floor")], None),
                            **samples.detail[(script, "floor")], "kinds": drawn,
                            "kinds_not_drawn": not_drawn}
            row["floor"]["ratio"] = _ratio(row["floor"], bare)
            row["load_ratio_floor"] = _ratio(row["load"], row["floor"])
        goals.append({"page": title, "goal": f"tải đầy đủ ≤ {LOAD_RATIO_GOAL}× ứng dụng trống",
                      "value": row["load_ratio"]["p50"],
                      "met": row["load_ratio"]["p50"] <= LOAD_RATIO_GOAL,
                      # the least a page of these kinds costs: a goal below it is out of reach
                      "floor": row["floor"]["ratio"]["p50"] if "floor" in row else None})
        for action in INTERACTIONS:
            if action not in row:
                continue
            met = all(row[action][f"{q}_s"] <= limit for q, limit in INTERACTION_GOAL_S.items())
            goals.append({"page": title,
                          "goal": f"{ACTION_NAMES[action]} p50 ≤ 0.3 s, p95 ≤ 0.5 s",
                          "value": [row[action]["p50_s"], row[action]["p95_s"]], "met": met})
        rows.append(row)
    return {**references, "pages": rows, "goals": goals}


def _status(met: bool) -> str:
    return "ĐẠT" if met else "CHƯA ĐẠT"


def _cell(stats: dict | None) -> str:
    if not stats:
        return f"{'—':>20}"
    first = "—" if stats["first_s"] is None else f"{stats['first_s']:.2f}"
    return f"{stats['p50_s']:6.2f} {stats['p95_s']:6.2f} {first:>6}"


def render(report: dict) -> str:
    m = report["machine"]
    lines = [
        "CDHT bench trình duyệt — dữ liệu kèm theo (bảng nguồn thật, không phải mô phỏng), "
        "Debian chromium, mọi yêu cầu ra ngoài 127.0.0.1 bị chặn",
        f"máy: {m['cpus']} nhân, {m['cpu']}, tải {m['load_average_at_start']} → "
        f"{m.get('load_average_at_end')}, tham chiếu tốc độ (cpu_reference_ms) "
        f"{m['cpu_reference_ms_at_start']} → {m.get('cpu_reference_ms_at_end')} ms, {m['date']}",
        f"số lần đo: {report['params']['runs']} (sau lần đầu, khi bộ nhớ đệm còn trống); "
        f"đổi nhóm sang «{report['params']['choices']['Nhóm đối tượng']}», "
        f"đổi địa bàn sang «{report['params']['choices']['Địa bàn']}»", "",
        "== tỉ lệ so với ứng dụng trống (tải đầy đủ, đo xen kẽ trong cùng lần chạy) ==",
        "  sàn: ứng dụng trống vẽ mỗi loại phần tử của trang một lần, không có số liệu",
        f"  {'':<24} {'÷ ứng dụng trống':>18} {'÷ trống + 1 biểu đồ':>28} {'sàn ÷ trống':>14} "
        f"{'trang ÷ sàn':>13}",
        f"  {'trang':<24} {'trung vị':>9} {'p95':>8} {'trung vị':>19} {'p95':>8} "
        f"{'trung vị':>14} {'trung vị':>13}",
        f"  {'trống + 1 biểu đồ':<24} {report['bare_chart']['ratio']['p50']:8.2f}× "
        f"{report['bare_chart']['ratio']['p95']:7.2f}× {1:18.2f}× {1:7.2f}×"]
    for row in report["pages"]:
        r, c = row["load_ratio"], row["load_ratio_chart"]
        floor = (f" {row['floor']['ratio']['p50']:13.2f}× {row['load_ratio_floor']['p50']:12.2f}×"
                 if "floor" in row else "")
        lines.append(f"  {row['title']:<24} {r['p50']:8.2f}× {r['p95']:7.2f}× "
                     f"{c['p50']:18.2f}× {c['p95']:7.2f}×" + floor)
    lines += ["", "== sàn của từng trang: các loại phần tử ứng dụng trống vẽ (không vẽ được) =="]
    for row in report["pages"]:
        if "floor" in row:
            missing = (f" (không vẽ được: {', '.join(row['floor']['kinds_not_drawn'])})"
                       if row["floor"]["kinds_not_drawn"] else "")
            lines.append(f"  {row['title']:<24} " + ", ".join(
                k.split(":")[-1] for k in row["floor"]["kinds"]) + missing)
    lines += ["", "== mục tiêu (issue 18) =="]
    for g in report["goals"]:
        value = (f"{g['value']:.2f}×" if isinstance(g["value"], float)
                 else f"p50 {g['value'][0]:.2f} s, p95 {g['value'][1]:.2f} s")
        if g.get("floor"):
            value += f" (sàn {g['floor']:.2f}×)"
        lines.append(f"  {_status(g['met']):<9} {g['page']:<22} {g['goal']:<40} {value}")
    lines += ["", f"== số đo tuyệt đối (giây: trung vị, p95, lần đầu; tham chiếu tốc độ "
                  f"{m['cpu_reference_ms_at_start']} → {m.get('cpu_reference_ms_at_end')} ms) ==",
              f"  {'trang':<24}" + "".join(f"{ACTION_NAMES[a]:>22}" for a in
                                            ("load", *INTERACTIONS)),
              f"  {'ứng dụng trống':<24}  {_cell(report['bare'])}",
              f"  {'trống + 1 biểu đồ':<24}  {_cell(report['bare_chart'])}"]
    for row in report["pages"]:
        lines.append(f"  {row['title']:<24}" + "".join(
            f"  {_cell(row.get(a))}" for a in ("load", *INTERACTIONS)))
    for row in report["pages"]:
        if "floor" in row:
            lines.append(f"  {'sàn: ' + row['title']:<24}  {_cell(row['floor'])}")
    lines += ["", "== thời gian đi đâu (lần đo cuối): trước khi chạy lại / máy chủ / vẽ, "
                  "CPU, số lần chạy kịch bản, tin nhắn websocket, KB, nặng nhất =="]
    for row in [{"title": "ứng dụng trống", "load": report["bare"]},
                {"title": "trống + 1 biểu đồ", "load": report["bare_chart"]}, *report["pages"]]:
        for action in ("load", *INTERACTIONS):
            if action not in row:
                continue
            ph, w = row[action]["phases"], row[action]["wire"]
            phases = (f"{ph['before_rerun_s']:.2f} / {ph['server_s']:.2f} / "
                      f"{ph['drawing_s']:.2f} s" if ph else "—")
            heavy = ", ".join(f"{k} {v['bytes'] / 1024:.0f} KB ({v['messages']})"
                              for k, v in list(w["by_kind"].items())[:3])
            cpu = row[action]["cpu"]
            lines.append(f"  {row['title']:<22} {ACTION_NAMES[action]:<13} {phases:<22} "
                         f"CPU máy chủ {cpu['server_s']:.2f} s, tab {cpu['tab_main_thread_s']:.2f} s "
                         f"(JS {cpu['tab_script_s']:.2f}, kiểu {cpu['tab_style_s']:.2f}, "
                         f"bố cục {cpu['tab_layout_s']:.2f}), "
                         f"{row[action]['script_runs']} lần chạy, "
                         f"{w['messages']:4d} tin, {w['bytes'] / 1024:7.1f} KB: {heavy}")
    if report["blocked"]:
        lines += ["", f"yêu cầu ra ngoài bị chặn: {len(report['blocked'])}: "
                      + ", ".join(sorted(set(report['blocked']))[:5])]
    return "\n".join(lines)
