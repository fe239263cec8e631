"""Kế hoạch vận động: for the sidebar's area and period, how far the area and each unit are from
every target in force (both horizons), who to visit first, each group through the partner who
reaches it, and what two what-ifs would change. The plan is for every group: a group chosen in
the sidebar is one line of it, measured on its own size only."""

import datetime as dt

import streamlit as st

from cdht_data.definitions import LOW_UPTAKE_MARK
from cdht_data.formatting import fmt_date, fmt_decimal, fmt_int, fmt_pct
from cdht_data.keys import TABLE_KINDS, GROUP_SIZES
from cdht_data.outputs import OUTPUTS
from cdht_data.plan import PRIORITY_RULE
from cdht_data.plan_page import plan_what_if
from cdht_data.target_distance import distance_words
from cdht_data.targets import BASES, POPULATION_8_60, POPULATION_BASES
from ui import data, page
from ui.escape import markdown
from ui.navigation import ENTRY
from ui.print_css import table as printed_table
from ui.tables import height, shown

view, fig = page.start("Kế hoạch vận động")

with st.expander("Cơ sở tính các chỉ tiêu chung"):
    base = st.selectbox("Tính các chỉ tiêu chung trên", POPULATION_BASES, key="plan_base",
                        format_func=lambda b: BASES[b])
    st.caption("Mặc định: dân số 8–60 tuổi, «số người có khả năng tham gia» của báo cáo. Chỉ "
               "tiêu riêng của một nhóm luôn tính trên số người của chính nhóm đó.")
p = data.plan_page(view.db, view.area_key, view.as_of, view.structure, base, view.low)
if p is None:
    page.no_data(view)
    st.stop()
plan = p.plan
with page.varying():
    if base != POPULATION_8_60:
        st.warning(f"Các chỉ tiêu chung đang tính trên **{BASES[base]}**, không phải trên dân số "
                   "8–60 tuổi như báo cáo.", icon="⚙️")

    if view.group_no is not None:
        line = p.group_line(view.group_no)
        text = ("Kế hoạch tính cho tất cả các nhóm: các chỉ tiêu chung so số người Đạt của mọi "
                "nhóm với dân số. Nhóm đang chọn chỉ so với số người của chính nhóm đó")
        if line is None:
            st.info(text + ".", icon="ℹ️")
        else:
            who = markdown(line.partner_name) if line.partner_name else \
                "chưa có đơn vị phối hợp trong danh mục"
            text += (f": **{markdown(line.group_name)}** có {fmt_int(line.recognized)} người Đạt "
                     f"({fmt_pct(line.share_pct)} số người Đạt của {markdown(p.area_words)}); "
                     f"phối hợp: {who}.")
            if line.targets:
                text += " " + "; ".join(markdown(distance_words(d)) for d in line.targets) + "."
            elif line.size is None:
                text += (" Chưa tính được khoảng cách đến chỉ tiêu của nhóm: chưa có số người của "
                         "nhóm này.")
            else:
                text += " Nhóm này không có chỉ tiêu riêng."
            st.info(text, icon="ℹ️")

# The hand-outs: the same file as «Báo cáo cho cuộc họp» and `export plan` (on the 8–60 base).
st.download_button(
    "Tải kế hoạch để phát cho các đơn vị phối hợp (Excel, mỗi đơn vị phối hợp và mỗi đơn vị "
    "một trang)",
    lambda: data.output_file(view.db, "plan", view.area_key, view.as_of, view.structure,
                             dt.date.today()),
    OUTPUTS["plan"].file_name(fig.area.name, view.as_of),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="plan_handouts",
    on_click="ignore", icon="📥")

# ---------------------------------------------------------------- the area, both horizons
st.subheader(f"Toàn {markdown(p.area_words)}: khoảng cách đến các chỉ tiêu")
if plan.previous_as_of:
    st.caption(f"Tốc độ đã đạt: số người Đạt tăng thêm mỗi tháng từ kỳ "
               f"{fmt_date(plan.previous_as_of)} đến kỳ này.")
else:
    st.caption("Chưa có kỳ trước: tốc độ đã đạt để trống (—).")


def _pace(d) -> str:
    if d.needed_per_month is None:
        return f"Đã đến hạn 31/12/{d.year}."
    return f"Cần {fmt_decimal(d.needed_per_month)} người mỗi tháng đến 31/12/{d.year}."


