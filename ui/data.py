"""Cached access to the store for the pages.

Every cache below is keyed on a StoreKey: the store's path and its data version (one stat of
the file, store.data_version). A build or import by another process swaps in a new file and so
a new version: the next interaction of every open session reads the new data, from a new
read-only connection, without a restart; the connection of an older version is closed when a
newer one replaces it in `connection`'s cache. A fault met while reading (StoreError when the
store is missing, busy or too old; InputError) is shown by ui.page.store_faults around the
whole run.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import streamlit as st

from cdht_data import boundaries, metrics, store, views
from cdht_data.quality import report as quality_report


class StoreKey(NamedTuple):
    """Which store, and which version of it, a page reads."""
    path: str
    version: str


def store_key(path: str | None = None) -> StoreKey:
    """The key of the store the pages read now (CDHT_DB or data/cdht.duckdb)."""
    path = str(path or store.default_db_path())
    return StoreKey(path, store.data_version(path))


def _close(con) -> None:
    con.close()


@st.cache_resource(show_spinner=False, max_entries=2, on_release=_close)
def connection(key: StoreKey):
    """The store version `key` names, opened read-only (never created or changed)."""
    return store.open_read(key.path)


def _cur(db: StoreKey):
    return connection(db).cursor()


@st.cache_data(show_spinner=False)
def area_figures(db: StoreKey, area: str | None, as_of: dt.date | None):
    return metrics.area_figures(_cur(db), area, as_of)


@st.cache_data(show_spinner=False)
def previous_figures(db: StoreKey, area: str, as_of: dt.date):
    fig = area_figures(db, area, as_of)
    return views.previous_figures(_cur(db), fig) if fig is not None else None


@st.cache_data(show_spinner=False)
def areas(db: StoreKey):
    return views.areas_with_data(_cur(db))


@st.cache_data(show_spinner=False)
def periods(db: StoreKey, area: str) -> list[dt.date]:
    return metrics.periods(_cur(db), area)


@st.cache_data(show_spinner=False)
def unit_places(db: StoreKey, unit_keys: tuple[str, ...]):
    return views.unit_places(_cur(db), list(unit_keys))


@st.cache_data(show_spinner=False)
def unit_view(db: StoreKey, unit_key: str, as_of: dt.date):
    """A drill-down's unit: its figures at the period and its history (views.unit_view)."""
    return views.unit_view(_cur(db), unit_key, as_of)


@st.cache_data(show_spinner=False)
def dataset_catalog(db: StoreKey):
    return views.dataset_catalog(_cur(db))


@st.cache_data(show_spinner=False)
def ruleset_catalog(db: StoreKey):
    return views.ruleset_catalog(_cur(db))


@st.cache_data(show_spinner=False)
def band_group_table(db: StoreKey, area: str, as_of: dt.date):
    """Recognised people per band and group of the area (views.band_group_table)."""
    return views.band_group_table(_cur(db), area_figures(db, area, as_of))


@st.cache_data(show_spinner=False)
def quality(db: StoreKey, area: str, as_of: dt.date) -> dict:
    """Everything the data-quality page shows for one area and period."""
    return quality_report.quality_page(_cur(db), as_of, area)


@st.cache_data(show_spinner=False)
def finding_cells(db: StoreKey, finding_id: int):
    return quality_report.finding_cells(_cur(db), [finding_id])


@st.cache_data(show_spinner=False)
def quality_markers(db: StoreKey, area: str, as_of: dt.date):
    """⚠ markers for other pages: unit_key × metric × finding (see quality.report.markers)."""
    return quality_report.markers(_cur(db), as_of, area)


@st.cache_data(show_spinner=False, max_entries=4)
def boundary_file(raw: bytes, name: str) -> dict:
    """A boundary file parsed once per content and name (boundaries.parse_geojson), not on
    every interaction with the map page; a file it refuses is not cached, so its InputError
    comes again each run."""
    return boundaries.parse_geojson(raw, name)
