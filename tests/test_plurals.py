"""Counts agree with their nouns in every output: "1 finding", never "1 findings"."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ONE = """\
source: {{id: {id}, outlet: {outlet}, title: Staff, published: 2026-03-0{day}}}
claims:
  - {{id: staff, topic: people, subject: Acme, property: headcount, value: 1200, statement: Acme has 1200 staff.}}
"""


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "a.yaml").write_text(ONE.format(id="atlas", outlet="Atlas", day=2))
    (folder / "b.yaml").write_text(ONE.format(id="bulletin", outlet="Bulletin", day=3))
    monkeypatch.chdir(tmp_path)
    return folder


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})


# A count followed by a plural noun where the count is 1: "1 findings", "1 claims", ...
SINGULAR_WITH_PLURAL = re.compile(r"(?<![\d.,])1 (findings|claims|sources|files|errors|warnings|sentences|problems|"
                                  r"contradictions|conditions|topics|subjects|reviews)\b")


@pytest.mark.parametrize("args", [
    ("report", "--kind", "contradiction"),
    ("report", "--kind", "contradiction", "-f", "markdown"),
    ("report", "--kind", "contradiction", "-f", "html"),
    ("check",),
    ("check", "--verbose"),
    ("validate", "claims/a.yaml"),
    ("topics",),
    ("sources",),
    ("timeline", "Acme"),
])
def test_no_singular_count_with_a_plural_noun(corpus, args):
    result = run(*args)
    assert not SINGULAR_WITH_PLURAL.findall(result.stdout + result.stderr), result.stdout + result.stderr


def test_the_singular_forms(corpus):
    assert "showing 0 of 1 finding (filtered)" in run("report", "--kind", "contradiction").stdout
    assert "Showing 0 of 1 finding (filtered)." in run("report", "--kind", "contradiction", "-f", "markdown").stdout
    assert "<title>Fact-check report: 0 findings from 2 sources</title>" in run(
        "report", "--kind", "contradiction", "-f", "html").stdout
    assert run("validate", "claims/a.yaml").stderr == "1 valid source file, 1 claim; no errors\n"


@pytest.mark.parametrize(("count", "expected"), [(0, "0 possible matches"), (1, "1 possible match"),
                                                 (2, "2 possible matches")])
def test_counted_takes_an_irregular_plural(count: int, expected: str) -> None:
    from factcheck.words import counted

    assert counted(count, "possible match", "possible matches") == expected
    assert counted(count, "claim") == expected.replace("possible matches", "claims").replace("possible match", "claim")
