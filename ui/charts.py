"""The maps (plotly: labels placed in pixels, a click opens a commune) and the colours every
chart shares (ui/vega.py draws the others), built from cdht_data frames with no Streamlit, so
every chart can be tested by building it. Vietnamese number separators
(`layout.separators=",."`), an Okabe–Ito colour-blind-safe palette, large type for projectors."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from cdht_data.definitions import LOW_UPTAKE_MARK
from cdht_data.formatting import fmt_int, fmt_pct, plain

from .escape import plot_text
from .map_labels import FONT_FAMILY, GAP, Bubble, Placed, cost_of, place_in_orders, text_size

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
# Every colour a chart or a slide draws a mark or a line in, each on the white background.
MARK_COLOURS = (BLUE, VERMILLION, ORANGE, SKY, GREEN, PURPLE, GREY, OUTLINE, TEXT, LOW_FILL)
GRID = "#EBF0F8"  # grid lines and axis lines, every chart
RATE_SCALE = "Cividis"  # perceptually even and colour-blind safe
FONT = dict(size=15)

SIZE_CHOICES = {"registered_count": "Số người đăng ký", "assessed_count": "Số người đã đánh giá",
                "recognized_count": "Số người Đạt", "age_8_60_count": "Dân số 8–60 tuổi"}
COLOUR_CHOICES = {"participation_pct": "Tỉ lệ tham gia (đăng ký / dân số 8–60)",
                  "recognition_pct": "Tỉ lệ Đạt (trên số đã đánh giá)"}


# The look of plotly's "plotly_white" template, set directly: applying the template itself
# validated some thousand properties per chart (15–50 ms each, the largest part of a page's
# server time), while these few cost well under a millisecond.
# Axis numbers as the reports write them: 1.000 and 12.500, never 1000 or 12.5k (plotly groups
# thousands only when asked, and abbreviates from 10.000 unless told not to).
AXIS_LOOK = dict(gridcolor=GRID, linecolor=GRID, zerolinecolor=GRID,
                 zerolinewidth=2, ticks="", automargin=True, title=dict(standoff=15),
                 separatethousands=True, exponentformat="none")
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


# The narrowest a bubble map is drawn, in px of the figure: the labels are placed for it, and
# stay apart on anything wider (plotly keeps the scale and widens the ground). MAP_WIDTH suits
# a page on a computer or tablet; PHONE_MAP_WIDTH a phone of 360 px and up (the page's 16 px
# padding on each side), where a narrower map of its own is shown (ui/bubble_map.py).
MAP_WIDTH, PHONE_MAP_WIDTH = 660, 328
# A phone's map: smaller bubbles and type, so that its 16 labels find room in 308 px.
PHONE_MAP_LOOK = dict(font_px=12, bubble_px=(8, 40))
MAP_MARGIN = dict(l=10, r=10, t=20)


def bubble_map(frame: pd.DataFrame, size_by: str = "registered_count",
               colour_by: str = "participation_pct", label_by: str | None = None, *,
               height: int = 700, width: int = MAP_WIDTH, font_px: int = 14,
               bubble_px: tuple[float, float] = (14, 70),
               scale_beside: bool = False) -> go.Figure:
    """One bubble per unit at its centre: area ∝ `size_by`, colour = `colour_by`, low uptake
    outlined. A plain cartesian chart (x = longitude, y = latitude, equal scale), so nothing is
    fetched from the internet. Each label is placed in the chart's pixels (ui/map_labels.py)
    for a figure `width` × `height` px or wider, with text of `font_px`: none covers another or
    a bubble, none leaves the plot; a label with no room is left out, and a note under the map
    says to tap the bubble. Bubbles are `bubble_px` (smallest, biggest) across; the colour
    scale goes under the map, or beside it (`scale_beside`, for a wide slide)."""
    data = frame.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    sizes = np.nan_to_num(_floats(data[size_by]), nan=0.0).tolist()
    biggest = max(max(sizes, default=1.0), 1.0)
    small, big = bubble_px
    diameters = [small + (big - small) * math.sqrt(s / biggest) for s in sizes]
    label_by = label_by or colour_by
    flags = data["is_low_uptake"].tolist()
    texts = [f"{LOW_UPTAKE_MARK} {n}<br>{_fmt(label_by, v)}" if low else f"{n}<br>{_fmt(label_by, v)}"
             for n, v, low in zip(map(plot_text, data["name"]), data[label_by], flags)]
    outline = [5 if v else 1 for v in flags]
    ground = map_ground(data, diameters, outline, texts, height, width, font_px, scale_beside)
    custom = list(zip(data["unit_key"].tolist(), _floats(data["registered_count"]),
                      _pcts(data["participation_pct"]), _floats(data["recognized_count"]),
                      _pcts(data["recognition_pct"])))
    dots = dict(
        type="scatter", x=_floats(data["lon"]), y=_floats(data["lat"]), mode="markers",
        text=texts, customdata=custom, cliponaxis=False,
        marker=dict(size=diameters, color=_floats(data[colour_by]), colorscale=RATE_SCALE,
                    cmin=0, showscale=True, opacity=0.9,
                    # below the map, so a phone's narrow screen keeps its width for the map
                    colorbar=_map_scale(COLOUR_CHOICES.get(colour_by, colour_by), font_px,
                                        scale_beside),
                    line=dict(width=outline, color=[LOW_COLOUR if v else OUTLINE for v in flags])),
        hovertemplate="<b>%{text}</b><br>Đăng ký: %{customdata[1]:,.0f}"
                      "<br>Tỉ lệ tham gia: %{customdata[2]}"
                      "<br>Đạt: %{customdata[3]:,.0f}<br>Tỉ lệ Đạt: %{customdata[4]}"
                      "<extra></extra>")
    shown = [i for i, spot in enumerate(ground.labels) if spot is not None]
    centres = [ground.to_data(*ground.labels[i].box.centre) for i in shown]
    labels = dict(type="scatter", mode="text", x=[c[0] for c in centres],
                  y=[c[1] for c in centres], text=[texts[i] for i in shown],
                  textposition="middle center", cliponaxis=False, hoverinfo="skip",
                  textfont=dict(size=font_px, family=FONT_FAMILY, color=TEXT))
    xs, ys = [], []
    for spot in ground.labels:
        if spot is not None and spot.leader:
            for point in spot.leader:
                x, y = ground.to_data(*point)
                xs.append(x)
                ys.append(y)
            xs.append(None)
            ys.append(None)
    leaders = dict(type="scatter", mode="lines", x=xs, y=ys, hoverinfo="skip",
                   line=dict(color=GREY, width=1.5))
    left_out = len(ground.labels) - len(shown)
    note = [dict(text=f"{fmt_int(left_out)} đơn vị chưa ghi tên vì chật chỗ: chạm vào vòng "
                      "tròn để xem", xref="paper", yref="paper", x=0, y=1, xanchor="left",
                 yanchor="bottom", showarrow=False, font=dict(size=font_px, color=TEXT))] \
        if left_out else []
    return _figure([dots, labels, leaders], height=height, showlegend=False,
                   clickmode="event+select", margin=ground.margin, annotations=note,
                   **ground.axes)


def _map_scale(title: str, font_px: int, beside: bool) -> dict:
    """The colour scale: under the map (a phone keeps its width for the map) or beside it."""
    if beside:
        return dict(title=dict(text=title, side="right", font=dict(size=font_px)),
                    tickfont=dict(size=font_px), ticksuffix="%", thickness=16, len=0.9,
                    x=1, xanchor="left", xpad=8)
    return dict(title=dict(text=title, side="top", font=dict(size=font_px)),
                tickfont=dict(size=font_px), ticksuffix="%", orientation="h", x=0.5,
                xanchor="center", y=0, yanchor="top", ypad=8, thickness=16, len=0.9)


@dataclass(frozen=True)
class MapGround:
    """A bubble map in pixels: the plot's size and ranges, each unit's bubble and label."""
    width: float  # of the plot area, px
    height: float
    x_range: tuple[float, float]  # longitude
    y_range: tuple[float, float]  # latitude
    margin: dict
    axes: dict  # the layout's xaxis, yaxis, dragmode
    bubbles: list[Bubble]
    sizes: list[tuple[float, float]]  # each label's width and height, px
    labels: list[Placed | None]

    def to_data(self, x: float, y: float) -> tuple[float, float]:
        """A point of the plot's pixels (y down) as longitude, latitude."""
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return x0 + x / self.width * (x1 - x0), y1 - y / self.height * (y1 - y0)

    def to_px(self, lon: float, lat: float) -> tuple[float, float]:
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return (lon - x0) / (x1 - x0) * self.width, (y1 - lat) / (y1 - y0) * self.height


