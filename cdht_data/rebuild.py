"""What `build` keeps of the store it replaces: the accounts, the deadlines and the history.

`build` makes the tables anew from the data folder, but who may write, when each period is
due and what was done before are not in that folder. They are copied from the store at the
same path, read under the build's write lock, into the new store before its tables are
imported. The tables the old history names are not copied (a table imported by hand or in the
browser is gone unless its file is listed in sources.toml), nor the replaced tables kept for
undo; so an entry from before the build can no longer be undone (undo.py refuses it, saying
so). The last entry carried over is noted in `meta` (KEPT_UNTIL), and new entries are numbered
after it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from . import storefile
from .errors import StoreError
from .store import SCHEMA_VERSION, schema_version, version_error

# The tables carried over, in this order; their rows are copied as they are.
KEPT_TABLES = ("accounts", "deadlines", "history")
KEPT_UNTIL = "history_kept_by_build"  # meta: the last history id from before the build
BUILT_AT = "built_at"  # meta: when the store was built (local ISO time)


def carry_over(con: duckdb.DuckDBPyConnection, old_path: Path) -> dict[str, int]:
    """Copy the kept tables of the store at `old_path` (if there is one of this program) into
    the new store on `con`, its schema already made; returns the rows copied per table.

    A file at `old_path` that is no store of this program (or not a DuckDB file) holds nothing
    to keep; a store of a newer version is refused, as every writer refuses it.
    """
    if not old_path.exists():
        return {}
    try:
        old = storefile.attach_read_only(old_path)
    except StoreError:
        return {}
    try:
        try:
            version = schema_version(old, old_path)
        except StoreError:
            return {}
        if version > SCHEMA_VERSION:
            raise version_error(version, old_path)
        copied = {table: _copy(old, con, table) for table in KEPT_TABLES}
        last = old.execute("SELECT max(history_id) FROM history").fetchone()[0] \
            if copied.get("history") else None
    finally:
        old.close()
    if last is not None:
        # DuckDB takes a sequence's start only as a literal; `last` is an integer we read
        con.execute(f"CREATE OR REPLACE SEQUENCE history_id_seq START {int(last) + 1}")
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [KEPT_UNTIL, str(last)])
    return copied


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main' "
        "ORDER BY column_index", [table]).fetchall()]


def _copy(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection, table: str) -> int:
    """The rows of `table`, in the columns both stores have (an older store lacks a table
    added since, or a column, which then takes its default)."""
    present = set(_columns(old, table))
    columns = [c for c in _columns(new, table) if c in present]
    if not columns:
        return 0
    names = ", ".join(f'"{c}"' for c in columns)
    rows = old.execute(f"SELECT {names} FROM {table}").fetchall()
    if rows:
        new.executemany(f"INSERT INTO {table} ({names}) VALUES "
                        f"({', '.join('?' * len(columns))})", rows)
    return len(rows)


def last_build(con: duckdb.DuckDBPyConnection) -> tuple[dt.datetime | None, int | None]:
    """When the store was built, and the last history entry from before that build (None:
    the build kept no history)."""
    meta = dict(con.execute("SELECT key, value FROM meta WHERE key IN (?, ?)",
                            [BUILT_AT, KEPT_UNTIL]).fetchall())
    built = meta.get(BUILT_AT)
    kept = meta.get(KEPT_UNTIL)
    return (dt.datetime.fromisoformat(built) if built else None,
            int(kept) if kept is not None else None)
