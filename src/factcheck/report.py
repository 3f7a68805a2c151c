"""What a formatter renders: an analysis, filtered, with reviews and problems.

Building a Report is pure: no printing, no exiting. The CLI builds one, picks
a formatter by name and decides the exit code.
"""

from __future__ import annotations

import functools
from operator import attrgetter
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from .words import counted
from .dates import PartialDate
from .model import Analysis, Claim, Diagnosed, Diagnostic, Finding, FindingKind, Resolution, Source, Timeline


@dataclass(frozen=True, slots=True)
class Filters:
    topics: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    kinds: tuple[FindingKind, ...] = ()
    since: PartialDate | None = None
    needs_review: bool = False  # only what needs a decision (see Report.needs_review)

    def subject_keys(self) -> frozenset[frozenset[str]]:
        """The --subject values as grouping compares them (`Acme Corp.` is `Acme`)."""
        return frozenset(_subject_key(s) for s in self.subjects)

    def keep(self, finding: Finding) -> bool:
        if self.kinds and finding.kind not in self.kinds:
            return False
        if not (self.topics or self.subjects or self.sources or self.since is not None):
            return True  # nothing else to filter by: no need to gather the finding's claims
        return self.keep_about(finding.topic, finding.subject, finding.claims)

    def keep_about(self, topic: str, subject: str, claims: Iterable[Claim]) -> bool:
        """The filters other than --kind, for anything about a topic and subject."""
        from .values.text import normalise

        if self.topics and normalise(topic) not in {normalise(t) for t in self.topics}:
            return False
        claims = tuple(claims)
        if self.subjects:
            wanted = {_subject_key(s) for s in self.subjects}
            # Any wording the group joined counts: `--subject "Vantor Energy"` finds a group shown as `Vantor`.
            if _subject_key(subject) not in wanted and not any(_subject_key(c.subject) in wanted for c in claims):
                return False
        if self.sources and not any(c.source.id in self.sources for c in claims):
            return False
        if self.since is not None and not any(_on_or_after(c, self.since) for c in claims):
            return False
        return True


def _subject_key(subject: str) -> frozenset[str]:
    """Subjects compare as grouping compares them: `Acme Corp.` is `Acme`."""
    return frozenset(_normaliser().name(subject, subject=True).words)


@functools.lru_cache(maxsize=1)
def _normaliser():
    from .matching import Normaliser  # rapidfuzz loads only when --subject is used

    return Normaliser()


def _on_or_after(claim: Claim, since: PartialDate) -> bool:
    date = claim.timeline_date
    return date is not None and date.end >= since.start


@dataclass(frozen=True, slots=True)
class Report(Diagnosed):
    analysis: Analysis
    findings: tuple[Finding, ...]
    diagnostics: tuple[Diagnostic, ...]
    resolutions: Mapping[str, Resolution] = field(default_factory=dict)
    command: str = "report"
    verbose: bool = False
    # Facts only one source reports: no finding, but not to be lost from the report.
    single_source: tuple[Timeline, ...] = ()
    # Superseded and revised findings by (subject, property), so lookups stay linear in the findings.
    changes: Mapping[tuple[str, str], tuple[Finding, ...]] = field(default_factory=dict)
    # Names that may be about the same thing, not matched (issue 18's `Analysis.possible_matches`,
    # when the analysis carries them): they need a decision too, after the contradictions.
    possible_matches: tuple = ()
    # The CI gate's verdict as data (gate.Problem records), attached by `gate.with_problems` or
    # `gate.run_check` for the formatters that list problems (github, sarif); None until then.
    problems: tuple | None = None
    reviewed_problems: tuple = ()  # (gate.Problem, Resolution) for reviewed findings: SARIF suppressions

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.analysis.corpus.sources

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self.analysis.corpus.claims

    def counts(self) -> dict[FindingKind, int]:
        counts = {kind: 0 for kind in FindingKind}
        for finding in self.findings:
            counts[finding.kind] += 1
        return counts

    def date_span(self) -> tuple[PartialDate, PartialDate] | None:
        dates = [s.published for s in self.sources if s.published is not None]
        return (min(dates, key=lambda d: d.start), max(dates, key=lambda d: d.end)) if dates else None

    def resolution(self, finding: Finding) -> Resolution | None:
        return self.resolutions.get(finding.id)

    def is_resolved(self, finding: Finding) -> bool:
        """Reviewed with a verdict that settles it: a review left `open` still needs a decision."""
        return needs_no_decision(self.resolution(finding))

    def needs_review(self) -> tuple[Finding, ...]:
        """What needs a decision, in the order to take it: unresolved contradictions, then conditions.

        Possible matches (`possible_matches`: names that may be about the
        same thing) come between the two; the formatters show them there.
        """
        return needing_review(self.findings, self.resolutions)

    def needs_review_counts(self) -> list[str]:
        """`1 contradiction`, `2 possible matches`, `4 conditions`: what needs a decision in the
        whole corpus, whatever the filters show."""
        waiting = needing_review(self.analysis.findings, self.resolutions)
        counts = {kind: sum(1 for f in waiting if f.kind is kind) for kind in FindingKind}
        parts = [kind.counted(n) for kind, n in counts.items() if n]
        matches = len(getattr(self.analysis, "possible_matches", ()))
        if matches:
            parts.insert(1 if counts[FindingKind.CONTRADICTION] else 0,
                         counted(matches, "possible match", "possible matches"))
        return parts

    def replaced_by(self, finding: Finding) -> Finding | None:
        """For agreeing claims that a later change or revision replaced: the superseded or
        revised finding that says so (spec §4).

        Every dated claim of the corroboration stands in an older position of that
        finding. Undated claims cannot be ordered, so they stand in no timeline; they
        agree with the replaced value and do not keep it current.
        """
        if finding.kind is not FindingKind.CORROBORATED:
            return None
        changes = self.changes.get((finding.subject, finding.property))
        if not changes:  # most names: nothing changed (no need to date the claims)
            return None
        dated = [c for c in finding.claims if c.timeline_date is not None]
        if not dated:
            return None
        for other in changes:
            older = {id(c) for p in other.positions[:-1] for c in p.claims}
            if all(id(c) in older for c in dated):
                return other
        return None


