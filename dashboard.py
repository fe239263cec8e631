"""CDHT Dashboard entry point: page settings, the shared filters, and the pages in order."""

import streamlit as st

from ui.filters import sidebar
from ui.navigation import register

st.set_page_config(page_title="CDHT – Công dân học tập", page_icon=":material/school:",
                   layout="wide")
page = register()
sidebar()
page.run()
