"""Boxes that draw what they hold only while open."""

import streamlit as st


def box(label: str, key: str):
    """An expander whose opening or closing reruns the page, so the caller can draw its content
    only while `box.open`: closed, the content costs the page's run nothing and the browser no
    code for the widgets inside. `key` keeps the open state across runs."""
    return st.expander(label, key=key, on_change="rerun")
