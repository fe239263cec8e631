"""The report draft as a Word file (DOCX), in the layout Nghị định 30/2020/NĐ-CP gives an
administrative report: A4, margins 20/20/30/15 mm, Times New Roman, the header block as a
borderless two-column table, title, numbered sections, "Nơi nhận" and the signature block.

python-docx writes every run as literal text (XML-escaped), so a unit's name with "<" or "&"
is printed as written; characters XML cannot hold at all are dropped (`_literal`). The file is
plain WordprocessingML that Word and LibreOffice open without repair (tests render it).
"""

from __future__ import annotations

import datetime as dt
import io
import re

import duckdb
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .formatting import fmt_decimal, fmt_int
from .printed_tables import Column, column_widths
from .report_draft import NUMBER_LINE, PLACEHOLDER, SIGNER, Draft, ReportTable, draft

FONT = "Times New Roman"
BODY_PT = 14  # Nghị định 30: body text 13–14
HEADER_PT = 13  # the header block and the signature
TABLE_PT = 11  # tables are set smaller so the 11 columns fit the portrait page
MIN_COLUMN_CM = 1.0  # no column narrower
CELL_MARGIN_CM = 0.08  # left and right margin of a table cell (Word's own: 0,19)
WORD_MARGIN_CM = 0.22  # what a word needs beside it in a cell: Word's margin, which LibreOffice
# keeps, and a little more
LIST_PT = 11  # the "Nơi nhận" list (Nghị định 30: 11)
PAGE = (Mm(210), Mm(297))
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
TEXT_WIDTH_CM = 16.5  # 210 − 30 − 15 mm
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Characters XML 1.0 cannot hold (python-docx refuses them): dropped from text from data.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What the office must write itself, highlighted wherever it stands in a paragraph.
_TO_WRITE = re.compile(f"({re.escape(PLACEHOLDER)}[^\\]]*\\]|{re.escape(SIGNER)})")


def _literal(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def _run(paragraph, text: str, size: float = BODY_PT, bold: bool = False,
         italic: bool = False, underline: bool = False):
    run = paragraph.add_run(_literal(text))
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    # Word picks the font of Vietnamese letters from the complex-script and east-Asian slots too
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    return run


def _runs(paragraph, text: str, size: float = BODY_PT, bold: bool = False,
          italic: bool = False) -> None:
    """`text` as runs, each placeholder (PLACEHOLDER …], SIGNER) highlighted in yellow."""
    for part in _TO_WRITE.split(text):
        if part:
            run = _run(paragraph, part, size, bold, italic)
            if _TO_WRITE.fullmatch(part):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _paragraph(container, text: str = "", size: float = BODY_PT, bold: bool = False,
               italic: bool = False, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = False,
               after: float = 6):
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if text:
        _runs(p, text, size, bold, italic)
    return p


def _rule(cell, width_cm: float, cell_cm: float) -> None:
    """A short centred line under a heading: an empty paragraph with a top border, its indents
    leaving `width_cm` of line (Nghị định 30 draws one under the issuer and the motto)."""
    p = cell.add_paragraph()
    side = max((cell_cm - width_cm) / 2, 0)
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(side)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    p._p.get_or_add_pPr().append(borders)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _narrow_margins(table, cm: float = CELL_MARGIN_CM) -> None:
    """Cell margins narrower than Word's 0,19 cm, so eleven columns of figures fit the page."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(round(cm / 2.54 * 1440)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _widths(table, widths_cm: list[float]) -> None:
    """Column widths both where Word reads them (each cell) and LibreOffice (the grid)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def _cell_text(cell, text: str, size: float, bold: bool = False, italic: bool = False,
               align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    p = cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.space_before = Pt(0)
    _run(p, text, size, bold, italic)
    # the paragraph mark at the cell's size too: an empty cell's line would be the body's 14 pt
    mark = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(round(size * 2)))
    mark.append(sz)
    p._p.get_or_add_pPr().append(mark)


def _side_by_side(doc, left_cm: float, right_cm: float):
    """A borderless two-cell row, as the decree lays out the header and the signature blocks."""
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [left_cm, right_cm])
    return table, *table.rows[0].cells


def _bold_lines(cell, lines: list[str]) -> None:
    """Centred bold lines in one paragraph (line breaks, no space between them)."""
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, line in enumerate(lines):
        run = _run(p, line, HEADER_PT, bold=True)
        if i < len(lines) - 1:
            run.add_break()


