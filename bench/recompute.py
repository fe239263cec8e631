"""Recompute every commune × group × band from raw records under the period's rule set, in
DuckDB and, as a typical dashboard would, in plain pandas and polars; each result is checked
against DuckDB's.

The product does not recompute (it aggregates records once, at import): this measures what a
recompute under a changed rule set would cost, and by how much the store beats the
alternatives. The rule is the product's own statement of it (`records.shortfalls`, with the
pass mark and floor the store holds for the period); pandas and polars restate it, being the
comparators. Every DuckDB step runs first, so the comparators' memory is not in the store's
peaks; polars, which the product never loads, is imported only when its turn comes.
"""

from __future__ import annotations

import gc
import importlib.util
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from cdht_data.keys import BANDS, BELOW_BAND
from cdht_data.records import shortfalls
from cdht_data.reference import ruleset_for
from cdht_data.synth import AS_OF, COUNTRY_KEY

from .measure import measured
from .report import Report
from .synthetic import records_file

MILLION = 1_000_000
# pandas and polars hold every record in memory (about 0.3 GB per million): above this they
# are not run (a national 70M run would need some 20 GB); their ratios come from the smaller
# sizes of the same run.
COMPARATORS_UP_TO = 10_000_000
BAND_CODES = {0: BELOW_BAND, **{i + 1: band for i, band in enumerate(BANDS)}}
IND = [f"Chỉ số {k}" for k in range(1, 11)]
# The Parquet file's columns under the store's names, so one statement of the rule reads both.
AS_STORED = ", ".join(['"Mã xã" AS code', '"Nhóm" AS group_no', '"Tổng điểm" AS total_score',
                       *(f'"{c}" AS ind_{k}' for k, c in enumerate(IND, 1))])
# Enough bits for a perfect hash table of unit number × group × band (11,372 units: 14 bits;
# groups and bands: 5), instead of DuckDB's default of 12. Set on the benchmark's own
# connection: the product never recomputes.
PERFECT_HASH_BITS = 20


def held_step(engine: str, people: int) -> str:
    kind = "store table" if engine == "duckdb" else "DataFrame"
    return f"{engine} {people:,} records, held ({kind})"


def file_step(engine: str, people: int) -> str:
    return f"{engine} {people:,} records, from the Parquet file"


def _band_sql(rule: dict) -> str:
    """The band code of a record over the store's column names. The total is tested first and
    each indicator against the floor with OR (records.shortfalls), so only the rows still
    undecided are looked at further (half the time of `least(...)` on 10M records)."""
    below = " ".join(f"WHEN {test} THEN 0" for test in shortfalls(rule).values())
    return (f"CASE {below} WHEN total_score >= 90 THEN 3 WHEN total_score >= 80 THEN 2 "
            "ELSE 1 END::UTINYINT")


def duckdb_from_file(con: duckdb.DuckDBPyConnection, rule: dict, path: Path):
    """People per commune × group × band from the Parquet file, as DuckDB's result columns.

    Each record's code is looked up in the store's unit registry (as an import does), and the
    records are counted per unit number rather than per code: integer keys with known bounds
    are counted in a perfect hash table, a third faster here than hashing the code text of
    10M records. The few result rows then get their codes back.
    """
    con.execute(f"SET perfect_ht_threshold = {PERFECT_HASH_BITS}")
    return con.execute(f"""
        SELECT u.code AS unit, grp, band, people
        FROM (SELECT u.sort_order AS unit_no, group_no AS grp, {_band_sql(rule)} AS band,
                     count(*) AS people
              FROM (SELECT {AS_STORED} FROM read_parquet($path)) r
              JOIN units u ON u.code = r.code
              GROUP BY ALL) c
        JOIN units u ON u.sort_order = c.unit_no
        ORDER BY ALL""", {"path": str(path)}).fetchnumpy()


def duckdb_held(con: duckdb.DuckDBPyConnection, rule: dict, dataset_id: int):
    """The same from the records the store holds (typed, sorted by unit and group, as the
    import writes them)."""
    return con.execute(f"""
        SELECT unit_key AS unit, group_no AS grp, {_band_sql(rule)} AS band, count(*) AS people
        FROM assessment_records WHERE dataset_id = $dataset_id
        GROUP BY ALL ORDER BY ALL""", {"dataset_id": dataset_id}).fetchnumpy()


def read_pandas(path: Path):
    return pd.read_parquet(path, columns=["Mã xã", "Nhóm", "Tổng điểm", *IND])


def pandas_recompute(rule: dict, source):
    """The same with plain pandas, as a typical Streamlit dashboard computes it, from the file
    (a path) or from a DataFrame it already holds."""
    df = read_pandas(source) if isinstance(source, Path) else source
    total = df["Tổng điểm"]
    ok = total >= rule["pass_mark"]
    if rule.get("indicator_floor") is not None:
        ok &= df[IND].min(axis=1) >= rule["indicator_floor"]
    band = np.select([~ok, total >= 90, total >= 80], [0, 3, 2], 1).astype("uint8")
    return (pd.DataFrame({"unit": df["Mã xã"], "grp": df["Nhóm"], "band": band})
            .groupby(["unit", "grp", "band"]).size().reset_index(name="people")
            .sort_values(["unit", "grp", "band"]))


def read_polars(path: Path):
    import polars as pl
    return pl.read_parquet(path, columns=["Mã xã", "Nhóm", "Tổng điểm", *IND])


