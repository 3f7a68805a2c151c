"""What the human-facing reports show, decided once for text, Markdown and HTML.

Each of those formatters draws the same things in its own medium: the topics
and their order, the counts by kind (and how many of them are reviewed), what
needs a decision, the dates shown beside a claim and the qualifiers of a
position. Those decisions live here, as plain data (no rich, no markup, no
escaping: each formatter makes the strings safe for its medium), so the
formats cannot disagree about them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..dates import date_label
from ..model import Claim, Finding, FindingKind, Position, Resolution, Timeline
from ..report import Report

NO_CONDITION = "no condition stated"
REVISED = "revised"  # every figure of a revised finding but the latest


# --- the header ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KindCount:
    """How many findings of a kind the report shows, and how many of them a reviewer settled
    (`resolved`) or reviewed and left open (`left_open`: it still needs a decision)."""

    kind: FindingKind
    count: int
    resolved: int
    left_open: int

    @property
    def reviewed(self) -> int:
        return self.resolved + self.left_open

    @property
    def notes(self) -> list[str]:
        """`1 resolved`, `2 open`: only those that are not zero."""
        return [f"{n} {word}" for n, word in ((self.resolved, "resolved"), (self.left_open, "open")) if n]


def kind_counts(report: Report) -> list[KindCount]:
    """Every kind, most serious first, with its count and reviews."""
    resolved = {kind: 0 for kind in FindingKind}
    left_open = {kind: 0 for kind in FindingKind}
    for finding in report.findings:
        resolution = report.resolution(finding)
        if resolution is None:
            continue
        if resolution.left_open:
            left_open[finding.kind] += 1
        else:
            resolved[finding.kind] += 1
    counts = report.counts()
    return [KindCount(kind, counts[kind], resolved[kind], left_open[kind]) for kind in FindingKind]


def summary_counts(report: Report) -> list[KindCount]:
    """The kinds a header names (`revised` only when there is one)."""
    return [row for row in kind_counts(report) if row.kind.in_summary(row.count)]


@dataclass(frozen=True, slots=True)
class Published:
    """When the sources were published: the first and last date (None when none is dated)
    and how many sources carry no date."""

    first: str | None
    last: str | None
    undated: int


def published(report: Report) -> Published:
    span = report.date_span()
    undated = sum(1 for s in report.sources if s.published is None)
    if span is None:
        return Published(None, None, undated)
    return Published(span[0].label, span[1].label, undated)


@dataclass(frozen=True, slots=True)
class Shown:
    """What the header says besides the counts: review and filter figures."""

    review_counts: list[str]  # `1 contradiction`, `2 possible matches`: in the whole corpus
    review_shown: int         # of those, how many this (filtered) report shows
    shown: int                # findings shown
    total: int                # findings in the corpus
    possible_matches: int     # names that may be the same, not matched

    @property
    def filtered(self) -> bool:
        return self.shown != self.total


def shown(report: Report) -> Shown:
    return Shown(report.needs_review_counts(), len(report.needs_review()) + len(report.possible_matches),
                 len(report.findings), len(report.analysis.findings), len(report.analysis.possible_matches))


# --- what needs a decision, and the topics ---------------------------------------------------------


def review_queue(report: Report) -> tuple[Finding, ...]:
    """What needs a decision, in the order to take it (the report's own definition)."""
    return report.needs_review()


def review_state(resolution: Resolution | None) -> str:
    """`not reviewed`, or `left open on DATE` for a review that did not settle it."""
    return "not reviewed" if resolution is None else f"left open on {resolution.date}"


@dataclass(frozen=True, slots=True)
class Section:
    """A topic's section: its findings in report order and the facts only one source reports."""

    topic: str
    findings: tuple[Finding, ...]
    single_source: tuple[Timeline, ...]

    def folded(self, verbose: bool) -> tuple[list[Finding], list[Finding]]:
        """(shown in full, folded to one line): corroborations fold unless verbose."""
        if verbose:
            return list(self.findings), []
        full = [f for f in self.findings if f.kind is not FindingKind.CORROBORATED]
        return full, [f for f in self.findings if f.kind is FindingKind.CORROBORATED]


def topic_order(findings: Iterable[Finding]) -> list[str]:
    """Topics, the one with the most serious finding first, then by name."""
    rank: dict[str, int] = {}
    for finding in findings:
        rank[finding.topic] = min(rank.get(finding.topic, 99), finding.kind.rank)
    return sorted(rank, key=lambda name: (rank[name], name.casefold(), name))


def sections(report: Report, findings: Iterable[Finding]) -> list[Section]:
    """A section per topic of `findings`, then one per topic that has only single-source facts."""
    by_topic: dict[str, list[Finding]] = {}
    for finding in findings:
        by_topic.setdefault(finding.topic, []).append(finding)
    single: dict[str, list[Timeline]] = {}
    for fact in report.single_source:
        single.setdefault(fact.topic, []).append(fact)
    names = topic_order(f for group in by_topic.values() for f in group)
    names += sorted((t for t in single if t not in by_topic), key=str.casefold)
    return [Section(name, tuple(by_topic.get(name, ())), tuple(single.get(name, ()))) for name in names]


def sections_after_review(report: Report) -> list[Section]:
    """Text and Markdown list what needs review first; the topics follow with the rest."""
    waiting = {id(f) for f in review_queue(report)}
    return sections(report, (f for f in report.findings if id(f) not in waiting))


# --- a finding's positions and claims --------------------------------------------------------------


def position_qualifier(finding: Finding, position: Position) -> str | None:
    """Condition findings: what this side states, or NO_CONDITION. Revised findings: REVISED
    for every figure but the latest. Other kinds: None."""
    if finding.kind is FindingKind.REVISED:
        return REVISED if position is not finding.positions[-1] else None
    if finding.kind is not FindingKind.CONDITION:
        return None
    return position.qualifier or NO_CONDITION


def claim_qualifier(claim: Claim) -> str | None:
    """`until 2030; if approved`: what limits a claim, or None."""
    parts = []
    if claim.until is not None:
        parts.append(f"until {claim.until.label}")
    if claim.condition:
        parts.append(claim.condition)
    return "; ".join(parts) or None


def claim_when(claim: Claim) -> list[str]:
    """The dates a claim states besides its source's: `as of …`, `since …`, that it revises."""
    when = []
    if claim.as_of is not None and claim.as_of != claim.source.published:
        when.append(f"as of {claim.as_of.label}")
    if claim.since is not None:
        when.append(f"since {claim.since.label}")
    if claim.revises:
        when.append("revises an earlier figure")
    return when


def single_source_when(claim: Claim) -> str:
    """A single-source fact's date: `since …`, or when it held."""
    return f"since {claim.since.label}" if claim.since else date_label(claim.effective_as_of)


def timeline_date(claim: Claim, kind: FindingKind) -> str:
    """A revision: when each figure was published; a change: when each value held."""
    if kind is FindingKind.REVISED:
        return date_label(claim.source.published)
    return date_label(claim.timeline_date)
