"""Fixtures more than one unit-test module uses."""

import pytest

from cdht_data.ingest import import_file
from tests.tables import SHORT_POP_HEADER, report


@pytest.fixture
def two_periods(con, write_csv):
    """Lộc Hòa and Lộc An of Lộc Ninh in two periods, MAR and JUN (31/3 and 30/6/2025)."""
    march = report([
        ["1", "Lộc Hòa", "10", "5", "2", "", "", "", "", "", "17"],
        ["2", "Lộc An", "4", "", "", "", "1", "", "", "", "5"],
    ])
    import_file(con, write_csv("s1.csv", march), "scoring", recheck=False)
    import_file(con, write_csv("p1.csv", [["Tính đến ngày 31/3/2025"]] + SHORT_POP_HEADER + [
        ["1", "Lộc Hòa", "500", "400", "20", "5,00"],
        ["2", "Lộc An", "300", "200", "8", "4,00"],
    ]), "population", recheck=False)
    june = report([
        ["1", "Lộc Hòa", "30", "5", "2", "1", "", "", "", "", "38"],
        ["2", "Lộc An", "4", "2", "", "", "1", "", "", "", "7"],
    ])
    june[1] = ["Tính đến ngày 30/6/2025"]
    import_file(con, write_csv("s2.csv", june), "scoring", recheck=False)
    import_file(con, write_csv("p2.csv", [["Tính đến ngày 30/6/2025"]] + SHORT_POP_HEADER + [
        ["1", "Lộc Hòa", "500", "400", "40", "10,00"],
        ["2", "Lộc An", "300", "200", "8", "4,00"],
    ]), "population", recheck=False)
    return con
