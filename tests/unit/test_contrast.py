"""ui.contrast (WCAG 2 contrast ratio) and the dashboard's colours held to it: every mark a
chart or a slide draws stands out 3:1 from its white background."""

import pytest

from ui import charts, presenter_look
from ui.contrast import MARK_MIN, TEXT_MIN, contrast_ratio, relative_luminance


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
