"""Numbers as a careful reader reads them: figures, hedges, bounds and ranges.

A plain figure stands for the interval its stated precision implies: `27%` is
26.5-27.5%, `4.2 billion` is 4.15-4.25 billion, `1,200` is 1,199.5-1,200.5.
Words written around the figure change what it means (`READINGS`):

- `about 27%`, `roughly €4.2bn`, `some 300`: the same as `approx: true`, the
  interval widened by the approx margin on each side;
- `nearly 12 million`, `almost 700`: at most the figure, and within the
  margin below it (`just under 40` excludes 40; `just over 3 million` is the
  mirror image);
- `more than 800`, `over 9 million` (excluding the figure), `at least 250`:
  no upper end; `up to 80`, `at most 12`, `less than 600`, `under 4%`: no
  lower end;
- `600–750`, `600-750`, `between 7 and 9`, `6 to 7 billion`: a range, from
  the low end's precision interval to the high end's.

Number words (`six`, `a dozen`, `two-thirds`, `six million`) and unit
spellings (`BTC`/`bitcoin`, `percent`/`per cent`/`%`) are read too; `pp`
(percentage points) is not `%`, and different units never agree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..dates import PartialDate
from .comparison import AGREE, DISAGREE, Comparison
from .units import (  # noqa: F401  (callers import UnitConflict and canonical_unit from here)
    PREFIX_UNITS, SUFFIX_UNITS, UNIT_WORDS, UNSCALED_NAMES, UnitConflict, canonical_unit,
)

_SCALES = {
    "k": 1e3, "thousand": 1e3,
    "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9,
    "tn": 1e12, "trillion": 1e12, "trillions": 1e12,
}
# Small patterns, with the unit names checked against the tables afterwards: big
# alternations of names cost tens of milliseconds to compile at every start.
_FIGURE_RE = re.compile(
    r"(?P<pre>[^\W\d_]{1,3}\$?|[^\w\s.,+-])?\s*"
    r"(?P<sign>[-+])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+)"
    r"\s*(?P<rest>.*)",
    re.DOTALL,
)
_SCALE_RE = re.compile(r"(?:thousand|millions?|billions?|trillions?|mln|mn|bn|tn|k|m|b)\.?")


# --- readings ---------------------------------------------------------------

FIGURE = "figure"          # the precision interval (widened when approx)
RANGE = "range"            # from the low end's precision interval to the high end's
AT_LEAST = "at least"      # [x, inf)
MORE_THAN = "more than"    # (x, inf)
UP_TO = "up to"            # (-inf, x]
LESS_THAN = "less than"    # (-inf, x)
NEARLY = "nearly"          # [x - margin, x]
JUST_UNDER = "just under"  # [x - margin, x)
JUST_OVER = "just over"    # (x, x + margin]
READINGS = (FIGURE, RANGE, AT_LEAST, MORE_THAN, UP_TO, LESS_THAN, NEARLY, JUST_UNDER, JUST_OVER)
_CLOSE = frozenset({NEARLY, JUST_UNDER, JUST_OVER})  # hedges that also say "close to the figure"

# Words before the figure, as articles write them: (reading, widened by the approx margin).
HEDGES: dict[str, tuple[str, bool]] = {
    **dict.fromkeys(("about", "around", "roughly", "some", "approximately", "approx.", "approx", "circa",
                     "ca.", "an estimated", "estimated", "~"), (FIGURE, True)),
    **dict.fromkeys(("nearly", "almost"), (NEARLY, False)),
    **dict.fromkeys(("just under", "just below", "just shy of", "slightly under", "slightly less than"),
                    (JUST_UNDER, False)),
    **dict.fromkeys(("just over", "just above", "slightly over", "slightly more than"), (JUST_OVER, False)),
    **dict.fromkeys(("more than", "over", "above", "greater than", "in excess of", "upwards of"), (MORE_THAN, False)),
    **dict.fromkeys(("at least", "no less than", "no fewer than", "not less than", "a minimum of"), (AT_LEAST, False)),
    **dict.fromkeys(("up to", "at most", "no more than", "not more than", "as many as", "a maximum of"),
                    (UP_TO, False)),
    **dict.fromkeys(("less than", "under", "below", "fewer than"), (LESS_THAN, False)),
}
# ... and after it: "250 or more", "250+", "80 or fewer".
SUFFIX_HEDGES = {"or more": AT_LEAST, "or above": AT_LEAST, "+": AT_LEAST,
                 "or less": UP_TO, "or fewer": UP_TO, "or below": UP_TO}
_PREFIX_HEDGES = tuple(sorted(HEDGES, key=len, reverse=True))
_SUFFIX_HEDGE_WORDS = tuple(sorted(SUFFIX_HEDGES, key=len, reverse=True))
_BETWEEN_RE = re.compile(r"(?:between|from)\s+(?P<rest>.+)", re.IGNORECASE | re.DOTALL)
_RANGE_JOIN_RE = {"between": re.compile(r"\s+and\s+", re.I), "from": re.compile(r"\s+to\s+", re.I),
                  "": re.compile(r"\s+to\s+|\s*[\u2013\u2014]\s*|\s*-\s*", re.I)}

# --- number words -----------------------------------------------------------

_CARDINALS = frozenset((
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion and").split())
_WORD_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10}
_PARTS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
          "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
          "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}
_WORD_UNITS = sorted(((tuple(name.split()), unit) for name, unit in UNIT_WORDS.items() if name.isalpha()
                      or " " in name), key=lambda item: -len(item[0]))
_FRACTION_HALF_STEP = 0.5  # a fraction word is as precise as a whole percentage: two-thirds is 66.2-67.2%


@dataclass(frozen=True, slots=True)
class _Figure:
    """One figure as written: its value, its precision and the unit it names."""

    value: float
    half_step: float
    unit: str | None
    bare: float = 0.0    # the value before its scale word ("6" of "6 billion")
    scale: float = 1.0


class Interval(NamedTuple):  # a tuple: made for every comparison, so cheap to make
    """Where a value may lie; an open end excludes its bound."""

    low: float
    high: float
    low_open: bool = True
    high_open: bool = True

    def overlaps(self, other: "Interval") -> bool:
        # Equal intervals always agree: past 2**53 a float cannot hold the half step,
        # so the interval of 10000000000000000 collapses to a point.
        if self == other:
            return True
        if self.low != other.low:
            low, low_open = (self.low, self.low_open) if self.low > other.low else (other.low, other.low_open)
        else:
            low, low_open = self.low, self.low_open or other.low_open
        if self.high != other.high:
            high, high_open = (self.high, self.high_open) if self.high < other.high else (other.high, other.high_open)
        else:
            high, high_open = self.high, self.high_open or other.high_open
        # Touching open ends do not overlap: 2031 (2030.5-2031.5) is not 2032 (2031.5-2032.5).
        return low < high or (low == high and not low_open and not high_open)


@dataclass(frozen=True, slots=True)
class Number:
    text: str          # as the curator wrote it, e.g. "$135 billion" or "nearly 8 million"
    magnitude: float   # the stated figure, 135e9 (a range's low end)
    low: float         # the interval the stated figures' precision implies, before any hedge
    high: float
    unit: str | None   # canonical: "USD", "%", "pp", or the curator's own unit
    approx: bool = False       # widened by the approx margin (`approx: true` or a word such as "about")
    reading: str = FIGURE      # one of READINGS
    top: float | None = None   # a range's high end (its stated figure)
    worded: bool = False       # the text carries its own hedge word ("about"), so no "~" is added
    unit_shown: bool = False   # the text names its unit, so it is not repeated
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
        if self.unit and not self.unit_shown:
            shown = f"{shown} {self.unit}"
        return f"~{shown}" if self.approx and not self.worded else shown

    @property
    def key(self) -> str:
        return f"{self.reading}|{self.approx}|{self.magnitude!r}|{self.top!r}|{self.unit or ''}"

    @property
    def hedged(self) -> bool:
        """A hedge that keeps the figure close: about, nearly, just over..."""
        return self.approx or self.reading in _CLOSE

    def interval(self, approx_margin: float) -> Interval:
        """The interval compared: the reading, widened when approx."""
        reading, x = self.reading, self.magnitude
        if reading in (FIGURE, RANGE):
            if not self.approx:
                return Interval(self.low, self.high)
            top = self.top if self.top is not None else x
            return Interval(self.low - abs(x) * approx_margin, self.high + abs(top) * approx_margin)
        close = abs(x) * approx_margin
        if reading == AT_LEAST:
            return Interval(x, math.inf, False, True)
        if reading == MORE_THAN:
            return Interval(x, math.inf, True, True)
        if reading == UP_TO:
            return Interval(-math.inf, x, True, False)
        if reading == LESS_THAN:
            return Interval(-math.inf, x, True, True)
        if reading == NEARLY:
            return Interval(x - close, x, False, False)
        if reading == JUST_UNDER:
            return Interval(x - close, x, False, True)
        return Interval(x, x + close, True, False)  # JUST_OVER

    def bounds(self, approx_margin: float) -> tuple[float, float]:
        interval = self.interval(approx_margin)
        return interval.low, interval.high

    def stated(self) -> Interval:
        """What the source itself states: the figure, or a range's span."""
        if self.reading == RANGE:
            return Interval(self.low, self.high)
        return Interval(self.magnitude, self.magnitude, False, False)

    def compare(self, other: "Number", approx_margin: float = 0.10):
        if self.unit != other.unit:
            units = f"{self.unit or 'no unit'} vs {other.unit or 'no unit'}"
            return Comparison(False, f"different units ({units})")
        if not (self.approx or other.approx) and self.reading == FIGURE and other.reading == FIGURE:
            # Plain figures, most of a corpus: their precision intervals, open at both ends.
            same = self.low == other.low and self.high == other.high  # past 2**53 the half step is lost
            return AGREE if same or (self.low < other.high and other.low < self.high) else DISAGREE
        mine, theirs = self.interval(approx_margin), other.interval(approx_margin)
        agree = mine.overlaps(theirs)
        if agree and self.hedged and other.hedged:
            # Both hedged: each stated figure must lie within the other side's interval,
            # or "about 27%" and "about 32%" would meet halfway.
            agree = self.stated().overlaps(theirs) and other.stated().overlaps(mine)
        return AGREE if agree else DISAGREE


