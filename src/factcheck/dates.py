"""Dates that keep their precision: a year, a month or a day.

`2026` is the whole year 2026, `2026-04` the whole of April 2026. Two dates
agree when one period contains the other (spec §2).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


class DateError(ValueError):
    """A date that cannot be read; the message says why, for the user."""


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar period: a year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

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

    def contains(self, other: PartialDate) -> bool:
        return self.start <= other.start and other.end <= self.end

    def agrees(self, other: PartialDate) -> bool:
        """Spec §2: two dates agree when one period contains the other."""
        return self.contains(other) or other.contains(self)

    def is_after(self, other: PartialDate) -> bool:
        """True when this whole period falls after the whole of `other`."""
        return self.start > other.end

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def parse_date(value: object) -> PartialDate:
    """Read `2026`, `2026-04` or `2026-04-24` (string or int) as a PartialDate.

    Raises DateError with a message fit for the user.
    """
    if isinstance(value, bool):
        raise DateError(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {str(value).lower()}")
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    elif isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    else:
        raise DateError(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {type(value).__name__}")
    match = _DATE_RE.fullmatch(text)
    if not match:
        raise DateError(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {text!r}")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if year < 1:
        raise DateError(f"impossible date {text!r}: there is no year 0")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"impossible date {text!r}: month {month} is not 1 to 12")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(
                f"impossible date {text!r}: {calendar.month_name[month]} {year} has {last} days"
            )
    return PartialDate(year, month, day)
