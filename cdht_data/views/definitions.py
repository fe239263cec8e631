"""Định nghĩa: every metric, the rule sets and the source of every table."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from ..definitions import METRICS
from .frames import dataset_catalog, ruleset_catalog


@dataclass
class DefinitionsPage:
    metrics: pd.DataFrame  # one row per metric of definitions.METRICS
    rulesets: pd.DataFrame  # ruleset_catalog: rule set × group
    datasets: pd.DataFrame  # dataset_catalog: every imported table with its provenance


def definitions_page(con: duckdb.DuckDBPyConnection) -> DefinitionsPage:
    metrics = pd.DataFrame([{"name": m.name, "formula": m.formula, "numerator": m.numerator,
                             "denominator": m.denominator, "population": m.population,
                             "source": m.source} for m in METRICS.values()])
    return DefinitionsPage(metrics, ruleset_catalog(con), dataset_catalog(con))
