"""The root command group, `app`: `--version`, and help that reads the same on every typer version.

Each command registers itself on `app` from its own module; `factcheck.cli`
imports only the module of the command being run (see `COMMAND_MODULES`).
"""

from __future__ import annotations

import typing

import typer
from typer.core import TyperArgument, TyperGroup

from .. import __version__


def _type_label(param, ctx) -> str | None:
    """A parameter's type in --help as older typer shows it (TEXT, PATH; nothing for a flag)."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    if param.metavar and not isinstance(param, TyperArgument):  # an argument's metavar is its name
        return param.metavar
    described = param.type_descriptor
    if described.is_path:
        return "PATH"
    annotation = described.annotation
    inner = typing.get_args(annotation)[:1] if typing.get_origin(annotation) is list else ()
    return {int: "INTEGER", float: "FLOAT"}.get(inner[0] if inner else annotation, "TEXT")


def _usage_name(argument) -> str:
    """`SUBJECT [PROPERTY]` in the usage line, as older typer writes it (not `{subject} [property]`)."""
    name = argument.metavar or argument.name.upper()
    return (name if argument.required else f"[{name}]") + ("..." if argument.nargs != 1 else "")


def _with_stable_types(get_params):
    def stable(ctx):
        params = get_params(ctx)
        for param in params:
            param.display_type_rich = lambda ctx, param=param: _type_label(param, ctx)
            if isinstance(param, TyperArgument) and hasattr(param, "_usage_display_name"):
                param._usage_display_name = lambda param=param: _usage_name(param)
        return params
    return stable


class _StableHelpGroup(TyperGroup):
    """--help reads the same on every typer version.

    typer 0.28 and later print Python type names (`<bool>`, `<str>`,
    `<list[str]>`, `<path>`) beside each option, even a flag or `--help`;
    this shows the labels older typer shows instead, and the usage line
    as it writes it. Older typer never calls `display_type_rich` or
    `_usage_display_name`, so there this changes nothing.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.get_params = _with_stable_types(self.get_params)
        for command in self.commands.values():
            command.get_params = _with_stable_types(command.get_params)


app = typer.Typer(
    cls=_StableHelpGroup,
    name="factcheck",
    help="Find contradictions, changes over time, conditions and corroboration across "
    "claims curated from conflicting sources.\n\n"
    "Claims live in YAML files, one per article, in a corpus folder (default: claims/).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Find contradictions and changes over time across conflicting sources."""
