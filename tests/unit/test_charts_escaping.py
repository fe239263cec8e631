"""Unit and group names in chart labels and hover texts are shown as written: Vega-Lite draws
text as text, so names go to it unchanged (no tag read, no entity decoded, nothing escaped)."""

import pandas as pd

from ui import maps, vega

EVIL = '<a href="http://evil.example">bấm</a><br><b>Lộc Hòa</b> &amp;'
GROUP = "<i>Nông dân</i>"


def _i(values):
    return pd.array(values, dtype="Int64")


def _f(values):
    return pd.array(values, dtype="Float64")


def _strings(node):
    """Every string in a spec."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _strings(value)


def _as_written(spec) -> list[str]:
    texts = list(_strings(spec))
    assert not any("&lt;" in t or "&amp;amp;" in t for t in texts)
    return texts


UNITS = pd.DataFrame({
    "unit_key": ["25273", "25305"], "code": ["25273", "25305"], "name": [EVIL, "Lộc Thịnh"],
    "registered_count": _i([5, 1056]), "assessed_count": _i([5, 1055]),
    "recognized_count": _i([5, 1022]), "age_8_60_count": _i([4175, 3551]),
    "participation_pct": _f([0.12, 29.74]), "recognition_pct": _f([100.0, 96.87]),
    "lat": [11.9421, 11.7283], "lon": [106.5931, 106.5064], "is_low_uptake": [True, False],
})
LONG = pd.DataFrame({
    "unit_key": ["a", "a", "b", "b"], "name": [EVIL, EVIL, "Lộc Phú", "Lộc Phú"],
    "group_no": [1, 2, 1, 2], "group_name": [GROUP, "Công nhân"] * 2,
    "recognized_count": _i([60, 3, 309, 143]), "not_recognized_count": _i([543, 46, 45, 4]),
    "assessed_count": _i([603, 49, 354, 147]),
    "recognition_pct": _f([60 / 603 * 100, 3 / 49 * 100, 309 / 354 * 100, 143 / 147 * 100])})


def test_bubble_map_labels_and_hover_name_units_as_written():
    spec = maps.bubble_map(UNITS)
    texts = _as_written(spec)
    assert f"▼ {EVIL}\n0,12%" in texts  # the label, its own line break kept
    assert spec["data"]["values"][0]["name"] == EVIL  # the hover
    # a line break in a name stays out of the label, whose one break is its own
    broken = maps.bubble_map(UNITS.assign(name=["Lộc\nHòa", "Lộc Thịnh"]))
    assert "▼ Lộc Hòa\n0,12%" in _as_written(broken)


def test_choropleth():
    shape = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "25273", "properties": {"ten": EVIL},
         "geometry": {"type": "Polygon", "coordinates": [[[106.5, 11.9], [106.6, 11.9],
                                                          [106.6, 12.0], [106.5, 11.9]]]}}]}
    spec = maps.choropleth(shape, UNITS)
    _as_written(spec)
    assert [f["properties"]["name"] for f in spec["data"]["values"]["features"]] == [EVIL]


def test_group_charts_get_names_as_written():
    # Vega-Lite draws text as text: the names go to it as written
    for spec in (vega.group_counts_by_unit(LONG, {1: GROUP, 2: "Công nhân"}),
                 vega.group_heatmap(LONG)):
        texts = _as_written(spec)
        assert any(t.startswith(EVIL) for t in texts) and GROUP in texts
