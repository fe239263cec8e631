"""Who has reported: the bundled period of Lộc Ninh, the SYNTHETIC 31/12/2025 tables of the 7
new communes, a period half sent with a deadline, and a template sent back unfilled."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from cdht_data import store
from cdht_data.deadlines import set_deadline
from cdht_data.errors import InputError
from cdht_data.ingest import import_file
from cdht_data.reporting import reporting_status, status_json
from cdht_data.template import scoring_template
from tests.tables import SCORING, report

SEP30, DEC31, MAR31 = dt.date(2024, 9, 30), dt.date(2025, 12, 31), dt.date(2025, 3, 31)
# the 16 communes of huyện Lộc Ninh (data/reference/units.csv), as both bundled tables list them
LOC_NINH = ["25270", "25273", "25276", "25279", "25280", "25282", "25285", "25288", "25291",
            "25292", "25294", "25297", "25300", "25303", "25305", "25306"]
NEW_COMMUNES = ["25270", "25303", "25279", "25280", "25292", "25294", "25318"]


def test_all_16_communes_of_loc_ninh_reported_both_kinds_at_30_9_2024(bundled_db):
    with store.reading(bundled_db) as con:
        status = reporting_status(con, SEP30, "692")
        imported = dict(con.execute("SELECT kind, imported_at FROM datasets WHERE as_of = ? "
                                    "AND area_key = '692'", [SEP30]).fetchall())
    assert list(status["unit_code"].unique()) == LOC_NINH
    assert len(status) == 32 and status["reported"].all() and not status["late"].any()
    assert {k: set(g["since"]) for k, g in status.groupby("kind")} == {
        k: {imported[k]} for k in ("scoring", "population")}
    assert status["previous"].isna().all()  # no period before the first


def test_the_7_new_communes_reported_at_31_12_2025_and_have_30_9_2024_before(store_2025):
    with store.reading(store_2025) as con:
        status = reporting_status(con, DEC31, "Đồng Nai")
    assert list(status["unit_code"].unique()) == NEW_COMMUNES
    assert len(status) == 14 and status["reported"].all()
    # the old communes' table of 30/9/2024, through the crosswalk (Tân Tiến from Lộc An alone)
    assert set(status["previous"]) == {SEP30}


def test_the_new_communes_in_2024_reported_through_their_predecessors(bundled_db):
    with store.reading(bundled_db) as con:
        status = reporting_status(con, SEP30, "692", structure="post2025")
    assert list(status["unit_code"].unique()) == NEW_COMMUNES and status["reported"].all()


@pytest.fixture
def half_sent(store_copy, write_csv):
    """The bundled store plus a scoring table of 31/3/2025 from Lộc Hòa and Lộc An only, due
    15/4/2025 for huyện Lộc Ninh."""
    with store.writing(store_copy) as con:
        import_file(con, write_csv("s.csv", report(SCORING)), "scoring")
        set_deadline(con, MAR31, dt.date(2025, 4, 15), "692")
    return store_copy


def test_a_deadline_makes_the_missing_units_late(half_sent):
    with store.reading(half_sent) as con:
        after = reporting_status(con, MAR31, "692", today=dt.date(2025, 4, 16))
        on_the_day = reporting_status(con, MAR31, "692", today=dt.date(2025, 4, 15))
    scoring = after[after["kind"] == "scoring"].set_index("unit_code")
    assert list(scoring.index[scoring["reported"]]) == ["25273", "25276"]  # Lộc Hòa, Lộc An
    assert list(scoring.index[scoring["late"]]) == [c for c in LOC_NINH
                                                    if c not in ("25273", "25276")]
    population = after[after["kind"] == "population"]
    assert population["late"].all() and not population["reported"].any()
    assert set(after["due"]) == {dt.date(2025, 4, 15)}
    assert set(after.loc[~after["reported"], "previous"]) == {SEP30}
    assert not on_the_day["late"].any()  # late only after the due date


def test_reporting_json_keys(half_sent):
    with store.reading(half_sent) as con:
        first = status_json(reporting_status(con, MAR31, "692", today=dt.date(2025, 5, 1)))[0]
    assert first == {"unit_code": "25270", "unit_name": "Thị trấn Lộc Ninh", "kind": "scoring",
                     "reported": False, "since": None, "late": True, "previous": "2024-09-30",
                     "due": "2025-04-15"}


def test_a_deadline_for_every_area_and_one_for_the_district(store_copy):
    with store.writing(store_copy) as con:
        set_deadline(con, MAR31, dt.date(2025, 5, 1))
        set_deadline(con, MAR31, dt.date(2025, 4, 10), "Huyện Lộc Ninh")
        set_deadline(con, MAR31, dt.date(2025, 4, 20), "Huyện Lộc Ninh")  # moved
        with pytest.raises(InputError, match="trước ngày của kỳ"):
            set_deadline(con, MAR31, dt.date(2025, 3, 1))
    with store.reading(store_copy) as con:
        rows = con.execute("SELECT area_key, due FROM deadlines ORDER BY due").fetchall()
        status = reporting_status(con, None, "692", today=dt.date(2025, 4, 21))
    assert rows == [("692", dt.date(2025, 4, 20)), (None, dt.date(2025, 5, 1))]
    assert set(status["due"]) == {dt.date(2025, 4, 20)} and status["late"].all()


def test_a_template_sent_back_unfilled_is_no_report(con, tmp_path):
    path = tmp_path / "mau.xlsx"
    path.write_bytes(scoring_template(con, MAR31, "692"))
    import_file(con, path, "scoring")
    status = reporting_status(con, MAR31, "692")
    assert not status["reported"].any()


def test_an_older_store_gets_the_deadlines_table(store_copy):
    con = duckdb.connect(str(store_copy))
    con.execute("DROP TABLE deadlines")
    con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    con.close()
    assert store.upgrade(store_copy) == (4, store.SCHEMA_VERSION)
    with store.reading(store_copy) as con:
        assert con.execute("SELECT count(*) FROM deadlines").fetchone() == (0,)
