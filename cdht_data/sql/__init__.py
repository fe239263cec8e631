"""The query files of the store, one per file, named after what they return; `sql(name)` gives a
file's text. The lowest floor of the package: every module that queries the store reads its
SQL here, so none of them needs the store module for it."""

from __future__ import annotations

import functools
from pathlib import Path

SQL_DIR = Path(__file__).parent


@functools.cache
def sql(name: str) -> str:
    """The text of cdht_data/sql/<name>.sql (read once: pages ask for them often)."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
