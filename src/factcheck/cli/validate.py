"""`factcheck validate`: problems only, fast, for editors and pre-commit."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from . import app
from .common import DEFAULT_CORPUS, EXIT_FAILED, EXIT_OK, NO_CACHE_HELP, PATH_HELP, corpus_path, file_cache


@app.command()
def validate(
    path: Optional[Path] = typer.Argument(DEFAULT_CORPUS, show_default=False, help=PATH_HELP),
    no_cache: bool = typer.Option(False, "--no-cache", help=NO_CACHE_HELP),
) -> None:
    """Check claim files and settings files for problems, one line each: file:line:column: message \\[code].

    Exits 0 when every file is valid, 1 otherwise. Does not look for findings.
    """
    from ..explanations import read_explanations
    from ..loader import load_corpus
    from ..resolutions import read_resolutions
    from ..settings import settings_from_corpus
    from ..textsafe import terminal

    corpus = load_corpus(corpus_path(path), cache=file_cache(no_cache))
    _settings, problems = settings_from_corpus(corpus)
    _reviews, review_problems = read_resolutions(corpus)
    _explained, coverage_problems = read_explanations(corpus)
    diagnostics = list(corpus.diagnostics) + problems + review_problems + coverage_problems
    for diagnostic in diagnostics:
        prefix = "" if diagnostic.is_error else "warning: "
        typer.echo(terminal(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {prefix}{diagnostic.coded_message}"))
    errors = sum(1 for d in diagnostics if d.is_error)
    files = len(corpus.sources)
    claims = len(corpus.claims)
    summary = f"{files} valid source file{'s' * (files != 1)}, {claims} claim{'s' * (claims != 1)}"
    summary += f"; {errors} error{'s' * (errors != 1)}" if errors else "; no errors"
    typer.echo(summary, err=True)
    raise typer.Exit(EXIT_FAILED if errors else EXIT_OK)
