"""Metrics on tiny inline tables: roll-ups, blanks, periods, the pilot's derived figures."""

import datetime as dt

import pandas as pd
import pytest

from cdht_data.ingest import Provenance, import_file
from cdht_data.metrics import area_figures, periods
from cdht_data.sql import sql
from tests.tables import SHORT_POP_HEADER, report


@pytest.fixture
def small(con, write_csv):
    """Two communes of Lộc Ninh; Lộc An has no Chưa đạt printed at all."""
    scoring = report([
        ["1", "Lộc Hòa", "10", "5", "2", "", "", "", "", "", "17"],
        ["2", "Lộc An", "4", "", "", "", "1", "", "", "", "5"],
    ])
    import_file(con, write_csv("s.csv", scoring), "scoring")
    pop = [["Tính đến ngày 31/3/2025"]] + SHORT_POP_HEADER + [
        ["1", "Lộc Hòa", "500", "400", "20", "5,00"],
        ["2", "Lộc An", "300", "200", "8", "4,00"],
    ]
    import_file(con, write_csv("p.csv", pop), "population")
    return con


def test_unit_rows_and_totals_from_rows(small):
    fig = area_figures(small, "692")
    assert fig.as_of == dt.date(2025, 3, 31)
    assert len(fig.units) == 16  # every commune of the district, with or without data
    hoa = fig.units.set_index("name").loc["Lộc Hòa"]
    assert (hoa.recognized_count, hoa.not_recognized_count, hoa.assessed_count) == (12, 5, 17)
    assert hoa.participation_pct == pytest.approx(5.0)
    an = fig.units.set_index("name").loc["Lộc An"]
    assert an.not_recognized_count == 0  # blanks in a reported row add as 0
    assert an.recognition_pct == pytest.approx(100.0)
    assert fig.totals["assessed_count"] == 22
    assert fig.totals["registered_count"] == 28
    assert fig.totals["participation_pct"] == pytest.approx(28 / 600 * 100)


def test_a_commune_without_data_stays_unknown(small):
    thien = area_figures(small, "692").units.set_index("name").loc["Lộc Thiện"]
    assert thien.isna()[["assessed_count", "registered_count", "participation_pct"]].all()


def test_group_cells_of_a_reported_row_count_blanks_as_zero(small):
    """One counting rule for every figure: a blank beside other counts of the row is 0; a row
    without any count stays unknown."""
    units = area_figures(small, "692").units.set_index("name")
    hoa = units.loc["Lộc Hòa"]
    assert hoa.g1_not_recognized_count == 5
    assert hoa.g2_not_recognized_count == 0  # Đạt 2, Chưa đạt blank
    assert hoa.g3_recognized_count == 0 and hoa.g3_not_recognized_count == 0
    assert pd.isna(units.loc["Lộc Thiện"].g2_not_recognized_count)


def test_commune_area_is_its_own_row(small):
    fig = area_figures(small, "Lộc Hoà")
    assert fig.units.empty
    assert fig.totals["assessed_count"] == 17


def test_older_population_table_is_used_and_said(small, write_csv):
    later = report([["1", "Lộc Hòa", "20", "5", "2", "", "", "", "", "", "27"]])
    later[1] = ["Tính đến ngày 30/6/2025"]
    import_file(small, write_csv("later.csv", later), "scoring")
    assert periods(small, "692") == [dt.date(2025, 6, 30), dt.date(2025, 3, 31)]
    fig = area_figures(small, "692")
    assert fig.as_of == dt.date(2025, 6, 30)
    assert fig.totals["assessed_count"] == 27
    assert fig.totals["registered_count"] == 28
    assert any("31/3/2025" in n for n in fig.notes)
    earlier = area_figures(small, "692", dt.date(2025, 4, 1))
    assert earlier.totals["assessed_count"] == 22


def test_nothing_before_the_first_period(small):
    assert area_figures(small, "692", dt.date(2020, 1, 1)) is None


