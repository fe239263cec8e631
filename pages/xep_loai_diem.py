"""Xếp loại điểm: how the recognised spread over the bands 70–79 / 80–89 / 90–100."""

import streamlit as st

from cdht_data.definitions import METRICS
from ui import data, page, vega
from ui.escape import markdown
from ui.print_css import table
from ui.tables import shown

view, fig = page.start("Xếp loại điểm")
b = data.bands_page(view.db, view.area_key, view.as_of, view.group_no, view.structure)

rules = fig.ruleset
floor = rules.get("indicator_floor")
st.markdown(f"**Điểm đạt: {rules.get('pass_mark', '—')}/100**"
            + (f", không tiêu chí nào dưới {floor} điểm" if floor else "")
            + f" ({markdown(rules.get('pass_mark_source', rules.get('name')))}). "
            "Dưới điểm đạt là «Chưa đạt».")
st.caption(METRICS["band_share_pct"].formula)

if not fig.has_bands:
    page.empty("Kỳ và địa bàn này chưa có số liệu theo mức điểm: biểu chấm điểm chỉ ghi Đạt / "
               "Chưa đạt.", "Hãy chọn địa bàn «Xã Quảng Phú» (thí điểm 2021) ở thanh bên trái, "
               "hoặc nhập bản ghi điểm của từng người.")
    st.stop()

bands = b.bands
st.vega_lite_chart(vega.band_bars(bands, rules.get("pass_mark")), theme=None, width="stretch")
table(shown(bands, ["name", "band", "person_count", "share_pct"]), "bands", hide_index=True,
      placeholder="—")

by_group = b.by_group
st.subheader("Theo nhóm đối tượng")
if not b.splits_by_group:
    page.empty("Bảng mức điểm của kỳ này không chia theo nhóm.",
               "Số liệu theo nhóm có khi nhập bản ghi điểm của từng người.")
else:
    table(shown(by_group, ["group_name", "band", "person_count", "share_pct"]), "bands_by_group",
          hide_index=True, placeholder="—")
