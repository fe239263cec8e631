"""`build` keeps a registry a province supplied when sources.toml lists it as [[reference]]:
the files are read after data/reference/, with the same checks as `import --kind units`."""

import shutil

import duckdb
import pytest

from cdht_data import ingest
from cdht_data.errors import InputError
from tests.paths import ROOT
from tests.tables import MERGES, UNITS, changed

LISTED = """
[[reference]]
file = "reference/tinh-mau_dvhc.csv"   # SYNTHETIC units (mô phỏng)
kind = "units"

[[reference]]
file = "reference/tinh-mau_sap-nhap.csv"
kind = "unit-merges"
"""


def data_dir(tmp_path, write_csv, units=UNITS):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("*.duckdb*"))
    shutil.move(write_csv("tinh-mau_dvhc.csv", units), data / "reference")
    shutil.move(write_csv("tinh-mau_sap-nhap.csv", MERGES), data / "reference")
    with open(data / "sources.toml", "a", encoding="utf-8") as f:
        f.write(LISTED)
    return data


def test_listed_registry_files_are_built_in(tmp_path, write_csv):
    path = ingest.build(tmp_path / "b.duckdb", data_dir(tmp_path, write_csv))
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM units WHERE code LIKE 'MP%'").fetchone()[0] == 7
        assert con.execute("SELECT count(*) FROM unit_merges WHERE new_key = 'MP201@2025'"
                           ).fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM datasets").fetchone()[0] == 5  # and the tables
    finally:
        con.close()


def test_a_bad_listed_file_stops_the_build_naming_it(tmp_path, write_csv):
    data = data_dir(tmp_path, write_csv, changed(UNITS, 4, 3, "MP99"))
    with pytest.raises(InputError) as err:
        ingest.build(tmp_path / "b.duckdb", data)
    assert (err.value.file, err.value.row, err.value.column) == ("tinh-mau_dvhc.csv", 5,
                                                                 "Mã cấp trên")
    assert not (tmp_path / "b.duckdb").exists()
