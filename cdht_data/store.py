"""The DuckDB store: where it lives, how it is opened, its schema and its versions.

Processes share the file through `writing`, which writes a copy and swaps it in, and
`open_read`, which never writes (see storefile.py). A store written by an earlier version of
the schema is brought up to date by `upgrade`, one numbered step at a time (UPGRADES). Getting
tables in is ingest.py's job.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import duckdb

from . import records, storefile
from .errors import StoreError
from .reference import load_reference
from .sql import sql
from .storefile import transaction
from .units import FINGERPRINT_KEY, store_reference_fingerprint

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_DB = DATA_DIR / "cdht.duckdb"


def default_db_path() -> Path:
    return Path(os.environ.get("CDHT_DB", DEFAULT_DB))


def _store_path(db_path: str | Path | None) -> Path:
    return Path(db_path) if db_path else default_db_path()


def open_read(db_path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the store as it is on disk now; never creates or changes it.

    Refused (StoreError) when the file is missing, is not a store, is held open for writing by
    another program, or was written by another version of the schema (`upgrade` fixes older).
    """
    path = _store_path(db_path)
    con = storefile.attach_read_only(path)
    try:
        version = schema_version(con, path)
        if version != SCHEMA_VERSION:
            raise version_error(version, path)
    except BaseException:
        con.close()
        raise
    return con


@contextlib.contextmanager
def reading(db_path: str | Path | None = None):
    """open_read for one block: the connection is closed at its end."""
    con = open_read(db_path)
    try:
        yield con
    finally:
        con.close()


def data_version(db_path: str | Path | None = None) -> str:
    """A short text that changes whenever a build or import swaps in a new version of the
    store: key caches on it. Costs one stat; StoreError when the file is missing."""
    return storefile.data_version(_store_path(db_path))


@contextlib.contextmanager
def writing(db_path: str | Path | None = None):
    """The only way to change a store that exists: a connection to a copy of it, upgraded to
    this schema, that replaces the store when the block ends without an exception.

    One writer at a time (a second one waits a few seconds, then StoreError); readers are
    never blocked and keep the version they opened. On any exception, KeyboardInterrupt too,
    the copy is thrown away and the store stays as it was.
    """
    path = _store_path(db_path)
    _stored_version(path)  # a missing file, or no store of ours, refused before any file is made
    with storefile.faults_named(path), storefile.new_version(path, copy=True) as draft:
        con = storefile.open_draft(draft)
        try:
            _upgrade(con, path)
            yield con
            con.execute("CHECKPOINT")
        finally:
            con.close()


@contextlib.contextmanager
def scratch_copy(db_path: str | Path | None = None):
    """A read-write connection to a private copy of the store, upgraded to this schema, thrown
    away when the block ends: for a dry run, which must leave the store file as it was (not
    even opened for writing) and never waits for, or holds up, a writer.

    The copy goes to the system's temporary directory, not beside the store, where a writer
    clears scratch files left by killed writers.
    """
    path = _store_path(db_path)
    _stored_version(path)  # missing, not ours, or newer: refused as a read is
    with storefile.faults_named(path):
        scratch = Path(tempfile.mkdtemp(prefix="cdht-dry-run-"))
        try:
            copy = scratch / path.name
            shutil.copyfile(path, copy)
            con = storefile.open_draft(copy)
            try:
                _upgrade(con, path)
                yield con
            finally:
                con.close()
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def upgrade(db_path: str | Path | None = None) -> tuple[int, int]:
    """Bring a store written by an earlier version to this schema in one atomic step; a store
    already at it is left untouched. Returns the versions before and after."""
    path = _store_path(db_path)
    before = _stored_version(path)
    if before != SCHEMA_VERSION:
        with writing(path):
            pass
    return before, SCHEMA_VERSION


# ---------------------------------------------------------------- schema versions

def _add_rollups(con: duckdb.DuckDBPyConnection) -> None:
    """The roll-up tables, filled for every dataset."""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'area_rollups' "
                       "AND schema_name = 'main'").fetchone()[0]:
        con.execute(sql("rollup_tables"))
        for (dataset_id,) in con.execute("SELECT dataset_id FROM datasets").fetchall():
            refresh_rollups(con, dataset_id)


def _add_reference_fingerprint(con: duckdb.DuckDBPyConnection) -> None:
    if not con.execute("SELECT count(*) FROM meta WHERE key = ?",
                       [FINGERPRINT_KEY]).fetchone()[0]:
        store_reference_fingerprint(con)


def _add_whole_column_flag(con: duckdb.DuckDBPyConnection) -> None:
    """The findings' flag for a finding about a whole column (no cell of a row)."""
    if not con.execute("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'findings' "
                       "AND column_name = 'whole_column' AND schema_name = 'main'"
                       ).fetchone()[0]:
        con.execute("ALTER TABLE findings ADD COLUMN whole_column BOOLEAN")
        con.execute("UPDATE findings f SET whole_column = c.whole_column FROM ("
                    "SELECT finding_id, bool_and(source_row IS NULL) AS whole_column "
                    "FROM finding_cells GROUP BY finding_id) c "
                    "WHERE c.finding_id = f.finding_id")


