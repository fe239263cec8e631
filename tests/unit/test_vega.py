"""The Vega-Lite charts of ui/vega.py on tiny frames: each spec is valid Vega-Lite (the schema
the installed Altair ships, the major version Streamlit draws) and carries the screen's words."""

import datetime as dt

import pandas as pd
import pytest

from cdht_data.definitions import LowUptake
from tests.vega_spec import layer as _layer, valid as _valid
from ui import charts, vega
from ui.contrast import contrast_ratio

TEXT_MIN = 4.5
EVIL = '<a href="http://evil.example">bấm</a><br><b>Lộc Hòa</b> &amp;'


def _i(values):
    return pd.array(values, dtype="Int64")


def _f(values):
    return pd.array(values, dtype="Float64")


BANDS = pd.DataFrame({
    "unit_key": ["q1"] * 3 + ["q"] * 3, "name": ["Cơ quan xã"] * 3 + ["Toàn xã"] * 3,
    "band": ["70-79", "80-89", "90-100"] * 2,
    "person_count": _i([15, 9, 1, 37, 13, None]),
    "share_pct": _f([60.0, 36.0, 4.0, 37 / 52 * 100, 25.0, None])})


def test_band_bars_stack_the_three_bands(schema):
    spec = _valid(schema, vega.band_bars(BANDS, 70))
    rows = spec["data"]["values"]
    assert [(r["name"], r["band"], r["people"]) for r in rows[:3]] == [
        ("Cơ quan xã", "70–79", 15), ("Cơ quan xã", "80–89", 9), ("Cơ quan xã", "90–100", 1)]
    assert [r["words"] for r in rows] == ["15 (60%)", "9 (36%)", "1 (4%)", "37 (71%)",
                                          "13 (25%)", ""]  # a blank count writes nothing
    assert rows[5]["people"] == 0 and rows[5]["hover"] == "Toàn xã – mức 90–100: — người"
    bars = _layer(spec, "bar")["encoding"]
    assert bars["y"]["sort"] == ["Cơ quan xã", "Toàn xã"]  # the table's order, not A–Z
    assert bars["color"]["scale"] == {"domain": ["70–79", "80–89", "90–100"],
                                      "range": list(vega.BAND_COLOURS.values())}
    stack = spec["transform"][0]
    assert stack["stack"] == "people" and stack["sort"] == [{"field": "rank"}]
    assert spec["title"] == "Điểm đạt của bộ tiêu chí: 70"
    assert "title" not in vega.band_bars(BANDS, None)
    # the axis reaches the largest unit's total (Toàn xã: 50), which the fitting rule uses
    assert bars["x"]["scale"]["domain"] == [0, 50]


def test_band_counts_are_written_only_where_they_fit():
    spec = vega.band_bars(BANDS, 70)
    rows = spec["data"]["values"]
    assert rows[0]["words_px"] > rows[2]["words_px"] > 0  # "15 (60%)" is wider than "1 (4%)"
    fit = spec["transform"][2]["calculate"]
    # the segment's share of the axis (top 50) against the words' share of the drawn width
    assert fit == "datum.end - datum.start >= datum.words_px * 50.0 / width ? datum.words : ''"


@pytest.mark.parametrize("band", ["70-79", "80-89", "90-100"])
def test_counts_written_inside_the_band_bars_stand_out(band):
    bands = pd.DataFrame({"name": ["A"], "band": [band], "person_count": _i([5]),
                          "share_pct": _f([100.0])})
    row = vega.band_bars(bands, 50)["data"]["values"][0]
    fill = vega.BAND_COLOURS[band]
    assert contrast_ratio(row["ink"], fill) >= TEXT_MIN, (band, fill, row["ink"])


