"""Each page's one call, as a first visitor's view makes it: the page's public function in
`cdht_data.views` (which `ui.data` caches under the same name) with the sidebar's defaults.

queries.py times these calls on the store directly; pages.py times them through `ui.data`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from cdht_data import metrics, views
from cdht_data.definitions import LowUptake
from cdht_data.meeting_page import meeting_page
from cdht_data.plan_page import plan_page
from cdht_data.keys import SEVERITIES
from cdht_data.targets import POPULATION_8_60
from ui import navigation


@dataclass(frozen=True)
class Filters:
    """The sidebar's defaults for an area (ui.filters): its latest period, every group, the
    default low-uptake setting, no unit or finding chosen (the page opens its
    first)."""
    area: str
    as_of: dt.date
    group: int | None = None
    low: LowUptake = field(default_factory=LowUptake)
    unit_key: str | None = None
    severities: tuple[str, ...] = SEVERITIES
    finding_id: int | None = None
    structure: str | None = None  # the units of the period's date, as the sidebar's default
    base: str = POPULATION_8_60  # «Kế hoạch vận động»'s default base of the targets


def filters_for(con: duckdb.DuckDBPyConnection, area: str) -> Filters:
    return Filters(area, metrics.periods(con, area)[0])


def page_calls(f: Filters) -> dict[str, tuple]:
    """Page script -> (its function in cdht_data.views, the arguments after the store)."""
    return {
        navigation.OVERVIEW: (views.overview, (f.area, f.as_of, f.group, f.low, f.structure)),
        navigation.MAP: (views.map_page, (f.area, f.as_of, f.group, f.low, f.structure)),
        navigation.GROUPS: (views.groups_page, (f.area, f.as_of, f.group, f.structure)),
        navigation.COMMUNE: (views.commune_page, (f.area, f.as_of, f.group, f.low,
                                                  f.unit_key, f.structure)),
        navigation.BANDS: (views.bands_page, (f.area, f.as_of, f.group, f.structure)),
        navigation.QUALITY: (views.quality_view, (f.area, f.as_of, f.severities,
                                                  f.finding_id)),
        navigation.DEFINITIONS: (views.definitions_page, ()),
        navigation.MEETING: (meeting_page, (f.area, f.as_of, f.structure)),
        navigation.PLAN: (plan_page, (f.area, f.as_of, f.structure, f.base, f.low)),
    }