def _add_accounts(con: duckdb.DuckDBPyConnection) -> None:
    """The accounts of the people who write (accounts.py); none until one is added."""
    con.execute(sql("account_tables"))


def _add_history(con: duckdb.DuckDBPyConnection) -> None:
    """The history of imports and the tables replacements took the place of (history.py,
    undo.py). Tables imported before it have no history row (there is nothing to undo them
    to) and none of them is replaced."""
    con.execute(sql("history_tables"))


def _add_deadlines(con: duckdb.DuckDBPyConnection) -> None:
    """The deadlines of each period's tables (`deadline set`), none set yet."""
    con.execute(sql("deadlines_table"))


def _add_group_sizes(con: duckdb.DuckDBPyConnection) -> None:
    """The table of group sizes per unit (kind "group-sizes"), empty until one is imported."""
    con.execute(sql("group_sizes_table"))


def _add_quality_check_rollups(con: duckdb.DuckDBPyConnection) -> None:
    """The quality checks summed per area (quality_check_rollups_table.sql), filled anew from
    the checks the store holds (a store upgraded from an older step may have them already)."""
    con.execute(sql("quality_check_rollups_table"))
    con.execute("DELETE FROM quality_check_rollups")
    con.execute(sql("quality_check_rollups_of_period"), {"as_of": None})


# Upgrade steps, oldest first: step n takes a store of schema version n to n + 1. A change to
# schema.sql appends its step here (a function of the connection). Stores from before the
# version was kept count as 0 and may have some of the first three already: those check first.
UPGRADES = (_add_rollups, _add_reference_fingerprint, _add_whole_column_flag,
            records.upgrade_score_columns, _add_accounts, _add_history, _add_deadlines,
            _add_group_sizes, _add_quality_check_rollups)
SCHEMA_VERSION = len(UPGRADES)
SCHEMA_KEY = "schema_version"


def schema_version(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """The schema version of the store on `con` (0: written before versions were kept);
    StoreError when it is a DuckDB file but no store of this program."""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta' "
                       "AND schema_name = 'main'").fetchone()[0]:
        raise StoreError("tệp này là CSDL DuckDB nhưng không phải CSDL Công dân học tập",
                         file=str(path))
    row = con.execute("SELECT value FROM meta WHERE key = ?", [SCHEMA_KEY]).fetchone()
    return int(row[0]) if row else 0


def _stored_version(path: Path) -> int:
    """The schema version of the store at `path`, read without writing; a newer one refused."""
    con = storefile.attach_read_only(path)
    try:
        version = schema_version(con, path)
    finally:
        con.close()
    if version > SCHEMA_VERSION:
        raise version_error(version, path)
    return version


def version_error(version: int, path: Path) -> StoreError:
    """The refusal of a store written by an older or a newer version of this program."""
    if version > SCHEMA_VERSION:
        return StoreError(f"CSDL do phiên bản mới hơn của chương trình ghi (lược đồ {version}, "
                          f"chương trình này đọc được đến {SCHEMA_VERSION}); hãy cập nhật "
                          "chương trình", file=str(path))
    return StoreError(f"CSDL do phiên bản cũ của chương trình ghi (lược đồ {version}, cần "
                      f"{SCHEMA_VERSION}); hãy nâng cấp bằng: python -m cdht_data upgrade "
                      f"--db {path}", file=str(path))


def _upgrade(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Run the steps a store lacks, in one transaction; refuse a store of a newer schema."""
    version = schema_version(con, path)
    if version > SCHEMA_VERSION:
        raise version_error(version, path)
    if version < SCHEMA_VERSION:
        with transaction(con):
            for step in UPGRADES[version:]:
                step(con)
            _store_schema_version(con)


def _store_schema_version(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [SCHEMA_KEY, str(SCHEMA_VERSION)])


def refresh_rollups(con: duckdb.DuckDBPyConnection, dataset_id: int) -> None:
    """Sum a dataset's counts for every unit and ancestor once, at import time, so a page's
    rows are look-ups (*_rollups_of_rows) rather than roll-ups of the whole country."""
    for table in ("group_rollups", "area_rollups"):
        con.execute(f"DELETE FROM {table} WHERE dataset_id = ?", [dataset_id])
        con.execute(sql(f"{table}_of_dataset"), {"dataset_id": dataset_id})


def init_db(con: duckdb.DuckDBPyConnection, reference_dir: str | Path = DATA_DIR / "reference") -> None:
    """Empty canonical tables plus the reference data (units, merges, rule sets)."""
    con.execute(sql("schema"))
    con.execute(sql("rollup_tables"))
    con.execute(sql("account_tables"))
    con.execute(sql("history_tables"))
    con.execute(sql("deadlines_table"))
    con.execute(sql("group_sizes_table"))
    con.execute(sql("quality_check_rollups_table"))
    con.execute(sql("macros"))
    _store_schema_version(con)
    load_reference(con, Path(reference_dir))


