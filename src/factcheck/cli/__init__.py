"""The command-line interface: a thin layer over the library.

Commands format the library's results and choose exit codes (spec §6):
0 fine, 1 findings or files that fail, 2 usage errors. Heavy modules are
imported inside commands so `factcheck --version` starts fast.
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


def main() -> None:
    """Console entry point: exit codes as documented, never a traceback.

    0 fine, 1 invalid files or findings, 2 usage errors, 3 output could not be
    written (stdout closed, disk full), 130 interrupted (Ctrl-C). A reader that
    leaves early (`factcheck report | head`) is not an error: the rest of the
    output is dropped silently and the exit code is the command's own verdict,
    so `set -o pipefail` still sees a failed check.
    """
    import signal
    import sys

    code = 130
    try:
        signal.signal(signal.SIGINT, _interrupted)
        code = _run_guarded()
        # Still inside the try: a Ctrl-C up to here is the KeyboardInterrupt caught below. From
        # here on it can only end the process, never raise into the interpreter's shutdown.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    except KeyboardInterrupt:  # the handler has already made a second Ctrl-C end the process
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        code = 130
    sys.exit(code)


def _run_guarded() -> int:
    from .output import OutputError, guard_standard_streams, report_output_error

    try:
        guard_standard_streams()
        code = _run_app()
        _finish_output()
    except OutputError as error:
        code = report_output_error(error)
    except Exception as error:  # noqa: BLE001 - the last line of defence
        import os

        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        _stderr(f"factcheck: internal error: {type(error).__name__}: {error}\n"
                "This is a bug in factcheck; run again with FACTCHECK_DEBUG=1 to see the traceback.\n")
        code = 1
    return code


def _interrupted(signum, frame) -> None:
    import signal

    signal.signal(signal.SIGINT, _exit_interrupted)  # a second Ctrl-C during clean-up ends it at once
    raise KeyboardInterrupt


def _exit_interrupted(signum, frame) -> None:
    import os

    os._exit(130)


def _stderr(text: str) -> None:
    import sys

    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def _run_app() -> int:
    """The typer app, with its errors shown the way typer shows them, but our exit codes."""
    from typer import _click as click  # typer vendors click

    try:
        result = app(standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.exceptions.ClickException as error:
        try:
            from typer import rich_utils

            rich_utils.rich_format_error(error)
        except ImportError:  # pragma: no cover - typer without rich
            error.show()
        return error.exit_code
    except click.exceptions.Abort:
        _stderr("Aborted!\n")
        return 1
    return result if isinstance(result, int) else 0


def _finish_output() -> None:
    import sys

    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


# Each command lives in its own module; importing it registers it.
from . import report as _report  # noqa: E402,F401
from . import validate as _validate  # noqa: E402,F401
from . import verify as _verify  # noqa: E402,F401
from . import export as _export  # noqa: E402,F401
from . import check as _check  # noqa: E402,F401
from . import listings as _listings  # noqa: E402,F401
from . import schema as _schema  # noqa: E402,F401
from . import new as _new  # noqa: E402,F401
from . import cachecmd as _cachecmd  # noqa: E402,F401
from . import matches as _matches  # noqa: E402,F401
