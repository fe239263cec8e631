"""Figures that are arithmetically fine but say something about how they were made."""

from __future__ import annotations

import datetime as dt
import re
import statistics

from ..formulas import round_half_up, sum_counts
from ..names import header_key
from .findings import Hit, vn_number
from .printed_arithmetic import column_title
from .sheet import Sheet, load_sheet

AGE_BANDS = ("under_7_count", "age_8_60_count", "over_60_count", "age_8_60_unable_count")
# Real communes differ in age structure by whole percentage points (a town against a rural
# commune); shares that vary by less than 1% of their mean come from one district ratio applied
# to each commune's total, while a count of a dozen people alone varies more by rounding.
MAX_ESTIMATED_CV_PCT = 1.0
MIN_UNITS = 3


def estimated_age_bands(con, sheet: Sheet) -> list[Hit]:
    hits = []
    for key in AGE_BANDS:
        shares = [r.cells[key] / r.cells["population_count"] for r in sheet.unit_rows
                  if r.cells.get(key) is not None and r.cells.get("population_count")]
        if len(shares) < MIN_UNITS or statistics.fmean(shares) == 0:
            continue
        cv = statistics.pstdev(shares) / statistics.fmean(shares) * 100
        if cv >= MAX_ESTIMATED_CV_PCT:
            hits.append(Hit.ok(None))
            continue
        header = sheet.column(key).header.split(" / ")[-1]
        hits.append(Hit(None, MAX_ESTIMATED_CV_PCT, round_half_up(cv, 4),
                        f"{column_title(sheet, key).capitalize()} («{header}») chiếm gần như "
                        f"cùng một tỉ lệ dân số ở cả {len(shares)} xã (trung bình "
                        f"{vn_number(statistics.fmean(shares) * 100)}%, hệ số biến thiên "
                        f"{vn_number(cv, 3)}%, dưới ngưỡng {vn_number(MAX_ESTIMATED_CV_PCT)}%): "
                        "số này có vẻ được ước tính bằng một tỉ lệ chung, không phải đếm thực tế",
                        [sheet.ref(None, key)], expected_label="hệ số biến thiên tối thiểu (%)"))
    return hits


def age_band_gap(con, sheet: Sheet) -> list[Hit]:
    young, adult = sheet.columns.get("under_7_count"), sheet.columns.get("age_8_60_count")
    if young is None or adult is None:
        return []
    if "duoi 7" not in header_key(young.header) or "8" not in header_key(adult.header):
        return [Hit.ok(None)]
    return [Hit(None, None, None,
                f"Tiêu đề «{young.header.split(' / ')[-1]}» và «{adult.header.split(' / ')[-1]}» "
                "bỏ sót người đúng 7 tuổi: họ không thuộc nhóm tuổi nào của bảng",
                [sheet.ref(None, "under_7_count"), sheet.ref(None, "age_8_60_count")])]


# ---------------------------------------------------------------- outliers against the others

# Shares of the population that depend on how people were counted, not on the programme: they
# differ between communes of one district by a few points (a town has fewer children than a
# rural commune), while a count typed into the wrong column or with a digit dropped moves a
# share by tens of points. Participation and recognition rates are the programme's results and
# are never compared here. A commune is compared with the median of the *other* communes (so
# it cannot pull its own reference) and must be both far in their own spread (more than 4
# median absolute deviations, about 2.7 standard deviations if communes varied normally) and
# far in absolute terms (more than 5 percentage points, so that nearly identical shares, whose
# deviation is close to 0, do not make every rounding difference an outlier).
OUTLIER_MADS = 4
OUTLIER_MIN_POINTS = 5.0
MIN_OTHERS = 3


def _share(row, key) -> float | None:
    part, whole = row.cells.get(key), row.cells.get("population_count")
    return part / whole * 100 if part is not None and whole else None


