"""Báo cáo cho cuộc họp: the files a meeting takes away, for the sidebar's area, period and
units; each section makes its file through cdht_data.outputs when its button is pressed."""

import streamlit as st

from cdht_data.outputs import OUTPUTS
from ui import data, page

view, fig = page.start("Báo cáo cho cuộc họp")

# ---- report
report = OUTPUTS["report"]
st.subheader(report.title)
st.markdown(report.holds)
st.download_button(
    "Tải dự thảo báo cáo (.docx)",
    lambda: report.make(data.read_cursor(view.db), view.as_of, view.area_key, view.structure),
    report.file_name(fig.area.name, fig.as_of),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    key="download_report", on_click="ignore", icon=":material/download:")
