"""Goals read against the machine's speed reference: a figure measured at a slow moment is
also given scaled to a quiet moment's reference (100 ms), so a slow moment shows as one."""

import pytest

from bench.goals import at_nominal, goal_set, goals
from bench.report import Report, render


@pytest.mark.parametrize("value, unit, reference, expected", [
    (0.59, "s", 200, 0.295),  # the slow moment: the recompute from the Parquet file
    (933_000, "rows/s", 200, 1_866_000),  # … and the Parquet import
    (40.0, "ms", 50, 80.0),  # a fast moment scales the other way
    (1500.0, "MB", 200, None),  # memory does not scale with speed
    (4.2, "×", 200, None),  # nor does a ratio measured side by side
    (0.5, "s", None, None),  # no reference, no scaled figure
])
def test_a_figure_at_a_quiet_moment(value, unit, reference, expected):
    assert at_nominal(value, unit, reference) == expected


def test_the_goal_set_follows_the_size():
    assert goal_set(10_000_000) == "today"
    assert goal_set(70_000_000) == "national"


def test_a_goal_missed_at_a_slow_moment_shows_as_one():
    report = Report({"people": 10_000_000}, {"cpu_reference_ms_before": {"ingest": 200}})
    report.add("ingest", "records Parquet → store (DuckDB read_parquet)", seconds=10.7,
               peak_rss_mb=1000, rows=10_000_000, rows_per_s=933_000)
    goals(report, 10_000_000)
    [parquet] = [g for g in report.goals if g["goal"] == "ingest from Parquet"]
    assert (parquet["met"], parquet["reference_ms"], parquet["at_nominal"],
            parquet["met_at_nominal"]) == (False, 200, 1_866_000, True)
    line = next(line for line in render(report).splitlines() if "ingest from Parquet" in line)
    assert line.lstrip().startswith("MISSED")
    assert line.endswith("ref 200 ms → 100 ms: 1,866,000 met")
