"""The history of what was written: every import, replacement and hand entry, with who, when,
which file (name and SHA-256 of its bytes), how many rows, and whether it was undone.

A row is recorded in the same transaction as the table it describes (ingest.import_file), so
the history never names a table that is not there, nor misses one. Undoing is undo.py's job.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .sql import sql

IMPORT, REPLACE, ENTRY = "import", "replace", "entry"
ACTIONS = {IMPORT: "Nhập bảng", REPLACE: "Thay bảng", ENTRY: "Nhập tay"}
_CHUNK = 1 << 20


@dataclass(frozen=True)
class HistoryEntry:
    history_id: int
    action: str
    kind: str
    as_of: dt.date
    area_key: str
    area_code: str
    area_name: str
    file_name: str | None
    sha256: str | None
    row_count: int
    user: str | None
    at: dt.datetime  # UTC, naive as stored
    dataset_id: int
    replaced_dataset_id: int | None
    undone_at: dt.datetime | None
    undone_by: str | None

    @property
    def undone(self) -> bool:
        return self.undone_at is not None

    def as_json(self) -> dict:
        """The object `history --json` prints (its keys are a contract)."""
        return {"id": self.history_id, "kind": self.kind, "as_of": self.as_of.isoformat(),
                "area_code": self.area_code, "file": self.file_name, "sha256": self.sha256,
                "rows": self.row_count, "user": self.user, "at": local_iso(self.at),
                "undone": self.undone}


def local_time(moment: dt.datetime) -> dt.datetime:
    """A stored (UTC, naive) time in this machine's time zone."""
    return moment.replace(tzinfo=dt.UTC).astimezone()


def local_iso(moment: dt.datetime) -> str:
    """A stored time as ISO 8601 in this machine's time zone, with its offset."""
    return local_time(moment).isoformat(timespec="seconds")


def utc_now() -> dt.datetime:
    """Now, as the history stores times: UTC, naive, whole seconds."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in chunks (a records file may be gigabytes)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def record(con: duckdb.DuckDBPyConnection, action: str, kind: str, as_of: dt.date,
           area_key: str, file_name: str | None, sha256: str | None, row_count: int,
           user: str | None, dataset_id: int, replaced_dataset_id: int | None = None) -> int:
    """Add a history row inside the caller's transaction; returns its id."""
    if action not in ACTIONS:
        raise ValueError(f"unknown history action {action!r}")
    history_id = con.execute("SELECT nextval('history_id_seq')").fetchone()[0]
    con.execute("INSERT INTO history VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
                [history_id, action, kind, as_of, area_key, file_name, sha256, row_count, user,
                 utc_now(), dataset_id, replaced_dataset_id])
    return history_id


def entries(con: duckdb.DuckDBPyConnection, history_id: int | None = None) -> list[HistoryEntry]:
    """Every history row, oldest first (or the one of `history_id`)."""
    rows = con.execute(sql("history_entries"), {"history_id": history_id}).fetchall()
    return [HistoryEntry(*r) for r in rows]