if not plan.targets:
    page.empty("Không có chỉ tiêu nào áp dụng cho địa bàn này.",
               "Các chỉ tiêu ở tệp data/reference/targets.toml.")
for col, t in zip(st.columns(max(len(p.targets), 1)), p.targets):
    d = t.area
    with col.container(border=True):
        st.metric(f"Chỉ tiêu {t.title}: còn thiếu",
                  "—" if d.people_to_recognize is None
                  else f"{fmt_int(d.people_to_recognize)} người",
                  help=markdown(d.source))
        lines = [f"Tính trên {markdown(d.base_words)}: " + (
            "chưa có số liệu." if d.base_count is None else f"**{fmt_int(d.base_count)}** người."),
                 f"Hiện: {fmt_pct(d.recognized_pct)} ({fmt_int(d.recognized)} người Đạt)."]
        if d.people_to_recognize is None:
            lines.append(f"Chưa tính được: {markdown('; '.join(d.notes))}.")
        elif d.people_to_recognize:
            lines.append(f"Cần đánh giá trước: {fmt_int(d.to_assess)} người; cần đăng ký "
                         f"trước: {fmt_int(d.to_register)} người.")
            lines.append(_pace(d))
        else:
            lines.append("Đã đạt chỉ tiêu.")
        lines.append(f"Đã đạt mỗi tháng: {fmt_decimal(d.seen_per_month)} người.")
        st.markdown("\n".join(f"- {x}" for x in lines))
        st.caption(markdown(d.source))

def _units() -> None:
    """The units in priority order, then each target's distance for every unit."""
    st.caption(markdown(PRIORITY_RULE))
    st.caption(f"{LOW_UPTAKE_MARK} Tham gia thấp: {markdown(view.low.describe())}, như ở các trang "
               "khác.")
    status = p.status
    printed_table(shown(status, ["priority", "name", "age_8_60_count", "registered_count",
                                 "participation_pct", "assessed_count", "recognized_count",
                                 "recognition_pct", "seen_per_month"], low="is_low_uptake"),
                  "plan_status", hide_index=True, placeholder="—", height=height(len(status)))

    for i, t in enumerate(p.targets):
        st.markdown(f"**Chỉ tiêu {markdown(t.title)}** ({markdown(t.area.source)}), tính trên "
                    f"{markdown(t.area.base_words)}: mỗi đơn vị còn thiếu bao nhiêu người")
        columns = ["priority", "name", "base_count", "recognized_of_base_pct",
                   "people_to_recognize_count", "to_assess_count", "to_register_count",
                   "needed_per_month", "seen_per_month"]
        if t.units["note"].notna().any():
            columns.append("note")
        printed_table(shown(t.units, columns, low="is_low_uptake"), f"plan_target_{i}",
                      hide_index=True, placeholder="—", height=height(len(t.units)))
    st.caption("Cần đánh giá trước: số người còn thiếu chia cho tỉ lệ Đạt của đơn vị; cần đăng ký "
               "trước: số đó chia cho tỉ lệ đã đánh giá trên đăng ký. Cách tính từng số: README, "
               "mục «Kế hoạch vận động».")


def _groups() -> None:
    """Each group's share of the Đạt, and its own targets where its size is known."""
    if not plan.group_sizes_known:
        st.info("Chưa tính được khoảng cách đến chỉ tiêu theo nhóm vì chưa có bảng số người của "
                f"từng nhóm đối tượng. Hãy nhập bảng «{TABLE_KINDS[GROUP_SIZES].title}» (loại "
                f"`{GROUP_SIZES}`) ở trang «Nhập số liệu». Dưới đây là tỉ lệ của mỗi nhóm trong "
                "số người Đạt; số người Đạt của một nhóm không so với toàn bộ dân số.", icon="ℹ️")
        st.page_link(ENTRY, label="Mở trang «Nhập số liệu»", icon="📥")
    group_columns = ["group_name", "partner_name", "recognized_count", "assessed_count",
                     "share_pct"]
    if plan.group_sizes_known:
        group_columns.append("size_count")
    printed_table(shown(p.groups, group_columns), "plan_groups", hide_index=True, placeholder="—")
    if plan.group_sizes_known:
        if len(p.group_targets):
            st.markdown(f"**Chỉ tiêu riêng của từng nhóm** ở {markdown(p.area_words)}, tính "
                        "trên số người của chính nhóm")
            columns = ["group_name", "target", "source", *[
                c for c in ["base_count", "recognized_count", "recognized_of_base_pct",
                            "people_to_recognize_count", "to_assess_count", "to_register_count",
                            "needed_per_month", "seen_per_month"]]]
            if p.group_targets["note"].notna().any():
                columns.append("note")
            printed_table(shown(p.group_targets, columns), "plan_group_targets", hide_index=True,
                          placeholder="—")
        st.caption("Số người của một nhóm ở toàn địa bàn chỉ có khi mọi đơn vị đều có (một tổng "
                   "thiếu đơn vị sẽ làm cơ sở tính nhỏ đi); đơn vị chưa có số người của nhóm để "
                   "trống (—).")


