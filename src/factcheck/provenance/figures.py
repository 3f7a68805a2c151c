"""Finding figures: numbers and dates in free text, and whether an article states a claim's figures."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable

from ..dates import DateError, PartialDate, parse_date
from ..model import Claim
from ..values import DateValue, Number
from ..values.number import parse_number

_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
), start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_DATE_RES = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    r"(?<![\w-])" + _YEAR + r"-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?(?![\w-])",
    r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b",
    r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b",
    r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"\b",
))
# A month and a day without a year, resolved against the article's date; month names
# capitalised ("may 5" is not a date), and no year after them (that is the full date).
_CAPITAL_MONTH = r"(?P<month>" + "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True)) + r")\.?"
_NO_YEAR_AFTER = r"(?!,?\s*\d{4}\b)(?![\w-])"
_YEARLESS_RES = (
    re.compile(r"\b" + _CAPITAL_MONTH + r"\s+" + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?" + _NO_YEAR_AFTER),
    re.compile(r"(?<![\w.,-])(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _CAPITAL_MONTH + r"(?!\.?,?\s*\d{4}\b)\b"),
)
# A candidate for parse_number: not glued to a word, a decimal, a hyphenated
# name (GPT-5.5) or a citation marker ([1]).
_NUMBER_RE = re.compile(
    r"(?<![\w.,\-\[/])"
    r"(?:(?:US\$|[$€£¥])\s?)?"
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?:\s?(?:thousand|million|billion|trillion|mln|mn|bn|tn)\b|[kmb]\b)?"
    r"(?:\s?%|\s?(?:per\s?cent|percent|pct)\b|\s(?:US\s)?(?:dollars?|euros?|pounds?|yen)\b)?"
    r"(?![\w\]]|[.,]\d)",
    re.IGNORECASE,
)
_KNOWN_UNITS = frozenset({"%", "USD", "EUR", "GBP", "JPY"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A figure found in text: a number (money, percentage, count, year) or a date."""

    text: str
    start: int
    end: int
    number: Number | None = None
    date: PartialDate | None = None
    spelled: str = ""  # a number written in words: "bare" ("four") or "scaled" ("six million", "forty percent")

    @property
    def as_date(self) -> PartialDate | None:
        """A date, or a bare number that reads as a year."""
        return self.date if self.date is not None else (self.number.year if self.number else None)


def find_figures(text: str, published: PartialDate | None = None, spelled: str = "scaled") -> list[Mention]:
    """Dates first (`January 21, 2025`, `21 January 2025`, `2025-01-21`), then numbers elsewhere.

    With `published` (the article's date), a date without a year (`August 19`,
    `Aug. 19`, `19 August`) is read as the one nearest to it. Numbers written in
    words are read too: `spelled="all"` takes every one (`four`, `six million`),
    `"scaled"` only those with a scale or a percent (`six million`, `forty percent`).
    """
    candidates: list[Mention] = []
    for pattern in _DATE_RES:
        for match in pattern.finditer(text):
            date = _date_of(match)
            if date is not None:
                candidates.append(Mention(match.group(0), match.start(), match.end(), date=date))
    if published is not None:
        for pattern in _YEARLESS_RES:
            for match in pattern.finditer(text):
                date = _yearless_date(match, published)
                if date is not None:
                    candidates.append(Mention(match.group(0), match.start(), match.end(), date=date))
    dates: list[Mention] = []
    for mention in sorted(candidates, key=lambda m: (m.start, -m.end)):
        if not dates or mention.start >= dates[-1].end:
            dates.append(mention)
    starts = [d.start for d in dates]
    mentions = list(dates)
    for match in _NUMBER_RE.finditer(text):
        at = bisect.bisect_right(starts, match.start()) - 1
        if at >= 0 and match.start() < dates[at].end:
            continue  # the day or year of a date already found
        number = parse_number(match.group(0))
        if number is not None:
            mentions.append(Mention(match.group(0), match.start(), match.end(), number=number))
    for mention in spelled_numbers(text):
        at = bisect.bisect_right(starts, mention.start) - 1
        if at >= 0 and mention.start < dates[at].end:
            continue
        if spelled == "all" or mention.spelled == "scaled":
            mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    return mentions


# Numbers written in words, as articles write them. A small reader on purpose:
# cardinals up to the trillions, "a dozen", with an optional percent or
# currency word. `one` alone is left out ("one of the...", "the new one").
_WORD_VALUES = {word: value for value, word in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"))}
_WORD_VALUES.update({word: 10 * tens for tens, word in enumerate(
    ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), start=2)})
_WORD_VALUES["dozen"] = 12
_WORD_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_WORD_TOKEN_RE = re.compile(r"[A-Za-z]+")
_WORD_GAP_RE = re.compile(r"[ \t]*-?[ \t]*|[ \t]+")
_WORD_UNIT_RE = re.compile(r"(?:[ \t]?%|[ \t](?:per[ \t]?cent|percent)|[ \t](?:US[ \t])?(?:dollars?|euros?|pounds?|yen))(?![\w-])",
                           re.IGNORECASE)


