"""Every claim's value reaches the report as its curator wrote it, even where its
position is labelled by another wording of an agreeing value."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

CORPUS = Path(__file__).parent / "fixtures" / "engine" / "bridging-bound" / "corpus"


def report(fmt: str) -> str:
    result = CliRunner().invoke(app, ["report", str(CORPUS), "--format", fmt, "--no-pager"],
                                env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_text_names_a_bound_under_the_figure_it_agrees_with() -> None:
    lines = report("text").splitlines()
    # The position is labelled by the plain figure; the bound is shown as stated.
    assert any(line.split() == ["states", "more", "than", "8", "million"] for line in lines)


def test_timelines_show_each_claims_own_wording() -> None:
    text = report("text")
    timeline = text[text.index("timeline"):].splitlines()
    assert any("8.6 million" in line and "Evening Ledger" in line for line in timeline)
    assert any("about 11 million" in line and "Weekly Review" in line for line in timeline)
    markdown = report("markdown")
    assert "**about 11 million** (Weekly Review)" in markdown
