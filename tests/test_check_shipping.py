"""What other repositories use: the pre-commit hook and the GitHub workflow, run as they are written."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest
import yaml

from checkhelpers import REPO, corpus, run, subprocess_env


def hook() -> dict:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    return next(h for h in hooks if h["id"] == "factcheck")


def test_hook_declaration():
    declared = hook()
    assert (declared["entry"], declared["language"], declared["pass_filenames"]) == ("factcheck check", "python", False)
    files = re.compile(declared["files"])
    assert files.search("claims/reuters.yaml") and files.search("claims/deep/x.yml")
    assert not files.search("src/factcheck/cli/check.py") and not files.search("docs/claims/x.yaml")


@pytest.mark.parametrize(("fixture", "code"), [("clean", 0), ("base", 1), ("invalid", 1)])
def test_hook_entry_through_the_cli(tmp_path, monkeypatch, fixture, code):
    """pre-commit runs the entry from the repository root, with no file names."""
    monkeypatch.chdir(tmp_path)
    corpus(tmp_path, fixture)
    entry = shlex.split(hook()["entry"])
    assert entry[0] == "factcheck"
    assert run(entry[1:]).exit_code == code


def test_hook_entry_as_a_process(tmp_path):
    """The same entry as a real process (the console script's module), as pre-commit would spawn it."""
    corpus(tmp_path, "base")
    entry = shlex.split(hook()["entry"])
    done = subprocess.run([sys.executable, "-m", "factcheck", *entry[1:]], cwd=tmp_path, env=subprocess_env(),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == "1 problem: 1 unresolved contradiction (1 condition)"
    assert "Traceback" not in done.stderr


def workflow() -> dict:
    return yaml.safe_load((REPO / ".github" / "workflows" / "factcheck.yml").read_text())


def test_workflow_runs_on_pull_requests_touching_claims():
    data = workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "claims/**" in triggers["pull_request"]["paths"]
    steps = data["jobs"]["check"]["steps"]
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    assert [s["run"] for s in steps if "run" in s] == ["pip install .", "factcheck check claims"]


@pytest.mark.parametrize(("fixture", "code"), [("clean", 0), ("base", 1)])
def test_workflow_check_step_as_github_runs_it(tmp_path, monkeypatch, fixture, code):
    monkeypatch.chdir(tmp_path)
    corpus(tmp_path, fixture)
    command = shlex.split(workflow()["jobs"]["check"]["steps"][-1]["run"])
    result = run(command[1:], env={"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path)})
    assert result.exit_code == code
    assert result.stdout.startswith("::error file=claims/wire.yaml,line=11,") == (code == 1)
