"""The printable pack for a meeting: one A4 PDF made on the server, offline, by Typst (the
`typst` wheel: a self-contained compiler, no browser, no network).

content.py gathers what it shows from the functions the pages use; pack.typ lays it out,
reading that content as JSON (text from data is never Typst markup); render() compiles it with
the fonts inside the wheel only, so the PDF is the same on every server, with its fonts embedded
and Vietnamese letters whole (Libertinus Serif carries them; symbols such as ▼ ⚠ come from the
wheel's DejaVu Sans Mono and New Computer Modern Math)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import typst

from ..errors import InputError
from .content import pack_content

TEMPLATE = Path(__file__).with_name("pack.typ")

__all__ = ["pack_content", "pack_pdf", "render"]


def render(content: dict, made_on: dt.date | None = None) -> bytes:
    """The PDF of a content dict (pack_content's shape). The document's date is `made_on`, so
    one day's pack of the same figures is the same file, byte for byte."""
    made_on = made_on or dt.date.today()
    stamp = int(dt.datetime(made_on.year, made_on.month, made_on.day,
                            tzinfo=dt.timezone.utc).timestamp())
    try:
        return typst.compile(str(TEMPLATE), root=str(TEMPLATE.parent), ignore_system_fonts=True,
                             sys_inputs={"data": json.dumps(content, ensure_ascii=False)},
                             timestamp=stamp)
    except typst.TypstError as exc:  # a fault of ours, said in Vietnamese, never a traceback
        raise InputError(f"không tạo được bản in PDF ({exc})") from exc


def pack_pdf(con: duckdb.DuckDBPyConnection, as_of: dt.date | None, area_key: str | None,
             structure: str | None = None, made_on: dt.date | None = None) -> bytes:
    """The printable pack of an area and period as PDF bytes: what the page's download button
    and `export pack --format pdf` write."""
    made_on = made_on or dt.date.today()
    return render(pack_content(con, as_of, area_key, structure, made_on), made_on)