# One pilot unit: 10 registered, 8 recognised; Nông dân 3/5, Công nhân blank, Trí thức 5/5.
PILOT = [
    ["Tên đơn vị", "Số công dân đăng ký", "Số công dân được công nhận", "Tỉ lệ %",
     "Trong đó", "", "", "Các mức điểm đạt", "", "", "Số lượng Đảng viên"],
    ["", "", "", "", "Nông dân", "Công nhân", "Trí thức", "70-79", "80-89", "90-100", ""],
    ["Cơ quan xã", "10", "8", "80%", "3/5", "", "5/5", "4", "3", "1", "6"],
]


def test_pilot_not_recognised_is_registered_minus_recognised(con, write_csv):
    import_file(con, write_csv("pilot.csv", PILOT), "pilot", as_of=dt.date(2021, 7, 31),
                provenance=Provenance(all_registered_assessed=True))
    fig = area_figures(con, "Quảng Phú")
    assert fig.groups == [1, 2, 3]
    assert fig.totals["not_recognized_count"] == 2
    assert fig.totals["recognition_of_registered_pct"] == pytest.approx(80.0)
    assert fig.totals["band_70-79_count"] == 4
    assert fig.has_bands and fig.has_party_members


@pytest.mark.parametrize("all_assessed, not_recognized", [(True, 2), (False, None)])
def test_pilot_chua_dat_is_the_same_on_every_page(con, write_csv, all_assessed, not_recognized):
    """Chưa đạt = registered − Đạt only when the report says everyone registered was assessed;
    otherwise unknown. The overview's totals, the group page's tables and summary --json agree
    (the group page used to derive it always: 0 on one page, 2 on the other)."""
    from cdht_data import views
    from cdht_data.summary import summary
    import_file(con, write_csv("pilot.csv", PILOT), "pilot", as_of=dt.date(2021, 7, 31),
                provenance=Provenance(all_registered_assessed=all_assessed))
    fig = area_figures(con, "Quảng Phú")
    groups = views.group_totals(fig).set_index("group_no")
    assert fig.totals["not_recognized_count"] == not_recognized
    expected_groups = [2, 0, 0] if all_assessed else [None, None, None]
    assert [None if pd.isna(v) else v for v in groups["not_recognized_count"]] == expected_groups
    farmers = summary(con, "Quảng Phú", group=1)["totals"]
    assert farmers["not_recognized"] == (2 if all_assessed else None)
    assert farmers["recognized"] == 3 and farmers["registered"] == 5
    assert (fig.totals["recognition_pct"] is None) == (not all_assessed)


def test_bands_from_individual_records(con):
    """Recognised people fall in the band of their score; everyone not recognised is 'below'."""
    con.execute("INSERT INTO datasets (dataset_id, kind, as_of, area_key, imported_at, "
                "is_synthetic) VALUES (1, 'records', DATE '2025-03-31', '692', now(), true)")
    records = [("25273", 1, 95, True), ("25273", 1, 90, True), ("25273", 1, 89.5, True),
               ("25273", 1, 85, False), ("25273", 2, 80, True), ("25276", 1, 60, False),
               ("25276", 1, None, None)]
    con.executemany("INSERT INTO assessment_records (dataset_id, unit_key, group_no, total_score, "
                    "is_recognized) VALUES (1, ?, ?, ?, ?)", records)
    got = {(r.unit_key, r.group_no, r.band): r.person_count
           for r in con.execute(sql("bands_from_records"), {"dataset_id": 1}).df().itertuples()}
    assert got == {("25273", 1, "90-100"): 2, ("25273", 1, "80-89"): 1, ("25273", 1, "below"): 1,
                   ("25273", 2, "80-89"): 1, ("25276", 1, "below"): 1}


def test_the_default_area_is_the_one_the_latest_period_covers(con, write_csv):
    """No area written in the code: an empty store has none; then the area of the latest
    period's table, whichever was imported first; of two areas with nothing in common above
    them, the newest import's."""
    from cdht_data.metrics import default_area
    assert default_area(con) is None and area_figures(con) is None
    import_file(con, write_csv("hoa.csv", report([["1", "Lộc Hòa", "1", "", "", "", "", "",
                                                    "", "", "1"]])), "scoring")
    assert default_area(con) == "692"
    assert area_figures(con).area.unit_key == "692"
    import_file(con, write_csv("pilot.csv", PILOT), "pilot", as_of=dt.date(2025, 3, 31))
    assert default_area(con) == "L-QP"  # Quảng Phú and Lộc Ninh: no unit holds both
