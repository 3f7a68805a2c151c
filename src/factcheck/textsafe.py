"""Untrusted text made safe for each place factcheck shows it: the one escaping module.

Claim files are data written by many hands. A statement, an outlet or a file
name may hold an escape sequence (clear the screen, set the window title,
open an OSC 8 hyperlink), a carriage return that overwrites the line, a
bidirectional override that reorders what the reader sees, or syntax of the
document it lands in (Markdown, HTML, a GitHub workflow command).

One rule says which characters are unsafe everywhere (`is_unsafe`); one
function per target makes text literal there, and every formatter uses them:

    terminal(text)          a terminal or a CI log (also `visible`)
    quoted(text, limit)     user text quoted inside a diagnostic message
    markdown(text)          one line of GitHub-flavoured Markdown (reports, comments)
    github_summary(text)    a cell of the `$GITHUB_STEP_SUMMARY` table
    html_text(text)         HTML element content or a quoted attribute
    github_data(text)       a workflow command's message
    github_property(text)   a workflow command's property (file=, title=)
    github_log_line(text)   a plain line of a GitHub Actions log
    json_text(dumped)       JSON text: unsafe characters as \\u escapes (the data is kept)
"""

from __future__ import annotations

import html
import re
import unicodedata

# Joins emoji into one glyph (family, flags); harmless and common in text.
_ZERO_WIDTH_JOINER = "\u200d"
_LINE_BREAK = re.compile(r" *[\t\n][ \t\n]*")
_QUOTE_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNSAFE_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))


def is_unsafe(char: str) -> bool:
    """Control, format (bidi, zero-width), private, unassigned, separator or surrogate characters.

    Tab and newline are layout, not danger: each target decides what to do with them.
    """
    if char in "\t\n" or char == _ZERO_WIDTH_JOINER:
        return False
    return unicodedata.category(char) in _UNSAFE_CATEGORIES


