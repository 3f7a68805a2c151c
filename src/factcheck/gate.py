"""What `factcheck check` fails on: the CI gate, as plain data.

    result = run_check(analysis, resolutions, resolution_problems)
    result.failed            # True: unreviewed contradictions, invalid files (or, strict, stale reviews)
    result.problems          # each located at a claim's line, most serious first

Only an unreviewed contradiction or an invalid file fails the check.
Conditions are warnings; superseded, revised and corroborated findings are not
problems. A review that no longer applies (its claims changed) or matches
nothing is a warning, an error with `strict`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Collection, Iterable

from .words import counted
from . import codes
from .dates import date_label
from .model import Analysis, Claim, Diagnostic, Finding, FindingKind, Resolution
from .report import Report
from .resolutions import ReviewState, match_reviews, review_diagnostics
from .rules.condition import qualifier

# Rule ids (SARIF `ruleId`) are the registered codes (codes.py): a finding's kind, or a diagnostic's code.
RULE_CONTRADICTION = codes.CONTRADICTION
RULE_CONDITION = codes.CONDITION
_REVIEW_WARNINGS = frozenset({codes.OUTDATED_REVIEW, codes.STALE_REVIEW})  # errors only with --strict

MAX_OTHERS = 3  # claims named in one message before "and N more"
REVIEW_HINT = ". Review it: "


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing to show a reviewer, at one place: `path:line:column`."""

    rule: str           # a registered code (codes.py)
    level: str          # "error", "warning", or "note" (a reviewed finding, shown in SARIF only)
    path: str
    line: int
    column: int
    title: str          # short, for an annotation's title
    message: str        # one line, names the other side's file:line
    finding: Finding | None = None
    claim: Claim | None = None          # the claim the problem is reported at
    related: tuple[Claim, ...] = ()     # the other claims involved
    detail: str = ""    # a finding's message without its leading "what" (its kind and id)

    def __str__(self) -> str:
        code = "" if self.finding is not None else f" [{self.rule}]"  # a finding's message names its kind
        return f"{self.path}:{self.line}:{self.column}: {self.level}: {self.message}{code}"

    def lint_line(self) -> str:
        """`file:line:column: code message`, as linters print it (`factcheck check`'s text format)."""
        if self.finding is not None:
            return f"{self.path}:{self.line}:{self.column}: {self.rule} {self.finding.id}: {self.detail}"
        return f"{self.path}:{self.line}:{self.column}: {self.rule} {self.message}"


@dataclass(frozen=True, slots=True)
class CheckResult:
    report: Report                       # command="check": in-scope contradictions and conditions
    state: ReviewState
    problems: tuple[Problem, ...]
    unresolved: tuple[Finding, ...]      # contradictions nobody reviewed (in scope)
    conditions: tuple[Finding, ...]      # unreviewed conditions (in scope)
    reviewed: tuple[Finding, ...]        # in-scope findings with a review that applies
    widened_by: tuple[Path, ...] = ()    # changed settings files that made pull-request mode judge everything

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level == "warning")

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def summary(self) -> str:
        file_errors = [p for p in self.errors if p.finding is None and p.rule not in _REVIEW_WARNINGS]
        other_errors = len(self.errors) - len(self.unresolved) - len(file_errors)
        parts = [counted(len(self.unresolved), "unresolved contradiction")]
        if file_errors:
            parts.append(f"{counted(len({p.path for p in file_errors}), 'invalid file')} "
                         f"({counted(len(file_errors), 'error')})")
        if other_errors:
            parts.append(counted(other_errors, "review error"))
        if self.warnings:
            parts.append(counted(len(self.warnings), "warning"))
        resolved = len(self.reviewed) - len(self.kept_open)
        if resolved:
            parts.append(f"{resolved} reviewed")
        if self.kept_open:
            parts.append(f"{len(self.kept_open)} kept open")
        verdict = "failed" if self.failed else "passed"
        return f"factcheck check {verdict}: {', '.join(parts)}"

    @property
    def kept_open(self) -> tuple[Finding, ...]:
        """Reviewed with the verdict `open`: they pass the check but are not resolved."""
        return tuple(f for f in self.reviewed if self.state.reviewed[f.id].left_open)

    def listed(self, conditions: bool = False) -> tuple[Problem, ...]:
        """What the text format lists: every problem, conditions only when asked (they never fail)."""
        return tuple(p for p in self.problems if conditions or p.rule != RULE_CONDITION)

    def lint_summary(self, listed: Iterable[Problem]) -> str:
        """One line under the listed problems: `2 problems: 1 unresolved contradiction, 1 invalid file
        (3 reviewed, 4 conditions)`. The counts in brackets are what is not listed."""
        listed = tuple(listed)
        parts = []
        for noun, found in _lint_kinds(listed):
            if noun == _INVALID_FILE:
                files = len({p.path for p in found})
                parts.append(counted(files, noun) if files == len(found)
                             else f"{counted(len(found), 'error')} in {counted(files, noun)}")
            else:
                parts.append(counted(len(found), noun))
        extras = []
        resolved = len(self.reviewed) - len(self.kept_open)
        if resolved:
            extras.append(f"{resolved} reviewed")
        if self.kept_open:
            extras.append(f"{len(self.kept_open)} kept open")
        if self.conditions and not any(p.rule == RULE_CONDITION for p in listed):
            extras.append(counted(len(self.conditions), "condition"))
        line = counted(len(listed), "problem") if listed else "no problems"
        if parts:
            line += ": " + ", ".join(parts)
        return line + (f" ({', '.join(extras)})" if extras else "")


