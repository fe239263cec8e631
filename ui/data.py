"""Cached access to the store for the pages. The database path is part of every cache key."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cdht_data import metrics, store


@st.cache_resource(show_spinner=False)
def connection(db_path: str):
    return store.connect(db_path, read_only=True)


def db_path() -> str:
    return str(store.default_db_path())


@st.cache_data(show_spinner=False)
def area_figures(db: str, area: str | None, as_of: dt.date | None):
    return metrics.area_figures(connection(db).cursor(), area, as_of)
