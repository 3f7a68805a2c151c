"""Every command exits with the same code for the same broken settings file (issue 16).

Every command loads through `load_workspace` (corpus, typed settings, aliases,
reviews, coverage, one diagnostics list), so a broken `_resolutions.yaml` or
`_settings.yaml` fails each of them alike, and each says where.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

BASE = Path(__file__).parent / "fixtures" / "check" / "base"
BROKEN = {
    "_resolutions.yaml": "resolutions:\n  - id: con-0000000000\n    verdict: maybe\n",
    "_settings.yaml": "matching:\n  threshold: lots\n",
}
COMMANDS = {
    "report": ["report", "claims"],
    "check": ["check", "claims"],
    "export": ["export", "claims"],
    "validate": ["validate", "claims"],
    "topics": ["topics", "claims"],
    "sources": ["sources", "claims"],
    "timeline": ["timeline", "Microsoft", "--path", "claims"],
    "verify": ["verify", "claims"],
}
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("broken", BROKEN)
def test_a_broken_settings_file_fails_every_command(broken, command, tmp_path, monkeypatch):
    shutil.copytree(BASE, tmp_path / "claims")
    (tmp_path / "claims" / broken).write_text(BROKEN[broken], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, COMMANDS[command], env={"COLUMNS": "80", "GITHUB_ACTIONS": None})
    assert result.exit_code == 1, result.output
    assert f"claims/{broken}:" in result.output  # said where, as every problem is
