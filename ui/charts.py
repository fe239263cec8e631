"""Figures for the pages, built from cdht_data frames. Plotly only, no Streamlit, so every chart
can be tested by building it. Vietnamese number separators (`layout.separators=",."`), an
Okabe–Ito colour-blind-safe palette, and large type for projectors."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cdht_data.definitions import FEW_ASSESSED, FEW_MARK, LOW_UPTAKE_MARK, LowUptake
from cdht_data.formatting import fmt_date, fmt_int, fmt_pct, plain
from cdht_data.keys import BANDS, band_label

from .escape import plot_text

# Okabe–Ito hues, distinguishable with the common colour-vision deficiencies; orange, sky
# blue and grey darkened so that every mark stands out 3:1 from the white it is drawn on
# (ui/contrast.py; Okabe–Ito's own orange is 2,25:1, washed out on a projector).
BLUE, VERMILLION, ORANGE, SKY, GREEN, PURPLE, GREY = (
    "#0072B2", "#D55E00", "#B86E00", "#3C8DC4", "#009E73", "#CC79A7", "#767676")
BACKGROUND = "#FFFFFF"
TEXT = "#2A3F5F"
OUTLINE = "#333333"  # a bubble's edge: its mark against the white even where its fill is pale
LOW_COLOUR = VERMILLION  # the low-uptake mark, the same on every page
# The low-uptake row of a table: 3,3:1 against the white rows, with black text on it (6,3:1).
LOW_FILL, LOW_FILL_TEXT = "#E06C2E", "#000000"
BAND_COLOURS = dict(zip(BANDS, (ORANGE, BLUE, GREEN)))
# Every colour a chart or a slide draws a mark or a line in, each on the white background.
MARK_COLOURS = (BLUE, VERMILLION, ORANGE, SKY, GREEN, PURPLE, GREY, OUTLINE, TEXT, LOW_FILL)
RATE_SCALE = "Cividis"  # perceptually even and colour-blind safe
FONT = dict(size=15)

SIZE_CHOICES = {"registered_count": "Số người đăng ký", "assessed_count": "Số người đã đánh giá",
                "recognized_count": "Số người Đạt", "age_8_60_count": "Dân số 8–60 tuổi"}
COLOUR_CHOICES = {"participation_pct": "Tỉ lệ tham gia (đăng ký / dân số 8–60)",
                  "recognition_pct": "Tỉ lệ Đạt (trên số đã đánh giá)"}


# The look of plotly's "plotly_white" template, set directly: applying the template itself
# validated some thousand properties per chart (15–50 ms each, the largest part of a page's
# server time), while these few cost well under a millisecond.
AXIS_LOOK = dict(gridcolor="#EBF0F8", linecolor="#EBF0F8", zerolinecolor="#EBF0F8",
                 zerolinewidth=2, ticks="", automargin=True, title=dict(standoff=15))
LAYOUT_LOOK = dict(template="none", paper_bgcolor=BACKGROUND, plot_bgcolor=BACKGROUND,
                   hoverlabel=dict(align="left"), hovermode="closest",
                   colorway=[BLUE, VERMILLION, ORANGE, SKY, GREEN, PURPLE, GREY])


def _figure(traces: list[dict], height: int, xaxis: dict | None = None,
            yaxis: dict | None = None, **layout) -> go.Figure:
    """The shared look laid under what the chart sets, built and validated in one go.

    Traces come as plain dicts of lists and floats: plotly validates a whole figure given as
    one dict several times faster than it builds one trace and property at a time (add_bar,
    update_layout), which was most of a national page's server time.
    """
    look = {"separators": ",.", "font": {**FONT, "color": TEXT}, "height": height,
            "margin": dict(l=10, r=10, t=40, b=10),
            "xaxis": _merged(AXIS_LOOK, xaxis or {}), "yaxis": _merged(AXIS_LOOK, yaxis or {}),
            **LAYOUT_LOOK}
    return go.Figure({"data": traces, "layout": _merged(look, layout)})


def _merged(base: dict, over: dict) -> dict:
    """`over` laid on `base`, nested dicts merged key by key."""
    out = dict(base)
    for key, value in over.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) \
            and isinstance(out.get(key), dict) else value
    return out


def _floats(values) -> np.ndarray:
    """A column as plain floats, NaN where it is blank (what plotly draws as a gap; arrays go
    to the browser as compact typed arrays)."""
    return pd.Series(values).astype("Float64").to_numpy(dtype=float, na_value=math.nan)


def _pcts(values) -> list[str]:
    """Rates as the screen shows them ("16,70%", "—"): hover labels take these texts rather
    than plotly's own number format, which rounds differently from the reports (half-up)."""
    return [fmt_pct(plain(v)) for v in pd.Series(values, dtype="Float64")]


