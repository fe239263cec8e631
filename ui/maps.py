"""The maps, drawn with Vega-Lite like every other chart (ui/vega.py): the bubble map with its
labels placed in pixels (ui/map_labels.py), the reporting map and the boundary-file choropleth.
Plain spec dicts built from cdht_data frames, no Streamlit, so each map is tested by building
it; nothing is fetched from the internet (no tiles: the ground is white).

The bubble map is drawn at a fixed size in pixels, with its longitude and latitude scales set
to the ground worked out here, so that a label put at a pixel lands there. The other two let
Vega-Lite fit a Mercator projection to the page's width (true to shape at a district's scale).
A click on a unit selects its `unit_key` (the selection vega.CLICKED)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from cdht_data.definitions import LOW_UPTAKE_MARK
from cdht_data.formatting import fmt_int, fmt_pct, plain

from .charts import (COLOUR_CHOICES, FONT, GREEN, GREY, LOW_COLOUR, ORANGE, OUTLINE,
                     TEXT, VERMILLION)
from .map_labels import (FONT_FAMILY, GAP, LINE_HEIGHT, Bubble, Placed, cost_of,
                         place_in_orders, text_size)
from .vega import CONFIG, PCT_TICK, SELECT, SVG_SPEC, drawn_rate, rate_scale

# The narrowest a bubble map is drawn, in px: MAP_WIDTH suits a page on a computer or tablet,
# PHONE_MAP_WIDTH a phone of 360 px and up (the page's 16 px padding on each side), where a
# narrower map of its own is shown (ui/bubble_map.py).
MAP_WIDTH, PHONE_MAP_WIDTH = 660, 328
MAP_MARGIN = dict(l=10, r=10, t=20)
NO_FIGURE = "#FFFFFF"  # a unit without a figure: its outline alone
# The hover of a unit on the bubble map and the choropleth: its name and four figures.
UNIT_HOVER = [{"field": "name", "title": "Đơn vị"}, {"field": "registered", "title": "Đăng ký"},
              {"field": "participation", "title": "Tỉ lệ tham gia"},
              {"field": "recognized", "title": "Đạt"},
              {"field": "recognition", "title": "Tỉ lệ Đạt"}]


def _floats(values) -> list[float]:
    """A column as plain floats, NaN where it is blank."""
    return pd.Series(values).astype("Float64").to_numpy(dtype=float, na_value=math.nan).tolist()


def _fmt(column: str, value) -> str:
    return fmt_pct(plain(value)) if column.endswith("_pct") else fmt_int(plain(value))


def _described(words: dict, hover: list[dict]) -> str:
    """What a screen reader says of a unit: its hover, field by field."""
    return "; ".join(f"{h['title']}: {words[h['field']]}" for h in hover)


def _unit_words(row) -> dict:
    """A unit's hover: its figures as the tables write them (half-up, Vietnamese separators),
    and the same as one sentence for a screen reader."""
    words = {"name": row.name, "registered": fmt_int(plain(row.registered_count)),
             "participation": fmt_pct(plain(row.participation_pct)),
             "recognized": fmt_int(plain(row.recognized_count)),
             "recognition": fmt_pct(plain(row.recognition_pct))}
    return {**words, "described": _described(words, UNIT_HOVER)}


def _top(values) -> float:
    """The top of the colour scale: the highest rate shown (at least 1)."""
    known = [v for v in values if v is not None]
    return max(max(known, default=1.0), 1.0)


def _fill(top: float, title: str, font_px: int, beside: bool, room: float) -> dict:
    """The fill by rate, 0 to `top`, on the rate scale (Cividis, linear in RGB between its
    steps); a unit without a figure white. Its legend under the map (a phone keeps its width
    for the map) or beside it, its title no longer than `room` px (the map's width or height)."""
    legend = {"labelExpr": PCT_TICK, "labelFontSize": font_px, "titleFontSize": font_px,
              "gradientThickness": 16, "titleLimit": room}
    legend.update({"orient": "right", "direction": "vertical", "titleOrient": "right",
                   "gradientLength": 0.9 * room} if beside else
                  {"orient": "bottom", "direction": "horizontal",
                   "gradientLength": min(260, 0.9 * room)})
    return {"condition": {"test": "datum.rate == null", "value": NO_FIGURE},
            "field": "rate", "type": "quantitative", "title": title, "legend": legend,
            "scale": rate_scale(top)}


def _config(font_px: int) -> dict:
    return {**CONFIG, "legend": {**CONFIG["legend"], "labelFontSize": font_px,
                                 "titleFontSize": font_px}}


# A phone's map: smaller bubbles and type, so that its 16 labels find room in 308 px.
PHONE_MAP_LOOK = dict(font_px=12, bubble_px=(8, 40))


def bubble_map(frame: pd.DataFrame, size_by: str = "registered_count",
               colour_by: str = "participation_pct", label_by: str | None = None, *,
               height: int = 700, width: int = MAP_WIDTH, font_px: int = 14,
               bubble_px: tuple[float, float] = (14, 70), scale_beside: bool = False) -> dict:
    """One bubble per unit at its centre: area ∝ `size_by`, colour = `colour_by`, low uptake
    outlined in the mark colour. Drawn `width` × `height` px with each label placed in those
    pixels (ui/map_labels.py) with text of `font_px`: none covers another or a bubble, none
    leaves the plot; a label with no room is left out, and a note over the map says to tap
    the bubble. Bubbles are `bubble_px` (smallest, biggest) across; the colour scale goes
    under the map, or beside it (`scale_beside`, for a wide slide)."""
    data = frame.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    sizes = np.nan_to_num(np.array(_floats(data[size_by])), nan=0.0).tolist()
    biggest = max(max(sizes, default=1.0), 1.0)
    small, big = bubble_px
    diameters = [small + (big - small) * math.sqrt(s / biggest) for s in sizes]
    flags = [bool(v) for v in data["is_low_uptake"]]
    texts = label_texts(data, label_by or colour_by)
    outline = [5 if low else 1 for low in flags]
    ground = map_ground(data, diameters, outline, texts, height, width, font_px, scale_beside)
    rates = [drawn_rate(v) for v in data[colour_by]]
    rows = [{"unit_key": row.unit_key, "lon": lon, "lat": lat, "size": d * d,
             "edge": edge, "edge_colour": LOW_COLOUR if low else OUTLINE,
             "rate": rate, **_unit_words(row)}
            for row, lon, lat, d, edge, low, rate in zip(
                data.itertuples(), _floats(data["lon"]), _floats(data["lat"]), diameters,
                outline, flags, rates)]
    labels, leaders = [], []
    for i, spot in enumerate(ground.labels):
        if spot is None:
            continue
        # at the box's top: Vega centres no text of two lines on its point
        x, y = ground.to_data(spot.box.centre[0], spot.box.top)
        labels.append({"lon": x, "lat": y, "text": texts[i]})
        if spot.leader:
            (x0, y0), (x1, y1) = (ground.to_data(*point) for point in spot.leader)
            leaders.append({"lon": x0, "lat": y0, "lon2": x1, "lat2": y1})
    (x0, x1), (y0, y1) = ground.x_range, ground.y_range
    x = {"field": "lon", "type": "quantitative", "axis": None,
         "scale": {"domain": [x0, x1], "nice": False, "zero": False}}
    y = {"field": "lat", "type": "quantitative", "axis": None,
         "scale": {"domain": [y0, y1], "nice": False, "zero": False}}
    layers = [
        {"mark": {"type": "point", "shape": "circle", "filled": True, "fillOpacity": 0.9,
                  "strokeOpacity": 1},
         "params": [SELECT],
         "encoding": {"x": x, "y": y,
                      "size": {"field": "size", "type": "quantitative", "scale": None},
                      "fill": _fill(_top(rates), COLOUR_CHOICES.get(colour_by, colour_by),
                                    font_px, scale_beside,
                                    ground.height if scale_beside else ground.width),
                      "stroke": {"field": "edge_colour", "type": "nominal", "scale": None},
                      "strokeWidth": {"field": "edge", "type": "quantitative", "scale": None},
                      # the big bubbles under the small ones, so each can be clicked
                      "order": {"field": "size", "sort": "descending"},
                      "tooltip": UNIT_HOVER, "description": {"field": "described"}}},
        {"data": {"values": leaders},
         "mark": {"type": "rule", "color": GREY, "strokeWidth": 1.5, "aria": False},
         "encoding": {"x": x, "y": y, "x2": {"field": "lon2"}, "y2": {"field": "lat2"}}},
        {"data": {"values": labels},
         "mark": {"type": "text", "fontSize": font_px, "font": FONT_FAMILY, "color": TEXT,
                  "lineBreak": "\n", "lineHeight": LINE_HEIGHT * font_px,
                  "align": "center", "baseline": "line-top", "aria": False},
         "encoding": {"x": x, "y": y, "text": {"field": "text"}}}]
    left_out = len(ground.labels) - len(labels)
    spec = {**SVG_SPEC, "width": ground.width, "height": ground.height,
            "autosize": {"type": "pad", "contains": "content"},
            # the legend is laid out beside or under the plot, in the room the ground kept
            "padding": {"left": MAP_MARGIN["l"], "right": MAP_MARGIN["r"],
                        "top": MAP_MARGIN["t"], "bottom": 10},
            "config": _config(font_px),
            "data": {"values": rows}, "layer": layers}
    if left_out:
        note = [f"{fmt_int(left_out)} đơn vị chưa ghi tên vì chật chỗ:", "chạm vào vòng tròn để xem"]
        if text_size(" ".join(note), font_px)[0] <= ground.width:
            note = [" ".join(note)]
        spec["title"] = {"text": note, "fontSize": font_px}
    return spec


def label_texts(data: pd.DataFrame, label_by: str) -> list[str]:
    """Each unit's label: its name on one line (marked when uptake is low) over its `label_by`
    figure."""
    names = (" ".join(str(n).splitlines()) for n in data["name"])
    return [f"{LOW_UPTAKE_MARK} {n}\n{_fmt(label_by, v)}" if low else f"{n}\n{_fmt(label_by, v)}"
            for n, v, low in zip(names, data[label_by], data["is_low_uptake"])]


@dataclass(frozen=True)
class MapGround:
    """A bubble map in pixels: the plot's size and ranges, each unit's bubble and label."""
    width: float  # of the plot area, px
    height: float
    x_range: tuple[float, float]  # longitude
    y_range: tuple[float, float]  # latitude
    margin: dict
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
    """Where the units and their labels fall in a `width` × `height` px map: the units fitted
    with room around them for labels, at one scale in both directions (a degree of longitude
    drawn cos(latitude) as long as one of latitude), then the labels placed. The colour scale
    goes under the map, or beside it (`scale_beside`, for a wide slide)."""
    radii = tuple(d / 2 + w / 2 for d, w in zip(diameters, outline))
    return _ground(tuple(_floats(data["lon"])), tuple(_floats(data["lat"])), radii, tuple(texts),
                   tuple(bool(v) for v in data["is_low_uptake"]), height, width, font_px,
                   scale_beside)


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
        ground = MapGround(plot_w, plot_h, x_range, y_range, margin, [], sizes, [])
        bubbles = [Bubble(*ground.to_px(x, y), r) for x, y, r in zip(lon, lat, radii)]
        labels = _best_placing(bubbles, sizes, plot_w, plot_h, list(low))
        cost = cost_of(labels)
        if best is None or cost < best[0]:
            best = cost, MapGround(plot_w, plot_h, x_range, y_range, margin, bubbles, sizes,
                                   labels)
        if cost == (0, 0):
            return best[1]
    cost, ground = best
    shuffles = MAP_PLACING_WORK // max(len(lon), 1) if len(lon) > 1 and cost[0] else 0
    if shuffles:
        labels = _best_placing(ground.bubbles, sizes, plot_w, plot_h, list(low), shuffles)
        if cost_of(labels) < cost:
            ground = MapGround(plot_w, plot_h, ground.x_range, ground.y_range, margin,
                               ground.bubbles, sizes, labels)
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


def _projected(layers: list[dict], height: int, data: dict, fit: dict | None = None,
               **more) -> dict:
    """A map at the page's width, `height` px, its Mercator projection fitted to the units (or
    to `fit`, a GeoJSON feature)."""
    projection = {"type": "mercator"}
    if fit is not None:
        projection["fit"] = fit
    return {**SVG_SPEC, "width": "container", "height": height, "config": CONFIG,
            "projection": projection, "data": data, "layer": layers, **more}


def _room_for_labels(lon: list[float], lat: list[float]) -> dict | None:
    """The units' extent with room around it for the labels under the points (a fifth of
    the extent below, a tenth on the other sides): what the projection is fitted to (None
    without units: nothing to fit)."""
    if not lon:
        return None
    x0, x1, y0, y1 = min(lon), max(lon), min(lat), max(lat)
    dx, dy = max(x1 - x0, 0.01), max(y1 - y0, 0.01)
    corners = [[x0 - dx / 10, y0 - dy / 5], [x1 + dx / 10, y1 + dy / 10]]
    return {"type": "Feature", "properties": {},
            "geometry": {"type": "MultiPoint", "coordinates": corners}}


# Who has reported: a colour (Okabe–Ito), a marker shape and words per state, so the map
# reads without colour too.
REPORT_LOOK = {"complete": (GREEN, "circle", "✓"), "missing": (ORANGE, "diamond", "…"),
               "late": (VERMILLION, "cross", "✗")}


REPORT_HOVER = [{"field": "name", "title": "Đơn vị"}, {"field": "detail", "title": "Tình trạng"}]


def reporting_map(units: pd.DataFrame, states: dict[str, str]) -> dict:
    """The units at their centres (cdht_data.views.reporting_view's `units`), one legend entry
    per state (`states`: key → its words), each marked by colour, shape and a label under it
    (the state's mark and name); the hover says which tables are missing."""
    data = units.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    counts = data["state"].value_counts()
    entries = {state: f"{REPORT_LOOK[state][2]} {words} ({counts.get(state, 0)})"
               for state, words in states.items()}
    rows = [{"unit_key": row.unit_key, "lon": lon, "lat": lat, "state": entries[row.state],
             "text": f"{REPORT_LOOK[row.state][2]} {row.name}", "name": row.name,
             "detail": f"{states[row.state]}: thiếu {row.missing}" if row.missing
             else states[row.state]}
            for row, lon, lat in zip(data.itertuples(), _floats(data["lon"]),
                                     _floats(data["lat"]))]
    for row in rows:
        row["described"] = _described(row, REPORT_HOVER)
    where = {"longitude": {"field": "lon", "type": "quantitative"},
             "latitude": {"field": "lat", "type": "quantitative"}}
    legend = list(entries.values())
    look = {"field": "state", "type": "nominal", "title": "Tình trạng báo cáo:",
            "sort": legend}
    layers = [
        {"mark": {"type": "point", "filled": True, "opacity": 1, "size": 22 * 22,
                  "stroke": OUTLINE, "strokeWidth": 2},
         "encoding": {**where,
                      "color": {**look, "scale": {"domain": legend, "range": [
                          REPORT_LOOK[s][0] for s in entries]}},
                      "shape": {**look, "scale": {"domain": legend, "range": [
                          REPORT_LOOK[s][1] for s in entries]}},
                      "tooltip": REPORT_HOVER, "description": {"field": "described"}}},
        {"mark": {"type": "text", "baseline": "top", "dy": 16, "fontSize": 14, "aria": False},
         "encoding": {**where, "text": {"field": "text"}}}]
    return _projected(layers, 560, {"values": rows},
                      _room_for_labels([r["lon"] for r in rows], [r["lat"] for r in rows]))


def choropleth(geojson: dict, frame: pd.DataFrame, colour_by: str = "participation_pct") -> dict:
    """Units filled by `colour_by` from a user's boundary file (features with id = unit_key,
    boundaries.match_units); the features without a unit are left out. Drawn on white, offline."""
    by_key = {row.unit_key: row for row in frame.itertuples()}
    features, rates = [], []
    for feat in geojson["features"]:
        row = by_key.get(feat.get("id"))
        if row is None:
            continue
        rate = drawn_rate(getattr(row, colour_by))
        rates.append(rate)
        features.append({"type": "Feature", "id": row.unit_key,
                         "geometry": drawn_winding(feat["geometry"]),
                         "properties": {
                             "unit_key": row.unit_key, **_unit_words(row),
                             "rate": rate,
                             "edge": 4 if row.is_low_uptake else 1,
                             "edge_colour": LOW_COLOUR if row.is_low_uptake else OUTLINE}})
    # each property as a field of its own, as the encodings and the selection name them
    flat = [{"calculate": f"datum.properties.{name}", "as": name}
            for name in ("unit_key", *(h["field"] for h in UNIT_HOVER), "described", "rate",
                         "edge", "edge_colour")]
    layers = [{"mark": {"type": "geoshape"}, "params": [SELECT],
               "encoding": {"fill": _fill(_top(rates), COLOUR_CHOICES.get(colour_by, colour_by),
                                          FONT["size"], False, MAP_WIDTH),
                            "stroke": {"field": "edge_colour", "type": "nominal", "scale": None},
                            "strokeWidth": {"field": "edge", "type": "quantitative",
                                            "scale": None},
                            "tooltip": UNIT_HOVER, "description": {"field": "described"}}}]
    return _projected(layers, 640, {"values": {"type": "FeatureCollection", "features": features},
                                    "format": {"type": "json", "property": "features"}},
                      transform=flat)


def drawn_winding(geometry: dict) -> dict:
    """`geometry` with its rings wound as Vega's d3-geo reads them: an outer ring clockwise and
    a hole anticlockwise (in longitude, latitude). GeoJSON files mostly wind the other way
    (RFC 7946), which d3 reads as the whole globe but the unit, a map filled from edge to edge."""
    if geometry.get("type") == "Polygon":
        return {**geometry, "coordinates": _wound(geometry["coordinates"])}
    if geometry.get("type") == "MultiPolygon":
        return {**geometry, "coordinates": [_wound(p) for p in geometry["coordinates"]]}
    return geometry


def _wound(rings: list) -> list:
    return [ring if (_signed_area(ring) < 0) == (i == 0) else ring[::-1]
            for i, ring in enumerate(rings)]


def _signed_area(ring: list) -> float:
    """Twice the ring's area, positive when it runs anticlockwise (x = longitude, y = latitude)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:] + ring[:1]))
