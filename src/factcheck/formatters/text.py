"""`--format text`: the terminal report, rendered with rich to a string.

Layout, top to bottom: a header (the corpus, counts of findings by kind,
problems), one section per topic (findings most serious first; corroborated
findings folded to one line each unless verbose), then the problems as
`file:line:column: message`.

Claim text is data: every string from a claim file goes through
`textsafe.visible` and into a `rich.text.Text` (never markup), and the
console has markup, emoji codes and highlighting off. With `color=False` the
output has no ANSI codes and no trailing spaces, so it reads the same in a
pipe, a file or a CI log.
"""

from __future__ import annotations

import io
from typing import Iterable, Iterator, Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..words import counted
from ..model import Claim, Diagnostic, Finding, FindingKind, Position, Resolution, Timeline
from ..dates import date_label
from ..report import OPEN_VERDICT, Report
from ..rules.relations import when_key
from ..textsafe import visible
from . import RenderOptions

DEFAULT_WIDTH = 80
MAX_WIDTH = 120
MIN_WIDTH = 40
# Positions sit side by side only when each column gets at least this many cells.
MIN_COLUMN_WIDTH = 30
INDENT = 2
GUTTER = 3  # spaces between side-by-side positions

KIND_STYLE = {
    FindingKind.CONTRADICTION: "bold red",
    FindingKind.CONDITION: "bold yellow",
    FindingKind.SUPERSEDED: "bold cyan",
    FindingKind.REVISED: "bold blue",
    FindingKind.CORROBORATED: "bold green",
}
DIM = "dim"
NO_CONDITION = "no condition stated"


def safe(text: object, style: str = "") -> Text:
    """Untrusted text as a rich Text: control characters escaped, never markup.

    The style covers this text only (a span), not text appended to it later.
    """
    shown = Text(visible(str(text)), overflow="fold")
    if style:
        shown.stylize(style)
    return shown


def styled(text: str, style: str) -> Text:
    """Our own words, styled as a span (appended text does not inherit it)."""
    return Text.assemble((text, style), overflow="fold")


