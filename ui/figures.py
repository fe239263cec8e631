"""The plotly maps as pages draw them, each made once per content and kept for every rerun and
session: building and validating a plotly figure is most of a chart's server time, and a
rerun (a filter, a page switch, a click in a table) mostly draws what it drew before.

Figures are kept as objects (st.cache_resource): st.cache_data would pickle them, and a figure
read back is validated again. Arguments are hashed by value (frames by their content), so a
new view or a new store version makes new figures. Nothing changes a figure once made: the
presenter view, which resizes its charts, builds its own from ui.charts."""

from __future__ import annotations

import streamlit as st

from ui import charts
from ui.content_hash import HASH_FUNCS

_kept = st.cache_resource(show_spinner=False, max_entries=128, hash_funcs=HASH_FUNCS)

bubble_map = _kept(charts.bubble_map)
choropleth = _kept(charts.choropleth)
