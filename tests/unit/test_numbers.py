import datetime as dt
from decimal import Decimal

import pytest

from cdht_data.errors import InputError
from cdht_data.formatting import fmt_date, fmt_int, fmt_pct
from cdht_data.numbers import parse_count, parse_decimal


@pytest.mark.parametrize("text, expected", [
    ("2.133", 2133), ("5.049", 5049), ("120.080", 120080), ("1239", 1239), ("0", 0),
    ("", None), ("  ", None), (None, None), (290.0, 290), (17, 17), (" 1.216 ", 1216),
])
def test_counts_read_the_vietnamese_way(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text, words", [
    ("abc", "không phải là số"), ("-3", "âm"), ("12,5", "số nguyên"), ("1.5", "số nguyên"),
    (12.5, "số nguyên"), (-1, "âm"),
])
def test_bad_counts_are_refused_in_vietnamese(text, words):
    with pytest.raises(InputError, match=words):
        parse_count(text)


@pytest.mark.parametrize("text, expected", [
    ("16,70", Decimal("16.70")), ("94,5%", Decimal("94.5")), ("100%", Decimal("100")),
    ("0,12", Decimal("0.12")), ("", None),
])
def test_decimals(text, expected):
    assert parse_decimal(text) == expected


def test_vietnamese_formats():
    assert fmt_int(5049) == "5.049"
    assert fmt_int(120080) == "120.080"
    assert fmt_pct(16.7) == "16,70%"
    assert fmt_pct(5.6211) == "5,62%"
    assert fmt_pct(None) == "—"
    assert fmt_date(dt.date(2024, 9, 30)) == "30/9/2024"
