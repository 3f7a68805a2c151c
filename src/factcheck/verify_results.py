"""What `verify` (factcheck.provenance) finds: plain, immutable results (no printing, no exiting).

Outside the provenance package, so formatters can name these types without importing the
article reader."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .explanations import Explanation
from .model import Claim, Diagnosed, Diagnostic, Source


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
class Verification(Diagnosed):
    root: str
    articles: tuple[ArticleCheck, ...]
    unverifiable: tuple[Source, ...]   # sources without `text:`
    source_count: int                  # valid sources in the corpus
    claim_count: int
    diagnostics: tuple[Diagnostic, ...]

    @property
    def quotes(self) -> tuple[QuoteCheck, ...]:
        return tuple(q for a in self.articles for q in a.quotes)

    @property
    def figures(self) -> tuple[FigureCheck, ...]:
        return tuple(f for a in self.articles for f in a.figures)
