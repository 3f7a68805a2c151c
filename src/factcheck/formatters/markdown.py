"""`--format markdown`: the report for an issue or a pull-request comment.

GitHub-flavoured Markdown: a heading per topic, a table per finding (one row
per claim), corroborated findings folded into a list unless verbose, and the
problems in a code block at the end.

Claim text is data. `inline` (textsafe.markdown) makes any string safe inside
a paragraph, a list item or a table cell: control characters become visible
escapes, Markdown and HTML syntax is backslash-escaped (no tags, links,
images, emphasis, math or broken tables), and a zero-width space defuses what
GitHub links after rendering (URLs, e-mail addresses, @mentions, #12 and GH-12
references, :emoji:, commit hashes).
"""

from __future__ import annotations

import re

from ..words import counted
from ..model import Claim, Diagnostic, Finding, FindingKind, Resolution
from ..dates import date_label
from ..report import OPEN_VERDICT, Report
from ..rules.relations import when_key
from ..textsafe import markdown, markdown_code, visible
from . import RenderOptions

# How a corroboration reads when a later change or revision replaced its value.
REPLACED = {FindingKind.SUPERSEDED: "superseded later", FindingKind.REVISED: "revised later"}

KIND_TITLE = {
    FindingKind.CONTRADICTION: "Contradiction",
    FindingKind.CONDITION: "Condition",
    FindingKind.SUPERSEDED: "Superseded",
    FindingKind.REVISED: "Revised",
    FindingKind.CORROBORATED: "Corroborated",
}


inline = markdown  # any untrusted string, literal in one line of GitHub Markdown
code = markdown_code  # an inline code span that no backtick in the text can close early


