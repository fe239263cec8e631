"""Transactions, copy-on-write writing, read-only opening and the data version, in process."""

import datetime as dt
import errno
import fcntl
from pathlib import Path

import duckdb
import pytest

from cdht_data import store, storefile
from cdht_data.errors import StoreError
from cdht_data.ingest import import_file
from cdht_data.store import transaction
from tests.stores import table_counts
from tests.tables import report, scoring_row

META = "SELECT key FROM meta WHERE key LIKE 'test%' ORDER BY key"


@pytest.fixture
def db(store_copy):
    return store_copy


def keys(con) -> list[str]:
    return [k for (k,) in con.execute(META).fetchall()]


def test_an_inner_transaction_joins_the_outer_one(con):
    with pytest.raises(RuntimeError):
        with transaction(con):
            con.execute("INSERT INTO meta VALUES ('test-outer', '1')")
            with transaction(con):
                con.execute("INSERT INTO meta VALUES ('test-inner', '1')")
            raise RuntimeError("after the inner block ended")
    assert keys(con) == []
    with transaction(con):
        con.execute("INSERT INTO meta VALUES ('test-outer', '1')")
        with transaction(con):
            con.execute("INSERT INTO meta VALUES ('test-inner', '1')")
    assert keys(con) == ["test-inner", "test-outer"]


def test_an_import_and_its_findings_are_one_transaction(con, write_csv, monkeypatch):
    """A fault while the findings are written takes the imported table back with it."""
    from cdht_data.quality import run

    def broken(*args):
        raise RuntimeError("killed while writing findings")
    before = table_counts(con)
    monkeypatch.setattr(run, "_refresh", broken)
    with pytest.raises(RuntimeError):
        import_file(con, write_csv("t.csv", report([scoring_row(1, "Lộc Hòa")])), "scoring",
                    as_of=dt.date(2025, 3, 31))
    assert table_counts(con) == before


@pytest.mark.parametrize("fault", [RuntimeError, KeyboardInterrupt])
def test_writing_throws_its_copy_away_on_any_exception(db, fault):
    version = store.data_version(db)
    with pytest.raises(fault):
        with store.writing(db) as con:
            con.execute("INSERT INTO meta VALUES ('test-write', '1')")
            raise fault()
    assert store.data_version(db) == version
    with store.reading(db) as con:
        assert keys(con) == []
    assert sorted(p.name for p in db.parent.iterdir()) == ["cdht.duckdb", "cdht.duckdb.lock"]


def test_a_write_is_seen_by_new_reads_while_old_ones_keep_their_version(db):
    held = store.open_read(db)
    version = store.data_version(db)
    with store.writing(db) as con:
        con.execute("INSERT INTO meta VALUES ('test-write', '1')")
    try:
        assert keys(held) == []
        assert keys(held.cursor()) == []
        with store.reading(db) as fresh:  # same process, old connection still open
            assert keys(fresh) == ["test-write"]
            assert keys(fresh.cursor()) == ["test-write"]
    finally:
        held.close()
    assert store.data_version(db) != version


def test_a_second_writer_waits_then_is_refused(db, monkeypatch):
    monkeypatch.setattr(storefile, "WRITE_WAIT", 0.3)
    with open(f"{db}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(StoreError, match="đang có người ghi dữ liệu vào CSDL"):
            with store.writing(db):
                pass


def test_reading_a_missing_store_is_refused_and_creates_nothing(tmp_path):
    missing = tmp_path / "khong-co" / "cdht.duckdb"
    for call in (store.open_read, store.data_version, store.upgrade):
        with pytest.raises(StoreError, match="python -m cdht_data build --db"):
            call(missing)
    with pytest.raises(StoreError, match="chưa có CSDL"):
        with store.writing(missing):
            pass
    assert not missing.parent.exists()


def test_a_store_of_a_newer_schema_is_neither_read_nor_written(db):
    with store.writing(db) as con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                    [str(store.SCHEMA_VERSION + 1)])
    version = store.data_version(db)
    with pytest.raises(StoreError, match="phiên bản mới hơn"):
        store.open_read(db)
    with pytest.raises(StoreError, match="phiên bản mới hơn"):
        with store.writing(db):
            pass
    assert store.data_version(db) == version


@pytest.mark.parametrize("exc, words", [
    (PermissionError(errno.EACCES, "Permission denied"), "không có quyền"),
    (OSError(errno.ENOSPC, "No space left on device"), "ổ đĩa đầy"),
    (duckdb.IOException('IO Error: Could not set lock on file "x.duckdb": Conflicting lock'),
     "một chương trình khác đang mở CSDL để ghi"),
])
def test_faults_of_the_disk_or_file_are_named_in_vietnamese(exc, words):
    error = storefile.fault(exc, Path("/du-lieu/cdht.duckdb"))
    assert words in str(error) and "/du-lieu/cdht.duckdb" in str(error)


def test_other_errors_are_not_taken_for_faults_of_the_store():
    assert storefile.fault(duckdb.BinderException("Binder Error: no column x"), Path("a")) is None