def make_console(options: RenderOptions) -> tuple[Console, io.StringIO]:
    """A console that writes to a string: fixed width, colour only if asked.

    Markup, emoji codes and highlighting are off, and nothing is read from
    the environment: the CLI has already decided width and colour.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(MIN_WIDTH, options.width or DEFAULT_WIDTH),
        color_system="standard" if options.color else None,
        force_terminal=options.color,
        force_jupyter=False,
        force_interactive=False,
        no_color=not options.color,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    return console, buffer


def finish(buffer: io.StringIO, options: RenderOptions) -> str:
    """The rendered text; without colour, free of the trailing spaces rich pads with."""
    text = buffer.getvalue()
    return text if options.color else "\n".join(line.rstrip() for line in text.split("\n"))


def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    # Wide terminals get a report MAX_WIDTH wide: long lines and far-flung ids read badly.
    width = min(max(MIN_WIDTH, options.width or DEFAULT_WIDTH), MAX_WIDTH)
    console, buffer = make_console(RenderOptions(width, options.color))
    for renderable in report_blocks(report, width, options.verbose or report.verbose):
        console.print(renderable)
    if report.diagnostics:
        console.print(Text(""))
        console.print(Rule(Text("problems", style="bold"), align="left", style=DIM, characters="─"))
        for line in problem_lines(report.errors, report.warnings):
            console.print(line, soft_wrap=True)  # never wrapped: one problem, one line
    return finish(buffer, options)


# --- the report, block by block ------------------------------------------


def report_blocks(report: Report, width: int, verbose: bool) -> Iterator[RenderableType]:
    yield header(report, width)
    if not report.findings:
        yield Text("")
        filtered = len(report.analysis.findings) > 0
        yield Text("No findings match the filters." if filtered else "No findings.", style=DIM)
    # What needs a decision comes first; the rest follows by topic.
    waiting = report.needs_review()
    matches = possible_match_blocks(report, width)
    if waiting or matches:
        yield Text("")
        yield Rule(Text("needs review", style="bold"), align="left", style=DIM, characters="─")
        for finding in waiting:
            if finding.kind is FindingKind.CONDITION and matches:  # possible matches go before conditions
                yield from matches
                matches = []
            yield Text("")
            yield finding_block(finding, report.resolution(finding), width, verbose, show_topic=True)
        yield from matches
    shown = {id(f) for f in waiting}
    single: dict[str, list[Timeline]] = {}
    for timeline in report.single_source:
        single.setdefault(timeline.topic, []).append(timeline)
    topics = by_topic(f for f in report.findings if id(f) not in shown)
    topics += [(topic, []) for topic in sorted(single, key=str.casefold) if topic not in dict(topics)]
    for topic, findings in topics:
        yield Text("")
        yield Rule(Text(visible(topic), style="bold"), align="left", style=DIM, characters="─")
        full = [f for f in findings if verbose or f.kind is not FindingKind.CORROBORATED]
        folded = [] if verbose else [f for f in findings if f.kind is FindingKind.CORROBORATED]
        for finding in full:
            yield Text("")
            yield finding_block(finding, report.resolution(finding), width, verbose)
        if folded:
            yield Text("")
            yield corroborated_lines(folded, report, width)
        if topic in single:
            yield Text("")
            yield single_source_lines(single[topic], verbose)


def header(report: Report, width: int = DEFAULT_WIDTH) -> RenderableType:
    sources, claims = len(report.sources), len(report.claims)
    title = styled("factcheck report", "bold")
    title.append(" · ")
    title.append_text(safe(report.analysis.corpus.root))
    corpus = Text(f"{counted(sources, 'source')} · {counted(claims, 'claim')}")
    span = report.date_span()
    if span is not None:
        first, last = span
        corpus.append(f" · published {first.label}" if first == last else f" · published {first.label} to {last.label}")
    undated = sum(1 for s in report.sources if s.published is None)
    if undated:
        corpus.append(f", {undated} undated" if span is not None else f" · {undated} undated")
    lines = [title, corpus]

    counts = report.counts()
    resolved = {kind: 0 for kind in FindingKind}
    kept_open = {kind: 0 for kind in FindingKind}
    for finding in report.findings:
        if report.is_resolved(finding):
            resolved[finding.kind] += 1
        elif report.resolution(finding) is not None:
            kept_open[finding.kind] += 1
    summary = Text()
    for index, kind in enumerate(k for k in FindingKind if k.in_summary(counts[k])):
        count = counts[kind]
        part = styled(kind.counted(count), KIND_STYLE[kind] if count else DIM)
        notes = [f"{n} {word}" for n, word in ((resolved[kind], "resolved"), (kept_open[kind], "open")) if n]
        if notes:
            part.append(f" ({', '.join(notes)})")
        if index and summary.cell_len + 3 + part.cell_len > width:  # break between counts, never inside one
            lines.append(summary)
            summary = Text()
        elif index:
            summary.append(" · ")
        summary.append_text(part)
    lines.append(summary)
    lines.append(needs_review_line(report))

    possible = len(report.analysis.possible_matches)
    if possible:
        lines.append(Text(f"{counted(possible, 'possible match', 'possible matches')} not made: factcheck matches",
                          style="yellow"))
    total = len(report.analysis.findings)
    if len(report.findings) != total:
        lines.append(Text(f"showing {len(report.findings)} of {counted(total, 'finding')} (filtered)", style=DIM))
    errors, warnings = len(report.errors), len(report.warnings)
    if errors or warnings:
        problems = Text()
        if errors:
            problems.append(f"{counted(errors, 'error')}", style="bold red")
        if warnings:
            problems.append(", " if errors else "")
            problems.append(f"{counted(warnings, 'warning')}", style="yellow")
        problems.append(" (listed at the end)")
        lines.append(problems)
    return Group(*lines)


def possible_match_blocks(report: Report, width: int) -> list[RenderableType]:
    """Names that may be about the same thing (issue 18), between the contradictions and the
    conditions: each with its score, its evidence and how to decide."""
    blocks: list[RenderableType] = []
    for match in report.possible_matches:
        title = styled("POSSIBLE MATCH", "bold magenta")
        title.append(f"  {match.kind}: ")
        title.append_text(safe(match.names[0], "bold"))
        title.append(" / ")
        title.append_text(safe(match.names[1], "bold"))
        body = [Text.assemble((f"score {match.score:g}", DIM))]
        for what, how in match.evidence:
            body.append(Text.assemble((f"{what}: ", DIM), safe(how)))
        body.append(safe(f"accept: factcheck matches --accept {match.id}", DIM))
        body.append(safe(f"dismiss: factcheck matches --dismiss {match.id}", DIM))
        blocks += [Text(""), Group(id_at_margin(title, safe(match.id, DIM), width),
                                   Padding(Group(*body), (0, 0, 0, INDENT)))]
    return blocks


def id_at_margin(heading: Text, finding_id: Text, width: int) -> RenderableType:
    room = width - heading.cell_len - finding_id.cell_len
    if room >= 1:
        return Text.assemble(heading, " " * room, finding_id)
    title = Table.grid(expand=True, padding=(0, 1))
    title.add_column(ratio=1)
    title.add_column(justify="right", no_wrap=True)
    title.add_row(heading, finding_id)
    return title


def needs_review_line(report: Report) -> Text:
    """`needs review: 1 contradiction, 4 conditions`, or that nothing does."""
    parts = report.needs_review_counts()
    if not parts:
        return Text("nothing needs review", style=DIM)
    line = Text("needs review: ", style="bold")
    line.append(", ".join(parts))
    shown = len(report.needs_review()) + len(report.possible_matches)
    if len(report.findings) != len(report.analysis.findings):  # filtered: the corpus's count, and what is shown
        line.append(f" ({shown} shown)", style=DIM)
    return line


def by_topic(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Topics in order of their most serious finding; findings keep their order."""
    topics: dict[str, list[Finding]] = {}
    for finding in findings:
        topics.setdefault(finding.topic, []).append(finding)
    return list(topics.items())