def _vline(x: float, colour: str, width: int = 2, dash: str | None = None,
           label: str | None = None) -> dict:
    """A vertical line across the plot (what add_vline draws, for a fraction of its cost), as
    the layout's shapes and annotations."""
    line = dict(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
                line=dict(color=colour, width=width, dash=dash))
    notes = [dict(x=x, y=1, xref="x", yref="paper", text=label, showarrow=False,
                  yanchor="bottom")] if label else []
    return {"shapes": [line], "annotations": notes}


def participation_bars(league: pd.DataFrame, low: LowUptake) -> go.Figure:
    """Participation per unit, highest first; low-uptake units in the mark colour with ▼."""
    data = league.dropna(subset=["participation_pct"])
    flags = data["is_low_uptake"].tolist()
    names = [plot_text(n) for n in data["name"]]
    labels = [f"{LOW_UPTAKE_MARK} {n}" if is_low else n for n, is_low in zip(names, flags)]
    rates = _floats(data["participation_pct"])
    bar = dict(type="bar", x=rates, y=labels, orientation="h",
               marker=dict(color=[LOW_COLOUR if v else BLUE for v in flags]),
               text=[fmt_pct(v) for v in rates.tolist()], textposition="outside",
               customdata=list(zip(data["unit_key"].tolist(), _floats(data["registered_count"]),
                                   _floats(data["age_8_60_count"]), _pcts(rates))),
               hovertemplate="<b>%{y}</b><br>Tỉ lệ tham gia: %{customdata[3]}<br>Đăng ký: "
                             "%{customdata[1]:,.0f}<br>Dân số 8–60: %{customdata[2]:,.0f}"
                             "<extra></extra>")
    top = float(rates.max()) if len(rates) else 1.0
    return _figure([bar], height=max(320, 34 * len(data) + 90), showlegend=False,
                   yaxis=dict(autorange="reversed"),
                   xaxis=dict(title=dict(text=f"% dân số 8–60 (đứt nét: ngưỡng "
                                              f"{fmt_pct(low.threshold_pct, 1)})"),
                              ticksuffix="%", range=[0, max(top, low.threshold_pct) * 1.3]),
                   **_vline(low.threshold_pct, LOW_COLOUR, dash="dash"))


def targets_bar(value: float | None, targets: list[tuple[str, float]], title: str) -> go.Figure:
    """Recognised as % of the 8–60 population against several targets (one line each, e.g.
    2025 and 2030): the overview's bar, and a slide's."""
    value = plain(value) or 0.0
    top = max([value, *(pct for _, pct in targets)]) * 1.15 or 1
    bar = dict(type="bar", x=[value], y=[title], orientation="h", marker=dict(color=BLUE),
               text=[fmt_pct(value)], textposition="outside", cliponaxis=False,
               hoverinfo="skip")
    shapes, notes = [], []
    for (label, pct), colour in zip(targets, (ORANGE, VERMILLION, PURPLE, GREEN)):
        line = _vline(pct, colour, width=5, dash="dash", label=f"{label}: {fmt_pct(pct, 0)}")
        shapes += line["shapes"]
        notes += [dict(n, font=dict(color=colour)) for n in line["annotations"]]
    return _figure([bar], height=300, showlegend=False, shapes=shapes, annotations=notes,
                   xaxis=dict(range=[0, top], ticksuffix="%"), margin=dict(t=70))


