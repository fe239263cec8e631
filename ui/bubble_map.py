"""The bubble map on a page, legible at any width: its labels are placed for the narrowest
width a figure is drawn at (ui/charts.bubble_map), and a phone is narrower than a computer's
map needs. A phone's browser gets two figures and the page shows the one that fits the map's
own width (a CSS container query: a phone turned sideways is wide enough for the computer's).
A computer's browser gets the computer's map alone: a second plotly drawing into a box it
never shows cost every view of the page; in a window narrower than the map (a zoomed or
halved screen) the map keeps its width and its box scrolls sideways, labels still apart."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from ui import charts, figures

KEY = "bubble_map"
PHONE_HEIGHT = 600
# What phones' browsers put in their User-Agent (Android's and iOS's "Mobile", Opera Mini…);
# tablets say none of it and have room for the computer's map.
PHONE_AGENT = re.compile(r"Mobi|iPhone|iPod|Opera Mini", re.IGNORECASE)
# Phones: the one of the two figures that fits the map's width.
BOTH_CSS = f"""<style>
.st-key-{KEY} {{ container-type: inline-size; }}
@container (min-width: {charts.MAP_WIDTH}px) {{ .st-key-{KEY}_phone {{ display: none; }} }}
@container (max-width: {charts.MAP_WIDTH - 0.02}px) {{ .st-key-{KEY}_wide {{ display: none; }} }}
</style>"""
# Computers: the computer's figure, never narrower than its labels were placed for.
# (Streamlit's box around an element scrolls sideways what is wider than the page.)
WIDE_CSS = f"""<style>
.st-key-{KEY}_wide [data-testid="stFullScreenFrame"] {{ min-width: {charts.MAP_WIDTH}px; }}
</style>"""
SHAPES = {"wide": {}, "phone": dict(width=charts.PHONE_MAP_WIDTH, height=PHONE_HEIGHT,
                                    **charts.PHONE_MAP_LOOK)}


def on_a_phone(user_agent: str | None) -> bool:
    return bool(user_agent) and PHONE_AGENT.search(user_agent) is not None


def draw(frame: pd.DataFrame, size_by: str, colour_by: str):
    """The map(s) this browser needs; the selection of the one clicked (its points empty when
    none was)."""
    phone = on_a_phone(st.context.headers.get("User-Agent"))
    names = ["wide", "phone"] if phone else ["wide"]
    st.html(BOTH_CSS if phone else WIDE_CSS)
    events = []
    with st.container(key=KEY):
        for name in names:
            with st.container(key=f"{KEY}_{name}"):
                events.append(st.plotly_chart(
                    figures.bubble_map(frame, size_by, colour_by, **SHAPES[name]), theme=None,
                    on_select="rerun", selection_mode="points", key=f"map_bubbles_{name}",
                    config={"displayModeBar": False}))
    return next((e for e in events if e.selection.points), events[0])
