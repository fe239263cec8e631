"""CDHT Dashboard entry point: page settings, the shared filters, and the pages in order."""

import streamlit as st

from ui.filters import sidebar
from ui.navigation import register
from ui.page import store_faults

st.set_page_config(page_title="CDHT – Công dân học tập", page_icon=":material/school:",
                   layout="wide")
page = register()
with store_faults():
    sidebar()
    page.run()
