"""Fixtures more than one unit-test module uses."""

import json
from importlib.resources import files

import duckdb
import jsonschema
import pytest

from cdht_data.ingest import import_file
from tests.paths import SCORING_2024
from tests.tables import SHORT_POP_HEADER, report


@pytest.fixture(scope="session")
def schema():
    """Vega-Lite's schema as the installed Altair ships it (the major version Streamlit draws)."""
    text = files("altair.vegalite.v6.schema").joinpath("vega-lite-schema.json").read_text()
    return jsonschema.Draft7Validator(json.loads(text))


@pytest.fixture
def db(store_copy):
    """A private copy of the bundled store, opened for writing."""
    connection = duckdb.connect(str(store_copy))
    yield connection
    connection.close()


@pytest.fixture
def corrected_2024(tmp_path):
    """The bundled 30/9/2024 scoring table with Lộc Hòa's Nhóm I Đạt 1 typed as 2 (its Tổng
    then disagrees: a finding the replacement adds)."""
    text = SCORING_2024.read_text(encoding="utf-8")
    assert text.count("2,Lộc Hòa,1,,0,,4,,,,5") == 1
    path = tmp_path / "cham-diem-sua.csv"
    path.write_text(text.replace("2,Lộc Hòa,1,,0,,4,,,,5", "2,Lộc Hòa,2,,0,,4,,,,5"),
                    encoding="utf-8")
    return path


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
