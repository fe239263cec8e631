"""Where a bubble map's labels go, worked out in the chart's own pixels so that no label covers
another, sits on a bubble or leaves the plot ("Thị trấn Lộc Ninh 16,70%" once sat under a bubble,
labels on top of each other on a phone and on the projector).

A chart library places text but never moves it out of the way, so the map measures each label:
its width from the advance widths of Arial (the family the map asks for; Liberation Sans, which
stands in for it on Linux, has the same widths), its height from the number of lines. Labels
are placed greedily, next to their bubble if there is room, else further out with a leader
line; one that fits nowhere is left out (the hover and the table under the map still name it).
No Streamlit here: the geometry is tested on its own (tests/unit/test_map_labels.py).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

import numpy as np

# The family the map's labels are drawn in; its widths are the ones below.
FONT_FAMILY = "Arial, 'Liberation Sans', Helvetica, sans-serif"
# Arial's advance widths in 1/1000 em (the Helvetica metrics it shares); accents do not
# widen a letter, so "ộ" is "o" wide.
_WIDTHS = {
    " ": 278, ",": 278, ".": 278, "%": 889, "(": 333, ")": 333, "-": 333, "/": 278, ":": 278,
    "–": 556, "*": 389, "▼": 1000, "…": 1000, "✓": 1000, "✗": 1000,
    **dict.fromkeys("0123456789", 556),
    **dict.fromkeys("abdeghnopqu", 556), **dict.fromkeys("cksvxyz", 500),
    **dict.fromkeys("ijl", 222), "f": 278, "t": 278, "r": 333, "m": 833, "w": 722,
    **dict.fromkeys("ABEKPSVXY", 667), **dict.fromkeys("CDHNRU", 722), **dict.fromkeys("GOQ", 778),
    "F": 611, "T": 611, "Z": 611, "L": 556, "J": 500, "I": 278, "M": 833, "W": 944,
    "Đ": 722, "đ": 556,
}
_WIDEST = 1000  # anything not in the table is taken as wide as the widest glyph
LINE_HEIGHT = 1.25  # a label's line, in em (the maps draw their labels at this line height)
GAP = 4  # px between a bubble's edge and its label, and kept free around each label
# How far out a label may go when there is no room beside its bubble, in label heights.
RINGS = (0.0, 0.6, 1.2, 2.0, 3.0, 4.5, 6.0)


def text_size(text: str, font_px: float) -> tuple[float, float]:
    """Width and height in px of a label (a line break between its lines) drawn at `font_px`."""
    lines = text.split("\n")
    widest = max(sum(_WIDTHS.get(_base(ch), _WIDEST) for ch in line) for line in lines)
    return widest / 1000 * font_px, len(lines) * LINE_HEIGHT * font_px


def _base(ch: str) -> str:
    """'ộ' → 'o', 'Đ' stays (it has no decomposition)."""
    return unicodedata.normalize("NFD", ch)[0] if ch not in _WIDTHS else ch


@dataclass(frozen=True)
class Box:
    """A rectangle in the chart's pixels, y downwards."""
    left: float
    top: float
    right: float
    bottom: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2

    def intersects(self, other: Box) -> bool:
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)

    def grown(self, by: float) -> Box:
        return Box(self.left - by, self.top - by, self.right + by, self.bottom + by)

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height

    def meets_circle(self, x: float, y: float, r: float) -> bool:
        nearest_x, nearest_y = min(max(x, self.left), self.right), min(max(y, self.top), self.bottom)
        return (nearest_x - x) ** 2 + (nearest_y - y) ** 2 < r * r


@dataclass(frozen=True)
class Bubble:
    x: float  # centre, px from the plot's left
    y: float  # centre, px from the plot's top
    r: float  # radius with its outline, px


@dataclass(frozen=True)
class Placed:
    """A label's box, and the leader line from its bubble's edge when it sits further out."""
    box: Box
    leader: tuple[tuple[float, float], tuple[float, float]] | None = None


# Directions from a bubble, tried in this order: under, over, right, left, the corners, then
# the eight between them (a label slid along its bubble's side).
_DIRECTIONS = tuple((math.cos(math.radians(a)), math.sin(math.radians(a)))
                    for a in (90, 270, 0, 180, 45, 135, 315, 225,
                              67.5, 112.5, 292.5, 247.5, 22.5, 157.5, 337.5, 202.5))


def place(bubbles: list[Bubble], sizes: list[tuple[float, float]], width: float, height: float,
          order: list[int] | None = None) -> list[Placed | None]:
    """Each bubble's label (`sizes`: its width and height) in a `width` × `height` plot, in
    the order `order` (the first placed has the most room): a box that meets no other label,
    no bubble and no leader line and stays inside the plot, or None where none is free."""
    return place_in_orders(bubbles, sizes, width, height,
                           [list(range(len(bubbles))) if order is None else order])


