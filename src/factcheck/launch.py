"""The `factcheck` console entry point: answers `--version` before importing the CLI.

typer and click take several times as long to import as Python takes to start,
so `factcheck --version` (what scripts and bug reports run) would cost that
for one line of output. Everything else goes to the typer app unchanged.

The cyclic garbage collector is off for the whole command: a run builds
hundreds of thousands of small objects that form no cycles and then exits,
so the collector would only rescan a growing heap for nothing (about a
tenth of a large report's time). Reference counting still frees everything.
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
    gc.disable()
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