def test_names_from_data_are_drawn_as_written():
    """Vega-Lite draws text as text (no tags, no entities): a name is passed on unchanged."""
    bands = BANDS.assign(name=[EVIL] * 3 + ["Toàn xã"] * 3)
    rows = vega.band_bars(bands, 70)["data"]["values"]
    assert rows[0]["name"] == EVIL and rows[0]["hover"].startswith(EVIL)


HISTORY = pd.DataFrame({"as_of": [dt.date(2025, 3, 31), dt.date(2025, 6, 30)],
                        "participation_pct": _f([4.67, 16.695]),
                        "recognition_pct": _f([77.27, None])})


def test_history_lines(schema):
    spec = _valid(schema, vega.history_lines(HISTORY))
    rows = spec["data"]["values"]
    assert [(r["series"], r["date"], r["rate"]) for r in rows] == [
        ("Tỉ lệ tham gia", "31/3/2025", 4.67), ("Tỉ lệ tham gia", "30/6/2025", 16.695),
        ("Tỉ lệ Đạt", "31/3/2025", 77.27), ("Tỉ lệ Đạt", "30/6/2025", None)]
    # the screen's words, rounded half-up (16,695 → 16,70%)
    assert [r["words"] for r in rows] == ["4,67%", "16,70%", "77,27%", "—"]
    assert spec["encoding"]["x"]["sort"] == ["31/3/2025", "30/6/2025"]  # by date, not text
    line = _layer(spec, "line")["mark"]
    assert line["invalid"] == "break-paths-show-domains"  # a missing rate is a gap
    assert _layer(spec, "text")["encoding"]["text"] == {"field": "words"}


def test_history_leaves_room_above_a_hundred_percent():
    history = HISTORY.assign(recognition_pct=_f([90.0, 100.0]))
    domain = vega.history_lines(history)["encoding"]["y"]["scale"]["domain"]
    assert domain == [0, pytest.approx(120.0)]
    empty = HISTORY.assign(participation_pct=_f([None, None]), recognition_pct=_f([None, None]))
    assert vega.history_lines(empty)["encoding"]["y"]["scale"]["domain"] == [0, 1.2]


def test_numbers_on_the_axes_are_written_the_vietnamese_way():
    locale = vega.history_lines(HISTORY)["config"]["locale"]["number"]
    assert (locale["decimal"], locale["thousands"], locale["grouping"]) == (",", ".", [3])
    assert vega.history_lines(HISTORY)["encoding"]["y"]["axis"]["labelExpr"] == vega.PCT_TICK


LEAGUE = pd.DataFrame({
    "unit_key": ["a", "b", "c", "d"], "code": ["25", "26", "27", "28"],
    "name": ["Lộc Thịnh", "Lộc Phú", "Lộc Hòa", "Lộc Khánh"],
    "registered_count": _i([1056, 723, 5, None]), "age_8_60_count": _i([3551, 5100, 4175, None]),
    "participation_pct": _f([29.74, 14.18, 0.12, None]),
    "is_low_uptake": [False, False, True, False],
})


def _rule_at(spec):
    return [layer["data"]["values"] for layer in spec["layer"]
            if layer["mark"]["type"] == "rule"]


def test_participation_bars_mark_low_units(schema):
    spec = _valid(schema, vega.participation_bars(LEAGUE, LowUptake()))
    rows = spec["data"]["values"]
    assert [r["name"] for r in rows] == ["Lộc Thịnh", "Lộc Phú", "▼ Lộc Hòa", "Lộc Khánh"]
    assert [r["rate"] for r in rows[:3]] == pytest.approx([29.74, 14.18, 0.12])
    assert [r["colour"] for r in rows[:3]] == [charts.BLUE, charts.BLUE, charts.LOW_COLOUR]
    assert [r["words"] for r in rows] == ["29,74%", "14,18%", "0,12%", vega.NO_RATE_WORDS]
    assert rows[0]["hover"] == "Lộc Thịnh – Tỉ lệ tham gia: 29,74%; Đăng ký: 1.056; Dân số 8–60: 3.551"
    # a unit without a rate: its row and words at the axis, no bar (a blank x draws none)
    assert rows[3]["rate"] is None and rows[3]["at"] == 0.0
    assert rows[3]["hover"] == "Lộc Khánh – Tỉ lệ tham gia: —; Đăng ký: —; Dân số 8–60: —"
    bars = _layer(spec, "bar")["encoding"]
    assert bars["x"]["field"] == "rate" and _layer(spec, "text")["encoding"]["x"]["field"] == "at"
    # highest first, as given
    assert bars["y"]["sort"] == ["Lộc Thịnh", "Lộc Phú", "▼ Lộc Hòa", "Lộc Khánh"]
    assert _rule_at(spec) == [[{"x": 1.0}]]  # the threshold line
    assert "1,0%" in bars["x"]["title"]


