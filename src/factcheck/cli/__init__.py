"""The command-line interface: a thin layer over the library.

Commands format the library's results and choose exit codes (spec §6):
0 fine, 1 findings or files that fail, 2 usage errors. Each command lives in
its own module, imported only when that command runs (or when `app` is asked
for: then all of them), and heavy modules are imported inside commands, so
a command costs only what it uses.
"""

from __future__ import annotations

# The module that registers each command on `app`, in the order --help lists them
# (tests/test_startup.py checks it against what the modules register).
COMMAND_MODULES = {
    "report": "report",
    "validate": "validate",
    "verify": "verify",
    "export": "export",
    "check": "check",
    "resolve": "check",
    "timeline": "listings",
    "sources": "listings",
    "topics": "listings",
    "schema": "schema",
    "new": "new",
    "matches": "matches",
    "vocabulary": "matches",
    "cache": "cachecmd",
}


def register_commands(names=None) -> None:
    """Import the modules that register these commands (all of them when None)."""
    import importlib

    wanted = COMMAND_MODULES if names is None else names
    for module in dict.fromkeys(COMMAND_MODULES[name] for name in wanted):
        importlib.import_module(f"{__name__}.{module}")


def __getattr__(name: str):
    if name == "app":  # `from factcheck.cli import app`: the whole app, every command registered
        register_commands()
        from .root import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _commands_named(arguments: list[str]) -> list[str] | None:
    """The command a command line runs, when it names one we know; None (all of them) otherwise.

    The root takes only flags (--version, --help), so the first argument that
    is not a flag is the command; no command, or an unknown one, needs them all
    (for the list in --help, or the suggestion for a typo).
    """
    for argument in arguments:
        if argument.startswith("-"):
            return None
        return [argument] if argument in COMMAND_MODULES else None
    return None


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
    import sys

    if sys.argv[1:2] == ["check"]:
        from .shortcut import stored_check

        stored = stored_check(sys.argv[2:])
        if stored is not None:
            return stored
    from typer import _click as click  # typer vendors click

    from .root import app

    register_commands(_commands_named(sys.argv[1:]))
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