# --- parsing ------------------------------------------------------------------

_SPACES_RE = re.compile(r"[\s\u00a0\u2009\u202f]+")


@lru_cache(maxsize=65536)  # once per distinct string: a corpus repeats its wordings many times
def parse_number(text: str, unit: str | None = None, approx: bool = False) -> Number | None:
    """Read `27%`, `$135 billion`, `about €4.2bn`, `more than 8 million`, `600–750`, `six`...

    Returns None when `text` is not a number. Raises UnitConflict when the text
    names one unit and the `unit` field another.
    """
    written = text.strip()
    cleaned = _SPACES_RE.sub(" ", written).replace("\u2212", "-")
    if not cleaned:
        return None
    reading, widened, worded = FIGURE, False, False
    plain = _figure(cleaned)  # most values: a figure and nothing around it
    figures = (plain,) if plain is not None else _hedged_figures(cleaned)
    if figures is None:
        return None
    if plain is None:
        reading, widened, worded, figures = figures
    first, last = figures[0], figures[-1]
    text_unit = first.unit or last.unit
    field_unit = canonical_unit(unit)
    if text_unit and field_unit and text_unit != field_unit:
        raise UnitConflict(f"the value says {text_unit} but unit says {field_unit}")
    is_range = len(figures) == 2
    return Number(
        text=written,
        magnitude=first.value,
        low=first.value - first.half_step,
        high=last.value + last.half_step,
        unit=text_unit or field_unit,
        approx=widened or (approx and reading == FIGURE),  # a bound's own words say what it means
        reading=RANGE if is_range else reading,
        top=last.value if is_range else None,
        worded=worded,
        unit_shown=text_unit is not None,
    )


