"""Every AppTest runs the pages on the bundled data, built once into a temporary database."""

import pytest
import streamlit as st


@pytest.fixture(autouse=True)
def fresh_caches(bundled_db, monkeypatch):
    """st.cache_data and st.cache_resource outlive an AppTest: start each test without them."""
    monkeypatch.setenv("CDHT_DB", str(bundled_db))
    st.cache_data.clear()
    st.cache_resource.clear()
