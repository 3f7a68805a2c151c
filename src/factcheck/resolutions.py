"""Reviews of findings: `claims/_resolutions.yaml`.

A reviewed finding is recorded by id, with a verdict, a note, who and when:

    resolutions:
      - id: con-683ca3138e
        verdict: superseded          # superseded | source-error | both-hold | open
        note: The April rewrite ended exclusivity; the older claims were true when made.
        by: Jane Doe
        date: 2026-11-22
        claims: [daily-2026/lic, blog/lic]   # written by `factcheck resolve`
      - id: con-a070929be8
        verdict: source-error
        source: blog                 # with source-error: the source that is wrong
        note: ...
        by: ...
        date: ...

`claims` records which claims were reviewed, so that when a claim changes
(and with it the finding's id) `check` can say which review no longer applies.

- `match_reviews` applies reviews to findings by id; a review whose id is
  gone is *outdated* when an unreviewed finding now involves its recorded
  claims (named as the finding that replaces it), else *stale*.

Writing a review into the file is `reviewfile.py`'s (the YAML text editor);
this module only reads reviews and applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from . import codes
from .dates import DateError, parse_date
from .model import Corpus, Diagnostic, Finding, Resolution, Severity
from .settingsfile import EntryReader
from . import verdicts
from .verdicts import VERDICTS
from .yamlread import SCALAR, SEQ, Node

RESOLUTIONS_FILE = "_resolutions.yaml"
ENTRY_FIELDS = ("id", "verdict", "note", "by", "date", "source", "claims")
REQUIRED_FIELDS = ("id", "verdict", "note", "by", "date")


def read_resolutions(corpus: Corpus) -> tuple[list[Resolution], list[Diagnostic]]:
    """The reviews recorded in the corpus's `_resolutions.yaml`, with any problems in it."""
    entry = corpus.settings_files.get(RESOLUTIONS_FILE) or corpus.settings_files.get("_resolutions.yml")
    if entry is None:
        return [], []
    path, tree = entry  # type: ignore[misc]
    return parse_resolutions(path, tree)


def parse_resolutions(path: str, tree: Node | None) -> tuple[list[Resolution], list[Diagnostic]]:
    reader = EntryReader(path, codes.BAD_RESOLUTION)
    problem = reader.problem
    found: list[Resolution] = []
    seen: dict[str, Resolution] = {}
    for entry in reader.entries(tree, "resolutions", known=ENTRY_FIELDS, required=REQUIRED_FIELDS,
                                texts=("id", "verdict", "note", "by", "date", "source")):
        where, node, fields, values, ok = entry.where, entry.node, entry.fields, entry.texts, entry.ok
        verdict = values.get("verdict")
        if verdict is not None and verdict not in VERDICTS:
            node_v = fields["verdict"][1]
            problem(node_v, f"{where}.verdict: {verdict!r} is not a verdict; choose from {', '.join(VERDICTS)}")
            ok = False
        if "date" in values:
            try:
                parse_date(values["date"])
            except DateError as error:
                problem(fields["date"][1], f"{where}.date: {error}")
                ok = False
        if verdict == verdicts.SOURCE_ERROR and not values.get("source"):
            problem(node, f"{where}: a source-error verdict names the wrong source with 'source:'")
            ok = False
        claims: tuple[str, ...] = ()
        if "claims" in fields:
            claims_node = fields["claims"][1]
            if claims_node.kind != SEQ or any(item.kind != SCALAR for item in claims_node.value):
                problem(claims_node, f"{where}.claims: expected a list of claim refs (source-id/claim-id)")
                ok = False
            else:
                claims = tuple(item.text for item in claims_node.value)
        if not ok:
            continue
        resolution = Resolution(
            finding_id=str(values["id"]), verdict=str(verdict), note=str(values["note"]),
            by=str(values["by"]), date=str(values["date"]), path=path, line=node.line,
            column=node.column, source=values.get("source"), claims=claims,  # type: ignore[arg-type]
        )
        first = seen.get(resolution.finding_id)
        if first is not None:
            problem(fields["id"][1], f"{where}.id: '{resolution.finding_id}' is already reviewed at line {first.line}")
            continue
        seen[resolution.finding_id] = resolution
        found.append(resolution)
    return found, reader.problems


# --- matching reviews to findings ------------------------------------------


@dataclass(frozen=True, slots=True)
class Outdated:
    """A review whose claims changed: its id is gone, `finding` now covers those claims."""

    resolution: Resolution
    finding: Finding


@dataclass(frozen=True, slots=True)
class ReviewState:
    """How the recorded reviews line up with the current findings."""

    reviewed: Mapping[str, Resolution]      # finding id -> the review that applies to it
    outdated: tuple[Outdated, ...]          # reviews whose claims changed
    stale: tuple[Resolution, ...]           # reviews that match nothing

    def outdated_reviews_of(self, finding: Finding) -> list[Resolution]:
        """The old reviews whose claims this finding now covers."""
        return [o.resolution for o in self.outdated if o.finding.id == finding.id]


def match_reviews(findings: Iterable[Finding], resolutions: Iterable[Resolution]) -> ReviewState:
    """Apply reviews to findings by id; explain the ones that no longer apply.

    A review whose id matches no finding is *outdated* when it recorded its
    claims and an unreviewed finding now involves some of them (the claims
    changed, so the id did); the finding sharing the most of those claims is
    named, preferring one of the same kind. Otherwise it is *stale*.
    """
    findings = list(findings)
    by_id = {f.id: f for f in findings}
    reviewed: dict[str, Resolution] = {}
    unmatched: list[Resolution] = []
    for resolution in resolutions:
        if resolution.finding_id in by_id:
            reviewed[resolution.finding_id] = resolution
        else:
            unmatched.append(resolution)
    refs_of = {f.id: {c.ref for c in f.claims} for f in findings}
    outdated: list[Outdated] = []
    stale: list[Resolution] = []
    for resolution in unmatched:
        recorded = set(resolution.claims)
        kind_prefix = resolution.finding_id.split("-", 1)[0]
        best: tuple | None = None
        for finding in findings:
            if finding.id in reviewed:
                continue
            shared = len(recorded & refs_of[finding.id])
            if not shared:
                continue
            key = (-shared, finding.id.split("-", 1)[0] != kind_prefix, finding.kind.rank, finding.id)
            if best is None or key < best[0]:
                best = (key, finding)
        if best is None:
            stale.append(resolution)
        else:
            outdated.append(Outdated(resolution, best[1]))
    return ReviewState(reviewed, tuple(outdated), tuple(stale))


def review_diagnostics(state: ReviewState, strict: bool = False) -> list[Diagnostic]:
    """Outdated and stale reviews, located at their entries: warnings, or errors when strict."""
    severity = Severity.ERROR if strict else Severity.WARNING
    found: list[Diagnostic] = []
    for item in state.outdated:
        old, new = item.resolution, item.finding
        found.append(Diagnostic(
            old.path, old.line, old.column, codes.OUTDATED_REVIEW,
            f"the review of {old.finding_id} no longer applies: its claims changed, and they are now in "
            f"{new.kind.value} {new.id}; review that one (factcheck resolve {new.id} replaces this entry)",
            severity,
        ))
    for old in state.stale:
        found.append(Diagnostic(
            old.path, old.line, old.column, codes.STALE_REVIEW,
            f"the review of {old.finding_id} matches no finding (its claims were removed or no longer disagree); "
            "delete this entry",
            severity,
        ))
    return sorted(found, key=lambda d: (d.path, d.line, d.column))