_INVALID_FILE = "invalid file"


def _lint_kinds(problems: tuple[Problem, ...]) -> list[tuple[str, list[Problem]]]:
    """The problems by what the summary calls them, in its order."""
    named = {
        "unresolved contradiction": [p for p in problems if p.rule == RULE_CONTRADICTION and p.level == "error"],
        _INVALID_FILE: [p for p in problems if p.finding is None and p.rule not in _REVIEW_WARNINGS
                        and p.level == "error"],
        "outdated review": [p for p in problems if p.rule == codes.OUTDATED_REVIEW],
        "stale review": [p for p in problems if p.rule == codes.STALE_REVIEW],
        "file warning": [p for p in problems if p.finding is None and p.rule not in _REVIEW_WARNINGS
                         and p.level == "warning"],
        "condition": [p for p in problems if p.rule == RULE_CONDITION],
    }
    return [(noun, found) for noun, found in named.items() if found]




def run_check(
    analysis: Analysis,
    resolutions: Iterable[Resolution] = (),
    resolution_problems: Iterable[Diagnostic] = (),
    strict: bool = False,
    changed: Collection[Path] | None = None,
) -> CheckResult:
    """Judge an analysis against its reviews.

    `changed`: absolute, resolved paths of the files changed (pull-request
    mode); only findings involving a claim in one of them are judged, and
    each is reported at its newest claim in a changed file. File problems
    and review-file problems are always reported. A changed settings file
    (`_resolutions`, `_aliases`, `_settings`) can change any finding, so
    then every finding is judged, as the full check after the merge would.
    """
    widened_by = changed_settings(changed, analysis.corpus.root) if changed is not None else ()
    if widened_by:
        changed = None  # a settings file can change any finding's verdict: judge them all
    state = match_reviews(analysis.findings, resolutions)
    review_problems = review_diagnostics(state, strict)
    diagnostics = tuple(analysis.diagnostics) + tuple(resolution_problems) + tuple(review_problems)

    scope: dict[str, bool] = {}  # per file: resolving paths costs system calls

    def in_scope(claim: Claim) -> bool:
        if changed is None:
            return True
        path = claim.source.path
        if path not in scope:
            scope[path] = _resolved(path) in changed
        return scope[path]

    judged = tuple(
        f for f in analysis.findings
        if f.kind in (FindingKind.CONTRADICTION, FindingKind.CONDITION) and any(in_scope(c) for c in f.claims)
    )
    unresolved = tuple(f for f in judged if f.kind is FindingKind.CONTRADICTION and f.id not in state.reviewed)
    conditions = tuple(f for f in judged if f.kind is FindingKind.CONDITION and f.id not in state.reviewed)
    reviewed = tuple(f for f in judged if f.id in state.reviewed)

    report = Report(analysis, judged, diagnostics, dict(state.reviewed), command="check")
    problems = problems_of(report, state, in_scope)
    reviewed_problems = tuple((finding_problem(f, state), state.reviewed[f.id]) for f in reviewed)
    report = replace(report, problems=problems, reviewed_problems=reviewed_problems)
    return CheckResult(report, state, problems, unresolved, conditions, reviewed, widened_by)


