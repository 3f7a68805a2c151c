"""`--format text`: the terminal report.

Layout, top to bottom: a header (the corpus, counts of findings by kind,
problems), what needs review, one section per topic (findings most serious
first; corroborated findings folded to one line each unless verbose), then the
problems as `file:line:column: message`. What is shown, in which order and
with which dates and qualifiers is `presentation`'s decision, shared with
Markdown and HTML; one finding's lines are `text_finding`'s.

Claim text is data: every string from a claim file goes through
`textsafe.visible` and into a `rich.text.Text` (never markup), or without
colour a `text_canvas.Plain` (its plain text alone: `canvas.safe` and friends
make either); the lines are laid out by `text_canvas`. With `color=False` the
output has no ANSI codes and no trailing spaces, so it reads the same in a
pipe, a file or a CI log. The report is made and written block by block
(`render_chunks`): a large one is never held whole.
"""

from __future__ import annotations

from functools import partial
from typing import Callable, Iterable, Iterator

from rich.rule import Rule
from rich.text import Text

from ..model import Diagnostic, Finding, FindingKind, Timeline
from ..report import Report
from ..textsafe import visible
from ..words import counted
from . import RenderOptions, gathered, presentation
from .shares import Block, written
from .text_canvas import Canvas, cells, safe
from .text_finding import DIM, INDENT, KIND_STYLE, finding_lines, subject_property, title_lines
from .text_listing import render_table, render_timeline

__all__ = ["render", "render_chunks", "render_table", "render_timeline", "safe"]

DEFAULT_WIDTH = 80
MAX_WIDTH = 120
MIN_WIDTH = 40


def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions = RenderOptions()) -> Iterator[str]:
    """The report in pieces, a block (a finding, a section's folded lines) at a time; a long
    report's last blocks written by children on idle CPUs (`shares`)."""
    # Wide terminals get a report MAX_WIDTH wide: long lines and far-flung ids read badly.
    width = min(max(MIN_WIDTH, options.width or DEFAULT_WIDTH), MAX_WIDTH)
    canvas = Canvas(width, options.color)
    return gathered(written(list(report_blocks(canvas, report, options.verbose or report.verbose))))


# --- the report, block by block ------------------------------------------


def report_blocks(canvas: Canvas, report: Report, verbose: bool) -> Iterator[Block]:
    """Each block of the report in order: its weight (about the claims it shows) and a function
    that writes it (nothing is written here)."""
    def block(weight: int, lines: Callable[..., list[str]], *args, **kwargs) -> Block:
        return weight, partial(_blank_then, canvas, lines, *args, **kwargs)

    yield 1, lambda: canvas.finish(header_lines(canvas, report))
    if not report.findings:
        filtered = len(report.analysis.findings) > 0
        message = "No findings match the filters." if filtered else "No findings."
        yield block(1, lambda: canvas.lines(canvas.text(message, DIM)))
    # What needs a decision comes first; the rest follows by topic.
    waiting = presentation.review_queue(report)
    matches = [block(4, lambda lines=lines: lines[1:]) for lines in possible_match_blocks(canvas, report)]
    if waiting or matches:
        yield block(1, rule, canvas, "needs review")
        for finding in waiting:
            if finding.kind is FindingKind.CONDITION and matches:  # possible matches go before conditions
                yield from matches
                matches = []
            yield block(4 + len(finding.claims), finding_lines, canvas, finding, report.resolution(finding),
                        canvas.width, verbose, show_topic=True)
        yield from matches
    for section in presentation.sections_after_review(report):
        yield block(1, rule, canvas, section.topic)
        full, folded = section.folded(verbose)
        for finding in full:
            yield block(4 + len(finding.claims), finding_lines, canvas, finding, report.resolution(finding),
                        canvas.width, verbose)
        if folded:
            yield block(len(folded), corroborated_lines, canvas, folded, report)
        if section.single_source:
            yield block(sum(len(t.claims) for t in section.single_source), single_source_lines, canvas,
                        section.single_source, verbose)
    if report.diagnostics:
        yield block(len(report.diagnostics), lambda: rule(canvas, "problems")
                    + problem_lines(canvas, report.errors, report.warnings))


def _blank_then(canvas: Canvas, lines: Callable[..., list[str]], *args, **kwargs) -> str:
    """A block as written: a blank line, then its lines."""
    return canvas.finish([""] + lines(*args, **kwargs))


def rule(canvas: Canvas, title: str) -> list[str]:
    """A section's rule: its title, then a line to the margin."""
    return canvas.rich(Rule(Text(visible(title), style="bold"), align="left", style=DIM, characters="─"))