def polars_recompute(rule: dict, source):
    """The same with polars: a lazy scan of the file, or a DataFrame it already holds."""
    import polars as pl
    frame = pl.scan_parquet(source) if isinstance(source, Path) else source.lazy()
    total = pl.col("Tổng điểm")
    ok = total >= rule["pass_mark"]
    if rule.get("indicator_floor") is not None:
        ok &= pl.min_horizontal(IND) >= rule["indicator_floor"]
    return (frame
            .with_columns(pl.when(~ok).then(0).when(total >= 90).then(3)
                          .when(total >= 80).then(2).otherwise(1).cast(pl.UInt8).alias("band"))
            .group_by(["Mã xã", "Nhóm", "band"]).agg(pl.len().alias("people"))
            .sort(["Mã xã", "Nhóm", "band"]).collect())


def _normal(engine: str, result) -> list[tuple]:
    """Each engine's result as the same plain rows, to check they agree (outside the timing:
    turning 170,000 rows into Python tuples is not part of computing them)."""
    if engine == "duckdb":
        rows = zip(*(result[c].tolist() for c in ("unit", "grp", "band", "people")))
    elif engine == "pandas":
        rows = result.itertuples(index=False, name=None)
    else:
        rows = result.iter_rows()
    return [(str(u), int(g), BAND_CODES[int(b)], int(n)) for u, g, b, n in rows]


def _best_of_three(report: Report, step: str, fn, **extra) -> list[tuple]:
    """Time fn three times (the first also warms the file cache), keep the fastest with the
    highest peak; return the result as plain rows."""
    best, result = None, None
    for _ in range(3):
        with measured(report, "recompute", step, **extra):
            native = fn()
        result = _normal(extra["engine"], native)
        del native
        row = report.rows.pop()
        row["groups_x_bands"] = len(result)
        peak = max(row["peak_rss_mb"], best["peak_rss_mb"] if best else 0)
        best = row if best is None or row["seconds"] < best["seconds"] else best
        best["peak_rss_mb"] = peak
    report.rows.append(best)
    return result


def engines() -> list[str]:
    """DuckDB and pandas always; polars when installed (requirements-dev.txt)."""
    return ["duckdb", "pandas"] + (["polars"] if importlib.util.find_spec("polars") else [])


def recompute(report: Report, datasets: dict[int, Path], names: list[str], db: Path,
              people: int, comparators_up_to: int = COMPARATORS_UP_TO) -> None:
    """Each engine recomputes every commune × group × band, two ways:

    - "held": from records already loaded, i.e. DuckDB from the store's records table, pandas
      and polars from a DataFrame read from the same Parquet file beforehand (the read is
      timed on its own line), as a dashboard holds its data; at --people;
    - "from the file": every engine reads the raw Parquet file (DuckDB also looks each code up
      in the store's unit registry, see duckdb_from_file); at 1M and at --people.

    DuckDB runs first, so the comparators' memory is not in its peaks. pandas and polars run
    only on sizes up to `comparators_up_to`.
    """
    path = records_file(datasets[people], "parquet")
    con = duckdb.connect(str(db), read_only=True)
    rule = ruleset_for(con, AS_OF, COUNTRY_KEY)
    dataset_id = con.execute("SELECT dataset_id FROM datasets WHERE kind = 'records'").fetchone()[0]
    reference = _best_of_three(report, held_step("duckdb", people),
                               lambda: duckdb_held(con, rule, dataset_id), rows=people,
                               engine="duckdb", people=people, held=True)
    funcs = {"duckdb": lambda source: duckdb_from_file(con, rule, source),
             "pandas": lambda source: pandas_recompute(rule, source),
             "polars": lambda source: polars_recompute(rule, source)}
    files: dict[int, list[tuple]] = {}

    def from_file(engine: str) -> None:
        for size, data in sorted(datasets.items()):
            if engine != "duckdb" and size > comparators_up_to:
                continue
            source = records_file(data, "parquet")
            result = _best_of_three(report, file_step(engine, size),
                                    lambda: funcs[engine](source), rows=size, engine=engine,
                                    people=size, held=False)
            if engine == "duckdb":
                files[size] = result
                if size == people and result != reference:
                    report.notes.append(
                        "recompute: the store's records table disagrees with the Parquet file")
            elif result != files.get(size):
                report.notes.append(f"recompute: {engine} disagrees with duckdb at {size:,}")
            del result
            gc.collect()

    from_file("duckdb")  # every DuckDB step before any comparator holds memory
    con.close()
    readers = {"pandas": read_pandas, "polars": read_polars}
    skipped = sorted(size for size in datasets if size > comparators_up_to)
    if names[1:] and skipped:
        report.notes.append(f"recompute: {', '.join(names[1:])} not run at "
                            f"{', '.join(f'{s:,}' for s in skipped)} records (above "
                            f"{comparators_up_to:,}: they hold every record in memory)")
    for engine in names[1:]:
        if people > comparators_up_to:
            from_file(engine)
            continue
        with measured(report, "recompute", f"{engine}: read {people:,} records from Parquet "
                      "into memory (before its held recompute)", rows=people, engine=engine):
            frame = readers[engine](path)
        result = _best_of_three(report, held_step(engine, people),
                                lambda: funcs[engine](frame), rows=people, engine=engine,
                                people=people, held=True)
        del frame
        gc.collect()
        if result != reference:
            report.notes.append(f"recompute: {engine} (held) disagrees with duckdb at {people:,}")
        from_file(engine)