# --- one finding -----------------------------------------------------------


def finding_block(finding: Finding, resolution: Resolution | None, width: int, verbose: bool = False,
                  show_topic: bool = False) -> RenderableType:
    body: list[RenderableType] = []
    if show_topic:  # out of its topic's section (under "needs review"): say which topic
        body.append(Text.assemble(("topic: ", DIM), safe(finding.topic, DIM)))
    if finding.note:
        body.append(Text.assemble(("note: ", "bold"), safe(finding.note)))
    if resolution is not None:
        body.append(resolution_text(resolution))
    body.append(positions_view(finding, width - INDENT, verbose))
    if finding.kind.is_timeline:
        body += [Text(""), timeline_view(finding)]
    return Group(finding_title(finding, resolution, width), Padding(Group(*body), (0, 0, 0, INDENT)))


def finding_title(finding: Finding, resolution: Resolution | None, width: int) -> RenderableType:
    """KIND  subject · property, with the finding id at the right margin."""
    heading = styled(finding.kind.value.upper(), KIND_STYLE[finding.kind])
    if resolution is not None:
        heading.append(" · OPEN" if resolution.verdict == OPEN_VERDICT else " · RESOLVED", style="bold")
    heading.append("  ")
    heading.append_text(subject_property(finding, "bold"))
    finding_id = safe(finding.id, DIM)
    room = width - heading.cell_len - finding_id.cell_len
    if room >= 1:  # the common case, and much cheaper than a grid
        heading.append(" " * room)
        heading.append_text(finding_id)
        return heading
    title = Table.grid(expand=True, padding=(0, 1))
    title.add_column(ratio=1)
    title.add_column(justify="right", no_wrap=True)
    title.add_row(heading, finding_id)
    return title


def subject_property(finding: Finding, style: str = "") -> Text:
    text = safe(finding.subject, style)
    text.append(" · ", style=style)
    text.append_text(safe(finding.property, style))
    return text


def resolution_text(resolution: Resolution) -> Text:
    """`resolved: <verdict> (wrong source: <id>) by <who> on <date>: <note>`; `left open by …` for `open`."""
    if resolution.verdict == OPEN_VERDICT:
        text = styled("left open", "bold yellow")  # reviewed, but not resolved: it still needs a decision
    else:
        text = styled("resolved: ", "bold green")
        text.append_text(safe(resolution.verdict, "bold"))
    if resolution.source:
        text.append(" (wrong source: ")
        text.append_text(safe(resolution.source))
        text.append(")")
    if resolution.by:
        text.append_text(safe(f" by {resolution.by}", DIM))
    if resolution.date:
        text.append_text(safe(f" on {resolution.date}", DIM))
    if resolution.note:
        text.append(": ")
        text.append_text(safe(resolution.note))
    return text


