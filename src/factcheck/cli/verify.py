"""`factcheck verify`: check claims against their articles, and list what curation missed."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .root import app
from .common import DEFAULT_CORPUS, EXIT_FAILED, EXIT_OK, PATH_HELP, corpus_path, fail_usage

VERIFY_FORMATS = ("text", "json", "github")  # formatters.COMMAND_FORMATTERS["verify", …]


@app.command()
def verify(
    path: Optional[Path] = typer.Argument(DEFAULT_CORPUS, show_default=False, help=PATH_HELP),
    articles: Optional[Path] = typer.Option(
        None, "--articles", "-a",
        help="Folder of article texts: a source's text: that is not found next to its claim file "
        "(or that leaves the corpus folder) is looked up here by its file name.",
    ),
    coverage: bool = typer.Option(
        False, "--coverage", help="Also list, per article, the sentences with checkable facts that no claim quotes "
        "(the to-do list), and those explained in the corpus's _coverage.yaml, with their reason."
    ),
    format: str = typer.Option("text", "--format", "-f", help=f"Output format: {', '.join(VERIFY_FORMATS)}."),
) -> None:
    """Check each claim's quote and figures against its article (source.text).

    Exits 0 when every quote and figure is found, 1 when some are missing or
    files are invalid or refused, 2 on usage errors. Sources without text are
    listed as unverifiable; that alone does not fail.
    """
    if format not in VERIFY_FORMATS:
        fail_usage(f"--format {format!r}: choose from {', '.join(VERIFY_FORMATS)}")
    if articles is not None and not articles.is_dir():
        fail_usage(f"--articles {articles}: no such folder")
    from ..provenance import verify as run_verify
    from ..workspace import load_workspace

    workspace = load_workspace(corpus_path(path))
    result = run_verify(workspace.corpus, articles, explanations=workspace.explanations,
                        settings_problems=workspace.settings_problems)
    from ..formatters import get_command_formatter

    typer.echo(get_command_formatter("verify", format)(result, coverage), nl=False)
    raise typer.Exit(EXIT_FAILED if result.errors else EXIT_OK)
