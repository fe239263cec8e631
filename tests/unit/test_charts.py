"""Figure builders of ui/charts.py on tiny frames: the traces and values each chart carries."""

import datetime as dt
import subprocess
import sys

import pandas as pd
import plotly.graph_objects as go
import pytest

from tests.paths import ROOT
from ui import charts


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


def test_bubble_map_one_point_per_placed_commune():
    fig = charts.bubble_map(MAP)
    assert [t.mode for t in fig.data] == ["markers", "text", "lines"]  # bubbles, labels, leaders
    dots = fig.data[0]
    assert isinstance(dots, go.Scatter)  # cartesian: nothing fetched from the internet
    assert list(dots.x) == [106.5931, 106.5064] and list(dots.y) == [11.9421, 11.7283]
    assert [c[0] for c in dots.customdata] == ["25273", "25305"]  # Lộc Khánh has no centre
    assert list(dots.text) == ["▼ Lộc Hòa<br>0,12%", "Lộc Thịnh<br>29,74%"]
    assert list(dots.marker.line.color) == [charts.LOW_COLOUR, "#333333"]
    assert list(dots.marker.line.width) == [5, 1]
    assert list(dots.marker.color) == pytest.approx([0.12, 29.74])
    # area ∝ registered: the biggest is 70 px across, the smallest at least 14
    assert dots.marker.size[1] == pytest.approx(70.0)
    assert dots.marker.size[0] == pytest.approx(14 + 56 * (5 / 1056) ** 0.5)
    assert fig.layout.separators == ",."
    assert fig.layout.xaxis.visible is False


def test_bubble_map_size_colour_and_label_choices():
    fig = charts.bubble_map(MAP, size_by="age_8_60_count", colour_by="recognition_pct")
    dots = fig.data[0]
    assert list(dots.marker.color) == pytest.approx([100.0, 96.87])
    assert dots.marker.size[0] == pytest.approx(70.0)  # Lộc Hòa has more people aged 8–60
    assert dots.marker.colorbar.title.text == charts.COLOUR_CHOICES["recognition_pct"]
    assert list(dots.text)[1] == "Lộc Thịnh<br>96,87%"
    labelled = charts.bubble_map(MAP, label_by="registered_count").data[0]
    assert list(labelled.text)[1] == "Lộc Thịnh<br>1.056"


def test_reporting_map_one_legend_entry_per_state_with_shape_and_words():
    units = pd.DataFrame({
        "unit_key": ["25273", "25276", "25305", "x"],
        "name": ["Lộc Hòa", "Lộc An", "Lộc Thịnh", "Xã chưa có toạ độ"],
        "state": ["complete", "late", "missing", "late"],
        "missing": ["", "Biểu chấm điểm, Biểu dân số", "Biểu dân số", "Biểu dân số"],
        "lat": [11.9421, 11.8, 11.7283, None], "lon": [106.5931, 106.6, 106.5064, None]})
    states = {"late": "Trễ hạn", "missing": "Thiếu bảng", "complete": "Đã gửi đủ"}
    fig = charts.reporting_map(units, states)
    assert all(isinstance(t, go.Scatter) for t in fig.data)  # cartesian: offline
    # the unit without a centre is not drawn, and not counted on the legend
    assert [t.name for t in fig.data] == ["✗ Trễ hạn (1)", "… Thiếu bảng (1)", "✓ Đã gửi đủ (1)"]
    assert [t.marker.symbol for t in fig.data] == ["x", "diamond", "circle"]
    assert len({t.marker.color for t in fig.data}) == 3
    assert list(fig.data[0].text) == ["✗ Lộc An"]
    assert [c[1] for c in fig.data[0].customdata] == ["Trễ hạn: thiếu Biểu chấm điểm, Biểu dân số"]
    assert [c[1] for c in fig.data[2].customdata] == ["Đã gửi đủ"]
    assert fig.layout.showlegend and fig.layout.xaxis.visible is False
    assert fig.layout.yaxis.scaleanchor == "x"  # the bubble map's ground (_place_axes)


def test_map_leaves_room_for_the_outermost_labels():
    fig = charts.bubble_map(MAP)
    lo, hi = fig.layout.xaxis.range
    assert lo < 106.5064 and hi > 106.5931  # no label at the edge is cut
    assert fig.data[0].cliponaxis is False
    assert fig.data[0].marker.colorbar.orientation == "h"  # below the map, phone-friendly


def test_every_figure_writes_numbers_the_vietnamese_way():
    figures = [charts.bubble_map(MAP)]
    for fig in figures:
        assert fig.layout.separators == ",."  # 1.000 and 16,70, for ticks too
        for axis in (fig.layout.xaxis, fig.layout.yaxis):  # 1.000 and 12.000, not 1000, 12k
            assert axis.separatethousands is True and axis.exponentformat == "none"


def test_on_slide_sets_every_word_to_28_px():
    fig = charts.on_slide(charts.bubble_map(MAP), 700)
    assert fig.layout.font.size == 28 and fig.layout.height == 700
    assert fig.data[0].textfont.size == 28
    assert fig.data[0].marker.colorbar.tickfont.size == 28


NO_STREAMLIT = ("import importlib, pkgutil, sys, cdht_data\n"
                "import ui.charts, ui.tables\n"
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
