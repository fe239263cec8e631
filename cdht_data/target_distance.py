"""How far one unit (or an area, or a group) is from one target: people still to recognise,
to assess and to register first, months left and the pace needed, beside the pace seen.

Shared by the outreach plan (plan.py) and the overview (views/overview.py), so both give the
same figure; every number comes from formulas.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import formulas as f
from . import targets as target_file
from .formatting import fmt_date, fmt_decimal, fmt_int, fmt_number, fmt_pct
from .targets import Target


@dataclass(frozen=True)
class Distance:
    """One unit (or the area, or a group) against one target."""
    target_id: str
    group: int | None  # the group's number (None: every group)
    year: int
    pct: float
    base: str  # targets.BASES key
    base_words: str
    base_count: int | None  # the base population measured on
    recognized: int | None
    people_to_recognize: int | None  # rounded up; 0 once reached
    to_assess: int | None  # people to assess first at the unit's pass rate (None: unknown)
    to_register: int | None  # people to register first at the unit's assessment rate
    months_left: float | None  # from as_of to 31/12 of the year (≤ 0: past due)
    needed_per_month: float | None
    seen_per_month: float | None  # recognised per month between the last two periods
    recognized_pct: float | None = None  # recognised ÷ base × 100
    source: str = ""  # the document that sets the target
    notes: tuple[str, ...] = ()  # why a figure above is unknown, in Vietnamese

    @property
    def is_met(self) -> bool | None:
        return None if self.people_to_recognize is None else self.people_to_recognize == 0


def distance_base(age_8_60: int | None, unable: int | None, base: str) -> int | None:
    """The base population of a target about every group (targets.POPULATION_BASES)."""
    if base == target_file.ABLE_8_60:
        return f.population_less_unable(age_8_60, unable)
    return age_8_60


def distance(target: Target, base: str, base_count: int | None, recognized: int | None,
              assessed: int | None, registered: int | None, as_of: dt.date,
              seen: float | None, seen_note: str | None, group: int | None = None,
              group_assessed: int | None = None) -> Distance:
    """One target's distance. For a group (`group`), the pass rate is the group's own
    (recognised ÷ `group_assessed`), the assessment rate the unit's (registration is not split
    by group)."""
    notes = []
    gap = target.people_to_recognize(recognized, base_count)
    if base_count is None:
        notes.append(f"chưa có {target_file.BASES[base]} của kỳ này")
    if recognized is None:
        notes.append("chưa có số người Đạt")
    passed_of = group_assessed if group is not None else assessed
    to_assess = f.people_to_assess(gap, recognized, passed_of)
    if gap and to_assess is None:
        notes.append("chưa tính được số người cần đánh giá: "
                     + ("chưa có ai được đánh giá" if not passed_of else
                        "chưa có ai Đạt trong số đã đánh giá"))
    to_register = f.people_to_register(to_assess, assessed, registered)
    if to_assess and to_register is None:
        notes.append("chưa tính được số người cần đăng ký: "
                     + ("chưa có số người đăng ký" if registered is None else
                        "chưa có ai được đánh giá trong số đã đăng ký"))
    months = f.months_between(as_of, target.due)
    if months <= 0:
        notes.append(f"đã đến hạn {fmt_date(target.due)}")
    if seen is None and seen_note:
        notes.append(seen_note)
    return Distance(target.id, group, target.year, target.pct, base, target_file.BASES[base],
                    base_count, recognized, gap, to_assess, to_register, months,
                    f.per_month(gap, months) if gap else (0.0 if gap == 0 else None), seen,
                    f.pct(recognized, base_count), target.source, tuple(notes))


def totals_distances(totals: dict, targets: list[Target], as_of: dt.date,
                     base: str = target_file.POPULATION_8_60) -> list[Distance]:
    """Each target about every group (both horizons, targets.for_all_groups order) against an
    area's totals (metrics.AreaFigures.totals of every group), without a pace: what the
    overview and the paragraph of figures show. `base` as plan's (the default keeps each
    target's own)."""
    out = []
    for t in target_file.for_all_groups(targets):
        chosen = t.base if base == target_file.POPULATION_8_60 else base
        count = distance_base(totals.get("age_8_60_count"), totals.get("age_8_60_unable_count"),
                              chosen)
        out.append(distance(t, chosen, count, totals.get("recognized_count"),
                            totals.get("assessed_count"), totals.get("registered_count"), as_of,
                            None, None))
    return out


def distance_words(d: Distance, group_name: str | None = None) -> str:
    """One distance in a line of Vietnamese: the target, where the unit stands on its base,
    the people still to recognise (to assess and register first), the pace needed by the due
    date and the pace seen; or why it cannot be said."""
    head = f"{fmt_number(d.pct)}% năm {d.year}" + (f" ({group_name})" if group_name else "")
    if d.people_to_recognize is None:
        return f"{head}: chưa tính được ({'; '.join(d.notes)})"
    now = f"hiện {fmt_pct(d.recognized_pct)} ({fmt_int(d.recognized)}/{fmt_int(d.base_count)})"
    if d.people_to_recognize == 0:
        return f"{head}: {now}, đã đạt"
    steps = []
    if d.to_assess is not None:
        steps.append(f"cần đánh giá {fmt_int(d.to_assess)}")
    if d.to_register is not None:
        steps.append(f"đăng ký {fmt_int(d.to_register)}")
    text = f"{head}: {now}, còn thiếu {fmt_int(d.people_to_recognize)} người"
    if steps:
        text += f" ({', '.join(steps)})"
    text += (f"; cần {fmt_decimal(d.needed_per_month)} người/tháng đến 31/12/{d.year}"
             if d.needed_per_month is not None else f"; đã đến hạn 31/12/{d.year}")
    if d.seen_per_month is not None:
        text += f" (tốc độ đã đạt: {fmt_decimal(d.seen_per_month)} người/tháng)"
    return text
