"""The terminal report goes through a pager as git's output does: only on a terminal, only when
it is longer than the screen, never with --no-pager, -o or in CI; PAGER is respected."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.cli import report as report_cli

CORPUS = Path(__file__).parent / "fixtures" / "report" / "corpus"


@pytest.fixture
def terminal(monkeypatch, tmp_path):
    """stdout is a terminal of 24 lines; the pager writes what it gets to a file."""
    monkeypatch.setattr(report_cli, "is_terminal", lambda stream: True)
    monkeypatch.setattr("shutil.get_terminal_size", lambda *a: os.terminal_size((80, 24)))
    paged = tmp_path / "paged.txt"
    return paged


def run(args, paged: Path, **env):
    environment = {"PAGER": f"cat > '{paged}'", "CI": None, "TERM": None, "COLUMNS": "80", "NO_COLOR": "1", **env}
    return CliRunner().invoke(app, ["report", str(CORPUS), *args], env=environment)


def test_a_long_report_goes_through_the_pager(terminal):
    result = run([], terminal)
    assert result.exit_code == 0
    assert result.stdout == ""
    paged = terminal.read_text(encoding="utf-8")
    assert paged.startswith("factcheck report · ") and paged.count("\n") > 24


@pytest.mark.parametrize(("args", "env"), [
    (["--no-pager"], {}),
    ([], {"CI": "true"}),
    ([], {"TERM": "dumb"}),
    ([], {"PAGER": ""}),
    ([], {"PAGER": "cat"}),
    (["--kind", "superseded"], {}),     # shorter than the screen
])
def test_no_pager(terminal, args, env):
    result = run(args, terminal, **env)
    assert result.stdout.startswith("factcheck report · ")
    assert not terminal.exists()


def test_never_when_not_a_terminal(tmp_path):
    paged = tmp_path / "paged.txt"
    result = run([], paged)
    assert result.stdout.startswith("factcheck report · ")
    assert not paged.exists()


def test_a_missing_pager_falls_back_to_plain_output(terminal):
    result = run([], terminal, PAGER="no-such-pager-anywhere")
    assert result.stdout.startswith("factcheck report · ")


def test_output_file_is_never_paged(terminal, tmp_path):
    target = tmp_path / "out.txt"
    run(["-o", str(target)], terminal)
    assert target.read_text(encoding="utf-8").startswith("factcheck report · ")
    assert not terminal.exists()
