"""The bubble map on a page, legible at any width: it is drawn at the width its labels are
placed for (ui/maps.bubble_map), and a phone is narrower than a computer's map needs. A
phone's browser gets two maps and the page shows the one that fits the page's width (a CSS
container query: a phone turned sideways is wide enough for the computer's). A computer's
browser gets the computer's map alone: a second drawing into a box it never shows cost every
view of the page; in a window narrower than the map (a zoomed or halved screen) its box
scrolls sideways, labels still apart."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from ui import maps, vega

KEY = "bubble_map"
PHONE_HEIGHT = 600
# What phones' browsers put in their User-Agent (Android's and iOS's "Mobile", Opera Mini…);
# tablets say none of it and have room for the computer's map.
PHONE_AGENT = re.compile(r"Mobi|iPhone|iPod|Opera Mini", re.IGNORECASE)
# A tap on a label opens its unit as a tap on its bubble does: the labels let it through.
LABELS_CSS = f".st-key-{KEY} .mark-text {{ pointer-events: none; }}"
# Phones: the one of the two maps that fits the page's width.
BOTH_CSS = f"""<style>{LABELS_CSS}
.st-key-{KEY} {{ container-type: inline-size; }}
@container (min-width: {maps.MAP_WIDTH}px) {{ .st-key-{KEY}_phone {{ display: none; }} }}
@container (max-width: {maps.MAP_WIDTH - 0.02}px) {{ .st-key-{KEY}_wide {{ display: none; }} }}
</style>"""
# Computers: the computer's map, its box scrolling sideways in a window narrower than it.
WIDE_CSS = f"""<style>{LABELS_CSS}
.st-key-{KEY}_wide {{ overflow-x: auto; }}
</style>"""
SHAPES = {"wide": {}, "phone": dict(width=maps.PHONE_MAP_WIDTH, height=PHONE_HEIGHT,
                                    **maps.PHONE_MAP_LOOK)}


def on_a_phone(user_agent: str | None) -> bool:
    return bool(user_agent) and PHONE_AGENT.search(user_agent) is not None


def draw(frame: pd.DataFrame, size_by: str, colour_by: str):
    """The map(s) this browser needs; the unit_key of the unit clicked, or None."""
    phone = on_a_phone(st.context.headers.get("User-Agent"))
    names = ["wide", "phone"] if phone else ["wide"]
    st.html(BOTH_CSS if phone else WIDE_CSS)
    events = []
    with st.container(key=KEY):
        for name in names:
            with st.container(key=f"{KEY}_{name}"):
                events.append(st.vega_lite_chart(
                    maps.bubble_map(frame, size_by, colour_by, **SHAPES[name]), theme=None,
                    width="content", on_select="rerun", selection_mode=vega.CLICKED,
                    key=f"map_bubbles_{name}"))
    return next(filter(None, map(vega.clicked, events)), None)

