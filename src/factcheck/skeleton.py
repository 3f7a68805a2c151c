"""A claim file to start from: `factcheck new ARTICLE`.

The skeleton has the `source` block with its fields to fill (empty, so
`validate` names each one until it is filled; the title when the article's
first lines hold one), and one candidate claim per article sentence that
carries a figure, a date or a word such as "exclusive", each with a short
quote (a few words around the fact, exactly as the article writes them, so
`verify` finds it). The first candidate is live, the others are commented out:
the curator uncomments what is worth keeping and fills it in.

Nothing here reads or writes files: it turns an article's text into YAML text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .provenance import (
    MIN_SENTENCE_WORDS,
    WORD_RE,
    find_figures,
    normalise,
    sentence_facts,
    split_sentences,
    without_leading_comments,
)

QUOTE_WORDS = 6        # words around a fact: enough to locate it, never the whole sentence
TITLE_MAX_WORDS = 20
TITLE_MIN_WORDS = 4
DATELINE_CHARS = 300   # where a dateline would be
TITLE_LOOKS = 1        # the title is the first line, or it is not found (a later short line is a subheading)


@dataclass(frozen=True, slots=True)
class Candidate:
    line: int
    facts: tuple[str, ...]
    quote: str
    value: str | None  # the fact's figure, ready for `value:` (a number, or a date as YYYY-MM-DD)


def find_title(text: str) -> str | None:
    """The first line when it reads as a headline: 4 to 20 words, no sentence end, not a byline."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:TITLE_LOOKS]
    for line in lines:
        words = len(WORD_RE.findall(line))
        if (TITLE_MIN_WORDS <= words <= TITLE_MAX_WORDS and len(line) <= 160 and not line.endswith((".", "!", "?", ":"))
                and not line.lower().startswith(("by ", "- ", "•"))):
            return line
    return None


def candidates(text: str) -> list[Candidate]:
    """One candidate per distinct checkable sentence, in article order."""
    body = without_leading_comments(text)
    figures = find_figures(body, spelled="all")
    found: list[Candidate] = []
    seen: set[str] = set()
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", body)]
    for start, end in split_sentences(body):
        facts = sentence_facts(body, start, end, figures)
        if not facts or len(WORD_RE.findall(body, start, end)) < MIN_SENTENCE_WORDS:
            continue
        key = normalise(body[start:end])
        if key in seen:  # a headline repeated in the body
            continue
        seen.add(key)
        at, fact_end = _locate(body, start, end, facts[0])
        quote = _excerpt(body, start, end, at, fact_end)
        line = sum(1 for s in line_starts if s <= start)
        found.append(Candidate(line, facts, quote, _value_of(figures, at)))
    return found


def _locate(text: str, start: int, end: int, fact: str) -> tuple[int, int]:
    """Where a sentence's first fact is: its offsets in the text."""
    at = text.lower().find(fact.lower(), start, end)
    if at == -1:  # facts are tidied ("no longer" from "no  longer"): fall back to the sentence start
        return start, start
    return at, at + len(fact)


def _excerpt(text: str, start: int, end: int, fact_start: int, fact_end: int) -> str:
    """A few words around the fact, as written: an exact substring of the article."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    first = next((i for i, (_a, b) in enumerate(words) if b > fact_start), 0)
    last = next((i for i, (_a, b) in enumerate(words) if b >= fact_end), first)
    first = max(0, first - 2)  # two words of context before the fact, the rest after it
    last = min(len(words) - 1, max(last, first + QUOTE_WORDS - 1))
    piece_start, piece_end = words[first][0], words[last][1]
    while piece_start < piece_end and text[piece_start] in _EDGE_PUNCTUATION:
        piece_start += 1
    while piece_end > piece_start and text[piece_end - 1] in _EDGE_PUNCTUATION:
        piece_end -= 1
    return text[piece_start:piece_end] or text[fact_start:fact_end]


_EDGE_PUNCTUATION = frozenset(" ,;:.!?—–-()[]\"'“”‘’")


def _value_of(figures: list, at: int) -> str | None:
    for mention in figures:
        if mention.start == at:
            if mention.date is not None:
                return str(mention.date)
            if mention.number is not None and not mention.spelled:
                return mention.text
    return None


def _scalar(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax, with line separators escaped)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\u0085", "\\u0085")


def _comment_text(text: str) -> str:
    return " ".join(text.split()).replace("\u2028", " ").replace("\u2029", " ")


def skeleton(article_text: str, article_path: str, schema_path: str | None = None) -> str:
    """The claim file's text for an article; `article_path` is written as `source.text`."""
    body = without_leading_comments(article_text)
    title = find_title(body)
    found = candidates(article_text)
    lines: list[str] = []
    if schema_path:
        lines.append(f"# yaml-language-server: $schema={schema_path}")
    lines += [
        "# A claim file started by `factcheck new`. Fill in every empty field (`factcheck validate`",
        "# names the ones left), keep the candidate claims worth keeping (uncomment them: remove",
        "# the leading '# ') and delete the rest. Check the quotes with `factcheck verify`.",
        "source:",
        "  id:                 # required: a slug, unique in the corpus, e.g. outlet-2026-04-27",
        "  outlet:             # required: who published it",
        (f"  title: {_scalar(title)}   # found in the article: check it" if title else
         "  title:              # required: the article's headline"),
        "  published:          # required: YYYY, YYYY-MM, YYYY-MM-DD, or unknown" + _date_hint(body),
        "  url:                # optional: delete the line if there is none",
        "  author:             # optional: delete the line if there is none",
        f"  text: {_scalar(article_path)}",
        "claims:",
    ]
    if not found:
        lines += ["  # no sentence with a figure, a date or a word such as 'exclusive' was found",
                  *_claim_lines(None, live=True)]
    for index, candidate in enumerate(found):
        facts = ", ".join(_comment_text(f) for f in candidate.facts)
        lines.append(f"  # line {candidate.line}: {facts}")
        lines += _claim_lines(candidate, live=index == 0)
    return "\n".join(lines) + "\n"


def _date_hint(body: str) -> str:
    """A date near the top (a dateline) is worth a look for `published`; a hint, never a value."""
    top = body[:DATELINE_CHARS]
    dates = [m for m in find_figures(top) if m.date is not None and m.date.day is not None]
    return f" (near the top: {dates[0].date})" if dates else ""


def _claim_lines(candidate: Candidate | None, *, live: bool) -> list[str]:
    value = _scalar(candidate.value) if candidate and candidate.value else ""
    hints = live  # say once what each field is; the commented candidates stay short
    fields = [
        "- id:" + ("           # a slug, unique in this file" if hints else ""),
        "  topic:" + ("        # a broad heading: licensing, ownership..." if hints else ""),
        "  subject:" + ("      # who or what: a company, or the event itself" if hints else ""),
        "  property:" + ("     # what about it: stake, end of term..." if hints else ""),
        f"  value: {value}".rstrip(),
        "  statement:" + ("    # the claim in your own words" if hints else ""),
    ]
    if candidate is not None:
        fields.append(f"  quote: {_scalar(candidate.quote)}")
    prefix = "  " if live else "  # "
    return [prefix + field for field in fields]
