"""Trình chiếu (`?trinh_chieu=1` on any page's URL): the current filters' figures as full-screen
slides for a projector, one message each (cdht_data.views.presentation).

The slide number is in the URL (`&trang=N`), so a link opens a slide; the buttons under it and
the keys a presenter's clicker sends (→ ← PageDown PageUp Space) step through them. Streamlit
has no key events: a small script (st.html, run in the page itself, nothing fetched) clicks
the buttons.
"""

from __future__ import annotations

from html import escape

import streamlit as st

from cdht_data.formatting import fmt_date, fmt_int, fmt_pct
from cdht_data.units import area_label
from cdht_data.views.presentation import LOWEST_SHOWN
from ui import data, maps, vega
from ui.filters import FLAGS, View, current, group_label
from ui.page import no_data
from ui.presenter_look import BODY_PX, CONTENT_PX, CSS

PARAM, SLIDE_PARAM = "trinh_chieu", "trang"
NEXT_KEY, PREVIOUS_KEY = "slide_next", "slide_previous"
# The height of a slide's one big chart at 1920 × 1080, under its title and above the buttons.
CHART_PX = 720
# A line of the slide's text under a chart, with the gap above it; and about as many
# characters as a line of 32 px type holds across the slide (1.776 px).
LINE_PX, LINE_CHARS = 64, 100

KEYS = f"""<script>
(() => {{
  if (window.cdhtSlideKeys) return;
  window.cdhtSlideKeys = true;
  const NEXT = ["ArrowRight", "PageDown", " ", "Spacebar"], PREVIOUS = ["ArrowLeft", "PageUp"];
  document.addEventListener("keydown", (event) => {{
    const key = NEXT.includes(event.key) ? "{NEXT_KEY}"
              : PREVIOUS.includes(event.key) ? "{PREVIOUS_KEY}" : null;
    if (!key || event.target.closest?.("input, textarea, select, [contenteditable]")) return;
    const button = document.querySelector(`.st-key-${{key}} button`);
    if (!button) return;  // not the presenter view
    event.preventDefault();
    if (!button.disabled) button.click();
  }});
}})();
</script>"""


def asked() -> bool:
    """True when the URL asks for the presenter view (trinh_chieu=1, or có/true). Kept in the
    session as the filters are, so a rerun that does not send the URL stays on the slides."""
    if PARAM in st.query_params:
        st.session_state["_presenter"] = FLAGS.get(
            st.query_params[PARAM].strip().lower(), False)
    return st.session_state.get("_presenter", False)


def _slide_number(count: int) -> int:
    """The slide the URL (or the last step) names, 1 … count (the first for anything else)."""
    text = st.query_params.get(SLIDE_PARAM, st.session_state.get("_slide", "1"))
    try:
        number = int(text)
    except ValueError:
        return 1
    return number if 1 <= number <= count else 1


def _go(number: int) -> None:
    st.session_state["_slide"] = st.query_params[SLIDE_PARAM] = str(number)


def _leave() -> None:
    st.session_state["_presenter"] = False
    st.session_state.pop("_slide", None)
    for key in (PARAM, SLIDE_PARAM):
        if key in st.query_params:
            del st.query_params[key]


def show() -> None:
    """Draw the slide the URL names for the sidebar's filters (the sidebar is hidden here)."""
    view = current()
    st.html(CSS)
    st.html(KEYS, unsafe_allow_javascript=True)
    p = None if view.as_of is None else data.presentation(
        view.db, view.area_key, view.as_of, view.group_no, view.low, view.structure)
    if p is None:
        no_data(view)
        st.button("Thoát trình chiếu", on_click=_leave, key="slide_leave")
        return
    number = _slide_number(len(p.slides))
    key, title = p.slides[number - 1]
    fig = p.figures
    where = [area_label(fig.area.level, fig.area.name, capital=True),
             f"tính đến ngày {fmt_date(fig.as_of)}"]
    if (g := group_label(view, fig)):
        where.append(f"nhóm: {g}")
    st.html(f'<div class="slide"><h1>{escape(title)}</h1>'
            f'<p class="where">{escape(" · ".join(where))}</p></div>')
    SLIDES[key](p, view)
    _footer(number, len(p.slides))


def _figures(items: list[tuple[str, str, str]]) -> None:
    """Big figures, two to a row: (label, value, note)."""
    cells = "".join(f'<div class="figure"><div class="label">{escape(label)}</div>'
                    f'<div class="value">{escape(value)}</div>'
                    f'<div class="note">{escape(note)}</div></div>'
                    for label, value, note in items)
    st.html(f'<div class="slide"><div class="figures">{cells}</div></div>')


def _list(items: list[str]) -> None:
    """A list of sentences (already escaped HTML)."""
    st.html('<div class="slide"><ul>' + "".join(f"<li>{i}</li>" for i in items) + "</ul></div>")


def _chart(spec: dict, height: int = CHART_PX) -> None:
    st.vega_lite_chart(vega.on_slide(spec, height), theme=None, width="stretch")


