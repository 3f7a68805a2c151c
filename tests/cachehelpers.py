"""Shared set-up for the cache tests: a writable seed corpus, a command run in process, and a run that
must not analyse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factcheck.engine
from factcheck.cli import app

ROOT = Path(__file__).parent.parent
BAD_FILE = ROOT / "tests" / "fixtures" / "malformed" / "unknown-field-typo.yaml"


def seed_corpus_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, bad_file: bool = True) -> Path:
    """A copy of the seed corpus (with one invalid file unless `bad_file` is false), run from its folder."""
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    if bad_file:
        shutil.copy(BAD_FILE, tmp_path / "claims" / "bad.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "claims"


def run(*args: str, columns: str = "100") -> tuple[int, str, str]:
    """`factcheck ARGS` through CliRunner: (exit code, stdout, stderr), outside GitHub Actions."""
    runner = CliRunner(env={"_TYPER_FORCE_DISABLE_TERMINAL": "1", "COLUMNS": columns, "GITHUB_ACTIONS": None})
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def refuse_analysis(monkeypatch: pytest.MonkeyPatch, held: str) -> None:
    """Make any analysis fail the test: the cache must answer (it holds `held`)."""
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"analysed a corpus whose {held} the cache holds")

    monkeypatch.setattr(factcheck.engine, "analyse", refuse)


def noted_calls(monkeypatch: pytest.MonkeyPatch, modules: tuple, name: str, note) -> list:
    """Each call to the function `name` of `modules` (the same function, imported by each), noted
    as `note(first argument)`, as runs go."""
    seen: list = []
    real = getattr(modules[0], name)

    def noting(first, *args, **kwargs):
        seen.append(note(first))
        return real(first, *args, **kwargs)

    for module in modules:
        monkeypatch.setattr(module, name, noting)
    return seen

