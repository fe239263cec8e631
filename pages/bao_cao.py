"""Báo cáo cho cuộc họp: the files a meeting needs, for the sidebar's area, period and units."""

import datetime as dt
from functools import partial

import streamlit as st

from cdht_data.definitions import LOW_UPTAKE_MARK
from cdht_data.outputs import OUTPUTS
from ui import data, page

view, fig = page.start("Báo cáo cho cuộc họp")

# ---- pack
pack = OUTPUTS["pack"]
st.subheader("Bản in cho cuộc họp (PDF, khổ A4)")
st.markdown(
    "Bìa; số liệu chính; tiến độ so với chỉ tiêu năm 2025 và 2030 của Quyết định 677/QĐ-TTg; "
    f"xếp hạng đủ mọi đơn vị (đơn vị tham gia thấp có dấu {LOW_UPTAKE_MARK} và chữ «tham gia "
    "thấp»); bản đồ; nhóm đối tượng; mức điểm; chất lượng số liệu; nguồn của từng bảng. "
    "Tệp được làm trên máy chủ, không cần Internet, in ngay được.")
st.download_button("Tải bản in (.pdf)",
                   partial(data.output, view.db, pack.name, view.as_of, view.area_key,
                           view.structure, dt.date.today()),
                   pack.file_name(fig.area.name, fig.as_of), "application/pdf", key="pack_pdf",
                   on_click="ignore", icon=":material/download:")
