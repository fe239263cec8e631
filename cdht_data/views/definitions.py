"""Định nghĩa: every metric, the targets, the rule sets and the source of every table."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from .. import targets as target_file
from ..definitions import METRICS
from .frames import dataset_catalog, ruleset_catalog


@dataclass
class DefinitionsPage:
    metrics: pd.DataFrame  # one row per metric of definitions.METRICS
    targets: pd.DataFrame  # one row per target of data/reference/targets.toml, with its base
    rulesets: pd.DataFrame  # ruleset_catalog: rule set × group
    datasets: pd.DataFrame  # dataset_catalog: every imported table with its provenance


def target_catalog(targets: tuple[target_file.Target, ...]) -> pd.DataFrame:
    """Each target as the file states it, with the words of the base it is measured on and the
    groups it is about (rule set id → group number; empty: every group)."""
    return pd.DataFrame({
        "target_id": pd.Series([t.id for t in targets], dtype="str"),
        "source": pd.Series([t.source for t in targets], dtype="str"),
        "who": pd.Series([t.who for t in targets], dtype="str"),
        "year": pd.array([t.year for t in targets], dtype="Int64"),
        "pct": pd.array([t.pct for t in targets], dtype="Float64"),
        "base_words": pd.Series([t.base_words for t in targets], dtype="str"),
        "groups": pd.Series([dict(t.groups) for t in targets], dtype=object),
        "area": pd.Series([t.area for t in targets], dtype=object),
    })


def definitions_page(con: duckdb.DuckDBPyConnection) -> DefinitionsPage:
    """The metrics, the targets of data/reference/targets.toml, the rule sets and tables."""
    metrics = pd.DataFrame([{"name": m.name, "formula": m.formula, "numerator": m.numerator,
                             "denominator": m.denominator, "population": m.population,
                             "source": m.source} for m in METRICS.values()])
    return DefinitionsPage(metrics, target_catalog(target_file.load()), ruleset_catalog(con),
                           dataset_catalog(con))
