"""Reading numbers as Vietnamese reports print them: "2.133" is two thousand, "16,70" a decimal.

A cell is read one way or refused, quoting it as written: digits other than 0–9 ("１２",
"١٢"), digits split by spaces ("13 29": 1.329, or 13 and 29?), a rate whose dot could be a
decimal point or a thousands dot ("16.700"), a count larger than any population, text.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

from .errors import InputError
from .formatting import fmt_int

# No unit a table lists comes near it (the most populous province has under 10 million
# people): a larger count is a slip of the keyboard or two cells run together.
MAX_COUNT = 100_000_000

_GROUPED = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
_PLAIN = re.compile(r"^[0-9]+$")
_DECIMAL = re.compile(r"^-?[0-9]+([.,][0-9]+)?$")
_FRACTION = re.compile(r"^[0-9]+[.,][0-9]+$")
_SPACED = re.compile(r"^-?[0-9.,]+(\s+[0-9.,]+)+$")
_RATIO = re.compile(r"^([0-9]+)\s*/\s*([0-9]+)\s*(?:\(?\s*([0-9]+(?:[.,][0-9]+)?)\s*%\s*\)?)?$")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")



def _text(value: object, percent: bool = False) -> str:
    """The cell trimmed (and its % sign dropped), refused if it has digits other than 0–9 or
    digits split by spaces: a number is never read from what it might mean."""
    text = str(value).strip()
    if percent and text.endswith("%"):
        text = text[:-1].rstrip()
    if any(ch.isdecimal() and ch not in "0123456789" for ch in text):
        plain = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)
        raise InputError(f"«{value}» có chữ số không phải chữ số thường 0–9 (chữ số toàn khổ "
                         f"hoặc của bảng mã khác); hãy gõ lại: {plain}")
    if _SPACED.match(text):
        joined = re.sub(r"\s+", "", text)
        hint = (f"nếu là một số, hãy viết {fmt_int(int(joined))} hoặc {joined}"
                if _PLAIN.match(joined) else "nếu là một số, hãy viết liền, không có khoảng trắng")
        raise InputError(f"«{value}» có khoảng trắng giữa các chữ số, không rõ là một số hay "
                         f"hai số; {hint}")
    return text


def parse_count(value: object) -> int | None:
    """A head count: blank -> None; "2.133" -> 2133; text, negatives, fractions and counts
    above MAX_COUNT refused."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise InputError(f"«{value}» không phải là số người")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(f"«{value}» không phải là số người")
        if not value.is_integer():
            shown = f"{value:.15g}".replace(".", ",")
            raise InputError(f"số người phải là số nguyên không âm, gặp {shown}")
        value = int(value)
    if isinstance(value, int):
        count = value
    else:
        text = _text(value)
        if _PLAIN.match(text):
            count = int(text)
        elif _GROUPED.match(text):
            count = int(text.replace(".", ""))
        elif text.startswith("-") and (_PLAIN.match(text[1:]) or _GROUPED.match(text[1:])):
            raise InputError(f"số người không được âm: «{value}»")
        elif _FRACTION.match(text):
            raise InputError(f"số người phải là số nguyên, gặp «{value}»")
        else:
            raise InputError(f"«{value}» không phải là số người")
    if count < 0:
        raise InputError(f"số người không được âm: {value}")
    if count > MAX_COUNT:
        raise InputError(f"«{value}» lớn hơn {fmt_int(MAX_COUNT)}: không đơn vị nào có chừng "
                         "ấy người; hãy kiểm tra lại ô này")
    return count


def parse_decimal(value: object) -> Decimal | None:
    """A printed figure: "16,70" or "94,5%" -> Decimal, "5.049" -> 5049; blank -> None."""
    return _parse_decimal(value, thousands_dot=True)


def parse_rate(value: object) -> Decimal | None:
    """A printed rate: as parse_decimal, but "16.700" (16,7 or 16.700?) is refused."""
    return _parse_decimal(value, thousands_dot=False)


def _parse_decimal(value: object, thousands_dot: bool) -> Decimal | None:
    if is_blank(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(f"«{value}» không phải là số")
        return Decimal(str(value))
    text = _text(value, percent=True)
    if _GROUPED.match(text):
        if not thousands_dot and text.count(".") > 1:
            raise InputError(f"«{value}» có dấu chấm phân cách nghìn, không phải là một tỉ lệ "
                             "(tỉ lệ viết với dấu phẩy thập phân, ví dụ 16,7)")
        if not thousands_dot:
            as_decimal = format(Decimal(text).normalize(), "f").replace(".", ",")
            raise InputError(
                f"«{value}» có thể là {as_decimal} (dấu chấm thập phân) hoặc "
                f"{text.replace('.', '')} (dấu chấm phân cách nghìn); tỉ lệ hãy viết với dấu "
                f"phẩy thập phân, ví dụ {as_decimal}")
        return Decimal(text.replace(".", ""))
    if not _DECIMAL.match(text):
        raise InputError(f"«{value}» không phải là số")
    return Decimal(text.replace(",", "."))


def parse_ratio(value: object) -> tuple[int | None, int | None, Decimal | None] | None:
    """A pilot cell "10/13" over "77%": (recognised, registered, printed %);
    "0" -> (0, None, None)."""
    if is_blank(value):
        return None
    if isinstance(value, (int, float)):
        return (parse_count(value), None, None)
    text = " ".join(str(value).split())
    m = _RATIO.match(text)
    if m:
        try:
            return (parse_count(m.group(1)), parse_count(m.group(2)), parse_rate(m.group(3)))
        except InputError as exc:
            raise InputError(f"trong ô «{text}»: {exc.message}") from exc
    return (parse_count(text), None, None)
