"""Names held in strings (cdht_data.keys): one definition each, groups of any number of digits."""

import pytest

from cdht_data import keys
from cdht_data.quality.findings import metric_of


@pytest.mark.parametrize("key, parsed", [
    ("g2_recognized", (2, "recognized")), ("g12_not_recognized", (12, "not_recognized")),
    ("g3_ratio", (3, "ratio")), ("g_recognized", None), ("g2_recognised", None),
    ("printed_assessed", None)])
def test_a_group_cell_names_its_group_and_measure(key, parsed):
    assert keys.parse_group_cell(key) == parsed


def test_group_columns_round_trip_for_groups_beyond_nine():
    column = keys.group_column(12, "not_recognized")
    assert column == "g12_not_recognized_count"
    assert keys.parse_group_column(column) == (12, "not_recognized")
    assert keys.groups_in(["g12_recognized_count", "g2_registered_count", "age_8_60_count"]) \
        == [2, 12]


@pytest.mark.parametrize("cell, column", [
    ("g12_recognized", "g12_recognized_count"), ("g1_not_recognized", "g1_not_recognized_count"),
    ("g12_ratio:registered", "g12_registered_count"), ("g1_ratio:pct", None),
    ("band_70_79", "band_70-79_count"), ("band_90_100", "band_90-100_count"),
    ("age_8_60_count", "age_8_60_count"), ("g1_ratio", None)])
def test_a_source_cell_marks_the_figure_that_shows_it(cell, column):
    assert metric_of(cell) == column


def test_every_kind_has_its_words():
    assert set(keys.KINDS) == {"scoring", "population", "pilot", "records", "text", "group-sizes"}
    assert keys.TABLE_KINDS["text"].words == "số liệu lời văn"
    assert set(keys.SCORING_KINDS) < set(keys.KINDS)
    assert [keys.band_label(b) for b in keys.BANDS] == ["70–79", "80–89", "90–100"]
