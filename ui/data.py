"""Cached access to the store for the pages.

Two functions decide how the store is reached, and nothing else here needs to change when
that does: `db_path()` gives the key every page passes as `db` (every cache below is keyed on
it, so a key that also held the store's data version would make a rebuilt or re-imported
store show on the next interaction), and `connection()` is the one place that opens the store.
A fault met while reading (cdht_data.errors.StoreError, InputError) is shown by
ui.page.store_faults around the whole run.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cdht_data import boundaries, metrics, store, views
from cdht_data.quality import report as quality_report


@st.cache_resource(show_spinner=False)
def connection(db_path: str):
    """The store opened read-only, once per key."""
    return store.connect(db_path, read_only=True)


def db_path() -> str:
    """The key of the store the pages read (its path)."""
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


@st.cache_data(show_spinner=False, max_entries=4)
def boundary_file(raw: bytes, name: str) -> dict:
    """A boundary file parsed once per content and name (boundaries.parse_geojson), not on
    every interaction with the map page; a file it refuses is not cached, so its InputError
    comes again each run."""
    return boundaries.parse_geojson(raw, name)