def _hedged_figures(cleaned: str) -> tuple | None:
    """(reading, widened, worded, figures) for a value with words around its figures."""
    reading, widened, worded, rest = FIGURE, False, False, cleaned
    folded = cleaned.casefold()
    for hedge in _PREFIX_HEDGES:
        if folded.startswith(hedge) and (hedge == "~" or folded[len(hedge):len(hedge) + 1] == " "):
            (reading, widened), worded, rest = HEDGES[hedge], True, cleaned[len(hedge):].strip()
            break
    else:
        for hedge in _SUFFIX_HEDGE_WORDS:
            if folded.endswith(hedge) and (hedge == "+" or folded[-len(hedge) - 1:-len(hedge)] == " "):
                reading, worded, rest = SUFFIX_HEDGES[hedge], True, cleaned[:-len(hedge)].strip()
                break
    figures = _figures(rest, ranges=reading == FIGURE) if rest else None
    return None if figures is None else (reading, widened, worded, figures)


def _figures(text: str, ranges: bool) -> tuple[_Figure, ...] | None:
    """One figure, or a range's two ends (with a scale or unit written once: `$6–7 billion`)."""
    figure = _figure(text)
    if figure is not None:
        return (figure,)
    if not ranges:
        return None
    between = _BETWEEN_RE.fullmatch(text)
    joiner = _RANGE_JOIN_RE[between.group(0).split(None, 1)[0].casefold() if between else ""]
    body = between.group("rest") if between else text
    for join in joiner.finditer(body):
        low, high = _figure(body[:join.start()]), _figure(body[join.end():])
        if low is None or high is None:
            continue
        if low.unit and high.unit and low.unit != high.unit:
            return None
        if low.scale == 1.0 and high.scale != 1.0 and low.bare <= high.bare:  # "6-7 billion"
            low = _Figure(low.bare * high.scale, low.half_step * high.scale, low.unit, low.bare, high.scale)
        unit = low.unit or high.unit
        low, high = _Figure(low.value, low.half_step, unit), _Figure(high.value, high.half_step, unit)
        return (low, high) if low.value <= high.value else None
    return None


