"""GitHub Actions workflow commands, escaped so that data never becomes a command.

The runner reads a log line as a command when it starts with `::` (after
trimming). Messages escape `%`, CR and LF; properties (file, title...) also
escape `:` and `,`, which would otherwise end the property. With every line
break escaped, text from a claim can never start a line of its own.
"""

from __future__ import annotations

LEVELS = ("error", "warning", "notice")


def escape_data(text: str) -> str:
    """Escape a command's message (the part after the final `::`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value such as `file=` or `title=`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, file: str, line: int | None, col: int | None, title: str, message: str) -> str:
    """One `::error file=…,line=…,col=…,title=…::message` line."""
    if level not in LEVELS:
        raise ValueError(f"unknown annotation level {level!r}; choose from {', '.join(LEVELS)}")
    properties = [f"file={escape_property(file)}"]
    if line is not None:
        properties.append(f"line={int(line)}")
    if col is not None:
        properties.append(f"col={int(col)}")
    properties.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(properties)}::{escape_data(message)}"


def plain_line(text: str) -> str:
    """A log line that is shown as text, never run: line breaks escaped, no leading `::`."""
    line = text.replace("\r", "\\r").replace("\n", "\\n")
    return "\\" + line if line.strip().startswith("::") else line
