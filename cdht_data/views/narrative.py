"""The paragraph of figures a presenter reads out or pastes into the written report.

Written from the figures only, in the reports' own wording; a missing figure leaves its
sentence out rather than printing a blank.
"""

from __future__ import annotations

from ..definitions import LowUptake
from ..formatting import fmt_date, fmt_int, fmt_number, fmt_pct
from ..keys import STRUCTURE_WORDS
from ..metrics import AreaFigures
from ..target_distance import Distance
from ..units import area_label
from .frames import changes, low_uptake_units, weakest_group



def _signed(value, formatter, unit: str = "") -> str:
    sign = "tăng" if value > 0 else "giảm"
    return f"{sign} {formatter(abs(value))}{unit}"


def _targets_sentence(targets: list[Distance]) -> str | None:
    """Where the area stands against each target about every group (both horizons), on the
    base each is measured on; None when it cannot be measured."""
    known = [d for d in targets if d.people_to_recognize is not None]
    if not known:
        return None
    first = known[0]
    parts = [f"chỉ tiêu {fmt_number(d.pct)}% năm {d.year} "
             + (f"còn thiếu {fmt_int(d.people_to_recognize)} người" if d.people_to_recognize
                else "đã đạt") for d in known]
    return (f"Số người đạt bằng {fmt_pct(first.recognized_pct)} {first.base_words}: "
            f"{fmt_int(first.recognized)}/{fmt_int(first.base_count)} người; so với "
            + ", ".join(parts) + ".")


def summary_paragraph(fig: AreaFigures, low: LowUptake, targets: list[Distance],
                      previous: AreaFigures | None = None, group_name: str | None = None) -> str:
    """The paragraph; `targets`: the area's distances to the targets about every group
    (target_distance.totals_distances), left out for one group's figures (a group is never set
    against the whole population)."""
    t = fig.totals
    area = area_label(fig.area.level, fig.area.name)
    who = f" thuộc {group_name}" if group_name else ""
    out = []
    first = f"Tính đến ngày {fmt_date(fig.as_of)}, {area}"
    if t.get("registered_count") is not None:
        first += f" có {fmt_int(t['registered_count'])} người đăng ký tham gia mô hình Công dân học tập"
        if t.get("participation_pct") is not None:
            first += (f", bằng {fmt_pct(t['participation_pct'])} dân số từ 8 đến 60 tuổi "
                      f"({fmt_int(t['age_8_60_count'])} người)")
        out.append(first + ".")
        first = "Đã có"
    else:
        first += " có"
    if t.get("assessed_count") is not None:
        sentence = f"{first} {fmt_int(t['assessed_count'])} người{who} được đánh giá"
        if t.get("recognized_count") is not None:
            sentence += (f", trong đó {fmt_int(t['recognized_count'])} người đạt danh hiệu "
                         f"Công dân học tập")
            if t.get("recognition_pct") is not None:
                sentence += f" ({fmt_pct(t['recognition_pct'])} số người đã đánh giá)"
        out.append(sentence + ".")
    if previous is not None:
        delta = changes(t, previous.totals)
        parts = []
        if delta.get("registered_count") is not None:
            parts.append(f"số người đăng ký {_signed(delta['registered_count'], fmt_int)}"
                         if delta["registered_count"] else "số người đăng ký không đổi")
        if delta.get("recognized_count") is not None:
            parts.append(f"số người đạt {_signed(delta['recognized_count'], fmt_int)}"
                         if delta["recognized_count"] else "số người đạt không đổi")
        if parts:
            summed = " (số của các đơn vị hợp thành, cộng gộp)" \
                if previous.rolled_up and not fig.rolled_up else ""
            out.append(f"So với kỳ {fmt_date(previous.as_of)}{summed}, " + ", ".join(parts) + ".")
    sentence = _targets_sentence(targets) if fig.group is None else None
    if sentence:
        out.append(sentence)
    lows = low_uptake_units(fig, low)
    if len(lows):
        names = ", ".join(f"{n} ({fmt_pct(p)})" for n, p in zip(lows["name"], lows["participation_pct"]))
        out.append(f"Có {len(lows)} đơn vị tham gia thấp ({low.describe()}): {names}.")
    worst = weakest_group(fig) if group_name is None and fig.groups and not fig.units.empty \
        else None
    if worst is not None:
        out.append(f"Nhóm có tỉ lệ đạt thấp nhất là {worst['group_name']} "
                   f"({fmt_pct(worst['recognition_pct'])}, {fmt_int(worst['recognized_count'])}/"
                   f"{fmt_int(worst['assessed_count'])} người).")
    if fig.rolled_up:
        table = fig.sources[fig.rolled_up[0]]["structure"]
        sentence = (f"Số liệu kỳ này ghi {STRUCTURE_WORDS[table]}, được cộng gộp "
                    f"{STRUCTURE_WORDS[fig.structure]}")
        if fig.is_partial:
            sentence += f"; số liệu một phần (thiếu {'; '.join(fig.missing)})"
        out.append(sentence + ".")
    return " ".join(out)
