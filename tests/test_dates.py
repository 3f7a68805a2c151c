import pytest

from factcheck.dates import DateError, PartialDate, parse_date


@pytest.mark.parametrize(
    "raw, expected",
    [("2026", PartialDate(2026)), (2032, PartialDate(2032)), ("2026-04", PartialDate(2026, 4)),
     ("2026-04-24", PartialDate(2026, 4, 24)), ("2024-02-29", PartialDate(2024, 2, 29))],
)
def test_dates_keep_their_precision(raw, expected):
    assert parse_date(raw) == expected
    assert str(parse_date(raw)) == str(raw)


@pytest.mark.parametrize(
    "raw, message",
    [("2026-13-45", "month 13 is not 1 to 12"), ("2026-02-30", "February 2026 has 28 days"),
     ("2025-02-29", "February 2025 has 28 days"), ("April 2026", "expected a date"), (True, "got true")],
)
def test_impossible_dates_are_refused(raw, message):
    with pytest.raises(DateError, match=message):
        parse_date(raw)


def test_containment_and_order():
    month, day = PartialDate(2026, 4), PartialDate(2026, 4, 27)
    assert month.contains(day) and not day.contains(month)
    assert month.agrees(day) and day.agrees(month)
    assert not day.is_after(month)  # inside the period is not after it
    assert PartialDate(2026, 5).is_after(month)
    assert not PartialDate(2026, 2).agrees(PartialDate(2026, 3, 31))


# EDTF level 1: written form kept, the days it counts as (widened for a qualifier), the marks.
@pytest.mark.parametrize("raw, first, last, uncertain, approximate, label", [
    ("2026-04-27?", "2026-04-20", "2026-05-04", True, False, "2026-04-27? (uncertain)"),
    ("2026-04~", "2026-03-01", "2026-05-31", False, True, "2026-04~ (approximate)"),
    ("2026-04-27%", "2026-04-13", "2026-05-11", True, True, "2026-04-27% (uncertain, approximate)"),
    ("2026?", "2024-12-31", "2028-01-01", True, False, "2026? (uncertain)"),
    ("2026-04-06/2026-04-27", "2026-04-06", "2026-04-27", False, False, "2026-04-06 to 2026-04-27 (range)"),
    ("2026-04-27?/2026-05", "2026-04-20", "2026-05-31", True, False, "2026-04-27? to 2026-05 (range, uncertain)"),
    ("2026-04/..", "2026-04-01", "9999-12-31", False, False, "2026-04 or later (range)"),
    ("2026-04/", "2026-04-01", "9999-12-31", False, False, "2026-04 or later (range)"),
    ("../2026-04", "0001-01-01", "2026-04-30", False, False, "2026-04 or earlier (range)"),
    ("201X", "2010-01-01", "2019-12-31", False, False, "201X (2010 to 2019)"),
    ("2026-XX", "2026-01-01", "2026-12-31", False, False, "2026-XX (a month of 2026)"),
    ("2026-02-XX", "2026-02-01", "2026-02-28", False, False, "2026-02-XX (a day of 2026-02)"),
])
def test_edtf_level_1(raw, first, last, uncertain, approximate, label):
    date = parse_date(raw)
    assert str(date) == raw and date.qualified
    assert (date.first_day.isoformat(), date.last_day.isoformat()) == (first, last)
    assert (date.uncertain, date.approximate, date.label) == (uncertain, approximate, label)


@pytest.mark.parametrize("raw, message, offset", [
    ("2026-4-27?", "months and days are two digits", 6),
    ("2026-02-30?", "February 2026 has 28 days", 8),
    ("2026-04-06/2026-04-01", "the interval ends before it starts", 11),
    ("2026-04-06/2026-13", "month 13 is not 1 to 12", 16),
    ("2026-22?", "seasons", 5),
    ("Y170000002", "years before 1 or after 9999", 0),
    ("-0500", "years before 1 or after 9999", 0),
    ("20X6", "unspecified digits", 2),
    ("2026-XX-05", "after an unspecified month", 8),
    ("..", "expected a date", 0),
    ("/", "at least one known end", 0),
    ("2026/2027/2028", "one '/'", 9),
    ("?2026", "go after the date", 0),
])
def test_malformed_edtf_says_where(raw, message, offset):
    with pytest.raises(DateError, match=message) as caught:
        parse_date(raw)
    assert caught.value.offset == offset


def test_overlapping_periods_leave_order_unknown():
    week = parse_date("2026-04-20/2026-04-27")
    assert not week.is_after(PartialDate(2026, 4, 24)) and not PartialDate(2026, 4, 24).is_after(week)
    assert week.is_after(PartialDate(2026, 4, 10))
    guessed = parse_date("2026-04-27?")  # a guessed day does not order against three days before
    assert not guessed.is_after(PartialDate(2026, 4, 24))
    assert parse_date("2026-05-15?").is_after(PartialDate(2026, 4, 24))
    assert week.agrees(PartialDate(2026, 4, 24)) and week.agrees(PartialDate(2026, 4))  # containment
    assert not week.agrees(PartialDate(2026, 5))
