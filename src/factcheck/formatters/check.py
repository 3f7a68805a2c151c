"""`factcheck check`'s own formats: text (one line per problem, as linters print), JSON (the
report with what check decided) and Markdown (the report; the problems go to stderr).

Each receives the gate's result as data (gate.CheckResult: its report, problems and counts) and
never judges; github and sarif have their own modules. All are keyed in `CHECK_FORMATTERS`.
"""

from __future__ import annotations

import dataclasses

from ..textsafe import visible
from . import RenderOptions, get_formatter


def render_text(result, options: RenderOptions = RenderOptions()) -> str:
    """One line per problem, `file:line:column: code message`, then a summary; verbose: the report first."""
    listed = result.listed(conditions=options.verbose)
    lines = [visible(problem.lint_line()) for problem in listed]
    lines.append(result.lint_summary(listed))
    text = "\n".join(lines) + "\n"
    if not options.verbose:
        return text
    # The report's own list of file problems would repeat the lines that follow it.
    report = dataclasses.replace(result.report, diagnostics=())
    verbose = RenderOptions(width=options.width, color=False, verbose=True)
    return get_formatter("text")(report, verbose) + "\n" + text


def render_json(result, options: RenderOptions = RenderOptions()) -> str:
    """The report JSON (spec §5) plus what check decided."""
    import json

    from ..textsafe import json_text
    from .json import report_json

    data = report_json(result.report)
    data["check"] = {
        "passed": not result.failed,
        "unresolved": [f.id for f in result.unresolved],
        "conditions": [f.id for f in result.conditions],
        "reviewed": [f.id for f in result.reviewed],
        "open": [f.id for f in result.kept_open],  # reviewed, passing, but not resolved
        "outdated": [
            {"id": o.resolution.finding_id, "file": o.resolution.path, "line": o.resolution.line,
             "column": o.resolution.column, "now": o.finding.id}
            for o in result.state.outdated
        ],
        "stale": [
            {"id": r.finding_id, "file": r.path, "line": r.line, "column": r.column}
            for r in result.state.stale
        ],
    }
    return json_text(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def render_markdown(result, options: RenderOptions = RenderOptions()) -> str:
    """The Markdown report of what check judged (its problems go to stderr: `problem_log`)."""
    return get_formatter("markdown")(result.report, RenderOptions(width=options.width, color=False))


def problem_log(result) -> str:
    """Every problem as `file:line:column: level: message`, then the verdict line."""
    from ..textsafe import terminal

    return "".join(terminal(str(problem)) + "\n" for problem in result.problems) + result.summary() + "\n"