def positions_view(finding: Finding, width: int, verbose: bool = False) -> RenderableType:
    positions = finding.positions
    columns = len(positions)
    if columns > 1 and (width - GUTTER * (columns - 1)) // columns >= MIN_COLUMN_WIDTH:
        # Side by side: values, a rule under each, then the claims. Spacer
        # columns keep the gutters fixed and the positions equally wide.
        table = Table.grid()
        for index, column_width in enumerate(share(width - GUTTER * (columns - 1), columns)):
            if index:
                table.add_column(width=GUTTER)
            # Fixed widths: rich need not measure every cell (the report's hot spot).
            table.add_column(width=column_width, overflow="fold", vertical="top")
        table.add_row(*between((position_heading(finding, pos) for pos in positions), ""))
        table.add_row(*between((Rule(style=DIM, characters="─") for _pos in positions), ""))
        table.add_row(*between((claims_view(finding, pos, verbose) for pos in positions), ""))
        return table
    stacked: list[RenderableType] = []
    for index, pos in enumerate(positions):
        if index:
            stacked.append(Text(""))
        heading = Text("▸ " if columns > 1 else "")
        heading.append_text(safe(pos.value, "bold"))
        qualifier = position_qualifier(finding, pos)
        if qualifier is not None:
            heading.append(" — ")
            heading.append_text(qualifier)
        stacked.append(heading)
        stacked.append(Padding(claims_view(finding, pos, verbose), (0, 0, 0, INDENT)))
    return Group(*stacked)


def share(total: int, parts: int) -> list[int]:
    """`total` cells split into `parts` widths as equal as can be, the larger ones first."""
    base, extra = divmod(total, parts)
    return [base + (index < extra) for index in range(parts)]


def between(items: Iterable[RenderableType], spacer: RenderableType) -> list[RenderableType]:
    cells: list[RenderableType] = []
    for item in items:
        if cells:
            cells.append(spacer)
        cells.append(item)
    return cells


def position_heading(finding: Finding, pos: Position) -> Text:
    heading = safe(pos.value, "bold")
    qualifier = position_qualifier(finding, pos)
    if qualifier is not None:
        heading.append("\n")
        heading.append_text(qualifier)
    return heading


def position_qualifier(finding: Finding, pos: Position) -> Text | None:
    """Condition findings: the `until`/`condition` this side states, or that it states none.
    Revised findings: every figure but the latest is marked revised."""
    if finding.kind is FindingKind.REVISED:
        return styled("revised", "italic dim") if pos is not finding.positions[-1] else None
    if finding.kind is not FindingKind.CONDITION:
        return None
    return safe(pos.qualifier, "italic") if pos.qualifier else styled(NO_CONDITION, "italic dim")


def claims_view(finding: Finding, pos: Position, verbose: bool = False) -> RenderableType:
    blocks: list[RenderableType] = []
    for index, claim in enumerate(pos.claims):
        if index:
            blocks.append(Text(""))
        blocks.append(claim_text(claim, show_qualifier=finding.kind is not FindingKind.CONDITION, verbose=verbose,
                                 shown_as=pos.value))
    return Group(*blocks)


def claim_text(claim: Claim, show_qualifier: bool = True, verbose: bool = False, shown_as: str | None = None) -> Text:
    """One claim under its position; a value worded otherwise than the position's
    (`more than 8 million` under 8.6 million) is shown as the claim states it."""
    published = claim.source.published
    text = safe(claim.source.outlet, "bold")
    text.append(f" · {date_label(published)}", style=DIM)
    if shown_as is not None and claim.value.display != shown_as:
        text.append("\nstates ", style=DIM)
        text.append_text(safe(claim.value.display, "bold"))
    when = []
    if claim.as_of is not None and claim.as_of != published:
        when.append(f"as of {claim.as_of.label}")
    if claim.since is not None:
        when.append(f"since {claim.since.label}")
    if claim.revises:
        when.append("revises an earlier figure")
    if when:
        text.append("\n" + " · ".join(when), style=DIM)
    if show_qualifier:
        qualifier = claim_qualifier(claim)
        if qualifier:
            text.append("\n")
            text.append_text(safe(qualifier, "italic"))
    if claim.attribution:
        text.append("\naccording to ", style="italic")
        text.append_text(safe(claim.attribution, "italic"))
    text.append("\n")
    text.append_text(safe(claim.statement))
    if verbose:  # where to find the claim
        text.append("\n")
        text.append_text(safe(f"{claim.source.path}:{claim.line}", DIM))
    return text


