"""Báo cáo cho cuộc họp: the files a meeting takes away for the sidebar's area, period and
units, each made by cdht_data.outputs (the same bytes as `python -m cdht_data export`)."""

import datetime as dt

import streamlit as st

from cdht_data.formatting import fmt_date
from ui import data, page
from ui.escape import markdown

view, fig = page.start("Báo cáo cho cuộc họp")
offer = data.meeting_page(view.db, view.area_key, view.as_of, view.structure)
KINDS = {"xlsx": "Excel (.xlsx)", "docx": "Word (.docx)", "pdf": "PDF"}
MIME = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf"}

st.markdown(f"Các tệp dưới đây lấy số liệu của **{markdown(offer.area)}**, kỳ "
            f"**{fmt_date(offer.as_of)}**, theo địa bàn, kỳ và cách chia đơn vị đang chọn ở "
            "thanh bên trái. Mỗi tệp được tạo khi bấm nút tải.")
st.markdown("\n".join(f"- **{markdown(o.title)}** — {markdown(o.holds)} Tệp "
                      f"`{o.file_name}`." for o in offer.outputs.values()))


def download(name: str) -> None:
    """One output's download button; its file is made when the button is pressed."""
    o = offer.outputs[name]
    if o.refusal:
        page.empty(markdown(o.refusal), "")
        return
    st.download_button(
        f"Tải {o.title[0].lower()}{o.title[1:]}",
        lambda: data.output_file(view.db, name, view.area_key, view.as_of, view.structure,
                                 dt.date.today()),
        o.file_name, MIME[o.format], key=f"output_{name}", on_click="ignore",
        icon=":material/download:", help=f"{KINDS[o.format]}: {o.holds}")


# ---- scoring-table
st.subheader("Biểu chấm điểm")
download("scoring-table")

# ---- population-table
st.subheader("Biểu dân số và đăng ký")
download("population-table")

# ---- report
st.subheader("Dự thảo báo cáo")
download("report")

# ---- pack
st.subheader("Bản in cho cuộc họp")
download("pack")

# ---- plan
st.subheader("Kế hoạch vận động")
download("plan")