def on_slide(fig: go.Figure, height: int) -> go.Figure:
    """`fig` for a projector: every word at least 28 px (ticks, labels, legend, colour bar)."""
    fig.update_layout(height=height, font=dict(size=28), hoverlabel=dict(font=dict(size=24)),
                      xaxis=dict(title=dict(font=dict(size=28))),
                      yaxis=dict(title=dict(font=dict(size=28))))
    fig.update_annotations(font_size=28)
    for trace in fig.data:
        trace.textfont.size = 28
        if trace.type == "scatter":
            trace.marker.colorbar.tickfont.size = 28
            trace.marker.colorbar.title.font.size = 28
    return fig


def bubble_map(frame: pd.DataFrame, size_by: str = "registered_count",
               colour_by: str = "participation_pct", label_by: str | None = None) -> go.Figure:
    """One bubble per unit at its centre: area ∝ `size_by`, colour = `colour_by`, low uptake
    outlined. A plain cartesian chart (x = longitude, y = latitude, equal scale), so nothing is
    fetched from the internet."""
    data = frame.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    sizes = np.nan_to_num(_floats(data[size_by]), nan=0.0).tolist()
    biggest = max(max(sizes, default=1.0), 1.0)
    diameters = [14 + 56 * math.sqrt(s / biggest) for s in sizes]
    label_by = label_by or colour_by
    flags = data["is_low_uptake"].tolist()
    texts = [f"{LOW_UPTAKE_MARK} {n}<br>{_fmt(label_by, v)}" if low else f"{n}<br>{_fmt(label_by, v)}"
             for n, v, low in zip(map(plot_text, data["name"]), data[label_by], flags)]
    custom = list(zip(data["unit_key"].tolist(), _floats(data["registered_count"]),
                      _pcts(data["participation_pct"]), _floats(data["recognized_count"]),
                      _pcts(data["recognition_pct"])))
    dots = dict(
        type="scatter", x=_floats(data["lon"]), y=_floats(data["lat"]), mode="markers+text",
        text=texts, textposition=label_positions(data), textfont=dict(size=14),
        customdata=custom, cliponaxis=False,
        marker=dict(size=diameters, color=_floats(data[colour_by]), colorscale=RATE_SCALE,
                    cmin=0, showscale=True, opacity=0.9,
                    # below the map, so a phone's narrow screen keeps its width for the map
                    colorbar=dict(title=dict(text=COLOUR_CHOICES.get(colour_by, colour_by),
                                             side="top"), ticksuffix="%", orientation="h",
                                  x=0.5, xanchor="center", y=-0.02, yanchor="top",
                                  thickness=16, len=0.9),
                    line=dict(width=[5 if v else 1 for v in flags],
                              color=[LOW_COLOUR if v else OUTLINE for v in flags])),
        hovertemplate="<b>%{text}</b><br>Đăng ký: %{customdata[1]:,.0f}"
                      "<br>Tỉ lệ tham gia: %{customdata[2]}"
                      "<br>Đạt: %{customdata[3]:,.0f}<br>Tỉ lệ Đạt: %{customdata[4]}"
                      "<extra></extra>")
    return _figure([dots], height=700, showlegend=False, clickmode="event+select",
                   margin=dict(l=10, r=10, t=20, b=10), **_place_axes(data, pad=True))


# A label is two lines under (or over) its bubble: with the bubble's radius, about this share of
# the map's span tall and wide on a 700 px map (a 16-commune district), which is what decides
# whether a label would sit on the bubble below it.
LABEL_HEIGHT, LABEL_WIDTH = 0.15, 0.16


def label_positions(data: pd.DataFrame) -> list[str]:
    """Where each unit's label goes: under its bubble, unless another bubble sits right under
    it (as Lộc Thái under Thị trấn Lộc Ninh), then over it."""
    x, y = _floats(data["lon"]), _floats(data["lat"])
    span = max(float(np.nanmax(x) - np.nanmin(x)), float(np.nanmax(y) - np.nanmin(y)), 1e-9) \
        if len(data) else 1.0
    positions = []
    for i in range(len(data)):
        near = (np.abs(x - x[i]) < LABEL_WIDTH * span) & (np.arange(len(data)) != i)
        below = near & (y < y[i]) & (y > y[i] - LABEL_HEIGHT * span)
        positions.append("top center" if below.any() else "bottom center")
    return positions


