"""The README's pre-commit snippet works as written: it matches the shipped hook and needs no tag."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
SHARED_KEYS = ("id", "name", "entry", "pass_filenames", "files")


def readme_snippet() -> dict:
    blocks = re.findall(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    snippets = [yaml.safe_load(block) for block in blocks if "repos:" in block]
    assert len(snippets) == 1, "the README shows one .pre-commit-config.yaml snippet"
    return snippets[0]


def test_snippet_is_a_pre_commit_config_with_the_shipped_hook():
    config = readme_snippet()
    [repo] = config["repos"]
    assert repo["repo"] == "local"  # works without a release tag
    assert "rev" not in repo
    [hook] = repo["hooks"]
    shipped = {h["id"]: h for h in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}
    assert {key: hook[key] for key in SHARED_KEYS} == {key: shipped[hook["id"]][key] for key in SHARED_KEYS}
    # a local hook runs the factcheck already installed; `python` would build an empty venv
    assert hook["language"] == "system"


def test_hook_entry_is_a_real_command():
    [hook] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    program, *arguments = hook["entry"].split()
    assert program == "factcheck"
    result = CliRunner().invoke(app, [*arguments, "--help"])
    assert result.exit_code == 0, result.output


def test_hook_runs_on_claim_files_only():
    [hook] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    pattern = re.compile(hook["files"])
    assert pattern.search("claims/nyt-summary.yaml") and pattern.search("claims/sub/a.yml")
    assert not pattern.search("README.md") and not pattern.search("src/claims.py")


def test_readme_names_no_tag_the_repository_lacks():
    tags = set(subprocess.run(["git", "-C", str(ROOT), "tag", "--list"], capture_output=True, text=True).stdout.split())
    for rev in re.findall(r"(?m)^\s*rev:\s*(\S+)", README.read_text(encoding="utf-8")):
        assert rev in tags, f"README pins rev {rev}, which is not a tag of this repository"
