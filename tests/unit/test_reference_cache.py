"""Rule sets and the unit registry are read once per reference fingerprint kept in `meta`."""

import datetime as dt
import shutil

import duckdb
import pytest

from cdht_data import store
from cdht_data.errors import StoreError
from cdht_data.reference import ruleset_for
from cdht_data.units import UnitRegistry, compute_reference_fingerprint, reference_fingerprint

DAY = dt.date(2024, 9, 30)
OVERRIDE = """
[[override]]
ruleset = "qd-324-2023"
area = "692"
pass_mark = 70
note = "thử nghiệm: điều chỉnh cho huyện Lộc Ninh"
"""


def _store_with_override(tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(store.DATA_DIR / "reference", reference)
    with open(reference / "rulesets.toml", "a", encoding="utf-8") as f:
        f.write(OVERRIDE)
    con = duckdb.connect(str(tmp_path / "override.duckdb"))
    store.init_db(con, reference)
    return con


def test_fingerprint_is_stored_when_reference_is_loaded(con):
    stored = con.execute("SELECT value FROM meta WHERE key = 'reference_fingerprint'").fetchone()
    assert stored is not None and stored[0] == compute_reference_fingerprint(con)
    assert reference_fingerprint(con) == stored[0]


def test_store_without_stored_fingerprint_falls_back_to_computing_it(con):
    con.execute("DELETE FROM meta WHERE key = 'reference_fingerprint'")
    assert reference_fingerprint(con) == compute_reference_fingerprint(con)
    assert "692" in UnitRegistry.load(con).units


def test_override_applies_to_the_area_and_every_unit_inside_it(con, tmp_path):
    plain = ruleset_for(con, DAY, "692")
    assert plain["pass_mark"] == 80 and plain["pass_mark_source"] == plain["name"]
    other = _store_with_override(tmp_path)
    try:
        assert reference_fingerprint(other) != reference_fingerprint(con)
        commune = next(u for u in UnitRegistry.load(other).children("692", DAY))
        for key in ("692", commune.unit_key):
            rs = ruleset_for(other, DAY, key)
            assert rs["pass_mark"] == 70
            assert rs["pass_mark_source"].startswith("thử nghiệm")
        assert ruleset_for(other, DAY)["pass_mark"] == 80  # no area: the rule set's own mark
        assert ruleset_for(con, DAY, "692")["pass_mark"] == 80  # the other store is unchanged
    finally:
        other.close()


def test_returned_rule_set_is_a_copy(con):
    first = ruleset_for(con, DAY, "692")
    first["groups"].clear()
    first["pass_mark"] = 1
    again = ruleset_for(con, DAY, "692")
    assert again["pass_mark"] == 80 and len(again["groups"]) == 4


def test_upgrade_brings_a_store_from_an_earlier_version_up_to_date(bundled_db, tmp_path):
    import pandas as pd

    from cdht_data.metrics import area_figures
    from cdht_data.quality.report import markers
    path = tmp_path / "old.duckdb"
    shutil.copy(bundled_db, path)
    con = duckdb.connect(str(path))
    expected = area_figures(con, "692").totals
    as_of = area_figures(con, "692").as_of
    marks = markers(con, as_of, "692")
    assert (marks["scope"] == "table").any()  # the estimated age bands: whole-column findings
    con.execute("ALTER TABLE findings DROP COLUMN whole_column")
    con.execute("DELETE FROM meta WHERE key = 'reference_fingerprint'")
    con.execute("DROP TABLE group_rollups")
    con.execute("DROP TABLE area_rollups")
    con.execute("DELETE FROM meta WHERE key = 'schema_version'")  # kept since this upgrade
    con.close()
    with pytest.raises(StoreError, match="upgrade --db"):
        store.open_read(path)
    assert store.upgrade(path) == (0, store.SCHEMA_VERSION)
    upgraded = store.open_read(path)
    try:
        assert upgraded.execute("SELECT value FROM meta WHERE key = 'reference_fingerprint'"
                                ).fetchone()[0] == compute_reference_fingerprint(upgraded)
        assert upgraded.execute("SELECT count(*) FROM area_rollups").fetchone()[0] > 0
        assert area_figures(upgraded, "692").totals == expected
        pd.testing.assert_frame_equal(markers(upgraded, as_of, "692"), marks)
    finally:
        upgraded.close()


def test_within_maps_every_unit_of_an_area_to_the_child_it_lies_in(con):
    registry = UnitRegistry.load(con)
    district = registry.within("692")
    assert district["692"] is None
    assert district["25273"] == "25273"  # Lộc Hòa, a child of the district
    province = registry.within("70")
    assert province["25273"] == "692" and province["692"] == "692"
    assert "25273" not in registry.within("25270")  # a sibling commune
    assert set(district) == {"692", *(k for k, u in registry.units.items()
                                      if "692" in registry.ancestors(k) and k != "692")}
