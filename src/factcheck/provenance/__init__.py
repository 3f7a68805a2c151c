"""Check claims against the articles they were curated from (`factcheck verify`).

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

The modules, in the order the work flows:
    articles.py      where an article file is, its text, prepared once (normalised, figures found)
    figures.py       numbers and dates in free text; does the article state a claim's figure
    quotes.py        a claim's quote in the article
    coverage.py      checkable sentences, which claims cover them, which are explained
    verification.py  verify(): each article read once, its claims checked, problems gathered
    ..verify_results what verify returns: plain immutable data (outside, for the formatters)

`verify` receives a loaded corpus; nothing here loads one, prints or exits:
problems are Diagnostics.
"""

from __future__ import annotations

from .articles import Article, locate_article, normalise, normalise_with_offsets, without_leading_comments
from .coverage import MIN_SENTENCE_WORDS, WORD_RE, check_coverage, sentence_facts, split_sentences
from .figures import Mention, claim_figures, figure_found, find_figures, spelled_numbers
from .quotes import QUOTE_THRESHOLD, find_quote
from ..verify_results import ArticleCheck, FigureCheck, Passage, QuoteCheck, QuoteStatus, Sentence, Verification
from .verification import check_article, verify

__all__ = [
    "MIN_SENTENCE_WORDS", "QUOTE_THRESHOLD", "WORD_RE", "Article", "ArticleCheck", "FigureCheck", "Mention",
    "Passage", "QuoteCheck", "QuoteStatus", "Sentence", "Verification", "check_article", "check_coverage",
    "claim_figures", "figure_found", "find_figures", "find_quote", "locate_article", "normalise",
    "normalise_with_offsets", "sentence_facts", "spelled_numbers", "split_sentences", "verify",
    "without_leading_comments",
]