def escape_char(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _reveal(text: str) -> str:
    if text.isprintable():  # the common case: nothing to do
        return text
    return "".join(escape_char(ch) if is_unsafe(ch) else ch for ch in text)


def terminal(text: object, *, keep_newlines: bool = False) -> str:
    """`text` with unsafe characters shown as escapes (`\\x1b`, `\\u202e`), on one line by default.

    Tabs and newlines (and runs of spaces around them) become one space, unless
    `keep_newlines`, which keeps line breaks (a CR is still escaped: it would
    return the cursor and let later text overwrite earlier text).
    """
    shown = _reveal(str(text))
    if keep_newlines:
        return shown.replace("\t", " ")
    return _LINE_BREAK.sub(" ", shown) if ("\n" in shown or "\t" in shown) else shown


visible = terminal  # the name most of the code knows


def quoted(text: object, limit: int | None = None) -> str:
    """User text quoted in a message: every invisible character escaped, `\\n` and `\\t` included,
    and long text cut to `limit` characters."""
    text = str(text)
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    if text.isprintable():
        return text
    return "".join(_QUOTE_ESCAPES.get(ch) or (escape_char(ch) if is_unsafe(ch) or ch == "\t" else ch) for ch in text)


# --- Markdown (GitHub) ------------------------------------------------------------

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the
# ones that start syntax anywhere in a line (tables, emphasis, code, links,
# HTML, entities, strikethrough, GitHub math).
_MD_ESCAPED = re.compile(r"([\\`*_\[\]<>|~$&#])")
# Block syntax that only counts at the start of a line (list items, setext
# headings), in case a string opens a list item.
_MD_LINE_START = re.compile(r"^(\s*)([-+=])")
_MD_ORDERED_ITEM = re.compile(r"^(\s*\d+)([.)])")
ZWSP = "\u200b"
# What GitHub links after rendering, whatever the escapes: URLs (`http:`, `www.`), e-mail
# addresses and @mentions (`@`), issue references (`#12`, `GH-12`) and :emoji:. A zero-width
# space breaks each pattern without changing what the reader sees. Commit hashes: `_HEX_RUN`.
_MD_AUTOLINKED = re.compile(r"(?<=[@#:])(?=[\w/])|(?<=www)(?=\\?\.)|(?<=\bGH)(?=-\d)", re.IGNORECASE)
# A finding id's hash (con-0123abcdef) stays whole: people copy it into `factcheck resolve`.
_HEX_RUN = re.compile(r"(?<!con-)(?<!cnd-)(?<!sup-)(?<!cor-)\b[0-9a-f]{7,}\b", re.IGNORECASE)


def _defuse_hashes(match: re.Match[str]) -> str:
    run = match.group()
    if run.isdigit():  # a number, not a hash: keep figures copyable
        return run
    return ZWSP.join(run[i:i + 6] for i in range(0, len(run), 6))


# Whatever any of the patterns above could change: text without it is already literal
# (most claim text), and one search is cheaper than five substitutions.
_MD_ANY = re.compile(r"[\\`*_\[\]<>|~$&#@:]|^\s*[-+=]|^\s*\d+[.)]|www|\bGH-|\b[0-9a-f]{7,}\b", re.IGNORECASE)


def markdown(text: object) -> str:
    """Any untrusted string, made literal for one line of GitHub Markdown.

    Control characters become visible escapes; Markdown and HTML syntax is
    backslash-escaped (no tags, links, images, emphasis, math or broken
    tables); a zero-width space defuses what GitHub links after rendering.
    """
    shown = terminal(text)
    if not _MD_ANY.search(shown):
        return shown
    shown = _HEX_RUN.sub(_defuse_hashes, shown)
    shown = _MD_ESCAPED.sub(r"\\\1", shown)
    shown = _MD_LINE_START.sub(r"\1\\\2", shown)
    shown = _MD_ORDERED_ITEM.sub(r"\1\\\2", shown)
    return _MD_AUTOLINKED.sub(ZWSP, shown)


def github_summary(text: object) -> str:
    """A cell of the step-summary table: the same literal Markdown, on one line."""
    return markdown(text)


def markdown_code(text: object) -> str:
    """An inline code span that no backtick in `text` can close early."""
    shown = terminal(text)
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


# --- HTML ---------------------------------------------------------------------------


def _html_placeholder(char: str) -> str:
    if char < "\x20":
        return chr(0x2400 + ord(char))  # ␛ for ESC, ␇ for BEL: visible, inert
    if char == "\x7f":
        return "\u2421"
    return escape_char(char)


def html_clean(value: object) -> str:
    """Text with unsafe characters made visible and inert (newlines and tabs kept)."""
    text = str(value)
    if text.isprintable():
        return text
    return "".join(_html_placeholder(ch) if is_unsafe(ch) else ch for ch in text)


def html_text(value: object) -> str:
    """Corpus text, safe in HTML element content and in quoted attributes."""
    return html.escape(html_clean(value), quote=True)


# --- GitHub Actions workflow commands and log -------------------------------------
# The runner reads a log line as a command when it starts with `::` (after trimming).
# Messages escape `%`, CR and LF; properties also escape `:` and `,`, which would end
# the property. Every other unsafe character (U+2028 too) is shown as an escape, so
# data can neither start a line of its own nor drive the log viewer's terminal emulation.


def github_data(text: object) -> str:
    """Escape a workflow command's message (the part after the final `::`)."""
    text = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _reveal(text)


def github_property(text: object) -> str:
    """Escape a workflow command's property value such as `file=` or `title=`."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_log_line(text: object) -> str:
    """A log line shown as text, never run: line breaks escaped, no leading `::`."""
    line = "".join("\\n" if ch == "\n" else "\\t" if ch == "\t" else escape_char(ch) if is_unsafe(ch) else ch
                   for ch in str(text))
    return "\\" + line if line.strip().startswith("::") else line


# --- JSON ---------------------------------------------------------------------------

_JSON_NOT_ASCII = re.compile(r"[^\t\n\x20-\x7e]+")  # runs, so text in any script costs one call per run


def _json_escape_run(match: re.Match[str]) -> str:
    run = match.group()
    return run if run.isprintable() else "".join(_json_escape(ch) if is_unsafe(ch) else ch for ch in run)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_text(dumped: str) -> str:
    """JSON from `json.dumps(..., ensure_ascii=False)` with unsafe characters as `\\uXXXX`.

    They can only occur inside strings, where the escape is the same data: a
    script reads exactly what the file holds, a terminal showing the JSON obeys none of it.
    """
    return _JSON_NOT_ASCII.sub(_json_escape_run, dumped)
