"""Lines of the text report, laid out by our own code and drawn plain or with ANSI styles.

Rich's nested `Padding`, `Group` and `Table` re-split every line of a block
at each level; on a big corpus that was most of the report's time. The
report is made of rich `Text` (claim text stays data, see `safe`), but the
layout is simple (indents, fixed-width columns, a word wrap), so it is done
here with rich's own primitives (`divide_line` for word wrapping, cell widths
for wide characters): the bytes are the ones rich drew before, with and
without colour. Without colour a line is drawn from the plain text alone and
loses its trailing spaces; with colour, from the Text's segments.

A layout rich does better (the rules, a timeline in colour or too wide for plain columns)
still goes through rich (`Canvas.rich`), one renderable at a time.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Sequence

from rich._wrap import divide_line
from rich.cells import cell_len, get_character_cell_size, set_cell_size
from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.text import Span, Text

from ..textsafe import visible

_TRAILING_SPACE = re.compile(r"\s+$")
_JOINER = Text("\n")  # how rich joins a Text's wrapped lines: the Text's own style becomes a span


def safe(text: object, style: str = "") -> Text:
    """Untrusted text as a rich Text: control characters escaped, never markup.

    The style covers this text only (a span), not text appended to it later.
    """
    plain = visible(str(text))
    # What `Text(plain, overflow="fold")` makes, without its pass over every character to strip
    # control codes: `visible` has escaped them all (the report makes 100,000 of these).
    shown = Text(overflow="fold")
    shown._text = [plain]
    shown._length = len(plain)
    if style and plain:
        shown._spans.append(Span(0, len(plain), style))
    return shown


def styled(text: str, style: str) -> Text:
    """Our own words, styled as a span (appended text does not inherit it)."""
    return Text.assemble((text, style), overflow="fold")


def _text(text: str = "", style: str = "") -> Text:
    return Text(text, style=style)


class Plain:
    """What a Text of the report draws as without colour: its plain text alone.

    A plain report is built of these, not Texts (`Canvas.safe`, `styled`, `text`, `assemble`):
    making and measuring Texts whose styles are then dropped was most of its time. The same
    calls as a Text's build it; the styles they name are ignored.
    """

    __slots__ = ("plain",)

    def __init__(self, plain: str = "") -> None:
        self.plain = plain

    def append(self, text: str, style: str | None = None) -> Plain:
        self.plain += text
        return self

    def append_text(self, text: Plain) -> Plain:
        self.plain += text.plain
        return self

    @property
    def cell_len(self) -> int:
        return _cells(self.plain)


def _plain_safe(text: object, style: str = "") -> Plain:
    return Plain(visible(str(text)))


def _plain_styled(text: str = "", style: str = "") -> Plain:
    return Plain(text)


def _plain_assemble(*parts: str | tuple[str, str] | Plain) -> Plain:
    return Plain("".join(part if isinstance(part, str) else part[0] if isinstance(part, tuple) else part.plain
                         for part in parts))


def make_console(width: int, color: bool, file=None) -> Console:
    """A console with a fixed width, colour only if asked; markup, emoji codes and
    highlighting off, and nothing read from the environment (the CLI has decided)."""
    return Console(
        file=file, width=width, color_system="standard" if color else None, force_terminal=color,
        force_jupyter=False, force_interactive=False, no_color=not color, markup=False, emoji=False,
        highlight=False, legacy_windows=False, soft_wrap=False,
    )


# Printable characters one cell wide (rich's own measure): text of these alone, as most claim
# text and the report's own marks (· ─ ▸ ✓ — ’) are, is measured and wrapped as ASCII is.
_ONE_CELL = frozenset(char for first, last in ((0x20, 0x7E), (0xA1, 0x17F), (0x2010, 0x205E), (0x20A0, 0x20C0),
                                               (0x2190, 0x21FF), (0x2500, 0x25FF), (0x2713, 0x2713))
                      for char in map(chr, range(first, last + 1))
                      if char.isprintable() and get_character_cell_size(char) == 1)
_one_cell_each = _ONE_CELL.issuperset


def _cells(plain: str) -> int:
    """Width in terminal cells; ASCII (most claim text) is one cell a character."""
    return len(plain) if plain.isascii() or _one_cell_each(plain) else cell_len(plain)


def cells(text: Text) -> int:
    """`text.cell_len`, counted as `_cells` counts it."""
    return _cells(text.plain)


def _wrapped(plain: str, width: int) -> list[str]:
    """One paragraph cut at word boundaries as rich's `Text.wrap` cuts it (long words folded)."""
    if len(plain) <= width and (plain.isascii() or _cells(plain) <= width):
        return [plain]
    lines = _one_cell_lines(plain, width)
    if lines is not None:  # each at most `width` long but for the spaces after it, which go
        return [line if len(line) <= width else line[:width] for line in lines]
    offsets = divide_line(plain, width, fold=True)
    pieces = []
    for start, end in zip([0, *offsets], [*offsets, len(plain)]):
        piece = plain[start:end]
        if len(piece) > width:  # trailing space beyond the width goes (rich's rstrip_end)
            space = _TRAILING_SPACE.search(piece)
            if space is not None:
                piece = piece[: len(piece) - min(len(space.group()), len(piece) - width)]
        if _cells(piece) > width:
            piece = set_cell_size(piece, width)
        pieces.append(piece)
    return pieces