REVIEWABLE = (FindingKind.CONTRADICTION, FindingKind.CONDITION)


def needs_no_decision(resolution: Resolution | None) -> bool:
    return resolution is not None and not resolution.left_open


def needing_review(findings: Iterable[Finding], resolutions: Mapping[str, Resolution]) -> tuple[Finding, ...]:
    waiting = [f for f in findings if f.kind in REVIEWABLE and not needs_no_decision(resolutions.get(f.id))]
    return tuple(sorted(waiting, key=lambda f: f.kind.rank))  # stable: each kind keeps the report's order


def build_report(
    analysis: Analysis,
    filters: Filters = Filters(),
    resolutions: Iterable[Resolution] = (),
    extra_diagnostics: Iterable[Diagnostic] = (),
    command: str = "report",
    verbose: bool = False,
) -> Report:
    reviews = {r.finding_id: r for r in resolutions}
    findings = tuple(filter(filters.keep, analysis.findings)) if filters != _NO_FILTERS else tuple(analysis.findings)
    if filters.needs_review:
        waiting = {id(f) for f in needing_review(findings, reviews)}
        findings = tuple(f for f in findings if id(f) in waiting)
    diagnostics = tuple(analysis.diagnostics) + tuple(extra_diagnostics)
    changes: dict[tuple[str, str], list[Finding]] = {}
    for finding in analysis.findings:
        if finding.kind in _TIMELINE_KINDS:
            changes.setdefault((finding.subject, finding.property), []).append(finding)
    # Possible matches belong to no topic, subject or date: shown unfiltered, or with --needs-review only.
    narrowed = filters.topics or filters.subjects or filters.sources or filters.kinds or filters.since
    matches = () if narrowed else tuple(getattr(analysis, "possible_matches", ()))
    return Report(analysis, findings, diagnostics, reviews, command, verbose,
                  single_source_facts(analysis, filters), {key: tuple(v) for key, v in changes.items()}, matches)


_NO_FILTERS = Filters()
_TIMELINE_KINDS = frozenset(kind for kind in FindingKind if kind.is_timeline)
_SOURCE_ID = attrgetter("source.id")


def single_source_facts(analysis: Analysis, filters: Filters = Filters()) -> tuple[Timeline, ...]:
    """Subjects and properties that only one source speaks of (so no finding covers them)."""
    if filters.kinds or filters.needs_review:
        return ()
    one_source = [t for t in analysis.timelines if len(set(map(_SOURCE_ID, t.claims))) == 1]  # in C: 0.1 s at 100k
    about = {(t.subject, t.property) for t in one_source}  # only their findings' claims need looking at
    in_findings = {id(c) for f in analysis.findings if (f.subject, f.property) in about for c in f.claims}
    return tuple(
        t for t in one_source
        if not any(id(c) in in_findings for c in t.claims)
        and filters.keep_about(t.topic, t.subject, t.claims)
    )
