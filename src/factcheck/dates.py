"""Dates that keep their precision, and what a curator knows about them (EDTF level 1).

`2026` is the whole year 2026, `2026-04` the whole of April 2026. Two dates
agree when one period contains the other (spec §2).

A curator who had to work a date out, or only knows a range, writes it in
the Library of Congress Extended Date/Time Format, level 1:
- `2026-04-27?` uncertain, `2026-04~` approximate, `2026-04-27%` both;
- `2026-04-06/2026-04-27` an interval (the date is somewhere in it), with
  `..` for an open end and an empty end for an unknown one;
- `201X`, `2026-XX`, `2026-04-XX` unspecified digits.

A plain date is a `PartialDate`; anything else is an `EdtfDate`. Both are
periods of days (`start`, `end`) and compare the same way. An uncertain or
approximate date could be off, so its period is widened for ordering and
agreement (see `WIDEN_DAYS`); it is always written back as the curator wrote
it (`str`), and `label` says in words what the marks mean.
"""

from __future__ import annotations

import calendar
import functools
import datetime as _dt
import re
from dataclasses import dataclass

from .identity import remember

_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# One side of EDTF: digits or X (unspecified), then an optional qualifier.
_EDTF_SIDE_RE = re.compile(r"([0-9X]{4})(?:-([0-9X]{2})(?:-([0-9X]{2}))?)?([?~%])?")
_FIRST_DAY = _dt.date.min.toordinal()
_LAST_DAY = _dt.date.max.toordinal()

EXPECTED = "a date (YYYY, YYYY-MM, YYYY-MM-DD or EDTF, e.g. 2026-04-27?)"

# How far an uncertain (?) or approximate (~) date may be off, by precision, in days each
# side. A day is often inferred from a weekday ("said Monday"): a week. `%` (both) counts twice.
WIDEN_DAYS = {"day": 7, "month": 31, "year": 366}


class DateError(ValueError):
    """A date that cannot be read; the message says why, for the user.

    `offset` is where in the written text the problem starts (0 when unknown).
    """

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.offset = offset


class _Span:
    """How two periods relate, from their first and last days (`start`, `end` ordinals)."""

    __slots__ = ()

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def agrees(self, other: Period) -> bool:
        """Spec §2: two dates agree when one period contains the other."""
        return self.contains(other) or other.contains(self)

    def is_after(self, other: Period) -> bool:
        """True when this whole period falls after the whole of `other`."""
        return self.start > other.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end


