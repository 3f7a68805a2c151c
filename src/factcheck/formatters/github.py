"""`--format github`: GitHub Actions annotations, then every problem as a plain line.

Each problem becomes one workflow command, at the claim's `value:` line (a
contradiction at its newest claim, preferring a changed file; its message
names the other side's file and line):

    ::error file=claims/blog.yaml,line=11,col=12,title=Unresolved contradiction con-…::unresolved …
    ::warning file=…,line=…,col=…,title=Condition differs cnd-…::condition …

GitHub shows only 10 annotations of each level per step, so the full list
follows as plain `file:line:column: level: message` lines, between
`::stop-commands::` markers so that nothing in them is read as a command.

Claim text is data: in messages `%`, CR and LF become `%25`, `%0D`, `%0A`;
in properties `:` and `,` also become `%3A` and `%2C`. Other line
separators are shown as `\\uXXXX`. A command is always a whole line we start,
so no claim text can begin one.
"""

from __future__ import annotations

import hashlib
import os
from typing import Iterable

from ..report import Report
from . import RenderOptions

_LINE_BREAKS = {"\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"}
_MARKDOWN_SPECIAL = set("\\`*_[]<>|~&#!:@")  # a backslash makes any of them literal (CommonMark)
SUMMARY_ROWS = 200  # a step summary is capped at 1 MiB; a table this long already says enough


def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    from ..gate import problems_of

    return render_problems(problems_of(report), None)


def render_check(result) -> str:
    """Annotations and the plain list for a `factcheck check` result (gate.CheckResult)."""
    return render_problems(result.problems, result.summary())


def render_problems(problems: Iterable, summary: str | None) -> str:
    problems = list(problems)
    lines = [annotation(p) for p in problems]
    listing = [_one_line(str(p)) for p in problems]
    if listing:
        token = "factcheck-" + hashlib.sha256("\n".join(listing).encode()).hexdigest()[:32]
        lines.append(f"::stop-commands::{token}")
        lines.extend(listing)
        lines.append(f"::{token}::")
    if summary:
        lines.append(_one_line(summary))
    return "".join(line + "\n" for line in lines)


def annotation(problem) -> str:
    properties = {
        "file": _workspace_path(problem.path),
        "line": str(problem.line),
        "col": str(problem.column),
        "title": problem.title,
    }
    joined = ",".join(f"{name}={_escape_property(value)}" for name, value in properties.items())
    return f"::{problem.level} {joined}::{_escape_data(problem.message)}"


def _escape_data(text: str) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return "".join(f"\\u{ord(ch):04x}" if ch in _LINE_BREAKS else ch for ch in text)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _one_line(text: str) -> str:
    """A plain log line: line breaks shown escaped, never starting a new line."""
    return "".join(
        "\\n" if ch == "\n" else "\\r" if ch == "\r" else f"\\u{ord(ch):04x}" if ch in _LINE_BREAKS else ch
        for ch in text
    )


def _workspace_path(path: str) -> str:
    """Annotations need paths relative to the repository: the workspace, when GitHub sets it."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace:
        return path
    absolute = os.path.abspath(path)
    root = os.path.abspath(workspace)
    if os.path.commonpath([absolute, root]) != root:
        return path
    return os.path.relpath(absolute, root).replace(os.sep, "/")


# --- the step summary -----------------------------------------------------


def summary_markdown(result) -> str:
    """A Markdown section for `$GITHUB_STEP_SUMMARY`: the verdict and a table of problems."""
    problems = list(result.problems)
    lines = [f"### {_md(result.summary())}", ""]
    if problems:
        lines += ["| Level | Where | Problem |", "|---|---|---|"]
        for problem in problems[:SUMMARY_ROWS]:
            where = f"{problem.path}:{problem.line}:{problem.column}"
            lines.append(f"| {problem.level} | {_md(where)} | {_md(problem.message)} |")
        if len(problems) > SUMMARY_ROWS:
            lines += ["", f"… and {len(problems) - SUMMARY_ROWS} more (see the step log)."]
    if result.unresolved:
        lines += ["", "Record a verdict with `factcheck resolve FINDING_ID --verdict VERDICT --note NOTE` "
                      "(verdicts: superseded, source-error, both-hold, open)."]
    return "\n".join(lines) + "\n\n"


def _md(text: str) -> str:
    """Text as literal Markdown in a table cell: markup, HTML, links, mentions and `|` escaped; one line."""
    out = []
    for ch in text:
        if ch in "\r\n" or ch in _LINE_BREAKS:
            out.append(" ")
        elif ch in _MARKDOWN_SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)
