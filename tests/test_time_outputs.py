"""Uncertain, approximate and range dates are marked in every output, and `revised`
findings are known to every formatter and to `check` (spec 1.1 §2, §4, §5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ENGINE = Path(__file__).parent / "fixtures" / "engine"
UNORDERED = ENGINE / "edtf-unordered" / "corpus"  # published 2026-04-27?, since 2026-04-20/2026-04-27
REVISED = ENGINE / "revised" / "corpus"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1"})


@pytest.mark.parametrize("fmt, marks", [
    ("text", ["2026-04-27? (uncertain)", "since 2026-04-20 to 2026-04-27 (range)"]),
    ("markdown", ["2026-04-27? (uncertain)", "since 2026-04-20 to 2026-04-27 (range)"]),
    ("html", ["2026-04-27? (uncertain)", "2026-04-20 to 2026-04-27 (range)", 'class="point point-contradicted unsure"']),
])
def test_uncertain_and_range_dates_are_marked_in_words(fmt: str, marks: list[str]) -> None:
    result = run("report", str(UNORDERED), "--format", fmt, "--verbose")
    assert result.exit_code == 0, result.output
    for mark in marks:
        assert mark in result.stdout, mark
    # never as a plain fact: the bare day never appears without its mark
    assert "2026-04-27 " not in result.stdout.replace("2026-04-27?", "").replace("2026-04-27 (range)", "")


def test_json_keeps_dates_as_written_and_explains_them() -> None:
    data = json.loads(run("report", str(UNORDERED), "--format", "json").stdout)
    claims = {c["ref"]: c for f in data["findings"] for p in f["positions"] for c in p["claims"]}
    assert claims["brief/figure"]["published"] == "2026-04-27?"
    assert claims["brief/figure"]["since"] == "2026-04-20/2026-04-27"
    assert claims["guess/figure"]["since"] == "2026-04-27?"
    assert data["dates"] == {
        "2026-04-20/2026-04-27": {"earliest": "2026-04-20", "latest": "2026-04-27", "uncertain": False,
                                  "approximate": False, "range": True, "label": "2026-04-20 to 2026-04-27 (range)"},
        "2026-04-27?": {"earliest": "2026-04-20", "latest": "2026-05-04", "uncertain": True,
                        "approximate": False, "range": False, "label": "2026-04-27? (uncertain)"},
    }


def test_timeline_and_sources_listings_mark_uncertain_dates() -> None:
    timeline = run("timeline", "Acme", "--path", str(UNORDERED))
    assert "2026-04-27? (uncertain)" in timeline.stdout, timeline.output
    sources = run("sources", str(UNORDERED))
    assert "2026-04-27? (uncertain)" in sources.stdout, sources.output


@pytest.mark.parametrize("fmt, marks", [
    ("text", ["REVISED", "↻", "revised later", "(rev-"]),
    ("markdown", ["#### Revised: Acme", "**8 million** *(revised)*", "revised later (`rev-"]),
    ("html", ["badge-revised", '<span aria-hidden="true">↻</span> revised to', "Latest figure"]),
])
def test_revised_findings_in_every_format(fmt: str, marks: list[str]) -> None:
    result = run("report", str(REVISED), "--format", fmt)
    assert result.exit_code == 0, result.output
    for mark in marks:
        assert mark in result.stdout, mark


def test_revised_in_json_kind_filter_counts_and_check() -> None:
    data = json.loads(run("report", str(REVISED), "--format", "json", "--kind", "revised").stdout)
    assert [f["kind"] for f in data["findings"]] == ["revised", "revised", "revised"]
    assert all(f["id"].startswith("rev-") for f in data["findings"])
    everything = json.loads(run("report", str(REVISED), "--format", "json").stdout)
    corroborated = next(f for f in everything["findings"] if f["kind"] == "corroborated")
    assert corroborated["replaced_by"] in {f["id"] for f in data["findings"]}
    header = run("report", str(REVISED)).stdout.splitlines()[2]
    assert header == "1 contradiction · 0 conditions · 0 superseded · 3 revised · 1 corroborated"


def test_check_treats_revised_like_superseded(tmp_path: Path) -> None:
    for path in REVISED.iterdir():
        if path.name != "early.yaml":  # the one contradiction
            (tmp_path / path.name).write_text(path.read_text())
    for fmt in ("text", "github", "json", "sarif", "markdown"):
        result = run("check", str(tmp_path), "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
    sarif = json.loads(run("check", str(tmp_path), "--format", "sarif").stdout)
    assert "revised" in [r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]]


def test_text_marks_every_figure_but_the_latest_as_revised() -> None:
    out = runner.invoke(app, ["report", str(REVISED), "--kind", "revised"], env={"COLUMNS": "60"}).stdout
    assert "▸ 8 million — revised" in out and "▸ 8.6 million — revised" in out
    assert "▸ 11 million\n" in out  # the latest figure stands