def claim_qualifier(claim: Claim) -> str | None:
    parts = []
    if claim.until is not None:
        parts.append(f"until {claim.until.label}")
    if claim.condition:
        parts.append(claim.condition)
    return "; ".join(parts) or None


def timeline_view(finding: Finding) -> RenderableType:
    """Date → value, outlet: how the fact changed, oldest first, undated last."""
    rows = sorted(((when_key(c, finding.kind), c.ref, c, pos) for pos in finding.positions for c in pos.claims),
                  key=lambda row: row[:2])
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style=DIM)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_column(ratio=1, overflow="fold")
    previous: Position | None = None
    for _key, _ref, claim, pos in rows:
        if finding.kind is FindingKind.REVISED:  # a revision: when each figure was published
            when = date_label(claim.source.published)
        else:
            when = date_label(claim.since or claim.effective_as_of)
            if claim.since is not None:
                when += " (since)"
        arrow = ("↻" if finding.kind is FindingKind.REVISED else "→") if previous is not None and pos is not previous else " "
        grid.add_row(when, arrow, safe(claim.value.display, "bold"), safe(claim.source.outlet))
        previous = pos
    return Group(Text("timeline", style="bold"), Padding(grid, (0, 0, 0, INDENT)))


# --- folded corroboration and problems -----------------------------------


def corroborated_lines(findings: list[Finding], report: Report, width: int) -> RenderableType:
    """One line each: ✓ subject · property: value (outlets), the id at the right margin."""
    lines: list[RenderableType] = [styled("CORROBORATED", KIND_STYLE[FindingKind.CORROBORATED])]
    mark = styled("✓", KIND_STYLE[FindingKind.CORROBORATED])
    for finding in findings:
        line = subject_property(finding)
        line.append(": ")
        line.append_text(safe(finding.positions[0].value, "bold"))
        outlets = list(dict.fromkeys(visible(c.source.outlet) for c in finding.claims))
        line.append(f" ({', '.join(outlets)})", style=DIM)
        resolution = report.resolution(finding)
        if resolution is not None and resolution.verdict == OPEN_VERDICT:
            line.append(" left open", style="yellow")
        elif resolution is not None:
            line.append(" resolved: ", style="green")
            line.append_text(safe(resolution.verdict))
        later = report.replaced_by(finding) if finding.kind is FindingKind.CORROBORATED else None
        if later is not None:
            line.append(f"; {later.kind.value} later ({later.id})", style=KIND_STYLE[later.kind])
        finding_id = safe(finding.id, DIM)
        room = width - 2 - line.cell_len - finding_id.cell_len
        if room >= 1:  # fits on one line: no grid needed (much faster on big corpora)
            lines.append(Text.assemble(mark, " ", line, " " * room, finding_id))
            continue
        grid = Table.grid(padding=(0, 1))  # fixed widths: nothing to measure
        grid.add_column(width=1)
        grid.add_column(width=max(1, width - 3 - finding_id.cell_len), overflow="fold")
        grid.add_column(width=finding_id.cell_len, no_wrap=True)
        grid.add_row(mark, line, finding_id)
        lines.append(grid)
    return Group(*lines)


