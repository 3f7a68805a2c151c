"""The command-line interface: a thin layer over the library.

Commands format the library's results and choose exit codes (spec §6):
0 fine, 1 findings or files that fail, 2 usage errors. Heavy modules are
imported inside commands so `factcheck --version` starts fast.
"""

from __future__ import annotations

import typer

from .. import __version__

app = typer.Typer(
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
    """Console entry point: a bug shows as one line, never a traceback."""
    import os
    import sys

    try:
        app()
    except BrokenPipeError:  # `factcheck report | head`: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        print(f"factcheck: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        print("This is a bug in factcheck; run again with FACTCHECK_DEBUG=1 to see the traceback.", file=sys.stderr)
        sys.exit(1)


# Each command lives in its own module; importing it registers it.
from . import report as _report  # noqa: E402,F401
from . import validate as _validate  # noqa: E402,F401
from . import verify as _verify  # noqa: E402,F401
from . import export as _export  # noqa: E402,F401
from . import check as _check  # noqa: E402,F401
from . import listings as _listings  # noqa: E402,F401
