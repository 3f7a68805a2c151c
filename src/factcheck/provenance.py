"""Check claims against the articles they were curated from.

For each source with a `text:` (an article's plain text), `verify` checks that
- each claim's `quote` is in the article: exactly, after normalising (case,
  whitespace, curly quotes, dashes), or fuzzily (rapidfuzz `partial_ratio` of
  at least QUOTE_THRESHOLD over the normalised text, with the same numbers);
- each claim's figures (its value when that is a number or a date, and the
  numbers and dates in its statement) appear in the article in some form;
- and it lists the article's sentences that carry checkable facts but that no
  claim's quote lies in: the curator's to-do list. Sentences a curator has
  reviewed and explained in the corpus's `_coverage.yaml` (see explanations.py)
  are listed apart, with their reason, and count as handled.

Article paths are resolved relative to the claim file and must stay inside
the corpus folder (symlinks followed); with an explicit articles folder, a
path that does not lead to a file there is looked up by its file name in that
folder instead. Nothing here prints or exits: problems are Diagnostics.
"""

from __future__ import annotations

import bisect
import os
import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable

from . import codes
from .dates import DateError, PartialDate, parse_date
from .explanations import Explanation, read_explanations
from .loader import MAX_FILE_BYTES, display_path, load_corpus, read_text
from .model import Claim, Diagnostic, Severity, Source
from .values import DateValue, Number
from .values.number import parse_number

QUOTE_THRESHOLD = 90.0   # partial_ratio (0-100) over normalised text for a fuzzy quote match
MIN_FUZZY_CHARS = 12     # shorter quotes must match exactly once normalised: a few letters match anywhere
MIN_SENTENCE_WORDS = 3   # shorter fragments (headings, stray numbers) are not checkable sentences
PASSAGE_MAX_CHARS = 160  # the closest passage shown for a missing quote


class QuoteStatus(str, Enum):
    EXACT = "exact"            # the quote is in the article as written
    NORMALISED = "normalised"  # found after folding case, whitespace, quotes and dashes
    FUZZY = "fuzzy"            # a passage scores at least QUOTE_THRESHOLD
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of an article: offsets into its text, and 1-based line and column."""

    text: str
    start: int
    end: int
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    claim: Claim
    status: QuoteStatus
    score: float            # 100 for exact and normalised matches
    passage: Passage | None  # the match, or for a missing quote the closest passage

    @property
    def found(self) -> bool:
        return self.status is not QuoteStatus.MISSING


@dataclass(frozen=True, slots=True)
class FigureCheck:
    claim: Claim
    figure: str   # as the claim states it, e.g. "$135 billion" or "2025-01-21"
    field: str    # "value" or "statement"
    found: bool

    @property
    def position(self) -> tuple[int, int]:
        return self.claim.position_of(self.field)


@dataclass(frozen=True, slots=True)
class Sentence:
    """An article sentence that carries checkable facts."""

    passage: Passage
    facts: tuple[str, ...]          # what makes it checkable: "27%", "October 2025", "exclusive"...
    covered_by: tuple[str, ...]     # refs of the claims whose quote lies in it
    explanation: Explanation | None = None  # why it needs no claim (from _coverage.yaml)

    @property
    def covered(self) -> bool:
        return bool(self.covered_by)

    @property
    def explained(self) -> bool:
        """Reviewed and explained, and no claim covers it."""
        return self.explanation is not None and not self.covered


@dataclass(frozen=True, slots=True)
class ArticleCheck:
    """One article and every claim curated from it (one or more sources may share it)."""

    path: str
    sources: tuple[Source, ...]
    quotes: tuple[QuoteCheck, ...]
    figures: tuple[FigureCheck, ...]
    sentences: tuple[Sentence, ...]
    unquoted: tuple[Claim, ...]  # claims without a quote: checked for figures only

    @property
    def uncovered(self) -> tuple[Sentence, ...]:
        """The to-do list: neither covered by a claim nor explained."""
        return tuple(s for s in self.sentences if not s.covered and not s.explained)

    @property
    def explained(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.explained)

    @property
    def covered(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.covered)

    @property
    def coverage(self) -> float:
        """Share of checkable sentences handled: covered by a claim or explained (1.0 when there are none)."""
        if not self.sentences:
            return 1.0
        return (len(self.sentences) - len(self.uncovered)) / len(self.sentences)


@dataclass(frozen=True, slots=True)
class Verification:
    root: str
    articles: tuple[ArticleCheck, ...]
    unverifiable: tuple[Source, ...]   # sources without `text:`
    source_count: int                  # valid sources in the corpus
    claim_count: int
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)

    @property
    def quotes(self) -> tuple[QuoteCheck, ...]:
        return tuple(q for a in self.articles for q in a.quotes)

    @property
    def figures(self) -> tuple[FigureCheck, ...]:
        return tuple(f for a in self.articles for f in a.figures)


# --- normalised text ------------------------------------------------------

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})


def normalise(text: str) -> str:
    """Case, whitespace runs, curly vs straight quotes and dashes folded away."""
    return normalise_with_offsets(text)[0]


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text, and for each of its characters the offset it came from."""
    chars: list[str] = []
    offsets: list[int] = []
    space_at: int | None = None
    for index, char in enumerate(text):
        if char.isspace():
            if chars and space_at is None:
                space_at = index
            continue
        if space_at is not None:
            chars.append(" ")
            offsets.append(space_at)
            space_at = None
        if char < "\x80" and char != "`":
            chars.append(char.lower())
            offsets.append(index)
            continue
        folded = unicodedata.normalize("NFKC", char.translate(_FOLD)).casefold().translate(_FOLD)
        chars.extend(folded)
        offsets.extend([index] * len(folded))
    return "".join(chars), offsets