def single_source_lines(timelines: list[Timeline], verbose: bool = False) -> RenderableType:
    """Facts only one source reports: nothing confirms or disputes them yet."""
    lines: list[RenderableType] = [styled("ONE SOURCE ONLY", "bold")]
    for timeline in timelines:
        for claim in timeline.claims:
            line = Text("· ", style=DIM)
            line.append_text(safe(timeline.subject))
            line.append(" · ")
            line.append_text(safe(timeline.property))
            line.append(": ")
            line.append_text(safe(claim.value.display, "bold"))
            qualifier = claim_qualifier(claim)
            if qualifier:
                line.append(" (")
                line.append_text(safe(qualifier))
                line.append(")")
            when = f"since {claim.since.label}" if claim.since else date_label(claim.effective_as_of)
            line.append_text(safe(f" ({claim.source.outlet}, {when})", DIM))
            if verbose:
                line.append("\n  ")
                line.append_text(safe(claim.statement))
            lines.append(line)
    return Group(*lines)


def problem_lines(errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic]) -> list[Text]:
    """One line per problem, `file:line:column: message [code]`, for editors and CI to parse."""
    lines: list[Text] = []
    for diagnostic in errors:
        lines.append(safe(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {diagnostic.coded_message}"))
    for diagnostic in warnings:
        text = safe(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: ")
        text.append("warning: ", style="yellow")
        text.append_text(safe(diagnostic.coded_message))
        lines.append(text)
    return lines


# --- listings: `factcheck timeline`, `sources`, `topics` ------------------


def render_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]],
                 options: RenderOptions = RenderOptions(), wrap: Sequence[int] = ()) -> str:
    """A short listing: a title line, then aligned columns.

    Numbers align right. Only the columns in `wrap` may wrap, unless the
    table cannot fit otherwise; then any column may.
    """
    console, buffer = make_console(options)
    console.print(safe(title, "bold"))
    if rows:
        # Loosen step by step; the first column (an id a user types) never wraps: when the
        # table cannot fit without wrapping it, each row is stacked under its id instead.
        rest = range(1, len(headers))
        for wrapping, gap in ((wrap, 2), (rest, 2), (rest, 1)):
            table = _listing_table(headers, rows, wrapping, gap)
            if table.__rich_measure__(console, console.options).minimum <= console.width:
                console.print(table)
                break
        else:
            for row in rows:
                console.print(safe(row[0], "bold"))
                details = Text()
                for index, (name, cell) in enumerate(zip(headers[1:], row[1:])):
                    details.append(" · " if index else "")
                    details.append(f"{name}: ", style=DIM)
                    details.append_text(safe(cell))
                console.print(Padding(details, (0, 0, 0, INDENT)))
    return finish(buffer, options)


def _listing_table(headers: Sequence[str], rows: Sequence[Sequence[object]], wrap: Iterable[int],
                   gap: int = 2) -> Table:
    wrapping = set(wrap)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, gap, 0, 0), header_style="bold")
    for index, name in enumerate(headers):
        numeric = all(isinstance(row[index], int) for row in rows)
        table.add_column(name, justify="right" if numeric else "left", no_wrap=index not in wrapping,
                         overflow="fold")
    for row in rows:
        table.add_row(*(Text(str(cell)) if isinstance(cell, int) else safe(cell) for cell in row))
    return table


def render_timeline(title: str, claims: Sequence[tuple[Claim, str]], options: RenderOptions = RenderOptions()) -> str:
    """Claims in time order: the date, then the outlet and what it says (label: value).

    `claims` pairs each claim with the label to show before its value (the
    property, or `subject · property` when several subjects matched).
    """
    console, buffer = make_console(options)
    console.print(safe(title, "bold"))
    console.print(Text(""))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style=DIM)
    grid.add_column(overflow="fold")
    for index, (claim, label) in enumerate(claims):
        date = claim.since or claim.effective_as_of
        when = date_label(date) + (" (since)" if claim.since is not None and date is not None else "")
        what = safe(claim.source.outlet, "bold")
        what.append("\n")
        what.append_text(safe(label))
        what.append(": ")
        what.append_text(safe(claim.value.display, "bold"))
        qualifier = claim_qualifier(claim)
        if qualifier:
            what.append(" (")
            what.append_text(safe(qualifier, "italic"))
            what.append(")")
        if claim.attribution:
            what.append("\naccording to ", style="italic")
            what.append_text(safe(claim.attribution, "italic"))
        what.append("\n")
        what.append_text(safe(claim.statement))
        if index:
            grid.add_row("", "")
        grid.add_row(when, what)
    console.print(grid)
    return finish(buffer, options)