def map_ground(data: pd.DataFrame, diameters: list[float], outline: list[float],
               texts: list[str], height: int, width: int, font_px: int,
               scale_beside: bool = False) -> MapGround:
    """Where the units and their labels fall in a `width` × `height` px figure: the units
    fitted with room around them for labels, at one scale in both directions (a degree of
    longitude drawn cos(latitude) as long as one of latitude), then the labels placed. The
    colour scale goes under the map, or beside it (`scale_beside`, for a wide slide)."""
    radii = tuple(d / 2 + w / 2 for d, w in zip(diameters, outline))
    return _ground(tuple(_floats(data["lon"]).tolist()), tuple(_floats(data["lat"]).tolist()),
                   radii, tuple(texts), tuple(bool(v) for v in data["is_low_uptake"]), height,
                   width, font_px, scale_beside)


@lru_cache(maxsize=64)  # a rerun of the same page places its labels once
def _ground(lon: tuple, lat: tuple, radii: tuple, texts: tuple, low: tuple, height: int,
            width: int, font_px: int, scale_beside: bool) -> MapGround:
    if scale_beside:  # thickness, ticks ("25%") and the title turned on its side
        margin = dict(MAP_MARGIN, b=10, r=round(16 + 2.2 * font_px + 1.3 * font_px + 40))
    else:  # the scale's title, bar and ticks under the map
        margin = dict(MAP_MARGIN, b=round(2.6 * font_px + 48))
    plot_w = width - margin["l"] - margin["r"]
    plot_h = height - margin["t"] - margin["b"]
    lon, lat = np.array(lon, dtype=float), np.array(lat, dtype=float)
    mid_lat = float(np.nanmean(lat)) if len(lat) else 0.0
    stretch = 1 / math.cos(math.radians(mid_lat))  # px of a degree of latitude per px of longitude
    sizes = [text_size(t, font_px) for t in texts]
    widest_r = max(radii, default=0.0)
    typical_w = float(np.median([w for w, _ in sizes])) if sizes else 0.0
    typical_h = max((h for _, h in sizes), default=0.0)
    if len(lon):
        lon_span = max(float(np.nanmax(lon) - np.nanmin(lon)), 1e-6)
        lat_span = max(float(np.nanmax(lat) - np.nanmin(lat)), 1e-6)
        centre = ((float(np.nanmax(lon)) + float(np.nanmin(lon))) / 2,
                  (float(np.nanmax(lat)) + float(np.nanmin(lat))) / 2)
    else:
        lon_span = lat_span = 1.0
        centre = (0.0, 0.0)
    best = None
    # Room kept around the units for the outermost labels: a wide margin leaves the labels at
    # the edge beside their bubbles, a narrow one spreads the units apart; the one that places
    # most labels (then draws fewest leader lines) is kept.
    for room in (1.0, 0.5, 0.0):
        pad_x = widest_r + room * typical_w / 2 + GAP
        pad_y = widest_r + room * typical_h + GAP
        scale = min(max(plot_w - 2 * pad_x, plot_w / 3) / lon_span,
                    max(plot_h - 2 * pad_y, plot_h / 3) / (lat_span * stretch))
        scale = min(scale, plot_w / 0.05)  # one unit alone: a sensible ground, not a dot's width
        x_half, y_half = plot_w / 2 / scale, plot_h / 2 / (scale * stretch)
        x_range = (centre[0] - x_half, centre[0] + x_half)
        y_range = (centre[1] - y_half, centre[1] + y_half)
        axes = dict(dragmode=False, xaxis=dict(visible=False, range=list(x_range)),
                    yaxis=dict(visible=False, range=list(y_range), scaleanchor="x",
                               scaleratio=stretch))
        ground = MapGround(plot_w, plot_h, x_range, y_range, margin, axes, [], sizes, [])
        bubbles = [Bubble(*ground.to_px(x, y), r) for x, y, r in zip(lon, lat, radii)]
        labels = _best_placing(bubbles, sizes, plot_w, plot_h, list(low))
        cost = cost_of(labels)
        if best is None or cost < best[0]:
            best = cost, MapGround(plot_w, plot_h, x_range, y_range, margin, axes, bubbles,
                                   sizes, labels)
        if cost == (0, 0):
            return best[1]
    cost, ground = best
    shuffles = MAP_PLACING_WORK // max(len(lon), 1) if len(lon) > 1 and cost[0] else 0
    if shuffles:
        labels = _best_placing(ground.bubbles, sizes, plot_w, plot_h, list(low), shuffles)
        if cost_of(labels) < cost:
            ground = MapGround(plot_w, plot_h, ground.x_range, ground.y_range, margin,
                               ground.axes, ground.bubbles, sizes, labels)
    return ground


