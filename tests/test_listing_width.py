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


LONG_ID = "reuters-2026-08-19-microsoft-openai-partnership-rewritten"
SOURCE = """\
source: {{id: {id}, outlet: {outlet}, title: T, published: {date}}}
claims:
  - {{id: staff, topic: people, subject: Acme, property: headcount, value: {value}, statement: Acme staff.}}
"""


def test_an_id_too_long_for_the_table_is_never_broken(tmp_path):
    """When the columns cannot fit beside a long id, each source is stacked under its whole id."""
    (tmp_path / "a.yaml").write_text(SOURCE.format(id=LONG_ID, outlet="Reuters", date="2026-08-19", value=1200))
    (tmp_path / "b.yaml").write_text(SOURCE.format(id="ap-2026-08-20", outlet="The Associated Press",
                                                   date="2026-08-20", value=1300))
    result = CliRunner().invoke(app, ["sources", str(tmp_path)], env={"COLUMNS": "80"})
    assert result.stdout.splitlines() == [
        "2 sources, 2 claims",
        LONG_ID,
        "  published: 2026-08-19 · claims: 1 · contradictions: 1 · outlet: Reuters",
        "ap-2026-08-20",
        "  published: 2026-08-20 · claims: 1 · contradictions: 1 · outlet: The Associated",
        "  Press",
    ]
