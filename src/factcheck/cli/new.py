"""`factcheck new`: a claim file skeleton for an article, to edit instead of typing."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from ..words import counted
from .root import app
from .common import EXIT_FAILED, EXIT_OK, fail_output, fail_usage

SCHEMA_FILE = Path("schema") / "claims.schema.json"


def _schema_near(folder: Path) -> str | None:
    """The relative path to schema/claims.schema.json in `folder` or a parent, for the editor line."""
    for parent in (folder, *folder.parents):
        if (parent / SCHEMA_FILE).is_file():
            return Path(os.path.relpath(parent / SCHEMA_FILE, folder)).as_posix()
    return None


@app.command()
def new(
    article: Path = typer.Argument(..., help="The article's text file (UTF-8)."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="The claim file to create (never overwritten). Default: standard output."),
) -> None:
    """Start a claim file for ARTICLE: the source block to fill, and candidate claims.

    Each sentence of the article with a figure, a date or a word such as
    'exclusive' becomes a candidate claim with a short quote, commented out (the
    first is live). The title is filled in when the article's first line reads as
    a headline. Fill in the empty fields, then run `factcheck validate` and
    `factcheck verify`. An existing file is never overwritten.
    """
    from ..loader import read_text
    from ..skeleton import skeleton
    from ..textsafe import visible
    from ..writes import create_new

    if not article.is_file():
        fail_usage(f"no such article file: {article}")
    if output is not None:
        if output.exists() or output.is_symlink():
            fail_usage(f"-o {output}: the file exists; factcheck new never overwrites a file (choose another name)")
        if not output.parent.is_dir():
            fail_usage(f"-o {output}: folder {output.parent} does not exist")
    text, problem = read_text(article, visible(str(article)))
    if problem is not None:
        typer.echo(f"{problem.path}:{problem.line}:{problem.column}: {problem.message}", err=True)
        raise typer.Exit(EXIT_FAILED)
    folder = (output.parent if output is not None else Path.cwd()).resolve()
    article_ref = Path(os.path.relpath(article.resolve(), folder)).as_posix()
    content = skeleton(text or "", article_ref, _schema_near(folder))
    if output is None:
        sys.stdout.write(content)
        raise typer.Exit(EXIT_OK)
    try:
        create_new(output, content)
    except FileExistsError:
        fail_usage(f"-o {output}: the file exists; factcheck new never overwrites a file (choose another name)")
    except OSError as error:
        fail_output(f"-o {output}", error)
    candidates = content.count("\n  # line ")
    typer.echo(f"wrote {output}: the source block and {counted(candidates, 'candidate claim')}; "
               "fill in the empty fields, then run factcheck validate", err=True)
    raise typer.Exit(EXIT_OK)
