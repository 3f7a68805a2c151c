"""One finding of the text report, drawn as lines: its title, body, positions and timeline.

Layout: `KIND  subject · property` with the id at the right margin, then the
body indented by INDENT: the topic (under "needs review"), the note, the
review, the positions (side by side when each gets MIN_COLUMN_WIDTH cells,
else stacked) and, for a change over time, its timeline.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from ..dates import date_label
from ..model import Claim, Finding, FindingKind, Position, Resolution
from ..rules.relations import when_key
from . import presentation
from .text_canvas import Canvas, Plain, cells, safe

INDENT = 2
MIN_COLUMN_WIDTH = 30  # positions sit side by side only when each column gets this many cells
GUTTER = 3  # spaces between side-by-side positions
TIMELINE_GAP = 2
DIM = "dim"
KIND_STYLE = {
    FindingKind.CONTRADICTION: "bold red",
    FindingKind.CONDITION: "bold yellow",
    FindingKind.SUPERSEDED: "bold cyan",
    FindingKind.REVISED: "bold blue",
    FindingKind.CORROBORATED: "bold green",
}


def finding_lines(canvas: Canvas, finding: Finding, resolution: Resolution | None, layout_width: int,
                  verbose: bool = False, show_topic: bool = False) -> list[str]:
    lines = title_lines(canvas, finding_heading(canvas, finding, resolution), canvas.safe(finding.id, DIM), layout_width)
    body = []
    if show_topic:  # out of its topic's section (under "needs review"): say which topic
        body.append(canvas.assemble(("topic: ", DIM), canvas.safe(finding.topic, DIM)))
    if finding.note:
        body.append(canvas.assemble(("note: ", "bold"), canvas.safe(finding.note)))
    if resolution is not None:
        body.append(resolution_text(canvas, resolution))
    for text in body:
        lines += canvas.lines(text, INDENT, padded=True)
    lines += positions_lines(canvas, finding, layout_width - INDENT, verbose)
    if finding.kind.is_timeline:
        lines += canvas.lines(canvas.text(""), INDENT, padded=True)
        lines += canvas.lines(canvas.text("timeline", "bold"), INDENT, padded=True)
        lines += timeline_lines(canvas, finding)
    return lines


def finding_heading(canvas: Canvas, finding: Finding, resolution: Resolution | None) -> Text:
    """KIND[ · OPEN| · RESOLVED]  subject · property."""
    heading = canvas.styled(finding.kind.value.upper(), KIND_STYLE[finding.kind])
    if resolution is not None:
        heading.append(" · OPEN" if resolution.left_open else " · RESOLVED", style="bold")
    heading.append("  ")
    heading.append_text(subject_property(canvas, finding, "bold"))
    return heading


def title_lines(canvas: Canvas, heading: Text, finding_id: Text, width: int) -> list[str]:
    """The heading with the id at the right margin; a heading too long for that wraps beside it."""
    room = width - cells(heading) - cells(finding_id)
    if room >= 1:  # the common case
        return [canvas.joined(heading, " " * room, finding_id)]
    # Drawn as rich drew a full-width grid (padding (0, 1): a space between its columns) of the
    # heading, wrapped, and the id at the right margin.
    id_width = cells(finding_id)
    return canvas.columns([[heading], [finding_id]], [canvas.width - id_width - 1, id_width], [1, 0])


def subject_property(canvas: Canvas, finding: Finding, style: str = "") -> Text:
    text = canvas.safe(finding.subject, style)
    text.append(" · ", style=style)
    text.append_text(canvas.safe(finding.property, style))
    return text


def resolution_text(canvas: Canvas, resolution: Resolution) -> Text:
    """`resolved: <verdict> (wrong source: <id>) by <who> on <date>: <note>`; `left open by …` for `open`."""
    safe = canvas.safe
    if resolution.left_open:
        text = canvas.styled("left open", "bold yellow")  # reviewed, but not resolved: it still needs a decision
    else:
        text = canvas.styled("resolved: ", "bold green")
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


# --- positions ------------------------------------------------------------------------------------


def positions_lines(canvas: Canvas, finding: Finding, width: int, verbose: bool = False) -> list[str]:
    positions = finding.positions
    columns = len(positions)
    if columns > 1 and (width - GUTTER * (columns - 1)) // columns >= MIN_COLUMN_WIDTH:
        # Side by side: values, a rule under each, then the claims.
        widths = share(width - GUTTER * (columns - 1), columns)
        gaps = [GUTTER] * (columns - 1) + [0]
        lines = canvas.columns([[position_heading(canvas, finding, pos)] for pos in positions], widths, gaps,
                               INDENT, True)
        lines += canvas.once(("rules", *widths), lambda: canvas.columns([[canvas.text("─" * w, DIM)] for w in widths],
                                                                         widths, gaps, INDENT, True))
        lines += canvas.columns([claims_view(canvas, finding, pos, verbose) for pos in positions], widths, gaps,
                                INDENT, True)
        return lines
    lines = []
    for index, pos in enumerate(positions):
        if index:
            lines += canvas.lines(canvas.text(""), INDENT, padded=True)
        heading = canvas.text("▸ " if columns > 1 else "")
        heading.append_text(canvas.safe(pos.value, "bold"))
        qualifier = position_qualifier(canvas, finding, pos)
        if qualifier is not None:
            heading.append(" — ")
            heading.append_text(qualifier)
        lines += canvas.lines(heading, INDENT, padded=True)
        for text in claims_view(canvas, finding, pos, verbose):
            lines += canvas.lines(text, 2 * INDENT, padded=True)
    return lines


def share(total: int, parts: int) -> list[int]:
    """`total` cells split into `parts` widths as equal as can be, the larger ones first."""
    base, extra = divmod(total, parts)
    return [base + (index < extra) for index in range(parts)]


def position_heading(canvas: Canvas, finding: Finding, pos: Position) -> Text:
    heading = canvas.safe(pos.value, "bold")
    qualifier = position_qualifier(canvas, finding, pos)
    if qualifier is not None:
        heading.append("\n")
        heading.append_text(qualifier)
    return heading


def position_qualifier(canvas: Canvas, finding: Finding, pos: Position) -> Text | None:
    qualifier = presentation.position_qualifier(finding, pos)
    if qualifier is None:
        return None
    if finding.kind is FindingKind.CONDITION and pos.qualifier:  # the claim file's words
        return canvas.safe(qualifier, "italic")
    return canvas.styled(qualifier, "italic dim")  # ours: no condition stated, revised


def claims_view(canvas: Canvas, finding: Finding, pos: Position, verbose: bool = False) -> list[Text]:
    texts: list[Text] = []
    for index, claim in enumerate(pos.claims):
        if index:
            texts.append(canvas.text(""))
        texts.append(claim_text(canvas, claim, show_qualifier=finding.kind is not FindingKind.CONDITION,
                                verbose=verbose, shown_as=pos.value))
    return texts


def claim_text(canvas: Canvas, claim: Claim, show_qualifier: bool = True, verbose: bool = False,
               shown_as: str | None = None) -> Text:
    """One claim under its position; a value worded otherwise than the position's
    (`more than 8 million` under 8.6 million) is shown as the claim states it."""
    safe = canvas.safe
    text = safe(claim.source.outlet, "bold")
    text.append(f" · {date_label(claim.source.published)}", style=DIM)
    if shown_as is not None and claim.value.display != shown_as:
        text.append("\nstates ", style=DIM)
        text.append_text(safe(claim.value.display, "bold"))
    when = presentation.claim_when(claim)
    if when:
        text.append("\n" + " · ".join(when), style=DIM)
    if show_qualifier:
        qualifier = presentation.claim_qualifier(claim)
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


# --- timeline -------------------------------------------------------------------------------------


def timeline_rows(finding: Finding, safe=safe) -> list[tuple[str, str, Text, Text]]:
    """Date → value, outlet: how the fact changed, oldest first, undated last."""
    rows = sorted(((when_key(c, finding.kind), c.ref, c, pos) for pos in finding.positions for c in pos.claims),
                  key=lambda row: row[:2])
    shown = []
    previous: Position | None = None
    for _key, _ref, claim, pos in rows:
        when = presentation.timeline_date(claim, finding.kind)
        if finding.kind is not FindingKind.REVISED and claim.since is not None:
            when += " (since)"
        arrow = ("↻" if finding.kind is FindingKind.REVISED else "→") if previous is not None and pos is not previous else " "
        shown.append((when, arrow, safe(claim.value.display, "bold"), safe(claim.source.outlet)))
        previous = pos
    return shown


def timeline_lines(canvas: Canvas, finding: Finding) -> list[str]:
    rows = timeline_rows(finding, canvas.safe)
    indent = 2 * INDENT
    widths = [max(cell_width(row[index]) for row in rows) for index in range(4)]
    fits = sum(widths) + TIMELINE_GAP * 3 <= canvas.width - indent
    if fits and not canvas.color:  # each column as wide as its widest cell: nothing wraps
        return [" " * indent + "".join(cell + " " * (width + TIMELINE_GAP - cell_width(cell))
                                       for cell, width in zip((when, arrow, value.plain), widths)) + outlet.plain
                for when, arrow, value, outlet in rows]
    if not canvas.color:  # rich lays it out: Texts, not Plain
        rows = timeline_rows(finding)
    grid = Table.grid(padding=(0, TIMELINE_GAP))
    grid.add_column(no_wrap=True, style=DIM)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_column(ratio=1, overflow="fold")
    for row in rows:
        grid.add_row(*row)
    return canvas.rich(grid, indent, padded=True)


def cell_width(cell: str | Text | Plain) -> int:
    return cell_len(cell) if isinstance(cell, str) else cell.cell_len
