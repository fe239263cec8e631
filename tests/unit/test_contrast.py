"""ui.contrast (WCAG 2 contrast ratio) and the dashboard's colours held to it: every mark a
chart or a slide draws stands out 3:1 from its white background."""

import pandas as pd
import pytest

from ui import charts, presenter_look, vega
from ui.contrast import MARK_MIN, TEXT_MIN, contrast_ratio, relative_luminance, text_on


@pytest.mark.parametrize("colour, expected", [
    ("#000000", 0.0), ("#FFFFFF", 1.0), ("#fff", 1.0),
    # sRGB 0x80 = 128/255 = 0,50196 → ((0,50196 + 0,055) / 1,055)^2,4 = 0,21586
    ("#808080", 0.21586),
    ("#FF0000", 0.2126), ("#00FF00", 0.7152), ("#0000FF", 0.0722),
])
def test_relative_luminance(colour, expected):
    assert relative_luminance(colour) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("a, b, expected", [
    ("#000000", "#FFFFFF", 21.0),  # (1 + 0,05) / (0 + 0,05)
    ("#FFFFFF", "#000000", 21.0),  # order does not matter
    ("#777777", "#777777", 1.0),
    # #767676: WCAG's well-known grey just passing 4,5:1 on white (4,54)
    ("#767676", "#FFFFFF", 4.54),
    # the old low-uptake row fill #FBE3D6 on white: 1,23:1, as issue 16 measured
    ("#FBE3D6", "#FFFFFF", 1.23),
])
def test_contrast_ratio(a, b, expected):
    assert contrast_ratio(a, b) == pytest.approx(expected, abs=0.01)


def test_a_bad_colour_is_refused():
    with pytest.raises(ValueError):
        relative_luminance("blue")


@pytest.mark.parametrize("colour", charts.MARK_COLOURS)
def test_every_chart_mark_stands_out_from_the_background(colour):
    assert contrast_ratio(colour, charts.BACKGROUND) >= MARK_MIN, colour


def test_low_uptake_row_and_its_text():
    assert contrast_ratio(charts.LOW_FILL, charts.BACKGROUND) >= MARK_MIN
    assert contrast_ratio(charts.LOW_FILL_TEXT, charts.LOW_FILL) >= TEXT_MIN


def test_every_colour_of_the_slides_on_its_background():
    # Every word on a slide is at least 28 px: WCAG's large text (24 px and up), held to 3:1.
    assert presenter_look.BODY_PX >= 24
    for foreground, background in presenter_look.PAIRS:
        assert contrast_ratio(foreground, background) >= MARK_MIN, (foreground, background)


def test_text_on_picks_the_stronger_of_black_and_white():
    assert text_on("#FFFFFF") == "#000000" and text_on("#000000") == "#FFFFFF"
    assert text_on(charts.BLUE) == "#FFFFFF"  # 5,19:1, black only 4,05:1
    assert text_on(charts.ORANGE) == "#000000"  # 5,27:1, white only 3,99:1


def test_scale_colour_is_the_scale_the_maps_draw():
    # Cividis' own steps (10 steps, '#00224e' at 0, '#707173' at 4/9, '#fee838' at 1), and
    # halfway between its first two, '#00224e' and '#123570':
    # (0 + 18) / 2 = 9 → 09, (34 + 53) / 2 = 43,5 → 44 (half up), (78 + 112) / 2 = 95 → 5F
    assert charts.scale_colour(0.0) == "#00224E"
    assert charts.scale_colour(1.0) == "#FEE838"
    assert charts.scale_colour(4 / 9) == "#707173"
    assert charts.scale_colour(1 / 18) == "#092C5F"


def test_words_on_every_step_of_the_rate_scale_reach_text_contrast():
    # every 0,1 percentage point of the heat map's 0–100% scale (its darkest blue, the grey
    # middle where black and white are both weakest, its yellow)
    for step in range(0, 1001):
        cell = charts.scale_colour(step / 1000)
        assert contrast_ratio(text_on(cell), cell) >= TEXT_MIN, (step, cell)


def test_every_heat_map_cell_writes_in_its_own_contrasting_colour():
    long = pd.DataFrame({
        "name": ["A", "A", "B", "B", "C", "C"], "group_no": [1, 2, 1, 2, 1, 2],
        "group_name": ["Nông dân", "Công nhân"] * 3,
        # 0 %, 45 % (the scale's grey), 100 %, 64 %, 12 % and nobody assessed
        "recognition_pct": pd.array([0.0, 45.0, 100.0, 64.0, 12.0, None], dtype="Float64"),
        "recognized_count": pd.array([0, 9, 20, 64, 3, None], dtype="Int64"),
        "assessed_count": pd.array([20, 20, 20, 100, 25, 0], dtype="Int64"),
    })
    rows = [r for r in vega.group_heatmap(long)["data"]["values"] if r["words"]]
    assert len(rows) == 5  # the blank cell writes nothing
    rates = [0.0, 45.0, 100.0, 64.0, 12.0]
    for row, rate in zip(rows, rates):
        cell = charts.scale_colour(rate / 100)
        assert row["ink"] == text_on(cell)
        assert contrast_ratio(row["ink"], cell) >= TEXT_MIN, (rate, cell, row["ink"])
    assert [r["group"] for r in rows] == ["Nông dân", "Công nhân"] * 2 + ["Nông dân"]
    assert [r["name"] for r in rows] == ["A", "A", "B", "B", "C"]