# Settings files that change what check decides: which reviews apply, which names are the
# same, how values are compared. `_coverage.yaml` only changes `verify`.
CHECK_SETTINGS = ("_resolutions", "_aliases", "_settings")


def changed_settings(changed: Collection[Path], corpus_root: str) -> tuple[Path, ...]:
    """The corpus's own settings files among `changed` (they widen pull-request mode to everything)."""
    root = _resolved(corpus_root)
    if not root.is_dir():
        return ()
    return tuple(sorted(
        path for path in changed
        if path.parent == root and path.suffix in (".yaml", ".yml") and path.stem in CHECK_SETTINGS
    ))


def with_problems(report: Report) -> Report:
    """The report with the gate's problems attached, for a formatter that lists them (github, sarif)."""
    state = ReviewState(dict(report.resolutions), (), ())
    reviewed = tuple((finding_problem(f, state), report.resolution(f)) for f in report.findings
                     if report.resolution(f) is not None and f.kind in (FindingKind.CONTRADICTION, FindingKind.CONDITION))
    return replace(report, problems=problems_of(report, state), reviewed_problems=reviewed)


def problems_of(report: Report, state: ReviewState | None = None, in_scope=lambda claim: True) -> tuple[Problem, ...]:
    """The problems in a report: its unreviewed contradictions and conditions, and its diagnostics."""
    state = state or ReviewState(report.resolutions, (), ())
    problems: list[Problem] = []
    for finding in report.findings:
        if report.resolution(finding) is not None:
            continue
        if finding.kind is FindingKind.CONTRADICTION:
            problems.append(_contradiction(finding, state, in_scope))
        elif finding.kind is FindingKind.CONDITION:
            problems.append(_condition(finding, in_scope))
    problems = _say_when_shared(problems)
    problems.extend(_from_diagnostic(d) for d in report.diagnostics)
    problems.sort(key=lambda p: (p.level != "error", p.path, p.line, p.column, p.rule, p.message))
    return tuple(problems)


def _say_when_shared(problems: list[Problem]) -> list[Problem]:
    """Findings reported at one claim would read as one problem in an editor: each names the others."""
    at: dict[int, list[Problem]] = {}
    for problem in problems:
        at.setdefault(id(problem.claim), []).append(problem)
    shared = []
    for problem in problems:
        here = at[id(problem.claim)]
        if len(here) == 1:
            shared.append(problem)
            continue
        others = ", ".join(p.finding.id for p in here if p is not problem)
        note = f" (this claim is in {len(here)} findings; also {others})"
        shared.append(replace(problem, message=_before_hint(problem.message, note),
                              detail=_before_hint(problem.detail, note)))
    return shared


def _before_hint(text: str, note: str) -> str:
    """`note` goes before the closing `. Review it: …` hint, so the hint stays last."""
    body, hint, command = text.rpartition(REVIEW_HINT)
    return f"{body}{note}{hint}{command}" if hint else text + note


def _resolved(path: str) -> Path:
    return Path(os.path.abspath(path)).resolve()


def _recency(claim: Claim) -> tuple:
    date = claim.timeline_date
    return (date.end if date else -1, claim.ref)


def _anchor(finding: Finding, in_scope) -> Claim:
    """The newest claim, preferring one in a changed file (where a pull request's diff shows it)."""
    candidates = [c for c in finding.claims if in_scope(c)] or list(finding.claims)
    return max(candidates, key=_recency)


