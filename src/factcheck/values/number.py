"""Numbers with units and hedges.

A number stands for the interval its stated precision implies: `27%` is
26.5-27.5%, `4.2 billion` is 4.15-4.25 billion, `1,200` is 1,199.5-1,200.5.
`approx: true` widens a side by a margin (default 10% of the value), so
"roughly 27%" agrees with 27.5% but not with 32.5%. Different units never
agree: `$` and `USD` are one unit, `%` and `percent` another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..dates import PartialDate

_UNIT_WORDS = {
    "%": "%", "percent": "%", "per cent": "%", "pct": "%",
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "us dollars": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
    "¥": "JPY", "jpy": "JPY", "yen": "JPY",
}
_SCALES = {
    "k": 1e3, "thousand": 1e3,
    "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9,
    "tn": 1e12, "trillion": 1e12, "trillions": 1e12,
}
_PREFIX = r"(?P<pre>us\$|[$€£¥]|usd|eur|gbp|jpy)?"
_NUMBER = r"(?P<sign>[-+])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+)"
_SCALE = r"(?P<scale>thousand|millions?|billions?|trillions?|mln|mn|bn|tn|k|m|b)?"
_SUFFIX = r"(?P<post>%|per cent|percent|pct|us dollars|dollars?|euros?|pounds?|yen|usd|eur|gbp|jpy)?"
_NUMBER_RE = re.compile(
    rf"{_PREFIX}\s*{_NUMBER}\s*{_SCALE}\.?\s*{_SUFFIX}",
    re.IGNORECASE,
)


def canonical_unit(unit: str | None) -> str | None:
    """`$`, `usd` and `dollars` are all `USD`; unknown units are kept, case-folded."""
    if unit is None:
        return None
    word = " ".join(unit.strip().split()).casefold()
    if not word:
        return None
    return _UNIT_WORDS.get(word, word)


class UnitConflict(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Number:
    text: str          # as the curator wrote it, e.g. "$135 billion"
    magnitude: float   # 135e9
    low: float         # the interval the stated precision implies
    high: float
    unit: str | None   # canonical: "USD", "%", or the curator's own unit
    approx: bool = False
    kind = "number"

    @property
    def year(self) -> PartialDate | None:
        """A bare whole number that reads as a year (e.g. 2032), else None."""
        if self.unit is None and self.magnitude.is_integer() and 1000 <= self.magnitude <= 2999 \
                and self.text.strip().isdigit():
            return PartialDate(int(self.magnitude))
        return None

    @property
    def display(self) -> str:
        shown = self.text
        if self.unit and canonical_unit(_trailing_unit(self.text)) != self.unit and not _has_prefix_unit(self.text):
            shown = f"{shown} {self.unit}"
        return f"~{shown}" if self.approx else shown

    @property
    def key(self) -> str:
        return f"{self.magnitude!r}|{self.unit or ''}"

    def bounds(self, approx_margin: float) -> tuple[float, float]:
        if not self.approx:
            return self.low, self.high
        widen = abs(self.magnitude) * approx_margin
        return self.low - widen, self.high + widen

    def compare(self, other: "Number", approx_margin: float = 0.10):
        from . import Comparison

        if self.unit != other.unit:
            units = f"{self.unit or 'no unit'} vs {other.unit or 'no unit'}"
            return Comparison(False, f"different units ({units})")
        low_a, high_a = self.bounds(approx_margin)
        low_b, high_b = other.bounds(approx_margin)
        # Strict: 2031 (2030.5-2031.5) only touches 2032 (2031.5-2032.5).
        # Equal intervals always agree: past 2**53 a float cannot hold the half step,
        # so the interval of 10000000000000000 collapses to a point.
        same = (low_a, high_a) == (low_b, high_b)
        return Comparison(same or (low_a < high_b and low_b < high_a))


@lru_cache(maxsize=65536)  # `display` is shown for every claim of every finding: match each text once
def _trailing_unit(text: str) -> str | None:
    match = _NUMBER_RE.fullmatch(text.strip())
    return match.group("post") if match else None


@lru_cache(maxsize=65536)
def _has_prefix_unit(text: str) -> bool:
    match = _NUMBER_RE.fullmatch(text.strip())
    return bool(match and match.group("pre"))


def parse_number(text: str, unit: str | None = None, approx: bool = False) -> Number | None:
    """Read `27%`, `$135 billion`, `€4.2bn`, `1,200`, `38 billion dollars`...

    Returns None when `text` is not a number. Raises UnitConflict when the text
    names one unit and the `unit` field another.
    """
    match = _NUMBER_RE.fullmatch(text.strip())
    if not match:
        return None
    digits = match.group("num").replace(",", "")
    if digits.endswith("."):
        digits = digits[:-1]
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    scale_word = (match.group("scale") or "").casefold()
    scale = _SCALES.get(scale_word, 1.0)
    value = float(digits) * scale
    if match.group("sign") == "-":
        value = -value
    half_step = 0.5 * (10.0 ** -decimals) * scale
    in_text = match.group("pre") or match.group("post")
    text_unit = canonical_unit(in_text)
    field_unit = canonical_unit(unit)
    if text_unit and field_unit and text_unit != field_unit:
        raise UnitConflict(f"the value says {text_unit} but unit says {field_unit}")
    return Number(
        text=text.strip(),
        magnitude=value,
        low=value - half_step,
        high=value + half_step,
        unit=text_unit or field_unit,
        approx=approx,
    )
