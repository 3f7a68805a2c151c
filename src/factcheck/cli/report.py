"""`factcheck report`: the main job."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from . import app
from .common import DEFAULT_CORPUS, EXIT_FAILED, EXIT_OK, PATH_HELP, corpus_path, fail_usage, stdout_width, write_output

REPORT_FORMATS = ("text", "json", "markdown", "html")


@app.command()
def report(
    path: Path = typer.Argument(DEFAULT_CORPUS, help=PATH_HELP),
    format: str = typer.Option("text", "--format", "-f", help=f"Output format: {', '.join(REPORT_FORMATS)}."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
    topic: List[str] = typer.Option([], "--topic", help="Only findings in this topic (repeatable)."),
    subject: List[str] = typer.Option([], "--subject", help="Only findings about this subject (repeatable)."),
    source: List[str] = typer.Option([], "--source", help="Only findings involving this source id (repeatable)."),
    kind: List[str] = typer.Option([], "--kind", help="Only findings of this kind: contradiction, condition, superseded, corroborated (repeatable)."),
    since: Optional[str] = typer.Option(None, "--since", help="Only findings with a claim dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show corroborated findings in full, not one line each."),
) -> None:
    """Report what the sources disagree on, what changed over time, and what they corroborate.

    Exits 0 when the report was made, 1 when some claim files were invalid
    (they are listed; the rest is still reported), 2 on usage errors.
    """
    from ..dates import DateError, parse_date
    from ..engine import analyse
    from ..formatters import RenderOptions, get_formatter
    from ..loader import load_corpus
    from ..model import FindingKind
    from ..report import Filters, build_report
    from ..resolutions import read_resolutions

    if format not in REPORT_FORMATS:
        fail_usage(f"--format {format!r}: choose from {', '.join(REPORT_FORMATS)}")
    kinds = []
    for name in kind:
        try:
            kinds.append(FindingKind(name))
        except ValueError:
            fail_usage(f"--kind {name!r}: choose from {', '.join(k.value for k in FindingKind)}")
    since_date = None
    if since is not None:
        try:
            since_date = parse_date(since)
        except DateError as error:
            fail_usage(f"--since: {error}")
    corpus = load_corpus(corpus_path(path))
    analysis = analyse(corpus)
    filters = Filters(tuple(topic), tuple(subject), tuple(source), tuple(kinds), since_date)
    resolutions, resolution_problems = read_resolutions(corpus)
    result = build_report(analysis, filters, resolutions, resolution_problems, verbose=verbose)
    options = RenderOptions(width=stdout_width(), color=False, verbose=verbose)
    write_output(get_formatter(format)(result, options), output)
    raise typer.Exit(EXIT_FAILED if result.errors else EXIT_OK)