def place_in_orders(bubbles: list[Bubble], sizes: list[tuple[float, float]], width: float,
                    height: float, orders: list[list[int]]) -> list[Placed | None]:
    """`place` in each order, keeping the placing that leaves out fewest labels, then draws
    fewest leader lines (stopping at the first that places every label beside its bubble)."""
    clear = _clear(bubbles, sizes) if bubbles else []
    spots = [_Spots(i, b, w, h, clear[i], bubbles, width, height)
             for i, (b, (w, h)) in enumerate(zip(bubbles, sizes))]
    best, best_cost = [None] * len(bubbles), None
    for order in orders:
        placed = _place(spots, order)
        cost = cost_of(placed)
        if best_cost is None or cost < best_cost:
            best, best_cost = placed, cost
        if cost == (0, 0):
            break
    return best


def cost_of(labels: list[Placed | None]) -> tuple[int, int]:
    """Labels left out, then leader lines drawn: fewer is better."""
    return sum(p is None for p in labels), sum(bool(p and p.leader) for p in labels)


_STEPS = np.linspace(0.0, 1.0, 25)  # points along a leader line, checked against labels


class _Spots:
    """One label's candidate boxes, nearest first (from the second ring on with a leader line),
    as arrays, with those that leave the plot or meet a bubble already struck out."""

    def __init__(self, own: int, b: Bubble, w: float, h: float, clear: np.ndarray,
                 bubbles: list[Bubble], width: float, height: float):
        dirs = np.array(_DIRECTIONS)
        rings = np.array(RINGS)
        reach = (clear[None, :] + rings[:, None] * h).ravel()  # ring by ring, nearest first
        dx, dy = np.tile(dirs[:, 0], len(RINGS)), np.tile(dirs[:, 1], len(RINGS))
        cx, cy = b.x + dx * reach, b.y + dy * reach
        self.boxes = np.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], axis=1)
        self.has_leader = np.repeat(rings > 0, len(_DIRECTIONS))
        # leader: from the bubble's edge to the box's point nearest the bubble's centre
        tx = np.clip(b.x, self.boxes[:, 0], self.boxes[:, 2])
        ty = np.clip(b.y, self.boxes[:, 1], self.boxes[:, 3])
        length = np.maximum(np.hypot(tx - b.x, ty - b.y), 1e-9)
        sx, sy = b.x + (tx - b.x) * b.r / length, b.y + (ty - b.y) * b.r / length
        self.leaders = np.stack([sx, sy, tx, ty], axis=1)
        room = self.boxes + np.array([-GAP, -GAP, GAP, GAP])
        ok = ((self.boxes[:, 0] >= 0) & (self.boxes[:, 1] >= 0)
              & (self.boxes[:, 2] <= width) & (self.boxes[:, 3] <= height))
        centres = np.array([(o.x, o.y, o.r) for o in bubbles]).reshape(-1, 3)
        ok &= ~_boxes_meet_circles(room, centres).any(axis=1)
        others = np.delete(centres, own, axis=0)
        ok &= ~(self.has_leader & _segments_meet_circles(self.leaders, others).any(axis=1))
        self.ok = ok

    def first_free(self, taken: np.ndarray, lines: np.ndarray) -> Placed | None:
        """The nearest candidate that meets no placed label (`taken`: boxes) and no leader
        line (`lines`: x0, y0, x1, y1), or None."""
        ok = self.ok.copy()
        if len(taken):
            room = self.boxes[ok] + np.array([-GAP, -GAP, GAP, GAP])
            hit = _boxes_meet_boxes(room, taken).any(axis=1)
            if self.has_leader[ok].any():
                grown = taken + np.array([-GAP, -GAP, GAP, GAP])
                hit |= self.has_leader[ok] & _segments_meet_boxes(self.leaders[ok], grown).any(axis=1)
            ok[np.flatnonzero(ok)[hit]] = False
        if len(lines) and ok.any():
            room = self.boxes[ok] + np.array([-GAP, -GAP, GAP, GAP])
            hit = _segments_meet_boxes(lines, room).any(axis=0)
            hit |= self.has_leader[ok] & _segments_cross(self.leaders[ok], lines).any(axis=1)
            ok[np.flatnonzero(ok)[hit]] = False
        where = np.flatnonzero(ok)
        if not len(where):
            return None
        k = where[0]
        box = Box(*self.boxes[k].tolist())
        leader = self.leaders[k].tolist()
        return Placed(box, ((leader[0], leader[1]), (leader[2], leader[3]))
                      if self.has_leader[k] else None)


