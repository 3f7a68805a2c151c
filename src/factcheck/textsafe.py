"""Untrusted text made safe to show in a terminal, a log or a document.

Claim files are data written by many hands. A statement, an outlet or a file
name may hold an escape sequence (clear the screen, set the window title,
open an OSC 8 hyperlink), a carriage return that overwrites the line, or a
bidirectional override that reorders what the reader sees. `visible` turns
every such character into a visible escape (`\\x1b`, `\\u202e`), so the
reader sees exactly what the file holds and the terminal obeys none of it.

Formatters still escape for their own syntax (rich markup, Markdown, HTML);
this module only deals with characters that are dangerous everywhere.
"""

from __future__ import annotations

import re
import unicodedata

# Joins emoji into one glyph (family, flags); harmless and common in text.
_ZERO_WIDTH_JOINER = "\u200d"
_LINE_BREAK = re.compile(r" *[\t\n][ \t\n]*")


def is_unsafe(char: str) -> bool:
    """Control, format (bidi, zero-width), separator or surrogate characters."""
    if char in "\t\n" or char == _ZERO_WIDTH_JOINER:
        return False
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def escape_char(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with unsafe characters shown as escapes, on one line by default.

    Tabs and newlines (and runs of spaces around them) become one space, unless
    `keep_newlines`, which keeps line breaks (a CR is still escaped: it would
    return the cursor and let later text overwrite earlier text).
    """
    if text.isprintable() and "\t" not in text:  # the common case: nothing to do
        return text
    shown = "".join(escape_char(ch) if is_unsafe(ch) else ch for ch in text)
    if keep_newlines:
        return shown.replace("\t", " ")
    return _LINE_BREAK.sub(" ", shown)