def _figure(text: str) -> _Figure | None:
    text = text.strip()
    match = _FIGURE_RE.fullmatch(text)
    if match is None:
        return _worded_figure(text)
    prefix = (match.group("pre") or "").casefold()
    if prefix and prefix not in PREFIX_UNITS:
        return None
    scale, suffix = _scale_and_suffix(match.group("rest").casefold())
    if scale is None:
        return None
    digits = match.group("num").replace(",", "")
    if digits.endswith("."):
        digits = digits[:-1]
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    bare = float(digits)
    if match.group("sign") == "-":
        bare = -bare
    unit = canonical_unit(prefix or suffix)
    return _Figure(bare * scale, 0.5 * (10.0 ** -decimals) * scale, unit, bare, scale)


def _scale_and_suffix(rest: str) -> tuple[float | None, str]:
    """What follows the digits: `bn`, `billion dollars`, `%`, `bps`; (None, "") if not that."""
    scaled = _SCALE_RE.match(rest)
    if scaled:  # "5 bps" tries the scale "b" first, then no scale
        suffix = rest[scaled.end():].strip()
        if not suffix or suffix in SUFFIX_UNITS:
            word = scaled.group(0).rstrip(".")
            if not suffix or suffix not in UNSCALED_NAMES:  # "100 Mbps" is a speed, not basis points
                return _SCALES[word], suffix
    if not rest or rest in SUFFIX_UNITS:
        return 1.0, rest
    return None, ""


def _worded_figure(text: str) -> _Figure | None:
    """`six`, `a dozen`, `two-thirds`, `six million`, `four bitcoin`, `twenty percent`."""
    words = text.casefold().replace("-", " ").split()
    if not words or words[0] not in _CARDINALS and words[0] not in _SMALL and words[0] not in _PARTS:
        return None  # plain text ("exclusive"): no further work
    unit = None
    for name, canonical in _WORD_UNITS:
        if len(words) > len(name) and tuple(words[-len(name):]) == name:
            unit, words = canonical, words[:-len(name)]
            break
    if len(words) <= 2 and words[-1] in _PARTS and unit is None:  # a share: half, a third, two-thirds
        count = _SMALL.get(words[0]) if len(words) == 2 else 1
        if count is None:
            return None
        share = 100.0 * count / _PARTS[words[-1]]
        return _Figure(share, _FRACTION_HALF_STEP, "%", share)
    if words[-1] == "dozen":
        count = 0.5 if words[:-1] == ["half", "a"] else _SMALL.get(words[0]) if len(words) == 2 else None
        return _Figure(12.0 * count, 0.5, unit, 12.0 * count) if count else None
    if words[0] in ("a", "an") and len(words) > 1 and words[1] in ("hundred", *_WORD_SCALES):
        words = ["one", *words[1:]]
    if not all(word in _CARDINALS for word in words):
        return None
    from text_to_num import text2num  # only for values written in words

    try:
        value = float(text2num(" ".join(words), "en"))
    except ValueError:
        return None  # "six six", "and"
    scale = _WORD_SCALES.get(words[-1], 1.0)  # "six million" is as precise as "6 million"
    return _Figure(value, 0.5 * scale, unit, value / scale, scale)
