"""CDHT Dashboard entry point: district totals for the latest period (pages come with issue 3)."""

import streamlit as st

from cdht_data.formatting import fmt_date, fmt_int, fmt_pct
from ui.data import area_figures, db_path

st.set_page_config(page_title="CDHT – Công dân học tập", layout="wide")

fig = area_figures(db_path(), None, None)
if fig is None:
    st.info("Chưa có số liệu. Hãy nhập bảng bằng lệnh `python -m cdht_data import`.")
    st.stop()

t = fig.totals
st.title(f"Công dân học tập – {fig.area.name}")
st.caption(f"Số liệu tính đến ngày {fmt_date(fig.as_of)} · {fig.ruleset.get('name', '')}")
cols = st.columns(5)
cols[0].metric("Đăng ký", fmt_int(t["registered_count"]))
cols[1].metric("Đã đánh giá", fmt_int(t["assessed_count"]))
cols[2].metric("Đạt", fmt_int(t["recognized_count"]))
cols[3].metric("Tỉ lệ Đạt / đã đánh giá", fmt_pct(t["recognition_pct"]))
cols[4].metric("Tỉ lệ tham gia (đăng ký / dân số 8–60)", fmt_pct(t["participation_pct"]))
for note in fig.notes:
    st.warning(note)
