"""Boundary files: parsing, matching features to units by code and by normalised name, refusals,
and the choropleth drawn from them.

tests/data/synthetic_boundaries_loc_ninh.geojson is SYNTHETIC: squares around commune centres of
data/reference/units.csv, not real boundaries (those are not shipped).
"""

import json
import unicodedata

import pandas as pd
import pytest

from cdht_data import boundaries, limits
from cdht_data.definitions import LowUptake
from cdht_data.errors import InputError
from tests.paths import SYNTHETIC_BOUNDARIES
from tests.vega_spec import layer, valid
from ui import charts, maps

UNITS = pd.DataFrame({
    "unit_key": ["25270", "25273", "25276", "25285", "25306"],
    "code": ["25270", "25273", "25276", "25285", "25306"],
    "name": ["Thị trấn Lộc Ninh", "Lộc Hòa", "Lộc An", "Lộc Thiện", "Lộc Khánh"],
})


@pytest.fixture
def shape():
    name = SYNTHETIC_BOUNDARIES.name
    raw = SYNTHETIC_BOUNDARIES.read_bytes()
    return boundaries.match_units(boundaries.parse_geojson(raw, name), UNITS, name)


def test_the_file_says_it_is_synthetic_and_holds_the_variants():
    doc = json.loads(SYNTHETIC_BOUNDARIES.read_text(encoding="utf-8"))
    assert "SYNTHETIC" in doc["name"] and doc["properties"]["synthetic"] is True
    names = [f["properties"].get("ten_xa") or f["properties"].get("name") for f in doc["features"]]
    assert "Xã Lộc Ho\u00e0" in names  # old tone placement: "Hoà", not "Hòa"
    assert any(not unicodedata.is_normalized("NFC", n) for n in names)  # a decomposed name


def test_features_matched_by_code_then_by_normalised_name(shape):
    assert shape.matched == {
        "25276": "Xã Lộc An (tên sai để thử mã)",  # by "ma_xa" although the name fits nothing
        "25273": "Xã Lộc Hoà",
        "25285": unicodedata.normalize("NFD", "Lộc Thiện"),
        "25270": "TT. Lộc Ninh",
    }
    assert [f.get("id") for f in shape.geojson["features"]] == [
        "25276", "25273", "25285", "25270", None]
    assert shape.source == SYNTHETIC_BOUNDARIES.name


def test_unmatched_features_are_listed(shape):
    assert shape.unmatched == ["Xã Không Có Thật"]
    assert "25306" not in shape.matched  # Lộc Khánh has no feature


def test_a_feature_without_name_or_code_is_listed_by_its_row():
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": []}}]}
    assert boundaries.match_units(doc, UNITS, "x.geojson").unmatched == ["vùng 1"]


def _refusal(raw) -> InputError:
    with pytest.raises(InputError) as caught:
        boundaries.parse_geojson(raw, "ranh-gioi.geojson")
    assert caught.value.file == "ranh-gioi.geojson"
    assert "ranh-gioi.geojson" in str(caught.value)
    return caught.value


def test_invalid_json_is_refused():
    assert "không phải tệp GeoJSON hợp lệ" in _refusal(b"{not json").message
    assert "không phải tệp GeoJSON hợp lệ" in _refusal(b"\xff\xfe\x00garbage").message


@pytest.mark.parametrize("doc", [
    [1, 2],
    {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []}},
    {"type": "GeometryCollection", "geometries": []},
])
def test_not_a_feature_collection_is_refused(doc):
    assert "FeatureCollection" in _refusal(json.dumps(doc)).message


def test_an_empty_collection_is_refused():
    assert "không có vùng" in _refusal('{"type": "FeatureCollection", "features": []}').message


def test_a_non_polygon_is_refused_naming_its_row():
    doc = json.loads(SYNTHETIC_BOUNDARIES.read_text(encoding="utf-8"))
    doc["features"][2]["geometry"] = {"type": "Point", "coordinates": [106.5, 11.8]}
    err = _refusal(json.dumps(doc, ensure_ascii=False))
    assert (err.row, err.column) == (3, "geometry")
    assert "vùng thứ 3 không phải đa giác" in err.message
    assert "dòng 3" in str(err)


def test_boundary_files_lists_geojson_and_json_only(tmp_path):
    for name in ("b.geojson", "a.JSON", "notes.txt"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in boundaries.boundary_files(tmp_path)] == ["a.JSON", "b.geojson"]
    assert boundaries.boundary_files(tmp_path / "missing") == []


def _frame(keys, names, participation, recognition, low) -> pd.DataFrame:
    """A map frame (views.map_page) with the columns the choropleth reads."""
    n = len(keys)
    return pd.DataFrame({
        "unit_key": keys, "name": names,
        "registered_count": pd.array([5] * n, dtype="Int64"),
        "recognized_count": pd.array([4] * n, dtype="Int64"),
        "participation_pct": pd.array(participation, dtype="Float64"),
        "recognition_pct": pd.array(recognition, dtype="Float64"), "is_low_uptake": low})


