"""Charts drawn with Vega-Lite (st.vega_lite_chart), as plain spec dicts built from cdht_data
frames; no Streamlit here, so each chart is tested by building it.

Why Vega-Lite for these: a page's first load in the browser fetches and parses the chart
library, and plotly's is about six times Vega-Lite's (docs/performance.md, "What a chart
library costs a full load"). Every word a chart shows is written here as the screen writes it
(fmt_int, fmt_pct, fmt_date: half-up, Vietnamese separators); the axes' own numbers use the
Vietnamese locale below. Vega-Lite draws text as text, so names from data need no escaping.
Drawn as SVG (Streamlit's default is a canvas): a few dozen marks each, and the words stay
text, which the browser tests read and paper prints sharp.
"""

from __future__ import annotations

import pandas as pd

from cdht_data.formatting import fmt_date, fmt_int, fmt_pct, plain
from cdht_data.keys import BANDS, band_label

from .charts import BACKGROUND, BLUE, FONT, GREEN, ORANGE, TEXT
from .contrast import text_on
from .map_labels import FONT_FAMILY, text_size

BAND_COLOURS = dict(zip(BANDS, (ORANGE, BLUE, GREEN)))
GRID = "#EBF0F8"
LABEL_PX = FONT["size"] - 2  # the counts written inside the band bars
# Numbers on the axes as the reports write them: 1.000 and 12,5 (d3-format's locale).
LOCALE = {"number": {"decimal": ",", "thousands": ".", "grouping": [3],
                     "currency": ["", " ₫"]}}
CONFIG = {
    "locale": LOCALE, "font": FONT_FAMILY, "background": BACKGROUND,
    "view": {"stroke": None},
    "axis": {"labelFontSize": FONT["size"], "titleFontSize": FONT["size"],
             "labelColor": TEXT, "titleColor": TEXT, "titleFontWeight": "normal",
             "gridColor": GRID, "domainColor": GRID, "tickColor": GRID, "labelLimit": 260},
    "legend": {"labelFontSize": FONT["size"], "titleFontSize": FONT["size"],
               "labelColor": TEXT, "titleColor": TEXT, "titleFontWeight": "normal",
               "orient": "bottom", "direction": "horizontal"},
    "title": {"fontSize": FONT["size"] + 2, "color": TEXT, "fontWeight": "normal",
              "anchor": "start"},
    "text": {"fontSize": FONT["size"], "font": FONT_FAMILY},
}
# A percentage tick: the locale's number and a % sign (16,5%).
PCT_TICK = "format(datum.value, ',~r') + '%'"


def _spec(height: int, body: dict, data: list[dict], title: str | None = None) -> dict:
    """The shared frame of every chart: the page's width, its height, the look, its rows."""
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "width": "container", "height": height, "config": CONFIG,
            "usermeta": {"embedOptions": {"renderer": "svg"}},
            "data": {"values": data}, **body}
    if title:
        spec["title"] = title
    return spec


def _count(value) -> float:
    value = plain(value)
    return 0.0 if value is None else float(value)


