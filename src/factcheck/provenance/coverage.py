"""Coverage: the article's sentences that carry checkable facts, which claims quote them, and
which the corpus's `_coverage.yaml` explains (see explanations.py)."""

from __future__ import annotations

import bisect
import re
from typing import Iterable

from .. import codes
from ..explanations import Explanation
from ..model import Diagnostic, Severity
from .articles import Article, normalise
from .figures import Mention
from ..verify_results import Passage, QuoteCheck, Sentence

MIN_SENTENCE_WORDS = 3   # shorter fragments (headings, stray numbers) are not checkable sentences

# A sentence ends at . ! ? (with closing quotes and citation markers such as
# "[3]"), or after a closing parenthesis such as a source citation
# "(example.com)", before a capital, a digit or a bullet.
_SENTENCE_BREAK_RE = re.compile(
    r"(?:(?<=[.!?])(?:[\"'\u201d\u2019)\]]|\[\d+\])*|(?<=\)))(?P<gap>\s+)(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u2022\-\u2013\u2014])"
)
# Source citations carry numbers that are not facts: "[3]", "(example.com 2)".
_CITATION_RE = re.compile(r"\[\d+\]|\((?:[\w-]+\.)+[a-z]{2,}(?:\s+\d+)?\)")
WORD_RE = re.compile(r"[^\W\d_]{2,}")
# Besides figures, what makes a sentence checkable: a month named, or a word such as `exclusive`.
_MONTH_NAME_RE = re.compile(
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December|May(?=\s+\d))\b"
)
_KEYWORD_RE = re.compile(r"\b(?:(?:non-)?exclusiv(?:e|ely|ity)|sole(?:ly)?|only|first|no longer)\b", re.IGNORECASE)


def check_coverage(
    article: Article, quotes: Iterable[QuoteCheck], explanations: Iterable[Explanation] = (),
) -> tuple[list[Sentence], list[Diagnostic]]:
    """The article's checkable sentences, each with the claims whose quote lies in it and its explanation;
    warnings for explanations that no longer locate one sentence."""
    spans = [(q.passage.start, q.passage.end, q.claim.ref) for q in quotes if q.found and q.passage]
    checkable: list[tuple[Passage, tuple[str, ...], str]] = []
    refs_of_text: dict[str, tuple[str, ...]] = {}  # a repeated sentence (a headline) is covered once quoted anywhere
    for start, end in split_sentences(article.text):
        facts = sentence_facts(article.text, start, end, article.figures)
        if not facts or len(WORD_RE.findall(article.text, start, end)) < MIN_SENTENCE_WORDS:
            continue
        refs = tuple(dict.fromkeys(ref for a, b, ref in spans if a < end and start < b))
        key = normalise(article.text[start:end])
        refs_of_text[key] = tuple(dict.fromkeys(refs_of_text.get(key, ()) + refs))
        checkable.append((article.passage(start, end), facts, key))
    explanation_of, stale = _match_explanations(explanations, [key for _p, _f, key in checkable], refs_of_text, article.path)
    sentences = [Sentence(passage, facts, refs_of_text[key], explanation_of.get(key)) for passage, facts, key in checkable]
    return sentences, stale


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
