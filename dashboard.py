"""CDHT Dashboard entry point: page settings, the shared filters, and the pages in order."""

from pathlib import Path

import streamlit as st

from ui.auth import sidebar_box
from ui.filters import sidebar
from ui.navigation import register
from ui.page import store_faults
from ui.print_css import apply as print_style

# The icon is a file of ours: a ":material/…:" icon makes every browser fetch it from Google.
ICON = Path(__file__).parent / "ui" / "icon.png"

st.set_page_config(page_title="CDHT – Công dân học tập", page_icon=str(ICON), layout="wide")
print_style()
page = register()
with store_faults():
    sidebar()
    sidebar_box()
    page.run()
