"""Claim values, compared by kind: numbers, dates, booleans and text.

`parse_value` turns what a curator wrote into a typed value; `compare` says
whether two values agree. Each kind lives in its own small module.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .boolean import Boolean
from .comparison import Comparison
from .date import DateValue
from .number import Interval, Number, parse_number
from .text import Text, parse_text
from ..dates import DateError, parse_date

Value = Number | DateValue | Boolean | Text

DEFAULT_APPROX_MARGIN = 0.10


class ValueError_(ValueError):
    """A value that cannot be read; the message is for the user."""


def parse_value(raw: object, raw_text: str | None = None, unit: str | None = None, approx: bool = False) -> Value:
    """Read a claim's `value` (with its `unit` and `approx`) as a typed value.

    `raw_text` is the scalar exactly as written in the file, so that `27.50`
    keeps its stated precision. Raises ValueError_ with a user-facing message.
    """
    text = raw_text if raw_text is not None else str(raw)
    if isinstance(raw, bool):
        if unit:
            raise ValueError_(f"a unit ({unit!r}) only goes with a number, and the value is a boolean")
        return Boolean(raw)
    if isinstance(raw, (int, float)):
        return _number(text, unit, approx)
    if not isinstance(raw, str):
        raise ValueError_(f"expected a string, number, boolean or date, got {type(raw).__name__}")
    stripped = raw.strip()
    if not stripped:
        raise ValueError_("the value is empty")
    if _looks_like_date(stripped):
        try:
            date = parse_date(stripped)
        except DateError as error:
            number = parse_number(stripped, unit, approx)  # "1000-2000" is a range, not a date
            if number is not None and number.reading == "range":
                return number
            raise ValueError_(str(error)) from None
        if unit:
            raise ValueError_(f"a unit ({unit!r}) only goes with a number, and the value is a date")
        return DateValue(date, stripped)
    number = parse_number(stripped, unit, approx)
    if number is not None:
        return number
    if unit:
        raise ValueError_(f"a unit ({unit!r}) only goes with a number, and {stripped!r} is not one")
    return parse_text(stripped)


def _number(text: str, unit: str | None, approx: bool) -> Number:
    number = parse_number(text, unit, approx)
    if number is None:  # e.g. a float YAML wrote as 1e3: still a number
        number = parse_number(repr(float(text)), unit, approx)
    if number is None:  # repr gave exponent notation (1e-07) or inf: spell the digits out
        number = parse_number(_positional(text), unit, approx)
    if number is None:  # pragma: no cover - _positional always yields plain digits
        raise ValueError_(f"cannot read {text!r} as a number")
    return number


def _positional(text: str) -> str:
    """`1e-7` as `0.0000001`; refuses exponents no real figure needs."""
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError_(f"cannot read {text!r} as a number") from None
    if not number.is_finite() or abs(number.adjusted()) > 300:
        raise ValueError_(f"{text!r} is out of range for a number")
    return format(number, "f")


def _looks_like_date(text: str) -> bool:
    return len(text) >= 7 and text[:4].isdigit() and text[4] == "-"


def compare(a: Value, b: Value, approx_margin: float = DEFAULT_APPROX_MARGIN) -> Comparison:
    """Do two values agree? Different kinds never agree silently."""
    a, b = _coerce_years(a, b)
    if type(a) is not type(b):
        return Comparison(False, f"different kinds of value ({a.kind} vs {b.kind})")
    return a.compare(b, approx_margin)  # type: ignore[arg-type]


def _coerce_years(a: Value, b: Value) -> tuple[Value, Value]:
    """A bare whole number such as 2032 compared with a date is read as that year."""
    if isinstance(a, Number) and isinstance(b, DateValue) and a.year is not None:
        return DateValue(a.year, a.text), b
    if isinstance(b, Number) and isinstance(a, DateValue) and b.year is not None:
        return a, DateValue(b.year, b.text)
    return a, b


__all__ = [
    "Boolean", "Comparison", "DateValue", "Interval", "Number", "Text", "Value", "ValueError_",
    "compare", "parse_value", "DEFAULT_APPROX_MARGIN",
]