def code_block(lines: list[str]) -> list[str]:
    longest = max((len(run) for line in lines for run in re.findall(r"`{3,}", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence, *lines, fence]


def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    verbose = options.verbose or report.verbose
    lines: list[str] = ["## factcheck report", ""]
    lines += header(report)
    if not report.findings:
        lines += ["", "No findings match the filters." if report.analysis.findings else "No findings."]
    # What needs a decision comes first; the rest follows by topic.
    waiting = report.needs_review()
    matches = possible_match_items(report)
    if waiting or matches:
        lines += ["", "### Needs review"]
        for finding in waiting:
            if finding.kind is FindingKind.CONDITION and matches:  # possible matches go before conditions
                lines += matches
                matches = []
            lines += [""] + finding_section(finding, report.resolution(finding), show_topic=True)
        lines += matches
    shown = {id(f) for f in waiting}
    topics: dict[str, list[Finding]] = {}
    for finding in report.findings:
        if id(finding) not in shown:
            topics.setdefault(finding.topic, []).append(finding)
    single: dict[str, list[str]] = {}
    for fact in report.single_source:
        single.setdefault(fact.topic, []).extend(single_source_item(fact, claim) for claim in fact.claims)
    for topic in sorted(single, key=str.casefold):
        topics.setdefault(topic, [])
    for topic, findings in topics.items():
        lines += ["", f"### {inline(topic)}"]
        folded = [] if verbose else [f for f in findings if f.kind is FindingKind.CORROBORATED]
        for finding in findings:
            if verbose or finding.kind is not FindingKind.CORROBORATED:
                lines += [""] + finding_section(finding, report.resolution(finding))
        if folded:
            lines += ["", "#### Corroborated", ""]
            lines += [corroborated_item(f, report.resolution(f), report.replaced_by(f)) for f in folded]
        if topic in single:
            lines += ["", "#### One source only", ""] + single[topic]
    if report.diagnostics:
        lines += ["", "### Problems", ""]
        lines += code_block([diagnostic_line(d) for d in report.errors + report.warnings])
    return "\n".join(lines) + "\n"


def header(report: Report) -> list[str]:
    sources, claims = len(report.sources), len(report.claims)
    corpus = f"**{counted(sources, 'source')} · {counted(claims, 'claim')}**"
    span = report.date_span()
    if span is not None:
        first, last = span
        corpus += (f" · published {inline(first.label)}" if first == last
                   else f" · published {inline(first.label)} to {inline(last.label)}")
    undated = sum(1 for s in report.sources if s.published is None)
    if undated:
        corpus += f", {undated} undated" if span is not None else f" · {undated} undated"
    counts = report.counts()
    summary = []
    for kind in (k for k in FindingKind if k.in_summary(counts[k])):
        text = kind.counted(counts[kind])
        resolved = sum(1 for f in report.findings if f.kind is kind and report.is_resolved(f))
        kept_open = sum(1 for f in report.findings if f.kind is kind and report.resolution(f) is not None
                        and not report.is_resolved(f))
        notes = [f"{n} {word}" for n, word in ((resolved, "resolved"), (kept_open, "open")) if n]
        if notes:
            text += f" ({', '.join(notes)})"
        summary.append(f"**{text}**" if kind is FindingKind.CONTRADICTION and counts[kind] else text)
    lines = [corpus, "", " · ".join(summary)]
    waiting_counts = report.needs_review_counts()  # in the corpus, whatever the filters show
    shown = len(report.needs_review()) + len(report.possible_matches)
    filtered = f" ({shown} shown)" if len(report.findings) != total_findings(report) else ""
    lines += ["", f"**Needs review: {', '.join(waiting_counts)}.**{filtered}" if waiting_counts
              else "Nothing needs review."]
    possible = len(report.analysis.possible_matches)
    if possible:
        lines += ["", f"{counted(possible, 'possible match', 'possible matches')} not made: {code('factcheck matches')}"]
    total = len(report.analysis.findings)
    if len(report.findings) != total:
        lines += ["", f"Showing {len(report.findings)} of {counted(total, 'finding')} (filtered)."]
    errors, warnings = len(report.errors), len(report.warnings)
    if errors or warnings:
        parts = [f"{counted(errors, 'error')}"] if errors else []
        parts += [f"{counted(warnings, 'warning')}"] if warnings else []
        lines += ["", f"**{', '.join(parts)}** in the claim files (listed at the end)."]
    return lines


def total_findings(report: Report) -> int:
    return len(report.analysis.findings)


def finding_section(finding: Finding, resolution: Resolution | None, show_topic: bool = False) -> list[str]:
    title = f"#### {KIND_TITLE[finding.kind]}: {inline(finding.subject)} · {inline(finding.property)}"
    if resolution is not None:
        title += " (left open)" if resolution.verdict == OPEN_VERDICT else " (resolved)"
    lines = [title, "", code(finding.id) + (f" · topic: {inline(finding.topic)}" if show_topic else "")]
    if finding.note:
        lines += ["", f"Note: {inline(finding.note)}"]
    if resolution is not None:
        lines += ["", resolution_line(resolution)]
    condition = finding.kind is FindingKind.CONDITION
    headings = ["Value"] + (["Condition"] if condition else []) + ["Source", "Date", "Statement"]
    lines += ["", "| " + " | ".join(headings) + " |", "|" + "---|" * len(headings)]
    for pos in finding.positions:
        revised = finding.kind is FindingKind.REVISED and pos is not finding.positions[-1]
        for claim in pos.claims:
            cells = [f"**{inline(pos.value)}**" + (" *(revised)*" if revised else "")]
            if condition:
                cells.append(inline(pos.qualifier) if pos.qualifier else "*no condition stated*")
            cells += [inline(claim.source.outlet), claim_dates(claim), statement(claim, not condition)]
            lines.append("| " + " | ".join(cells) + " |")
    if finding.kind.is_timeline:
        lines += ["", "Timeline: " + timeline(finding)]
    return lines


def possible_match_items(report: Report) -> list[str]:
    """Names that may be about the same thing (issue 18): one section each, with how to decide."""
    lines: list[str] = []
    for match in report.possible_matches:
        lines += ["", f"#### Possible match ({inline(match.kind)}): {inline(match.names[0])} / {inline(match.names[1])}",
                  "", f"{code(match.id)} · score {match.score:g}", ""]
        lines += [f"- {inline(what)}: {inline(how)}" for what, how in match.evidence]
        lines += ["", f"Accept: {code(f'factcheck matches --accept {match.id}')}; "
                      f"dismiss: {code(f'factcheck matches --dismiss {match.id}')}"]
    return lines


def claim_dates(claim: Claim) -> str:
    published = claim.source.published
    parts = [date_label(published)]
    if claim.as_of is not None and claim.as_of != published:
        parts.append(f"as of {claim.as_of.label}")
    if claim.since is not None:
        parts.append(f"since {claim.since.label}")
    if claim.revises:
        parts.append("revises an earlier figure")
    return inline(", ".join(parts))


def statement(claim: Claim, show_qualifier: bool) -> str:
    text = inline(claim.statement)
    if claim.attribution:
        text = f"*according to {inline(claim.attribution)}:* {text}"
    qualifiers = ([f"until {claim.until.label}"] if claim.until else []) + ([claim.condition] if claim.condition else [])
    if show_qualifier and qualifiers:
        text += f" *({inline('; '.join(qualifiers))})*"
    return text


def timeline(finding: Finding) -> str:
    rows = sorted(((when_key(c, finding.kind), c.ref, c, c.value.display) for p in finding.positions for c in p.claims),
                  key=lambda row: row[:2])
    steps = []
    for _key, _ref, claim, value in rows:
        # a revision: when each figure was published; a change: when each value held
        date = claim.source.published if finding.kind is FindingKind.REVISED else claim.since or claim.effective_as_of
        steps.append(f"{inline(date_label(date))}: **{inline(value)}** ({inline(claim.source.outlet)})")
    return " → ".join(steps)


def resolution_line(resolution: Resolution) -> str:
    if resolution.verdict == OPEN_VERDICT:  # reviewed, not resolved: it still needs a decision
        line = "**Left open**"
    else:
        line = f"**Resolved: {inline(resolution.verdict)}**"
    if resolution.source:
        line += f" (wrong source: {inline(resolution.source)})"
    if resolution.by:
        line += f" by {inline(resolution.by)}"
    if resolution.date:
        line += f" on {inline(resolution.date)}"
    if resolution.note:
        line += f": {inline(resolution.note)}"
    return line


def corroborated_item(finding: Finding, resolution: Resolution | None, later: Finding | None = None) -> str:
    outlets = ", ".join(dict.fromkeys(inline(c.source.outlet) for c in finding.claims))
    item = (f"- {inline(finding.subject)} · {inline(finding.property)}: **{inline(finding.positions[0].value)}**"
            f" ({outlets}) {code(finding.id)}")
    if resolution is not None:
        item += " left open" if resolution.verdict == OPEN_VERDICT else f" resolved: {inline(resolution.verdict)}"
    if later is not None:
        item += f"; {REPLACED[later.kind]} ({code(later.id)})"
    return item


def single_source_item(fact, claim: Claim) -> str:
    when = f"since {claim.since.label}" if claim.since else date_label(claim.effective_as_of)
    return (f"- {inline(fact.subject)} · {inline(fact.property)}: **{inline(claim.value.display)}**"
            f" ({inline(claim.source.outlet)}, {inline(when)})")


def diagnostic_line(diagnostic: Diagnostic) -> str:
    prefix = "" if diagnostic.is_error else "warning: "
    return visible(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {prefix}{diagnostic.coded_message}")
