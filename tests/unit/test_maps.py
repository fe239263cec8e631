"""The maps of ui/maps.py on tiny frames: each spec is valid Vega-Lite and carries the screen's
words and the units' figures."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from tests.paths import ROOT
from tests.vega_spec import layer, valid
from ui import charts, maps, vega


def _i(values):
    return pd.array(values, dtype="Int64")


def _f(values):
    return pd.array(values, dtype="Float64")


MAP = pd.DataFrame({
    "unit_key": ["25273", "25305", "25306"], "code": ["25273", "25305", "25306"],
    "name": ["Lộc Hòa", "Lộc Thịnh", "Lộc Khánh"],
    "registered_count": _i([5, 1056, 10]), "assessed_count": _i([5, 1055, 10]),
    "recognized_count": _i([5, 1022, 10]), "age_8_60_count": _i([4175, 3551, 4922]),
    "participation_pct": _f([0.12, 29.74, 0.2]), "recognition_pct": _f([100.0, 96.87, 100.0]),
    "lat": [11.9421, 11.7283, None], "lon": [106.5931, 106.5064, None],
    "is_low_uptake": [True, False, True],
})


def _units(spec):
    return spec["data"]["values"]


def test_bubble_map_one_point_per_placed_commune(schema):
    spec = valid(schema, maps.bubble_map(MAP))
    assert [part["mark"]["type"] for part in spec["layer"]] == ["point", "rule", "text"]
    units = _units(spec)
    # x = longitude, y = latitude on a white ground: nothing fetched from the internet
    assert "projection" not in spec and "url" not in json.dumps(spec)
    assert [(u["lon"], u["lat"]) for u in units] == [(106.5931, 11.9421), (106.5064, 11.7283)]
    assert [u["unit_key"] for u in units] == ["25273", "25305"]  # Lộc Khánh has no centre
    assert [t["text"] for t in layer(spec, "text")["data"]["values"]] == \
        ["▼ Lộc Hòa\n0,12%", "Lộc Thịnh\n29,74%"]
    assert [u["edge_colour"] for u in units] == [charts.LOW_COLOUR, charts.OUTLINE]
    assert [u["edge"] for u in units] == [5, 1]
    assert [u["rate"] for u in units] == pytest.approx([0.12, 29.74])
    # area ∝ registered: the biggest is 70 px across, the smallest at least 14 (size = d²)
    assert units[1]["size"] == pytest.approx(70.0 ** 2)
    assert units[0]["size"] == pytest.approx((14 + 56 * (5 / 1056) ** 0.5) ** 2)
    dots = layer(spec, "point")["encoding"]
    assert dots["x"]["axis"] is None and dots["y"]["axis"] is None
    # the hover: the unit's figures as the tables write them
    assert [h["title"] for h in dots["tooltip"]] == ["Đơn vị", "Đăng ký", "Tỉ lệ tham gia",
                                                      "Đạt", "Tỉ lệ Đạt"]
    assert {k: units[1][k] for k in ("registered", "participation", "recognized",
                                     "recognition")} == {
        "registered": "1.056", "participation": "29,74%", "recognized": "1.022",
        "recognition": "96,87%"}


def test_a_screen_reader_hears_each_unit_by_its_hover_and_nothing_else(schema):
    spec = valid(schema, maps.bubble_map(MAP))
    assert layer(spec, "point")["encoding"]["description"] == {"field": "described"}
    assert _units(spec)[0]["described"] == ("Đơn vị: Lộc Hòa; Đăng ký: 5; Tỉ lệ tham gia: "
                                             "0,12%; Đạt: 5; Tỉ lệ Đạt: 100,00%")
    assert layer(spec, "text")["mark"]["aria"] is False  # the labels repeat the bubbles
    assert layer(spec, "rule")["mark"]["aria"] is False


def test_the_legend_is_laid_out_in_the_room_the_ground_kept(schema):
    # Vega puts the legend beside or under the plot by itself: the padding is the margin
    # alone (the slide's map was drawn wider than the screen with the legend's room added)
    for beside in (False, True):
        spec = valid(schema, maps.bubble_map(MAP, width=1776, height=720, font_px=28,
                                             scale_beside=beside))
        assert spec["padding"] == {"left": 10, "right": 10, "top": 20, "bottom": 10}


def test_a_click_on_a_bubble_selects_its_unit(schema):
    spec = valid(schema, maps.bubble_map(MAP))
    assert layer(spec, "point")["params"] == [
        {"name": vega.CLICKED, "select": {"type": "point", "fields": ["unit_key"]}}]


def test_bubble_map_size_colour_and_label_choices(schema):
    spec = valid(schema, maps.bubble_map(MAP, size_by="age_8_60_count",
                                         colour_by="recognition_pct"))
    units = _units(spec)
    assert [u["rate"] for u in units] == pytest.approx([100.0, 96.87])
    assert units[0]["size"] == pytest.approx(70.0 ** 2)  # Lộc Hòa has more people aged 8–60
    fill = layer(spec, "point")["encoding"]["fill"]
    assert fill["title"] == charts.COLOUR_CHOICES["recognition_pct"]
    # the scale runs from 0 to the highest rate shown, Cividis step for step
    assert fill["scale"]["domain"][0] == 0 and fill["scale"]["domain"][-1] == pytest.approx(100.0)
    assert fill["scale"]["range"] == [colour for _, colour in charts.RATE_STEPS]
    assert layer(spec, "text")["data"]["values"][1]["text"] == "Lộc Thịnh\n96,87%"
    labelled = maps.bubble_map(MAP, label_by="registered_count")
    assert layer(labelled, "text")["data"]["values"][1]["text"] == "Lộc Thịnh\n1.056"


def test_a_unit_without_a_figure_is_drawn_white_not_dropped(schema):
    blank = MAP.assign(participation_pct=_f([None, 29.74, 0.2]))
    spec = valid(schema, maps.bubble_map(blank))
    assert [u["rate"] for u in _units(spec)] == [None, pytest.approx(29.74)]
    fill = layer(spec, "point")["encoding"]["fill"]
    assert fill["condition"] == {"test": "datum.rate == null", "value": maps.NO_FIGURE}
    assert layer(spec, "text")["data"]["values"][0]["text"] == "▼ Lộc Hòa\n—"


def test_reporting_map_one_legend_entry_per_state_with_shape_and_words(schema):
    units = pd.DataFrame({
        "unit_key": ["25273", "25276", "25305", "x"],
        "name": ["Lộc Hòa", "Lộc An", "Lộc Thịnh", "Xã chưa có toạ độ"],
        "state": ["complete", "late", "missing", "late"],
        "missing": ["", "Biểu chấm điểm, Biểu dân số", "Biểu dân số", "Biểu dân số"],
        "lat": [11.9421, 11.8, 11.7283, None], "lon": [106.5931, 106.6, 106.5064, None]})
    states = {"late": "Trễ hạn", "missing": "Thiếu bảng", "complete": "Đã gửi đủ"}
    spec = valid(schema, maps.reporting_map(units, states))
    assert spec["projection"]["type"] == "mercator" and "url" not in json.dumps(spec)  # offline
    # fitted to the units with room for the labels under them: more below than above
    (x0, y0), (x1, y1) = spec["projection"]["fit"]["geometry"]["coordinates"]
    assert x0 < 106.5064 and x1 > 106.6 and y1 > 11.9421 and y0 < 11.7283
    assert 11.7283 - y0 > y1 - 11.9421
    marks = layer(spec, "point")["encoding"]
    # the unit without a centre is not drawn, and not counted on the legend
    legend = ["✗ Trễ hạn (1)", "… Thiếu bảng (1)", "✓ Đã gửi đủ (1)"]
    assert marks["color"]["scale"]["domain"] == legend == marks["shape"]["scale"]["domain"]
    assert marks["shape"]["scale"]["range"] == ["cross", "diamond", "circle"]
    assert len(set(marks["color"]["scale"]["range"])) == 3
    rows = _units(spec)
    assert [r["text"] for r in rows] == ["✓ Lộc Hòa", "✗ Lộc An", "… Lộc Thịnh"]
    assert rows[1]["detail"] == "Trễ hạn: thiếu Biểu chấm điểm, Biểu dân số"
    assert rows[0]["detail"] == "Đã gửi đủ"
    assert marks["color"]["title"] == "Tình trạng báo cáo:"


def test_map_leaves_room_for_the_outermost_labels(schema):
    spec = valid(schema, maps.bubble_map(MAP))
    lo, hi = layer(spec, "point")["encoding"]["x"]["scale"]["domain"]
    assert lo < 106.5064 and hi > 106.5931  # no label at the edge is cut
    assert layer(spec, "point")["encoding"]["fill"]["legend"]["orient"] == "bottom"  # phones


def test_a_slide_map_writes_every_word_28_px(schema):
    spec = valid(schema, maps.bubble_map(MAP, width=1776, height=700, font_px=28,
                                         scale_beside=True))
    assert layer(spec, "text")["mark"]["fontSize"] == 28
    legend = layer(spec, "point")["encoding"]["fill"]["legend"]
    assert legend["labelFontSize"] == legend["titleFontSize"] == 28
    assert legend["orient"] == "right"
    assert spec["config"]["legend"]["labelFontSize"] == 28


def test_names_are_drawn_as_written(schema):
    evil = MAP.assign(name=['<a href="http://evil.example">bấm</a>', "A &amp; B", "x"])
    spec = valid(schema, maps.bubble_map(evil))
    assert layer(spec, "text")["data"]["values"][0]["text"].startswith(
        '▼ <a href="http://evil.example">bấm</a>\n')  # Vega-Lite draws text as text
    assert _units(spec)[1]["name"] == "A &amp; B"


ANTICLOCKWISE = [[106.5, 11.8], [106.6, 11.8], [106.6, 11.9], [106.5, 11.9], [106.5, 11.8]]
HOLE_CLOCKWISE = [[106.52, 11.82], [106.52, 11.85], [106.55, 11.85], [106.52, 11.82]]


def test_boundaries_are_wound_as_vega_draws_them():
    # d3-geo reads an anticlockwise outer ring (as RFC 7946 writes it) as the whole globe but
    # the unit: the outer ring turns clockwise, a hole anticlockwise, whichever way they came
    polygon = {"type": "Polygon", "coordinates": [ANTICLOCKWISE, HOLE_CLOCKWISE]}
    drawn = maps.drawn_winding(polygon)["coordinates"]
    assert drawn == [ANTICLOCKWISE[::-1], HOLE_CLOCKWISE[::-1]]
    assert maps.drawn_winding({"type": "Polygon", "coordinates": drawn})["coordinates"] == drawn
    multi = maps.drawn_winding({"type": "MultiPolygon", "coordinates": [[ANTICLOCKWISE]]})
    assert multi["coordinates"] == [[ANTICLOCKWISE[::-1]]]
    assert polygon["coordinates"][0] == ANTICLOCKWISE  # the file's own geometry is left as it is


class _Event:
    """What st.vega_lite_chart returns with on_select: the selection by parameter name."""

    def __init__(self, selection):
        self.selection = selection


@pytest.mark.parametrize("selection, key", [
    ({"unit": [{"unit_key": "25273"}]}, "25273"),  # a click on Lộc Hòa
    ({"unit": []}, None),  # nothing clicked, or the click undone
    ({}, None),  # a map drawn without a selection
    ({"unit": [{"unit_key": None}, {"unit_key": "25305"}]}, "25305"),
])
def test_the_unit_clicked_on_a_map_or_a_league_bar(selection, key):
    assert vega.clicked(_Event(selection)) == key
    assert vega.clicked(None) is None


NO_STREAMLIT = ("import importlib, pkgutil, sys, cdht_data\n"
                "import ui.charts, ui.maps, ui.vega, ui.tables\n"
                "for m in pkgutil.walk_packages(cdht_data.__path__, 'cdht_data.'):\n"
                "    if not m.name.endswith('__main__'):\n"
                "        importlib.import_module(m.name)\n"
                "print('streamlit' in sys.modules)")


def _imports_streamlit(code: str) -> bool:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    return out.stdout.strip() == "True"


@pytest.mark.slow  # a fresh Python process imports every module
def test_charts_tables_and_the_data_core_never_import_streamlit():
    assert not _imports_streamlit(NO_STREAMLIT)
    assert _imports_streamlit(NO_STREAMLIT.replace("ui.tables", "ui.tables, ui.data"))  # the probe works