def test_a_click_on_a_league_row_selects_its_unit(schema):
    spec = _valid(schema, vega.participation_bars(LEAGUE, LowUptake()))
    assert [r["unit_key"] for r in spec["data"]["values"]] == ["a", "b", "c", "d"]
    [band] = [layer for layer in spec["layer"] if layer.get("params")]
    assert band["name"] == vega.ROW_BANDS and band is spec["layer"][-1]  # on top of the bars
    assert band["params"] == [vega.SELECT] and vega.SELECT["name"] == vega.CLICKED
    assert vega.SELECT["select"]["fields"] == ["unit_key"]
    # the whole row, from 0 to the axis's end, whatever the bar's length; seen through
    domain = _layer(spec, "bar")["encoding"]["x"]["scale"]["domain"]
    assert (band["encoding"]["x"]["datum"], band["encoding"]["x2"]["datum"]) == (0, domain[1])
    assert band["mark"]["opacity"] == 0


def test_units_of_one_name_keep_a_row_each():
    league = LEAGUE.assign(name=["Tân Lập", "Lộc Phú", "Tân Lập", "Lộc Khánh"])
    spec = vega.participation_bars(league, LowUptake())
    names = [r["name"] for r in spec["data"]["values"]]
    assert names == ["Tân Lập (25)", "Lộc Phú", "▼ Tân Lập (27)", "Lộc Khánh"]
    assert _layer(spec, "bar")["encoding"]["y"]["sort"] == names
    assert spec["data"]["values"][2]["hover"].startswith("▼ Tân Lập (27) – ")


def test_participation_bars_follow_the_threshold():
    spec = vega.participation_bars(LEAGUE, LowUptake(threshold_pct=40.0))
    assert _rule_at(spec) == [[{"x": 40.0}]]
    domain = _layer(spec, "bar")["encoding"]["x"]["scale"]["domain"]
    assert domain == [0, pytest.approx(40.0 * 1.3)]  # the line stays in view


def test_targets_bar_draws_both_targets(schema):
    spec = _valid(schema, vega.targets_bar(3.85, [("năm 2025", 40.0), ("năm 2030", 60.0)], "Đạt"))
    assert spec["data"]["values"] == [{"name": "Đạt", "value": 3.85, "words": "3,85%"}]
    lines = _rule_at(spec)[0]
    assert [(r["x"], r["label"]) for r in lines] == [(40.0, "năm 2025: 40%"), (60.0, "năm 2030: 60%")]
    assert lines[0]["colour"] != lines[1]["colour"]
    domain = _layer(spec, "bar")["encoding"]["x"]["scale"]["domain"]
    assert domain == [0, pytest.approx(69.0)]  # 60 × 1,15
    # each line's name on its own row above the plot, ending at its line (a phone's narrow
    # chart has no room for two side by side); the rows spaced for the words' size
    names = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"
             and layer.get("data")]
    assert [n["data"]["values"][0]["label"] for n in names] == ["năm 2025: 40%", "năm 2030: 60%"]
    assert all(n["mark"]["align"] == "right" for n in names)
    rows = [n["mark"]["y"] for n in names]
    assert rows[0] < rows[1] < 0 and rows[1] - rows[0] > names[0]["mark"]["fontSize"]
    big = vega.targets_bar(3.85, [("năm 2025", 40.0), ("năm 2030", 60.0)], "Đạt", text_px=28)
    rows = [layer["mark"]["y"] for layer in big["layer"] if layer.get("data")
            and layer["mark"]["type"] == "text"]
    assert rows[1] - rows[0] > 28


