"""Chất lượng dữ liệu: where the period's tables and report text disagree with themselves, each
finding beside the figure it was compared with, and a quality score per table and unit."""

from functools import partial

import pandas as pd
import streamlit as st

from cdht_data.exports import csv_bytes, file_name
from cdht_data.formatting import fmt_decimal, fmt_int, is_missing
from cdht_data.keys import SEVERITIES, SEVERITY_NAMES
from cdht_data.quality.report import SCORE_EXPLANATION, SCORE_FORMULA, SCORE_NAME
from ui import data, page
from ui.filters import CHOOSE, current
from ui.print_css import table
from ui.tables import shown

QUALITY_LABELS = {"description": "Quy tắc", "severity_name": "Mức độ",
                  "check_count": "Phép kiểm tra", "finding_count": "Phát hiện",
                  "failed_count": "Phát hiện", "formula": "Công thức",
                  "why": "Vì sao", "kind_name": "Loại bảng", "table_title": "Bảng",
                  "source_file": "Tệp", "score": "Điểm"}

view = current()
fig = page.figures(view)
page.header("Chất lượng dữ liệu", view, fig)
if view.as_of is None:
    page.no_data(view)
    st.stop()

# A ⚠ link on another page opens its finding here (?phat_hien=ID). Compared as text: a link
# is anyone's, and int() refuses a number of 5,000 digits.
wanted = st.query_params.get("phat_hien", "")
if st.session_state.get("_opened") != wanted and wanted.isdigit() and len(wanted) < 12:
    st.session_state["quality_finding"] = int(wanted)
    st.session_state["_opened"] = wanted
st.session_state.setdefault("quality_severity", list(SEVERITIES))
q = data.quality_view(view.db, view.area_key, view.as_of,
                      tuple(st.session_state["quality_severity"]),
                      st.session_state.get("quality_finding"))


def _num(value) -> str:
    """A figure as the reports print it: 91.441, 94,5."""
    if is_missing(value):
        return "—"
    return fmt_int(value) if float(value).is_integer() else fmt_decimal(value, 1)


def _score(value) -> str:
    return "—" if is_missing(value) else fmt_decimal(value, 1)


area = q.report.area
cols = st.columns(5)
cols[0].metric(SCORE_NAME, _score(area["score"]), help=SCORE_FORMULA)
cols[1].metric("Phép kiểm tra đã làm", fmt_int(area["check_count"]))
for col, severity in zip(cols[2:], SEVERITIES):
    col.metric(f"Phát hiện mức «{SEVERITY_NAMES[severity]}»", fmt_int(area[f"{severity}_count"]))
with st.expander("Cách tính điểm chất lượng"):
    st.markdown(f"**{SCORE_FORMULA}**")
    st.markdown(SCORE_EXPLANATION)


def _findings() -> None:
    """The findings of the severities chosen, and the cells of the one picked."""
    st.multiselect("Mức độ", list(SEVERITIES), format_func=SEVERITY_NAMES.get,
                   key="quality_severity")  # every severity at first (above)
    found = q.findings
    st.markdown(f"**{fmt_int(len(found))} phát hiện** trong các bảng của kỳ này.")
    if found.empty:
        page.empty("Không có phát hiện nào ở các mức độ đã chọn.",
                   "Chọn thêm mức độ ở ô «Mức độ» để xem các phát hiện khác.")
    else:
        findings = pd.DataFrame({
            "Mức độ": found["severity_name"],
            "Dòng": found["row_label"].fillna("cả bảng"),
            "Cột": found["column"].fillna("—"),
            "Ô": found["cell"].fillna("—"),
            "Số in": found["printed"],
            "So với": found["other"],
            "Số so sánh là": found["other_label"].fillna("—"),
            "Nội dung": found["message"],
            "Bảng": found["table_title"],
        })
        # On screen the figures as the reports print them; in the file, numbers.
        printed = {c: [_num(v) for v in findings[c]] for c in ("Số in", "So với")}
        table(findings.assign(**printed), "findings", hide_index=True, placeholder="—")
        page.download(partial(csv_bytes, findings, list(findings.columns), {}),
                      file_name("Phát hiện chất lượng dữ liệu", fig.area.name if fig else None,
                                view.as_of), "findings_csv")
        labels = {int(i): f"#{int(i)} · {m}"
                  for i, m in zip(found["finding_id"], found["message"])}
        if st.session_state.get("quality_finding") != q.finding_id:
            st.session_state["quality_finding"] = q.finding_id
        picked = st.selectbox("Xem các ô của một phát hiện", list(labels), format_func=labels.get,
                              key="quality_finding", placeholder=CHOOSE)
        st.query_params["phat_hien"] = str(picked)
        st.session_state["_opened"] = str(picked)
        cells = q.cells
        table(pd.DataFrame({
            "Vai trò": cells["role_name"],
            "Dòng": cells["row_label"].fillna("cả cột"),
            "Cột": cells["column_header"].fillna("—"),
            "Ô": cells["cell"].fillna("—"),
            "Số": [_num(v) for v in cells["value"]],
            "In là": cells["printed_text"].fillna(""),
            "Trích dẫn": cells["context"].fillna(""),
            "Bảng": cells["table_title"],
        }), "finding_cells", hide_index=True, placeholder="—")


def _rules() -> None:
    """Each rule: what it checks, how often it found something."""
    table(shown(q.report.rules, ["description", "severity_name", "finding_count", "check_count",
                                 "formula", "why"], labels=QUALITY_LABELS),
          "rules", hide_index=True, placeholder="—")


def _datasets() -> None:
    """Each table's score."""
    table(shown(q.report.datasets, ["kind_name", "table_title", "source_file", "check_count",
                                    "failed_count", "score"], labels=QUALITY_LABELS,
               formats={"Điểm": _score}),
          "dataset_scores", hide_index=True, placeholder="—")


def _units() -> None:
    """Each unit's score."""
    table(shown(q.report.units, ["name", "code", "check_count", "failed_count", "score"],
                labels=QUALITY_LABELS, formats={"Điểm": _score}),
          "unit_scores", hide_index=True, placeholder="—")


SECTIONS = {"Các phát hiện": _findings, "Theo quy tắc kiểm tra": _rules,
            "Điểm chất lượng theo bảng": _datasets}
if not q.report.units.empty:
    SECTIONS["Điểm chất lượng theo đơn vị"] = _units
label, tab = page.sections(list(SECTIONS), "quality_tab",
                           keep=("quality_severity", "quality_finding"))
with tab:
    SECTIONS[label]()
