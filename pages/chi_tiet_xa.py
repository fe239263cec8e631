"""Chi tiết xã: one unit against its area, its groups, its sub-units, its history, its gap."""

import pandas as pd
import streamlit as st

from cdht_data.exports import file_name
from cdht_data.formatting import fmt_int, fmt_pct
from cdht_data.keys import BANDS, band_column, band_label
from cdht_data.target_distance import distance_words
from ui import data, page, vega
from ui.filters import CHOOSE
from cdht_data.units import area_label
from ui.escape import markdown
from ui.print_css import table
from ui.tables import LABELS, shown

view, fig = page.start("Chi tiết xã", back_link=True)
c = data.commune_page(view.db, view.area_key, view.as_of, view.group_no, view.low,
                      st.session_state.get("commune"), view.structure)
if c is None:
    page.no_data(view)
    st.stop()
options = dict(c.choices)
keys = list(options)
if st.session_state.get("commune_pick") not in (None, c.unit_key):
    del st.session_state["commune_pick"]  # a pick made elsewhere (a link, a click) wins


def _pick() -> None:
    st.session_state["commune"] = st.session_state["commune_pick"]


st.selectbox("Đơn vị", keys, index=keys.index(c.unit_key), format_func=options.get, placeholder=CHOOSE,
             key="commune_pick", on_change=_pick)
unit_key = c.unit_key
st.session_state["commune"] = unit_key
st.query_params["xa"] = unit_key  # the entry script wrote the URL before this pick
unit_fig, history = c.figures, c.history

st.header(markdown(c.name))
for note in unit_fig.notes if not c.is_area else ():
    st.caption(markdown(note))
if unit_fig.merged_into is not None:
    went = unit_fig.merged_into
    st.warning(f"{markdown(unit_fig.area.name)} đã sáp nhập vào "
               f"{markdown(area_label(went.level, went.name))}: số liệu kỳ này có ở đơn vị mới.")
    st.button(f"Mở {area_label(went.level, went.name)}", key="open_successor",
              on_click=page.open_successor, args=(went,))
if c.is_low:
    st.error(f"▼ Đơn vị tham gia thấp ({view.low.describe()}).", icon=":material/priority_high:")

t, found = c.shown.totals, c.marks
key = None if c.is_area else unit_key
cols = st.columns(4)
cols[0].metric(page.marked("Đăng ký", found, key, "registered_count"), fmt_int(t["registered_count"]))
cols[1].metric(page.marked("Đạt", found, key, "recognized_count"), fmt_int(t["recognized_count"]))
cols[2].metric(page.marked("Tỉ lệ Đạt / đã đánh giá", found, key, "recognition_pct"),
               fmt_pct(t["recognition_pct"]))
cols[3].metric(page.marked("Tỉ lệ tham gia", found, key, "participation_pct"),
               fmt_pct(t["participation_pct"]))
with page.varying():
    page.quality_notes(found, {key: c.name})

    if c.target_note:
        st.caption(c.target_note)
    for d in c.targets:
        if d.people_to_recognize is not None:
            st.markdown(f"- **Chỉ tiêu** {markdown(distance_words(d))}, tính trên "
                        f"{d.base_words}.")

if not c.is_area:
    st.subheader(f"So với toàn {markdown(fig.area.name)}")

    def figure(metric, value):
        return fmt_pct(value) if metric.endswith("_pct") else fmt_int(value)

    compared = c.comparison
    table(pd.DataFrame({
        "Chỉ số": [LABELS[m] for m in compared["metric"]],
        c.name: [figure(m, v) for m, v in zip(compared["metric"], compared["unit"])],
        f"Toàn {fig.area.name}": [figure(m, v) for m, v in zip(compared["metric"],
                                                              compared["area"])]}),
        "comparison", hide_index=True, placeholder="—")

st.subheader("Theo nhóm đối tượng")
groups = c.groups
if groups["assessed_count"].isna().all():
    page.empty("Không có số liệu theo nhóm cho đơn vị này.", "Hãy chọn kỳ khác.")
else:
    table(shown(groups, ["group_name", "recognized_count", "not_recognized_count",
                         "assessed_count", "recognition_pct"]), "unit_groups", hide_index=True,
          placeholder="—")

if not unit_fig.units.empty:
    st.subheader("Các đơn vị trực thuộc")
    cols = ["name", "registered_count", "recognized_count", "recognition_of_registered_pct",
            "recognition_pct"]
    if unit_fig.has_bands:
        cols += [band_column(b) for b in BANDS]
    if unit_fig.has_party_members:
        cols.append("party_member_count")
    table(shown(unit_fig.units, cols, labels={
        band_column(b): f"Mức {band_label(b)}" for b in BANDS}), "sub_units", hide_index=True,
        placeholder="—")
    if unit_fig.has_bands:
        st.vega_lite_chart(vega.band_bars(c.bands, unit_fig.ruleset.get("pass_mark")),
                           theme=None, width="stretch")
    if unit_fig.has_party_members:
        st.caption(f"Đảng viên được công nhận: {fmt_int(unit_fig.totals['party_member_count'])} người.")

st.subheader("Qua các kỳ")
if len(history) <= 1:
    page.empty("Mới có một kỳ số liệu cho đơn vị này.",
               "Khi nhập thêm bảng của kỳ khác, diễn biến sẽ hiện ở đây.")
else:
    st.vega_lite_chart(vega.history_lines(history), theme=None, width="stretch")
columns = ["as_of", "registered_count", "assessed_count", "recognized_count", "participation_pct",
           "recognition_pct", "ruleset"]
past = shown(history, columns)
table(past, "history", hide_index=True, placeholder="—")
page.download(past.csv, file_name("Qua các kỳ", c.name), "history_csv")
