"""What the meeting takes away: every output file by name, its format, the function that makes
it and what it is called. The CLI (`export`) and the «Báo cáo cho cuộc họp» page both make a
file through the same function, so the command writes the same bytes as the download button.

An output's function takes (con, as_of, area, structure) and returns the file's bytes; `as_of`
None is the area's latest period, `area` None the store's latest area, `structure` None the
units in force on the date (as every page and command reads them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from .exports import file_name
from .report_docx import report_docx

FORMATS = ("xlsx", "docx", "pdf")
Maker = Callable[[duckdb.DuckDBPyConnection, dt.date | None, str | None, str | None], bytes]


@dataclass(frozen=True)
class Output:
    name: str  # what the CLI calls it: "report"
    format: str  # one of FORMATS
    make: Maker
    words: str  # the file name's first part, Vietnamese without diacritics: "du-thao-bao-cao"
    title: str  # what the page calls it
    holds: str  # one line on what is in it, for the page's list

    def file_name(self, area_name: str, as_of: dt.date) -> str:
        """"du-thao-bao-cao_loc-ninh_2024-09-30.docx"."""
        return file_name(self.words, area_name, as_of, suffix=f".{self.format}")


OUTPUTS: dict[str, Output] = {o.name: o for o in (
    Output("report", "docx", report_docx, "du-thao-bao-cao", "Dự thảo báo cáo (Word)",
           "Báo cáo theo thể thức Nghị định 30/2020/NĐ-CP: đoạn số liệu, biểu chấm điểm, biểu "
           "dân số và đăng ký, đơn vị tham gia thấp, tiến độ so với chỉ tiêu 677, đề xuất cho "
           "các nhóm đạt thấp; phần cán bộ tự viết được tô vàng."),
)}
