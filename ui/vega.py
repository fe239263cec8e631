"""Charts drawn with Vega-Lite (st.vega_lite_chart), as plain spec dicts built from cdht_data
frames; no Streamlit here, so each chart is tested by building it (the maps: ui/maps.py).

Why Vega-Lite: a page's first load in the browser fetches and parses the chart
library, and plotly's is about six times Vega-Lite's (docs/performance.md, "What a chart
library costs a full load"). Every word a chart shows is written here as the screen writes it
(fmt_int, fmt_pct, fmt_date: half-up, Vietnamese separators); the axes' own numbers use the
Vietnamese locale below. Vega-Lite draws text as text, so names from data need no escaping.
Drawn as SVG (Streamlit's default is a canvas): a few dozen marks each, and the words stay
text, which the browser tests read and paper prints sharp.
"""

from __future__ import annotations

import pandas as pd

from cdht_data.definitions import FEW_ASSESSED, FEW_MARK, LOW_UPTAKE_MARK, LowUptake
from cdht_data.formatting import fmt_date, fmt_int, fmt_pct, plain
from cdht_data.keys import BANDS, band_label

from .charts import (BACKGROUND, BLUE, FONT, GREEN, GRID, LOW_COLOUR, ORANGE, PURPLE, RATE_STEPS,
                     TEXT, VERMILLION, scale_colour)
from .contrast import text_on
from .map_labels import FONT_FAMILY, text_size

BAND_COLOURS = dict(zip(BANDS, (ORANGE, BLUE, GREEN)))
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
HOVER = {"field": "hover", "type": "nominal"}  # every chart's hover: the row's own words
CLICKED = "unit"  # the selection a click on a unit makes (a map's, a league bar's)
ROW_BANDS = "league_rows"  # participation_bars' clear band over each unit's row
NO_RATE_WORDS = "chưa có số liệu"  # participation_bars' words on a row without a rate
SELECT = {"name": CLICKED, "select": {"type": "point", "fields": ["unit_key"]}}
# What every spec, chart or map, starts with: the schema it is written to, drawn as SVG.
SVG_SPEC = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "usermeta": {"embedOptions": {"renderer": "svg"}}}


def clicked(event) -> str | None:
    """The unit_key of the unit a chart's selection holds (st.vega_lite_chart's event with
    on_select="rerun", selection_mode=CLICKED), or None."""
    points = event.selection.get(CLICKED) if event is not None else None
    return next((p.get("unit_key") for p in points or [] if p.get("unit_key")), None)


def _spec(height: int, body: dict, data: list[dict], title: str | None = None) -> dict:
    """The shared frame of every chart: the page's width, its height, the look, its rows."""
    spec = {**SVG_SPEC, "width": "container", "height": height, "config": CONFIG,
            "data": {"values": data}, **body}
    if title:
        spec["title"] = title
    return spec


def _count(value) -> float:
    """A count to draw: a blank is no bar (0)."""
    value = plain(value)
    return 0.0 if value is None else float(value)


def drawn_rate(value) -> float | None:
    """A rate to draw: a blank stays blank (no bar, a gap in a line, a white unit on a map)."""
    value = plain(value)
    return None if value is None else float(value)


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
        label = band_label(band)
        rows.append({"name": name, "band": label, "rank": band_order.index(band),
                     "people": people, "words": words,
                     "words_px": text_size(words, LABEL_PX)[0] + 8 if words else 0,
                     "ink": text_on(BAND_COLOURS[band]),
                     "hover": f"{name} – mức {label}: {fmt_int(plain(count))} người"})
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
                          "tooltip": HOVER}},
            {"mark": {"type": "text", "fontSize": LABEL_PX},
             "encoding": {"y": y, "x": {**x, "field": "middle"},
                          "text": {"field": "shown"},
                          "color": {"field": "ink", "type": "nominal", "scale": None},
                          "tooltip": HOVER}}]}
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
            value = drawn_rate(value)
            rows.append({"date": date, "series": name, "rate": value,
                         "words": fmt_pct(value), "hover": f"{date} – {name}: {fmt_pct(value)}"})
    x = {"field": "date", "type": "ordinal", "sort": dates, "title": "Tính đến ngày",
         "axis": {"labelAngle": 0}}
    y = {"field": "rate", "type": "quantitative", "title": None,
         "scale": {"domain": [0, _top(history) * 1.2], "nice": False},
         "axis": {"labelExpr": PCT_TICK}}
    colour = {"field": "series", "type": "nominal", "title": None,
              "scale": {"domain": [n for _, n, _ in HISTORY], "range": [c for *_, c in HISTORY]}}
    body = {"encoding": {"x": x, "y": y, "color": colour},
            "layer": [
                {"mark": {"type": "line", "point": {"size": 70}, "invalid": "break-paths-show-domains"},
                 "encoding": {"tooltip": HOVER}},
                {"mark": {"type": "text", "dy": -14},
                 "encoding": {"text": {"field": "words"}, "tooltip": HOVER}}]}
    return _spec(300, body, rows)