def test_group_rates(schema):
    totals = pd.DataFrame({"short_name": ["Nông dân", "Công nhân", "HS"],
                           "recognition_pct": _f([2133 / 3349 * 100, 0.125, None]),
                           "recognized_count": _i([2133, 1, None]),
                           "assessed_count": _i([3349, 800, None])})
    spec = _valid(schema, vega.group_rates(totals))
    rows = spec["data"]["values"]
    assert [r["words"] for r in rows] == ["63,69%", "0,13%", "—"]  # half-up, as the reports
    assert rows[0]["hover"] == "Nông dân – Tỉ lệ Đạt: 63,69%; Đạt 2.133 / đã đánh giá 3.349"
    assert rows[2]["rate"] is None  # no one assessed: no bar
    assert spec["encoding"]["x"]["sort"] == ["Nông dân", "Công nhân", "HS"]


LONG = pd.DataFrame({
    "unit_key": ["a", "a", "b", "b"], "name": ["Lộc Tấn", "Lộc Tấn", "Lộc Phú", "Lộc Phú"],
    "group_no": [1, 2, 1, 2], "group_name": ["Nông dân", "Công nhân"] * 2,
    "recognized_count": _i([60, None, 309, 143]), "not_recognized_count": _i([543, 46, 45, 4]),
    "assessed_count": _i([603, 46, 354, 147]),
    "recognition_pct": _f([60 / 603 * 100, None, 309 / 354 * 100, 143 / 147 * 100])})


def test_group_heatmap(schema):
    spec = _valid(schema, vega.group_heatmap(LONG))
    rows = spec["data"]["values"]
    assert [(r["name"], r["group"]) for r in rows] == [
        ("Lộc Tấn", "Nông dân"), ("Lộc Tấn", "Công nhân"), ("Lộc Phú", "Nông dân"),
        ("Lộc Phú", "Công nhân")]
    assert rows[0]["rate"] == pytest.approx(60 / 603 * 100) and rows[1]["rate"] is None
    # each cell's rate over its count (Đạt / đã đánh giá); no one assessed: blank
    assert [r["words"] for r in rows] == ["10%\n60/603", "", "87%\n309/354", "97%\n143/147"]
    assert _layer(spec, "text")["mark"]["lineBreak"] == "\n"
    assert spec["encoding"]["y"]["sort"] == ["Lộc Tấn", "Lộc Phú"]


def test_heat_map_colours_are_the_scale_the_words_were_chosen_for():
    scale = _layer(vega.group_heatmap(LONG), "rect")["encoding"]["color"]["scale"]
    # Cividis' ten steps at 0, 1/9 … 1 of 0–100%, linear in RGB between them (as the maps draw
    # and charts.scale_colour samples): '#707173' at 4/9
    assert scale["domain"][0] == 0 and scale["domain"][-1] == 100 and len(scale["domain"]) == 10
    assert scale["range"][4] == "#707173" and scale["interpolate"] == "rgb"
    for at, colour in zip(scale["domain"], scale["range"]):
        assert charts.scale_colour(at / 100) == colour.upper()


def test_group_heatmap_marks_rates_from_few_people():
    few = LONG.assign(recognized_count=_i([5, None, 1.000e3, 9]),
                      assessed_count=_i([5, 46, 1200, 9]),
                      recognition_pct=_f([100.0, None, 1000 / 1200 * 100, 100.0]))
    words = [r["words"] for r in vega.group_heatmap(few)["data"]["values"]]
    # 5 and 9 assessed are fewer than FEW_ASSESSED = 10: marked; 1.200 in Vietnamese format
    assert words == ["100%*\n5/5", "", "83%\n1.000/1.200", "100%*\n9/9"]


