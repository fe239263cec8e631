"""A Vega-Lite chart as an AppTest page holds it: Streamlit takes a spec's inline rows out of
the spec and sends them beside it as an Arrow table."""

from __future__ import annotations

import json

import pyarrow as pa


def spec_and_rows(chart) -> tuple[dict, list[dict]]:
    """The spec a vega_lite_chart element sends and its rows (inline in the spec, or the Arrow
    table Streamlit moved them to)."""
    spec = json.loads(chart.proto.spec)
    rows = spec.get("data", {}).get("values", [])
    if chart.proto.HasField("data") and chart.proto.data.data:
        rows = pa.ipc.open_stream(chart.proto.data.data).read_all().to_pylist()
    return spec, rows
