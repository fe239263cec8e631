"""What the dashboard pages draw, built from the figures of metrics.py: no Streamlit, no
formatting.

One public function per page returns everything that page draws, as a dataclass (overview,
map_page, groups_page, commune_page, bands_page, quality_view, definitions_page; presentation
for the presenter view; reporting_view for the «Đơn vị đã báo cáo» tab of «Nhập số liệu»;
«Báo cáo cho cuộc họp» reads cdht_data.meeting_page, as its files are made from these views);
ui/data.py caches it and the page script only lays it out. The frames they are made of (league
table, group table, bands, map frame, ⚠ marks) are in frames.py, each answering one question,
so every figure on screen traces back to a tested function here or in metrics.py.
"""

from .bands import BandsPage, bands_page
from .commune import CommunePage, commune_page
from .definitions import DefinitionsPage, definitions_page
from .frames import (areas_with_data, band_group_table, band_table, changes, drill_units,
                     group_table, group_totals, lagging_groups, league_table, low_uptake_mask,
                     low_uptake_units, map_frame, mark_labels, marks, previous_figures,
                     target_progress, unit_places, unit_view, weakest_group)
from .groups import GroupsPage, groups_page
from .map import MapPage, map_page
from .overview import Overview, overview
from .presentation import Presentation, presentation
from .quality import QualityPage, quality_view
from .reporting import ReportingView, reporting_view, set_period_deadline, unit_states

__all__ = [
    "BandsPage", "CommunePage", "DefinitionsPage", "GroupsPage", "MapPage", "Overview", "Presentation", "QualityPage", "ReportingView",
    "areas_with_data", "band_group_table", "band_table", "bands_page", "changes",
    "commune_page", "definitions_page", "drill_units", "group_table", "group_totals",
    "groups_page", "lagging_groups", "league_table", "low_uptake_mask", "low_uptake_units",
    "map_frame", "map_page", "mark_labels", "marks", "overview",
    "presentation", "previous_figures", "quality_view", "reporting_view", "set_period_deadline",
    "target_progress", "unit_places", "unit_states", "unit_view", "weakest_group",
]
