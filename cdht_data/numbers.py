"""Reading numbers as Vietnamese reports print them: "2.133" is two thousand, "16,70" a decimal."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .errors import InputError

_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_PLAIN = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^-?\d+([.,]\d+)?$")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def parse_count(value: object) -> int | None:
    """A head count: blank -> None; "2.133" -> 2133; text, negatives and fractions refused."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise InputError(f"«{value}» không phải là số người")
    if isinstance(value, int):
        if value < 0:
            raise InputError(f"số người không được âm: {value}")
        return value
    if isinstance(value, float):
        if value != value or value < 0 or not value.is_integer():
            raise InputError(f"số người phải là số nguyên không âm, gặp {value:g}".replace(".", ","))
        return int(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if _PLAIN.match(text):
        return int(text)
    if _GROUPED.match(text):
        return int(text.replace(".", ""))
    if text.startswith("-") and (_PLAIN.match(text[1:]) or _GROUPED.match(text[1:])):
        raise InputError(f"số người không được âm: «{value}»")
    if re.match(r"^\d+[.,]\d+$", text):
        raise InputError(f"số người phải là số nguyên, gặp «{value}»")
    raise InputError(f"«{value}» không phải là số người")


def parse_decimal(value: object) -> Decimal | None:
    """A printed rate or score: "16,70" or "94,5%" -> Decimal; blank -> None."""
    if is_blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if _GROUPED.match(text):
        return Decimal(text.replace(".", ""))
    if not _DECIMAL.match(text):
        raise InputError(f"«{value}» không phải là số")
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise InputError(f"«{value}» không phải là số") from exc
