"""The short listings of `factcheck timeline`, `sources` and `topics`, laid out by rich.

They are small (a table of sources or topics, one fact's claims in time order), so
rich measures and wraps them; claim text is data here too (`safe`).
"""

from __future__ import annotations

import io
from typing import Iterable, Sequence

from rich import box
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..dates import date_label
from ..model import Claim
from . import RenderOptions
from .presentation import claim_qualifier
from .text_canvas import make_console, safe

DEFAULT_WIDTH = 80
MIN_WIDTH = 40
INDENT = 2
DIM = "dim"


def _console(options: RenderOptions):
    buffer = io.StringIO()
    return make_console(max(MIN_WIDTH, options.width or DEFAULT_WIDTH), options.color, buffer), buffer


def _finish(buffer: io.StringIO, options: RenderOptions) -> str:
    """The rendered text; without colour, free of the trailing spaces rich pads with."""
    text = buffer.getvalue()
    return text if options.color else "\n".join(line.rstrip() for line in text.split("\n"))


def render_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]],
                 options: RenderOptions = RenderOptions(), wrap: Sequence[int] = ()) -> str:
    """A short listing: a title line, then aligned columns.

    Numbers align right. Only the columns in `wrap` may wrap, unless the
    table cannot fit otherwise; then any column may.
    """
    console, buffer = _console(options)
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
    return _finish(buffer, options)


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
    console, buffer = _console(options)
    console.print(safe(title, "bold"))
    console.print(Text(""))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style=DIM)
    grid.add_column(overflow="fold")
    for index, (claim, label) in enumerate(claims):
        date = claim.timeline_date
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
    return _finish(buffer, options)
