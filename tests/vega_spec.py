"""A Vega-Lite spec as the unit tests read it: checked against the schema, its layers by mark."""

from __future__ import annotations

import json


def valid(schema, spec: dict) -> dict:
    """`spec` as the browser gets it (JSON, no NaN), with no schema error."""
    sent = json.loads(json.dumps(spec, allow_nan=False))
    assert [e.message for e in schema.iter_errors(sent)] == []
    assert sent["$schema"].endswith("/v6.json")
    return sent


def layer(spec: dict, mark: str) -> dict:
    """The first layer drawing `mark` ("bar", "text", …)."""
    return next(part for part in spec["layer"] if part["mark"]["type"] == mark)
