"""The history of imports and undoing one: every import and replacement recorded with the
table it wrote, and undo bringing the store back exactly as it was before the entry."""

import datetime as dt
import hashlib
import json
import re
import shutil

import duckdb
import pytest

from cdht_data import accounts, history, store
from cdht_data.errors import InputError
from cdht_data.ingest import import_file
from cdht_data.undo import undo
from tests.cli import run_here
from tests.paths import SCORING_2024
from tests.stores import store_rows, table_counts
from tests.tables import SCORING, SCORING_TOTAL, report


def test_build_records_each_of_its_imports_without_a_user(bundled_db):
    con = store.open_read(bundled_db)
    try:
        found = history.entries(con)
        tables = con.execute("SELECT dataset_id, source_file FROM datasets ORDER BY dataset_id"
                             ).fetchall()
    finally:
        con.close()
    assert [(e.dataset_id, e.file_name) for e in found] == tables
    assert {(e.action, e.user, e.undone) for e in found} == {("import", None, False)}
    first = found[0]
    # the bundled scoring table: 16 communes, as data/sources/ holds it
    assert (first.kind, first.as_of, first.area_code, first.row_count) == (
        "scoring", dt.date(2024, 9, 30), "692", 16)
    assert first.sha256 == hashlib.sha256(SCORING_2024.read_bytes()).hexdigest()


def test_an_import_and_a_replacement_are_recorded_with_who(db, write_csv, corrected_2024):
    accounts.add_account(db, "lan", "nhap_lieu", ["692"], "mat-khau-dai")
    before = len(history.entries(db))
    path = write_csv("q1.csv", report(SCORING + [SCORING_TOTAL]))
    added = import_file(db, path, "scoring", user="lan")
    replaced = import_file(db, corrected_2024, "scoring", replace=True)
    old_id = history.entries(db)[0].dataset_id
    new = history.entries(db)[before:]
    assert [e.history_id for e in new] == [added.history_id, replaced.history_id]
    assert [(e.action, e.kind, e.as_of, e.area_key, e.file_name, e.row_count, e.user,
             e.dataset_id, e.replaced_dataset_id) for e in new] == [
        ("import", "scoring", dt.date(2025, 3, 31), "692", "q1.csv", 2, "lan",
         added.dataset_id, None),
        ("replace", "scoring", dt.date(2024, 9, 30), "692", "cham-diem-sua.csv", 16, None,
         replaced.dataset_id, old_id)]
    assert new[0].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    # the replaced table is kept out of sight, not deleted
    assert db.execute("SELECT replaced_by FROM replaced_datasets WHERE dataset_id = ?",
                      [old_id]).fetchone() == (replaced.dataset_id,)
    assert db.execute("SELECT count(*) FROM datasets WHERE dataset_id = ?",
                      [old_id]).fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM group_counts WHERE dataset_id = ?",
                      [old_id]).fetchone()[0] > 0


@pytest.mark.parametrize("user, units, words", [
    ("ai-do", [], "không có tài khoản «ai-do»"),
    ("lan", ["25273"], "tài khoản «lan» không được nhập số liệu của Lộc Ninh (mã 692)"),
])
def test_an_import_by_an_unknown_or_out_of_scope_account_writes_nothing(db, write_csv, user,
                                                                        units, words):
    accounts.add_account(db, "lan", "nhap_lieu", units, "mat-khau-dai")
    counts = table_counts(db)
    path = write_csv("q1.csv", report(SCORING + [SCORING_TOTAL]))
    with pytest.raises(InputError, match=re.escape(words)):
        import_file(db, path, "scoring", user=user)
    assert table_counts(db) == counts


def test_undoing_an_import_restores_every_table_exactly(db):
    """An earlier period (31/12/2023) changes the checks of the one after it (30/9/2024, which
    is compared with it): undone, those come back too."""
    before = store_rows(db)
    added = import_file(db, SCORING_2024, "scoring", as_of=dt.date(2023, 12, 31))
    assert store_rows(db) != before
    entry = undo(db, added.history_id)
    assert entry.undone and entry.undone_by is None
    assert store_rows(db) == before


def test_undoing_a_replacement_brings_the_old_table_back_exactly(db, corrected_2024):
    accounts.add_account(db, "minh", "quan_tri", [], "mat-khau-dai")
    before = store_rows(db)
    replaced = import_file(db, corrected_2024, "scoring", replace=True)
    after = store_rows(db)
    assert after["findings"] != before["findings"]  # Lộc Hòa's Tổng no longer adds up
    entry = undo(db, replaced.history_id, user="minh")
    assert (entry.undone, entry.undone_by) == (True, "minh")
    assert store_rows(db) == before