def _number_word_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Runs of number words: `six million`, `twenty-five`, `three hundred and twelve`, `a dozen`."""
    tokens = [(m.start(), m.end(), m.group().lower()) for m in _WORD_TOKEN_RE.finditer(text)]
    runs = []
    index = 0
    while index < len(tokens):
        start, end, word = tokens[index]
        glued = start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_")
        leading_a = (word == "a" and index + 1 < len(tokens) and tokens[index + 1][2] in ("dozen", *_WORD_SCALES)
                     and _WORD_GAP_RE.fullmatch(text[end:tokens[index + 1][0]]) is not None)
        if glued or not (word in _WORD_VALUES or leading_a):
            index += 1
            continue
        words = [word]
        last = index
        while last + 1 < len(tokens):
            next_start, _next_end, next_word = tokens[last + 1]
            gap = text[tokens[last][1]:next_start]
            if next_word == "and" and words[-1] in ("hundred", *_WORD_SCALES) and last + 2 < len(tokens) \
                    and tokens[last + 2][2] in _WORD_VALUES and gap.strip() == "" \
                    and text[tokens[last + 1][1]:tokens[last + 2][0]].strip() == "":
                words += ["and", tokens[last + 2][2]]
                last += 2
                continue
            if next_word in _WORD_VALUES or next_word in _WORD_SCALES:
                if _WORD_GAP_RE.fullmatch(gap) is None or not gap:
                    break
                words.append(next_word)
                last += 1
                continue
            break
        run_end = tokens[last][1]
        if run_end < len(text) and text[run_end].isalnum():
            index = last + 1
            continue
        runs.append((start, run_end, words))
        index = last + 1
    return runs


def spelled_numbers(text: str) -> list[Mention]:
    """`four`, `twenty-five`, `six million`, `a dozen`, `forty percent`: numbers written in words."""
    found = []
    for start, end, words in _number_word_runs(text):
        words = [w for w in words if w not in ("and", "a")]
        total = current = 0
        last_scale = 1
        for word in words:
            if word == "dozen":
                current = (current or 1) * 12
            elif word in _WORD_VALUES:
                current += _WORD_VALUES[word]
            elif word == "hundred":
                current = (current or 1) * 100
            else:
                last_scale = _WORD_SCALES[word]
                total += (current or 1) * last_scale
                current = 0
        unit_match = _WORD_UNIT_RE.match(text, end)
        unit = unit_match.group().strip() if unit_match else ""
        if words == ["one"] and not unit:
            continue  # "one of the...", "the new one"
        # Precision as written: "six million" is 6 million (5.5-6.5 million), as `6 million` would be.
        if last_scale >= 10**3 and current == 0 and total % last_scale == 0:
            scale_word = next(w for w, v in _WORD_SCALES.items() if v == last_scale)
            digits = f"{total // last_scale} {scale_word}"
        else:
            digits = str(total + current)
        number = parse_number(f"{digits}{'' if unit in ('', '%') else ' '}{unit}")
        if number is None:
            continue
        scaled = (last_scale > 1 and current == 0) or bool(unit)
        stop = unit_match.end() if unit_match else end
        found.append(Mention(text[start:stop], start, stop, number=number, spelled="scaled" if scaled else "bare"))
    return found


def _date_of(match: re.Match[str]) -> PartialDate | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.casefold()]
    day = match.groupdict().get("day")
    text = f"{match.group('year')}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    try:
        return parse_date(text)
    except DateError:
        return None


def _yearless_date(match: re.Match[str], published: PartialDate) -> PartialDate | None:
    """`August 19` in an article published 2026-04-27 is 2026-08-19: the year that puts it nearest."""
    month = _MONTHS[match.group("month").casefold()]
    day = int(match.group("day"))
    if published.month is None:  # only the year is known: that year
        years = [published.year]
    else:
        years = [published.year - 1, published.year, published.year + 1]
    best: tuple[int, PartialDate] | None = None
    for year in years:
        try:
            date = parse_date(f"{year:04d}-{month:02d}-{day:02d}")
        except DateError:
            continue
        distance = abs(date.start - published.start) if published.month is not None else 0
        if best is None or distance < best[0]:
            best = (distance, date)
    return best[1] if best else None


def claim_figures(claim: Claim) -> list[tuple[str, Mention]]:
    """The figures a claim states: (field, mention) for its value and its statement."""
    figures: list[tuple[str, Mention]] = []
    value = claim.value
    if isinstance(value, Number):
        figures.append(("value", Mention(value.display.lstrip("~"), 0, 0, number=value)))
    elif isinstance(value, DateValue):
        figures.append(("value", Mention(value.text, 0, 0, date=value.date)))
    for mention in find_figures(claim.statement, claim.source.published):
        if not any(_same_figure(mention, known) for _field, known in figures):
            figures.append(("statement", mention))
    return figures


def _same_figure(a: Mention, b: Mention) -> bool:
    return _figure_in(a, b) and _figure_in(b, a)


def _figure_in(claimed: Mention, seen: Mention) -> bool:
    """Does `seen` (in the article) state the figure `claimed`?"""
    if claimed.number is not None and seen.number is not None:
        wanted, got = claimed.number, seen.number
        if wanted.unit in _KNOWN_UNITS and got.unit != wanted.unit:
            return False
        if got.unit in _KNOWN_UNITS and wanted.unit is not None and wanted.unit != got.unit:
            return False
        if wanted.low < got.high and got.low < wanted.high:
            return True
    claimed_date, seen_date = claimed.as_date, seen.as_date
    if claimed_date is None or seen_date is None:
        return False
    if claimed.date is None and seen.date is None:
        return False  # two bare numbers: compared as numbers above
    return claimed_date.contains(seen_date)


def figure_found(claimed: Mention, article_figures: Iterable[Mention]) -> bool:
    return any(_figure_in(claimed, seen) for seen in article_figures)