def test_choropleth_from_the_synthetic_file(shape, schema):
    frame = _frame(["25270", "25273", "25276", "25285", "25306"], UNITS["name"],
                   [16.7, 0.12, 0.53, 0.2, 0.2], [60.0, 100.0, 50.0, 75.0, 100.0],
                   [False, True, True, True, True])
    spec = valid(schema, maps.choropleth(shape.geojson, frame))
    assert spec["projection"] == {"type": "mercator"}  # no tiles: drawn on white, offline
    assert "url" not in json.dumps(spec)
    features = spec["data"]["values"]["features"]
    # Lộc Khánh has no feature: it is not drawn; the others in the file's order
    assert [f["id"] for f in features] == ["25276", "25273", "25285", "25270"]
    shown = {f["id"]: f["properties"] for f in features}
    assert {k: p["rate"] for k, p in shown.items()} == pytest.approx(
        {"25270": 16.7, "25273": 0.12, "25276": 0.53, "25285": 0.2})
    assert {k: p["edge"] for k, p in shown.items()} == {"25270": 1, "25273": 4, "25276": 4,
                                                        "25285": 4}
    assert shown["25273"]["edge_colour"] == charts.LOW_COLOUR
    assert shown["25273"]["participation"] == "0,12%"
    areas = layer(spec, "geoshape")
    assert areas["params"][0]["select"]["fields"] == ["unit_key"]  # a click opens the unit
    assert {"calculate": "datum.properties.unit_key", "as": "unit_key"} in spec["transform"]


def test_choropleth_colours_by_the_chosen_rate(shape, schema):
    frame = _frame(["25273"], ["Lộc Hòa"], [0.12], [80.0], [LowUptake().threshold_pct > 0.12])
    spec = valid(schema, maps.choropleth(shape.geojson, frame, "recognition_pct"))
    assert [f["properties"]["rate"] for f in spec["data"]["values"]["features"]] == [80.0]
    fill = layer(spec, "geoshape")["encoding"]["fill"]
    assert fill["title"] == charts.COLOUR_CHOICES["recognition_pct"]


# ---------------------------------------------------------------- files that must not stop the page

def _doc(features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": features})


def _square(properties=None, coordinates=None):
    ring = [[106.5, 11.8], [106.6, 11.8], [106.6, 11.9], [106.5, 11.8]]
    return {"type": "Feature", "properties": properties or {"ten_xa": "Lộc Hòa"},
            "geometry": {"type": "Polygon", "coordinates": coordinates or [ring]}}


def test_a_file_over_the_size_limit_is_refused_saying_the_limit():
    err = _refusal(b" " * (limits.BOUNDARY.bytes + 1))
    assert "quá giới hạn 5 MB" in err.message


def test_a_file_in_the_folder_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "to.geojson"
    with open(path, "wb") as f:  # sparse: 51 MB on paper, nothing on disk
        f.truncate(51 * 2**20)
    monkeypatch.setattr(type(path), "read_bytes", lambda p: pytest.fail("read"))
    with pytest.raises(InputError, match="quá giới hạn 5 MB") as err:
        boundaries.read_file(path)
    assert err.value.file == "to.geojson"


@pytest.mark.parametrize("raw", [b"[" * 100_000, b'{"a":' * 100_000])
def test_json_nested_past_the_reader_is_refused(raw):
    assert "lồng nhau quá sâu" in _refusal(raw).message


def test_deeply_nested_properties_are_refused_naming_the_feature():
    deep: dict = {}
    inner = deep
    for _ in range(limits.GEOJSON_DEPTH + 5):
        inner["x"] = {}
        inner = inner["x"]
    err = _refusal(_doc([_square(), _square(properties=deep)]))
    assert (err.row, err.column) == (2, "properties")


@pytest.mark.parametrize("coordinates", [
    [[["106.5", "11.8"], ["106.6", "11.8"]]],          # numbers as text
    [[[106.5, float("nan")], [106.6, 11.8]]],           # not a number
    [[[True, False]]],
    [[[[[[[[106.5, 11.8]]]]]]]],                        # nested past a ring
    [[106.5, 11.8, 106.6]],                             # a ring of numbers, not of points
    "106.5 11.8",
    [[[106.5, 11.8], [106.6]]],                         # ragged
])
def test_coordinates_that_are_not_points_are_refused(coordinates):
    err = _refusal(_doc([_square(), _square(coordinates=coordinates)]))
    assert (err.row, err.column) == (2, "geometry")
    assert "toạ độ không hợp lệ" in err.message


@pytest.mark.parametrize("feature, column", [
    ([1, 2], "geometry"),
    ({"type": "Feature", "geometry": "Polygon"}, "geometry"),
    ({**_square(), "properties": ["ten_xa", "Lộc Hòa"]}, "properties"),
])
def test_features_of_the_wrong_shape_are_refused(feature, column):
    err = _refusal(_doc([_square(), feature]))
    assert (err.row, err.column) == (2, column)


def test_too_many_features_are_refused():
    err = _refusal(_doc([_square()] * (limits.GEOJSON_FEATURES + 1)))
    assert "20.001 vùng, quá giới hạn 20.000 vùng" in err.message


def test_too_many_points_are_refused(monkeypatch):
    monkeypatch.setattr(limits, "GEOJSON_POINTS", 7)
    err = _refusal(_doc([_square(), _square()]))
    assert "hơn 7 điểm toạ độ" in err.message


def test_a_json_syntax_error_is_described_in_vietnamese():
    err = _refusal(b'{"type": "FeatureCollection",\n "features": [}')
    assert "dòng 2, cột 15" in err.message and "Expecting" not in str(err)
