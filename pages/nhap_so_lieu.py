"""Nhập số liệu: upload a table, see every problem at once, confirm; templates, history, undo,
and who has reported. Signed-in accounts only; the work is cdht_data.views.entry's."""

import datetime as dt

import streamlit as st

from cdht_data import accounts, template, views
from cdht_data.checking import recognised
from cdht_data.errors import InputError
from cdht_data.formatting import fmt_date
from cdht_data.keys import QUAN_TRI, STRUCTURE_NAMES, STRUCTURES, TABLE_KINDS
from cdht_data.views import entry
from cdht_data.views.reporting import STATES
from ui import auth, data, maps, page
from ui.escape import markdown
from ui.filters import CHOOSE, current

view = current()
st.title("Nhập số liệu")
account = auth.current()
if account is None:
    known = accounts.list_accounts(data.read_cursor())
    if not known:
        page.empty("Chưa có tài khoản nào được phép nhập số liệu.",
                   "Người quản trị máy chủ thêm tài khoản bằng lệnh `python -m cdht_data user "
                   "add TÊN --role nhap_lieu` (mật khẩu nhập từ bàn phím), rồi đăng nhập ở "
                   "cuối thanh bên trái.")
    else:
        page.empty("Cần đăng nhập để nhập số liệu.",
                   "Hãy đăng nhập ở cuối thanh bên trái (xem số liệu thì không cần tài khoản).")
    st.stop()

page.vietnamese_uploader()
# An empty date field writes its format in English letters (dd / mm / yyyy) and date_input
# cannot replace them: drawn transparent (the label says what to type, a date or nothing), so
# they stay typable. While a run is going, Streamlit's status shows a «Stop» button: hidden
# (the running figure beside it stays).
st.html("""<style>
[data-testid="stDateInputField"] [data-placeholder="true"],
[data-testid="stDateInputField"]:has([data-placeholder="true"]) [data-type="literal"] {
  color: transparent; }
[data-testid="stStatusWidget"] button { display: none; }
</style>""")



def _set_deadline(account, view, area_key: str, area_name: str, due_key: str) -> None:
    """«Đặt hạn nộp»: the sidebar's period, the area shown, the date chosen (quan_tri only,
    checked again by set_period_deadline); what happened is said on the next run."""
    due = st.session_state[due_key]
    try:
        views.set_period_deadline(view.db.path, account, view.as_of, due, area_key)
    except InputError as exc:
        st.session_state["deadline_refused"] = markdown(exc)
    else:
        st.session_state["deadline_done"] = (f"Đã đặt hạn nộp kỳ {fmt_date(view.as_of)} cho "
                                             f"{markdown(area_name)}: {fmt_date(due)}.")


upload_tab, hand_tab, template_tab, history_tab, reported_tab = st.tabs(
    ["Tải bảng lên", "Nhập tay", "Mẫu biểu để điền", "Lịch sử và hoàn tác", "Đơn vị đã báo cáo"])

with upload_tab:
    left, middle, right = st.columns(3)
    kind = left.selectbox("Loại bảng", entry.UPLOAD_KINDS, format_func=lambda k: TABLE_KINDS[k].title,
                          placeholder=CHOOSE, key="entry_kind")
    as_of = middle.date_input("Ngày số liệu (để trống: đọc từ tiêu đề)", value=None,
                              format="DD/MM/YYYY", key="entry_as_of")
    structure = right.selectbox("Đơn vị hành chính của bảng", [None, *STRUCTURES],
                                format_func=lambda s: "Theo ngày số liệu" if s is None
                                else STRUCTURE_NAMES[s], placeholder=CHOOSE, key="entry_structure")
    types = entry.upload_types(kind)
    # no type list or size here: the uploader would refuse in English; check_upload refuses
    # in Vietnamese
    upload = st.file_uploader(f"Tệp bảng số liệu ({', '.join('.' + t for t in types)})",
                              key="entry_upload")
    st.caption(entry.upload_caption(kind))
    if upload is not None:
        raw = upload.getvalue()
        check = entry.check_upload(view.db.path, upload.name, raw, kind, as_of, structure,
                                   entry.PROBLEMS_SHOWN)
        st.markdown("**Đã nhận ra:** " + " · ".join(markdown(p) for p in recognised(check)))
        problems = entry.problems_frame(check)
        if len(problems):
            st.error(entry.problems_note(check), icon=":material/error:")
            st.dataframe(problems.rename(columns={"row": "Dòng", "column": "Cột",
                                                  "cell": "Ô như đã ghi", "message": "Lý do"}),
                         hide_index=True)
        cells, marked = entry.preview_frame(check)
        if len(cells):
            note = entry.preview_note(check)
            st.subheader("Xem trước tệp" if note else "Xem trước toàn bộ tệp")
            if note:
                st.caption(note)
            st.dataframe(cells.style.apply(
                lambda _: marked.replace({True: "background-color: #f8c9c4", False: ""}),
                axis=None))
        findings = entry.findings_frame(check)
        if check.ok:
            if len(findings):
                st.warning(f"Bảng này sẽ có {len(findings)} phát hiện về chất lượng số liệu:",
                           icon=":material/fact_check:")
                st.dataframe(findings.rename(columns={"severity": "Mức", "message": "Nội dung"}),
                             hide_index=True)
            changes = entry.changes_frame(check)
            if check.replaces:
                st.info(f"Kỳ này đã có bảng này: ghi sẽ thay bảng cũ ({len(changes)} ô khác).",
                        icon=":material/swap_horiz:")
                if len(changes):
                    st.dataframe(changes.rename(columns={"unit": "Đơn vị", "column": "Cột",
                                                         "old": "Cũ", "new": "Mới"}),
                                 hide_index=True)
            if st.button("Ghi vào CSDL", key="entry_confirm", type="primary"):
                result = entry.import_upload(view.db.path, upload.name, raw, kind, as_of,
                                             structure, account.name, check.replaces)
                st.success(f"Đã ghi bảng {TABLE_KINDS[result.kind].words} của "
                           f"{markdown(result.area_name)}, kỳ {fmt_date(result.as_of)}: "
                           f"{result.row_count} dòng (mục lịch sử số {result.history_id}).",
)

