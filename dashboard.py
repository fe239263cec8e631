"""CDHT Dashboard entry point: page settings, the shared filters, and the pages in order."""

import streamlit as st

from ui.filters import sidebar
from ui.navigation import PAGES

st.set_page_config(page_title="CDHT – Công dân học tập", page_icon=":material/school:",
                   layout="wide")
page = st.navigation([st.Page(script, title=title, icon=icon, url_path=path,
                              default=(i == 0))
                      for i, (script, title, icon, path) in enumerate(PAGES)])
sidebar()
page.run()