def header_lines(canvas: Canvas, report: Report) -> list[str]:
    width = canvas.width
    title = canvas.styled("factcheck report", "bold")
    title.append(" · ")
    title.append_text(canvas.safe(report.analysis.corpus.root))
    corpus = canvas.text(f"{counted(len(report.sources), 'source')} · {counted(len(report.claims), 'claim')}")
    dates = presentation.published(report)
    if dates.first is not None:
        corpus.append(f" · published {dates.first}" if dates.first == dates.last
                      else f" · published {dates.first} to {dates.last}")
    if dates.undated:
        corpus.append(f", {dates.undated} undated" if dates.first is not None else f" · {dates.undated} undated")
    lines = [title, corpus]

    summary = canvas.text()
    for index, row in enumerate(presentation.summary_counts(report)):
        part = canvas.styled(row.kind.counted(row.count), KIND_STYLE[row.kind] if row.count else DIM)
        if row.notes:
            part.append(f" ({', '.join(row.notes)})")
        if index and summary.cell_len + 3 + part.cell_len > width:  # break between counts, never inside one
            lines.append(summary)
            summary = canvas.text()
        elif index:
            summary.append(" · ")
        summary.append_text(part)
    lines.append(summary)

    shown = presentation.shown(report)
    if not shown.review_counts:
        lines.append(canvas.text("nothing needs review", DIM))
    else:
        line = canvas.text("needs review: ", "bold")
        line.append(", ".join(shown.review_counts))
        if shown.filtered:  # the corpus's count, and what is shown
            line.append(f" ({shown.review_shown} shown)", style=DIM)
        lines.append(line)
    if shown.possible_matches:
        lines.append(canvas.text(f"{counted(shown.possible_matches, 'possible match', 'possible matches')} not made: "
                                 "factcheck matches", "yellow"))
    if shown.filtered:
        lines.append(canvas.text(f"showing {shown.shown} of {counted(shown.total, 'finding')} (filtered)", DIM))
    errors, warnings = len(report.errors), len(report.warnings)
    if errors or warnings:
        problems = canvas.text()
        if errors:
            problems.append(counted(errors, "error"), style="bold red")
        if warnings:
            problems.append(", " if errors else "")
            problems.append(counted(warnings, "warning"), style="yellow")
        problems.append(" (listed at the end)")
        lines.append(problems)
    return [drawn for text in lines for drawn in canvas.lines(text)]


def possible_match_blocks(canvas: Canvas, report: Report) -> list[list[str]]:
    """Names that may be about the same thing (issue 18), between the contradictions and the
    conditions: each with its score, its evidence and how to decide."""
    blocks = []
    safe = canvas.safe
    for match in report.possible_matches:
        title = canvas.styled("POSSIBLE MATCH", "bold magenta")
        title.append(f"  {match.kind}: ")
        title.append_text(safe(match.names[0], "bold"))
        title.append(" / ")
        title.append_text(safe(match.names[1], "bold"))
        body = [canvas.assemble((f"score {match.score:g}", DIM))]
        body += [canvas.assemble((f"{what}: ", DIM), safe(how)) for what, how in match.evidence]
        body.append(safe(f"accept: factcheck matches --accept {match.id}", DIM))
        body.append(safe(f"dismiss: factcheck matches --dismiss {match.id}", DIM))
        lines = [""] + title_lines(canvas, title, safe(match.id, DIM), canvas.width)
        blocks.append(lines + [drawn for text in body for drawn in canvas.lines(text, INDENT, padded=True)])
    return blocks


# --- folded corroboration, single sources and problems -------------------


def corroborated_lines(canvas: Canvas, findings: list[Finding], report: Report) -> list[str]:
    """One line each: ✓ subject · property: value (outlets), the id at the right margin."""
    width = canvas.width
    safe = canvas.safe
    lines = canvas.lines(canvas.styled("CORROBORATED", KIND_STYLE[FindingKind.CORROBORATED]))
    mark = canvas.styled("✓", KIND_STYLE[FindingKind.CORROBORATED])
    for finding in findings:
        line = subject_property(canvas, finding)
        line.append(": ")
        line.append_text(safe(finding.positions[0].value, "bold"))
        outlets = dict.fromkeys(map(visible, dict.fromkeys(c.source.outlet for c in finding.claims)))  # each once
        line.append(f" ({', '.join(outlets)})", style=DIM)
        resolution = report.resolution(finding)
        if resolution is not None and resolution.left_open:
            line.append(" left open", style="yellow")
        elif resolution is not None:
            line.append(" resolved: ", style="green")
            line.append_text(safe(resolution.verdict))
        later = report.replaced_by(finding)
        if later is not None:
            line.append(f"; {later.kind.value} later ({later.id})", style=KIND_STYLE[later.kind])
        finding_id = safe(finding.id, DIM)
        room = width - 2 - cells(line) - cells(finding_id)
        if room >= 1:  # fits on one line
            lines.append(canvas.joined(mark, " ", line, " " * room, finding_id))
            continue
        # The line wraps beside the id: three fixed columns a space apart.
        id_width = cells(finding_id)
        lines += canvas.columns([[mark], [line], [finding_id]], [1, max(1, width - 3 - id_width), id_width], [1, 1, 0])
    return lines


def single_source_lines(canvas: Canvas, timelines: Iterable[Timeline], verbose: bool = False) -> list[str]:
    """Facts only one source reports: nothing confirms or disputes them yet."""
    safe = canvas.safe
    lines = canvas.lines(canvas.styled("ONE SOURCE ONLY", "bold"))
    for timeline in timelines:
        for claim in timeline.claims:
            line = canvas.text("· ", DIM)
            line.append_text(safe(timeline.subject))
            line.append(" · ")
            line.append_text(safe(timeline.property))
            line.append(": ")
            line.append_text(safe(claim.value.display, "bold"))
            qualifier = presentation.claim_qualifier(claim)
            if qualifier:
                line.append(" (")
                line.append_text(safe(qualifier))
                line.append(")")
            line.append_text(safe(f" ({claim.source.outlet}, {presentation.single_source_when(claim)})", DIM))
            if verbose:
                line.append("\n  ")
                line.append_text(safe(claim.statement))
            lines += canvas.lines(line)
    return lines


def problem_lines(canvas: Canvas, errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic]) -> list[str]:
    """One line per problem, `file:line:column: message [code]`, for editors and CI to parse:
    never wrapped."""
    safe = canvas.safe
    lines = [canvas.draw(safe(f"{d.path}:{d.line}:{d.column}: {d.coded_message}")) for d in errors]
    for diagnostic in warnings:
        text = safe(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: ")
        text.append("warning: ", style="yellow")
        text.append_text(safe(diagnostic.coded_message))
        lines.append(canvas.draw(text))
    return lines
