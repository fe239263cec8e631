"""The Vega-Lite charts of ui/vega.py on tiny frames: each spec is valid Vega-Lite (the schema
the installed Altair ships, the major version Streamlit draws) and carries the screen's words."""

import datetime as dt
import json
from importlib.resources import files

import jsonschema
import pandas as pd
import pytest

from ui import vega
from ui.contrast import contrast_ratio

TEXT_MIN = 4.5
EVIL = '<a href="http://evil.example">bấm</a><br><b>Lộc Hòa</b> &amp;'


def _i(values):
    return pd.array(values, dtype="Int64")


def _f(values):
    return pd.array(values, dtype="Float64")


@pytest.fixture(scope="module")
def schema():
    text = files("altair.vegalite.v6.schema").joinpath("vega-lite-schema.json").read_text()
    return jsonschema.Draft7Validator(json.loads(text))


def _valid(schema, spec):
    """`spec` as the browser gets it (JSON), with no schema error."""
    sent = json.loads(json.dumps(spec, allow_nan=False))
    assert [e.message for e in schema.iter_errors(sent)] == []
    assert sent["$schema"].endswith("/v6.json")
    return sent


def _layer(spec, mark):
    return next(layer for layer in spec["layer"] if layer["mark"]["type"] == mark)


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


def _encodings(spec):
    yield spec.get("encoding", {})
    for layer in spec.get("layer", []):
        yield from _encodings(layer)


@pytest.mark.parametrize("spec", [vega.band_bars(BANDS, 70), vega.history_lines(HISTORY)],
                         ids=["band_bars", "history_lines"])
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
