"""Trình chiếu: what the presenter view shows at a meeting, one message per slide, from one call.

The slides take their figures from the same functions as the pages (metrics.area_figures,
frames.*, targets, partners): a figure on a slide is the figure on Tổng quan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from .. import formulas
from .. import partners as partner_file
from .. import targets as target_file
from ..definitions import LowUptake
from ..metrics import AreaFigures, area_figures, for_group
from ..units import UnitRegistry
from .frames import group_totals, lagging_groups, low_uptake_units, map_frame, unit_places

# Slide keys in the order they are shown, and their titles.
SLIDES = (
    ("ket_qua", "Kết quả chính"),
    ("chi_tieu", "Tiến độ so với chỉ tiêu"),
    ("don_vi_thap", "Đơn vị tham gia thấp nhất"),
    ("nhom", "Kết quả theo nhóm đối tượng"),
    ("ban_do", "Bản đồ tham gia"),
    ("viec_tiep", "Việc cần làm tiếp"),
)
# A projector slide holds about this many bars legibly at 28 px; the rest is named below it.
LOWEST_SHOWN = 8


@dataclass(frozen=True)
class TargetStep:
    """How far the area is from one target about all groups."""
    target: target_file.Target
    recognized_pct: float | None  # Đạt ÷ dân số 8–60 × 100
    gap_count: int | None  # people still to be recognised (0 once reached)


@dataclass(frozen=True)
class LaggingGroup:
    """A group that lags behind the area (frames.lagging_groups), and who reaches it."""
    group_no: int
    group_name: str
    recognition_pct: float | None  # None: nobody of the group assessed yet
    partner: partner_file.Partner | None


@dataclass
class Presentation:
    figures: AreaFigures  # the group asked for
    slides: tuple[tuple[str, str], ...]  # (key, title) of the slides there is something for
    headline: dict  # the totals the first slide shows (metrics' keys)
    targets: list[TargetStep]  # the targets about all groups, soonest first
    lowest: pd.DataFrame  # low_uptake_units, lowest first (every low unit)
    groups: pd.DataFrame  # group_totals of every group
    map: pd.DataFrame | None  # map_frame of the units with a centre; None: nothing to place
    lagging_groups: list[LaggingGroup] = field(default_factory=list)  # lowest rate first


HEADLINE = ("registered_count", "assessed_count", "recognized_count", "recognition_pct",
            "participation_pct", "age_8_60_count")


def presentation(con: duckdb.DuckDBPyConnection, area: str, as_of: dt.date, group: int | None,
                 low: LowUptake, structure: str | None = None,
                 targets: tuple[target_file.Target, ...] | None = None,
                 partners: tuple[partner_file.Partner, ...] | None = None) -> Presentation | None:
    """The slides for an area and period (None without data). `targets` and `partners`
    default to the reference files (data/reference/targets.toml, partners.toml)."""
    every = area_figures(con, area, as_of, structure=structure)
    if every is None:
        return None
    shown = for_group(every, group)
    registry = UnitRegistry.load(con)
    in_force = target_file.in_force(con, registry, targets)
    about_all = target_file.for_all_groups(
        target_file.for_area(in_force, registry.ancestors(every.area.unit_key)))
    totals = shown.totals
    # one group's Đạt is never set against the whole 8–60 population: no target slide then
    steps = [TargetStep(t, _share(totals), t.people_to_recognize(
        totals.get("recognized_count"), totals.get("age_8_60_count"))) for t in about_all] \
        if shown.group is None else []
    lowest = low_uptake_units(every, low)
    groups = group_totals(every)
    frame = None
    if not every.units.empty:
        frame = map_frame(shown, unit_places(con, shown.units["unit_key"].tolist()), low)
        frame = frame.dropna(subset=["lat", "lon"]).reset_index(drop=True)
        frame = frame if len(frame) else None
    lagging = _lagging_groups(every, partner_file.load() if partners is None else partners)
    has = {"ket_qua": True, "chi_tieu": bool(steps), "don_vi_thap": len(lowest) > 0,
           "nhom": bool(groups["assessed_count"].notna().any()) if len(groups) else False,
           "ban_do": frame is not None, "viec_tiep": len(lowest) > 0 or bool(lagging)}
    return Presentation(shown, tuple(s for s in SLIDES if has[s[0]]),
                        {k: totals.get(k) for k in HEADLINE}, steps, lowest, groups, frame,
                        lagging)


def _share(totals: dict) -> float | None:
    return formulas.pct(totals.get("recognized_count"), totals.get("age_8_60_count"))


def _lagging_groups(fig: AreaFigures,
                    partners: tuple[partner_file.Partner, ...]) -> list[LaggingGroup]:
    """The lagging groups (the rule of frames.lagging_groups, as the report draft's), those
    nobody has assessed first, then the lowest rate first."""
    ruleset = fig.ruleset.get("ruleset_id")
    rows = [LaggingGroup(int(r.group_no), r.group_name,
                         None if pd.isna(r.recognition_pct) else float(r.recognition_pct),
                         partner_file.for_group(partners, ruleset, int(r.group_no)))
            for r in lagging_groups(fig).itertuples(index=False)]
    return sorted(rows, key=lambda g: (g.recognition_pct is not None, g.recognition_pct or 0,
                                       g.group_no))
