"""Listings keep ids whole at 80 columns: they are what users type next."""

from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

CLAIMS = str(Path(__file__).resolve().parent.parent / "claims")


def test_sources_keep_long_ids_on_one_line_at_80_columns():
    result = CliRunner().invoke(app, ["sources", CLAIMS],
                                env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    for source_id in ("vfuturemedia-2026-04-24", "amazon-terms-explainer", "cloud-exclusivity-blog"):
        assert any(line.startswith(source_id + " ") for line in lines), source_id
