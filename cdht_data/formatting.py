"""Vietnamese number and date formats (5.049, 16,70%, 30/9/2024), through babel.

Every figure is rounded half-up (formulas.decimal_half_up) before babel lays it out, so the
screen shows what `summary --json` and the exports give (babel alone rounds half-even).
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

from .formulas import decimal_half_up

LOCALE = "vi_VN"
MISSING = "—"
_LOCALE = Locale.parse(LOCALE)


@functools.cache
def _pattern(pattern: str) -> NumberPattern:
    """babel's parsed pattern, parsed once: a page formats hundreds of figures."""
    return parse_pattern(pattern)


def format_decimal(value, format: str, locale: str = LOCALE) -> str:
    """babel.numbers.format_decimal with the pattern and the locale parsed once."""
    return _pattern(format).apply(value, _LOCALE if locale == LOCALE else Locale.parse(locale))


def is_missing(value) -> bool:
    """None, pandas NA and NaN are all a blank on screen (a blank is not a zero)."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN
    except TypeError:  # pd.NA refuses to be a bool
        return True


def plain(value):
    """A figure as a plain Python value: None for any kind of blank, numpy scalars as Python
    numbers (for formulas, formatting and json.dumps)."""
    if is_missing(value):
        return None
    return value.item() if hasattr(value, "item") else value


def fmt_int(value: int | float | None) -> str:
    if is_missing(value):
        return MISSING
    return format_decimal(decimal_half_up(value, 0), format="#,##0", locale=LOCALE)


def fmt_decimal(value: float | Decimal | None, places: int = 2) -> str:
    if is_missing(value):
        return MISSING
    pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(decimal_half_up(value, places), format=pattern, locale=LOCALE)


def fmt_number(value: float | Decimal | None) -> str:
    """A setting as typed, without padding zeros: 40 -> "40", 42.5 -> "42,5"."""
    if is_missing(value):
        return MISSING
    return format_decimal(decimal_half_up(value, 3), format="#,##0.###", locale=LOCALE)


def fmt_pct(value: float | Decimal | None, places: int = 2) -> str:
    """A percentage already multiplied by 100: 16.7 -> "16,70%"."""
    if is_missing(value):
        return MISSING
    return fmt_decimal(value, places) + "%"


def fmt_date(value: dt.date | str | None) -> str:
    """Dates as the reports print them: day/month/year without leading zeros."""
    if is_missing(value):
        return MISSING
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{value.day}/{value.month}/{value.year}"