def _header_block(doc, d: Draft) -> None:
    left_cm, right_cm = 6.5, TEXT_WIDTH_CM - 6.5
    _, left, right = _side_by_side(doc, left_cm, right_cm)
    _bold_lines(left, d.issuer)
    _rule(left, 2.5, left_cm)
    _paragraph(left, NUMBER_LINE, HEADER_PT, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    p = right.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", HEADER_PT - 1, bold=True).add_break()
    _run(p, "Độc lập - Tự do - Hạnh phúc", HEADER_PT, bold=True)
    _rule(right, 6.0, right_cm)
    _paragraph(right, d.place_date, HEADER_PT, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER,
               after=0)


def _heading(doc, text: str, level: int = 1) -> None:
    _paragraph(doc, text, BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, indent=True,
               after=6).paragraph_format.keep_with_next = True


def _repeat_header(row) -> None:
    """A header row printed again at the top of each page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _value(value, rate: bool = False) -> str:
    if value is None:
        return ""
    return fmt_decimal(value) if rate else fmt_int(value)


def _table_titles(doc, t: ReportTable) -> None:
    """The layout's title rows: the title in bold, "Tính đến ngày …" and the rest centred."""
    first, *rest = t.layout.titles
    _paragraph(doc, f"* {first}", BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT,
               after=0).paragraph_format.keep_with_next = True
    for i, line in enumerate(rest):
        _paragraph(doc, line, BODY_PT, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                   after=3 if i == len(rest) - 1 else 0).paragraph_format.keep_with_next = True


def _column_widths(t: ReportTable) -> list[float]:
    """printed_tables' column widths (the XLSX's) scaled to the page's text width; a column
    narrower than its longest word (of its headings, its column number, its widest figure)
    gets that width, the others give up what it takes."""
    raw = column_widths(t.layout, [r.name for r in t.rows])
    texts = [[c.top or "", c.sub, c.number or ""] for c in t.layout.columns]
    shown = [k for k, c in enumerate(t.layout.columns) if c.figure]
    for row in [*t.rows, t.total]:
        for k, col, value in zip(shown, [t.layout.columns[k] for k in shown], row.values):
            texts[k].append(_value(value, col.role == "rate"))
    floors = [max(MIN_COLUMN_CM, *(_word_cm(w, TABLE_PT) for text in column
                                   for w in text.split()))
              for column in texts]
    scale = TEXT_WIDTH_CM / sum(raw)
    narrow = [w * scale < floor for w, floor in zip(raw, floors)]
    rest = TEXT_WIDTH_CM - sum(f for f, n in zip(floors, narrow) if n)
    wide = sum(w for w, n in zip(raw, narrow) if not n)
    return [f if n else w * rest / wide for w, f, n in zip(raw, floors, narrow)]


def _word_cm(word: str, size_pt: float) -> float:
    """About how wide a word of Times New Roman is set (a capital some 0,72 em, another letter
    or a digit half an em), with the cell's margins: a column narrower than that breaks it."""
    ems = sum(0.72 if ch.isupper() else 0.5 for ch in word)
    return ems * size_pt / 72 * 2.54 + 2 * WORD_MARGIN_CM


def _heading_text(text: str) -> str:
    """A heading over narrow columns breaks before its bracket: "Nhóm I" over "(Nông dân)"."""
    return text.replace(" (", "\n(")


def _header(table, columns: tuple[Column, ...], size: float) -> int:
    """The layout's two header rows (a group heading merged over its columns, a heading without
    a second row merged down) and the column numbers when the form has them, repeated on every
    page; the number of header rows."""
    top, sub = table.rows[0].cells, table.rows[1].cells
    c = 0
    while c < len(columns):
        span = 1
        while c + span < len(columns) and columns[c + span].top is None:
            span += 1
        col = columns[c]
        if col.sub:
            _cell_text(top[c].merge(top[c + span - 1]) if span > 1 else top[c],
                       _heading_text(col.top), size, bold=True)
            for k in range(c, c + span):
                _cell_text(sub[k], columns[k].sub, size, bold=True)
        else:
            _cell_text(top[c].merge(sub[c]), _heading_text(col.top), size, bold=True)
        c += span
    rows = 2
    if any(col.number for col in columns):
        for k, col in enumerate(columns):
            _cell_text(table.rows[2].cells[k], col.number or "", size, italic=True)
        rows = 3
    for row in table.rows[:rows]:
        _repeat_header(row)
    return rows


def _table(doc, t: ReportTable) -> None:
    """A table of the report in printed_tables' layout, the same as the XLSX table's."""
    _table_titles(doc, t)
    columns = t.layout.columns
    numbered = any(col.number for col in columns)
    table = doc.add_table(rows=2 + numbered + len(t.rows) + 1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _narrow_margins(table)
    long_headings = any(len(c.top or "") > 30 or len(c.sub) > 20 for c in columns)
    heading_pt = TABLE_PT - 1 if long_headings else TABLE_PT
    _widths(table, _column_widths(t))
    first = _header(table, columns, heading_pt)
    shown = [c for c in columns if c.figure]
    for r, row in enumerate([*t.rows, t.total], start=first):
        cells = table.rows[r].cells
        is_total = row is t.total
        _cell_text(cells[0], row.number, TABLE_PT)
        _cell_text(cells[1], row.name, TABLE_PT, bold=is_total, align=WD_ALIGN_PARAGRAPH.LEFT)
        for c, (col, value) in enumerate(zip(shown, row.values), start=2):
            _cell_text(cells[c], _value(value, col.role == "rate"), TABLE_PT, bold=is_total,
                       align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(doc, t.note, TABLE_PT, italic=True, after=6)


def _list(doc, lines: list[str]) -> None:
    for line in lines:
        _paragraph(doc, f"- {line}", indent=True)


def _closing_block(doc, d: Draft) -> None:
    left_cm, right_cm = 8.0, TEXT_WIDTH_CM - 8.0
    table, left, right = _side_by_side(doc, left_cm, right_cm)
    # the block is never split: the signer's name does not start a page of its own
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    p = left.paragraphs[0]
    p.paragraph_format.space_after = Pt(0)
    _run(p, "Nơi nhận:", 12, bold=True, italic=True)
    for line in d.recipients:
        _paragraph(left, f"- {line}", LIST_PT, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
    _bold_lines(right, d.signature)
    for _ in range(3):
        _paragraph(right, "", HEADER_PT, after=0)
    _paragraph(right, d.signer_placeholder, HEADER_PT, bold=True,
               align=WD_ALIGN_PARAGRAPH.CENTER, after=0)


def _page_numbers(section) -> None:
    """Page numbers at the top centre from the second page on (Nghị định 30)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _run(p, "", HEADER_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
        else:
            field = OxmlElement("w:instrText")
            field.set(qn("xml:space"), "preserve")
            field.text = text
        run._r.append(field)


def write_docx(d: Draft) -> bytes:
    """The Word file of a report draft."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    doc.core_properties.title = f"Dự thảo báo cáo – {d.area_name}"
    doc.core_properties.language = "vi-VN"
    _page_numbers(section)
    _header_block(doc, d)
    _paragraph(doc, "", after=6)
    _paragraph(doc, "BÁO CÁO", BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _paragraph(doc, d.subject, BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    _paragraph(doc, d.opening, indent=True)

    _heading(doc, "I. KẾT QUẢ ĐẠT ĐƯỢC")
    _heading(doc, "1. Kết quả chung")
    _paragraph(doc, d.paragraph, indent=True)
    for note in d.notes:
        _paragraph(doc, f"Ghi chú: {note}", BODY_PT - 1, italic=True, indent=True)
    _heading(doc, "2. Kết quả đánh giá, chấm điểm")
    if d.scoring is not None:
        _table(doc, d.scoring)
    else:
        _paragraph(doc, "Kỳ này chưa có bảng đánh giá, chấm điểm.", indent=True)
    _heading(doc, "3. Số người tham gia đăng ký so với số người có khả năng tham gia")
    if d.population is not None:
        _table(doc, d.population)
    else:
        _paragraph(doc, d.population_missing, indent=True)
    _heading(doc, "4. Lưu ý về số liệu")
    if d.data_notes:
        _paragraph(doc, "Kiểm tra chất lượng số liệu có các lưu ý sau về các số của các biểu "
                   "trên:", indent=True)
        _list(doc, d.data_notes)
    else:
        _paragraph(doc, d.data_notes_missing, indent=True)
    _heading(doc, "5. Đơn vị có tỉ lệ tham gia thấp")
    if d.low_units:
        _paragraph(doc, f"Đơn vị tham gia thấp ({d.low_rule}):", indent=True)
        _list(doc, d.low_units)
    else:
        _paragraph(doc, d.low_missing, indent=True)
    _heading(doc, "6. Tiến độ so với chỉ tiêu")
    _list(doc, d.progress)

    _heading(doc, "II. NGUYÊN NHÂN, ĐÁNH GIÁ")
    _paragraph(doc, d.causes_placeholder, indent=True)

    _heading(doc, "III. ĐỀ XUẤT, KIẾN NGHỊ")
    if d.lagging:
        _paragraph(doc, "Đối với các nhóm đối tượng có tỉ lệ đạt thấp:", indent=True)
        for i, line in enumerate(d.lagging, start=1):
            _paragraph(doc, f"{i}. {line}", indent=True)
    else:
        _paragraph(doc, "Không có nhóm đối tượng nào có tỉ lệ đạt thấp hơn toàn địa bàn.",
                   indent=True)
    _paragraph(doc, d.more_placeholder, indent=True)
    _paragraph(doc, d.closing, indent=True, after=12).paragraph_format.keep_with_next = True
    _closing_block(doc, d)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def report_docx(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None,
                area_key: str | None = None, structure: str | None = None) -> bytes:
    """The report draft of an area and period as a DOCX file (outputs.OUTPUTS["report"])."""
    return write_docx(draft(con, as_of, area_key, structure))
