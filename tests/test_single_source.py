"""Facts only one source reports are shown, not lost: text, markdown and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

CORPUS = str(Path(__file__).parent / "fixtures" / "engine" / "matching" / "corpus")
runner = CliRunner()


def report(*args: str):
    result = runner.invoke(app, ["report", CORPUS, *args], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_text_lists_single_source_facts_under_their_topic():
    text = report()
    section = text.split("ONE SOURCE ONLY", 1)[1]
    assert "· Acme · headcount in Germany: 500 (Alpha, 2026-01-05)" in section
    assert "· Acme · headcount in France: 800 (Beta, 2026-01-05)" in section
    assert "· SoftBank · stake in OpenAI: 11% (Beta, 2026-01-05)" in section
    assert "license to OpenAI IP" not in section  # it is in a finding


def test_markdown_lists_them_too():
    assert "- Nordbahn Leasing · revenue: **€12 million** (Beta, 2026-01-05)" in report("-f", "markdown")


def test_json_lists_their_claims():
    refs = [c["ref"] for c in json.loads(report("-f", "json"))["single_source"]]
    assert refs == sorted(refs, key=refs.index)  # stable
    assert set(refs) == {"alpha/de", "beta/fr", "alpha/nb", "beta/nb", "alpha/ms", "beta/sb",
                         "beta/ant", "alpha/gpt", "beta/gpt"}


def test_filters_apply_and_kind_filters_hide_them():
    assert "ONE SOURCE ONLY" not in report("--kind", "contradiction")
    only_beta = json.loads(report("-f", "json", "--source", "beta"))["single_source"]
    assert {c["source"] for c in only_beta} == {"beta"}


def test_html_lists_them_escaped(tmp_path):
    assert "<li>Acme · headcount in Germany: <strong>500</strong> (Alpha, 2026-01-05)" in report("-f", "html")
    (tmp_path / "x.yaml").write_text(
        "source: {id: x, outlet: '<b>Out</b>', title: t, published: 2026}\n"
        "claims:\n  - {id: a, topic: t, subject: '<script>alert(1)</script>', property: p,"
        " value: '\" onmouseover=alert(1)', statement: s}\n")
    page = runner.invoke(app, ["report", str(tmp_path), "-f", "html"]).stdout
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<strong>&#34; onmouseover=alert(1)</strong> (&lt;b&gt;Out&lt;/b&gt;, 2026)" in page  # markupsafe writes " as &#34;
