"""The dashboard's pages, titles and order in one place (dashboard.py registers them)."""

OVERVIEW = "pages/tong_quan.py"
MAP = "pages/ban_do.py"
GROUPS = "pages/nhom_doi_tuong.py"
COMMUNE = "pages/chi_tiet_xa.py"
BANDS = "pages/xep_loai_diem.py"
DEFINITIONS = "pages/dinh_nghia.py"
QUALITY = "pages/chat_luong_du_lieu.py"
ENTRY = "pages/nhap_so_lieu.py"
MEETING = "pages/bao_cao.py"
PLAN = "pages/ke_hoach.py"

# (script, title, icon). A page's URL is its file name (/ban_do, /chi_tiet_xa): until some
# session has run st.navigation, Streamlit looks a deep link up among the files in pages/, so
# any other path would show "Page not found" to the first visitor after a restart.
# The icons are emoji: the browser's tab shows the open page's icon, and for a ":material/…:"
# icon Streamlit fetches the picture from Google (fonts.gstatic.com), which offline never comes.
PAGES = (
    (OVERVIEW, "Tổng quan", "📊"),
    (MAP, "Bản đồ", "🗺️"),
    (GROUPS, "Nhóm đối tượng", "👥"),
    (COMMUNE, "Chi tiết xã", "🏘️"),
    (BANDS, "Xếp loại điểm", "📶"),
    (PLAN, "Kế hoạch vận động", "🎯"),
    (QUALITY, "Chất lượng dữ liệu", "✅"),
    (DEFINITIONS, "Định nghĩa", "📖"),
    (MEETING, "Báo cáo cho cuộc họp", "📑"),
    (ENTRY, "Nhập số liệu", "📥"),
)


# The pages that draw figures, each from one cached call of cdht_data.views (the benchmark
# times those calls); «Nhập số liệu» writes, and has no such call.
VIEW_PAGES = tuple(p for p in PAGES if p[0] != ENTRY)


def register():
    """Hand the pages to Streamlit (st.navigation); returns the page to run."""
    import streamlit as st
    return st.navigation([st.Page(script, title=title, icon=icon, default=(i == 0))
                          for i, (script, title, icon) in enumerate(PAGES)])
