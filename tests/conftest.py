"""Shared fixtures: every test builds its own small database in tmp_path.

Fixtures reach tests through conftest.py files; constants and builders through helper modules
(tests/paths.py, tests/tables.py, tests/stores.py, tests/hostile.py, tests/cli.py). A test
module never imports another test module or a conftest.py (tests/test_layout_of_tests.py checks
it)."""

from __future__ import annotations

import csv
import functools
import shutil

import duckdb
import pytest

from cdht_data import ingest, store
from tests.paths import SYNTHETIC_2025
from tests.stores import import_population
from tests.tables import SCORING, report

# hostile_db: the bundled store with Markdown and HTML in its imported text.
pytest_plugins = ["tests.hostile"]


@pytest.fixture(scope="session", autouse=True)
def components_scanned_once():
    """A served app looks for installed Streamlit components once, when it starts; every new
    AppTest looks again, reading the metadata of every installed package (0.4 s, most of a
    page's run). The packages do not change while the tests run: one look per worker."""
    from streamlit.components.v2 import manifest_scanner
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests",
                      functools.cache(manifest_scanner.scan_component_manifests))
        yield


@pytest.fixture
def con(tmp_path):
    """A fresh store with the reference data (units, merges, rule sets) and no source table."""
    connection = duckdb.connect(str(tmp_path / "test.duckdb"))
    store.init_db(connection)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory):
    """The real bundled data/ built once into a temporary database."""
    path = tmp_path_factory.mktemp("bundled") / "cdht.duckdb"
    ingest.build(path)
    return path


@pytest.fixture(scope="module")
def bundled(bundled_db):
    """A read-only connection to the bundled store, one per test module."""
    connection = store.open_read(bundled_db)
    yield connection
    connection.close()


@pytest.fixture
def store_copy(bundled_db, tmp_path):
    """A private copy of the bundled store, alone in its directory (writers put their lock and
    scratch files beside it)."""
    path = tmp_path / "store" / "cdht.duckdb"
    path.parent.mkdir()
    shutil.copy(bundled_db, path)
    return path


@pytest.fixture
def write_csv(tmp_path):
    """Write rows to a CSV file (UTF-8 by default) and return its path."""
    def write(name: str, rows: list[list], delimiter: str = ",", encoding: str = "utf-8"):
        path = tmp_path / name
        with open(path, "w", newline="", encoding=encoding) as f:
            csv.writer(f, delimiter=delimiter).writerows(rows)
        return path
    return write


@pytest.fixture
def write_xlsx(tmp_path):
    def write(name: str, rows: list[list]):
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        for row in rows:
            ws.append(row)
        path = tmp_path / name
        wb.save(path)
        return path
    return write


@pytest.fixture(scope="session")
def store_2025(bundled_db, tmp_path_factory):
    """The bundled store plus the SYNTHETIC (labelled) tables of the 7 communes in force since
    1/7/2025, dated 31/12/2025 (tests/data/synthetic_2025.toml), imported as a user would."""
    import tomllib
    path = tmp_path_factory.mktemp("store2025") / "cdht.duckdb"
    shutil.copy(bundled_db, path)
    manifest = tomllib.loads(SYNTHETIC_2025.read_text(encoding="utf-8"))
    with store.writing(path) as con:
        for src in manifest["source"]:
            ingest.import_file(con, SYNTHETIC_2025.parent / src["file"], src["kind"],
                               as_of=src["as_of"], provenance=ingest.Provenance(
                                   title=src["title"], issuer=src["issuer"],
                                   is_synthetic=src["is_synthetic"]))
    return path


@pytest.fixture
def partly_sent(store_copy, write_csv):
    """The bundled store plus two made-up tables of 31/3/2025 (tests/tables.py), no deadline:
    scoring from Lộc Hòa and Lộc An, population from Lộc Hòa, Lộc An and Lộc Tấn."""
    with store.writing(store_copy) as con:
        ingest.import_file(con, write_csv("s.csv", report(SCORING)), "scoring")
        import_population(con, write_csv)
    return store_copy
