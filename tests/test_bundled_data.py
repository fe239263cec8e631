"""The real bundled data: the figures the two source reports print."""

import csv
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pytest

from cdht_data.summary import summary
from tests.paths import ROOT

POPULATION_CSV = ROOT / "data" / "sources" / "loc-ninh_2024_dan-so-dang-ky.csv"


@pytest.fixture(scope="module")
def loc_ninh(bundled_db):
    con = duckdb.connect(str(bundled_db), read_only=True)
    yield summary(con)
    con.close()


@pytest.fixture(scope="module")
def quang_phu(bundled_db):
    con = duckdb.connect(str(bundled_db), read_only=True)
    yield summary(con, "Quảng Phú")
    con.close()


def test_district_totals(loc_ninh):
    t = loc_ninh["totals"]
    assert loc_ninh["as_of"] == "2024-09-30"
    assert (loc_ninh["area"]["code"], loc_ninh["area"]["name"]) == ("692", "Lộc Ninh")
    assert (t["assessed"], t["recognized"], t["registered"]) == (5049, 3523, 5140)
    assert t["participation_pct"] == 5.62
    assert t["groups"]["1"] == {"recognized": 2133, "not_recognized": 1216}
    assert t["groups"]["4"] == {"recognized": 280, "not_recognized": 25}


def _printed_column_7() -> dict[str, Decimal]:
    with open(POPULATION_CSV, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return {r[1]: Decimal(r[8].replace(",", ".")) for r in rows if r[0].isdigit()}


def test_every_commune_participation_equals_printed_column_7(loc_ninh):
    printed = _printed_column_7()
    assert len(printed) == 16
    by_name = {u["name"]: u for u in loc_ninh["units"]}
    by_name["TT Lộc Ninh"] = by_name["Thị trấn Lộc Ninh"]
    for name, pct in printed.items():
        unit = by_name[name]
        exact = Decimal(unit["registered"]) / Decimal(unit["population_8_60"]) * 100
        assert exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) == pct, name
        assert Decimal(str(unit["participation_pct"])) == pct, name


def test_sixteen_communes_in_report_order(loc_ninh):
    names = [u["name"] for u in loc_ninh["units"]]
    assert len(names) == 16
    assert names[0] == "Thị trấn Lộc Ninh" and names[-1] == "Lộc Khánh"


def test_blank_cells_of_a_reported_row_count_as_zero(loc_ninh):
    """Lộc Hòa prints Đạt 1, 0, 4 for Nhóm I–III and nothing else: its blank group cells count as 0, as
    the report's own totals add them; a commune is never left half known."""
    hoa = next(u for u in loc_ninh["units"] if u["code"] == "25273")
    assert hoa["groups"]["4"] == {"recognized": 0, "not_recognized": 0}
    assert hoa["assessed"] == 5


def test_low_uptake_communes_are_below_one_percent(loc_ninh):
    low = {u["name"] for u in loc_ninh["units"] if u["participation_pct"] < 1}
    assert {"Lộc Hòa", "Lộc Khánh", "Lộc Thiện"} <= low


def test_quang_phu_pilot(quang_phu):
    t = quang_phu["totals"]
    assert quang_phu["as_of"] == "2021-07-31"
    assert (t["registered"], t["recognized"]) == (55, 52)
    assert round(t["recognition_of_registered_pct"], 1) == 94.5
    assert t["bands"] == {"70-79": 37, "80-89": 13, "90-100": 2}
    assert t["party_members"] == 31
    assert [u["name"] for u in quang_phu["units"]] == [
        "Cơ quan xã Quảng Phú", "Thôn Bao La – Đức Nhuận", "Ban Khuyến học họ Hoàng (Hạ Lang)"]
    assert t["groups"]["1"] == {"recognized": 15, "not_recognized": 3}
    assert set(t["groups"]) == {"1", "2", "3"}


def test_printed_totals_are_kept_apart(bundled_db):
    con = duckdb.connect(str(bundled_db), read_only=True)
    printed = con.execute(
        "SELECT printed_text FROM printed_values p JOIN datasets d USING (dataset_id) "
        "WHERE d.kind = 'population' AND is_total_row AND column_key = 'age_8_60_count'"
    ).fetchone()[0]
    con.close()
    assert printed == "91.441"  # as printed, although its rows add up to 91.443
