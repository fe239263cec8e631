"""The filters every page shares (area, period, group, low-uptake setting, target), kept in the
sidebar of the entry script so they persist across pages, and mirrored in the URL so a link
reproduces the view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from cdht_data.definitions import DEFAULT_TARGET_PCT, TARGET_SOURCE, LowUptake
from cdht_data.formatting import fmt_date
from cdht_data.metrics import DEFAULT_AREA
from ui import data

LEVEL_WORDS = {"province": "Tỉnh", "district": "Huyện", "commune": "Xã", "subunit": "Đơn vị"}
# URL parameter -> session key. The commune of the drill-down lives here too, so a shared link
# to a commune page opens that commune.
PARAMS = {"dia_ban": "f_area", "ky": "f_period", "nhom": "f_group", "nguong": "f_threshold",
          "tu_phan_vi": "f_quartile", "chi_tieu": "f_target", "xa": "commune"}


@dataclass(frozen=True)
class View:
    db: str
    area_key: str
    as_of: dt.date | None
    group_no: int | None
    low: LowUptake
    target_pct: float


def _read_query_params() -> None:
    """Take the URL's view into the session once, before any widget exists."""
    if st.session_state.get("_params_read"):
        return
    st.session_state["_params_read"] = True
    qp = st.query_params
    try:
        if "dia_ban" in qp:
            st.session_state["f_area"] = qp["dia_ban"]
        if "ky" in qp:
            st.session_state["f_period"] = dt.date.fromisoformat(qp["ky"])
        if "nhom" in qp:
            st.session_state["f_group"] = int(qp["nhom"])
        if "nguong" in qp:
            st.session_state["f_threshold"] = float(qp["nguong"].replace(",", "."))
        if "tu_phan_vi" in qp:
            st.session_state["f_quartile"] = qp["tu_phan_vi"] not in ("0", "false", "khong")
        if "chi_tieu" in qp:
            st.session_state["f_target"] = float(qp["chi_tieu"].replace(",", "."))
        if "xa" in qp:
            st.session_state["commune"] = qp["xa"]
    except ValueError:
        st.toast("Một tham số trên địa chỉ trang không đọc được; đang dùng giá trị mặc định.")


def _write_query_params(view: View) -> None:
    params = {"dia_ban": view.area_key}
    if view.as_of is not None:
        params["ky"] = view.as_of.isoformat()
    if view.group_no is not None:
        params["nhom"] = str(view.group_no)
    if view.low != LowUptake():
        params["nguong"] = f"{view.low.threshold_pct:g}"
        params["tu_phan_vi"] = "1" if view.low.bottom_quartile else "0"
    if view.target_pct != DEFAULT_TARGET_PCT:
        params["chi_tieu"] = f"{view.target_pct:g}"
    if st.session_state.get("commune"):
        params["xa"] = st.session_state["commune"]
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)


def _keep_valid(key: str, options: list, default) -> None:
    """Drop a remembered choice that the new options no longer hold (e.g. group 4 in the pilot)."""
    if key in st.session_state and st.session_state[key] not in options:
        st.session_state[key] = default


def sidebar() -> View:
    """Draw the shared filters in the sidebar and return the view they describe."""
    _read_query_params()
    db = data.db_path()
    areas = data.areas(db)
    keys = areas["unit_key"].tolist()
    names = {k: f"{LEVEL_WORDS.get(lv, '')} {n}".strip()
             for k, n, lv in zip(areas["unit_key"], areas["name"], areas["level"])}
    with st.sidebar:
        st.header("Bộ lọc")
        if not keys:
            st.caption("Chưa có bảng số liệu nào.")
            view = View(db, DEFAULT_AREA, None, None, LowUptake(), DEFAULT_TARGET_PCT)
            st.session_state["view"] = view
            return view
        default_area = DEFAULT_AREA if DEFAULT_AREA in keys else keys[0]
        _keep_valid("f_area", keys, default_area)
        st.session_state.setdefault("f_area", default_area)
        area = st.selectbox("Địa bàn", keys, format_func=names.get, key="f_area")
        dates = data.periods(db, area)
        _keep_valid("f_period", dates, dates[0] if dates else None)
        if dates:
            st.session_state.setdefault("f_period", dates[0])
        as_of = st.selectbox("Kỳ số liệu (tính đến ngày)", dates, format_func=fmt_date,
                             key="f_period") if dates else None
        fig = data.area_figures(db, area, as_of) if as_of else None
        groups = fig.ruleset.get("groups", {}) if fig else {}
        group_options = [None, *groups]
        _keep_valid("f_group", group_options, None)
        group = st.selectbox(
            "Nhóm đối tượng", group_options, key="f_group",
            format_func=lambda g: "Tất cả các nhóm" if g is None else groups[g][0])
        with st.expander("Ngưỡng tham gia thấp và chỉ tiêu"):
            st.session_state.setdefault("f_threshold", LowUptake().threshold_pct)
            st.session_state.setdefault("f_quartile", LowUptake().bottom_quartile)
            st.session_state.setdefault("f_target", DEFAULT_TARGET_PCT)
            threshold = st.number_input("Tham gia thấp: dưới (% dân số 8–60)", 0.0, 100.0,
                                        step=0.5, format="%.1f", key="f_threshold")
            quartile = st.checkbox("…hoặc thuộc 25% đơn vị thấp nhất", key="f_quartile")
            target = st.number_input("Chỉ tiêu: % dân số 8–60 được công nhận", 0.0, 100.0,
                                     step=5.0, format="%.0f", key="f_target", help=TARGET_SOURCE)
    view = View(db, area, as_of, group, LowUptake(float(threshold), bool(quartile)),
                float(target))
    st.session_state["view"] = view
    _write_query_params(view)
    return view


def current() -> View:
    """The view the sidebar set in this run (pages call this)."""
    return st.session_state["view"]


def group_label(view: View, fig) -> str | None:
    if view.group_no is None or fig is None:
        return None
    return fig.ruleset["groups"][view.group_no][0]
