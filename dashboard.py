"""CDHT Dashboard entry point: page settings, the shared filters, and the pages in order."""

from pathlib import Path

import streamlit as st

from ui import presenter
from ui.auth import sidebar_box
from ui.chrome import vietnamese_document
from ui.filters import sidebar
from ui.navigation import register
from ui.page import store_faults
from ui.print_css import apply as print_style

# The icon is a file of ours: a ":material/…:" icon makes every browser fetch it from Google.
ICON = Path(__file__).parent / "ui" / "icon.png"

# Before st.navigation, so the tab shows our icon before a page's own (ui/navigation.py).
# No page_title: the tab then names the page (st.Page's title).
st.set_page_config(page_icon=str(ICON), layout="wide")
print_style()
page = register()
vietnamese_document()
with store_faults():
    sidebar()
    sidebar_box()
    if presenter.asked():
        presenter.show()
    else:
        page.run()
