"""Commune boundary files (GeoJSON) supplied by a provincial office, matched to our units.

Boundaries are not shipped (the public sets forbid redistribution): a user puts a file in
`data/boundaries/` or uploads one. Features are matched on a code property first, then on the
normalised name, so "Lộc Hoà" or "Xã Lộc Hòa" finds the commune.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import limits
from .errors import InputError
from .formatting import fmt_int
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


def read_file(path: Path) -> bytes:
    """The bytes of a boundary file in the folder, refused before reading when too big."""
    limits.check_file(path, limits.BOUNDARY)
    return path.read_bytes()


def parse_geojson(raw: bytes | str, source: str) -> dict:
    """The FeatureCollection in `raw`, or an InputError naming the file and the fault.

    Bounded before and after parsing (limits.py): the file's size, the JSON's nesting (Python's
    reader gives up with RecursionError near 1,000 levels), the number of features and of
    points. Each polygon's rings must be lists of [longitude, latitude] numbers.
    """
    limits.check_size(len(raw if isinstance(raw, bytes) else raw.encode("utf-8")),
                      limits.BOUNDARY, source)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"không phải tệp GeoJSON hợp lệ (lỗi cú pháp JSON ở dòng {exc.lineno}, "
                         f"cột {exc.colno})", file=source) from exc
    except UnicodeDecodeError as exc:
        raise InputError("không phải tệp GeoJSON hợp lệ (không ở mã UTF-8)", file=source) from exc
    except RecursionError as exc:
        raise InputError("không phải tệp GeoJSON hợp lệ (dữ liệu lồng nhau quá sâu)",
                         file=source) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError("tệp ranh giới phải là một GeoJSON «FeatureCollection»", file=source)
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise InputError("tệp ranh giới không có vùng (feature) nào", file=source)
    if len(features) > limits.GEOJSON_FEATURES:
        raise InputError(f"tệp ranh giới có {fmt_int(len(features))} vùng, quá giới hạn "
                         f"{fmt_int(limits.GEOJSON_FEATURES)} vùng", file=source)
    points = 0
    for i, feat in enumerate(features, start=1):
        geom = feat.get("geometry") if isinstance(feat, dict) else None
        if not isinstance(geom, dict) or geom.get("type") not in ("Polygon", "MultiPolygon"):
            raise InputError(f"vùng thứ {i} không phải đa giác (Polygon/MultiPolygon)",
                             file=source, row=i, column="geometry")
        props = feat.get("properties")
        if not isinstance(props, (dict, type(None))) or _deeper_than(props, limits.GEOJSON_DEPTH):
            raise InputError(f"vùng thứ {i} có thuộc tính (properties) không phải một bảng tên – "
                             f"giá trị, hoặc lồng nhau quá {limits.GEOJSON_DEPTH} tầng",
                             file=source, row=i, column="properties")
        points += _polygon_points(geom, i, source)
        if points > limits.GEOJSON_POINTS:
            raise InputError(f"tệp ranh giới có hơn {fmt_int(limits.GEOJSON_POINTS)} điểm toạ "
                             "độ; hãy giản lược ranh giới (simplify) trước khi dùng", file=source)
    return data



def _deeper_than(value, limit: int) -> bool:
    """Whether a JSON value nests lists and objects more than `limit` levels deep."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth == limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def _polygon_points(geom: dict, i: int, source: str) -> int:
    """Points of a Polygon or MultiPolygon; refused unless every ring is [lon, lat] numbers."""
    coordinates = geom.get("coordinates")
    polygons = [coordinates] if geom["type"] == "Polygon" else coordinates
    try:
        rings = [ring for polygon in polygons for ring in polygon]
        arrays = [np.asarray(ring) for ring in rings]
    except (TypeError, ValueError) as exc:  # not lists, or ragged / nested too deep
        raise _bad_coordinates(i, source) from exc
    for arr in arrays:
        if arr.size and not (arr.ndim == 2 and arr.shape[1] in (2, 3) and arr.dtype.kind in "if"
                             and np.isfinite(arr).all()):
            raise _bad_coordinates(i, source)
    return sum(len(arr) for arr in arrays)


def _bad_coordinates(i: int, source: str) -> InputError:
    return InputError(f"vùng thứ {i} có toạ độ không hợp lệ: mỗi vòng ranh giới phải là danh "
                      "sách điểm [kinh độ, vĩ độ]", file=source, row=i, column="geometry")


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
    # the unit's own name: a page's `name` may carry a mark ("Tân Tiến (◐ một phần)")
    names = units["unit_name"] if "unit_name" in units else units["name"]
    by_name = {name_key(n): k for k, n in zip(units["unit_key"], names)}
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
