"""Boundary files on «Bản đồ»: parsed once per file (cached), and what the page says about a
file (its name, the features it could not place, why it was refused) shown as written."""

import json
import re

from streamlit.testing.v1 import AppTest

from cdht_data import boundaries
from tests.paths import ROOT, SYNTHETIC_BOUNDARIES
from tests.tabs import open_box

BOX = "map_box"  # the session key of the boundary box's open state (pages/ban_do.py)

EVIL_NAME = "[bấm](http://evil.example) ![x](http://evil.example/x.png).geojson"
EVIL_FEATURE = "Xã <b>Ma</b> [bấm](http://evil.example) :red[đỏ]"


def _as_shown(markdown: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


def _open() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.switch_page("pages/ban_do.py").run()
    assert not at.exception, at.exception
    assert not at.file_uploader  # the boundary box is closed: its file picker is not drawn
    return open_box(at, BOX)


def _upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="map_upload").upload(name, content, "application/geo+json").run()
    assert not at.exception, at.exception
    return at


def _with_stray_feature() -> bytes:
    doc = json.loads(SYNTHETIC_BOUNDARIES.read_text(encoding="utf-8"))
    stray = json.loads(json.dumps(doc["features"][0]))
    stray["properties"] = {"ten_xa": EVIL_FEATURE}
    doc["features"].append(stray)
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def test_a_refused_file_is_named_as_written():
    at = _upload(_open(), EVIL_NAME, b"{ not json")
    message = at.error[-1].value
    assert "](http://evil.example" not in message
    shown = _as_shown(message)
    assert f"tệp {EVIL_NAME}" in shown and "không phải tệp GeoJSON hợp lệ" in shown


def test_features_that_match_no_commune_are_listed_as_written():
    at = _upload(_open(), "ranh-gioi.geojson", _with_stray_feature())
    assert at.success[0].value.startswith("Ghép được ")
    unmatched = at.warning[-1].value
    assert "<b>Ma</b>" not in unmatched and ":red[" not in unmatched
    shown = _as_shown(unmatched)
    assert shown.startswith("Không ghép được: ") and shown.endswith(f", {EVIL_FEATURE}")


def test_a_boundary_file_is_parsed_once_per_content(monkeypatch):
    parsed = []
    parse = boundaries.parse_geojson

    def counting(raw, source):
        parsed.append(source)
        return parse(raw, source)
    monkeypatch.setattr(boundaries, "parse_geojson", counting)
    at = _upload(_open(), "ranh-gioi.geojson", SYNTHETIC_BOUNDARIES.read_bytes())
    assert at.success[0].value.startswith("Ghép được ")
    at.radio(key="map_colour").set_value("recognition_pct").run()
    at.selectbox(key="map_size").set_value("age_8_60_count").run()
    assert not at.exception and at.success[0].value.startswith("Ghép được ")
    assert parsed == ["ranh-gioi.geojson"]
    _upload(at, "khac.geojson", SYNTHETIC_BOUNDARIES.read_bytes())  # another name: parsed again
    assert parsed == ["ranh-gioi.geojson", "khac.geojson"]


def test_a_file_in_use_stays_when_its_box_is_closed():
    at = _upload(_open(), "ranh-gioi.geojson", SYNTHETIC_BOUNDARIES.read_bytes())
    drawn = [c.proto.id for c in at.get("vega_lite_chart")]
    at.session_state[BOX] = False
    at.run()
    assert not at.exception, at.exception
    assert at.file_uploader and at.success[0].value.startswith("Ghép được ")
    assert [c.proto.id for c in at.get("vega_lite_chart")] == drawn  # still the choropleth
    assert any("map_choropleth" in i for i in drawn)
