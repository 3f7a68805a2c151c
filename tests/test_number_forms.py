"""Numbers as curators copy them: the table in fixtures/values/numbers.tsv.

Each row gives a value (with its `unit` and `approx` fields), the reading and
interval it is read as with the default margin, and the values it must agree
and disagree with. Every example of the contract's §2 and of issue 19 is a row.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from factcheck.values import DEFAULT_APPROX_MARGIN, Number, compare, parse_value

TABLE = Path(__file__).parent / "fixtures" / "values" / "numbers.tsv"
ENDS = {"()": (True, True), "[]": (False, False), "[)": (False, True), "(]": (True, False)}


def rows() -> list[pytest.param]:
    params = []
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        value, unit, approx, reading, low, high, ends, read_unit, agrees, disagrees = line.split("\t")
        params.append(pytest.param(
            value, None if unit == "-" else unit, approx == "yes", reading, float(low), float(high), ends,
            None if read_unit == "-" else read_unit, _listed(agrees), _listed(disagrees),
            id=f"{number}:{value}{' (approx)' if approx == 'yes' else ''}",
        ))
    return params


def _listed(cell: str) -> list[str]:
    return [] if cell == "-" else [item.strip() for item in cell.split(" | ")]


def _read(text: str, unit: str | None = None, approx: bool = False) -> Number:
    value = parse_value(text, unit=unit, approx=approx)
    assert isinstance(value, Number), f"{text!r} was read as {value.kind}, not a number"
    return value


@pytest.mark.parametrize("text, unit, approx, reading, low, high, ends, read_unit, agrees, disagrees", rows())
def test_number_form(text, unit, approx, reading, low, high, ends, read_unit, agrees, disagrees):
    number = _read(text, unit, approx)
    interval = number.interval(DEFAULT_APPROX_MARGIN)
    assert number.reading == reading
    assert (interval.low, interval.high) == (pytest.approx(low, rel=1e-12), pytest.approx(high, rel=1e-12))
    assert (interval.low_open, interval.high_open) == ENDS[ends]
    assert number.unit == read_unit
    # Shown as the curator wrote it (a unit given only in the `unit` field follows it,
    # and `approx: true` on a figure or range shows as "~").
    shown = f"{text} {read_unit}" if unit else text
    assert number.display == ("~" + shown if approx and reading in ("figure", "range") else shown)
    for other in agrees:
        assert compare(number, _read(other)).agree, f"{text!r} should agree with {other!r}"
        assert compare(_read(other), number).agree, f"{other!r} should agree with {text!r}"
    for other in disagrees:
        assert not compare(number, _read(other)).agree, f"{text!r} should disagree with {other!r}"
        assert not compare(_read(other), number).agree, f"{other!r} should disagree with {text!r}"


def test_the_table_covers_the_contract_and_the_issue():
    table = TABLE.read_text(encoding="utf-8")
    pairs = [  # (value, other) as the contract and issue 19 state them
        ("roughly 18%", "18%"), ("about €3.15 billion", "€3.1 billion"), ("at least 250", "262"),
        ("up to 80", "74"), ("up to 80", "95"), ("nearly 15%", "14.9%"), ("between 6,500 and 7,000", "about 6,800"),
        ("600–750", "700"), ("more than 8 million", "8.6 million"), ("nearly 8 million", "8.6 million"),
        ("about 27%", "about 32%"), ("about $410,000", "about $425,000"), ("4 bitcoin", "4 BTC"),
        ("27 percentage points", "27%"), ("roughly 27%", "27.5%"), ("roughly 27%", "32.5%"),
    ]
    lines: dict[str, str] = {}
    for line in table.splitlines():
        if line and not line.startswith("#"):
            lines[line.split("\t")[0]] = lines.get(line.split("\t")[0], "") + line
    for value, other in pairs:
        assert value in lines and other in lines[value].split("\t", 8)[8], (value, other)
    for form in ("around 50", "some 300", "nearly 12 million", "almost 700", "just under 40", "more than 800",
                 "over 9 million", "just over 3 million", "at most 12", "less than 600", "under 4%",
                 "600-750", "between 7 and 9", "six", "a dozen", "two-thirds", "six million", "27 per cent"):
        assert form in lines, form


def test_bounds_have_no_end_on_one_side():
    assert math.isinf(_read("more than 800").interval(0.1).high)
    assert math.isinf(_read("up to 80").interval(0.1).low)


def test_the_margin_is_the_setting():
    nearly = _read("nearly 8 million")
    assert (nearly.interval(0.25).low, nearly.interval(0.25).high) == (6e6, 8e6)
    assert compare(_read("about 27%"), _read("about 32%"), approx_margin=0.25).agree
    assert not compare(_read("about 27%"), _read("about 32%"), approx_margin=0.10).agree


def test_a_bound_keeps_its_meaning_when_also_marked_approx():
    # The words say which hedge it is; approx: true adds nothing to them.
    assert _read("more than 8 million", approx=True).interval(0.1).low == 8e6
    assert not compare(_read("nearly 8 million", approx=True), _read("8.6 million")).agree


@pytest.mark.parametrize("text", [
    "exclusive", "under review", "some of it", "more than half the staff", "six people", "a new record",
    "750–600", "5%–$6", "100 Mbps", "dozens", "twenty twenty-five", "up to 600–750", "between 7 and",
])
def test_text_that_is_not_a_number_stays_text(text):
    assert parse_value(text).kind == "text"


def test_a_unit_in_the_value_must_match_the_unit_field():
    from factcheck.values.number import UnitConflict

    with pytest.raises(UnitConflict, match="the value says BTC but unit says USD"):
        parse_value("about 4 bitcoin", unit="USD")
    assert _read("nearly 15", unit="percent").unit == "%"
    assert _read("six", unit="pp").display == "six pp"


def test_different_units_say_so():
    comparison = compare(_read("27 percentage points"), _read("27%"))
    assert (comparison.agree, comparison.note) == (False, "different units (pp vs %)")


def test_each_distinct_string_is_read_once():
    from factcheck.values.number import parse_number

    first = parse_number("nearly 8 million")
    assert parse_number("nearly 8 million") is first