def _where(claim: Claim) -> str:
    line, _column = claim.position_of("value")
    date = claim.timeline_date
    return f"{claim.source.id} ({date_label(date)}) at {claim.source.path}:{line}"


def _others(finding: Finding, anchor: Claim) -> tuple[list[str], tuple[Claim, ...]]:
    """The claims on the other sides, each with the value IT states (not its side's usual wording)."""
    named: list[str] = []
    related: list[Claim] = []
    for position in finding.positions:
        if anchor in position.claims:
            continue
        for claim in position.claims:
            related.append(claim)
            if len(named) < MAX_OTHERS:
                named.append(f"{claim.value.display!r} in {_where(claim)}")
    if len(related) > MAX_OTHERS:
        named.append(f"and {len(related) - MAX_OTHERS} more")
    return named, tuple(related)


def finding_problem(finding: Finding, state: ReviewState | None = None, in_scope=lambda claim: True) -> Problem:
    """A contradiction or condition as a problem (a reviewed one too: its message says so)."""
    state = state or ReviewState({}, (), ())
    if finding.kind is FindingKind.CONTRADICTION:
        return _contradiction(finding, state, in_scope)
    return _condition(finding, in_scope, state.reviewed.get(finding.id))


def _contradiction(finding: Finding, state: ReviewState, in_scope) -> Problem:
    anchor = _anchor(finding, in_scope)
    named, related = _others(finding, anchor)
    line, column = anchor.position_of("value")
    review = state.reviewed.get(finding.id)
    what = f"contradiction {finding.id} (reviewed: {review.verdict})" if review else f"unresolved contradiction {finding.id}"
    detail = (
        f"{finding.subject} · {finding.property}: "
        f"{anchor.value.display!r} here ({anchor.source.id}, "
        f"{date_label(anchor.timeline_date)}) contradicts {'; '.join(named)}"
    )
    for old in state.outdated_reviews_of(finding):
        detail += (f". Its review {old.finding_id} at {old.path}:{old.line}:{old.column} no longer applies: "
                   "the claims changed")
    if review:
        return Problem(RULE_CONTRADICTION, "note", anchor.source.path, line, column,
                       f"Contradiction {finding.id} (reviewed)", f"{what}: {detail}", finding, anchor, related,
                       detail=detail)
    detail += f"{REVIEW_HINT}factcheck resolve {finding.id} --verdict VERDICT --note NOTE"
    return Problem(RULE_CONTRADICTION, "error", anchor.source.path, line, column,
                   f"Unresolved contradiction {finding.id}", f"{what}: {detail}", finding, anchor, related,
                   detail=detail)


def _condition(finding: Finding, in_scope, review: Resolution | None = None) -> Problem:
    anchor = _anchor(finding, in_scope)
    mine = next(p for p in finding.positions if anchor in p.claims)
    field = "condition" if anchor.condition else "until" if anchor.until else "value"
    line, column = anchor.position_of(field)
    others = [p for p in finding.positions if p is not mine]
    related = tuple(c for p in others for c in p.claims)
    named = [f"{qualifier(c) or 'no condition'!r} in {_where(c)}" for c in related[:MAX_OTHERS]]
    if len(related) > MAX_OTHERS:
        named.append(f"and {len(related) - MAX_OTHERS} more")
    theirs = "; ".join(named)
    what = f"condition {finding.id} (reviewed: {review.verdict})" if review else f"condition {finding.id}"
    detail = (
        f"{finding.subject} · {finding.property}: the sources agree on "
        f"{mine.value!r} but not on its terms: {mine.qualifier or 'no condition'!r} here vs {theirs}"
    )
    return Problem(RULE_CONDITION, "note" if review else "warning", anchor.source.path, line, column,
                   f"Condition differs {finding.id}", f"{what}: {detail}", finding, anchor, related,
                   detail=detail)


def _from_diagnostic(diagnostic: Diagnostic) -> Problem:
    level = "error" if diagnostic.is_error else "warning"
    return Problem(diagnostic.code, level, diagnostic.path, diagnostic.line, diagnostic.column,
                   codes.annotation_title(diagnostic.code), diagnostic.message)