def _place_axes(data: pd.DataFrame, pad: bool = False) -> dict:
    """Axes for units drawn at their centres (x = longitude, y = latitude), hidden, at one
    scale: the offline map's ground, shared by every map of units. `pad` leaves room around
    the outermost bubbles for their labels, which would otherwise be cut at the chart's edge."""
    mid_lat = float(data["lat"].mean()) if len(data) else 0.0
    xaxis, yaxis = dict(visible=False), dict(visible=False)
    if pad and len(data):
        lon, lat = _floats(data["lon"]), _floats(data["lat"])
        span = max(float(np.nanmax(lon) - np.nanmin(lon)), float(np.nanmax(lat) - np.nanmin(lat)),
                   0.01)
        xaxis["range"] = [float(np.nanmin(lon)) - 0.15 * span, float(np.nanmax(lon)) + 0.15 * span]
        yaxis["range"] = [float(np.nanmin(lat)) - 0.12 * span, float(np.nanmax(lat)) + 0.1 * span]
    # A degree of longitude is shorter than one of latitude by cos(latitude).
    return dict(dragmode=False, xaxis=xaxis,
                yaxis=dict(yaxis, scaleanchor="x",
                           scaleratio=1 / math.cos(math.radians(mid_lat))))


# Who has reported: a colour (Okabe–Ito), a marker shape and words per state, so the map
# reads without colour too.
REPORT_LOOK = {"complete": (GREEN, "circle", "✓"), "missing": (ORANGE, "diamond", "…"),
               "late": (VERMILLION, "x", "✗")}


def reporting_map(units: pd.DataFrame, states: dict[str, str]) -> go.Figure:
    """The units at their centres (cdht_data.views.reporting_view's `units`), one legend entry
    per state (`states`: key → its words), each marked by colour, shape and a label under it
    (the state's mark, and which tables are missing)."""
    data = units.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    traces = []
    for state, words in states.items():
        part = data[data["state"] == state]
        colour, symbol, mark = REPORT_LOOK[state]
        names = [plot_text(n) for n in part["name"]]
        missing = [plot_text(m) for m in part["missing"]]
        texts = [f"{mark} {n}" for n in names]
        details = [f"{words}: thiếu {m}" if m else words for m in missing]
        traces.append(dict(
            type="scatter", name=f"{mark} {words} ({len(part)})", x=_floats(part["lon"]),
            y=_floats(part["lat"]), mode="markers+text", text=texts,
            textposition="bottom center", textfont=dict(size=14),
            customdata=list(zip(part["unit_key"].tolist(), details)),
            marker=dict(size=22, color=colour, symbol=symbol,
                        line=dict(width=2, color=OUTLINE)),
            hovertemplate="<b>%{text}</b><br>%{customdata[1]}<extra></extra>"))
    return _figure(traces, height=560, showlegend=True,
                   legend=dict(orientation="h", y=1.08, title=dict(text="Tình trạng báo cáo:")),
                   **_place_axes(data))


def _fmt(column: str, value) -> str:
    return fmt_pct(plain(value)) if column.endswith("_pct") else fmt_int(plain(value))