def _top(history: pd.DataFrame) -> float:
    """The highest rate of a history (at least 1), so its label above it stays in the chart."""
    values = pd.concat([history[c].astype("Float64") for c, *_ in HISTORY]).dropna()
    return max(float(values.max()), 1.0) if len(values) else 1.0


def _pct_axis(title: str | None, top: float) -> dict:
    """A percentage axis from 0 to `top` (no rounding up: the labels placed beyond a bar or
    a line were given room by `top`)."""
    return {"type": "quantitative", "title": title,
            "scale": {"domain": [0, top], "nice": False}, "axis": {"labelExpr": PCT_TICK}}


def _rule(at: float, axis: dict, colour: str, width: int, dash: list[int] | None = None) -> dict:
    """A vertical line across the plot at `at` on the x axis `axis`, a layer with a row of its
    own (so it is drawn once, not once per bar)."""
    mark = {"type": "rule", "color": colour, "strokeWidth": width}
    if dash:
        mark["strokeDash"] = dash
    return {"data": {"values": [{"x": at}]}, "mark": mark,
            "encoding": {"x": {**axis, "field": "x"}}}


def participation_bars(league: pd.DataFrame, low: LowUptake) -> dict:
    """Participation per unit, highest first (the league's order); a low-uptake unit in the
    mark colour with ▼; a unit without a rate (the league's last) with its row and words but
    no bar; the threshold as a dashed line that stays in view. A click anywhere on a unit's
    row selects the unit (SELECT): a clear band over the row takes it, since a low-uptake
    unit's bar, the one an outreach planner opens, is a pixel or two wide."""
    # a row per unit: units of one name (two communes of two districts) are told by their code
    repeated = league["name"].duplicated(keep=False)
    rows = []
    for key, code, name, again, is_low, rate, registered, people in zip(
            league["unit_key"], league["code"], league["name"], repeated,
            league["is_low_uptake"], league["participation_pct"], league["registered_count"],
            league["age_8_60_count"]):
        name = f"{name} ({code or key})" if again else name
        label = f"{LOW_UPTAKE_MARK} {name}" if is_low else name
        rate = drawn_rate(rate)
        rows.append({"unit_key": key, "name": label, "rate": rate, "at": rate or 0.0,
                     "words": NO_RATE_WORDS if rate is None else fmt_pct(rate),
                     "colour": LOW_COLOUR if is_low else BLUE,
                     "hover": f"{label} – Tỉ lệ tham gia: {fmt_pct(rate)}; Đăng ký: "
                              f"{fmt_int(plain(registered))}; Dân số 8–60: {fmt_int(plain(people))}"})
    rates = [r["rate"] for r in rows if r["rate"] is not None]
    top = max(rates + [low.threshold_pct]) * 1.3 or 1.0
    x = _pct_axis(f"% dân số 8–60 (đứt nét: ngưỡng {fmt_pct(low.threshold_pct, 1)})", top)
    y = {"field": "name", "type": "nominal", "sort": [r["name"] for r in rows], "title": None}
    body = {"layer": [  # the line first, under the bars and their words
        _rule(low.threshold_pct, x, LOW_COLOUR, 2, [6, 4]),
        {"mark": {"type": "bar"},  # a blank rate draws no bar
         "encoding": {"y": y, "x": {**x, "field": "rate"},
                      "color": {"field": "colour", "type": "nominal", "scale": None},
                      "tooltip": HOVER}},
        {"mark": {"type": "text", "align": "left", "dx": 4},
         "encoding": {"y": y, "x": {**x, "field": "at"}, "text": {"field": "words"},
                      "tooltip": HOVER}},
        {"name": ROW_BANDS, "params": [SELECT],  # last: on top, where the clicks land
         "mark": {"type": "bar", "opacity": 0, "cursor": "pointer", "aria": False},
         "encoding": {"y": y, "x": {**x, "datum": 0}, "x2": {"datum": top},
                      "tooltip": HOVER}}]}
    return _spec(max(320, 34 * len(rows) + 90), body, rows)


TARGET_COLOURS = (ORANGE, VERMILLION, PURPLE, GREEN)


