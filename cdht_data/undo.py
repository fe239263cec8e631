"""Undo one entry of the history: the store goes back exactly to its state before it.

An import: its table goes (rows, roll-ups, columns, printed values). A replacement: the new
table goes and the one it replaced comes back as it was (it was kept in replaced_datasets,
its rows untouched). The period's findings are then rechecked, in the same transaction.
Refused when the entry is already undone, when a later entry that still stands rests on it
(its table was replaced again after), or when it is older than the last `build`, which kept
the history but not its tables (rebuild.py).
"""

from __future__ import annotations

import duckdb

from . import history
from .accounts import find_account
from .errors import InputError
from .formatting import fmt_date
from .ingest import delete_dataset
from .quality.run import refresh_findings
from .rebuild import last_build
from .storefile import transaction


def undo(con: duckdb.DuckDBPyConnection, history_id: int,
         user: str | None = None) -> history.HistoryEntry:
    """Undo history entry `history_id`, noting `user` (an account's name, or None) as who did;
    returns the entry as it now stands. No role check here: the dashboard lets only quan_tri
    undo, and the command line runs on the server."""
    found = history.entries(con, history_id)
    if not found:
        raise InputError(f"không có mục số {history_id} trong lịch sử nhập")
    entry = found[0]
    if user is not None and find_account(con, user) is None:
        raise InputError(f"không có tài khoản «{user}»; thêm bằng: python -m cdht_data user add")
    if entry.undone:
        raise InputError(f"mục số {history_id} đã được hoàn tác ngày {fmt_date(history.local_time(entry.undone_at))}"
                         + (f" (bởi {entry.undone_by})" if entry.undone_by else ""))
    built_at, kept_until = last_build(con)
    if kept_until is not None and history_id <= kept_until:
        when = f" ngày {fmt_date(built_at)}" if built_at else ""
        raise InputError(f"không hoàn tác được mục số {history_id}: mục này có trước lần dựng "
                         f"lại CSDL{when} (lệnh build), nên bảng của nó không còn trong CSDL; "
                         f"chỉ hoàn tác được các mục sau số {kept_until}")
    # entries from before the last build name tables of the old store: their ids may now be
    # another table's, so only later entries count
    later = con.execute(
        "SELECT min(history_id) FROM history WHERE replaced_dataset_id = ? "
        "AND undone_at IS NULL AND history_id > ?",
        [entry.dataset_id, kept_until or 0]).fetchone()[0]
    if later is not None:
        raise InputError(f"không hoàn tác được mục số {history_id}: bảng của nó đã được thay "
                         f"bằng mục số {later}; hãy hoàn tác mục số {later} trước")
    if not con.execute("SELECT count(*) FROM datasets WHERE dataset_id = ?",
                       [entry.dataset_id]).fetchone()[0]:
        raise InputError(f"không hoàn tác được mục số {history_id}: bảng của nó không còn "
                         "trong CSDL")
    with transaction(con):
        delete_dataset(con, entry.dataset_id)
        if entry.replaced_dataset_id is not None:
            _bring_back(con, entry.replaced_dataset_id)
        con.execute("UPDATE history SET undone_at = ?, undone_by = ? WHERE history_id = ?",
                    [history.utc_now(), user, history_id])
        refresh_findings(con, entry.as_of)
    return history.entries(con, history_id)[0]


def _bring_back(con: duckdb.DuckDBPyConnection, dataset_id: int) -> None:
    """A replaced table back in `datasets`, its row as it was before the replacement."""
    con.execute("INSERT INTO datasets BY NAME SELECT * EXCLUDE (replaced_by) "
                "FROM replaced_datasets WHERE dataset_id = ?", [dataset_id])
    con.execute("DELETE FROM replaced_datasets WHERE dataset_id = ?", [dataset_id])
