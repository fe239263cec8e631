"""Cached access to the store for the pages.

Every cache below is keyed on a StoreKey: the store's path and its data version (one stat of
the file, store.data_version). A build or import by another process swaps in a new file and so
a new version: the next interaction of every open session reads the new data, from a new
read-only connection, without a restart; the connection of an older version is closed when a
newer one replaces it in `connection`'s cache. A fault met while reading (StoreError when the
store is missing, busy or too old; InputError) is shown by ui.page.store_faults around the
whole run.

A page's results are shared by every session (st.cache_resource), not copied for each
(st.cache_data unpickles a copy on every hit: half of a light page's rerun went to it). So no
page may change a result it is given; pandas' copy-on-write makes every frame derived from one
a copy. With CDHT_CHECK_SHARED set, each result's digest is kept when it is made, for a test
to find any page that changes one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import os
import pickle
from typing import NamedTuple

import pandas as pd
import streamlit as st

from cdht_data import boundaries, metrics, outputs, store, views
from cdht_data.meeting_page import meeting_page as meeting_page_view
from cdht_data.plan_page import plan_page as plan_page_view
from cdht_data.definitions import LowUptake
from cdht_data.targets import POPULATION_8_60
from ui.content_hash import content


# Results kept per page function (areas × periods × filters seen lately).
KEPT = 64
# id → (result, digest when made); filled only with CDHT_CHECK_SHARED set (tests).
MADE: dict[int, tuple[object, str]] = {}


def digest(result) -> str:
    """What `result` holds, not how: pandas may regroup a frame's columns in memory when it is
    read (the pickle changes, the content does not)."""
    h = hashlib.sha256()
    _feed(h, result)
    return h.hexdigest()


def _feed(h, value) -> None:
    if isinstance(value, pd.DataFrame):
        h.update(content(value))
        h.update(pickle.dumps(list(map(str, value.dtypes))))
    elif isinstance(value, pd.Series):
        _feed(h, value.to_frame())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            h.update(field.name.encode())
            _feed(h, getattr(value, field.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            h.update(repr(key).encode())
            _feed(h, item)
    elif isinstance(value, (list, tuple)):
        h.update(f"{type(value).__name__}{len(value)}".encode())
        for item in value:
            _feed(h, item)
    else:
        h.update(pickle.dumps(value))


def shared(function):
    """`function`'s results kept once and handed to every session as they are."""
    @functools.wraps(function)
    def made(*args, **kwargs):
        result = function(*args, **kwargs)
        if os.environ.get("CDHT_CHECK_SHARED"):
            MADE[id(result)] = (result, digest(result))
        return result
    return st.cache_resource(show_spinner=False, max_entries=KEPT)(made)


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


def read_cursor(db: StoreKey | None = None):
    """A cursor on the store version the pages read now (sign-in, the import page's lists)."""
    return _cur(db or store_key())


@shared
def area_figures(db: StoreKey, area: str | None, as_of: dt.date | None,
                 structure: str | None = None):
    """The area's figures (the sidebar's group list, every page's header)."""
    return metrics.area_figures(_cur(db), area, as_of, structure=structure)


@shared
def default_area(db: StoreKey) -> str | None:
    return metrics.default_area(_cur(db))


@shared
def areas(db: StoreKey):
    return views.areas_with_data(_cur(db))


@shared
def periods(db: StoreKey, area: str) -> list[dt.date]:
    return metrics.periods(_cur(db), area)


# One cached call per page: everything the page draws (cdht_data.views).

@shared
def overview(db: StoreKey, area: str, as_of: dt.date, group: int | None, low: LowUptake,
             structure: str | None = None):
    return views.overview(_cur(db), area, as_of, group, low, structure)


@shared
def presentation(db: StoreKey, area: str, as_of: dt.date, group: int | None, low: LowUptake,
                 structure: str | None = None):
    return views.presentation(_cur(db), area, as_of, group, low, structure)


@shared
def map_page(db: StoreKey, area: str, as_of: dt.date, group: int | None, low: LowUptake,
             structure: str | None = None):
    return views.map_page(_cur(db), area, as_of, group, low, structure)


@shared
def groups_page(db: StoreKey, area: str, as_of: dt.date, group: int | None,
                structure: str | None = None):
    return views.groups_page(_cur(db), area, as_of, group, structure)


@shared
def commune_page(db: StoreKey, area: str, as_of: dt.date, group: int | None, low: LowUptake,
                 unit_key: str | None, structure: str | None = None):
    return views.commune_page(_cur(db), area, as_of, group, low, unit_key, structure)


@shared
def bands_page(db: StoreKey, area: str, as_of: dt.date, group: int | None,
               structure: str | None = None):
    return views.bands_page(_cur(db), area, as_of, group, structure)


@shared
def quality_view(db: StoreKey, area: str, as_of: dt.date, severities: tuple[str, ...],
                 finding_id: int | None):
    return views.quality_view(_cur(db), area, as_of, severities, finding_id)


@shared
def definitions_page(db: StoreKey):
    return views.definitions_page(_cur(db))


@shared
def meeting_page(db: StoreKey, area: str, as_of: dt.date, structure: str | None = None):
    return meeting_page_view(_cur(db), area, as_of, structure)


@shared
def plan_page(db: StoreKey, area: str, as_of: dt.date, structure: str | None = None,
              base: str = POPULATION_8_60, low: LowUptake | None = None):
    """The outreach plan for every group (plan_page.plan_page); the what-if is worked out on
    it by the page (plan_page.plan_what_if, no store read), so a slider reads nothing again."""
    return plan_page_view(_cur(db), area, as_of, structure, base, low)


@st.cache_data(show_spinner=False, max_entries=8)
def output_file(db: StoreKey, name: str, area: str, as_of: dt.date,
                structure: str | None = None, made_on: dt.date | None = None) -> bytes:
    """The bytes of one output (outputs.produce, as `export` writes them), made when its
    download button is pressed; `made_on` (today) keys the cache only, as the pack prints
    the day it was made."""
    return outputs.produce(_cur(db), name, None, as_of, area, structure).data


@st.cache_data(show_spinner=False, max_entries=4)
def boundary_file(raw: bytes, name: str) -> dict:
    """A boundary file parsed once per content and name (boundaries.parse_geojson), not on
    every interaction with the map page; a file it refuses is not cached, so its InputError
    comes again each run."""
    return boundaries.parse_geojson(raw, name)
