"""libyaml's and PyYAML's errors as our diagnostics: a code, `line:column` and a plain message.

The parsers word the same problem differently and count positions differently
(libyaml in UTF-8 bytes), so each error is mapped here to one of our codes at
the place a reader would look: a tab in the indentation, a key over YAML's
length limit, a character YAML forbids raw, or any other syntax error.
"""

from __future__ import annotations

import yaml

from . import codes
from .model import Diagnostic
from .textsafe import quoted

MAX_KEY_CHARS = 1024  # YAML's own limit for a plain key on one line; both parsers enforce it
QUOTE_LIMIT = 80  # characters of user text quoted in one message


def visible(text: str, limit: int | None = QUOTE_LIMIT) -> str:
    """User text made safe to quote in a message (see textsafe.quoted), cut to `limit` characters."""
    return quoted(text, limit)


def syntax_diagnostic(path: str, text: str, error: yaml.MarkedYAMLError) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = (error.problem or "invalid YAML").strip()
    if "'\\t'" in problem or tab_indent_at(text, line):
        message = "tab character in indentation; YAML indents with spaces only"
        return Diagnostic(path, line, column, codes.YAML_TAB, message)
    key_column = long_key_at(text, line, column)
    if key_column is not None:
        return Diagnostic(path, line, key_column, codes.YAML_KEY_LENGTH,
                          f"a mapping key longer than {MAX_KEY_CHARS:,} characters; YAML allows no longer "
                          "key on one line (the field names here are short)")
    context = ""
    if error.context:
        context = f" ({visible(error.context.strip())}"
        start = error.context_mark
        if start is not None and (start.line, start.column) != (line - 1, column - 1):
            context += f" that starts at {start.line + 1}:{start.column + 1}"
        context += ")"
    return Diagnostic(path, line, column, codes.YAML_SYNTAX, f"YAML syntax error: {visible(problem)}{context}")


def long_key_at(text: str, line: int, column: int) -> int | None:
    """Where a plain key starts, when the parser stopped at its `:` because it is over YAML's limit.

    Both libyaml and the pure-Python parser stop looking for a key's `:` after
    1,024 characters (the YAML spec's limit), and then report the `:` itself.
    """
    lines = text.splitlines()
    if not 0 < line <= len(lines) or lines[line - 1][column - 1:column] != ":":
        return None
    before = lines[line - 1][:column - 1]
    start = len(before) - len(before.lstrip(" -"))
    return start + 1 if len(before[start:].rstrip()) > MAX_KEY_CHARS else None


def reader_diagnostic(path: str, text: str, error: yaml.reader.ReaderError, counts_bytes: bool) -> Diagnostic:
    """A character YAML forbids raw (e.g. a control character): where it is, shown as U+XXXX."""
    position = error.position
    if counts_bytes:  # libyaml counts UTF-8 bytes, not characters
        position = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character or "\0")
    message = (f"character U+{code:04X} is not allowed in YAML; "
               "remove it, or write it as an escape inside double quotes")
    return Diagnostic(path, line, column, codes.YAML_CHARACTER, message)


def tab_indent_at(text: str, line: int) -> bool:
    lines = text.splitlines()
    if 0 < line <= len(lines):
        stripped = lines[line - 1]
        return "\t" in stripped[: len(stripped) - len(stripped.lstrip(" \t"))]
    return False
