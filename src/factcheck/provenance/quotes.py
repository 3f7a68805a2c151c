"""Finding quotes: a claim's `quote` in its article, exactly, normalised or fuzzily."""

from __future__ import annotations

import re

from .. import codes
from ..model import Diagnostic
from .articles import Article, normalise
from ..verify_results import Passage, QuoteCheck, QuoteStatus

QUOTE_THRESHOLD = 90.0   # partial_ratio (0-100) over normalised text for a fuzzy quote match
MIN_FUZZY_CHARS = 12     # shorter quotes must match exactly once normalised: a few letters match anywhere
PASSAGE_MAX_CHARS = 160  # the closest passage shown for a missing quote

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


def missing_quote(check: QuoteCheck, article_path: str) -> Diagnostic:
    claim = check.claim
    line, column = claim.position_of("quote")
    message = f"{claim.ref}: quote {claim.quote!r} not found in {article_path}"
    if check.passage is not None:
        why = "but its numbers differ" if check.score >= QUOTE_THRESHOLD else f"needs {QUOTE_THRESHOLD:.0f}"
        message += (f"; closest passage (score {check.score:.0f}, {why}) at "
                    f"{article_path}:{check.passage.line}:{check.passage.column}: {check.passage.text!r}")
    return Diagnostic(claim.source.path, line, column, codes.QUOTE_MISSING, message)
