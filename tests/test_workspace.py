"""`load_workspace`: the corpus and its settings files read once, with one diagnostics list (issue 16)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck.workspace import load_workspace

BASE = Path(__file__).parent / "fixtures" / "check" / "base"
SETTINGS_FILES = {
    "_settings.yaml": "matching:\n  threshold: 70\n  speed: fast\n",
    "_aliases.yaml": "aliases:\n  - [headquarters, head office]\n",
    "_resolutions.yaml": "resolutions:\n  - id: con-0000000000\n    verdict: maybe\n",
    "_coverage.yaml": "explained:\n  - article: a.txt\n",
}


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    shutil.copytree(BASE, tmp_path / "claims")
    for name, text in SETTINGS_FILES.items():
        (tmp_path / "claims" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return load_workspace("claims")


def test_settings_are_typed_and_every_problem_is_in_one_list_in_file_order(workspace):
    assert workspace.settings.match_threshold == 70.0
    assert workspace.settings.aliases == (("headquarters", "head office"),)
    assert workspace.reviews == () and workspace.explanations == ()
    assert workspace.corpus.diagnostics == ()
    found = [(d.path, d.line, d.column, d.code) for d in workspace.diagnostics]
    assert found == [
        ("claims/_settings.yaml", 3, 3, "bad-settings"),
        ("claims/_resolutions.yaml", 2, 5, "bad-resolution"),
        ("claims/_resolutions.yaml", 2, 5, "bad-resolution"),
        ("claims/_resolutions.yaml", 2, 5, "bad-resolution"),
        ("claims/_resolutions.yaml", 3, 14, "bad-resolution"),
        ("claims/_coverage.yaml", 2, 5, "bad-coverage-settings"),
        ("claims/_coverage.yaml", 2, 5, "bad-coverage-settings"),
    ]
    assert workspace.settings_problems == workspace.diagnostics  # the corpus's own come first: none here
    assert len(workspace.errors) == 7


def test_the_raw_yaml_of_settings_files_is_not_kept_once_typed(workspace):
    assert dict(workspace.corpus.settings_files) == {}


def test_analysing_reuses_the_typed_settings_and_reports_the_workspace_problems(workspace, monkeypatch):
    import factcheck.engine

    monkeypatch.setattr(factcheck.engine, "settings_from_corpus",
                        lambda *a, **k: pytest.fail("settings parsed a second time"))
    analysis = workspace.analyse()
    assert analysis.diagnostics == workspace.diagnostics
    assert analysis.corpus is workspace.corpus
