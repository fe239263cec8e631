"""The colours and choices every chart shares (ui/vega.py draws the charts, ui/maps.py the
maps): an Okabe–Ito colour-blind-safe palette, the rate scale, large type for projectors. No
Streamlit here."""

from __future__ import annotations

from cdht_data.pack.drawing import CIVIDIS, scale_colour as _on_cividis

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
FONT = dict(size=15)

SIZE_CHOICES = {"registered_count": "Số người đăng ký", "assessed_count": "Số người đã đánh giá",
                "recognized_count": "Số người Đạt", "age_8_60_count": "Dân số 8–60 tuổi"}
COLOUR_CHOICES = {"participation_pct": "Tỉ lệ tham gia (đăng ký / dân số 8–60)",
                  "recognition_pct": "Tỉ lệ Đạt (trên số đã đánh giá)"}


# The rate scale: Cividis (perceptually even, colour-blind safe), its steps ((0 … 1, '#rrggbb'),
# …) evenly spaced, linear in RGB between them; the maps, the heat map and the pack's map
# (cdht_data/pack/drawing.py) all draw it.
RATE_STEPS = tuple((i / (len(CIVIDIS) - 1), colour) for i, colour in enumerate(CIVIDIS))


def scale_colour(fraction: float) -> str:
    """The colour the rate scale gives at `fraction` (0 … 1) of its range, as '#RRGGBB'."""
    return _on_cividis(min(max(fraction, 0.0), 1.0), 1.0).upper()
