"""`factcheck export`: reviewed findings in formats other tools read."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .root import app
from .common import DEFAULT_CORPUS, EXIT_FAILED, EXIT_OK, PATH_HELP, corpus_path, fail_usage, write_output

EXPORT_FORMATS = ("claimreview",)


@app.command()
def export(
    path: Optional[Path] = typer.Argument(DEFAULT_CORPUS, show_default=False, help=PATH_HELP),
    format: str = typer.Option("claimreview", "--format", "-f", help=f"Output format: {', '.join(EXPORT_FORMATS)}."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
    url: Optional[str] = typer.Option(
        None, "--url",
        help="Where the fact check is published (e.g. the HTML report); each review's url is <URL>#<finding id>.",
    ),
) -> None:
    """Export reviewed findings as schema.org ClaimReview JSON-LD.

    Reviews come from the corpus's _resolutions.yaml. One ClaimReview is made
    per claim a verdict is about; unreviewed findings are left out and
    counted on stderr. Exits 0 when exported, 1 when some claim files or
    reviews were invalid (they are listed on stderr; the rest is exported),
    2 on usage errors.
    """
    from ..claimreview import claim_reviews, to_json
    from ..textsafe import terminal
    from ..workspace import load_workspace

    if format not in EXPORT_FORMATS:
        fail_usage(f"--format {format!r}: choose from {', '.join(EXPORT_FORMATS)}")
    if url is not None and not url.lower().startswith(("https://", "http://")):
        fail_usage(f"--url {url!r}: give an http(s) address")
    workspace = load_workspace(corpus_path(path))
    result = claim_reviews(workspace.analyse(), workspace.reviews, url.rstrip("#") if url else None)
    write_output(to_json(result.document), output, corpus=workspace.corpus.root)

    errors = workspace.errors
    for diagnostic in errors:
        typer.echo(str(diagnostic), err=True)
    reviews = len(result.document["@graph"])
    typer.echo(f"{reviews} ClaimReview{'s' if reviews != 1 else ''} from {len(result.reviewed)} reviewed "
               f"finding{'s' if len(result.reviewed) != 1 else ''}.", err=True)
    if result.unreviewed:
        count = len(result.unreviewed)
        typer.echo(f"{count} unreviewed finding{'s' if count != 1 else ''} left out "
                   "(record a verdict in _resolutions.yaml to export them).", err=True)
    for stale in result.stale:
        typer.echo(terminal(f"{stale.path}:{stale.line}:{stale.column}: review of {stale.finding_id} matches no "
                            "current finding; left out"), err=True)
    if reviews and url is None:
        typer.echo("note: no --url given, so the reviews have no 'url' (Google's ClaimReview profile requires one)",
                   err=True)
    raise typer.Exit(EXIT_FAILED if errors else EXIT_OK)
