"""Tables in Vietnamese formats that still sort as numbers: a pandas Styler shows `5.049` and
`16,70%` while the cells keep their numeric values. No Streamlit here, so it is testable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from cdht_data.definitions import LOW_UPTAKE_MARK
from cdht_data.exports import csv_bytes
from cdht_data.formatting import MISSING, fmt_date, fmt_decimal, fmt_int, fmt_pct

from .charts import LOW_FILL, LOW_FILL_TEXT

LABELS = {
    "rank": "Hạng", "name": "Đơn vị", "code": "Mã", "group_name": "Nhóm", "short_name": "Nhóm",
    "registered_count": "Đăng ký", "age_8_60_count": "Dân số 8–60",
    "participation_pct": "Tỉ lệ tham gia", "assessed_count": "Đã đánh giá",
    "recognized_count": "Đạt", "not_recognized_count": "Chưa đạt",
    "recognition_pct": "Tỉ lệ Đạt (trên đã đánh giá)",
    "recognition_of_registered_pct": "Tỉ lệ Đạt (trên đăng ký)",
    "gap_count": "Còn thiếu so với chỉ tiêu (người)", "low_mark": "Tham gia thấp",
    "band": "Mức điểm", "person_count": "Số người", "share_pct": "Tỉ lệ trong số Đạt",
    "as_of": "Tính đến ngày", "ruleset": "Bộ tiêu chí", "lowest_unit": "Đơn vị thấp nhất",
    "lowest_pct": "Tỉ lệ Đạt thấp nhất", "party_member_count": "Đảng viên",
    "population_count": "Tổng dân số", "quality_mark": "Lưu ý dữ liệu",
    # the outreach plan (cdht_data.plan_page)
    "priority": "Ưu tiên", "partner_name": "Đơn vị phối hợp", "size_count": "Số người của nhóm",
    "base_count": "Cơ sở tính (người)", "recognized_of_base_pct": "Đạt / cơ sở tính",
    "people_to_recognize_count": "Còn thiếu (người)",
    "to_assess_count": "Cần đánh giá trước (người)",
    "to_register_count": "Cần đăng ký trước (người)",
    "needed_per_month": "Cần mỗi tháng (người)", "seen_per_month": "Đã đạt mỗi tháng (người)",
    "target": "Chỉ tiêu", "source": "Văn bản", "note": "Ghi chú",
    "registered_added_count": "Đăng ký thêm (người)", "people_gained_count": "Đạt thêm (người)",
}
LOW_TEXT = f"{LOW_UPTAKE_MARK} Thấp"


# st.dataframe draws rows 35 px high under a 35 px header, plus its 2 px border.
ROW_PX, BORDER_PX = 35, 3


def height(rows: int) -> int:
    """The height that shows every row of a table without a scroll bar inside it (a league of
    16 communes cut at 10 rows hid six of them on a projector and in print)."""
    return ROW_PX * (rows + 1) + BORDER_PX


def _formatter(column: str):
    if column.endswith("_count"):
        return fmt_int
    if column.endswith("_pct"):
        return fmt_pct
    if column.endswith("_per_month"):
        return fmt_decimal
    if column == "as_of":
        return fmt_date
    return None


def _table(frame: pd.DataFrame, columns: list[str], low: pd.Series | None) -> pd.DataFrame:
    """`columns` of `frame`, with the low-uptake mark after the name where `low` is given."""
    table = frame[columns].reset_index(drop=True).copy()
    if low is not None:
        marks = pd.Series([LOW_TEXT if v else "" for v in low], dtype="str")
        where = columns.index("name") + 1 if "name" in columns else len(columns)
        table.insert(where, "low_mark", marks)
    return table


def csv(frame: pd.DataFrame, columns: list[str], low: pd.Series | None = None,
        labels: dict[str, str] | None = None) -> bytes:
    """The table `styled` shows, as a CSV file: same columns and headers, numbers unformatted
    (exports.csv_bytes)."""
    table = _table(frame, columns, low)
    return csv_bytes(table, list(table.columns), {**LABELS, **(labels or {})})


def _headed(frame: pd.DataFrame, columns: list[str], low: pd.Series | None,
            labels: dict[str, str] | None) -> tuple[pd.DataFrame, dict[str, Callable]]:
    """The table `styled` shows under its Vietnamese headers, and its formats by header."""
    table = _table(frame, columns, low)
    names = {**LABELS, **(labels or {})}
    formats = {names.get(c, c): fn for c in table.columns if (fn := _formatter(c))}
    return table.rename(columns=lambda c: names.get(c, c)), formats


def styled(frame: pd.DataFrame, columns: list[str], low: pd.Series | None = None,
           labels: dict[str, str] | None = None) -> Styler:
    """`columns` of `frame` with Vietnamese headers and formats; rows where `low` is True get
    the low-uptake mark and fill used everywhere in the dashboard."""
    return _styled(*_headed(frame, columns, low, labels), low)


def _styled(table: pd.DataFrame, formats: dict[str, Callable],
            low: pd.Series | None) -> Styler:
    styler = table.style.format(formats, na_rep=MISSING).hide(axis="index")
    if low is not None:
        # one call for the whole table: a row-wise apply made a Series of every row, each
        # time the Styler is drawn, most of a first view's time
        filled = np.asarray(low, dtype=bool)[:, None]
        fill = f"background-color: {LOW_FILL}; color: {LOW_FILL_TEXT}; font-weight: 600"
        styler = styler.apply(
            lambda shown: pd.DataFrame(np.where(np.broadcast_to(filled, shown.shape), fill, ""),
                                       index=shown.index, columns=shown.columns), axis=None)
    return styler


@dataclass(frozen=True, eq=False)
class Shown:
    """A table as `styled` shows it, before it is built: a table replayed from the cache
    (ui/print_css) is keyed by the frame its rows come from and built only when it must be
    drawn, not on every run (building each table and its key was a quarter of a rerun's script
    time). `low` names the frame's column that marks low uptake; `formats` are display formats
    by shown header, added to the ones of `styled`."""
    frame: pd.DataFrame
    columns: tuple[str, ...]
    low: str | None = None
    labels: tuple[tuple[str, str], ...] = ()
    formats: tuple[tuple[str, Callable], ...] = ()

    @cached_property
    def headed(self) -> tuple[pd.DataFrame, dict[str, Callable]]:
        """The shown table and its formats, made once for the grid and its printed copy."""
        return _headed(self.frame, list(self.columns), self._low_rows(), dict(self.labels))

    def styler(self) -> Styler:
        built = _styled(*self.headed, self._low_rows())
        if not self.formats:
            return built
        # only the named columns: pandas gives every other column of `subset` (all, unless
        # named) its default format again, undoing `styled`'s Vietnamese ones
        own = dict(self.formats)
        return built.format(own, subset=list(own), na_rep=MISSING)

    def text(self) -> Text:
        """This table's cells as the grid shows them (for its printed copy)."""
        low = self._low_rows()
        table, formats = self.headed
        filled = () if low is None else tuple(np.asarray(low, dtype=bool).tolist())
        return as_text(table, {**formats, **dict(self.formats)}, filled)

    def csv(self) -> bytes:
        """This table as its «Tải bảng (.csv)» file (`csv`): the same rows, columns and
        headers as the screen, numbers unformatted."""
        return csv(self.frame, list(self.columns), self._low_rows(), dict(self.labels))

    def _low_rows(self) -> pd.Series | None:
        return None if self.low is None else self.frame[self.low]