def choropleth(geojson: dict, frame: pd.DataFrame, colour_by: str = "participation_pct") -> go.Figure:
    """Units filled by `colour_by` from a user's boundary file (features with id = unit_key);
    white background, so it draws offline."""
    ids = {f.get("id") for f in geojson["features"]}
    data = frame[frame["unit_key"].isin(ids)]
    lons, lats = [], []
    for feat in geojson["features"]:
        for x, y in _coords(feat["geometry"]):
            lons.append(x)
            lats.append(y)
    flags = data["is_low_uptake"].tolist()
    fill = dict(
        type="choroplethmap", geojson=geojson, locations=data["unit_key"].tolist(),
        z=_floats(data[colour_by]), colorscale=RATE_SCALE, zmin=0,
        marker=dict(line=dict(width=[4 if v else 1 for v in flags],
                              color=[LOW_COLOUR if v else OUTLINE for v in flags])),
        text=[plot_text(n) for n in data["name"]],
        colorbar=dict(title=dict(text=COLOUR_CHOICES.get(colour_by, colour_by)), ticksuffix="%"),
        customdata=list(zip(data["unit_key"].tolist(), _pcts(data[colour_by]))),
        hovertemplate="<b>%{text}</b><br>%{customdata[1]}<extra></extra>")
    centre = dict(lat=(min(lats) + max(lats)) / 2, lon=(min(lons) + max(lons)) / 2) if lats else None
    span = max(max(lats) - min(lats), max(lons) - min(lons), 0.01) if lats else 1
    return _figure([fill], height=640,
                   map=dict(style="white-bg", center=centre, zoom=math.log2(360 / span) - 0.8))


def _coords(geometry: dict):
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for poly in polys:
        for ring in poly:
            for x, y, *_ in ring:
                yield x, y


def group_rates(totals: pd.DataFrame) -> go.Figure:
    """Recognition rate per group with Đạt / Chưa đạt counts in the hover."""
    rates = _floats(totals["recognition_pct"])
    bar = dict(type="bar", x=[plot_text(n) for n in totals["short_name"]], y=rates,
               marker=dict(color=BLUE),
               text=[fmt_pct(plain(v)) for v in totals["recognition_pct"]],
               textposition="outside",
               customdata=list(zip(_floats(totals["recognized_count"]),
                                   _floats(totals["assessed_count"]), _pcts(rates))),
               hovertemplate="<b>%{x}</b><br>Tỉ lệ Đạt: %{customdata[2]}<br>Đạt: %{customdata[0]:,.0f}"
                             " / đã đánh giá %{customdata[1]:,.0f}<extra></extra>")
    return _figure([bar], height=380, showlegend=False,
                   yaxis=dict(range=[0, 110], ticksuffix="%",
                              title=dict(text="Tỉ lệ Đạt (trên đã đánh giá)")))


def group_counts_by_unit(long: pd.DataFrame, group_names: dict[int, str]) -> go.Figure:
    """Đạt and Chưa đạt per unit, one panel-row of bars per group (stacked)."""
    palette = [BLUE, ORANGE, GREEN, PURPLE]
    group_names = {g: plot_text(n) for g, n in group_names.items()}
    group_no = long["group_no"].to_numpy()
    names = np.array([plot_text(n) for n in long["name"]], dtype=object)
    recognized = _floats(long["recognized_count"])
    not_recognized = _floats(long["not_recognized_count"])
    traces = []
    for i, (g, name) in enumerate(group_names.items()):
        mine = group_no == g
        units, base = names[mine].tolist(), recognized[mine]
        colour = palette[i % 4]
        traces.append(dict(type="bar", name=f"{name} – Đạt", x=units, y=base,
                           offsetgroup=str(g), marker=dict(color=colour),
                           hovertemplate=f"{name}<br>%{{x}}: %{{y:,.0f}} Đạt<extra></extra>"))
        traces.append(dict(type="bar", name=f"{name} – Chưa đạt", x=units,
                           y=not_recognized[mine], offsetgroup=str(g), base=base,
                           marker=dict(color=colour, pattern=dict(shape="/")), opacity=0.55,
                           hovertemplate=f"{name}<br>%{{x}}: %{{y:,.0f}} Chưa đạt<extra></extra>"))
    return _figure(traces, height=520, barmode="group", yaxis=dict(title=dict(text="Số người")),
                   xaxis=dict(tickangle=-40),
                   legend=dict(orientation="h", y=1.15, font=dict(size=12)))