with hand_tab:
    left, middle, right = st.columns(3)
    h_kind = left.selectbox("Loại bảng", list(template.TEMPLATES),
                            format_func=lambda k: TABLE_KINDS[k].title,
                            placeholder=CHOOSE, key="hand_kind")
    h_as_of = middle.date_input("Ngày số liệu", value=view.as_of or dt.date.today(),
                                format="DD/MM/YYYY", key="hand_as_of")
    h_structure = right.selectbox("Đơn vị hành chính", [None, *STRUCTURES],
                                  format_func=lambda s: "Theo ngày số liệu" if s is None
                                  else STRUCTURE_NAMES[s], placeholder=CHOOSE, key="hand_structure")
    grid, raw_template = entry.entry_grid(data.read_cursor(view.db), h_kind, h_as_of,
                                          view.area_key or None, h_structure)
    st.caption("Điền số người vào từng ô (số nguyên, không âm; để trống ô không có số). Bảng "
               "được kiểm tra như một tệp tải lên trước khi ghi.")
    edited = st.data_editor(grid, key=f"hand_grid_{h_kind}_{h_as_of}_{h_structure}",
                            placeholder="",  # a cell to fill, not Streamlit's "None"
                            column_config={c: st.column_config.NumberColumn(
                                c, min_value=0, step=1, format="%d") for c in grid.columns})
    filled = entry.grid_file(raw_template, edited)
    name = f"nhap-tay-{h_kind}-{h_as_of.isoformat()}.xlsx"
    hand = entry.check_upload(view.db.path, name, filled, h_kind, h_as_of, h_structure)
    if not hand.ok:
        st.error(f"Bảng có {len(hand.problems)} lỗi:", icon=":material/error:")
        st.dataframe(entry.problems_frame(hand).rename(columns={
            "row": "Dòng", "column": "Cột", "cell": "Ô", "message": "Lý do"}), hide_index=True,
            placeholder="—")
    elif st.button("Ghi bảng nhập tay vào CSDL", key="hand_confirm", type="primary"):
        result = entry.import_upload(view.db.path, name, filled, h_kind, h_as_of, h_structure,
                                     account.name, hand.replaces, by_hand=True)
        st.success(f"Đã ghi bảng {TABLE_KINDS[result.kind].words} nhập tay của "
                   f"{markdown(result.area_name)}, kỳ {fmt_date(result.as_of)} (mục lịch sử số "
                   f"{result.history_id}).")

