"""How processes share the store's file: one writer at a time, readers never blocked.

A writer takes the lock file `<db>.lock` (flock), writes a copy of the store in a scratch
directory beside it and swaps the copy in with os.replace, which is atomic. Readers keep the
version they opened; a writer killed at any moment leaves the old store (and a scratch
directory, which the next writer removes under the lock). The live file is never opened for
writing, so DuckDB's own file lock never makes a reader and a writer refuse each other.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from .errors import StoreError

WRITE_WAIT = 5.0  # seconds a second writer waits for the first before it is refused
READ_WAIT = 2.0  # seconds a reader retries a file another program holds open for writing
POLL = 0.1
ALIAS = "store"  # the name our connections give the store file they attach
LOCKED = "Could not set lock"  # DuckDB's words when another program has the file open to write


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """All or nothing on one connection. Used inside another `transaction` on the same
    connection it joins that one: the outermost commits, or rolls everything back."""
    key = id(con)
    if key in _open_transactions:
        yield con
        return
    con.execute("BEGIN TRANSACTION")
    _open_transactions.add(key)
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):  # a failed COMMIT has already rolled back
            con.execute("ROLLBACK")
        raise
    finally:
        _open_transactions.discard(key)


@contextlib.contextmanager
def trial(con: duckdb.DuckDBPyConnection):
    """A transaction that is always rolled back: what a write would do, seen inside the block
    and undone at its end (a dry run). A `transaction` inside it joins it."""
    key = id(con)
    if key in _open_transactions:
        raise RuntimeError("trial inside an open transaction would roll back the caller's work")
    con.execute("BEGIN TRANSACTION")
    _open_transactions.add(key)
    try:
        yield con
    finally:
        _open_transactions.discard(key)
        with contextlib.suppress(duckdb.Error):  # a failed statement may have aborted it
            con.execute("ROLLBACK")


# id() of each connection inside `transaction` (DuckDB cannot tell whether one is open
# without aborting it: a second BEGIN fails and spoils the open transaction).
_open_transactions: set[int] = set()


def missing(path: Path) -> StoreError:
    return StoreError("chưa có CSDL ở đường dẫn này (đọc không bao giờ tạo CSDL mới); hãy "
                      f"dựng bằng: python -m cdht_data build --db {path}", file=str(path))


def fault(exc: BaseException, path: Path) -> StoreError | None:
    """The Vietnamese refusal, naming `path`, for a fault of the disk or of the file; None for
    anything else."""
    text = str(exc)
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or "No space left on device" in text:
        message = "ổ đĩa đầy, không ghi được; CSDL vẫn giữ như trước. Hãy dọn bớt rồi thử lại"
    elif code == errno.EROFS or "Read-only file system" in text:
        message = "ổ đĩa chỉ cho đọc (read-only), không ghi được; CSDL vẫn giữ như trước"
    elif code in (errno.EACCES, errno.EPERM) or "Permission denied" in text:
        message = "không có quyền ghi hoặc đọc ở đây; CSDL vẫn giữ như trước"
    elif LOCKED in text:
        message = ("một chương trình khác đang mở CSDL để ghi; hãy đóng chương trình đó "
                   "hoặc thử lại sau")
    elif "not a valid DuckDB database" in text or "version number" in text:
        message = "tệp này không phải CSDL DuckDB mà chương trình đọc được"
    elif code == errno.ENOENT:
        message = "không tìm thấy tệp hoặc thư mục"
        path = getattr(exc, "filename", None) or path
    elif code == errno.EISDIR:
        message = "đây là một thư mục, không phải tệp CSDL"
    else:
        return None
    return StoreError(message, file=str(path))


@contextlib.contextmanager
def faults_named(path: Path):
    """Turn a fault of the disk or the file into its StoreError; other errors pass through."""
    try:
        yield
    except (OSError, duckdb.Error) as exc:
        error = fault(exc, path)
        if error is None:
            raise
        raise error from exc


def data_version(path: Path) -> str:
    """Changes whenever a writer swaps in a new version (each one is a new file)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise missing(path) from None
    return f"{st.st_ino}-{st.st_mtime_ns}-{st.st_size}"


