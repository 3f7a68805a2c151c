from __future__ import annotations

import pytest

from factcheck.dates import PartialDate
from factcheck.values import Boolean, DateValue, Number, Text, ValueError_, compare, parse_value
from factcheck.values.number import UnitConflict, parse_number


@pytest.mark.parametrize(
    "text, unit, magnitude, low, high, canonical",
    [
        ("27%", None, 27, 26.5, 27.5, "%"),
        ("27 percent", None, 27, 26.5, 27.5, "%"),
        ("$135 billion", None, 135e9, 134.5e9, 135.5e9, "USD"),
        ("€4.2bn", None, 4.2e9, 4.15e9, 4.25e9, "EUR"),
        ("1,200", None, 1200, 1199.5, 1200.5, None),
        ("3.5 million", None, 3.5e6, 3.45e6, 3.55e6, None),
        ("38 billion dollars", None, 38e9, 37.5e9, 38.5e9, "USD"),
        ("4200000000", "EUR", 4.2e9, 4.2e9 - 0.5, 4.2e9 + 0.5, "EUR"),
        ("USD 12m", None, 12e6, 11.5e6, 12.5e6, "USD"),
        ("-3.25", "GW", -3.25, -3.255, -3.245, "gw"),
    ],
)
def test_numbers_parse_to_the_interval_their_precision_implies(text, unit, magnitude, low, high, canonical):
    number = parse_number(text, unit)
    assert number is not None
    assert number.magnitude == pytest.approx(magnitude)
    assert (number.low, number.high) == (pytest.approx(low), pytest.approx(high))
    assert number.unit == canonical


@pytest.mark.parametrize(
    "a, b, agree",
    [
        ("27%", "27 percent", True),
        ("$135 billion", "135 billion dollars", True),
        ("€4.2bn", "4.2 billion euros", True),
        ("1,200", "1200", True),
        ("27%", "28%", False),
        ("27%", "$27", False),          # different units never agree silently
        ("27%", "27", False),           # a unit against none
        ("€2bn", "€2.5bn", True),       # 2bn stands for 1.5-2.5bn
        ("€2bn", "€2.6bn", False),
    ],
)
def test_numbers_compare_by_interval_and_unit(a, b, agree):
    assert compare(parse_value(a), parse_value(b)).agree is agree


def test_number_with_unit_field_matches_currency_symbol():
    assert compare(parse_value(4200000000, "4200000000", unit="EUR"), parse_value("€4.2bn")).agree


def test_approx_widens_by_the_margin():
    roughly = parse_value("27%", approx=True)
    assert compare(roughly, parse_value("27%")).agree
    assert compare(roughly, parse_value("27.5%")).agree
    assert not compare(roughly, parse_value("32.5%")).agree
    assert compare(roughly, parse_value("32.5%"), approx_margin=0.25).agree


def test_years_as_numbers_keep_their_precision():
    assert not compare(parse_value(2031, "2031"), parse_value(2032, "2032")).agree
    assert compare(parse_value(2032, "2032"), parse_value("2032-12")).agree
    assert not compare(parse_value(2031, "2031"), parse_value("2032-01-01")).agree


def test_unit_conflict_is_an_error():
    with pytest.raises(UnitConflict, match="the value says USD but unit says EUR"):
        parse_value("$5 million", unit="EUR")


def test_unit_on_text_is_an_error():
    with pytest.raises(ValueError_, match="only goes with a number"):
        parse_value("exclusive", unit="%")


@pytest.mark.parametrize(
    "a, b, agree",
    [
        ("exclusive", "non-exclusive", False),
        ("exclusive", "not exclusive", False),
        ("exclusive", "no longer exclusive", False),
        ("non-exclusive", "not exclusive", True),
        ("non-exclusive", "nonexclusive", True),
        ("Exclusive", "  exclusive ", True),
        ("the exclusive provider", "exclusive provider", True),
        ("still exclusive", "exclusive", True),
        ("no longer the exclusive provider", "non-exclusive provider", True),
        ("primary", "exclusive", False),
        ("Azure", "any cloud", False),
    ],
)
def test_text_compares_with_negation(a, b, agree):
    assert compare(parse_value(a), parse_value(b)).agree is agree


def test_kinds():
    assert isinstance(parse_value("27%"), Number)
    assert isinstance(parse_value("2026-04-24"), DateValue)
    assert parse_value("2026-04").date == PartialDate(2026, 4)
    assert isinstance(parse_value(True, "true"), Boolean)
    assert isinstance(parse_value("NO"), Text)  # only true/false are booleans


def test_different_kinds_never_agree():
    comparison = compare(parse_value("27%"), parse_value("exclusive"))
    assert comparison.agree is False
    assert comparison.note == "different kinds of value (number vs text)"


def test_dates_agree_by_containment():
    assert compare(parse_value("2026-02"), parse_value("2026-02-27")).agree
    assert not compare(parse_value("2026-02"), parse_value("2026-03-31")).agree
    assert compare(parse_value("2025-01"), parse_value("2025-01-21")).agree


def test_booleans():
    assert compare(parse_value(True, "true"), parse_value(True, "True")).agree
    assert not compare(parse_value(True, "true"), parse_value(False, "false")).agree
