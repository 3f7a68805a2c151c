"""`factcheck schema`: the JSON Schema of claim files and settings files, for editors."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .root import app
from .common import EXIT_OK, fail_usage, write_output

SCHEMA_NAMES = ("claims", "resolutions", "coverage", "aliases", "settings")


@app.command()
def schema(
    name: str = typer.Argument(
        "claims", help=f"Which file the schema describes: {', '.join(SCHEMA_NAMES)} "
        "(the settings files _resolutions.yaml, _coverage.yaml, _aliases.yaml, _settings.yaml).",
        show_default=True),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Print the JSON Schema of a claim file (or a settings file), for editor completion and checks.

    Generated from the loader's own field table. The repository keeps copies in
    schema/; point your editor at one with a first line such as
    `# yaml-language-server: $schema=../schema/claims.schema.json`.
    """
    from ..schema import schema_text

    wanted = name.strip().lower().removeprefix("_").removesuffix(".yaml").removesuffix(".schema.json")
    if wanted not in SCHEMA_NAMES:
        fail_usage(f"no schema named {name!r}; choose from {', '.join(SCHEMA_NAMES)}")
    write_output(schema_text(wanted), output)
    raise typer.Exit(EXIT_OK)