@contextlib.contextmanager
def write_lock(path: Path):
    """The store's one writer: a second one polls for WRITE_WAIT seconds, then is refused."""
    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + WRITE_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError("đang có người ghi dữ liệu vào CSDL (nhập bảng hoặc dựng "
                                     "lại); hãy thử lại sau", file=str(path)) from None
                time.sleep(POLL)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextlib.contextmanager
def new_version(path: Path, copy: bool):
    """Under the write lock, a draft of the store beside it (a copy of the live file when
    `copy`), swapped in when the block ends without an exception and thrown away otherwise.

    The caller closes its connection to the draft before the block ends.
    """
    with write_lock(path):
        for leftover in path.parent.glob(f".{path.name}.write-*"):
            shutil.rmtree(leftover, ignore_errors=True)  # a killed writer's: we hold the lock
        scratch = Path(tempfile.mkdtemp(prefix=f".{path.name}.write-", dir=path.parent))
        try:
            draft = scratch / path.name
            if copy:
                shutil.copyfile(path, draft)
                wal = Path(f"{path}.wal")
                if wal.exists():  # left by an interrupted writer of an earlier version
                    shutil.copyfile(wal, f"{draft}.wal")
            yield draft
            _swap_in(draft, path)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def _swap_in(draft: Path, path: Path) -> None:
    """Make the draft durable, then the live store in one step."""
    fd = os.open(draft, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(draft, path)
    Path(f"{path}.wal").unlink(missing_ok=True)  # it belonged to the replaced file
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# What a writer's connection holds in memory before it spills to its scratch directory.
# DuckDB's own default is 80% of the machine's memory: sorting the records of a national import
# (70 million) would take some 10 GB and crowd out the dashboard serving beside it. With 2 GB a
# 10M CSV import's process reached 1.9-2.1 GB (over the 2 GB goal); at 1.5 GB it peaks at
# 1.7 GB, and a 70M Parquet import at 1.75 GB instead of 2.2 GB, at the same speed within the
# machine's noise (docs/performance.md, "Sixth round").
WRITE_MEMORY_LIMIT = "1536MB"


def open_draft(draft: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection to a writer's draft (created if new); it spills to the
    scratch directory, which goes with the draft, beyond WRITE_MEMORY_LIMIT."""
    return _attached(draft, read_only=False, config={"temp_directory": f"{draft}.tmp",
                                                     "memory_limit": WRITE_MEMORY_LIMIT})


def attach_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the version of the store on disk now.

    DuckDB hands out one shared database per path within a process, so a plain
    duckdb.connect after another process swapped in a new file can return the old one while
    any connection to it is open. A fresh in-memory database with the file attached always
    reads the current file.
    """
    if not path.exists():
        raise missing(path)
    deadline = time.monotonic() + READ_WAIT
    while True:
        try:
            return _attached(path, read_only=True)
        except duckdb.Error as exc:
            if LOCKED in str(exc) and time.monotonic() < deadline:
                time.sleep(POLL)
                continue
            error = fault(exc, path)
            if error is None:
                raise
            raise error from exc


def _attached(path: Path, read_only: bool, config: dict | None = None):
    """A connection (and its cursors) whose default database is the file at `path`, read as
    a DuckDB store whatever its name (duckdb.connect takes `x.csv` for an in-memory database
    named x)."""
    con = duckdb.connect(":memory:", config=config or {})
    try:
        con.execute(f"ATTACH ? AS {ALIAS} (TYPE duckdb{', READ_ONLY' if read_only else ''})",
                    [str(path)])
        con.execute(f"USE {ALIAS}")
        con.execute("DETACH memory")
    except BaseException:
        con.close()
        raise
    return con
