"""What the meeting takes away: every output file by name, its format, the function that makes
it and what it is called. The CLI (`export`) and the «Báo cáo cho cuộc họp» page both make a
file through `produce`, so the command writes the same bytes as the page's download button.

An output's function takes (con, as_of, area, structure) and returns the file's bytes; `as_of`
None is the area's latest period, `area` None the store's latest area, `structure` None the
units in force on the date (as every page and command reads them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from .errors import InputError
from .exports import file_name
from .metrics import area_figures
from .official_tables import population_table_xlsx, scoring_table_xlsx
from .pack import pack_pdf
from .plan_handouts import plan_xlsx
from .report_docx import report_docx

FORMATS = ("xlsx", "docx", "pdf")
Maker = Callable[[duckdb.DuckDBPyConnection, dt.date | None, str | None, str | None], bytes]


@dataclass(frozen=True)
class Output:
    name: str  # what the CLI calls it: "scoring-table"
    format: str  # one of FORMATS
    make: Maker
    words: str  # the file name's first part, Vietnamese without diacritics: "bieu-cham-diem"
    title: str  # what the page calls it: "Biểu chấm điểm (Excel)"
    holds: str  # one line on what is in it, for the page's list
    lists_units: bool = False  # a table of the area's units: not made for an area without any

    def file_name(self, area_name: str, as_of: dt.date) -> str:
        """"bieu-cham-diem_loc-ninh_2024-09-30.xlsx"."""
        return file_name(self.words, area_name, as_of, suffix=f".{self.format}")


OUTPUTS: dict[str, Output] = {o.name: o for o in (
    Output("scoring-table", "xlsx", scoring_table_xlsx, "bieu-cham-diem",
           "Biểu chấm điểm (Excel)",
           "Biểu thống kê đánh giá (chấm điểm) theo mẫu báo cáo: mỗi đơn vị, mỗi nhóm Đạt / Chưa "
           "đạt, cột Tổng, dòng tổng; trang «Lưu ý chất lượng» kèm theo.", lists_units=True),
    Output("population-table", "xlsx", population_table_xlsx, "bieu-dan-so-dang-ky",
           "Biểu dân số và đăng ký (Excel)",
           "Biểu số người tham gia đăng ký so với dân số theo mẫu báo cáo: các cột 1–7 "
           "(7 = 6/3 × 100), dòng tổng; trang «Lưu ý chất lượng» kèm theo.", lists_units=True),
    Output("report", "docx", report_docx, "du-thao-bao-cao", "Dự thảo báo cáo (Word)",
           "Báo cáo theo thể thức Nghị định 30/2020/NĐ-CP: đoạn số liệu, biểu chấm điểm, biểu "
           "dân số và đăng ký, đơn vị tham gia thấp, tiến độ so với chỉ tiêu 677, đề xuất cho "
           "các nhóm đạt thấp; phần cán bộ tự viết được tô vàng."),
    Output("pack", "pdf", pack_pdf, "ban-in-cuoc-hop", "Bản in cho cuộc họp (PDF, khổ A4)",
           "Bìa; số liệu chính; tiến độ so với chỉ tiêu năm 2025 và 2030 của Quyết định "
           "677/QĐ-TTg; xếp hạng đủ mọi đơn vị (đơn vị tham gia thấp có dấu ▼ và chữ «tham gia "
           "thấp»); bản đồ; nhóm đối tượng; mức điểm; chất lượng số liệu; nguồn của từng bảng. "
           "Làm trên máy chủ, không cần Internet."),
    Output("plan", "xlsx", plan_xlsx, "ke-hoach-van-dong", "Kế hoạch vận động (Excel)",
           "Kế hoạch vận động để phát cho từng nơi: trang tổng hợp (khoảng cách đến chỉ tiêu "
           "năm 2025 và 2030, cơ sở tính, cách xếp thứ tự ưu tiên), thứ tự ưu tiên các đơn vị, "
           "một trang cho mỗi đơn vị phối hợp (các đơn vị, nhóm đối tượng và việc cần làm) và "
           "một trang cho mỗi đơn vị; in trên khổ A4."),
)}


@dataclass(frozen=True)
class Produced:
    output: Output
    data: bytes
    file_name: str
    as_of: dt.date  # the period the file shows
    area_code: str  # the code of the area it shows
    area_name: str


def output_for(name: str, format: str | None = None) -> Output:
    """The output `name`, refused in Vietnamese when there is none or it is not made as
    `format`."""
    found = OUTPUTS.get(name)
    if found is None:
        raise InputError(f"không có đầu ra «{name}»; các đầu ra: {', '.join(OUTPUTS)}")
    if format is not None and format != found.format:
        raise InputError(f"đầu ra «{name}» chỉ xuất được dạng {found.format}, không xuất được "
                         f"dạng {format}")
    return found


def produce(con: duckdb.DuckDBPyConnection, name: str, format: str | None = None,
            as_of: dt.date | None = None, area: str | None = None,
            structure: str | None = None) -> Produced:
    """The file of output `name` for the area, period and units chosen, with its name."""
    output = output_for(name, format)
    fig = area_figures(con, area, as_of, unit_rows=False, structure=structure)
    if fig is None:
        raise InputError("không có số liệu cho địa bàn và kỳ đã chọn")
    data = output.make(con, fig.as_of, area, structure)
    return Produced(output, data, output.file_name(fig.area.name, fig.as_of), fig.as_of,
                    fig.area.code, fig.area.name)
