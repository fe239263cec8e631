import datetime as dt
from decimal import Decimal

import pytest

from cdht_data.errors import InputError
from cdht_data.formatting import fmt_date, fmt_int, fmt_pct
from cdht_data.numbers import MAX_COUNT, parse_count, parse_decimal, parse_rate, parse_ratio


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


@pytest.mark.parametrize("text", ["13 29", "1 329", "1\u00a0329", "1\u2009329", "1\u202f329",
                                  " 1 329 "])
def test_digits_split_by_spaces_are_refused_with_a_hint(text):
    with pytest.raises(InputError, match="khoảng trắng") as err:
        parse_count(text)
    assert "1.329 hoặc 1329" in err.value.message
    assert f"«{text}»" in err.value.message


@pytest.mark.parametrize("parse", [parse_decimal, parse_rate])
@pytest.mark.parametrize("text", ["16, 70", "1 234,5", "16\u00a0700"])
def test_figures_split_by_spaces_are_refused(parse, text):
    with pytest.raises(InputError, match="khoảng trắng"):
        parse(text)


@pytest.mark.parametrize("parse", [parse_count, parse_decimal, parse_rate])
@pytest.mark.parametrize("text", ["１２", "١٢", "۱۲", "१२", "1２"])
def test_digits_other_than_0_to_9_are_refused(parse, text):
    with pytest.raises(InputError, match="0–9") as err:
        parse(text)
    assert f"«{text}»" in err.value.message and err.value.message.endswith(": 12")


@pytest.mark.parametrize("value", ["100.000.001", "123456789", 100_000_001, 1e9, 2.5e8])
def test_counts_above_any_population_are_refused(value):
    with pytest.raises(InputError, match="100.000.000"):
        parse_count(value)


def test_the_largest_plausible_count_is_read():
    assert MAX_COUNT == 10**8
    assert parse_count("100.000.000") == parse_count(1e8) == 100_000_000


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_numeric_cells_that_are_not_numbers_are_refused(value):
    for parse in (parse_count, parse_decimal, parse_rate):
        with pytest.raises(InputError, match="không phải là số"):
            parse(value)


@pytest.mark.parametrize("value, expected", [
    (1329.0, 1329), (0.0, 0), (7, 7),
])
def test_numeric_cells_of_a_count(value, expected):
    assert parse_count(value) == expected


@pytest.mark.parametrize("value, expected", [
    (16.7, Decimal("16.7")), (0.12, Decimal("0.12")), (100, Decimal("100")),
])
def test_numeric_cells_of_a_rate(value, expected):
    assert parse_rate(value) == expected


@pytest.mark.parametrize("text", ["16.700", "100.000", "1.234.567", "77.000%"])
def test_a_rate_with_a_dot_before_three_digits_is_refused(text):
    with pytest.raises(InputError, match="dấu chấm") as err:
        parse_rate(text)
    assert f"«{text}»" in err.value.message


def test_the_ambiguous_rate_names_both_readings():
    with pytest.raises(InputError) as err:
        parse_rate("16.700")
    assert "16,7" in err.value.message and "16700" in err.value.message


@pytest.mark.parametrize("text, expected", [
    ("16,70", Decimal("16.70")), ("16.7", Decimal("16.7")), ("16.70", Decimal("16.70")),
    ("94,5 %", Decimal("94.5")), ("100%", Decimal("100")), ("0", Decimal("0")),
])
def test_unambiguous_rates(text, expected):
    assert parse_rate(text) == expected


def test_a_printed_figure_keeps_the_thousands_dot():
    assert parse_decimal("5.049") == Decimal("5049")


@pytest.mark.parametrize("cell, words", [
    ("１０/１３", "0–9"), ("10/13 (77.000%)", "dấu chấm"), ("10/100000001", "100.000.000"),
    ("13 29", "khoảng trắng"),
])
def test_bad_ratio_cells_are_refused(cell, words):
    with pytest.raises(InputError, match=words):
        parse_ratio(cell)


def test_vietnamese_formats():
    assert fmt_int(5049) == "5.049"
    assert fmt_int(120080) == "120.080"
    assert fmt_pct(16.7) == "16,70%"
    assert fmt_pct(5.6211) == "5,62%"
    assert fmt_pct(None) == "—"
    assert fmt_date(dt.date(2024, 9, 30)) == "30/9/2024"