with template_tab:
    left, middle, right = st.columns(3)
    t_kind = left.selectbox("Loại mẫu", list(template.TEMPLATES),
                            format_func=lambda k: TABLE_KINDS[k].title,
                            placeholder=CHOOSE, key="template_kind")
    t_as_of = middle.date_input("Ngày số liệu của kỳ", value=view.as_of or dt.date.today(),
                                format="DD/MM/YYYY", key="template_as_of")
    t_structure = right.selectbox("Đơn vị hành chính", [None, *STRUCTURES],
                                  format_func=lambda s: "Theo ngày số liệu" if s is None
                                  else STRUCTURE_NAMES[s],
                                  placeholder=CHOOSE, key="template_structure")
    st.download_button(
        "Tải mẫu (.xlsx)",
        lambda: template.TEMPLATES[t_kind](data.read_cursor(view.db), t_as_of, view.area_key or None,
                                           t_structure),
        f"mau-{t_kind}-{t_as_of.isoformat()}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="template_download", on_click="ignore", icon=":material/download:")
    st.caption("Mẫu theo đúng biểu của báo cáo, liệt kê các đơn vị của địa bàn đang chọn; điền "
               "số rồi tải lên ở thẻ «Tải bảng lên».")

with history_tab:
    found = entry.history_frame(data.read_cursor(view.db))
    if found.empty:
        page.empty("Chưa có mục nào trong lịch sử nhập.", "")
    else:
        built = entry.build_note(data.read_cursor(view.db))
        if built:
            st.caption(built)
        # "có" rather than a tick box, "—" for a build's import (no user) rather than "None"
        st.dataframe(found.drop(columns="before_build").assign(undone=found["undone"].map({True: "có", False: ""})).rename(
            columns={"id": "Số", "at": "Lúc", "action": "Việc", "kind": "Loại bảng",
                     "as_of": "Kỳ", "area": "Địa bàn", "file": "Tệp", "rows": "Dòng",
                     "user": "Người nhập", "undone": "Đã hoàn tác"}),
                     hide_index=True, placeholder="—")
        if account.role == QUAN_TRI:
            open_rows = found[~found["undone"] & ~found["before_build"]]
            open_ids = open_rows["id"].tolist()
            if open_ids:
                said = {r.id: f"Số {r.id}: {r.action} {r.kind.lower()}, {r.area}, kỳ {r.as_of}"
                        f" ({r.at})" for r in open_rows.itertuples()}
                # keyed on the newest entry: a new one becomes the choice offered first
                chosen = st.selectbox("Hoàn tác mục", open_ids, format_func=said.get,
                                      placeholder=CHOOSE, key=f"undo_id_{open_ids[0]}")
                if st.button("Hoàn tác", key="undo_confirm"):
                    done = entry.undo_entry(view.db.path, int(chosen), account.name)
                    st.success(f"Đã hoàn tác mục số {done.history_id} (bảng "
                               f"{TABLE_KINDS[done.kind].words} của {markdown(done.area_name)}, "
                               f"kỳ {fmt_date(done.as_of)}): CSDL trở lại như trước mục đó.",
)
        else:
            st.caption("Chỉ tài khoản quản trị được hoàn tác.")

with reported_tab:
    if view.as_of is None:
        page.empty("Chưa có kỳ số liệu nào.", "")
    else:
        shown = views.reporting_view(data.read_cursor(view.db), view.as_of, view.area_key,
                                     view.structure)
        st.caption(f"Kỳ {fmt_date(view.as_of)}, {markdown(shown.area_name)}: đơn vị nào đã gửi "
                   "bảng nào (kỳ và địa bàn chọn ở thanh bên trái).")
        if shown.late:
            st.warning(f"{len(shown.late)} đơn vị trễ hạn: "
                       + ", ".join(markdown(n) for n in shown.late) + ".", icon=":material/alarm:")
        st.dataframe(shown.units.assign(state=shown.units["state"].map(STATES.get))[
            ["name", "state", "missing", "since"]].rename(columns={
                "name": "Đơn vị", "state": "Tình trạng", "missing": "Còn thiếu",
                "since": "Bảng gần nhất gửi lúc"}),
            hide_index=True, placeholder="—",
            column_config={"Bảng gần nhất gửi lúc": st.column_config.DatetimeColumn(
                format="DD/MM/YYYY HH:mm")})
        if shown.has_centres:
            st.vega_lite_chart(maps.reporting_map(shown.units, STATES), theme=None,
                               width="stretch", key="reporting_map")
            st.caption("Màu, hình và dấu của mỗi điểm cho biết tình trạng: ✓ đã gửi đủ, "
                       "… thiếu bảng, ✗ trễ hạn. Vẽ từ toạ độ tâm xã, không cần Internet.")
            if shown.unplaced:
                st.caption("Chưa có toạ độ: " + ", ".join(markdown(n) for n in shown.unplaced))
        else:
            page.empty("Các đơn vị của địa bàn này chưa có toạ độ tâm để vẽ bản đồ.", "")

        st.subheader("Hạn nộp")
        if "deadline_done" in st.session_state:
            st.success(st.session_state.pop("deadline_done"))
        if "deadline_refused" in st.session_state:
            st.error(st.session_state.pop("deadline_refused"))
        if shown.due is None:
            st.markdown(f"Kỳ {fmt_date(view.as_of)} chưa có hạn nộp.")
        else:
            st.markdown(f"Hạn nộp kỳ {fmt_date(view.as_of)}: **{fmt_date(shown.due)}**; đơn vị "
                        "chưa gửi đủ sau ngày này là trễ hạn.")
        if account.role == QUAN_TRI:
            left, right = st.columns([2, 1], vertical_alignment="bottom")
            due_key = f"deadline_due_{view.as_of}"
            left.date_input(f"Hạn nộp mới cho {markdown(shown.area_name)}",
                            value=shown.due or view.as_of, min_value=view.as_of,
                            format="DD/MM/YYYY", key=due_key)
            # a callback: it runs before the next run draws the tab, which then shows the
            # late units by the new date
            right.button("Đặt hạn nộp", key="deadline_set", on_click=_set_deadline,
                         args=(account, view, shown.area_key, shown.area_name, due_key))
        else:
            st.caption("Chỉ tài khoản quản trị được đặt hay đổi hạn nộp.")
