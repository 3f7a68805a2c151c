"""The `factcheck` console entry point: answers `--version` before importing the CLI.

typer and click take several times as long to import as Python takes to start,
so `factcheck --version` (what scripts and bug reports run) would cost that
for one line of output. Everything else goes to the typer app unchanged.

The cyclic garbage collector is off for the whole command: a run builds
hundreds of thousands of small objects that form no cycles and then exits,
so the collector would only rescan a growing heap for nothing (about a
tenth of a large report's time). Reference counting still frees everything.

What a command hands to `keep_until_exit` (a report's corpus, analysis and
findings) is not freed object by object at the end either: once the command
is done and its output flushed, the process ends at once (`os._exit`, as mypy
does), which at 100,000 claims saves about 0.3 s of clean-up on a 5 s run.
Only when the command runs from here: in tests and library use, nothing is kept.
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

    global _kept
    _kept = []
    try:
        cli_main()
    except SystemExit as done:
        if _kept:  # main() is the process's entry point: called in process, a report ends the process
            _end_now(done.code)
        raise
    finally:
        _kept = None


# What the command leaves to the end of the process (see keep_until_exit); None outside main().
_kept: list | None = None


def keep_until_exit(*objects: object) -> None:
    """Large results of a finished command: the process ends without freeing them one by one,
    when it runs from `main`; elsewhere (tests, library use) nothing is kept."""
    if _kept is not None:
        _kept.append(objects)


def _end_now(code: object) -> None:
    """End the process with `code` (as SystemExit reads it) once exit handlers have run and stdout
    and stderr are flushed, skipping only the freeing of every object. The command has already
    written, flushed and reported its output (cli.main), and no thread of ours is left running."""
    import atexit
    import os

    atexit._run_exitfuncs()  # what an embedding program or a library registered still runs

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):  # a reader gone: cli.main has already said so
            pass
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


def _interrupted_while_starting(signum, frame) -> None:
    import os

    os._exit(130)
