"""Shared set-up for the cache tests: a writable seed corpus, and a run that must not analyse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import factcheck.engine

ROOT = Path(__file__).parent.parent
BAD_FILE = ROOT / "tests" / "fixtures" / "malformed" / "unknown-field-typo.yaml"


def seed_corpus_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, bad_file: bool = True) -> Path:
    """A copy of the seed corpus (with one invalid file unless `bad_file` is false), run from its folder."""
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    if bad_file:
        shutil.copy(BAD_FILE, tmp_path / "claims" / "bad.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "claims"


def refuse_analysis(monkeypatch: pytest.MonkeyPatch, held: str) -> None:
    """Make any analysis fail the test: the cache must answer (it holds `held`)."""
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"analysed a corpus whose {held} the cache holds")

    monkeypatch.setattr(factcheck.engine, "analyse", refuse)