@dataclass(frozen=True, slots=True, order=True)
class PartialDate(_Span):
    """A calendar period: a year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    uncertain = False
    approximate = False
    qualified = False  # True for anything beyond a plain date: marked in every output

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> _dt.date:
        if self.day is not None:
            return _dt.date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return _dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def start(self) -> int:
        """First day of the period, as a proleptic ordinal (cheap to compare)."""
        return self.first_day.toordinal()

    @property
    def end(self) -> int:
        """Last day of the period, as a proleptic ordinal."""
        return self.last_day.toordinal()

    @property
    def label(self) -> str:
        """For readers: the date, with what its marks mean in words."""
        return str(self)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class EdtfDate(_Span):
    """A date beyond a plain calendar period: qualified, an interval, or with unspecified digits.

    `text` is the EDTF string (what the curator wrote, months and days two digits);
    `start` and `end` bound the days it may fall on, widened for a qualifier.
    """

    text: str
    start: int
    end: int
    uncertain: bool = False
    approximate: bool = False
    interval: bool = False
    stated: str = ""  # for readers: the period in words (an interval's ends, a decade)

    qualified = True

    @property
    def first_day(self) -> _dt.date:
        return _dt.date.fromordinal(self.start)

    @property
    def last_day(self) -> _dt.date:
        return _dt.date.fromordinal(self.end)

    @property
    def precision(self) -> str:
        return "interval" if self.interval else "edtf"

    @property
    def label(self) -> str:
        """`2026-04-27? (uncertain)`, `2026-04-06 to 2026-04-27 (range)`, `201X (2010 to 2019)`."""
        marks = [word for word, on in (("uncertain", self.uncertain), ("approximate", self.approximate)) if on]
        if self.interval:
            return f"{self.stated} ({', '.join(['range'] + marks)})"
        details = ([self.stated] if self.stated else []) + marks
        return f"{self.text} ({', '.join(details)})" if details else self.text

    def __str__(self) -> str:
        return self.text


Period = PartialDate | EdtfDate


def date_text(date: Period) -> str:
    """`str(date)`, worked out once per date object (a corpus shares one per distinct date)."""
    found = _TEXTS.get(id(date))
    return found[1] if found is not None else remember(_TEXTS, date, str(date))


_TEXTS: dict[int, tuple[Period, str]] = {}


def date_label(date: Period | None, missing: str = "undated") -> str:
    """A date for readers: uncertain, approximate and interval dates say so in words."""
    return missing if date is None else date.label


def parse_date(value: object) -> Period:
    """Read a date field: `2026`, `2026-04`, `2026-04-24` (string or int), or EDTF level 1.

    Raises DateError with a message fit for the user and the offset of the problem.
    """
    if isinstance(value, bool):
        raise DateError(f"expected {EXPECTED}, got {str(value).lower()}")
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    elif isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    else:
        raise DateError(f"expected {EXPECTED}, got {type(value).__name__}")
    lead = len(value) - len(value.lstrip()) if isinstance(value, str) else 0
    return _parse_text(text, lead)


@functools.lru_cache(maxsize=4096)
def _parse_text(text: str, lead: int) -> Period:
    # A corpus repeats a few hundred distinct dates over many claims: read each once.
    match = _DATE_RE.fullmatch(text)
    if match:
        return _plain(text, match, lead)
    return _parse_edtf(text, lead)


def _plain(text: str, match: re.Match[str], offset: int) -> PartialDate:
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if year < 1:
        raise DateError(f"impossible date {text!r}: there is no year 0", offset)
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"impossible date {text!r}: month {month} is not 1 to 12", offset + match.start(2))
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(
                f"impossible date {text!r}: {calendar.month_name[month]} {year} has {last} days",
                offset + match.start(3),
            )
    return PartialDate(year, month, day)


def _parse_edtf(text: str, lead: int) -> Period:
    if "/" in text:
        first, _, second = text.partition("/")
        if "/" in second:
            raise DateError(f"{text!r}: an interval has one '/' between its two ends", lead + len(first) + 1 + second.index("/"))
        low = _side(first, lead, text, open_allowed=True)
        high = _side(second, lead + len(first) + 1, text, open_allowed=True)
        if low is None and high is None:
            raise DateError(f"{text!r}: an interval needs at least one known end", lead)
        start = low[0] if low else _FIRST_DAY
        end = high[1] if high else _LAST_DAY
        if low and high and low[3] > high[4]:
            raise DateError(f"{text!r}: the interval ends before it starts", lead + len(first) + 1)
        words = (f"{first} to {second}" if low and high
                 else f"{second} or earlier" if high else f"{first} or later")
        return EdtfDate(text, start, end, uncertain=any(s and s[5] for s in (low, high)),
                        approximate=any(s and s[6] for s in (low, high)), interval=True, stated=words)
    side = _side(text, lead, text, open_allowed=False)
    assert side is not None
    start, end, words, _s, _e, uncertain, approximate, plain = side
    if plain:  # only reached for a plain date with a qualifier
        return EdtfDate(text, start, end, uncertain, approximate, stated="")
    return EdtfDate(text, start, end, uncertain, approximate, stated=words)


def _side(part: str, offset: int, whole: str, open_allowed: bool):
    """One date of EDTF: (start, end widened, words, stated start, stated end, uncertain,
    approximate, plain?), or None for an open (`..`) or unknown (empty) interval end."""
    if open_allowed and part in ("", ".."):
        return None
    match = _EDTF_SIDE_RE.fullmatch(part)
    if not match:
        raise DateError(_why_not(part, whole), offset + _first_bad(part))
    year_text, month_text, day_text, qualifier = match.groups()
    if day_text is None and month_text and month_text.isdigit() and 21 <= int(month_text) <= 24:
        raise DateError(f"{whole!r}: seasons (EDTF 21 to 24) are not supported; write the months, "
                        "e.g. 2026-03/2026-05", offset + 5)
    core = part[:len(part) - (1 if qualifier else 0)]
    if "X" not in core:
        stated = _plain(whole, _DATE_RE.fullmatch(core), offset)  # type: ignore[arg-type]
        first, last, precision, words, plain = stated.start, stated.end, stated.precision, str(stated), True
    else:
        first, last, precision, words = _unspecified(whole, year_text, month_text, day_text, offset)
        plain = False
    uncertain = qualifier in ("?", "%")
    approximate = qualifier in ("~", "%")
    widen = WIDEN_DAYS[precision] * (uncertain + approximate)
    return (max(_FIRST_DAY, first - widen), min(_LAST_DAY, last + widen), words, first, last,
            uncertain, approximate, plain)


def _unspecified(whole: str, year: str, month: str | None, day: str | None, offset: int) -> tuple[int, int, str, str]:
    """`201X`, `2026-XX`, `2026-04-XX`: the period the known digits leave open."""
    def fail(message: str, at: int) -> DateError:
        return DateError(f"{whole!r}: {message}", offset + at)

    if "X" in year.rstrip("X"):
        raise fail("unspecified digits (X) come last in the year, e.g. 201X", year.index("X"))
    if month is not None and month not in ("XX",) and "X" in month:
        raise fail("a month is two digits or XX", 5)
    if day is not None and day != "XX" and "X" in day:
        raise fail("a day is two digits or XX", 8)
    if "X" in year and (month or day) and (month != "XX" or (day is not None and day != "XX")):
        raise fail("after an unspecified year, the month and day are unspecified too (XX)", 5)
    if month == "XX" and day is not None and day != "XX":
        raise fail("after an unspecified month, the day is unspecified too (XX)", 8)
    digits = year.rstrip("X")
    span = 10 ** (4 - len(digits))
    low_year = max(1, int(digits or "0") * span)
    high_year = int(digits or "0") * span + span - 1
    if "X" in year:
        return (_dt.date(low_year, 1, 1).toordinal(), _dt.date(high_year, 12, 31).toordinal(), "year",
                f"{low_year:04d} to {high_year:04d}")
    if month == "XX":
        whole_year = PartialDate(int(year))
        return whole_year.start, whole_year.end, "month", f"a month of {year}"
    assert day == "XX" and month is not None
    month_number = int(month)
    if not 1 <= month_number <= 12:
        raise fail(f"month {month_number} is not 1 to 12", 5)
    whole_month = PartialDate(int(year), month_number)
    return whole_month.start, whole_month.end, "day", f"a day of {whole_month}"


def _first_bad(part: str) -> int:
    """Where a written date stops looking like EDTF (YYYY-MM-DD, X for a digit, a mark last)."""
    shape = "dddd-dd-dd"
    for index, char in enumerate(part):
        if char in "?~%" and index == len(part) - 1 and index in (4, 7, 10):
            continue
        want = shape[index] if index < len(shape) else ""
        if not ((want == "d" and (char.isdigit() or char == "X")) or (want == "-" and char == "-")):
            return index
    return len(part)


def _why_not(part: str, whole: str) -> str:
    if re.fullmatch(r"\d{4}-\d{1,2}(?:-\d{1,2})?[?~%]", part):
        return f"{whole!r}: in EDTF, months and days are two digits (e.g. 2026-04-07?)"
    if re.fullmatch(r"\d{4}-2[1-4][?~%]?", part):
        return f"{whole!r}: seasons (EDTF 21 to 24) are not supported; write the months, e.g. 2026-03/2026-05"
    if re.fullmatch(r"[?~%]\d.*", part):
        return f"{whole!r}: the EDTF marks ?, ~ and % go after the date (2026-04-27?)"
    if part.startswith(("Y", "-")):
        return f"{whole!r}: years before 1 or after 9999 are not supported"
    return f"expected {EXPECTED}, got {whole!r}"