def shown(frame: pd.DataFrame, columns: list[str], low: str | None = None,
          labels: dict[str, str] | None = None,
          formats: dict[str, Callable] | None = None) -> Shown:
    """`columns` of `frame` as `styled` shows them, built when drawn (see Shown)."""
    return Shown(frame, tuple(columns), low, tuple((labels or {}).items()),
                 tuple((formats or {}).items()))


@dataclass(frozen=True)
class Text:
    """A table in words, as its grid shows it: the headers, each column's display values,
    whether a column holds figures, and the rows the grid fills (low uptake)."""
    headers: tuple[str, ...]
    columns: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    filled: tuple[bool, ...]


def as_text(frame: pd.DataFrame, formats: dict[str, Callable] | None = None,
            filled: tuple[bool, ...] = ()) -> Text:
    """Each cell of `frame` through its column's format (by header), a blank as the grid's
    placeholder, any other cell as a Styler shows it without a format. The same functions
    format the grid (`styled`): this reads each cell once, without pandas' HTML machinery,
    which took most of a first view of the plan page (docs/performance.md)."""
    formats = formats or {}
    columns, numeric = [], []
    for i, header in enumerate(frame.columns):
        values = frame.iloc[:, i]
        shown = formats.get(header, _unformatted)
        columns.append(tuple(MISSING if pd.isna(v) is True else shown(v)
                             for v in values.tolist()))
        numeric.append(pd.api.types.is_numeric_dtype(values)
                       and not pd.api.types.is_bool_dtype(values))
    return Text(tuple(str(h) for h in frame.columns), tuple(columns), tuple(numeric),
                filled or (False,) * len(frame))


def _unformatted(value) -> str:
    """pandas' Styler default: a float to the Styler's precision, anything else as str."""
    if isinstance(value, float):
        return f"{value:.{pd.get_option('styler.format.precision')}f}"
    return str(value)
