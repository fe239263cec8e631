"""Commune boundary files (GeoJSON) supplied by a provincial office, matched to our units.

Boundaries are not shipped (the public sets forbid redistribution): a user puts a file in
`data/boundaries/` or uploads one. Features are matched on a code property first, then on the
normalised name, so "Lộc Hoà" or "Xã Lộc Hòa" finds the commune.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import InputError
from .names import header_key, name_key
from .store import DATA_DIR

BOUNDARY_DIR = DATA_DIR / "boundaries"
CODE_PROPERTIES = ("ma_xa", "maxa", "ma", "code", "commune_code", "ma_dvhc", "id")
NAME_PROPERTIES = ("ten_xa", "tenxa", "ten", "name", "commune", "commune_name", "ten_dvhc")


@dataclass
class Boundaries:
    """A GeoJSON FeatureCollection whose features carry `id` = our unit_key where matched."""
    geojson: dict
    source: str
    matched: dict[str, str] = field(default_factory=dict)  # unit_key -> feature label
    unmatched: list[str] = field(default_factory=list)  # feature labels we could not place


def parse_geojson(raw: bytes | str, source: str) -> dict:
    """The FeatureCollection in `raw`, or an InputError naming the file and the fault."""
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"không phải tệp GeoJSON hợp lệ ({exc})", file=source) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError("tệp ranh giới phải là một GeoJSON «FeatureCollection»", file=source)
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise InputError("tệp ranh giới không có vùng (feature) nào", file=source)
    for i, feat in enumerate(features, start=1):
        geom = (feat or {}).get("geometry") or {}
        if geom.get("type") not in ("Polygon", "MultiPolygon"):
            raise InputError(f"vùng thứ {i} không phải đa giác (Polygon/MultiPolygon)",
                             file=source, row=i, column="geometry")
    return data


def _property(props: dict, wanted: tuple[str, ...]):
    by_key = {header_key(k).replace(" ", "_"): v for k, v in props.items()}
    for key in wanted:
        if by_key.get(key) not in (None, ""):
            return by_key[key]
    return None


def match_units(geojson: dict, units: pd.DataFrame, source: str) -> Boundaries:
    """Set each feature's `id` to the unit_key of the unit it draws (from `units`: unit_key,
    code, name). Features that match no unit keep no id and are listed as unmatched."""
    by_code = {str(c).strip(): k for k, c in zip(units["unit_key"], units["code"])}
    by_name = {name_key(n): k for k, n in zip(units["unit_key"], units["name"])}
    out = {"type": "FeatureCollection", "features": []}
    result = Boundaries(out, source)
    for i, feat in enumerate(geojson["features"], start=1):
        props = feat.get("properties") or {}
        code = _property(props, CODE_PROPERTIES)
        name = _property(props, NAME_PROPERTIES)
        key = by_code.get(str(code).strip()) if code is not None else None
        if key is None and name is not None:
            key = by_name.get(name_key(str(name)))
        label = str(name or code or f"vùng {i}")
        feature = {"type": "Feature", "properties": props, "geometry": feat["geometry"]}
        if key is None:
            result.unmatched.append(label)
        else:
            feature["id"] = key
            result.matched[key] = label
        out["features"].append(feature)
    return result


def boundary_files(directory: Path = BOUNDARY_DIR) -> list[Path]:
    """GeoJSON files the user put in the documented folder."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in (".geojson", ".json"))
