"""`factcheck validate`: problems only, fast, for editors and pre-commit."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..words import counted
from .root import app
from .common import DEFAULT_CORPUS, EXIT_FAILED, EXIT_OK, NO_CACHE_HELP, PATH_HELP, corpus_path, file_cache


@app.command()
def validate(
    path: Optional[Path] = typer.Argument(DEFAULT_CORPUS, show_default=False, help=PATH_HELP),
    no_cache: bool = typer.Option(False, "--no-cache", help=NO_CACHE_HELP),
) -> None:
    """Check claim files and settings files for problems, one line each: file:line:column: message \\[code].

    Exits 0 when every file is valid, 1 otherwise. Does not look for findings.
    """
    from ..textsafe import terminal
    from ..workspace import load_workspace

    workspace = load_workspace(corpus_path(path), cache=file_cache(no_cache))
    corpus, diagnostics = workspace.corpus, workspace.diagnostics
    for diagnostic in diagnostics:
        prefix = "" if diagnostic.is_error else "warning: "
        typer.echo(terminal(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {prefix}{diagnostic.coded_message}"))
    for hint in _name_hints(corpus, workspace.settings):
        typer.echo(hint)
    errors = sum(1 for d in diagnostics if d.is_error)
    files = len(corpus.sources)
    claims = len(corpus.claims)
    summary = f"{counted(files, 'valid source file')}, {counted(claims, 'claim')}"
    summary += f"; {counted(errors, 'error')}" if errors else "; no errors"
    typer.echo(summary, err=True)
    raise typer.Exit(EXIT_FAILED if errors else EXIT_OK)


def _name_hints(corpus, settings) -> list[str]:
    """`file:line:column: hint: ...` where a name nearly matches one already in use (a possible match)."""
    from ..matching import groups_of, match_names
    from ..possible import possible_matches
    from ..textsafe import visible

    if not corpus.claims:
        return []
    matching = match_names([(c.subject, c.property) for c in corpus.claims], settings)
    groups = groups_of(corpus.claims, matching)
    by_ref = {c.ref: c for c in corpus.claims}
    hints = []
    for match in possible_matches(groups, corpus.claims, matching, settings):
        # Point at the less used wording: the one a curator most likely typed anew.
        smaller, larger = sorted(zip(match.sides, match.names), key=lambda side: (len(side[0]), side[1]))
        claim = by_ref[smaller[0][0]]
        field = "subject" if match.kind == "subject" else "property"
        line, column = claim.position_of(field)
        hints.append(visible(f"{claim.source.path}:{line}:{column}: hint: {smaller[1]!r} nearly matches "
                             f"{larger[1]!r} ({counted(len(larger[0]), 'claim')}); reuse that "
                             f"name, or accept or dismiss {match.id} with factcheck matches"))
    return sorted(hints)
