"""What the short listings show (`timeline`, `sources`, `topics`, `vocabulary`): plain, immutable
rows that a command builds from the analysis and a formatter lays out (formatters.listing)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .model import Claim, FindingKind, Source


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    claim: Claim
    topic: str      # of the claim's timeline, as the report names it
    subject: str
    property: str


@dataclass(frozen=True, slots=True)
class TimelineListing:
    subject: str                    # as asked
    property: str | None            # as asked; None: every property
    subjects: tuple[str, ...]       # the subjects that matched what was asked, sorted
    properties: tuple[str, ...]     # the properties kept when one was asked, sorted; else ()
    entries: tuple[TimelineEntry, ...]  # in date order
    approx_margin: float


@dataclass(frozen=True, slots=True)
class SourceRow:
    source: Source
    claims: int
    contradictions: int
    findings: int


@dataclass(frozen=True, slots=True)
class SourcesListing:
    rows: tuple[SourceRow, ...]     # oldest first, undated last
    claim_count: int


@dataclass(frozen=True, slots=True)
class TopicRow:
    name: str                       # the most used wording
    claims: int
    subjects: int
    sources: int
    findings: Mapping[FindingKind, int]


@dataclass(frozen=True, slots=True)
class TopicsListing:
    rows: tuple[TopicRow, ...]      # by name
    claim_count: int


@dataclass(frozen=True, slots=True)
class VocabularyProperty:
    property: str
    claims: int
    wordings: tuple[str, ...]       # most used first
    files: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VocabularySubject:
    subject: str
    wordings: tuple[str, ...]       # most used first
    claims: int
    properties: tuple[VocabularyProperty, ...]
