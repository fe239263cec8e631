"""Figures for the pages, built from cdht_data frames. Plotly only, no Streamlit, so every chart
can be tested by building it. Vietnamese number separators (`layout.separators=",."`), an
Okabe–Ito colour-blind-safe palette, and large type for projectors."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from cdht_data.definitions import LOW_UPTAKE_MARK, LowUptake
from cdht_data.formatting import fmt_date, fmt_int, fmt_pct, plain

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
BLUE, VERMILLION, ORANGE, SKY, GREEN, PURPLE, GREY = (
    "#0072B2", "#D55E00", "#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#999999")
LOW_COLOUR = VERMILLION  # the low-uptake mark, the same on every page
LOW_FILL = "#FBE3D6"
BAND_COLOURS = {"70-79": SKY, "80-89": BLUE, "90-100": GREEN}
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
LAYOUT_LOOK = dict(template="none", paper_bgcolor="white", plot_bgcolor="white",
                   hoverlabel=dict(align="left"), hovermode="closest",
                   colorway=[BLUE, VERMILLION, ORANGE, SKY, GREEN, PURPLE, GREY])


def _layout(fig: go.Figure, height: int, **kwargs) -> go.Figure:
    """Shared look, laid over what the chart set (its axes keep their titles and ranges).

    The merged layout is assigned in one go: update_layout on a built figure runs plotly's
    relayout machinery per property, five times slower than validating the whole layout once.
    """
    look = {"separators": ",.", "font": {**FONT, "color": "#2a3f5f"}, "height": height,
            "margin": dict(l=10, r=10, t=40, b=10), "xaxis": AXIS_LOOK, "yaxis": AXIS_LOOK,
            **LAYOUT_LOOK, **kwargs}
    fig.layout = _merged(fig.layout.to_plotly_json(), look)
    return fig


def _merged(base: dict, over: dict) -> dict:
    """`over` laid on `base`, nested dicts merged key by key."""
    out = dict(base)
    for key, value in over.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) \
            and isinstance(out.get(key), dict) else value
    return out


def _vline(fig: go.Figure, x: float, colour: str, width: int = 2, dash: str | None = None,
           label: str | None = None) -> None:
    """A vertical line across the plot (what add_vline draws, for a fraction of its cost)."""
    fig.add_shape(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
                  line=dict(color=colour, width=width, dash=dash))
    if label:
        fig.add_annotation(x=x, y=1, xref="x", yref="paper", text=label, showarrow=False,
                           yanchor="bottom")


def participation_bars(league: pd.DataFrame, low: LowUptake) -> go.Figure:
    """Participation per unit, highest first; low-uptake units in the mark colour with ▼."""
    data = league.dropna(subset=["participation_pct"])
    labels = [f"{LOW_UPTAKE_MARK} {n}" if is_low else n
              for n, is_low in zip(data["name"], data["is_low_uptake"])]
    fig = go.Figure(go.Bar(
        x=data["participation_pct"].astype(float), y=labels, orientation="h",
        marker_color=[LOW_COLOUR if v else BLUE for v in data["is_low_uptake"]],
        text=[fmt_pct(plain(v)) for v in data["participation_pct"]], textposition="outside",
        customdata=list(zip(data["unit_key"], data["registered_count"].astype(float),
                            data["age_8_60_count"].astype(float))),
        hovertemplate="<b>%{y}</b><br>Tỉ lệ tham gia: %{x:,.2f}%<br>Đăng ký: %{customdata[1]:,.0f}"
                      "<br>Dân số 8–60: %{customdata[2]:,.0f}<extra></extra>"))
    _vline(fig, low.threshold_pct, LOW_COLOUR, dash="dash")
    fig.update_yaxes(autorange="reversed", title=None)
    top = float(data["participation_pct"].max()) if len(data) else 1.0
    fig.update_xaxes(title=f"% dân số 8–60 (đứt nét: ngưỡng "
                           f"{fmt_pct(low.threshold_pct, 1)})", ticksuffix="%",
                     range=[0, max(top, low.threshold_pct) * 1.3])
    return _layout(fig, height=max(320, 34 * len(data) + 90), showlegend=False)


def target_bar(progress: dict, title: str) -> go.Figure:
    """Recognised as % of the 8–60 population against the target line."""
    value = plain(progress["recognized_of_population_pct"]) or 0.0
    target = progress["target_pct"]
    fig = go.Figure(go.Bar(x=[value], y=[title], orientation="h", marker_color=BLUE,
                           text=[fmt_pct(value)], textposition="outside",
                           hovertemplate="Đạt / dân số 8–60: %{x:,.2f}%<extra></extra>"))
    _vline(fig, target, ORANGE, width=3, label=f"chỉ tiêu {fmt_pct(target, 0)}")
    fig.update_xaxes(range=[0, max(target, value) * 1.15 or 1], ticksuffix="%")
    return _layout(fig, height=170, showlegend=False)


def bubble_map(frame: pd.DataFrame, size_by: str = "registered_count",
               colour_by: str = "participation_pct", label_by: str | None = None) -> go.Figure:
    """One bubble per unit at its centre: area ∝ `size_by`, colour = `colour_by`, low uptake
    outlined. A plain cartesian chart (x = longitude, y = latitude, equal scale), so nothing is
    fetched from the internet."""
    data = frame.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    sizes = data[size_by].astype("Float64").fillna(0).astype(float)
    biggest = max(float(sizes.max()), 1.0) if len(sizes) else 1.0
    diameters = [14 + 56 * math.sqrt(s / biggest) for s in sizes]
    colour = data[colour_by].astype("Float64").astype(float)
    label_by = label_by or colour_by
    texts = [f"{LOW_UPTAKE_MARK} {n}<br>{_fmt(label_by, v)}" if low else f"{n}<br>{_fmt(label_by, v)}"
             for n, v, low in zip(data["name"], data[label_by], data["is_low_uptake"])]
    custom = list(zip(data["unit_key"], data["registered_count"].astype("Float64").astype(float),
                      data["participation_pct"].astype("Float64").astype(float),
                      data["recognized_count"].astype("Float64").astype(float),
                      data["recognition_pct"].astype("Float64").astype(float)))
    fig = go.Figure(go.Scatter(
        x=data["lon"].astype(float), y=data["lat"].astype(float), mode="markers+text",
        text=texts, textposition="bottom center", textfont=dict(size=14),
        customdata=custom,
        marker=dict(size=diameters, color=colour, colorscale=RATE_SCALE, cmin=0,
                    showscale=True, opacity=0.9,
                    colorbar=dict(title=dict(text=COLOUR_CHOICES.get(colour_by, colour_by),
                                             side="right"), ticksuffix="%", len=0.9),
                    line=dict(width=[5 if v else 1 for v in data["is_low_uptake"]],
                              color=[LOW_COLOUR if v else "#333333"
                                     for v in data["is_low_uptake"]])),
        hovertemplate="<b>%{text}</b><br>Đăng ký: %{customdata[1]:,.0f}"
                      "<br>Tỉ lệ tham gia: %{customdata[2]:,.2f}%"
                      "<br>Đạt: %{customdata[3]:,.0f}<br>Tỉ lệ Đạt: %{customdata[4]:,.2f}%"
                      "<extra></extra>"))
    mid_lat = float(data["lat"].mean()) if len(data) else 0.0
    fig.update_xaxes(visible=False)
    # A degree of longitude is shorter than one of latitude by cos(latitude).
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(mid_lat)))
    return _layout(fig, height=640, showlegend=False, clickmode="event+select",
                   dragmode=False)


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
    fig = go.Figure(go.Choroplethmap(
        geojson=geojson, locations=data["unit_key"], z=data[colour_by].astype("Float64").astype(float),
        colorscale=RATE_SCALE, zmin=0, marker_line_width=[4 if v else 1 for v in data["is_low_uptake"]],
        marker_line_color=[LOW_COLOUR if v else "#333333" for v in data["is_low_uptake"]],
        text=data["name"], colorbar=dict(title=COLOUR_CHOICES.get(colour_by, colour_by),
                                         ticksuffix="%"),
        customdata=data["unit_key"],
        hovertemplate="<b>%{text}</b><br>%{z:,.2f}%<extra></extra>"))
    centre = dict(lat=(min(lats) + max(lats)) / 2, lon=(min(lons) + max(lons)) / 2) if lats else None
    span = max(max(lats) - min(lats), max(lons) - min(lons), 0.01) if lats else 1
    fig.update_layout(map=dict(style="white-bg", center=centre, zoom=math.log2(360 / span) - 0.8))
    return _layout(fig, height=640)


def _coords(geometry: dict):
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for poly in polys:
        for ring in poly:
            for x, y, *_ in ring:
                yield x, y


def group_rates(totals: pd.DataFrame) -> go.Figure:
    """Recognition rate per group with Đạt / Chưa đạt counts in the hover."""
    fig = go.Figure(go.Bar(
        x=totals["short_name"], y=totals["recognition_pct"].astype("Float64").astype(float),
        marker_color=BLUE, text=[fmt_pct(plain(v)) for v in totals["recognition_pct"]],
        textposition="outside",
        customdata=list(zip(totals["recognized_count"].astype("Float64").astype(float),
                            totals["assessed_count"].astype("Float64").astype(float))),
        hovertemplate="<b>%{x}</b><br>Tỉ lệ Đạt: %{y:,.2f}%<br>Đạt: %{customdata[0]:,.0f}"
                      " / đã đánh giá %{customdata[1]:,.0f}<extra></extra>"))
    fig.update_yaxes(range=[0, 110], ticksuffix="%", title="Tỉ lệ Đạt (trên đã đánh giá)")
    return _layout(fig, height=380, showlegend=False)


def group_counts_by_unit(long: pd.DataFrame, group_names: dict[int, str]) -> go.Figure:
    """Đạt and Chưa đạt per unit, one panel-row of bars per group (stacked)."""
    fig = go.Figure()
    palette = [BLUE, ORANGE, GREEN, PURPLE]
    for i, (g, name) in enumerate(group_names.items()):
        part = long[long["group_no"] == g]
        fig.add_bar(name=f"{name} – Đạt", x=part["name"],
                    y=part["recognized_count"].astype("Float64").astype(float),
                    offsetgroup=str(g), marker_color=palette[i % 4],
                    hovertemplate=f"{name}<br>%{{x}}: %{{y:,.0f}} Đạt<extra></extra>")
        fig.add_bar(name=f"{name} – Chưa đạt", x=part["name"],
                    y=part["not_recognized_count"].astype("Float64").astype(float),
                    offsetgroup=str(g), base=part["recognized_count"].astype("Float64").astype(float),
                    marker_color=palette[i % 4], marker_pattern_shape="/", opacity=0.55,
                    hovertemplate=f"{name}<br>%{{x}}: %{{y:,.0f}} Chưa đạt<extra></extra>")
    fig.update_yaxes(title="Số người")
    fig.update_xaxes(tickangle=-40)
    return _layout(fig, height=520, barmode="group",
                   legend=dict(orientation="h", y=1.15, font=dict(size=12)))


def group_heatmap(long: pd.DataFrame) -> go.Figure:
    """Recognition rate by unit × group; blank where the group had no one assessed."""
    wide = long.pivot(index="name", columns="group_name", values="recognition_pct")
    order = list(dict.fromkeys(long["name"]))
    groups = list(dict.fromkeys(long["group_name"]))
    wide = wide.reindex(index=order, columns=groups).astype("Float64").astype(float)
    text = [[fmt_pct(plain(v), 0) if plain(v) is not None else "" for v in row]
            for row in wide.to_numpy()]
    fig = go.Figure(go.Heatmap(
        z=wide.to_numpy(), x=groups, y=order, colorscale=RATE_SCALE, zmin=0, zmax=100,
        text=text, texttemplate="%{text}", colorbar=dict(title="Tỉ lệ Đạt", ticksuffix="%"),
        hovertemplate="%{y} – %{x}: %{z:,.2f}%<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, height=max(300, 30 * len(order) + 120))


def band_bars(bands: pd.DataFrame, pass_mark: int | None) -> go.Figure:
    """Recognised people per score band for each unit (stacked, with counts and shares)."""
    fig = go.Figure()
    for band, colour in BAND_COLOURS.items():
        part = bands[bands["band"] == band]
        fig.add_bar(name=band.replace("-", "–"), y=part["name"],
                    x=part["person_count"].astype("Float64").astype(float), orientation="h",
                    marker_color=colour,
                    text=[f"{fmt_int(plain(c))} ({fmt_pct(plain(s), 0)})" if plain(c) else ""
                          for c, s in zip(part["person_count"], part["share_pct"])],
                    textposition="inside",
                    hovertemplate=f"%{{y}} – mức {band}: %{{x:,.0f}} người<extra></extra>")
    title = f"Điểm đạt của bộ tiêu chí: {pass_mark}" if pass_mark is not None else None
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="Số người được công nhận")
    return _layout(fig, height=max(300, 60 * bands["name"].nunique() + 120), barmode="stack",
                   title=title, legend=dict(orientation="h", y=-0.2, title="Mức điểm"))


def history_lines(history: pd.DataFrame) -> go.Figure:
    """The unit's participation and recognition rates across periods."""
    fig = go.Figure()
    x = [d.isoformat() for d in history["as_of"]]
    for col, name, colour in (("participation_pct", "Tỉ lệ tham gia", BLUE),
                              ("recognition_pct", "Tỉ lệ Đạt", ORANGE)):
        fig.add_scatter(x=x, y=history[col].astype("Float64").astype(float), name=name,
                        mode="lines+markers+text", marker_color=colour,
                        text=[fmt_pct(plain(v)) for v in history[col]], textposition="top center",
                        hovertemplate=f"{name}: %{{y:,.2f}}%<extra></extra>")
    fig.update_xaxes(type="category", title="Tính đến ngày",
                     ticktext=[fmt_date(d) for d in history["as_of"]],
                     tickvals=x)
    fig.update_yaxes(ticksuffix="%", rangemode="tozero")
    return _layout(fig, height=340, legend=dict(orientation="h", y=1.15))
