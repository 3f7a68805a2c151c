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
from functools import partial
from typing import Callable, Iterator

from ..words import counted
from ..model import Claim, Diagnostic, Finding, FindingKind, Resolution
from ..dates import date_label
from ..report import Report
from ..rules.relations import when_key
from ..textsafe import markdown, markdown_code, visible
from . import RenderOptions, gathered, presentation
from .shares import Block, written

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
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions = RenderOptions()) -> Iterator[str]:
    """The report in pieces, a finding or a section at a time: a large one is never held whole; its
    last blocks written by children on idle CPUs (`shares`)."""
    return gathered(written(list(blocks(report, options.verbose or report.verbose))))


def blocks(report: Report, verbose: bool) -> Iterator[Block]:
    """Each block in order: its weight (about the claims it shows) and a function that writes it."""
    def block(weight: int, lines: Callable[..., list[str]], *args) -> Block:
        return weight, partial(_lines_text, lines, *args)

    yield block(1, lambda: ["## factcheck report", ""] + header(report))
    if not report.findings:
        yield block(1, lambda: ["", "No findings match the filters." if report.analysis.findings else "No findings."])
    # What needs a decision comes first; the rest follows by topic.
    waiting = presentation.review_queue(report)
    matches = possible_match_items(report)
    if waiting or matches:
        yield block(1, lambda: ["", "### Needs review"])
        for finding in waiting:
            if finding.kind is FindingKind.CONDITION and matches:  # possible matches go before conditions
                yield block(len(matches), list, matches)
                matches = []
            yield block(4 + len(finding.claims), _finding_block, finding, report.resolution(finding), True)
        yield block(len(matches), list, matches)
    for section in presentation.sections_after_review(report):
        yield block(1, lambda topic=section.topic: ["", f"### {inline(topic)}"])
        full, folded = section.folded(verbose)
        for finding in full:
            yield block(4 + len(finding.claims), _finding_block, finding, report.resolution(finding), False)
        if folded:
            yield block(len(folded), lambda folded=folded: ["", "#### Corroborated", ""] + [
                corroborated_item(f, report.resolution(f), report.replaced_by(f)) for f in folded])
        if section.single_source:
            yield block(len(section.single_source), lambda facts=section.single_source: [
                "", "#### One source only", ""] + [single_source_item(fact, claim) for fact in facts
                                                   for claim in fact.claims])
    if report.diagnostics:
        yield block(len(report.diagnostics), lambda: ["", "### Problems", ""] + code_block(
            [diagnostic_line(d) for d in report.errors + report.warnings]))


def _finding_block(finding: Finding, resolution: Resolution | None, show_topic: bool) -> list[str]:
    return [""] + finding_section(finding, resolution, show_topic=show_topic)


def _lines_text(lines: Callable[..., list[str]], *args) -> str:
    return "".join(line + "\n" for line in lines(*args))


def header(report: Report) -> list[str]:
    sources, claims = len(report.sources), len(report.claims)
    corpus = f"**{counted(sources, 'source')} · {counted(claims, 'claim')}**"
    dates = presentation.published(report)
    if dates.first is not None:
        corpus += (f" · published {inline(dates.first)}" if dates.first == dates.last
                   else f" · published {inline(dates.first)} to {inline(dates.last)}")
    if dates.undated:
        corpus += f", {dates.undated} undated" if dates.first is not None else f" · {dates.undated} undated"
    summary = []
    for row in presentation.summary_counts(report):
        text = row.kind.counted(row.count) + (f" ({', '.join(row.notes)})" if row.notes else "")
        summary.append(f"**{text}**" if row.kind is FindingKind.CONTRADICTION and row.count else text)
    lines = [corpus, "", " · ".join(summary)]
    shown = presentation.shown(report)  # review counts: in the corpus, whatever the filters show
    filtered = f" ({shown.review_shown} shown)" if shown.filtered else ""
    lines += ["", f"**Needs review: {', '.join(shown.review_counts)}.**{filtered}" if shown.review_counts
              else "Nothing needs review."]
    if shown.possible_matches:
        lines += ["", f"{counted(shown.possible_matches, 'possible match', 'possible matches')} not made: "
                      f"{code('factcheck matches')}"]
    if shown.filtered:
        lines += ["", f"Showing {shown.shown} of {counted(shown.total, 'finding')} (filtered)."]
    errors, warnings = len(report.errors), len(report.warnings)
    if errors or warnings:
        parts = [f"{counted(errors, 'error')}"] if errors else []
        parts += [f"{counted(warnings, 'warning')}"] if warnings else []
        lines += ["", f"**{', '.join(parts)}** in the claim files (listed at the end)."]
    return lines


def finding_section(finding: Finding, resolution: Resolution | None, show_topic: bool = False) -> list[str]:
    title = f"#### {KIND_TITLE[finding.kind]}: {inline(finding.subject)} · {inline(finding.property)}"
    if resolution is not None:
        title += " (left open)" if resolution.left_open else " (resolved)"
    lines = [title, "", code(finding.id) + (f" · topic: {inline(finding.topic)}" if show_topic else "")]
    if finding.note:
        lines += ["", f"Note: {inline(finding.note)}"]
    if resolution is not None:
        lines += ["", resolution_line(resolution)]
    condition = finding.kind is FindingKind.CONDITION
    headings = ["Value"] + (["Condition"] if condition else []) + ["Source", "Date", "Statement"]
    lines += ["", "| " + " | ".join(headings) + " |", "|" + "---|" * len(headings)]
    for pos in finding.positions:
        qualifier = presentation.position_qualifier(finding, pos)
        for claim in pos.claims:
            cells = [f"**{inline(pos.value)}**" + (f" *({qualifier})*" if qualifier == presentation.REVISED else "")]
            if condition:
                cells.append(inline(pos.qualifier) if pos.qualifier else f"*{qualifier}*")
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
    return inline(", ".join([date_label(claim.source.published), *presentation.claim_when(claim)]))


def statement(claim: Claim, show_qualifier: bool) -> str:
    text = inline(claim.statement)
    if claim.attribution:
        text = f"*according to {inline(claim.attribution)}:* {text}"
    qualifier = presentation.claim_qualifier(claim)
    if show_qualifier and qualifier:
        text += f" *({inline(qualifier)})*"
    return text


def timeline(finding: Finding) -> str:
    rows = sorted(((when_key(c, finding.kind), c.ref, c, c.value.display) for p in finding.positions for c in p.claims),
                  key=lambda row: row[:2])
    steps = []
    for _key, _ref, claim, value in rows:
        date = presentation.timeline_date(claim, finding.kind)
        steps.append(f"{inline(date)}: **{inline(value)}** ({inline(claim.source.outlet)})")
    return " → ".join(steps)


def resolution_line(resolution: Resolution) -> str:
    if resolution.left_open:  # reviewed, not resolved: it still needs a decision
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
        item += " left open" if resolution.left_open else f" resolved: {inline(resolution.verdict)}"
    if later is not None:
        item += f"; {REPLACED[later.kind]} ({code(later.id)})"
    return item


def single_source_item(fact, claim: Claim) -> str:
    when = presentation.single_source_when(claim)
    return (f"- {inline(fact.subject)} · {inline(fact.property)}: **{inline(claim.value.display)}**"
            f" ({inline(claim.source.outlet)}, {inline(when)})")


def diagnostic_line(diagnostic: Diagnostic) -> str:
    prefix = "" if diagnostic.is_error else "warning: "
    return visible(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {prefix}{diagnostic.coded_message}")
