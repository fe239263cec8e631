"""What every page shows the same way: the view it describes, empty states, going to a commune,
table downloads, and the notice for a store that cannot be read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from cdht_data.errors import InputError
from cdht_data.formatting import fmt_date
from cdht_data.units import area_label
from ui import data, lazy
from ui.escape import markdown
from ui.filters import View, current, group_label
from ui.navigation import COMMUNE, OVERVIEW, QUALITY


def figures(view: View):
    """The period's figures for the view (None when there is nothing to show)."""
    if view.as_of is None:
        return None
    return data.area_figures(view.db, view.area_key, view.as_of, view.structure)


def start(title: str, back_link: bool = False):
    """The view, its figures and the page's header; a view without data stops here, at the
    empty state. Returns (view, figures)."""
    view = current()
    fig = figures(view)
    header(title, view, fig)
    if back_link:
        st.page_link(OVERVIEW, label="Về trang Tổng quan", icon=":material/arrow_back:")
    if fig is None:
        no_data(view)
        st.stop()
    return view, fig


def header(title: str, view: View, fig) -> None:
    """Title, then one line saying which area, period, rule set and group the page shows."""
    st.title(title)
    if fig is None:
        return
    parts = [markdown(area_label(fig.area.level, fig.area.name, capital=True)),
             f"số liệu tính đến ngày {fmt_date(fig.as_of)}",
             markdown(fig.ruleset.get("name"))]
    if (g := group_label(view, fig)):
        parts.append(f"nhóm: {markdown(g)}")
    st.caption(" · ".join(p for p in parts if p))
    with varying():  # an area has none, one or several
        if fig.is_synthetic:
            st.warning("Dữ liệu mô phỏng (tổng hợp để thử nghiệm), không phải số liệu thật.",
                       icon=":material/science:")
        for note in fig.notes:  # they name units, whose names come from imported registries
            st.info(markdown(note), icon=":material/info:")


def varying():
    """A container for elements that come and go with the view (a notice for a group, a chart
    an area does not have). Streamlit places a page's elements by their position: without it
    every element after them moves, and the browser draws the grids and charts there anew
    instead of updating them (about 0.04 s of a filter change on Tổng quan)."""
    return st.container()


@contextmanager
def store_faults() -> Iterator[None]:
    """Around a whole run (dashboard.py): a fault met while reading, the store missing, busy
    or too old (errors.StoreError) or a file that cannot be read (errors.InputError), shows
    as one Vietnamese notice and the page stops there, without a traceback."""
    try:
        yield
    except InputError as exc:
        st.error(markdown(exc), icon=":material/error:")
        st.stop()


def download(make: Callable[[], bytes], name: str, key: str) -> None:
    """«Tải bảng (.csv)» under a table, our export instead of the table's own (turned off in
    .streamlit/config.toml: it does not escape formulas). `make` builds the file when the
    button is pressed (ui.tables.csv, exports.csv_bytes); the page does not rerun."""
    st.download_button("Tải bảng (.csv)", make, name, "text/csv", key=key, on_click="ignore",
                       icon=":material/download:")


def empty(what: str, hint: str) -> None:
    """A Vietnamese empty state that says what is missing and what to do."""
    st.info(f"{what} {hint}", icon=":material/info:")


def no_data(view: View) -> None:
    empty("Chưa có số liệu cho địa bàn và kỳ đã chọn.",
          "Hãy chọn địa bàn hoặc kỳ khác ở thanh bên trái, hoặc nhập bảng số liệu bằng lệnh "
          "`python -m cdht_data import` (xem README).")


def open_commune(unit_key: str) -> None:
    """Go to the drill-down of `unit_key` (from a click on a table row or a map bubble)."""
    st.session_state["commune"] = unit_key
    st.session_state.pop("commune_pick", None)
    st.switch_page(COMMUNE)


def open_successor(unit) -> None:
    """(A button's callback on the drill-down) show the unit an old commune was merged into,
    in the area above it and the units in force then."""
    st.session_state["f_area"] = unit.parent_key or unit.unit_key
    st.session_state["f_structure"] = None
    st.session_state["commune"] = unit.unit_key
    st.session_state.pop("commune_pick", None)


MARK = "⚠"
NOTES_BOX = "open_quality_notes"  # the session key of the findings box's open state


def marked(label: str, found: pd.DataFrame, unit_key: str | None, metric: str) -> str:
    """`label` with ⚠ when a finding touches that figure of that unit (None: the totals)."""
    rows = found[found["unit_key"].isna()] if unit_key is None else found[found["unit_key"] == unit_key]
    return f"{label} {MARK}" if any(metric in m for m in rows["metrics"]) else label


def quality_notes(found: pd.DataFrame, names: dict[str | None, str]) -> None:
    """The findings behind the ⚠ marks, each with a link to it on the quality page. The box
    draws them only while open: closed, a dozen findings cost a page's run and the browser
    nothing."""
    if found.empty:
        return
    box = lazy.box(f"{MARK} Số liệu có lưu ý từ kiểm tra chất lượng ({len(found)})", NOTES_BOX)
    if not box.open:
        return
    with box:
        for row in found.itertuples(index=False):
            where = names.get(row.unit_key, "") if row.unit_key is not None else names.get(None, "")
            st.markdown(f"**{row.severity_name}** · {markdown(where)}: {markdown(row.message)}")
            st.page_link(QUALITY, label=f"Xem phát hiện #{row.finding_id}",
                         icon=":material/fact_check:",
                         query_params={"phat_hien": str(row.finding_id)})


def vietnamese_uploader() -> None:
    """Streamlit's file uploader writes its own English words; these rules hide them
    (display: none, so they are not even in the page's text; font-size 0 alone leaves the
    button's word there) and say it in Vietnamese; the widget's label and a caption carry the
    meaning. Pages give the uploader no type list or size, whose refusals are English too, and
    refuse a wrong file themselves."""
    st.html("""<style>
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
[data-testid="stFileUploaderDropzone"] button { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] { display: none; }
[data-testid="stFileUploaderDropzone"] button::after { content: "Chọn tệp"; font-size: 1rem; }
</style>""")


def sections(labels: list[str], key: str, keep: tuple[str, ...] = ()):
    """Tabs of which only the open one runs and is drawn (a click on a tab reruns the page): a
    page of several charts and grids then costs the browser one of them per run. `keep`: keys
    of widgets in the tabs whose values outlive a visit to another tab (Streamlit forgets a
    widget's value in a run that does not draw it; a value set through session_state stays).
    Returns the open tab's label and its container, to draw into."""
    for name in keep:
        if name in st.session_state:
            st.session_state[name] = st.session_state[name]
    tabs = st.tabs(labels, key=key, on_change="rerun")
    return next(((label, tab) for label, tab in zip(labels, tabs) if tab.open),
                (labels[0], tabs[0]))
