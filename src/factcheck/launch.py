"""The `factcheck` console entry point: answers `--version` before importing the CLI.

typer and click take several times as long to import as Python takes to start,
so `factcheck --version` (what scripts and bug reports run) would cost that
for one line of output. Everything else goes to the typer app unchanged.
"""

from __future__ import annotations

import sys


def main() -> None:
    # Until the CLI installs its own handler, a Ctrl-C has nothing to clean up: end quietly.
    # `_signal`, not `signal`: importing `signal` loads `enum` first, a window of its own.
    import _signal

    _signal.signal(_signal.SIGINT, _interrupted_while_starting)
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"factcheck {__version__}\n")
        return
    from .cli import main as cli_main

    cli_main()


def _interrupted_while_starting(signum, frame) -> None:
    import os

    os._exit(130)
