"""`factcheck check --changed-since REF`: the pull-request mode, on a temporary git repository."""

from __future__ import annotations

import subprocess

import pytest

from checkhelpers import BASE_CONTRADICTION, corpus, run

STAKE_SOURCE = """\
source:
  id: gazette-2026-06-01
  outlet: The Gazette
  title: Stake figure
  published: 2026-04-25
claims:
  - id: stake
    topic: ownership
    subject: Microsoft
    property: stake in OpenAI
    value: 40%
    statement: Microsoft's share of OpenAI is put at 40 percent.
"""


def git(cwd, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository whose first commit already holds a contradiction (reviewed elsewhere, not ours)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global-config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.name", "Test")
    git(tmp_path, "config", "user.email", "test@example.org")
    corpus(tmp_path, "base")
    git(tmp_path, "add", "claims")
    git(tmp_path, "commit", "-q", "-m", "claims")
    return tmp_path


def test_unchanged_files_are_not_judged(repo):
    assert run(["check", "claims"]).exit_code == 1                          # the whole corpus fails
    result = run(["check", "claims", "--changed-since", "main", "--format", "github"])
    assert result.exit_code == 0                                           # nothing changed since main
    assert result.stdout == "factcheck check passed: 0 unresolved contradictions\n"


@pytest.mark.parametrize("commit", [False, True])
def test_a_new_contradicting_file_fails(repo, commit):
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "claims" / "gazette.yaml").write_text(STAKE_SOURCE)
    if commit:
        git(repo, "add", "claims/gazette.yaml")
        git(repo, "commit", "-q", "-m", "gazette")
    result = run(["check", "claims", "--changed-since", "main", "--format", "github"])
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1                                                # the old contradiction is out of scope
    assert errors[0].startswith("::error file=claims/gazette.yaml,line=11,col=12,title=Unresolved contradiction con-")
    assert BASE_CONTRADICTION not in result.stdout


def test_a_changed_file_brings_its_findings_in_scope(repo):
    wire = repo / "claims" / "wire.yaml"
    wire.write_text(wire.read_text().replace("The IP licence is no longer exclusive.", "Exclusivity has ended."))
    result = run(["check", "claims", "--changed-since", "HEAD", "--format", "json"])
    assert result.exit_code == 1
    import json

    assert json.loads(result.stdout)["check"]["unresolved"] == [BASE_CONTRADICTION]  # wording only: same id


def test_run_from_a_subfolder(repo, monkeypatch):
    (repo / "claims" / "gazette.yaml").write_text(STAKE_SOURCE)
    monkeypatch.chdir(repo / "claims")
    result = run(["check", ".", "--changed-since", "main", "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=gazette.yaml,line=11,col=12,")


def test_unknown_ref_is_a_usage_error(repo):
    result = run(["check", "claims", "--changed-since", "no-such-branch"])
    assert result.exit_code == 2
    assert result.stderr == ("error: --changed-since 'no-such-branch': unknown git ref "
                             "(fetch it first, e.g. git fetch origin main)\n")


def test_option_like_ref_is_refused(repo):
    result = run(["check", "claims", "--changed-since=--output=x"])
    assert result.exit_code == 2
    assert result.stderr == "error: --changed-since '--output=x': not a git ref\n"


def test_outside_a_repository_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    corpus(tmp_path, "base")
    result = run(["check", "claims", "--changed-since", "main"])
    assert result.exit_code == 2
    assert result.stderr == "error: claims is not in a git repository\n"