def _headline(p, view: View) -> None:
    h = p.headline
    _figures([
        ("Số người đăng ký", fmt_int(h["registered_count"]),
         f"trên {fmt_int(h['age_8_60_count'])} người 8–60 tuổi"
         if h["age_8_60_count"] is not None else ""),
        ("Tỉ lệ tham gia", fmt_pct(h["participation_pct"]), "đăng ký ÷ dân số 8–60 tuổi"),
        ("Số người được công nhận (Đạt)", fmt_int(h["recognized_count"]),
         f"trong {fmt_int(h['assessed_count'])} người đã đánh giá"),
        ("Tỉ lệ Đạt", fmt_pct(h["recognition_pct"]), "Đạt ÷ đã đánh giá"),
    ])


def _targets(p, view: View) -> None:
    steps = p.targets
    if steps[0].recognized_pct is None:
        _list([escape("Chưa tính được tiến độ: kỳ này thiếu số người Đạt hoặc dân số 8–60 tuổi.")]
              + [escape(f"Chỉ tiêu năm {s.target.year}: {fmt_pct(s.target.pct, 0)} "
                        f"{s.target.base_words} ({s.target.source}).") for s in steps])
        return
    _chart(vega.targets_bar(steps[0].recognized_pct,
                            [(f"năm {s.target.year}", s.target.pct) for s in steps],
                            "Đạt / dân số 8–60", text_px=vega.SLIDE_PX), height=300)
    _list([escape(f"Năm {s.target.year} ({fmt_pct(s.target.pct, 0)}): "
                  + (f"còn thiếu {fmt_int(s.gap_count)} người." if s.gap_count
                     else "đã đạt.")) for s in steps]
          + [escape(f"Chỉ tiêu theo {steps[0].target.source}, tính trên "
                    f"{steps[0].target.base_words}.")])


def _lowest(p, view: View) -> None:
    lowest = p.lowest.head(LOWEST_SHOWN).assign(is_low_uptake=True)
    rest = p.lowest.iloc[LOWEST_SHOWN:]
    # the chart leaves room for the lines under it, so that the slide does not scroll
    below = LINE_PX * (2 if len(rest) else 1)
    _chart(vega.participation_bars(lowest, view.low),
           height=min(CHART_PX - below, 90 * len(lowest) + 160))
    if len(rest):
        _list([escape(others_line(rest))])
    st.html(f'<div class="slide"><p class="where">Tham gia thấp: {escape(view.low.describe())}'
            "</p></div>")


def others_line(rest) -> str:
    """The low units past the chart, on one line of the slide: as many as fit, then how many
    more ("Còn: Lộc An (0,53%), … và 5 đơn vị khác.")."""
    named = [f"{n} ({fmt_pct(v)})" for n, v in zip(rest["name"], rest["participation_pct"])]
    shown = []
    for i, text in enumerate(named):
        more = len(named) - i - 1
        tail = f" và {fmt_int(more)} đơn vị khác" if more else ""
        if shown and len("Còn: " + ", ".join([*shown, text]) + tail) > LINE_CHARS:
            break
        shown.append(text)
    more = len(named) - len(shown)
    return "Còn: " + ", ".join(shown) + (f" và {fmt_int(more)} đơn vị khác." if more else ".")


def _groups(p, view: View) -> None:
    _chart(vega.group_rates(p.groups), height=CHART_PX - 60)


def _map(p, view: View) -> None:
    # its labels placed for the slide's width and 28 px type (maps.bubble_map)
    st.vega_lite_chart(maps.bubble_map(p.map, height=CHART_PX, width=CONTENT_PX,
                                       font_px=BODY_PX, scale_beside=True),
                       theme=None, width="content")


def _next_steps(p, view: View) -> None:
    items = []
    if len(p.lowest):
        names = ", ".join(f'<span class="low">{escape(n)}</span> ({escape(fmt_pct(v))})'
                          for n, v in zip(p.lowest["name"], p.lowest["participation_pct"]))
        items.append(f"Vận động đăng ký ở {len(p.lowest)} đơn vị tham gia thấp: {names}.")
    for g in p.lagging_groups:
        who = f" {escape(g.partner.suggestion)}" if g.partner else ""
        state = ("chưa ai được đánh giá" if g.recognition_pct is None else
                 f"tỉ lệ Đạt {escape(fmt_pct(g.recognition_pct))}, thấp hơn chung")
        items.append(f"<b>{escape(g.group_name)}</b> – {state}.{who}")
    _list(items)


SLIDES = {"ket_qua": _headline, "chi_tieu": _targets, "don_vi_thap": _lowest, "nhom": _groups,
          "ban_do": _map, "viec_tiep": _next_steps}


def _footer(number: int, count: int) -> None:
    left, middle, right, leave = st.columns([2, 5, 2, 2], vertical_alignment="center")
    left.button("◀ Trang trước", key=PREVIOUS_KEY, on_click=_go, args=(number - 1,),
                disabled=number == 1, width="stretch")
    middle.html(f'<p class="slide-footer" style="text-align:center">Trang {number}/{count} · '
                "phím → ← để chuyển trang</p>")
    right.button("Trang sau ▶", key=NEXT_KEY, on_click=_go, args=(number + 1,),
                 disabled=number == count, width="stretch")
    leave.button("Thoát trình chiếu", key="slide_leave", on_click=_leave, width="stretch")
