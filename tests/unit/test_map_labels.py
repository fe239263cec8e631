"""The bubble map's labels, in the chart's own pixels (ui/map_labels.py, maps.map_ground):
for the bundled Lộc Ninh map as the page, a phone and the presenter's slide draw it, no label
covers another, a bubble or a leader line, and none leaves the plot."""

import datetime as dt
import itertools
import math

import duckdb
import pytest

from cdht_data.definitions import LowUptake
from cdht_data.views.map import map_page
from tests.vega_spec import layer
from ui import maps, presenter_look
from ui.map_labels import Box, Bubble, place, text_size

# (figure width, height, the rest of bubble_map's arguments), as each screen draws the map:
# «Bản đồ» on a computer, «Bản đồ» on a phone (ui/bubble_map.py), the presenter's map slide.
SHAPES = {
    "page": dict(width=maps.MAP_WIDTH, height=700),
    "phone": dict(width=maps.PHONE_MAP_WIDTH, height=600, **maps.PHONE_MAP_LOOK),
    "slide": dict(width=presenter_look.CONTENT_PX, height=720, font_px=presenter_look.BODY_PX,
                  scale_beside=True),
}
# Labels a screen may leave out for want of room (16 communes): none but on a phone.
MAY_LEAVE_OUT = {"page": 0, "phone": 1, "slide": 0}


def test_text_size_from_arial_widths():
    # "Lộc" = L 556 + o 556 + c 500 = 1.612 thousandths of an em: 16,12 px at 10 px;
    # "0,12%" = 0 556 + , 278 + 1 556 + 2 556 + % 889 = 2.835 → 28,35 px at 10 px
    assert text_size("Lộc", 10) == pytest.approx((16.12, 12.5))
    assert text_size("Lộc\n0,12%", 10) == pytest.approx((28.35, 25.0))
    # drawn as written: "&lt;" from data is four glyphs (& and ; not in the table: 1000 each)
    assert text_size("&lt;", 10)[0] == pytest.approx((1000 + 222 + 278 + 1000) / 100)


def test_a_label_goes_round_a_bubble_in_its_way():
    # Two bubbles of radius 10, the second 30 px under the first: the first's label (40 × 20)
    # cannot go under it, so it goes over it; the second's goes under its own.
    bubbles = [Bubble(100, 100, 10), Bubble(100, 130, 10)]
    first, second = place(bubbles, [(40, 20), (40, 20)], 300, 300)
    assert first.box.bottom <= 100 - 10 and first.leader is None
    assert second.box.top >= 130 + 10
    # and a plot too small for any label places none
    assert place(bubbles[:1], [(400, 20)], 300, 300) == [None]


@pytest.fixture(scope="module")
def loc_ninh(bundled_db):
    con = duckdb.connect(str(bundled_db), read_only=True)
    frame = map_page(con, "692", dt.date(2024, 9, 30), None, LowUptake()).frame
    con.close()
    return frame.dropna(subset=["lat", "lon"]).reset_index(drop=True)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_no_label_covers_another_or_a_bubble_or_leaves_the_plot(loc_ninh, shape):
    spec = maps.bubble_map(loc_ninh, **SHAPES[shape])
    ground = _ground(loc_ninh, SHAPES[shape])
    boxes = [p.box for p in ground.labels if p is not None]
    assert len(loc_ninh) == 16
    assert len(boxes) >= 16 - MAY_LEAVE_OUT[shape]
    for box in boxes:
        assert box.inside(ground.width, ground.height), box
        for b in ground.bubbles:
            assert not box.meets_circle(b.x, b.y, b.r), (box, b)
    for a, b in itertools.combinations(boxes, 2):
        assert not a.intersects(b), (a, b)
    leaders = [p.leader for p in ground.labels if p is not None and p.leader]
    for (start, end), box in itertools.product(leaders, boxes):
        assert not _through(start, end, box)
    # the map draws the labels where they were placed (the middle of each box's top, in
    # degrees, its first line hung from there) and each leader line from bubble to label
    labels = layer(spec, "text")["data"]["values"]
    assert layer(spec, "text")["mark"]["baseline"] == "line-top"
    assert [v for t in labels for v in ground.to_px(t["lon"], t["lat"])] == pytest.approx(
        [v for b in boxes for v in (b.centre[0], b.top)], abs=1e-6)
    drawn = [(ground.to_px(r["lon"], r["lat"]), ground.to_px(r["lon2"], r["lat2"]))
             for r in layer(spec, "rule")["data"]["values"]]
    assert [v for line in drawn for point in line for v in point] == pytest.approx(
        [v for line in leaders for point in line for v in point], abs=1e-6)
    assert any("Lộc Thịnh\n29,74%" == t["text"] for t in labels)  # 1.056 / 3.551


def test_the_plot_is_where_the_labels_were_placed_for(loc_ninh):
    # The map is drawn at the size its labels were placed for, its scales set to the ground's
    # ranges: one scale in both directions (a degree of longitude cos(latitude) as long).
    spec = maps.bubble_map(loc_ninh)
    ground = _ground(loc_ninh, SHAPES["page"])
    dots = layer(spec, "point")["encoding"]
    (x0, x1), (y0, y1) = dots["x"]["scale"]["domain"], dots["y"]["scale"]["domain"]
    assert (x0, x1, y0, y1) == (*ground.x_range, *ground.y_range)
    assert spec["autosize"]["type"] == "pad"  # the plot keeps its size, legend and all
    assert (spec["width"], spec["height"]) == (ground.width, ground.height)
    px_per_lon, px_per_lat = ground.width / (x1 - x0), ground.height / (y1 - y0)
    mid_lat = float(loc_ninh["lat"].mean())
    assert px_per_lat / px_per_lon == pytest.approx(1 / math.cos(math.radians(mid_lat)))
    pad = spec["padding"]
    assert ground.width == maps.MAP_WIDTH - pad["left"] - pad["right"]


def test_a_label_left_out_is_said_over_the_map(loc_ninh):
    spec = maps.bubble_map(loc_ninh, width=200, height=300)
    placed = len(layer(spec, "text")["data"]["values"])
    assert placed < 16
    # on two lines where one would be wider than the map (a phone's title made it scroll)
    assert spec["title"]["text"] == [f"{16 - placed} đơn vị chưa ghi tên vì chật chỗ:",
                                     "chạm vào vòng tròn để xem"]
    wide = maps.bubble_map(loc_ninh.head(3).assign(lat=11.9, lon=106.6), width=900, height=400)
    assert wide["title"]["text"] == \
        ["2 đơn vị chưa ghi tên vì chật chỗ: chạm vào vòng tròn để xem"]
    assert "title" not in maps.bubble_map(loc_ninh)  # all 16 placed: no note


def _ground(data, shape):
    small, big = shape.get("bubble_px", (14, 70))
    counts = data["registered_count"].astype(float)
    diameters = [small + (big - small) * math.sqrt(c / counts.max()) for c in counts]
    outline = [5 if v else 1 for v in data["is_low_uptake"]]
    return maps.map_ground(data, diameters, outline,
                           maps.label_texts(data, "participation_pct"), shape["height"],
                           shape["width"], shape.get("font_px", 14),
                           shape.get("scale_beside", False))


def _through(start, end, box: Box, steps: int = 200) -> bool:
    (x0, y0), (x1, y1) = start, end
    return any(box.left < x0 + (x1 - x0) * k / steps < box.right
               and box.top < y0 + (y1 - y0) * k / steps < box.bottom for k in range(steps + 1))