def band_bars(bands: pd.DataFrame, pass_mark: int | None) -> dict:
    """Recognised people per score band for each unit (stacked, each segment with its count
    and share).

    A count is written inside its segment only where it fits: the segment's width is known in
    the browser alone (the page's width), so each row carries its words' width in px and the
    chart blanks the words where the segment is narrower (the hover still has them)."""
    order = list(dict.fromkeys(bands["name"]))
    totals = {name: 0.0 for name in order}
    rows = []
    band_order = list(BAND_COLOURS)
    for name, band, count, share in zip(bands["name"], bands["band"], bands["person_count"],
                                        bands["share_pct"]):
        people = _count(count)
        words = f"{fmt_int(plain(count))} ({fmt_pct(plain(share), 0)})" if people else ""
        rows.append({"name": name, "band": band_label(band), "rank": band_order.index(band),
                     "people": people, "words": words,
                     "words_px": text_size(words, LABEL_PX)[0] + 8 if words else 0,
                     "ink": text_on(BAND_COLOURS[band]),
                     "hover": f"{name} – mức {band_label(band)}: {fmt_int(plain(count))} người"})
        totals[name] += people
    top = max(totals.values(), default=0.0) or 1.0
    labels = [band_label(b) for b in band_order]
    y = {"field": "name", "type": "nominal", "sort": order, "title": None}
    x = {"field": "start", "type": "quantitative", "title": "Số người được công nhận",
         "scale": {"domain": [0, top], "nice": False}}
    body = {
        "transform": [
            {"stack": "people", "groupby": ["name"], "sort": [{"field": "rank"}],
             "as": ["start", "end"]},
            {"calculate": "(datum.start + datum.end) / 2", "as": "middle"},
            # the segment's width in px at the width the chart is drawn
            {"calculate": f"datum.end - datum.start >= datum.words_px * {top} / width "
                          "? datum.words : ''", "as": "shown"}],
        "layer": [
            {"mark": {"type": "bar"},
             "encoding": {"y": y, "x": x, "x2": {"field": "end"},
                          "color": {"field": "band", "type": "nominal", "title": "Mức điểm",
                                    "scale": {"domain": labels,
                                              "range": list(BAND_COLOURS.values())},
                                    "sort": labels},
                          "tooltip": {"field": "hover", "type": "nominal"}}},
            {"mark": {"type": "text", "fontSize": LABEL_PX},
             "encoding": {"y": y, "x": {**x, "field": "middle"},
                          "text": {"field": "shown"},
                          "color": {"field": "ink", "type": "nominal", "scale": None},
                          "tooltip": {"field": "hover", "type": "nominal"}}}]}
    title = f"Điểm đạt của bộ tiêu chí: {pass_mark}" if pass_mark is not None else None
    return _spec(max(220, 48 * len(order) + 60), body, rows, title)


HISTORY = (("participation_pct", "Tỉ lệ tham gia", BLUE), ("recognition_pct", "Tỉ lệ Đạt", ORANGE))


def history_lines(history: pd.DataFrame) -> dict:
    """The unit's participation and recognition rates across periods, each point with its
    rate written above it; a period without a rate is a gap in its line."""
    dates = [fmt_date(d) for d in history["as_of"]]
    rows = []
    for column, name, _ in HISTORY:
        for date, value in zip(dates, history[column]):
            value = plain(value)
            rows.append({"date": date, "series": name,
                         "rate": None if value is None else float(value),
                         "words": fmt_pct(value), "hover": f"{date} – {name}: {fmt_pct(value)}"})
    x = {"field": "date", "type": "ordinal", "sort": dates, "title": "Tính đến ngày",
         "axis": {"labelAngle": 0}}
    y = {"field": "rate", "type": "quantitative", "title": None,
         "scale": {"domain": [0, _top(history) * 1.2], "nice": False},
         "axis": {"labelExpr": PCT_TICK}}
    colour = {"field": "series", "type": "nominal", "title": None,
              "scale": {"domain": [n for _, n, _ in HISTORY], "range": [c for *_, c in HISTORY]}}
    tip = {"field": "hover", "type": "nominal"}
    body = {"encoding": {"x": x, "y": y, "color": colour},
            "layer": [
                {"mark": {"type": "line", "point": {"size": 70}, "invalid": "break-paths-show-domains"},
                 "encoding": {"tooltip": tip}},
                {"mark": {"type": "text", "dy": -14},
                 "encoding": {"text": {"field": "words"}, "tooltip": tip}}]}
    return _spec(300, body, rows)


def _top(history: pd.DataFrame) -> float:
    """The highest rate of a history (at least 1), so its label above it stays in the chart."""
    values = pd.concat([history[c].astype("Float64") for c, *_ in HISTORY]).dropna()
    return max(float(values.max()), 1.0) if len(values) else 1.0
