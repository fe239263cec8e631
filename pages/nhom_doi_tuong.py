"""Nhóm đối tượng: the citizen groups side by side, and where each group lags."""

import streamlit as st

from cdht_data.definitions import FEW_ASSESSED, FEW_MARK
from cdht_data.exports import file_name
from cdht_data.formatting import fmt_int, fmt_pct
from ui import data, page, vega
from ui.escape import markdown
from ui.print_css import table as printed_table
from ui.tables import height, shown

view, fig = page.start("Nhóm đối tượng")
if not fig.groups:
    page.empty("Bộ tiêu chí của kỳ này không có danh sách nhóm.", "Hãy chọn kỳ khác.")
    st.stop()

g = data.groups_page(view.db, view.area_key, view.as_of, view.group_no, view.structure)
totals, long = g.totals, g.long
if not g.has_counts:
    page.empty("Kỳ này chưa có số liệu Đạt / Chưa đạt theo nhóm.",
               "Hãy chọn kỳ khác hoặc nhập biểu chấm điểm.")
    st.stop()
with page.varying():
    if view.group_no is not None:
        st.caption("Nhóm đang chọn ở thanh bên trái được tô đậm; các bảng vẫn có đủ các nhóm để "
                   "so sánh.")

st.caption(f"Bộ tiêu chí: {markdown(fig.ruleset.get('name'))} – {len(fig.groups)} nhóm. "
           "Tỉ lệ Đạt = Đạt ÷ (Đạt + Chưa đạt) × 100.")
cols = st.columns(len(fig.groups))
for col, row in zip(cols, totals.itertuples(index=False)):
    mark = "▶ " if row.group_no == view.group_no else ""
    label = f"{mark}{markdown(row.short_name)}: tỉ lệ Đạt"
    col.metric(label, fmt_pct(row.recognition_pct),
               f"{fmt_int(row.recognized_count)} / {fmt_int(row.assessed_count)} người",
               delta_color="off", delta_arrow="off", help=markdown(row.group_name))

st.subheader("Nhóm còn yếu ở đâu")
for row in totals.itertuples(index=False):
    parts = []
    if row.lowest_unit:
        parts.append(f"tỉ lệ Đạt thấp nhất ở **{markdown(row.lowest_unit)}** "
                     f"({fmt_pct(row.lowest_pct)})")
    if row.units_without_assessed:
        parts.append(f"chưa có ai được đánh giá ở {len(row.units_without_assessed)} đơn vị: "
                     + ", ".join(markdown(n) for n in row.units_without_assessed))
    if parts:
        st.markdown(f"- **{markdown(row.group_name)}**: " + "; ".join(parts) + ".")

RATES, HEAT_MAP, COUNTS, TABLES = ("Tỉ lệ Đạt theo nhóm", "Theo đơn vị và nhóm",
                                   "Đạt và Chưa đạt theo đơn vị", "Bảng số liệu")
by_units = len(long["unit_key"].unique()) > 1  # else no chart by unit: one unit
open_tab, tab = page.sections([RATES, *([HEAT_MAP, COUNTS] if by_units else []), TABLES],
                              "groups_tab")
with tab:
    if open_tab == RATES:
        st.vega_lite_chart(vega.group_rates(totals), theme=None, width="stretch")
    elif open_tab == HEAT_MAP:
        st.vega_lite_chart(vega.group_heatmap(long), theme=None, width="stretch")
        st.caption(f"Mỗi ô: tỉ lệ Đạt, dưới là Đạt / đã đánh giá. Dấu {FEW_MARK}: tỉ lệ tính "
                   f"trên dưới {FEW_ASSESSED} người, một người đã làm tỉ lệ đổi hơn 10 điểm %; "
                   "nên đọc cùng số người.")
    elif open_tab == COUNTS:
        st.vega_lite_chart(vega.group_counts_by_unit(long, g.chart_groups), theme=None,
                           width="stretch")
    else:
        table = g.table
        by_unit = shown(table, ["name", "group_name", "recognized_count", "not_recognized_count",
                                "assessed_count", "recognition_pct"])
        printed_table(by_unit, "groups_by_unit", hide_index=True, placeholder="—",
                      height=height(len(table)))
        page.download(by_unit.csv,
                      file_name("Đạt theo đơn vị và nhóm", fig.area.name, view.as_of),
                      "groups_csv")
        printed_table(shown(totals, ["group_name", "recognized_count", "not_recognized_count",
                                     "assessed_count", "recognition_pct", "lowest_unit",
                                     "lowest_pct"]),
                      "groups_totals", hide_index=True, placeholder="—")
