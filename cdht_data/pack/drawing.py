"""The pack's two pictures as plain geometry, computed here and drawn by the Typst template with
its own shapes: the map (units at their centres, as «Bản đồ» places them) and the colour of a
rate. No image engine and no browser: the pack is made on the server, offline."""

from __future__ import annotations

import math

import pandas as pd

from ..formatting import plain

# Cividis, the rate scale of every map and the heat map (perceptually even, colour-blind safe).
CIVIDIS = ("#00224e", "#123570", "#3b496c", "#575d6d", "#707173", "#8a8678", "#a59c74",
           "#c3b369", "#e1cc55", "#fee838")
MAP_WIDTH_MM = 170.0
MAP_HEIGHT_MM = 190.0
# A bubble's diameter: the smallest unit still visible, the largest not hiding its neighbours.
SMALLEST_MM, LARGEST_MM = 4.0, 13.0


def scale_colour(value: float | None, top: float) -> str | None:
    """The colour of `value` on CIVIDIS from 0 to `top`, each channel rounded half-up (None for a
    unit without a figure)."""
    if plain(value) is None:
        return None
    share = min(max(value / top, 0.0), 1.0) if top > 0 else 0.0
    at = share * (len(CIVIDIS) - 1)
    low, high = math.floor(at), math.ceil(at)
    a, b = _rgb(CIVIDIS[low]), _rgb(CIVIDIS[high])
    mix = at - low
    return "#" + "".join(f"{math.floor(x + (y - x) * mix + 0.5):02x}" for x, y in zip(a, b))


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def place_units(frame: pd.DataFrame, size_by: str,
                width_mm: float = MAP_WIDTH_MM, height_mm: float = MAP_HEIGHT_MM) -> dict:
    """Each placed unit of a map frame (views.map_page) as a bubble in a box of at most
    `width_mm` × `height_mm`: centre x, y in mm from the top left (north up, one scale for both
    axes, a degree of longitude shortened by cos(latitude) as on «Bản đồ»), diameter ∝
    √`size_by`. Returns {"width", "height", "bubbles": [{"row", "x", "y", "d"}]}, `row` the
    frame's row number."""
    placed = frame.dropna(subset=["lat", "lon"])
    if placed.empty:
        return {"width": 0.0, "height": 0.0, "bubbles": []}
    lat = placed["lat"].astype(float)
    lon = placed["lon"].astype(float)
    shrink = math.cos(math.radians(float(lat.mean())))
    xs, ys = (lon - lon.min()) * shrink, lat.max() - lat
    sizes = pd.Series([plain(v) or 0 for v in placed[size_by]], index=placed.index, dtype=float)
    biggest = max(float(sizes.max()), 1.0)
    diameters = SMALLEST_MM + (LARGEST_MM - SMALLEST_MM) * (sizes / biggest).pow(0.5)
    # room for the largest bubble and, below each, its two label lines
    pad_x, pad_top, pad_bottom = LARGEST_MM, LARGEST_MM / 2 + 2, LARGEST_MM / 2 + 10
    span_x, span_y = float(xs.max()) or 1.0, float(ys.max()) or 1.0
    scale = min((width_mm - 2 * pad_x) / span_x, (height_mm - pad_top - pad_bottom) / span_y)
    width = span_x * scale + 2 * pad_x
    height = span_y * scale + pad_top + pad_bottom
    bubbles = [{"row": int(frame.index.get_loc(i)), "x": round(pad_x + float(xs[i]) * scale, 2),
                "y": round(pad_top + float(ys[i]) * scale, 2), "d": round(float(diameters[i]), 2)}
               for i in placed.index]
    return {"width": round(width, 2), "height": round(height, 2), "bubbles": bubbles}