# --- figures: numbers and dates in free text -------------------------------

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
_MONTH_NAME_RE = re.compile(
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December|May(?=\s+\d))\b"
)
_KEYWORD_RE = re.compile(r"\b(?:(?:non-)?exclusiv(?:e|ely|ity)|sole(?:ly)?|only|first|no longer)\b", re.IGNORECASE)
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


# --- sentences -------------------------------------------------------------

# A sentence ends at . ! ? (with closing quotes and citation markers such as
# "[3]"), or after a closing parenthesis such as a source citation
# "(example.com)", before a capital, a digit or a bullet.
_SENTENCE_BREAK_RE = re.compile(
    r"(?:(?<=[.!?])(?:[\"'\u201d\u2019)\]]|\[\d+\])*|(?<=\)))(?P<gap>\s+)(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u2022\-\u2013\u2014])"
)
# Source citations carry numbers that are not facts: "[3]", "(example.com 2)".
_CITATION_RE = re.compile(r"\[\d+\]|\((?:[\w-]+\.)+[a-z]{2,}(?:\s+\d+)?\)")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")


class _Lines:
    """Offsets to 1-based line and column."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: lines are split at sentence ends."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for brk in _SENTENCE_BREAK_RE.finditer(line.group(0)):
            spans.append((start, line.start() + brk.start("gap")))
            start = line.start() + brk.end("gap")
        spans.append((start, line.end()))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b - (len(text[a:b]) - len(text[a:b].rstrip())))
            for a, b in spans if text[a:b].strip()]


def sentence_facts(text: str, start: int, end: int, figures: list[Mention]) -> tuple[str, ...]:
    """What makes a sentence checkable: its figures, month names and words such as `exclusive`.

    `figures` are the text's, in order (as `find_figures` returns them).
    """
    chunk = text[start:end]
    citations = [(m.start() + start, m.end() + start) for m in _CITATION_RE.finditer(chunk)]
    first = bisect.bisect_left(figures, start, key=lambda m: m.start)  # figures are in text order
    last = bisect.bisect_left(figures, end, key=lambda m: m.start)
    inside = figures[first:last]
    facts = [m.text for m in inside if m.end <= end and m.spelled != "bare"
             and not any(a <= m.start < b for a, b in citations)]
    dated = [(m.start - start, m.end - start) for m in inside if m.date is not None]
    for match in _MONTH_NAME_RE.finditer(chunk):
        if not any(a <= match.start() < b for a, b in dated):
            facts.append(match.group(0))
    facts.extend(match.group(0).lower() for match in _KEYWORD_RE.finditer(chunk))
    return tuple(dict.fromkeys(" ".join(f.split()) for f in facts))


# --- comment lines ------------------------------------------------------------

_LEADING_COMMENTS_RE = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n)*")


def without_leading_comments(text: str) -> str:
    """Lines starting with `#` at the top of an article file (where and when it was saved) are not article text.

    They become spaces, so every offset, line and column in the article stays where it was.
    """
    match = _LEADING_COMMENTS_RE.match(text)
    if match is None or "#" not in match.group(0):
        return text
    return re.sub(r"[^\n]", " ", match.group(0)) + text[match.end():]


# --- quotes ------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """An article's text, prepared once for every claim that quotes it."""

    path: str
    text: str
    published: PartialDate | None = None  # resolves dates written without a year
    normalised: str = field(init=False)
    offsets: list[int] = field(init=False, repr=False)
    lines: _Lines = field(init=False, repr=False)
    figures: list[Mention] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", _Lines(self.text))
        object.__setattr__(self, "text", without_leading_comments(self.text))
        normalised, offsets = normalise_with_offsets(self.text)
        object.__setattr__(self, "normalised", normalised)
        object.__setattr__(self, "offsets", offsets)
        object.__setattr__(self, "figures", find_figures(self.text, self.published, spelled="all"))

    def passage(self, start: int, end: int, limit: int | None = None) -> Passage:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        while start > 0 and self.text[start - 1].isalnum():
            start -= 1
        while end < len(self.text) and self.text[end].isalnum():
            end += 1
        shown = " ".join(self.text[start:end].split())
        if limit is not None and len(shown) > limit:
            shown = shown[: limit - 1] + "…"
        line, column = self.lines.position(start)
        return Passage(shown, start, end, line, column)

    def normalised_span(self, start: int, end: int) -> tuple[int, int]:
        """Normalised offsets [start, end) back to offsets in the text."""
        return self.offsets[start], self.offsets[end - 1] + 1