_LINES: dict[int, re.Pattern[str]] = {}


def _one_cell_lines(plain: str, width: int) -> list[str] | None:
    """The lines rich's `divide_line` cuts a paragraph into, each with the spaces after it, when the
    paragraph is printable text one cell a character (most claim text: its only space is " ",
    and a word's width is its length); else, or when a word is longer than a line, None.

    A line is the most words from a word's start whose text, less the spaces after the last,
    fits in `width`: one regular expression finds them all."""
    if width < 1 or not (plain.isprintable() and (plain.isascii() or _one_cell_each(plain))):
        return None
    line = _LINES.get(width)
    if line is None:
        line = _LINES[width] = re.compile(f".{{0,{width - 1}}}[^ ](?: +|\\Z)")
    lines = line.findall(plain)
    if sum(map(len, lines)) == len(plain):  # every word placed (found lines never overlap)
        return lines
    if not plain.strip(" "):  # only spaces: one line
        return [plain]
    return None  # a word longer than a line: rich folds it


class Canvas:
    """Draws the report's lines, `width` cells wide: each line a string, plain or with ANSI codes.

    `padded` lines (inside an indented block) are filled with spaces to the
    width when in colour, as rich filled them; without colour nothing trails.
    """

    def __init__(self, width: int, color: bool) -> None:
        self.width = width
        self.color = color
        self.console = make_console(width, color)
        self._color_system = self.console._color_system  # what Style.render takes (the console's own writer uses it)
        self._made: dict[tuple, list[str]] = {}
        # The report's words: Texts to draw in colour, their plain text alone without (`Plain`).
        # `safe(data, style)` for claim text, `styled(ours, style)` a span, `text(ours, style)` a
        # Text styled as a whole, `assemble` as `Text.assemble`.
        if color:
            self.safe, self.styled, self.text, self.assemble = safe, styled, _text, Text.assemble
        else:
            self.safe, self.styled, self.text, self.assemble = _plain_safe, _plain_styled, _plain_styled, _plain_assemble

    def once(self, key: tuple, make: Callable[[], list[str]]) -> list[str]:
        """`make()`, made once for this canvas: lines every finding of a shape draws alike."""
        lines = self._made.get(key)
        if lines is None:
            lines = self._made[key] = make()
        return lines

    # --- one Text --------------------------------------------------------------------------------

    def wrap(self, text: Text, width: int) -> list[str]:
        """`text` in lines at most `width` cells wide, each drawn (plain or styled), unpadded."""
        if not self.color:
            plain = text.plain
            if "\n" not in plain:
                return _wrapped(plain, width)
            return [piece for paragraph in plain.split("\n") for piece in _wrapped(paragraph, width)]
        return [drawn for drawn, _cells in self.wrap_measured(text, width)]

    def wrap_measured(self, text: Text, width: int) -> list[tuple[str, int]]:
        """As `wrap`, each line with its width in cells."""
        if not self.color:
            return [(line, _cells(line)) for line in self.wrap(text, width)]
        plain = text.plain
        if "\n" not in plain and cell_len(plain) <= width:
            return [(self.draw(text), cell_len(plain))]
        return [(self.draw(line), line.cell_len)
                for line in text.wrap(self.console, width, justify="default", overflow="fold")]

    def draw(self, text: Text) -> str:
        """One line of Text as it is written: plain, or each styled segment in ANSI codes."""
        if not self.color:
            return text.plain
        if text.style:
            text = _JOINER.join([text])
        render = self._color_system
        return "".join(segment.style.render(segment.text, color_system=render) if segment.style else segment.text
                       for segment in text.render(self.console))

    def joined(self, *parts: Text | str) -> str:
        """`draw(Text.assemble(*parts))`; without colour, only the parts' plain text is joined."""
        if self.color:
            return self.draw(Text.assemble(*parts))
        return "".join(part if isinstance(part, str) else part.plain for part in parts)

    def lines(self, text: Text, indent: int = 0, padded: bool = False) -> list[str]:
        """`text` wrapped to the room after `indent`; `padded`: to the full width (inside a block)."""
        room = self.width - indent
        margin = " " * indent
        if self.color and padded:
            return [margin + line + " " * (room - cells) for line, cells in self.wrap_measured(text, room)]
        return [margin + line for line in self.wrap(text, room)]

    # --- columns ---------------------------------------------------------------------------------

    def columns(self, cells: Sequence[Sequence[Text]], widths: Sequence[int], gaps: Sequence[int],
                indent: int = 0, padded: bool = False) -> list[str]:
        """Cells side by side, top-aligned, each a stack of Texts wrapped to its column's width;
        `gaps[i]` spaces after column i (as rich's `Table.grid` draws fixed-width columns)."""
        if not self.color:
            return self._plain_columns(cells, widths, gaps, indent)
        drawn = [[line + " " * (width - used) for text in stack for line, used in self.wrap_measured(text, width)]
                 for stack, width in zip(cells, widths)]
        height = max(len(column) for column in drawn)
        margin = " " * indent
        rows = []
        for row in range(height):
            parts = [margin]
            for lines, width, gap in zip(drawn, widths, gaps):
                parts.append(lines[row] if row < len(lines) else " " * width)
                parts.append(" " * gap)
            rows.append("".join(parts))
        if self.color and padded:
            total = indent + sum(widths) + sum(gaps)
            rows = [line + " " * (self.width - total) for line in rows]
        return rows

    def _plain_columns(self, cells: Sequence[Sequence[Plain]], widths: Sequence[int], gaps: Sequence[int],
                       indent: int) -> list[str]:
        """`columns` without colour: each column's lines filled to its width and its gap, side by side."""
        drawn = []
        height = 0
        for stack, width, gap in zip(cells, widths, gaps):
            room = width + gap
            column: list[str] = []
            for text in stack:
                plain = text.plain
                for paragraph in plain.split("\n") if "\n" in plain else (plain,):
                    if len(paragraph) <= width and (paragraph.isascii() or _one_cell_each(paragraph)):
                        column.append(paragraph.ljust(room))  # one line, one cell a character
                    else:
                        column += [line.ljust(room) if line.isascii() or _one_cell_each(line)
                                   else line + " " * (room - cell_len(line)) for line in _wrapped(paragraph, width)]
            drawn.append(column)
            if len(column) > height:
                height = len(column)
        margin = " " * indent
        if height == 1:  # one line a column (a heading row): nothing to fill
            return [margin + "".join(column[0] if column else " " * (width + gap)
                                     for column, width, gap in zip(drawn, widths, gaps))]
        for column, width, gap in zip(drawn, widths, gaps):
            if len(column) < height:
                column += [" " * (width + gap)] * (height - len(column))
        return [margin + "".join(row) for row in zip(*drawn)]

    # --- anything else, through rich -------------------------------------------------------------

    def rich(self, renderable: RenderableType, indent: int = 0, padded: bool = False) -> list[str]:
        """A renderable laid out by rich in the room after `indent`."""
        options = self.console.options.update_width(self.width - indent)
        margin = " " * indent
        return [margin + self.segments(line) for line in self.console.render_lines(renderable, options, pad=padded)]

    def segments(self, line: Iterable[Segment]) -> str:
        if not self.color:
            return "".join(segment.text for segment in line)
        render = self._color_system
        return "".join(segment.style.render(segment.text, color_system=render) if segment.style else segment.text
                       for segment in line)

    def finish(self, lines: Iterable[str]) -> str:
        """Lines as written: without colour, free of trailing spaces."""
        if self.color:
            return "".join(line + "\n" for line in lines)
        if not isinstance(lines, list):
            lines = list(lines)
        return "\n".join(map(str.rstrip, lines)) + "\n" if lines else ""

