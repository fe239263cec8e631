"""The bubble map on a page, legible at any width: its labels are placed for the narrowest
width a figure is drawn at (ui/charts.bubble_map), and a phone is narrower than a computer's
map needs, so the page holds two figures and shows the one that fits the map's own width (a
CSS container query: the sidebar open or closed changes the width as much as the screen)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts, figures

KEY = "bubble_map"
PHONE_HEIGHT = 600
CSS = f"""<style>
.st-key-{KEY} {{ container-type: inline-size; }}
@container (min-width: {charts.MAP_WIDTH}px) {{ .st-key-{KEY}_phone {{ display: none; }} }}
@container (max-width: {charts.MAP_WIDTH - 0.02}px) {{ .st-key-{KEY}_wide {{ display: none; }} }}
</style>"""


def draw(frame: pd.DataFrame, size_by: str, colour_by: str):
    """Both maps; the selection of the one clicked (its points empty when neither was)."""
    st.html(CSS)
    events = []
    with st.container(key=KEY):
        for name, shape in (("wide", {}), ("phone", dict(width=charts.PHONE_MAP_WIDTH,
                                                         height=PHONE_HEIGHT,
                                                         **charts.PHONE_MAP_LOOK))):
            with st.container(key=f"{KEY}_{name}"):
                events.append(st.plotly_chart(
                    figures.bubble_map(frame, size_by, colour_by, **shape), theme=None,
                    on_select="rerun", selection_mode="points", key=f"map_bubbles_{name}",
                    config={"displayModeBar": False}))
    return next((e for e in events if e.selection.points), events[0])