def _partners() -> None:
    """Each partner's groups and units, in priority order."""
    st.caption("Mỗi nhóm được vận động qua đơn vị phối hợp của nhóm đó, như kiến nghị của báo cáo "
               "(danh mục ở tệp data/reference/partners.toml, huyện có thể sửa). Các đơn vị xếp "
               "theo thứ tự ưu tiên.")
    for i, section in enumerate(p.partners):
        who = markdown(section.partner_name) if section.partner_name else \
            "Chưa có đơn vị phối hợp trong danh mục"
        st.markdown(f"**{who}** — {', '.join(markdown(g) for g in section.group_names)}")
        columns = ["priority", "name", "group_name", "recognized_count", "assessed_count",
                   "share_pct"]
        if plan.group_sizes_known:
            columns += ["size_count", *section.labels]
        printed_table(shown(section.lines, columns, low="is_low_uptake",
                            labels=section.labels),
                      f"plan_partner_{i}", hide_index=True, placeholder="—",
                      height=height(len(section.lines)))


def _what_if() -> None:
    """Two what-ifs and what they would change, unit by unit."""
    median = plan.median_participation_pct
    raise_low = st.toggle(f"Mỗi đơn vị tham gia thấp đạt mức tham gia trung vị của "
                          f"{markdown(p.area_words)} ({fmt_pct(median)})", key="plan_median",
                          disabled=median is None)
    rate = st.slider("Tỉ lệ Đạt (trên đã đánh giá) của mỗi đơn vị đạt ít nhất (%)", 0, 100,
                     step=1, key="plan_pass_rate",  # from 0; no value: page.sections keeps it
                     help="0: không đổi. Đơn vị có tỉ lệ Đạt cao hơn giữ tỉ lệ của mình.")
    w = plan_what_if(p, raise_low, float(rate) if rate else None)
    if w is None:
        st.caption("Bật giả định hoặc kéo thanh trượt để xem số người Đạt thêm và khoảng cách mới "
                   "đến từng chỉ tiêu.")
    else:
        st.caption("Người đăng ký thêm được đánh giá và Đạt theo tỉ lệ của chính đơn vị; số người "
                   "làm tròn xuống.")
        cols = st.columns(len(w.area) + 1)
        cols[0].metric("Số người Đạt thêm", f"{fmt_int(w.result.people_gained)} người")
        for col, (now, then), t in zip(cols[1:], w.area, p.targets):
            gone = None if now.people_to_recognize is None or then.people_to_recognize is None \
                else now.people_to_recognize - then.people_to_recognize
            col.metric(f"Chỉ tiêu {t.title}: còn thiếu nếu vậy",
                       "—" if then.people_to_recognize is None
                       else f"{fmt_int(then.people_to_recognize)} người",
                       None if not gone else f"-{fmt_int(gone)} người", delta_color="inverse",
                       help=f"Hiện còn thiếu {fmt_int(now.people_to_recognize)} người.")
        printed_table(shown(w.units, ["priority", "name", "registered_added_count",
                                      "people_gained_count", *w.labels],
                            low="is_low_uptake", labels=w.labels),
                      "plan_what_if", hide_index=True, placeholder="—", height=height(len(w.units)))
        for note in w.result.notes:
            st.caption(markdown(note))


SECTIONS = {"Thứ tự ưu tiên các đơn vị": _units, "Theo nhóm đối tượng": _groups,
            "Theo đơn vị phối hợp": _partners, "Giả định: nếu …": _what_if}
label, tab = page.sections(list(SECTIONS), "plan_tab",
                           keep=("plan_median", "plan_pass_rate"))
with tab:
    SECTIONS[label]()
