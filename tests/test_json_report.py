"""The report contract, spec §5 and §6, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "engine"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_json_report_has_the_contract_shape():
    result = run("report", str(FIXTURES / "time" / "corpus"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # nothing else on stdout
    assert list(data) == ["schema", "corpus", "findings", "needs_review", "single_source", "possible_matches",
                          "errors", "warnings", "dates"]
    assert data["schema"] == "factcheck.report/1"
    assert data["corpus"] == {"sources": 4, "claims": 6}
    assert data["errors"] == []
    finding = next(f for f in data["findings"] if f["kind"] == "superseded")
    assert list(finding)[:6] == ["id", "kind", "topic", "subject", "property", "positions"]
    assert finding["resolution"] is None
    assert [p["value"] for p in finding["positions"]] == ["exclusive", "non-exclusive"]
    old, new = finding["positions"][0]["claims"][0], finding["positions"][1]["claims"][0]
    assert old == {
        "ref": "early/lic", "source": "early", "outlet": "Early", "published": "2025-10-28",
        "as_of": "2025-10-28", "value": "exclusive", "statement": "Curated statement for lic.",
        "file": str(FIXTURES / "time" / "corpus" / "early.yaml").replace(str(Path.cwd()) + "/", ""),
        "line": 7, "column": 5, "approx": False, "unit": None, "since": None, "until": None,
        "condition": None, "attribution": None, "revises": False, "interval": None,
    }
    assert new["since"] == "2026-04-27"
    kinds = [f["kind"] for f in data["findings"]]
    assert kinds == sorted(kinds, key=["contradiction", "condition", "superseded", "revised", "corroborated"].index)


def test_numbers_keep_their_wording_and_give_the_interval_they_were_read_as(tmp_path):
    corpus = FIXTURES / "worded-numbers" / "corpus"
    data = json.loads(run("report", str(corpus), "--format", "json").stdout)
    claims = {c["ref"]: c for f in data["findings"] for p in f["positions"] for c in p["claims"]}
    more = claims["alpha/leak"]
    assert (more["value"], more["approx"], more["unit"]) == ("more than 8 million", False, None)
    assert more["interval"] == {"low": 8000000.0, "high": None, "low_open": True, "high_open": True, "unit": None}
    assert claims["gamma/leak"]["interval"] == {
        "low": 7200000.0, "high": 8000000.0, "low_open": False, "high_open": False, "unit": None}
    assert claims["alpha/share"]["interval"] == {
        "low": 23.8, "high": 30.2, "low_open": True, "high_open": True, "unit": "%"}
    assert claims["alpha/coins"]["interval"]["unit"] == "BTC"
    leak = next(f for f in data["findings"] if f["property"] == "people affected by the leak"
                and f["kind"] == "contradiction")
    # A position is labelled by a plain figure before a bound or a hedge (8.6 million, not
    # "more than 8 million"); each claim keeps its own wording.
    assert sorted(p["value"] for p in leak["positions"]) == ["8.6 million", "nearly 8 million"]
    assert {c["value"] for p in leak["positions"] for c in p["claims"]} >= {"more than 8 million", "8.6 million"}

    # The margin is the corpus's setting: nearly 8 million reaches down by a quarter.
    for source in corpus.iterdir():
        (tmp_path / source.name).write_text(source.read_text())
    (tmp_path / "_settings.yaml").write_text("numbers:\n  approx_margin: 0.25\n")
    data = json.loads(run("report", str(tmp_path), "--format", "json").stdout)
    claims = {c["ref"]: c for f in data["findings"] for p in f["positions"] for c in p["claims"]}
    assert claims["gamma/leak"]["interval"]["low"] == 6000000.0


def test_undated_sources_say_unknown():
    data = json.loads(run("report", str(FIXTURES / "time" / "corpus"), "-f", "json").stdout)
    claims = [c for f in data["findings"] for p in f["positions"] for c in p["claims"]]
    undated = next(c for c in claims if c["source"] == "undated")
    assert undated["published"] == "unknown" and undated["as_of"] is None


def test_invalid_file_is_listed_and_the_rest_still_reported(tmp_path):
    for path in (FIXTURES / "time" / "corpus").iterdir():
        (tmp_path / path.name).write_text(path.read_text())
    (tmp_path / "broken.yaml").write_text("source:\n  id: broken\n  outlet: X\n  title: Y\n  published: 2026\nclaims:\n  - id: a\n    vaule: 3\n")
    result = run("report", str(tmp_path), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["corpus"] == {"sources": 5, "claims": 6}
    assert len(data["findings"]) == 4
    assert {"file": str(tmp_path / "broken.yaml"), "line": 8, "column": 5, "code": "unknown-field",
            "message": "claims[0].vaule: unknown field; did you mean 'value'?"} in data["errors"]


def test_missing_corpus_path_is_a_usage_error(tmp_path):
    result = run("report", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_unknown_format_is_a_usage_error():
    result = run("report", str(FIXTURES / "time" / "corpus"), "--format", "yaml")
    assert result.exit_code == 2


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("factcheck ")
