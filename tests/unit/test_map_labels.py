"""The bubble map's labels, in the chart's own pixels (ui/map_labels.py, charts.map_ground):
for the bundled Lộc Ninh map as the page, a phone and the presenter's slide draw it, no label
covers another, a bubble or a leader line, and none leaves the plot."""

import datetime as dt
import itertools
import math

import duckdb
import pytest

from cdht_data.definitions import LowUptake
from cdht_data.views.map import map_page
from ui import charts, presenter_look
from ui.map_labels import Box, Bubble, place, text_size

# (figure width, height, the rest of bubble_map's arguments), as each screen draws the map:
# «Bản đồ» on a computer, «Bản đồ» on a phone (ui/bubble_map.py), the presenter's map slide.
SHAPES = {
    "page": dict(width=charts.MAP_WIDTH, height=700),
    "phone": dict(width=charts.PHONE_MAP_WIDTH, height=600, **charts.PHONE_MAP_LOOK),
    "slide": dict(width=presenter_look.CONTENT_PX, height=720, font_px=presenter_look.BODY_PX,
                  scale_beside=True),
}
# Labels a screen may leave out for want of room (16 communes): none but on a phone.
MAY_LEAVE_OUT = {"page": 0, "phone": 1, "slide": 0}


def test_text_size_from_arial_widths():
    # "Lộc" = L 556 + o 556 + c 500 = 1.612 thousandths of an em: 16,12 px at 10 px;
    # "0,12%" = 0 556 + , 278 + 1 556 + 2 556 + % 889 = 2.835 → 28,35 px at 10 px
    assert text_size("Lộc", 10) == pytest.approx((16.12, 12.5))
    assert text_size("Lộc<br>0,12%", 10) == pytest.approx((28.35, 25.0))
    # an escaped "<" from data is one glyph, not four
    assert text_size("&lt;", 10) == text_size("&", 10)


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
    fig = charts.bubble_map(loc_ninh, **SHAPES[shape])
    ground = _ground(loc_ninh, fig, SHAPES[shape])
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
    # the figure draws the labels where they were placed: their centres in data units
    drawn = list(zip(fig.data[1].x, fig.data[1].y))
    assert [v for x, y in drawn for v in ground.to_px(x, y)] == pytest.approx(
        [v for b in boxes for v in b.centre], abs=1e-6)
    assert any("Lộc Thịnh<br>29,74%" == t for t in fig.data[1].text)  # 1.056 / 3.551


def test_the_plot_is_where_the_labels_were_placed_for(loc_ninh):
    # The ranges fit the plot area at one scale in both directions, so plotly keeps them as
    # given on a screen as wide as assumed (scaleanchor changes nothing) and only widens the
    # longitude range on a wider one.
    fig = charts.bubble_map(loc_ninh)
    ground = _ground(loc_ninh, fig, SHAPES["page"])
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    px_per_lon, px_per_lat = ground.width / (x1 - x0), ground.height / (y1 - y0)
    assert px_per_lat / px_per_lon == pytest.approx(fig.layout.yaxis.scaleratio)
    margin = fig.layout.margin
    assert ground.width == charts.MAP_WIDTH - margin.l - margin.r
    assert ground.height == 700 - margin.t - margin.b


def test_a_label_left_out_is_said_under_the_map(loc_ninh):
    fig = charts.bubble_map(loc_ninh, width=200, height=300)
    placed = len(fig.data[1].text)
    assert placed < 16
    assert [a.text for a in fig.layout.annotations] == [
        f"{16 - placed} đơn vị chưa ghi tên vì chật chỗ: chạm vào vòng tròn để xem"]


def _ground(data, fig, shape):
    small, big = shape.get("bubble_px", (14, 70))
    counts = data["registered_count"].astype(float)
    diameters = [small + (big - small) * math.sqrt(c / counts.max()) for c in counts]
    outline = [5 if v else 1 for v in data["is_low_uptake"]]
    return charts.map_ground(data, diameters, outline, list(fig.data[0].text), shape["height"],
                             shape["width"], shape.get("font_px", 14),
                             shape.get("scale_beside", False))


def _through(start, end, box: Box, steps: int = 200) -> bool:
    (x0, y0), (x1, y1) = start, end
    return any(box.left < x0 + (x1 - x0) * k / steps < box.right
               and box.top < y0 + (y1 - y0) * k / steps < box.bottom for k in range(steps + 1))
