from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

CORPUS = str(Path(__file__).parent / "fixtures" / "engine" / "matching" / "corpus")
runner = CliRunner()


def test_subject_filter_matches_as_grouping_does():
    result = runner.invoke(app, ["report", CORPUS, "-f", "json", "--subject", "Microsoft Corp."])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [(f["kind"], f["subject"], f["property"]) for f in data["findings"]] == [
        ("contradiction", "Microsoft", "license to OpenAI IP")]
    assert {c["ref"] for c in data["single_source"]} == {"alpha/ms", "beta/ant"}


def test_subject_filter_keeps_names_apart():
    result = runner.invoke(app, ["report", CORPUS, "-f", "json", "--subject", "Nordbahn Leasing"])
    assert [c["ref"] for c in json.loads(result.stdout)["single_source"]] == ["beta/nb"]


def test_usage_errors_show_control_characters_escaped(tmp_path):
    result = runner.invoke(app, ["report", str(tmp_path / "no\x1b]0;pwned\x07such")])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "no\\x1b]0;pwned\\x07such" in result.output