def test_undo_refusals(db, corrected_2024):
    first = import_file(db, corrected_2024, "scoring", replace=True)
    second = import_file(db, SCORING_2024, "scoring", replace=True)
    rows = store_rows(db, leave_out=())
    with pytest.raises(InputError, match=f"đã được thay bằng mục số {second.history_id}; hãy "
                                         f"hoàn tác mục số {second.history_id} trước"):
        undo(db, first.history_id)
    with pytest.raises(InputError, match="không có mục số 999"):
        undo(db, 999)
    with pytest.raises(InputError, match="không có tài khoản «ai-do»"):
        undo(db, second.history_id, user="ai-do")
    assert store_rows(db, leave_out=()) == rows
    undo(db, second.history_id)
    with pytest.raises(InputError, match=f"mục số {second.history_id} đã được hoàn tác"):
        undo(db, second.history_id)
    undo(db, first.history_id)  # its replacement undone, nothing rests on it any more


def test_history_and_undo_on_the_command_line(store_copy, corrected_2024):
    imported = run_here("import", corrected_2024, "--kind", "scoring", "--replace",
                        "--db", store_copy)
    assert imported.returncode == 0, imported.stderr
    listed = run_here("history", "--json", "--db", store_copy)
    assert listed.returncode == 0, listed.stderr
    found = json.loads(listed.stdout)
    last = found[-1]
    assert list(last) == ["id", "kind", "as_of", "area_code", "file", "sha256", "rows", "user",
                          "at", "undone"]
    assert [e["id"] for e in found] == sorted(e["id"] for e in found)  # oldest first
    assert (last["kind"], last["as_of"], last["area_code"], last["file"], last["rows"],
            last["user"], last["undone"]) == (
        "scoring", "2024-09-30", "692", "cham-diem-sua.csv", 16, None, False)
    assert dt.datetime.fromisoformat(last["at"]).tzinfo is not None
    undone = run_here("undo", last["id"], "--db", store_copy)
    assert undone.returncode == 0 and "bảng cũ đã trở lại" in undone.stdout, undone.stderr
    assert json.loads(run_here("history", "--json", "--db", store_copy).stdout)[-1]["undone"]
    again = run_here("undo", last["id"], "--db", store_copy)
    assert again.returncode == 2 and "đã được hoàn tác" in again.stderr
    readable = run_here("history", "--db", store_copy)
    assert readable.returncode == 0 and "Thay bảng" in readable.stdout
    assert readable.stdout.splitlines()[0].startswith("Số  Lúc")


def test_import_with_an_unknown_user_exits_2(store_copy, corrected_2024):
    result = run_here("import", corrected_2024, "--kind", "scoring", "--replace",
                      "--user", "ai-do", "--db", store_copy)
    assert result.returncode == 2 and "không có tài khoản «ai-do»" in result.stderr


def test_an_old_store_gains_accounts_and_history_and_keeps_its_tables(store_copy,
                                                                      corrected_2024):
    """A store of the schema before accounts (version 4): upgraded, every table it holds is
    in sight (none replaced), it has no history and no account, and its tables can be
    replaced and the replacement undone."""
    old = duckdb.connect(str(store_copy))
    tables = old.execute("SELECT * FROM datasets ORDER BY dataset_id").fetchall()
    for table in ("accounts", "history", "replaced_datasets"):
        old.execute(f"DROP TABLE {table}")
    old.execute("DROP SEQUENCE history_id_seq")
    old.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    old.close()
    assert store.upgrade(store_copy) == (4, store.SCHEMA_VERSION)
    con = duckdb.connect(str(store_copy))
    try:
        assert con.execute("SELECT * FROM datasets ORDER BY dataset_id").fetchall() == tables
        assert [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("replaced_datasets", "history", "accounts")] == [0, 0, 0]
        before = store_rows(con)
        replaced = import_file(con, corrected_2024, "scoring", replace=True)
        undo(con, replaced.history_id)
        assert store_rows(con) == before
    finally:
        con.close()


def test_a_copy_of_the_store_keeps_no_password_in_clear(tmp_path, bundled_db):
    path = tmp_path / "cdht.duckdb"
    shutil.copy(bundled_db, path)
    with store.writing(path) as con:
        accounts.add_account(con, "lan", "quan_tri", [], "Bi-mat-2025!")
    assert b"Bi-mat-2025!" not in path.read_bytes()
