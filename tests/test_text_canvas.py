"""The text report's own layout (text_canvas) draws the lines rich drew: word wrap, indents and
fixed-width columns, plain and with colour, on awkward text (wide characters, words longer
than the column, runs of spaces, a no-break space at a break)."""

from __future__ import annotations

import io
from itertools import accumulate

import pytest
from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from rich._wrap import divide_line

from factcheck.formatters.text_canvas import Canvas, _one_cell_lines, _wrapped, make_console, safe
from factcheck.textsafe import visible

WIDTH = 40
AWKWARD = [
    "",
    "short",
    "The operating margin of Bridralu Corp. is 69 percent, up from 57%.",
    "a" * 95,                                           # one word longer than two lines
    "世界の大手企業が発表した数字は三十パーセントです。" * 2,  # two cells per character
    "ends with spaces      " + "x" * 12 + "        ",
    "no-break\u00a0spaces\u00a0at\u00a0a\u00a0break and words " * 2,
    "first line\nsecond, longer line that has to wrap at some point\n\nafter a blank",
    "   leading spaces, then words that end exactly at the edge: " + "y" * 38 + " z",  # ASCII's own path
    "x" * 40 + " " + "y" * 39 + "  " + "z" * 41,       # words of a line's width, one over
    "Acme · 2025-01-10 — the CEO’s figure · " * 3 + "x" * 41,  # one cell a character, not ASCII
    "tab\tand\u3000ideographic space, é\u0301 combining, \u00ad soft hyphen " * 2,
]


def styled_text(plain: str) -> Text:
    text = safe(plain.split("\n")[0], "bold")
    for rest in plain.split("\n")[1:]:
        text.append("\n")
        text.append_text(safe(rest, "dim"))
    return text


def drawn_by_rich(renderable, color: bool, width: int = WIDTH) -> str:
    buffer = io.StringIO()
    make_console(width, color, buffer).print(renderable)
    out = buffer.getvalue()
    return out if color else "".join(line.rstrip() + "\n" for line in out.splitlines())


@pytest.mark.parametrize("color", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("plain", AWKWARD, ids=range(len(AWKWARD)))
def test_indented_text_wraps_as_rich_wraps_it(plain, color):
    canvas = Canvas(WIDTH, color)
    text = styled_text(plain)
    ours = canvas.finish(canvas.lines(text) + canvas.lines(text, 2, padded=True) + canvas.lines(text, 4, padded=True))
    assert ours == drawn_by_rich(Group(text, Padding(text, (0, 0, 0, 2)), Padding(Padding(text, (0, 0, 0, 2)),
                                                                                  (0, 0, 0, 2))), color)


@pytest.mark.parametrize("color", [False, True], ids=["plain", "colour"])
def test_columns_draw_what_a_fixed_width_grid_draws(color):
    cells = [[styled_text(AWKWARD[2]), Text(""), styled_text(AWKWARD[4])], [styled_text(AWKWARD[7])],
             [styled_text(AWKWARD[3])]]
    widths, gaps = [14, 12, 8], [3, 1, 0]
    canvas = Canvas(WIDTH, color)
    grid = Table.grid()
    for index, width in enumerate(widths):
        grid.add_column(width=width, overflow="fold", vertical="top")
        if gaps[index]:
            grid.add_column(width=gaps[index])
    grid.add_row(Group(*cells[0]), "", Group(*cells[1]), "", Group(*cells[2]))
    assert canvas.finish(canvas.columns(cells, widths, gaps, 2, padded=True)) == drawn_by_rich(
        Padding(grid, (0, 0, 0, 2)), color)


def test_plain_lines_read_exactly():
    canvas = Canvas(12, False)
    text = safe("Acme · 世界世界 and a verylongwordindeed\x1b[2J")
    assert canvas.lines(text, 2) == ["  Acme · ", "  世界世界 ", "  and a ", "  verylongwo", "  rdindeed\\x", "  1b[2J"]
    assert canvas.columns([[Text("left side")], [Text("right")]], [4, 5], [2, 0]) == [
        "left  right", "side       "]  # rstripped when the report is written


@pytest.mark.parametrize("width", [1, 2, 5, 11, 38, 40, 80])
@pytest.mark.parametrize("plain", AWKWARD)
def test_paragraphs_break_where_rich_breaks_them(plain, width):
    for paragraph in plain.split("\n"):
        lines = _one_cell_lines(paragraph, width)
        if lines is not None:  # else `_wrapped` asks rich's divide_line itself
            assert list(accumulate(map(len, lines[:-1]))) == divide_line(paragraph, width, fold=True)
        shown = visible(paragraph)  # what the report wraps: tabs and control characters never reach it
        rich_lines = Text(shown, overflow="fold").wrap(make_console(200, False), width, overflow="fold")
        assert _wrapped(shown, width) == [line.plain for line in rich_lines]


def test_one_cell_text_is_cut_by_the_expression_and_a_word_too_long_is_left_to_rich():
    assert _one_cell_lines("Acme · sells  the unit", 10) == ["Acme · ", "sells  the ", "unit"]
    assert _one_cell_lines("a verylongword", 5) is None
    assert _one_cell_lines("世界 and", 10) is None  # two cells a character: measured by rich


@pytest.mark.parametrize("color", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("plain", AWKWARD[1:], ids=range(1, len(AWKWARD)))
def test_a_long_title_wraps_beside_its_id_as_a_rich_grid_drew_it(plain, color):
    from factcheck.formatters.text_finding import title_lines

    canvas = Canvas(WIDTH, color)
    heading, finding_id = styled_text(plain.replace("\n", " ")), safe("con-0123456789", "dim")
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(ratio=1)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_row(heading, finding_id)
    assert canvas.finish(title_lines(canvas, heading, finding_id, 1)) == drawn_by_rich(grid, color)
