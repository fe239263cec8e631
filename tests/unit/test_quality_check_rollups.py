"""The quality checks summed per area (quality_check_rollups): stored with the checks by every
build, import, undo and upgrade, and equal to summing the checks the long way, area by area."""

from collections import Counter

import duckdb
import pytest

from cdht_data import store
from cdht_data.ingest import import_file
from cdht_data.undo import undo
from tests.paths import SCORING_2024


def summed_the_long_way(con) -> Counter:
    """Every check counted for each area it concerns, walking the units' parents in Python: an
    area counts a check when the checked unit lies in it (target: the area's child on the way
    down, or the unit itself when it is the area), or else when the table's own area lies in it
    (target: None)."""
    parents = dict(con.execute("SELECT unit_key, parent_key FROM units").fetchall())

    def chain(key):  # the unit, its parent, ..., the top
        out = []
        while key is not None:
            out.append(key)
            key = parents.get(key)
        return out

    sums = Counter()
    for dataset_id, as_of, table_area, unit_key, rule, severity, passed, count in con.execute(
            "SELECT c.dataset_id, c.as_of, d.area_key, c.unit_key, c.rule, c.severity, c.passed, "
            "c.check_count FROM quality_checks c JOIN datasets d USING (dataset_id)").fetchall():
        down = chain(unit_key) if unit_key in parents else []
        for i, area in enumerate(down):
            target = down[i - 1] if i else unit_key
            sums[(dataset_id, as_of, area, target, rule, severity, passed)] += count
        for area in chain(table_area):
            if area not in down:
                sums[(dataset_id, as_of, area, None, rule, severity, passed)] += count
    return sums


def stored(con) -> Counter:
    rows = con.execute("SELECT dataset_id, as_of, area_key, target_key, rule, severity, passed, "
                       "check_count FROM quality_check_rollups").fetchall()
    sums = Counter({r[:-1]: r[-1] for r in rows})
    assert len(sums) == len(rows)  # one row per area, target, rule and outcome
    return sums


def test_a_build_stores_the_checks_of_every_area(bundled):
    sums = stored(bundled)
    assert sums == summed_the_long_way(bundled)
    areas = {k[2] for k in sums}
    assert {"692", "25273"} <= areas  # Lộc Ninh district and its commune Lộc Hòa
    # a table's totals row counts for the district and every area above it, never a commune's
    assert any(k[2] == "692" and k[3] is None for k in sums)
    assert not any(k[2] == "25273" and k[3] is None and k[0] == _scoring_2024(bundled)
                   for k in sums)


def _scoring_2024(con) -> int:
    return con.execute("SELECT dataset_id FROM datasets WHERE source_file = ?",
                       [SCORING_2024.name]).fetchone()[0]


def test_a_replacement_and_its_undo_refresh_them(db, corrected_2024):
    before = stored(db)
    replaced = import_file(db, corrected_2024, "scoring", replace=True)
    after = stored(db)
    assert after == summed_the_long_way(db)
    failed = {k: n for k, n in after.items() if k[2] == "25273" and not k[6]}
    assert any(k[4] == "column_number_identity" for k in failed)  # Lộc Hòa's Tổng
    assert after != before
    undo(db, replaced.history_id)
    assert stored(db) == before


@pytest.mark.parametrize("steps_back, drop", [(1, True), (2, False)])
def test_an_upgrade_fills_them_once_from_the_checks_held(store_copy, steps_back, drop):
    """From the step before them (no table), and from an earlier step on a store that already
    has them (the upgrade's steps since that version run again): counted once either way."""
    old = duckdb.connect(str(store_copy))
    expected = stored(old)
    if drop:
        old.execute("DROP TABLE quality_check_rollups")
    version = store.SCHEMA_VERSION - steps_back
    old.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
    old.close()
    assert store.upgrade(store_copy) == (version, store.SCHEMA_VERSION)
    with store.reading(store_copy) as con:
        assert stored(con) == expected
