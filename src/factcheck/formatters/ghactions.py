"""GitHub Actions workflow commands, escaped so that data never becomes a command.

The escaping itself lives in `textsafe` (github_data, github_property,
github_log_line), shared with `--format github`.
"""

from __future__ import annotations

from ..textsafe import github_data, github_property

LEVELS = ("error", "warning", "notice")


def annotation(level: str, file: str, line: int | None, col: int | None, title: str, message: str) -> str:
    """One `::error file=…,line=…,col=…,title=…::message` line."""
    if level not in LEVELS:
        raise ValueError(f"unknown annotation level {level!r}; choose from {', '.join(LEVELS)}")
    properties = [f"file={github_property(file)}"]
    if line is not None:
        properties.append(f"line={int(line)}")
    if col is not None:
        properties.append(f"col={int(col)}")
    properties.append(f"title={github_property(title)}")
    return f"::{level} {','.join(properties)}::{github_data(message)}"
