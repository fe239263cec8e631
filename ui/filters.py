"""The filters every page shares (area, period, group, low-uptake setting, unit structure), kept in the
sidebar of the entry script so they persist across pages, and mirrored in the URL so a link
reproduces the view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from cdht_data import views
from cdht_data.definitions import LowUptake
from cdht_data.formatting import fmt_date
from cdht_data.keys import STRUCTURE_NAMES, STRUCTURES
from cdht_data.units import area_label
from ui import data, lazy
from ui.escape import markdown
from ui.navigation import register

# A select box's placeholder (Streamlit writes "Choose an option" unless told).
CHOOSE = "Chọn…"

# URL parameter -> session key. The commune of the drill-down lives here too, so a shared link
# to a commune page opens that commune.
PARAMS = {"dia_ban": "f_area", "ky": "f_period", "nhom": "f_group", "nguong": "f_threshold",
          "tu_phan_vi": "f_quartile", "xa": "commune",
          "don_vi": "f_structure"}
# Parameters read apart from the filters: the finding to open on «Chất lượng dữ liệu», and the
# presenter view with its slide number (ui/presenter.py).
PAGE_PARAMS = ("phat_hien", "trinh_chieu", "trang")
# Parameters old links may carry that no longer set anything, and what to say instead. The
# target is no setting any more: every page reads data/reference/targets.toml (2025 and 2030).
RETIRED = {"chi_tieu": "chỉ tiêu nay lấy từ tệp chỉ tiêu (data/reference/targets.toml): cả "
                       "năm 2025 và năm 2030"}
# The low-uptake threshold is a percentage: its widget and the URL take only values in this
# range.
PCT_RANGE = (0.0, 100.0)
THRESHOLD_BOX = "open_threshold"  # the session key of the threshold box's open state
# No key, date or number of ours is this long; a longer value is refused unread.
MAX_PARAM_LENGTH = 64
FLAGS = {"1": True, "true": True, "co": True, "có": True,
         "0": False, "false": False, "khong": False, "không": False}


@dataclass(frozen=True)
class View:
    db: data.StoreKey
    area_key: str
    as_of: dt.date | None
    group_no: int | None
    low: LowUptake
    structure: str | None = None  # the units asked for (keys.STRUCTURES); None: the period's


def _pct(text: str) -> float:
    """A percentage as typed in a link ("42,5" or "42.5"); NaN and infinities are refused."""
    value = float(text.replace(",", "."))
    if not PCT_RANGE[0] <= value <= PCT_RANGE[1]:
        raise ValueError(text)
    return value


def _flag(text: str) -> bool:
    return FLAGS[text.strip().lower()]


def _structure(text: str) -> str:
    if text not in STRUCTURES:
        raise ValueError(text)
    return text


# URL parameter -> (read its text, what it must be). A value that the reader refuses, or that
# names no area, period, group or unit of the data, falls back to the default with a toast.
READERS = {
    "dia_ban": (str, "mã một địa bàn có số liệu"),
    "ky": (dt.date.fromisoformat, "một kỳ số liệu của địa bàn, dạng 2024-09-30"),
    "nhom": (int, "số thứ tự một nhóm của bộ tiêu chí"),
    "nguong": (_pct, "một số từ 0 đến 100"),
    "tu_phan_vi": (_flag, "1 hoặc 0"),
    "xa": (str, "mã một đơn vị thuộc địa bàn"),
    "don_vi": (_structure, "pre2025 (đơn vị trước 1/7/2025) hoặc post2025 (từ 1/7/2025)"),
}
# Values that can only be checked against the data once it is read: session key -> parameter.
CHECKED_LATER = {"f_area": "dia_ban", "f_period": "ky", "f_group": "nhom", "commune": "xa"}


def _refuse(param: str) -> None:
    """Say which URL parameter was not used and why (never quoting it: a link is anyone's)."""
    st.toast(f"Tham số `{param}` trên địa chỉ trang không dùng được (phải là "
             f"{READERS[param][1]}): đang dùng giá trị mặc định.", icon=":material/link_off:")


def _read_query_params() -> None:
    """Take the URL's view into the session once, before any widget exists. A value that
    cannot be read is refused here; one naming an area, period, group or unit waits in
    "_url_unchecked" until the sidebar knows the data."""
    if st.session_state.get("_params_read"):
        return
    st.session_state["_params_read"] = True
    for param, instead in RETIRED.items():
        if param in st.query_params:
            st.toast(f"Tham số `{param}` trên địa chỉ trang không còn dùng: {instead}.",
                     icon=":material/link_off:")
    unchecked = set()
    for param, (read, _) in READERS.items():
        if param not in st.query_params:
            continue
        text = st.query_params[param]
        try:
            if len(text) > MAX_PARAM_LENGTH:
                raise ValueError(param)
            value = read(text)
        except (ValueError, KeyError):
            _refuse(param)
            continue
        st.session_state[PARAMS[param]] = value
        if PARAMS[param] in CHECKED_LATER:
            unchecked.add(PARAMS[param])
    st.session_state["_url_unchecked"] = unchecked


def _from_url_and_unknown(key: str, known: bool) -> bool:
    """True (after a toast) when the value under session `key` came from the URL and names
    nothing of the data. Each such value is checked once: later it is the user's choice."""
    unchecked = st.session_state.get("_url_unchecked", set())
    if key not in unchecked:
        return False
    unchecked.discard(key)
    if not known:
        _refuse(CHECKED_LATER[key])
    return not known


def _write_query_params(view: View) -> None:
    params = {"dia_ban": view.area_key}
    if view.as_of is not None:
        params["ky"] = view.as_of.isoformat()
    if view.group_no is not None:
        params["nhom"] = str(view.group_no)
    if view.low != LowUptake():
        params["nguong"] = f"{view.low.threshold_pct:g}"
        params["tu_phan_vi"] = "1" if view.low.bottom_quartile else "0"
    if st.session_state.get("commune"):
        params["xa"] = st.session_state["commune"]
    if view.structure is not None:
        params["don_vi"] = view.structure
    # Key by key: replacing the whole set (from_dict) on a sub-page's first run made Streamlit
    # report "Page not found" for a URL that already carried parameters.
    for key in [k for k in st.query_params if k not in params and k not in PAGE_PARAMS]:
        del st.query_params[key]
    for key, value in params.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def _widget(make, name: str, current, *args, **kwargs):
    """A sidebar widget showing the remembered value `current` of filter `name`.

    The filter's value lives under its own session key ("f_…"), the widget under "w_…": a
    widget's state can be dropped (Streamlit cleans it when a run does not draw it), the
    remembered value cannot, and a value changed elsewhere (a link, a new area) wins.
    """
    key = f"w_{name}"
    if key in st.session_state and st.session_state[key] != current:
        del st.session_state[key]
    if make is st.selectbox:
        options = args[1]
        kwargs["index"] = options.index(current)
        kwargs["placeholder"] = CHOOSE
    else:
        kwargs["value"] = current
    value = make(*args, key=key, on_change=_take, args=(name,), **kwargs)
    st.session_state[f"f_{name}"] = value
    return value


def _take(name: str) -> None:
    """A user's change of a widget becomes the filter's value before the page runs."""
    st.session_state[f"f_{name}"] = st.session_state[f"w_{name}"]


def _remembered(name: str, options: list, default):
    """The filter's remembered value, or `default` when it is unset or no longer offered
    (e.g. group 4 after switching to the 3-group pilot; a toast when a link asked for it)."""
    value = st.session_state.get(f"f_{name}", default)
    known = value in options
    _from_url_and_unknown(f"f_{name}", known)
    return value if known else default


def _check_commune(fig) -> None:
    """Forget a commune from the URL that is no unit of the area (the drill-down would show
    another one); the URL loses it too."""
    known = st.session_state.get("commune") in {k for k, _ in views.drill_units(fig)}
    if _from_url_and_unknown("commune", known):
        del st.session_state["commune"]


def _structure_choice(db: data.StoreKey, area: str, as_of: dt.date) -> str | None:
    """The units to show the period in: by default those in force on its date (None), or the
    structure the user (or a link) chose."""
    default = data.area_figures(db, area, as_of)
    shown = default.structure if default is not None else None
    options = [None, *STRUCTURES]

    def label(choice):
        if choice is None:
            return f"Theo kỳ số liệu ({STRUCTURE_NAMES[shown].lower()})" if shown else \
                "Theo kỳ số liệu"
        return STRUCTURE_NAMES[choice]
    return _widget(st.selectbox, "structure", _remembered("structure", options, None),
                   "Đơn vị hành chính", options, format_func=label,
                   help="Từ 1/7/2025 không còn cấp huyện và 16 xã của Lộc Ninh thành 7 xã. Số "
                        "liệu của kỳ ghi theo đơn vị cũ được cộng gộp sang đơn vị mới (và "
                        "ngược lại khi có thể).")


def _follow_counterpart(fig, names: dict[str, str]) -> None:
    """The chosen area is of the other structure: the sidebar takes its counterpart, and the
    user is told (on the next run, which draws the sidebar with it)."""
    asked = fig.mapped_from
    st.session_state["f_area"] = fig.area.unit_key
    st.session_state["_toast"] = (
        f"{markdown(names.get(asked.unit_key, asked.name))} "
        f"({STRUCTURE_NAMES[asked.structure].lower()}) ứng với "
        f"{markdown(names[fig.area.unit_key])} ({STRUCTURE_NAMES[fig.structure].lower()}): "
        "đã chuyển địa bàn.")
    st.rerun()


def sidebar() -> View:
    """Draw the shared filters in the sidebar and return the view they describe."""
    _read_query_params()
    if (told := st.session_state.pop("_toast", None)):
        st.toast(told, icon=":material/swap_horiz:")
    db = data.store_key()
    areas = data.areas(db)
    keys = areas["unit_key"].tolist()
    names = {k: area_label(lv, n, capital=True)
             for k, n, lv in zip(areas["unit_key"], areas["name"], areas["level"])}
    with st.sidebar:
        st.header("Bộ lọc")
        if not keys:
            st.caption("Chưa có bảng số liệu nào.")
            view = View(db, "", None, None, LowUptake(), None)
            st.session_state["view"] = view
            return view
        opening = data.default_area(db)  # the area the latest period covers
        area = _widget(st.selectbox, "area", _remembered(
            "area", keys, opening if opening in keys else keys[0]),
            "Địa bàn", keys, format_func=names.get)
        dates = data.periods(db, area)
        as_of = _widget(st.selectbox, "period", _remembered("period", dates, dates[0]),
                        "Kỳ số liệu (tính đến ngày)", dates, format_func=fmt_date) \
            if dates else None
        structure = _structure_choice(db, area, as_of) if as_of else None
        fig = data.area_figures(db, area, as_of, structure) if as_of else None
        if fig is not None and fig.mapped_from is not None and fig.area.unit_key in keys:
            _follow_counterpart(fig, names)
        if fig is not None:
            _check_commune(fig)
        groups = fig.ruleset.get("groups", {}) if fig else {}
        options = [None, *groups]
        group = _widget(st.selectbox, "group", _remembered("group", options, None),
                        "Nhóm đối tượng", options,
                        format_func=lambda g: "Tất cả các nhóm" if g is None else groups[g][0])
        threshold, quartile = _low_uptake()
    view = View(db, area, as_of, group, LowUptake(float(threshold), bool(quartile)), structure)
    st.session_state["view"] = view
    _write_query_params(view)
    return view


def _low_uptake() -> tuple[float, bool]:
    """The low-uptake threshold and quartile flag. Their widgets are drawn only while their box
    is open: closed, the box costs every page load and rerun nothing (no number or tick-box
    code for the browser to fetch), and the remembered values hold."""
    threshold = float(st.session_state.get("f_threshold", LowUptake().threshold_pct))
    quartile = bool(st.session_state.get("f_quartile", LowUptake().bottom_quartile))
    box = lazy.box("Ngưỡng tham gia thấp", THRESHOLD_BOX)
    if box.open:
        with box:
            threshold = _widget(st.number_input, "threshold", threshold,
                                "Tham gia thấp: dưới (% dân số 8–60)", *PCT_RANGE,
                                step=0.5, format="%.1f")
            quartile = _widget(st.checkbox, "quartile", quartile,
                               "…hoặc thuộc 25% đơn vị thấp nhất")
    return threshold, quartile


def current() -> View:
    """The view the entry script's sidebar set in this run (each page calls this once).

    Taken out of the session so that it cannot go stale. Right after a server start, before
    any session has run st.navigation, Streamlit runs a deep-linked page file on its own (the
    old pages/ folder mode): then the pages are registered and the run starts again through
    the entry script.
    """
    view = st.session_state.pop("view", None)
    if view is None:
        register()
        st.rerun()
    return view


def group_label(view: View, fig) -> str | None:
    if view.group_no is None or fig is None:
        return None
    return fig.ruleset["groups"][view.group_no][0]