def targets_bar(value: float | None, targets: list[tuple[str, float]], title: str,
                text_px: int = FONT["size"]) -> dict:
    """Recognised as % of the 8–60 population against several targets (one dashed line each,
    named above the plot in its colour, e.g. 2025 and 2030): the overview's bar, and a
    slide's (whose words are `text_px` tall: the names' rows are spaced for them)."""
    value = float(plain(value) or 0.0)
    top = max([value, *(pct for _, pct in targets)]) * 1.15 or 1.0
    x = _pct_axis(None, top)
    lines = [{"x": pct, "label": f"{label}: {fmt_pct(pct, 0)}", "colour": colour}
             for (label, pct), colour in zip(targets, TARGET_COLOURS)]
    marks = {"x": {**x, "field": "x"},
             "color": {"field": "colour", "type": "nominal", "scale": None}}
    body = {"layer": [
        {"mark": {"type": "bar", "color": BLUE, "size": 60},
         "encoding": {"y": {"field": "name", "type": "nominal", "title": None},
                      "x": {**x, "field": "value"}}},
        {"mark": {"type": "text", "align": "left", "dx": 4},
         "encoding": {"y": {"field": "name", "type": "nominal", "title": None},
                      "x": {**x, "field": "value"}, "text": {"field": "words"}}},
        {"data": {"values": lines}, "mark": {"type": "rule", "strokeWidth": 5, "strokeDash": [10, 6]},
         "encoding": marks},
        # each line's name on a row of its own above the plot, ending at its line: on a
        # phone's narrow chart two names side by side would run into each other or off the edge
        *({"data": {"values": [line]},
           "mark": {"type": "text", "baseline": "bottom", "align": "right", "dx": 4,
                    "y": -6 - (text_px + 5) * (len(lines) - 1 - i), "fontSize": text_px,
                    "fontWeight": "bold"},
           "encoding": {**marks, "text": {"field": "label"}}} for i, line in enumerate(lines))]}
    return _spec(300, body, [{"name": title, "value": value, "words": fmt_pct(value)}])


def group_rates(totals: pd.DataFrame) -> dict:
    """Recognition rate per group, its rate above each bar, Đạt / đã đánh giá in the hover."""
    rows = []
    for name, rate, recognized, assessed in zip(totals["short_name"], totals["recognition_pct"],
                                                totals["recognized_count"], totals["assessed_count"]):
        rate = drawn_rate(rate)
        rows.append({"group": name, "rate": rate,
                     "words": fmt_pct(rate),
                     "hover": f"{name} – Tỉ lệ Đạt: {fmt_pct(rate)}; Đạt {fmt_int(plain(recognized))}"
                              f" / đã đánh giá {fmt_int(plain(assessed))}"})
    x = {"field": "group", "type": "nominal", "sort": [r["group"] for r in rows], "title": None,
         "axis": {"labelAngle": 0}}
    y = {**_pct_axis("Tỉ lệ Đạt (trên đã đánh giá)", 110), "field": "rate"}
    body = {"encoding": {"x": x, "y": y, "tooltip": HOVER},
            "layer": [{"mark": {"type": "bar", "color": BLUE}},
                      {"mark": {"type": "text", "baseline": "bottom", "dy": -4},
                       "encoding": {"text": {"field": "words"}}}]}
    return _spec(380, body, rows)


def rate_scale(top: float = 100) -> dict:
    """The rate colour scale (Cividis) from 0 to `top` percent, step for step and linear in RGB
    between steps, so that a colour is the one charts.scale_colour gives (whose words are
    chosen to stand out from it); the heat map's and the maps'."""
    return {"domain": [at * top for at, _ in RATE_STEPS],
            "range": [colour for _, colour in RATE_STEPS], "interpolate": "rgb"}


def _heat_words(rate: float | None, recognized, assessed) -> str:
    """A cell's words: "64%" over "2.133/3.349", the rate marked when few people."""
    if rate is None:
        return ""
    mark = FEW_MARK if (plain(assessed) or 0) < FEW_ASSESSED else ""
    return f"{fmt_pct(rate, 0)}{mark}\n{fmt_int(plain(recognized))}/{fmt_int(plain(assessed))}"


