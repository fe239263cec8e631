"""Tổng quan: where the area stands, against the targets (2025 and 2030) and the last period, and
which units lag."""

import streamlit as st

from cdht_data.exports import file_name
from cdht_data.definitions import LOW_UPTAKE_MARK, METRICS
from cdht_data.formatting import fmt_date, fmt_decimal, fmt_int, fmt_number, fmt_pct
from cdht_data.target_distance import distance_words
from ui import data, page, vega
from ui.escape import markdown
from ui.print_css import table
from ui.tables import height, shown

view, fig = page.start("Tổng quan")
o = data.overview(view.db, view.area_key, view.as_of, view.group_no, view.low, view.structure)
t, delta, found = o.shown.totals, o.changes, o.marks


def _sign(value) -> str:
    return "+" if value >= 0 else "-"  # ASCII minus: st.metric colours the delta by it


def _count_delta(key):
    d = delta.get(key)
    return None if d is None else f"{_sign(d)}{fmt_int(abs(d))}"


def _pct_delta(key):
    d = delta.get(key)
    return None if d is None else f"{_sign(d)}{fmt_decimal(abs(d))} điểm %"


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
with page.varying():
    if o.previous is not None:
        st.caption(f"Mũi tên: thay đổi so với kỳ {fmt_date(o.previous.as_of)}.")
    else:
        st.caption("Chưa có kỳ trước để so sánh.")
    page.quality_notes(found, {None: f"Toàn {fig.area.name}",
                               **dict(zip(fig.units["unit_key"], fig.units["name"]))})
    if o.group_name:
        st.caption("Số đăng ký và tỉ lệ tham gia không chia theo nhóm: đó là số của tất cả các "
                   "nhóm.")

    lows = o.low_units
    if len(lows):
        st.error(f"**{LOW_UPTAKE_MARK} {len(lows)} đơn vị tham gia thấp** ({view.low.describe()}): "
                 + ", ".join(f"**{markdown(n)}** ({fmt_pct(p)})"
                             for n, p in zip(lows["name"], lows["participation_pct"])),
                 icon=":material/priority_high:")

with page.varying():
    st.subheader("Tiến độ so với chỉ tiêu")
    measured = [d for d in o.targets if d.people_to_recognize is not None]
    if o.target_note:
        st.info(o.target_note, icon=":material/info:")
    elif not measured:
        page.empty("Không tính được tiến độ vì thiếu số người đạt hoặc dân số 8–60 tuổi.",
                   "Hãy nhập bảng dân số của kỳ này.")
    else:
        st.vega_lite_chart(vega.targets_bar(measured[0].recognized_pct,
                                            [(f"năm {d.year}", d.pct) for d in measured],
                                            "Đạt / dân số 8–60"), theme=None, width="stretch")
        st.markdown("\n".join(f"- **Chỉ tiêu** {markdown(distance_words(d))} ({markdown(d.source)})"
                               for d in o.targets))  # one element: fewer for the browser to draw
        st.caption(f"Tính trên {measured[0].base_words}. "
                   + METRICS["recognized_of_population_pct"].formula)

st.subheader("Đoạn tóm tắt để đọc hoặc dán vào báo cáo")
paragraph = o.paragraph
with st.container(border=True):
    st.markdown(markdown(paragraph))
st.download_button("Tải đoạn tóm tắt (.txt)", paragraph.encode("utf-8"), "tom-tat-cdht.txt",
                   "text/plain")

if o.league is not None:
    st.subheader("Xếp hạng các đơn vị theo tỉ lệ tham gia")
    league = o.league
    picked = vega.clicked(st.vega_lite_chart(
        vega.participation_bars(league, view.low), theme=None, width="stretch",
        on_select="rerun", selection_mode=vega.CLICKED, key="league_bars"))
    st.caption("Bấm vào dòng của một đơn vị trên biểu đồ để xem chi tiết đơn vị đó.")
    columns = ["rank", "name", "registered_count", "age_8_60_count", "participation_pct",
               "assessed_count", "recognized_count", "recognition_pct",
               *(["gap_count"] if o.headline is not None and not o.group_name else []),
               "quality_mark"]
    with page.varying():  # no such column for a group
        if "gap_count" in columns:
            st.caption(f"Cột «Còn thiếu so với chỉ tiêu»: số người cần công nhận thêm để đạt "
                       f"{fmt_number(o.headline.pct)}% {o.headline.base_words} vào năm "
                       f"{o.headline.year}.")
    ranked = shown(league, columns, low="is_low_uptake")
    table(ranked, "league", hide_index=True, placeholder="—", height=height(len(league)))
    page.download(ranked.csv, file_name("Xếp hạng đơn vị", fig.area.name, view.as_of),
                  "league_csv")
    if picked:
        page.open_commune(picked)
