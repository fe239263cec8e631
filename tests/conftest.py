"""Shared fixtures: every test builds its own small database in tmp_path.

Fixtures reach tests through conftest.py files; constants and builders through helper modules
(tests/paths.py, tests/tables.py, tests/stores.py, tests/hostile.py). A test module never
imports another test module or a conftest.py (tests/test_layout_of_tests.py checks it)."""

from __future__ import annotations

import csv
import shutil

import duckdb
import pytest

from cdht_data import ingest, store

# hostile_db: the bundled store with Markdown and HTML in its imported text.
pytest_plugins = ["tests.hostile"]


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
