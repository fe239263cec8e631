"""Tổng quan: where the area stands, against the target and the last period, and which units lag."""

from functools import partial

import streamlit as st

from cdht_data import narrative, views
from cdht_data.exports import file_name
from cdht_data.metrics import for_group
from cdht_data.definitions import LOW_UPTAKE_MARK, METRICS
from cdht_data.formatting import fmt_date, fmt_decimal, fmt_int, fmt_pct
from ui import charts, data, page
from ui.escape import markdown
from ui.filters import group_label
from ui.tables import csv, styled

view, fig = page.start("Tổng quan")

group = group_label(view, fig)
shown = for_group(fig, view.group_no)
prev = data.previous_figures(view.db, view.area_key, view.as_of)
before = for_group(prev, view.group_no) if prev is not None else None
t = shown.totals
delta = views.changes(t, before.totals if before else None)


def _sign(value) -> str:
    return "+" if value >= 0 else "-"  # ASCII minus: st.metric colours the delta by it


def _count_delta(key):
    d = delta.get(key)
    return None if d is None else f"{_sign(d)}{fmt_int(abs(d))}"


def _pct_delta(key):
    d = delta.get(key)
    return None if d is None else f"{_sign(d)}{fmt_decimal(abs(d))} điểm %"


SHOWN = ["registered_count", "assessed_count", "recognized_count", "recognition_pct",
         "recognition_of_registered_pct", "participation_pct", "age_8_60_count"]
found = page.quality_marks(view, SHOWN)


def label(text, metric):
    return page.marked(text, found, None, metric)


cols = st.columns(3)
cols[0].metric(label("Đăng ký", "registered_count"), fmt_int(t["registered_count"]),
               _count_delta("registered_count"))
cols[1].metric(label("Đã đánh giá", "assessed_count"), fmt_int(t["assessed_count"]),
               _count_delta("assessed_count"))
cols[2].metric(label("Đạt", "recognized_count"), fmt_int(t["recognized_count"]),
               _count_delta("recognized_count"))
cols = st.columns(3)
cols[0].metric(label("Tỉ lệ Đạt / đã đánh giá", "recognition_pct"), fmt_pct(t["recognition_pct"]),
               _pct_delta("recognition_pct"), help=METRICS["recognition_pct"].formula)
cols[1].metric(label("Tỉ lệ Đạt / đăng ký", "recognition_of_registered_pct"), fmt_pct(t["recognition_of_registered_pct"]),
               _pct_delta("recognition_of_registered_pct"),
               help=METRICS["recognition_of_registered_pct"].formula)
cols[2].metric(label("Tỉ lệ tham gia (đăng ký / dân số 8–60)", "participation_pct"), fmt_pct(t["participation_pct"]),
               _pct_delta("participation_pct"), help=METRICS["participation_pct"].formula)
if before is not None:
    st.caption(f"Mũi tên: thay đổi so với kỳ {fmt_date(before.as_of)}.")
elif prev is None:
    st.caption("Chưa có kỳ trước để so sánh.")
page.quality_notes(found, {None: f"Toàn {fig.area.name}",
                           **dict(zip(fig.units["unit_key"], fig.units["name"]))})
if group:
    st.caption("Số đăng ký và tỉ lệ tham gia không chia theo nhóm: đó là số của tất cả các nhóm.")

lows = views.low_uptake_units(fig, view.low)
if len(lows):
    st.error(f"**{LOW_UPTAKE_MARK} {len(lows)} đơn vị tham gia thấp** ({view.low.describe()}): "
             + ", ".join(f"**{markdown(n)}** ({fmt_pct(p)})"
                         for n, p in zip(lows["name"], lows["participation_pct"])),
             icon=":material/priority_high:")

st.subheader("Tiến độ so với chỉ tiêu")
progress = views.target_progress(t, view.target_pct)
if progress["recognized_of_population_pct"] is None:
    page.empty("Không tính được tiến độ vì thiếu số người đạt hoặc dân số 8–60 tuổi.",
               "Hãy nhập bảng dân số của kỳ này.")
else:
    st.plotly_chart(charts.target_bar(progress, "Đạt / dân số 8–60"), theme=None,
                    config={"displayModeBar": False})
    gap = progress["gap_count"]
    st.markdown(f"Còn thiếu **{fmt_int(gap)} người** để đạt chỉ tiêu {fmt_pct(view.target_pct, 0)}."
                if gap else f"Đã đạt chỉ tiêu {fmt_pct(view.target_pct, 0)}.")
    st.caption(METRICS["recognized_of_population_pct"].formula)

st.subheader("Đoạn tóm tắt để đọc hoặc dán vào báo cáo")
paragraph = narrative.summary_paragraph(shown, view.low, view.target_pct, before, group)
with st.container(border=True):
    st.markdown(markdown(paragraph))
st.download_button("Tải đoạn tóm tắt (.txt)", paragraph.encode("utf-8"), "tom-tat-cdht.txt",
                   "text/plain")

if not fig.units.empty:
    st.subheader("Xếp hạng các đơn vị theo tỉ lệ tham gia")
    league = views.league_table(shown, view.low, view.target_pct)
    league["quality_mark"] = views.mark_labels(found, league["unit_key"])
    st.plotly_chart(charts.participation_bars(league, view.low), theme=None,
                    config={"displayModeBar": False})
    st.caption("Chọn một dòng trong bảng để xem chi tiết đơn vị đó.")
    columns = ["rank", "name", "registered_count", "age_8_60_count", "participation_pct",
               "assessed_count", "recognized_count", "recognition_pct", "gap_count",
               "quality_mark"]
    event = st.dataframe(
        styled(league, columns, low=league["is_low_uptake"]),
        hide_index=True, placeholder="—", on_select="rerun", selection_mode="single-row",
        key="league")
    page.download(partial(csv, league, columns, low=league["is_low_uptake"]),
                  file_name("Xếp hạng đơn vị", fig.area.name, view.as_of), "league_csv")
    if event.selection.rows:
        page.open_commune(league["unit_key"].iloc[event.selection.rows[0]])