# Orders at random tried for the best ground's labels when the first orders leave some out:
# about this many labels placed in all (15 orders of Lộc Ninh's 16 units, fewer for more
# units), so that a page draws in a fraction of a second.
MAP_PLACING_WORK = 240


def _best_placing(bubbles: list[Bubble], sizes, width: float, height: float,
                  low: list[bool], shuffles: int = 0) -> list[Placed | None]:
    """The labels placed in a few orders (low uptake first, the most crowded first, top to
    bottom, as given; one order past 80 units), then `shuffles` orders at random (seeded: the
    same map every time), keeping the best (map_labels.place_in_orders)."""
    n = len(bubbles)
    xy = np.array([(b.x, b.y) for b in bubbles]).reshape(-1, 2)
    reach = 2.5 * np.array([(w + h) / 2 for w, h in sizes])
    apart = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    crowd = (apart < reach[:, None]).sum(axis=1).tolist()  # units near each, itself too
    orders = [sorted(range(n), key=lambda i: (not low[i], -crowd[i])),
              sorted(range(n), key=lambda i: -crowd[i]),
              sorted(range(n), key=lambda i: (bubbles[i].y, bubbles[i].x)),
              list(range(n))][:1 if n > 80 else 4]
    shuffle = np.random.default_rng(16)
    orders += [shuffle.permutation(n).tolist() for _ in range(shuffles)]
    return place_in_orders(bubbles, sizes, width, height, orders)


