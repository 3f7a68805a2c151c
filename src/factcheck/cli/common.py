"""Shared pieces of the commands: loading, output, exit codes."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

import typer

DEFAULT_CORPUS = Path("claims")

# Exit codes, spec §6.
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

PATH_HELP = "Corpus folder (searched recursively for *.yaml and *.yml) or a single claim file."


def corpus_path(path: Path) -> Path:
    """A corpus path that does not exist is a usage error (exit 2)."""
    if not path.exists() and not path.is_symlink():
        fail_usage(f"no such file or folder: {path}")
    return path


def fail_usage(message: str) -> None:
    from ..textsafe import visible

    typer.echo(f"error: {visible(message)}", err=True)  # it may quote a path or value the user typed
    raise typer.Exit(EXIT_USAGE)


def write_output(text: str, output: Path | None) -> None:
    """To stdout, or atomically to the file the user named."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from ..writes import atomic_write

    if output.is_dir():
        fail_usage(f"-o {output}: is a folder; name a file")
    if not output.parent.exists():
        fail_usage(f"-o {output}: folder {output.parent} does not exist")
    try:
        atomic_write(output, text)
    except OSError as error:
        fail_usage(f"-o {output}: cannot write: {(error.strerror or str(error)).lower()}")


def stdout_width() -> int | None:
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


def choices(names: Sequence[str]) -> str:
    return "|".join(names)