_DIGITS_RE = re.compile(r"\d+")


def find_quote(quote: str, article: Article) -> tuple[QuoteStatus, float, Passage | None]:
    from rapidfuzz import fuzz

    at = article.text.find(quote)
    if at != -1:
        return QuoteStatus.EXACT, 100.0, article.passage(at, at + len(quote))
    wanted = normalise(quote)
    if not wanted:
        return QuoteStatus.MISSING, 0.0, None
    at = article.normalised.find(wanted)
    if at != -1:
        return QuoteStatus.NORMALISED, 100.0, article.passage(*article.normalised_span(at, at + len(wanted)))
    if not article.normalised:
        return QuoteStatus.MISSING, 0.0, None
    cutoff = QUOTE_THRESHOLD if len(wanted) >= MIN_FUZZY_CHARS else 101.0
    best = fuzz.partial_ratio_alignment(wanted, article.normalised, score_cutoff=cutoff)
    status = QuoteStatus.FUZZY
    if best is None:  # below the threshold: find the closest passage to show
        status = QuoteStatus.MISSING
        best = fuzz.partial_ratio_alignment(wanted, article.normalised)
    if best is None or best.dest_end <= best.dest_start:
        return QuoteStatus.MISSING, 0.0, None
    if status is QuoteStatus.FUZZY and _DIGITS_RE.findall(wanted) != _DIGITS_RE.findall(
            article.normalised, best.dest_start, best.dest_end):
        status = QuoteStatus.MISSING  # close in wording, but a fuzzy match never changes a number
    start, end = article.normalised_span(best.dest_start, best.dest_end)
    limit = PASSAGE_MAX_CHARS if status is QuoteStatus.MISSING else None
    return status, round(best.score, 1), article.passage(start, end, limit)