def _place_axes(data: pd.DataFrame) -> dict:
    """Axes for units drawn at their centres (x = longitude, y = latitude), hidden, at one
    scale: the offline map's ground of the reporting map (the bubble map works out its own
    ground with its labels, map_ground)."""
    mid_lat = float(data["lat"].mean()) if len(data) else 0.0
    # A degree of longitude is shorter than one of latitude by cos(latitude).
    return dict(dragmode=False, xaxis=dict(visible=False),
                yaxis=dict(visible=False, scaleanchor="x",
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


def scale_colour(fraction: float, scale: str = RATE_SCALE) -> str:
    """The colour the scale gives at `fraction` (0 … 1) of its range, as '#RRGGBB', as plotly
    draws it (linear between the scale's steps)."""
    fraction = min(max(fraction, 0.0), 1.0)
    rgb = plotly.colors.sample_colorscale([list(step) for step in rate_steps(scale)],
                                          [fraction])[0]
    r, g, b = (round(float(v)) for v in rgb[rgb.index("(") + 1:-1].split(","))
    return f"#{r:02X}{g:02X}{b:02X}"


@lru_cache(maxsize=8)
def rate_steps(name: str) -> tuple:
    """A named plotly scale's steps ((0 … 1, '#rrggbb'), …), looked up once: plotly searches
    every module of named scales on each look-up (10 ms), and the heat map asks once per
    cell. The Vega-Lite heat map draws the same steps (ui/vega.py)."""
    return tuple(tuple(step) for step in plotly.colors.get_colorscale(name))
