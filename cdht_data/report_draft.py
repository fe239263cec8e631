"""What the written report says, from the figures: the content of the report draft
(report_docx.py lays it out as Word).

Every figure comes from the functions the pages use (metrics.area_figures, views.frames,
views.narrative, targets, partners); this module only chooses and words them, as report
33/BC-HKH does. The two tables are printed_tables' layout (headings, column numbers, totals
label, titles) filled by its shown_value, the same as the XLSX tables and the template; the
findings listed under «Lưu ý về số liệu» are table_findings', the same as the XLSX's «Lưu ý
chất lượng» sheet. What only people can write is left as a marked placeholder (PLACEHOLDER).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from . import partners as partner_list
from . import targets as target_list
from .definitions import LowUptake
from .errors import InputError
from .formatting import fmt_date, fmt_int, fmt_number, fmt_pct, plain
from .keys import POST2025
from .metrics import AreaFigures, area_figures
from .printed_tables import Table, filled_scoring_table, plan_of, shown_value
from .printed_tables import population_table as population_layout
from .table_findings import table_findings
from .target_distance import totals_distances
from .units import LEVEL_WORDS, UnitRegistry, area_label
from .views.frames import lagging_groups, low_uptake_units, target_progress
from .views.narrative import summary_paragraph

# Opens every piece of text the office must write itself; the Word file highlights it.
PLACEHOLDER = "[Nội dung do cán bộ viết: "
SIGNER = "[Họ và tên]"  # the signer's name, left for the office
NUMBER_LINE = "Số: …/BC-HKH"
PROGRAMME = "mô hình “Công dân học tập”"


@dataclass
class TableRow:
    number: str  # "1", "2", …; "" on the totals row
    name: str
    values: list  # counts as ints, rates as floats, None where the table has no figure


@dataclass
class ReportTable:
    """A table of the report: its layout (printed_tables: titles, headings, column numbers,
    totals label) and, for the layout's figure columns in order, each row's values."""
    layout: Table
    rows: list[TableRow]
    total: TableRow
    note: str = ""


@dataclass
class Draft:
    """Everything the report draft says, in reading order."""
    issuer: list[str]  # the issuing body's lines, capitals
    place_date: str
    subject: str
    opening: str
    notes: list[str]  # what the figures' sources say about themselves (AreaFigures.notes)
    paragraph: str  # views.narrative.summary_paragraph
    scoring: ReportTable | None
    population: ReportTable | None
    population_missing: str  # said instead of the population table
    data_notes: list[str]  # «Lưu ý về số liệu»: the quality findings touching the tables
    data_notes_missing: str  # said when there is none
    low_rule: str
    low_units: list[str]
    low_missing: str
    progress: list[str]
    causes_placeholder: str
    lagging: list[str]  # one line per lagging group, naming its partner
    more_placeholder: str
    closing: str
    recipients: list[str]
    signature: list[str]  # "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"
    signer_placeholder: str
    as_of: dt.date = None
    area_name: str = ""


def _recipients(level: str, structure: str) -> list[str]:
    """The "Nơi nhận" list: read upwards (association, Party committee, People's Committee
    above or at the issuer's level) and sent downwards (its units), then the archive."""
    if level == "district":
        above = ["Hội Khuyến học tỉnh (b/c);", "Thường trực Huyện ủy (b/c);", "UBND huyện (b/c);",
                 "Các xã, thị trấn;"]
    elif level == "province":
        above = ["Trung ương Hội Khuyến học Việt Nam (b/c);", "Thường trực Tỉnh ủy (b/c);",
                 "UBND tỉnh (b/c);", "Các xã, phường;"]
    else:
        association = "Hội Khuyến học tỉnh" if structure == POST2025 else "Hội Khuyến học huyện"
        above = [f"{association} (b/c);", "Thường trực Đảng ủy xã (b/c);", "UBND xã (b/c);",
                 "Các thôn, đơn vị;"]
    return [*above, "Lưu: VT."]


def _filled(fig: AreaFigures, layout: Table, note: str) -> ReportTable:
    """`layout` filled with the figures, cell by cell as the XLSX table (shown_value)."""
    shown = [c for c in layout.columns if c.figure]
    names = fig.units["name"].tolist() if not fig.units.empty else []
    rows = [TableRow(str(i + 1), name, [shown_value(fig, c, i) for c in shown])
            for i, name in enumerate(names)]
    return ReportTable(layout, rows,
                       TableRow("", layout.total_label, [shown_value(fig, c, None) for c in shown]),
                       note)


def scoring_table(fig: AreaFigures) -> ReportTable | None:
    """Units × groups × Đạt / Chưa đạt and the "Tổng" (people assessed) as report 33/BC-HKH
    prints it; None without a scoring table for the period."""
    if "scoring" not in fig.sources or not fig.groups:
        return None
    return _filled(fig, filled_scoring_table(fig),
                   "Dòng tổng là tổng các dòng đơn vị; ô trống: bảng không ghi số.")


def population_table(fig: AreaFigures) -> ReportTable | None:
    """Columns 1–7 of the report's population table, one row per unit and the totals row;
    None without a population table for the period."""
    if "population" not in fig.sources:
        return None
    return _filled(fig, population_layout(plan_of(fig)),
                   "Dòng tổng cộng là tổng các dòng đơn vị; cột 7 tính lại từ các số tổng.")


def data_notes(con: duckdb.DuckDBPyConnection, fig: AreaFigures,
               tables: list[ReportTable]) -> list[str]:
    """«Lưu ý về số liệu»: one line per quality finding touching the tables the draft prints
    (table_findings, as the XLSX's «Lưu ý chất lượng» sheet chooses them), most severe first,
    led by the unit it is about unless its words already name it."""
    found = table_findings(con, fig, [t.layout for t in tables])
    return [f"{'' if unit in message else f'{unit}: '}{message.rstrip('.')} "
            f"(mức độ: {severity.lower()})."
            for unit, message, severity in zip(found["unit"], found["message"],
                                               found["severity_name"])]


def progress_lines(fig: AreaFigures, targets: list[target_list.Target]) -> list[str]:
    """Progress to each target about every group (2025 and 2030 of 677/QĐ-TTg), with the people
    still to be recognised and the base the share is measured on."""
    lines = []
    for t in target_list.for_all_groups(targets):
        progress = target_progress(fig.totals, t.pct)
        head = (f"Chỉ tiêu đến năm {t.year} ({t.source}): {fmt_number(t.pct)}% "
                f"{t.base_words} được công nhận “Công dân học tập”")
        if progress["recognized_of_population_pct"] is None:
            lines.append(f"{head}: chưa tính được tiến độ vì chưa có số người đạt hoặc dân số "
                         "8–60 tuổi của kỳ này.")
            continue
        now = (f"hiện đạt {fmt_pct(progress['recognized_of_population_pct'])} "
               f"({fmt_int(fig.totals['recognized_count'])}/"
               f"{fmt_int(fig.totals['age_8_60_count'])} người)")
        gap = progress["gap_count"]
        rest = f"còn cần công nhận thêm {fmt_int(gap)} người" if gap else "đã đạt chỉ tiêu"
        lines.append(f"{head}; {now}, {rest}.")
    by_who: dict[str, list[str]] = {}
    for t in targets:
        if not t.for_all_groups and t.group_in(fig.ruleset.get("ruleset_id")) is not None:
            by_who.setdefault(t.who, []).append(f"{fmt_number(t.pct)}% năm {t.year}")
    if by_who:
        named = "; ".join(f"{who}: {', '.join(goals)}" for who, goals in by_who.items())
        lines.append(f"Chưa tính được tiến độ các chỉ tiêu theo nhóm đối tượng ({named}) vì "
                     "chưa có số người của từng nhóm trên địa bàn.")
    return lines


def lagging_lines(fig: AreaFigures, partners: tuple[partner_list.Partner, ...]) -> list[str]:
    """Section III: one line per lagging group (views.frames.lagging_groups), with the
    suggestion of the partner that reaches it (partners.toml)."""
    where = f"toàn {LEVEL_WORDS.get(fig.area.level, 'địa bàn')}"
    lines = []
    for _, g in lagging_groups(fig).iterrows():
        rate = plain(g["recognition_pct"])
        why = (f"tỉ lệ đạt {fmt_pct(rate)}, dưới mức {fmt_pct(g['area_recognition_pct'])} của "
               f"{where}"
               if rate is not None else "chưa có người được đánh giá")
        partner = partner_list.for_group(partners, fig.ruleset["ruleset_id"], int(g["group_no"]))
        suggestion = partner.suggestion if partner is not None else (
            f"{PLACEHOLDER}cơ quan, đoàn thể vận động nhóm này.]")
        lines.append(f"Đối với {g['group_name']} ({why}): {suggestion}")
    return lines


def draft(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None,
          area_key: str | None = None, structure: str | None = None,
          low: LowUptake | None = None) -> Draft:
    """The report draft of an area and period in the units of `structure` (as the pages
    show them); refused in Vietnamese when there is nothing to report."""
    fig = area_figures(con, area_key, as_of, structure=structure)
    if fig is None:
        raise InputError("chưa có số liệu cho địa bàn và kỳ đã chọn: không có gì để báo cáo")
    low = low or LowUptake()
    registry = UnitRegistry.load(con)
    area = fig.area
    targets = target_list.for_area(target_list.in_force(con, registry),
                                   registry.ancestors(area.unit_key))
    named = area_label(area.level, area.name)
    issuer = ["HỘI KHUYẾN HỌC", named.upper()]
    period = fmt_date(fig.as_of)
    lows = low_uptake_units(fig, low) if not fig.units.empty else None
    scoring, population = scoring_table(fig), population_table(fig)
    paragraph = summary_paragraph(fig, low, totals_distances(fig.totals, targets, fig.as_of))
    return Draft(
        issuer=issuer,
        place_date=f"{area.name}, ngày … tháng … năm …",
        subject=f"Kết quả thực hiện {PROGRAMME} tính đến ngày {period}"
                + (f" ({fig.ruleset['name']})" if fig.ruleset.get("name") else ""),
        opening=(f"Hội Khuyến học {named} báo cáo kết quả thực hiện {PROGRAMME} trên địa bàn "
                 f"tính đến ngày {period}, cụ thể như sau:"),
        notes=list(fig.notes),
        paragraph=paragraph,
        scoring=scoring,
        population=population,
        population_missing="" if population is not None else (
            f"Kỳ này chưa có bảng dân số và đăng ký của {named}, nên chưa có biểu số người tham "
            "gia đăng ký so với dân số 8–60 tuổi và chưa tính được tỉ lệ tham gia."),
        data_notes=data_notes(con, fig, [t for t in (scoring, population) if t is not None]),
        data_notes_missing=("Kiểm tra chất lượng số liệu không có lưu ý nào về các số của các "
                            "biểu trên."),
        low_rule=low.describe(),
        low_units=[] if lows is None else [
            f"{n}: {fmt_pct(p)} ({fmt_int(r)}/{fmt_int(a)} người)" for n, p, r, a in zip(
                lows["name"], lows["participation_pct"], lows["registered_count"],
                lows["age_8_60_count"])],
        low_missing=("Chưa xác định được đơn vị tham gia thấp vì chưa có tỉ lệ tham gia "
                     "(thiếu bảng dân số 8–60 tuổi)."
                     if population is None else "Không có đơn vị nào tham gia thấp."),
        progress=progress_lines(fig, targets),
        causes_placeholder=(f"{PLACEHOLDER}nguyên nhân của kết quả trên (ví dụ: sự phối hợp "
                            "giữa các ban, ngành, đoàn thể; người dân không có điện thoại thông "
                            "minh, quên mật khẩu, không có wifi; chế độ cho cán bộ làm công tác "
                            "này) và đánh giá chung về ưu điểm, hạn chế.]"),
        lagging=lagging_lines(fig, partner_list.load()),
        more_placeholder=f"{PLACEHOLDER}các đề xuất, kiến nghị khác.]",
        closing=(f"Trên đây là báo cáo kết quả thực hiện {PROGRAMME} tính đến ngày {period} "
                 f"của Hội Khuyến học {named}./."),
        recipients=_recipients(area.level, area.structure),
        signature=["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"],
        signer_placeholder=SIGNER,
        as_of=fig.as_of,
        area_name=area.name,
    )
