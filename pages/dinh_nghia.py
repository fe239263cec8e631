"""Định nghĩa: every metric's formula, the rule sets, and where each table comes from."""

import pandas as pd
import streamlit as st

from cdht_data.formatting import fmt_date, fmt_number
from cdht_data.keys import TABLE_KINDS
from ui import data
from ui.escape import markdown
from ui.filters import current
from ui.print_css import table

view = current()
st.title("Định nghĩa")
d = data.definitions_page(view.db)

st.subheader("Các chỉ số")
table(pd.DataFrame({
    "Chỉ số": d.metrics["name"], "Cách tính": d.metrics["formula"],
    "Tử số": d.metrics["numerator"], "Mẫu số": d.metrics["denominator"].fillna("—"),
    "Đối tượng": d.metrics["population"], "Nguồn": d.metrics["source"],
}), "metrics", hide_index=True, placeholder="—")
st.markdown(f"**Tham gia thấp** (đang đặt ở thanh bên trái): {view.low.describe()}. "
            "Đơn vị không có tỉ lệ tham gia không bị đánh dấu.")
st.markdown("Tổng của huyện, xã luôn là tổng các dòng đơn vị, không lấy dòng tổng in sẵn; "
            "ô trống giữ là trống (không coi là 0) trừ khi dòng có số khác.")

st.subheader("Chỉ tiêu")
st.markdown("Các chỉ tiêu lấy từ tệp `data/reference/targets.toml` (cơ quan sửa tệp này để thêm "
            "chỉ tiêu của tỉnh, huyện). Chỉ tiêu chung tính trên dân số 8–60 tuổi, tức «số người "
            "có khả năng tham gia» của báo cáo; chỉ tiêu của một nhóm chỉ tính trên số người của "
            "chính nhóm đó, không bao giờ so số người đạt của một nhóm với toàn bộ dân số.")
goals = d.targets
table(pd.DataFrame({
    "Năm": goals["year"], "Chỉ tiêu": [f"{fmt_number(p)}%" for p in goals["pct"]],
    "Tính trên": goals["base_words"], "Đối tượng": goals["who"], "Văn bản": goals["source"],
    "Địa bàn": goals["area"].fillna("Cả nước"), "Mã": goals["target_id"],
}), "targets", hide_index=True, placeholder="—")

st.subheader("Bộ tiêu chí")
rules = d.rulesets
if rules.empty:
    st.info("Chưa có bộ tiêu chí nào.")
for ruleset_id, part in rules.groupby("ruleset_id", sort=False):
    first = part.iloc[0]
    until = f" đến {fmt_date(first['valid_to'])}" if pd.notna(first["valid_to"]) else ""
    floor = (f", không tiêu chí nào dưới {int(first['indicator_floor'])}"
             if pd.notna(first["indicator_floor"]) else "")
    with st.container(border=True):
        st.markdown(f"**{markdown(first['name'])}** — áp dụng từ "
                    f"{fmt_date(first['valid_from'])}{until}; "
                    f"điểm đạt {int(first['pass_mark'])}{floor}.")
        st.caption(markdown(first["decision"] or ""))
        table(pd.DataFrame({"Nhóm": part["group_no"], "Tên nhóm": part["group_name"],
                            "Tên ngắn": part["short_name"]}), f"ruleset_{ruleset_id}",
              hide_index=True, placeholder="—")

st.subheader("Nguồn số liệu")
catalog = d.datasets
if catalog.empty:
    st.info("Chưa nhập bảng số liệu nào.")
else:
    table(pd.DataFrame({
        "Bảng": [TABLE_KINDS[k].title for k in catalog["kind"]],
        "Tính đến ngày": [fmt_date(d) for d in catalog["as_of"]],
        "Địa bàn": catalog["area_name"],
        "Văn bản": catalog["document"].fillna("—"),
        "Ngày văn bản": [fmt_date(d) for d in catalog["document_date"]],
        "Cơ quan ban hành": catalog["issuer"].fillna("—"),
        "Tệp": catalog["source_file"],
        "Ghi chú": catalog["note"].fillna(""),
        "Mô phỏng": ["Có" if s else "" for s in catalog["is_synthetic"]],
    }), "datasets", hide_index=True, placeholder="—")