# --- where an article is ---------------------------------------------------


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _resolve(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # symlink loops
        return None


def locate_article(source: Source, corpus_dir: Path, articles_dir: Path | None) -> tuple[Path | None, Diagnostic | None]:
    """The article file for `source.text`, or a Diagnostic at the `text:` field saying why not."""
    assert source.text is not None
    line, column = source.position_of("text")
    if "\0" in source.text:  # no file name holds one; the system calls would refuse it
        return None, Diagnostic(source.path, line, column, codes.ARTICLE_NOT_FOUND,
                                f"source.text: {source.text!r} holds a NUL character; no file has such a name")
    written = Path(source.text)
    corpus_real = _resolve(corpus_dir)
    inside = looping = False
    tried: list[str] = []
    if not written.is_absolute():
        candidate = Path(source.path).parent / written  # source.path is relative to the working directory
        real = _resolve(candidate)
        looping = real is None
        inside = real is not None and corpus_real is not None and _inside(real, corpus_real)
        if inside:
            if real.is_file():
                return candidate, None
            tried.append(display_path(candidate))
    if articles_dir is not None:
        by_name = articles_dir / written.name
        real, folder = _resolve(by_name), _resolve(articles_dir)
        if written.name not in ("", ".", "..") and real and folder and _inside(real, folder) and real.is_file():
            return by_name, None
        tried.append(display_path(by_name))
        return None, Diagnostic(source.path, line, column, codes.ARTICLE_NOT_FOUND,
                                f"source.text: article {source.text!r} not found (looked for {' and '.join(tried)})")
    if looping:
        return None, Diagnostic(source.path, line, column, codes.ARTICLE_NOT_FOUND,
                                f"source.text: {source.text!r} cannot be resolved (a symlink loop?)")
    if not inside:
        why = "is an absolute path; articles are read from inside the corpus folder" if written.is_absolute() \
            else "leaves the corpus folder"
        return None, Diagnostic(
            source.path, line, column, codes.TEXT_OUTSIDE_CORPUS,
            f"source.text: {source.text!r} {why} {display_path(corpus_dir)}; refused "
            "(with --articles DIR, its file name is looked up in DIR)",
        )
    return None, Diagnostic(source.path, line, column, codes.ARTICLE_NOT_FOUND,
                            f"source.text: article {source.text!r} not found (looked for {tried[0]})")


def _read_article(path: Path, shown: str) -> tuple[str | None, Diagnostic | None]:
    text, problem = read_text(path, shown)
    if problem is not None and problem.code == codes.FILE_TOO_LARGE:
        limit = MAX_FILE_BYTES // 1024 // 1024
        problem = Diagnostic(shown, 1, 1, problem.code, f"article is over the {limit} MiB limit; not checked")
    return text, problem


# --- verification ------------------------------------------------------------


def check_article(
    article: Article, sources: tuple[Source, ...], claims: Iterable[Claim], explanations: Iterable[Explanation] = (),
) -> tuple[ArticleCheck, list[Diagnostic]]:
    quotes: list[QuoteCheck] = []
    figures: list[FigureCheck] = []
    unquoted: list[Claim] = []
    problems: list[Diagnostic] = []
    for claim in claims:
        if claim.quote is None:
            unquoted.append(claim)
        else:
            status, score, passage = find_quote(claim.quote, article)
            check = QuoteCheck(claim, status, score, passage)
            quotes.append(check)
            if not check.found:
                problems.append(_missing_quote(check, article.path))
        for field_name, mention in claim_figures(claim):
            found = figure_found(mention, article.figures)
            figure = FigureCheck(claim, mention.text, field_name, found)
            figures.append(figure)
            if not found:
                line, column = figure.position
                problems.append(Diagnostic(
                    claim.source.path, line, column, codes.FIGURE_MISSING,
                    f"{claim.ref}: figure {mention.text!r} ({field_name}) appears nowhere in {article.path} in any form",
                ))
    spans = [(q.passage.start, q.passage.end, q.claim.ref) for q in quotes if q.found and q.passage]
    checkable: list[tuple[Passage, tuple[str, ...], tuple[str, ...]]] = []
    refs_of_text: dict[str, tuple[str, ...]] = {}  # a repeated sentence (a headline) is covered once quoted anywhere
    for start, end in split_sentences(article.text):
        facts = sentence_facts(article.text, start, end, article.figures)
        if not facts or len(_WORD_RE.findall(article.text, start, end)) < MIN_SENTENCE_WORDS:
            continue
        refs = tuple(dict.fromkeys(ref for a, b, ref in spans if a < end and start < b))
        key = normalise(article.text[start:end])
        refs_of_text[key] = tuple(dict.fromkeys(refs_of_text.get(key, ()) + refs))
        checkable.append((article.passage(start, end), facts, key))
    explanation_of, stale = _match_explanations(explanations, [key for _p, _f, key in checkable], refs_of_text, article.path)
    problems.extend(stale)
    sentences = [Sentence(passage, facts, refs_of_text[key], explanation_of.get(key)) for passage, facts, key in checkable]
    check = ArticleCheck(article.path, sources, tuple(quotes), tuple(figures), tuple(sentences), tuple(unquoted))
    return check, problems


def _match_explanations(
    explanations: Iterable[Explanation], keys: list[str], refs_of_text: dict[str, tuple[str, ...]], article_path: str,
) -> tuple[dict[str, Explanation], list[Diagnostic]]:
    """Each explanation's sentence, by normalised text; warnings for those that locate none, or several."""
    matched: dict[str, Explanation] = {}
    problems: list[Diagnostic] = []

    def warn(explanation: Explanation, message: str) -> None:
        problems.append(Diagnostic(explanation.path, explanation.phrase_line, explanation.phrase_column,
                                   codes.EXPLANATION_STALE, message, Severity.WARNING))

    distinct = list(dict.fromkeys(keys))
    for explanation in explanations:
        phrase = normalise(explanation.phrase)
        hits = [key for key in distinct if phrase in key]
        said = f"phrase {explanation.phrase!r}"
        if not hits:
            warn(explanation, f"{said} matches no checkable sentence in {article_path}; "
                              "a stale explanation: update the phrase or remove the entry")
        elif len(hits) > 1:
            warn(explanation, f"{said} matches {len(hits)} sentences in {article_path}; "
                              "add words so that it locates one (nothing is explained by it)")
        elif hits[0] in matched:
            warn(explanation, f"{said}: its sentence in {article_path} is already explained by the entry at line "
                              f"{matched[hits[0]].line}")
        else:
            matched[hits[0]] = explanation
            if refs_of_text.get(hits[0]):
                warn(explanation, f"{said}: its sentence in {article_path} is covered by "
                                  f"{', '.join(refs_of_text[hits[0]])}; the explanation is no longer needed")
    return matched, problems


def _missing_quote(check: QuoteCheck, article_path: str) -> Diagnostic:
    claim = check.claim
    line, column = claim.position_of("quote")
    message = f"{claim.ref}: quote {claim.quote!r} not found in {article_path}"
    if check.passage is not None:
        why = "but its numbers differ" if check.score >= QUOTE_THRESHOLD else f"needs {QUOTE_THRESHOLD:.0f}"
        message += (f"; closest passage (score {check.score:.0f}, {why}) at "
                    f"{article_path}:{check.passage.line}:{check.passage.column}: {check.passage.text!r}")
    return Diagnostic(claim.source.path, line, column, codes.QUOTE_MISSING, message)


def verify(
    root: str | os.PathLike[str],
    articles: str | os.PathLike[str] | None = None,
    *,
    display: Callable[[Path], str] | None = None,
) -> Verification:
    """Check every claim under `root` against its article; see the module docstring.

    `display` names files in messages; it must give paths usable from the
    working directory (the default: relative to it when inside it).
    """
    show = display or display_path
    root_path = Path(root)
    corpus = load_corpus(root_path, display=show)
    corpus_dir = root_path if root_path.is_dir() else root_path.parent
    articles_dir = Path(articles) if articles is not None else None
    explanations, problems = read_explanations(corpus)
    unverifiable: list[Source] = []
    claims_of: dict[str, list[Claim]] = {}
    for claim in corpus.claims:
        claims_of.setdefault(claim.source.id, []).append(claim)
    # Several sources may share an article: group them by the file's real path.
    groups: dict[Path, tuple[str, list[Source]]] = {}
    for source in corpus.sources:
        if source.text is None:
            unverifiable.append(source)
            count = len(claims_of.get(source.id, ()))
            problems.append(Diagnostic(
                source.path, source.line, source.column, codes.NO_TEXT,
                f"source '{source.id}' has no text: field; its {count} claim{'s' * (count != 1)} cannot be checked",
                Severity.WARNING,
            ))
            continue
        path, problem = locate_article(source, corpus_dir, articles_dir)
        if problem is not None:
            problems.append(problem)
            continue
        assert path is not None
        key = _resolve(path) or path
        groups.setdefault(key, (show(path), []))[1].append(source)
    explained_in: dict[str, list[Explanation]] = {}
    for explanation in explanations:
        explained_in.setdefault(explanation.article, []).append(explanation)
    named = {Path(shown).name for shown, _sources in groups.values()}
    for name, unplaced in explained_in.items():
        if name not in named:
            problems.extend(Diagnostic(
                e.path, e.article_line, e.article_column, codes.EXPLANATION_STALE,
                f"article {e.article!r} is not the text of any source in the corpus; a stale explanation",
                Severity.WARNING) for e in unplaced)
    checks: list[ArticleCheck] = []
    for key, (shown, sources) in groups.items():
        text, problem = _read_article(key, shown)
        if problem is not None:
            problems.append(problem)
            continue
        claims = [c for s in sources for c in claims_of.get(s.id, ())]
        dates = [s.published for s in sources if s.published is not None]
        published = min(dates, key=lambda d: (d.start, d.end)) if dates else None
        check, found = check_article(Article(shown, text or "", published), tuple(sources), claims,
                                     explained_in.get(Path(shown).name, ()))
        checks.append(check)
        problems.extend(found)
    problems.sort(key=lambda d: (d.path, d.line, d.column))
    return Verification(
        root=str(root), articles=tuple(checks), unverifiable=tuple(unverifiable),
        source_count=len(corpus.sources), claim_count=len(corpus.claims),
        diagnostics=tuple(corpus.diagnostics) + tuple(problems),
    )