def _boxes_meet_circles(boxes: np.ndarray, circles: np.ndarray) -> np.ndarray:
    """(boxes × circles): whether each box meets each circle (x, y, r)."""
    x, y, r = circles[:, 0][None, :], circles[:, 1][None, :], circles[:, 2][None, :]
    nx = np.clip(x, boxes[:, 0:1], boxes[:, 2:3])
    ny = np.clip(y, boxes[:, 1:2], boxes[:, 3:4])
    return (nx - x) ** 2 + (ny - y) ** 2 < r * r


def _boxes_meet_boxes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return ((a[:, None, 0] < b[None, :, 2]) & (b[None, :, 0] < a[:, None, 2])
            & (a[:, None, 1] < b[None, :, 3]) & (b[None, :, 1] < a[:, None, 3]))


def _segments_meet_circles(segments: np.ndarray, circles: np.ndarray) -> np.ndarray:
    """(segments × circles): whether each segment passes within each circle."""
    x0, y0 = segments[:, 0:1], segments[:, 1:2]
    dx, dy = segments[:, 2:3] - x0, segments[:, 3:4] - y0
    cx, cy, r = circles[:, 0][None, :], circles[:, 1][None, :], circles[:, 2][None, :]
    t = np.clip(((cx - x0) * dx + (cy - y0) * dy) / np.maximum(dx * dx + dy * dy, 1e-9), 0, 1)
    return (x0 + t * dx - cx) ** 2 + (y0 + t * dy - cy) ** 2 < r * r


def _segments_meet_boxes(segments: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """(segments × boxes): whether a point along each segment (every 1/24 of it) lies inside
    each box, which is fine enough for labels many px across."""
    px = segments[:, 0:1] + (segments[:, 2:3] - segments[:, 0:1]) * _STEPS  # segments × steps
    py = segments[:, 1:2] + (segments[:, 3:4] - segments[:, 1:2]) * _STEPS
    inside = ((boxes[None, None, :, 0] < px[:, :, None]) & (px[:, :, None] < boxes[None, None, :, 2])
              & (boxes[None, None, :, 1] < py[:, :, None]) & (py[:, :, None] < boxes[None, None, :, 3]))
    return inside.any(axis=1)


def _segments_cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(a × b): whether each segment of `a` crosses each of `b` (two leader lines in an X)."""
    def side(p, q, r):  # which side of p→q the point r is on
        return np.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))
    a0, a1 = (a[:, None, 0], a[:, None, 1]), (a[:, None, 2], a[:, None, 3])
    b0, b1 = (b[None, :, 0], b[None, :, 1]), (b[None, :, 2], b[None, :, 3])
    return ((side(a0, a1, b0) * side(a0, a1, b1) < 0)
            & (side(b0, b1, a0) * side(b0, b1, a1) < 0))


def _place(spots: list[_Spots], order: list[int]) -> list[Placed | None]:
    placed: list[Placed | None] = [None] * len(spots)
    taken, lines = np.empty((0, 4)), np.empty((0, 4))
    for i in order:
        spot = spots[i].first_free(taken, lines)
        if spot is None:
            continue
        placed[i] = spot
        box = spot.box
        taken = np.vstack([taken, [box.left, box.top, box.right, box.bottom]])
        if spot.leader:
            (x0, y0), (x1, y1) = spot.leader
            lines = np.vstack([lines, [x0, y0, x1, y1]])
    return placed


def _clear(bubbles: list[Bubble], sizes: list[tuple[float, float]]) -> np.ndarray:
    """(labels × directions): how far along each direction a label's box centre must go from
    its bubble's centre for the box to clear the bubble by GAP, halved until within 1/1000 px,
    every label and direction at once."""
    dirs = np.array(_DIRECTIONS)
    reach = np.array([b.r + GAP for b in bubbles])[:, None]
    half_w = np.array([w / 2 for w, _ in sizes])[:, None]
    half_h = np.array([h / 2 for _, h in sizes])[:, None]
    near = np.zeros((len(bubbles), len(dirs)))
    far = np.broadcast_to(reach + 2 * np.hypot(half_w, half_h), near.shape).copy()
    for _ in range(24):
        mid = (near + far) / 2
        out_x = np.maximum(np.abs(dirs[None, :, 0] * mid) - half_w, 0)
        out_y = np.maximum(np.abs(dirs[None, :, 1] * mid) - half_h, 0)
        inside = out_x ** 2 + out_y ** 2 < reach * reach
        near, far = np.where(inside, mid, near), np.where(inside, far, mid)
    return far
