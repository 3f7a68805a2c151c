"""Shared set-up for the `factcheck check` / `resolve` tests, and the console entry point run in process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "check"
REPO = Path(__file__).parent.parent

# Stable finding ids of the `base` fixture (they hash the claims: spec §4).
BASE_CONTRADICTION = "con-76356fd8f7"
BASE_CONDITION = "cnd-bbbddb6d3d"

CLEAN_ENV = {
    "_TYPER_FORCE_DISABLE_TERMINAL": "1",
    "GITHUB_ACTIONS": None,
    "GITHUB_STEP_SUMMARY": None,
    "GITHUB_WORKSPACE": None,
    "COLUMNS": "200",
}


def corpus(tmp_path: Path, fixture: str, name: str = "claims") -> Path:
    """Copy a fixture corpus to `tmp_path/name`, so tests may write to it."""
    target = tmp_path / name
    shutil.copytree(FIXTURES / fixture, target)
    return target


def run(args: list[str], env: dict | None = None):
    """Invoke the CLI in-process; the caller has chdir'd where paths are relative to."""
    result = CliRunner().invoke(app, args, env={**CLEAN_ENV, **(env or {})})
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


def subprocess_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    env["PYTHONPATH"] = str(REPO / "src")
    return env


def console_main(monkeypatch, *args: str) -> int:
    """`factcheck ARGS` through the console entry point's `main()` in this process; its exit code.

    main() guards the standard streams and installs its own Ctrl-C handler: both are given back,
    so the next test gets them as they were."""
    import signal
    import sys

    import pytest

    from factcheck import cli

    monkeypatch.setattr(sys, "argv", ["factcheck", *args])
    for name in ("stdout", "stderr"):
        monkeypatch.setattr(sys, name, getattr(sys, name))
    previous = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as exit_:
            cli.main()
    finally:
        signal.signal(signal.SIGINT, previous)
    return exit_.value.code
