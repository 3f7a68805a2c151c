"""`--format github`: GitHub Actions annotations, then every problem as a plain line.

Each problem becomes one workflow command, at the claim's `value:` line (a
contradiction at its newest claim, preferring a changed file; its message
names the other side's file and line):

    ::error file=claims/blog.yaml,line=11,col=12,title=Unresolved contradiction con-…::unresolved …
    ::warning file=…,line=…,col=…,title=Condition differs cnd-…::condition …

GitHub shows only 10 annotations of each level per step, so the full list
follows as plain `file:line:column: level: message` lines, between
`::stop-commands::` markers so that nothing in them is read as a command.

Claim text is data, escaped by `textsafe`: in messages `%`, CR and LF become
`%25`, `%0D`, `%0A`; in properties `:` and `,` also become `%3A` and `%2C`.
Every other control, bidi or separator character (U+2028 too) is shown as
`\\xNN`/`\\uXXXX`. A command is always a whole line we start, so no claim
text can begin one. The step summary goes through `textsafe.github_summary`.
"""

from __future__ import annotations

import hashlib
import os
from typing import Iterable

from ..report import Report
from ..textsafe import github_data, github_log_line, github_property, github_summary, markdown_code
from . import RenderOptions

SUMMARY_ROWS = 200  # a step summary is capped at 1 MiB; a table this long already says enough


def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    return render_problems(problems_in(report), None)


def render_check(result, options: RenderOptions = RenderOptions()) -> str:
    """Annotations and the plain list for a `factcheck check` result (gate.CheckResult, as data)."""
    return render_problems(result.problems, result.summary())


def problems_in(report: Report) -> tuple:
    """The gate's problems, which the gate attaches to the report: formatters never judge."""
    if report.problems is None:
        raise ValueError("this format lists the CI gate's problems: attach them with gate.with_problems(report)")
    return report.problems


def render_problems(problems: Iterable, summary: str | None) -> str:
    problems = list(problems)
    lines = [annotation(p) for p in problems]
    listing = [github_log_line(str(p)) for p in problems]
    if listing:
        token = "factcheck-" + hashlib.sha256("\n".join(listing).encode()).hexdigest()[:32]
        lines.append(f"::stop-commands::{token}")
        lines.extend(listing)
        lines.append(f"::{token}::")
    if summary:
        lines.append(github_log_line(summary))
    return "".join(line + "\n" for line in lines)


def annotation(problem) -> str:
    properties = {
        "file": _workspace_path(problem.path),
        "line": str(problem.line),
        "col": str(problem.column),
        "title": problem.title,
    }
    joined = ",".join(f"{name}={github_property(value)}" for name, value in properties.items())
    return f"::{problem.level} {joined}::{github_data(problem.message)}"


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
    lines = [f"### {github_summary(result.summary())}", ""]
    if problems:
        lines += ["| Level | Where | Problem |", "|---|---|---|"]
        for problem in problems[:SUMMARY_ROWS]:
            where = f"{problem.path}:{problem.line}:{problem.column}"
            lines.append(f"| {problem.level} | {markdown_code(where)} | {github_summary(problem.message)} |")
        if len(problems) > SUMMARY_ROWS:
            lines += ["", f"… and {len(problems) - SUMMARY_ROWS} more (see the step log)."]
    if result.unresolved:
        lines += ["", "Record a verdict with `factcheck resolve FINDING_ID --verdict VERDICT --note NOTE` "
                      "(verdicts: superseded, source-error, both-hold, open)."]
    return "\n".join(lines) + "\n\n"