def test_group_counts(schema):
    spec = _valid(schema, vega.group_counts_by_unit(LONG, {1: "Nông dân", 2: "Công nhân"}))
    colour = spec["encoding"]["color"]["scale"]
    assert colour["domain"] == ["Nông dân – Đạt", "Nông dân – Chưa đạt",
                                "Công nhân – Đạt", "Công nhân – Chưa đạt"]
    assert len(set(colour["range"])) == 4
    rows = spec["data"]["values"]
    not_recognized = [r["people"] for r in rows if r["series"] == "Nông dân – Chưa đạt"]
    assert not_recognized == [543, 45]
    assert spec["encoding"]["y"]["stack"] == "zero"  # Chưa đạt stacked on Đạt
    assert [r["rank"] for r in rows[:2]] == [0, 1]
    assert rows[2]["people"] == 0 and rows[2]["hover"] == "Công nhân – Lộc Tấn: — Đạt"


SLIDE_SPECS = [vega.group_rates(pd.DataFrame({
                   "short_name": ["Nông dân"], "recognition_pct": _f([50.0]),
                   "recognized_count": _i([1]), "assessed_count": _i([2])})),
               vega.band_bars(BANDS, 70),
               vega.targets_bar(3.85, [("năm 2025", 40.0)], "Đạt"),
               vega.participation_bars(LEAGUE, LowUptake())]


def _text_marks(spec):
    for layer in spec.get("layer", []):
        if layer["mark"]["type"] == "text":
            yield layer["mark"]
        yield from _text_marks(layer)


@pytest.mark.parametrize("spec", SLIDE_SPECS, ids=lambda s: s["layer"][0]["mark"]["type"])
def test_on_slide_sets_every_word_to_28_px(schema, spec):
    slide = _valid(schema, vega.on_slide(spec, 700))
    assert slide["height"] == 700
    config = slide["config"]
    for part in ("axis", "legend"):
        assert config[part]["labelFontSize"] >= 28 and config[part]["titleFontSize"] >= 28
    assert config["title"]["fontSize"] >= 28 and config["text"]["fontSize"] >= 28
    marks = list(_text_marks(slide))
    assert marks and all(m["fontSize"] >= 28 for m in marks)
    assert all(m.get("fontSize", 0) < 28 for m in _text_marks(spec)) or spec is SLIDE_SPECS[0]
    assert spec["config"]["axis"]["labelFontSize"] < 28  # the page's own spec is left as it was


def _encodings(spec):
    yield spec.get("encoding", {})
    for layer in spec.get("layer", []):
        yield from _encodings(layer)


@pytest.mark.parametrize("spec", [vega.band_bars(BANDS, 70), vega.history_lines(HISTORY),
                                  *SLIDE_SPECS[::2], SLIDE_SPECS[3],
                                  vega.group_heatmap(LONG),
                                  vega.group_counts_by_unit(LONG, {1: "Nông dân"})],
                         ids=["band_bars", "history_lines", "group_rates", "targets_bar",
                              "participation_bars", "group_heatmap", "group_counts_by_unit"])
def test_no_axis_or_legend_falls_back_to_a_field_name(spec):
    """Vega-Lite titles an axis or legend with its field's name ("start", "rate") unless told:
    every positional and colour channel says its title (None: no title)."""
    channels = [(name, channel) for encoding in _encodings(spec)
                for name, channel in encoding.items() if name in ("x", "y", "color")]
    assert channels
    untitled = [name for name, channel in channels
                if "title" not in channel and channel.get("scale", {}) is not None]
    assert untitled == []
    assert spec["usermeta"]["embedOptions"]["renderer"] == "svg"  # words stay text