def group_heatmap(long: pd.DataFrame) -> go.Figure:
    """Recognition rate by unit × group, each cell with its count (Đạt / đã đánh giá); a rate
    from fewer than FEW_ASSESSED people carries FEW_MARK; blank where no one was assessed."""
    order = list(dict.fromkeys(long["name"]))
    groups = list(dict.fromkeys(long["group_name"]))

    def grid(column):
        wide = long.pivot(index="name", columns="group_name", values=column)
        return wide.reindex(index=order, columns=groups).astype("Float64").to_numpy(
            dtype=float, na_value=math.nan)
    z, rec, assessed = grid("recognition_pct"), grid("recognized_count"), grid("assessed_count")
    text = [[_cell(v, r, a) for v, r, a in zip(*row)]
            for row in zip(z.tolist(), rec.tolist(), assessed.tolist())]
    heat = dict(type="heatmap", z=z, x=[plot_text(g) for g in groups],
                y=[plot_text(n) for n in order], colorscale=RATE_SCALE, zmin=0,
                zmax=100, text=text, texttemplate="%{text}", xgap=2, ygap=2,
                customdata=[_pcts(row) for row in z.tolist()],
                colorbar=dict(title=dict(text="Tỉ lệ Đạt"), ticksuffix="%"),
                hovertemplate="%{y} – %{x}: %{customdata}<extra></extra>")
    return _figure([heat], height=max(300, 44 * len(order) + 120),
                   yaxis=dict(autorange="reversed"), xaxis=dict(side="top"))


def _cell(rate: float, recognized: float, assessed: float) -> str:
    """A heat-map cell's words: "64%" over "2.133/3.349", the rate marked when few people."""
    if math.isnan(rate):
        return ""
    mark = FEW_MARK if assessed < FEW_ASSESSED else ""
    return f"{fmt_pct(rate, 0)}{mark}<br>{fmt_int(recognized)}/{fmt_int(assessed)}"


def band_bars(bands: pd.DataFrame, pass_mark: int | None) -> go.Figure:
    """Recognised people per score band for each unit (stacked, with counts and shares)."""
    traces = []
    for band, colour in BAND_COLOURS.items():
        part = bands[bands["band"] == band]
        traces.append(dict(
            type="bar", name=band_label(band), y=[plot_text(n) for n in part["name"]],
            x=_floats(part["person_count"]), orientation="h", marker=dict(color=colour),
            text=[f"{fmt_int(plain(c))} ({fmt_pct(plain(s), 0)})" if plain(c) else ""
                  for c, s in zip(part["person_count"], part["share_pct"])],
            textposition="inside",
            hovertemplate=f"%{{y}} – mức {band}: %{{x:,.0f}} người<extra></extra>"))
    title = f"Điểm đạt của bộ tiêu chí: {pass_mark}" if pass_mark is not None else None
    return _figure(traces, height=max(300, 60 * bands["name"].nunique() + 120), barmode="stack",
                   title=dict(text=title), yaxis=dict(autorange="reversed"),
                   xaxis=dict(title=dict(text="Số người được công nhận")),
                   legend=dict(orientation="h", y=-0.2, title=dict(text="Mức điểm")))


def history_lines(history: pd.DataFrame) -> go.Figure:
    """The unit's participation and recognition rates across periods."""
    x = [d.isoformat() for d in history["as_of"]]
    traces = [dict(type="scatter", x=x, y=_floats(history[col]), name=name,
                   mode="lines+markers+text", marker=dict(color=colour), cliponaxis=False,
                   text=_pcts(history[col]), textposition="top center",
                   hovertemplate=f"{name}: %{{text}}<extra></extra>")
              for col, name, colour in (("participation_pct", "Tỉ lệ tham gia", BLUE),
                                        ("recognition_pct", "Tỉ lệ Đạt", ORANGE))]
    return _figure(traces, height=340, legend=dict(orientation="h", y=1.15),
                   xaxis=dict(type="category", title=dict(text="Tính đến ngày"),
                              ticktext=[fmt_date(d) for d in history["as_of"]], tickvals=x),
                   yaxis=dict(ticksuffix="%", range=[0, _top(history) * 1.2]))


def _top(history: pd.DataFrame) -> float:
    """The highest rate of a history (at least 1), so its label above it stays in the chart."""
    values = np.concatenate([_floats(history[c]) for c in ("participation_pct", "recognition_pct")])
    return max(float(np.nanmax(values)) if np.isfinite(values).any() else 1.0, 1.0)
