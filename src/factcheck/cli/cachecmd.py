"""`factcheck cache clean`: remove the cache (loaded files, groups' findings, reports)."""

from __future__ import annotations

import typer

from .root import app
from .common import EXIT_FAILED

cache_app = typer.Typer(
    help="The cache, .factcheck_cache/ in the working directory.\n\n"
    "report, check and validate keep it: a claim file whose bytes, path and factcheck version "
    "are unchanged is not parsed again; a group of claims none of which changed is not compared "
    "again; report keeps its last outputs. It never changes "
    "a result; --no-cache bypasses it.",
    no_args_is_help=True,
)
app.add_typer(cache_app, name="cache")


@cache_app.command("clean")
def clean() -> None:
    """Remove .factcheck_cache/ from the working directory (the next run rebuilds it).

    Exits 0 when removed or when there was none, 1 when the folder is not
    one factcheck made (it has no CACHEDIR.TAG of ours): it is left alone.
    """
    from ..cache import CACHE_DIR_NAME, clean as remove, default_dir

    folder = default_dir()
    if not folder.exists():
        typer.echo(f"no {CACHE_DIR_NAME}/ here; nothing to remove", err=True)
        return
    if not remove(folder):
        typer.echo(f"error: {CACHE_DIR_NAME}/ was not made by factcheck (no CACHEDIR.TAG of ours); left alone", err=True)
        raise typer.Exit(EXIT_FAILED)
    typer.echo(f"removed {CACHE_DIR_NAME}/", err=True)