def _median_without(ordered: list[float], index: int) -> float:
    """The median of a sorted list with the element at `index` left out, without copying it."""
    n = len(ordered) - 1
    at = lambda k: ordered[k] if k < index else ordered[k + 1]  # noqa: E731
    return at(n // 2) if n % 2 else (at(n // 2 - 1) + at(n // 2)) / 2


# Above this many communes one commune barely moves the spread of the others, so the spread of
# all is used (a national table of 10,000 communes stays linear).
EXACT_SPREAD_MAX_UNITS = 100


def share_outlier(con, sheet: Sheet) -> list[Hit]:
    hits = []
    for key in AGE_BANDS:
        if key not in sheet.columns:
            continue
        shares = [(row, _share(row, key)) for row in sheet.unit_rows]
        shares = sorted(((s, i, row) for i, (row, s) in enumerate(shares) if s is not None),
                        key=lambda t: (t[0], t[1]))
        if len(shares) < MIN_OTHERS + 1:
            continue
        ordered = [s for s, _, _ in shares]
        overall = statistics.median(ordered)
        overall_mad = statistics.median(abs(s - overall) for s in ordered)
        found = []
        for index, (share, order, row) in enumerate(shares):
            median = _median_without(ordered, index)
            gap = abs(share - median)
            if gap <= OUTLIER_MIN_POINTS:  # the cheap test first: most communes stop here
                found.append((order, Hit.ok(row)))
                continue
            if len(ordered) > EXACT_SPREAD_MAX_UNITS:
                mad = overall_mad
            else:
                mad = statistics.median(abs(s - median) for j, s in enumerate(ordered)
                                        if j != index)
            if gap <= OUTLIER_MADS * mad:
                found.append((order, Hit.ok(row)))
                continue
            header = sheet.column(key).header.split(" / ")[-1]
            found.append((order, Hit(
                row, round_half_up(median, 2), round_half_up(share, 2),
                f"«{row.unit_name or row.label}»: {column_title(sheet, key)} («{header}») là "
                f"{vn_number(row.cells[key])} người, bằng {vn_number(share, 2)}% tổng nhân khẩu "
                f"({vn_number(row.cells['population_count'])}), trong khi ở {len(ordered) - 1} "
                f"xã khác tỉ lệ này quanh {vn_number(median, 2)}% (lệch {vn_number(gap, 2)} "
                f"điểm phần trăm, hơn {OUTLIER_MADS} lần độ lệch tuyệt đối trung vị "
                f"{vn_number(mad, 2)} và hơn {vn_number(OUTLIER_MIN_POINTS)} điểm): có thể "
                "chép nhầm cột hoặc sai chữ số",
                [sheet.ref(row, key), sheet.ref(row, "population_count", "part")],
                expected_label="trung vị các xã khác (% tổng nhân khẩu)")))
        hits += [hit for _, hit in sorted(found, key=lambda t: t[0])]
    return hits


# ---------------------------------------------------------------- against the previous period

def _counts(sheet: Sheet) -> dict[str, tuple[str, str]]:
    """name -> (cell key or pattern, Vietnamese name) of the cumulative counts of a table."""
    if sheet.kind == "population":
        return {"registered": ("registered_count", "số người đăng ký")}
    if sheet.kind == "scoring":
        return {"recognized": (r"g\d+_recognized", "số Đạt"),
                "assessed": (r"g\d+_(not_)?recognized", "số đã đánh giá (Đạt + Chưa đạt)")}
    if sheet.kind == "pilot":
        return {"registered": ("registered_count", "số đăng ký"),
                "recognized": ("recognized_count", "số được công nhận")}
    return {}


def _figure(row, pattern: str) -> tuple[float | None, list[str]]:
    keys = sorted(k for k in row.cells if re.fullmatch(pattern, k))
    return sum_counts(row.cells.get(k) for k in keys), keys


def previous_sheet(con, sheet: Sheet) -> Sheet | None:
    """The latest table of the same kind and area before this one's date."""
    found = con.execute("SELECT dataset_id FROM datasets WHERE kind = ? AND area_key = ? "
                        "AND as_of < ? ORDER BY as_of DESC LIMIT 1",
                        [sheet.kind, sheet.area_key, sheet.as_of]).fetchone()
    return load_sheet(con, found[0]) if found else None


def _date(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


# Across years a count may start again from nothing; only a jump too big for one year's work
# (ten times the previous count, and by at least 100 people so that 3 -> 40 is not reported)
# is worth a look, as information.
JUMP_FACTOR = 10
JUMP_MIN_PEOPLE = 100


def change_from_previous_period(con, sheet: Sheet) -> list[Hit]:
    counts = _counts(sheet)
    previous = previous_sheet(con, sheet) if counts else None
    if previous is None:
        return []
    same_year = previous.as_of.year == sheet.as_of.year
    before = {r.unit_key: r for r in previous.unit_rows if r.unit_key}
    now, then = _date(sheet.as_of), _date(previous.as_of)
    hits = []
    for row in sheet.unit_rows:
        old = before.get(row.unit_key)
        if old is None:
            continue
        for pattern, name in counts.values():
            value, keys = _figure(row, pattern)
            old_value, old_keys = _figure(old, pattern)
            if value is None or old_value is None:
                continue
            if same_year and value < old_value:
                severity, why = "warning", (
                    f"giảm so với kỳ {then} cùng năm ({vn_number(old_value)}), dù số liệu "
                    "trong một năm đánh giá là số cộng dồn")
            elif (not same_year and value > JUMP_FACTOR * old_value
                  and value - old_value >= JUMP_MIN_PEOPLE):
                severity, why = "information", (
                    f"gấp hơn {JUMP_FACTOR} lần kỳ {then} ({vn_number(old_value)})")
            else:
                hits.append(Hit.ok(row))
                continue
            role = "printed" if len(keys) == 1 else "part"
            cells = ([sheet.ref(row, k, role, f"kỳ {now}") for k in keys]
                     + [previous.ref(old, k, "other", f"kỳ {then}") for k in old_keys])
            hits.append(Hit(row, old_value, value,
                            f"«{row.unit_name or row.label}»: {name} kỳ {now} là "
                            f"{vn_number(value)}, {why}", cells, severity,
                            expected_label=f"kỳ trước ({then})"))
    return hits
