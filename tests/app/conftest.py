"""Every AppTest runs the pages on the bundled data, built once into a temporary database."""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.paths import ROOT
from tests.tabs import open_box
from ui.auth import SIGN_IN_BOX


@pytest.fixture(autouse=True)
def fresh_caches(bundled_db, monkeypatch):
    """st.cache_data and st.cache_resource outlive an AppTest: start each test without them."""
    monkeypatch.setenv("CDHT_DB", str(bundled_db))
    st.cache_data.clear()
    st.cache_resource.clear()


def _open_page(script: str, tabs: dict[str, str] | None = None, **params) -> AppTest:
    """A new session opened on `script` with the URL parameters `params`, run once; the run
    must end without an exception. `tabs`: the tab open in each of the page's tabs (by its
    key, ui.page.sections), as if clicked before the run."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    for key, label in (tabs or {}).items():
        at.session_state[key] = label
    at.switch_page(script).run()
    assert not at.exception, (script, params, at.exception)
    return at


@pytest.fixture
def open_page():
    """_open_page: a page as a visitor opens it from a link."""
    return _open_page


@pytest.fixture
def sign_in():
    """Sign in from the sidebar of an open page as `name` with `password`; returns the page."""
    def sign(at: AppTest, name: str, password: str) -> AppTest:
        open_box(at, SIGN_IN_BOX)
        at.sidebar.text_input(key="sign_in_name").set_value(name)
        at.sidebar.text_input(key="sign_in_password").set_value(password)
        at.sidebar.button[-1].click().run()
        assert not at.exception, at.exception
        return at
    return sign
