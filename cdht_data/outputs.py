"""The meeting's outputs by name: what the «Báo cáo cho cuộc họp» page's download buttons and
`python -m cdht_data export NAME --format F` write, both through the one `make` of an entry, so
they give the same bytes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from .exports import file_name as _file_name
from .pack import pack_pdf


@dataclass(frozen=True)
class Output:
    name: str  # the CLI's word: "pack"
    format: str  # "pdf", "xlsx", "docx"
    make: Callable[[duckdb.DuckDBPyConnection, dt.date | None, str | None, str | None], bytes]
    file_name: Callable[[str, dt.date], str]  # (area name, period) -> a file name in a-z0-9-_


OUTPUTS: dict[str, Output] = {o.name: o for o in (
    Output("pack", "pdf", pack_pdf,
           lambda area, as_of: _file_name("Bản in cuộc họp", area, as_of, suffix=".pdf")),
)}
