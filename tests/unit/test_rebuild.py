"""`build` over an existing store keeps its accounts, deadlines and history (rebuild.py); the
entries from before the build can no longer be undone, and say so. The tables built here are
the SYNTHETIC (labelled) 31/12/2025 tables of tests/data/."""

from __future__ import annotations

import datetime as dt
import shutil

import duckdb
import pytest

from cdht_data import accounts, deadlines, ingest, store
from cdht_data.errors import InputError, StoreError
from cdht_data.rebuild import last_build
from cdht_data.undo import undo
from cdht_data.views import entry
from tests.paths import NEW_COMMUNES, ROOT, SYNTHETIC_2025
from tests.stores import WRITER, WRITER_PASSWORD

AS_OF, DUE = dt.date(2025, 12, 31), dt.date(2026, 1, 15)
POPULATION = SYNTHETIC_2025.parent / "synthetic_loc-ninh_2025-12-31_dan-so-dang-ky.csv"


@pytest.fixture
def data_dir(tmp_path):
    """A data folder whose sources.toml lists one SYNTHETIC table: the 7 communes' population."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "reference", folder / "reference")
    shutil.copy(POPULATION, folder / POPULATION.name)
    (folder / "sources.toml").write_text(
        f'[[source]]\nfile = "{POPULATION.name}"\nkind = "population"\nas_of = {AS_OF}\n'
        'is_synthetic = true\n', encoding="utf-8")
    return folder


def _rows(path, table):
    with store.reading(path) as con:
        return con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def test_build_keeps_accounts_deadlines_and_history(tmp_path, data_dir):
    db = tmp_path / "cdht.duckdb"
    ingest.build(db, data_dir)  # history 1: the population table, built
    with store.writing(db) as con:
        accounts.add_account(con, WRITER, "quan_tri", [], WRITER_PASSWORD)
        deadlines.set_deadline(con, AS_OF, DUE)
        ingest.import_file(con, NEW_COMMUNES, "scoring", user=WRITER)  # history 2
        ingest.import_file(con, POPULATION, "population", as_of=AS_OF, replace=True,
                           user=WRITER)  # history 3
    kept = {t: _rows(db, t) for t in ("accounts", "deadlines", "history")}
    assert len(kept["history"]) == 3 and len(_rows(db, "replaced_datasets")) == 1

    ingest.build(db, data_dir)

    assert _rows(db, "accounts") == kept["accounts"]  # the hash as it was: same password
    assert _rows(db, "deadlines") == kept["deadlines"]
    history = _rows(db, "history")
    assert history[:3] == kept["history"]  # every column, ids and times as they were
    [(new_id, action, kind, *_)] = history[3:]  # the build's own import, numbered after
    assert (new_id, action, kind) == (4, "import", "population")
    assert _rows(db, "replaced_datasets") == []  # its table is not in the new store
    with store.reading(db) as con:
        assert last_build(con)[1] == 3
        frame = entry.history_frame(con)
        assert dict(zip(frame["id"], frame["before_build"])) == {4: False, 3: True, 2: True,
                                                                 1: True}
        assert "các mục đến số 3 có trước lần dựng lại" in entry.build_note(con)
        assert accounts.verify(con, WRITER, WRITER_PASSWORD) is not None


@pytest.mark.parametrize("history_id", [2, 3])  # an import; a replacement of a dropped table
def test_an_entry_from_before_the_build_cannot_be_undone(tmp_path, data_dir, history_id):
    db = tmp_path / "cdht.duckdb"
    ingest.build(db, data_dir)
    with store.writing(db) as con:
        ingest.import_file(con, NEW_COMMUNES, "scoring")
        ingest.import_file(con, POPULATION, "population", as_of=AS_OF, replace=True)
    ingest.build(db, data_dir)
    before = store.data_version(db)
    with pytest.raises(InputError) as caught, store.writing(db) as con:
        undo(con, history_id)
    assert caught.value.message.startswith(
        f"không hoàn tác được mục số {history_id}: mục này có trước lần dựng lại CSDL ngày ")
    assert "chỉ hoàn tác được các mục sau số 3" in caught.value.message
    assert store.data_version(db) == before
    with store.writing(db) as con:  # the build's own entry can be
        assert undo(con, 4).undone


def test_build_over_a_file_that_is_no_store_keeps_nothing(tmp_path, data_dir):
    db = tmp_path / "cdht.duckdb"
    db.write_bytes(b"not a store")
    ingest.build(db, data_dir)
    assert len(_rows(db, "history")) == 1 and _rows(db, "accounts") == []


def test_build_over_a_store_of_a_newer_version_is_refused(tmp_path, data_dir):
    db = tmp_path / "cdht.duckdb"
    ingest.build(db, data_dir)
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="phiên bản mới hơn"):
        ingest.build(db, data_dir)
