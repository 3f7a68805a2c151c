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
