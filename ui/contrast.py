"""How far a colour stands out from its background: WCAG 2's relative luminance and contrast
ratio. A projector in a lit hall washes out pale marks; the dashboard holds every mark to 3:1
against what it is drawn on (WCAG's floor for graphics and large text) and text to 4,5:1."""

from __future__ import annotations

# WCAG 2.x: 3:1 for graphical marks and large text, 4,5:1 for body text.
MARK_MIN = 3.0
TEXT_MIN = 4.5


def _channel(value: int) -> float:
    """One sRGB channel (0–255) made linear, as WCAG defines it."""
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def rgb(colour: str) -> tuple[int, int, int]:
    """'#RRGGBB' or '#RGB' as three 0–255 integers."""
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    if len(text) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def relative_luminance(colour: str) -> float:
    """0 for black, 1 for white."""
    r, g, b = (_channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """(lighter + 0,05) / (darker + 0,05): 1 for the same colour, 21 for black on white."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


BLACK, WHITE = "#000000", "#FFFFFF"


def text_on(background: str) -> str:
    """Black or white, whichever stands out more from `background`: the colour of words
    written on a coloured mark (a heat-map cell, a bar)."""
    return max((BLACK, WHITE), key=lambda colour: contrast_ratio(colour, background))