def group_heatmap(long: pd.DataFrame) -> dict:
    """Recognition rate by unit × group, each cell with its count (Đạt / đã đánh giá); a rate
    from fewer than FEW_ASSESSED people carries FEW_MARK; blank where no one was assessed.
    Each cell's words are black or white, whichever stands out more from its colour."""
    order = list(dict.fromkeys(long["name"]))
    groups = list(dict.fromkeys(long["group_name"]))
    rows = []
    for name, group, rate, recognized, assessed in zip(
            long["name"], long["group_name"], long["recognition_pct"],
            long["recognized_count"], long["assessed_count"]):
        rate = drawn_rate(rate)
        rows.append({"name": name, "group": group, "rate": rate,
                     "words": _heat_words(rate, recognized, assessed),
                     "ink": text_on(scale_colour(rate / 100)) if rate is not None else TEXT,
                     "hover": f"{name} – {group}: {fmt_pct(rate)}"})
    x = {"field": "group", "type": "nominal", "sort": groups, "title": None,
         "axis": {"orient": "top", "labelAngle": 0}}
    y = {"field": "name", "type": "nominal", "sort": order, "title": None}
    body = {"encoding": {"x": x, "y": y, "tooltip": HOVER},
            "layer": [
                {"mark": {"type": "rect", "stroke": BACKGROUND, "strokeWidth": 2},
                 "encoding": {"color": {"field": "rate", "type": "quantitative",
                                        "title": "Tỉ lệ Đạt", "scale": rate_scale(),
                                        "legend": {"labelExpr": PCT_TICK,
                                                   "gradientLength": 240}}}},
                {"mark": {"type": "text", "lineBreak": "\n"},
                 "encoding": {"text": {"field": "words"},
                              "color": {"field": "ink", "type": "nominal", "scale": None}}}],
            # the words' colours are not the cells' scale (a shared scale draws nothing)
            "resolve": {"scale": {"color": "independent"}}}
    return _spec(max(300, 44 * len(order) + 120), body, rows)


def _tint(colour: str, white: float) -> str:
    """`colour` mixed with `white` parts of white (0 … 1), as '#RRGGBB'."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * white):02X}" for c in rgb)


COUNT_PALETTE = (BLUE, ORANGE, GREEN, PURPLE)


def group_counts_by_unit(long: pd.DataFrame, group_names: dict[int, str]) -> dict:
    """Đạt and Chưa đạt per unit, the groups side by side, Chưa đạt stacked on Đạt in a
    paler shade of the group's colour."""
    order = list(dict.fromkeys(long["name"]))
    series, colours, rows = [], [], []
    for i, name in enumerate(group_names.values()):
        colour = COUNT_PALETTE[i % len(COUNT_PALETTE)]
        series += [f"{name} – Đạt", f"{name} – Chưa đạt"]
        colours += [colour, _tint(colour, 0.55)]
    for unit, group_no, recognized, not_recognized in zip(
            long["name"], long["group_no"], long["recognized_count"],
            long["not_recognized_count"]):
        group = group_names.get(group_no)
        if group is None:
            continue
        for rank, (status, count) in enumerate((("Đạt", recognized),
                                                ("Chưa đạt", not_recognized))):
            rows.append({"name": unit, "group": group, "series": f"{group} – {status}",
                         "rank": rank, "people": _count(count),
                         "hover": f"{group} – {unit}: {fmt_int(plain(count))} {status}"})
    body = {"mark": {"type": "bar"},
            "encoding": {
                "x": {"field": "name", "type": "nominal", "sort": order, "title": None,
                      "axis": {"labelAngle": -40}},
                "xOffset": {"field": "group", "type": "nominal",
                            "sort": list(group_names.values())},
                "y": {"field": "people", "type": "quantitative", "title": "Số người",
                      "stack": "zero"},
                "color": {"field": "series", "type": "nominal", "title": None,
                          "scale": {"domain": series, "range": colours}, "sort": series,
                          "legend": {"columns": 2, "symbolType": "square"}},
                "order": {"field": "rank"},
                "tooltip": HOVER}}
    return _spec(520, body, rows)


SLIDE_PX = 28  # the projector's smallest type (ui/presenter.py)


def on_slide(spec: dict, height: int) -> dict:
    """`spec` for a projector, `height` px tall: every word at least SLIDE_PX (axes, legend,
    title, the words drawn in the chart), a new spec (a page's own is left as it is)."""
    big = {"labelFontSize": SLIDE_PX, "titleFontSize": SLIDE_PX, "labelLimit": 600}
    config = {**spec["config"], "axis": {**spec["config"]["axis"], **big},
              "legend": {**spec["config"]["legend"], **big},
              "title": {**spec["config"]["title"], "fontSize": SLIDE_PX + 2},
              "text": {**spec["config"]["text"], "fontSize": SLIDE_PX}}

    def bigger(part: dict) -> dict:
        out = dict(part)
        mark = out.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text":
            out["mark"] = {**mark, "fontSize": SLIDE_PX}
        if "layer" in out:
            out["layer"] = [bigger(layer) for layer in out["layer"]]
        return out
    return {**bigger(spec), "height": height, "config": config}
