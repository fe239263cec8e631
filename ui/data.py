"""Cached access to the store for the pages. The database path is part of every cache key."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cdht_data import metrics, store, views
from cdht_data.quality import report as quality_report


@st.cache_resource(show_spinner=False)
def connection(db_path: str):
    return store.connect(db_path, read_only=True)


def db_path() -> str:
    return str(store.default_db_path())


def _cur(db: str):
    return connection(db).cursor()


@st.cache_data(show_spinner=False)
def area_figures(db: str, area: str | None, as_of: dt.date | None):
    return metrics.area_figures(_cur(db), area, as_of)


@st.cache_data(show_spinner=False)
def previous_figures(db: str, area: str, as_of: dt.date):
    fig = area_figures(db, area, as_of)
    return views.previous_figures(_cur(db), fig) if fig is not None else None


@st.cache_data(show_spinner=False)
def areas(db: str):
    return views.areas_with_data(_cur(db))


@st.cache_data(show_spinner=False)
def periods(db: str, area: str) -> list[dt.date]:
    return metrics.periods(_cur(db), area)


@st.cache_data(show_spinner=False)
def unit_places(db: str, unit_keys: tuple[str, ...]):
    return views.unit_places(_cur(db), list(unit_keys))


@st.cache_data(show_spinner=False)
def unit_view(db: str, unit_key: str, as_of: dt.date):
    """A drill-down's unit: its figures at the period and its history (views.unit_view)."""
    return views.unit_view(_cur(db), unit_key, as_of)


@st.cache_data(show_spinner=False)
def dataset_catalog(db: str):
    return views.dataset_catalog(_cur(db))


@st.cache_data(show_spinner=False)
def ruleset_catalog(db: str):
    return views.ruleset_catalog(_cur(db))


@st.cache_data(show_spinner=False)
def quality(db: str, area: str, as_of: dt.date) -> dict:
    """Everything the data-quality page shows for one area and period."""
    return quality_report.quality_page(_cur(db), as_of, area)


@st.cache_data(show_spinner=False)
def finding_cells(db: str, finding_id: int):
    return quality_report.finding_cells(_cur(db), [finding_id])


@st.cache_data(show_spinner=False)
def quality_markers(db: str, area: str, as_of: dt.date):
    """⚠ markers for other pages: unit_key × metric × finding (see quality.report.markers)."""
    return quality_report.markers(_cur(db), as_of, area)
