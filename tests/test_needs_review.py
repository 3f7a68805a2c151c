"""What needs a decision comes first in every format, and `--needs-review` shows only that.

A review left `open` is reviewed but not resolved: it still needs a decision,
so it is never counted or labelled as resolved.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

CORPUS = Path(__file__).parent / "fixtures" / "report" / "corpus"
# The fixture's three contradictions and its condition, in the report's order.
PRICE, CLOSING, REVENUE, SUPPLY = "con-2fc4110a0e", "con-a240b5431b", "con-a85b90cb93", "cnd-446d0cb4f1"
REVIEWS = """\
resolutions:
  - id: con-2fc4110a0e
    verdict: source-error
    source: daily-ledger-2025-03-10
    note: The Ledger misread the filing.
    by: J. Doe
    date: 2025-10-01
  - id: con-a85b90cb93
    verdict: open
    note: Ask both papers which currency they meant.
    by: J. Doe
    date: 2025-10-02
"""


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    (tmp_path / "corpus" / "_resolutions.yaml").write_text(REVIEWS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "corpus"


def run(*args: str):
    return CliRunner().invoke(app, ["report", "corpus", *args], env={"COLUMNS": "80", "NO_COLOR": "1"})


def test_text_opens_with_what_needs_a_decision(corpus):
    lines = run().stdout.splitlines()
    # at 80 columns the counts break between two counts, never inside one
    assert lines[2:4] == ["3 contradictions (1 resolved, 1 open) · 1 condition · 1 superseded", "4 corroborated"]
    assert lines[4] == "needs review: 2 contradictions, 1 condition"
    assert lines[6] == "needs review " + "─" * 67
    titles = [line for line in lines if line.split("  ")[0] in ("CONTRADICTION", "CONDITION", "CONTRADICTION · OPEN",
                                                                "CONTRADICTION · RESOLVED")]
    # unresolved contradictions (open included), then the condition; the resolved one later, under its topic
    assert [t.split()[-1] for t in titles] == [CLOSING, REVENUE, SUPPLY, PRICE]
    assert titles[1].startswith("CONTRADICTION · OPEN  Globex · annual revenue")
    assert titles[3].startswith("CONTRADICTION · RESOLVED  Acme · purchase price")
    assert lines.index(titles[3]) > lines.index("deal terms " + "─" * 69)
    opened = lines.index(titles[1])
    assert lines[opened + 1:opened + 4] == ["  topic: finances", "  note: different units (EUR vs USD)",
                                            "  left open by J. Doe on 2025-10-02: Ask both papers which currency they meant."]
    assert not any("resolved: open" in line for line in lines)


def test_needs_review_filter_in_text(corpus):
    out = run("--needs-review").stdout
    assert "showing 3 of 9 findings (filtered)" in out
    assert [line.split()[-1] for line in out.splitlines() if line.startswith(("CONTRADICTION", "CONDITION"))] == [
        CLOSING, REVENUE, SUPPLY]
    assert "ONE SOURCE ONLY" not in out and "CORROBORATED" not in out


def test_needs_review_filter_in_json(corpus):
    data = json.loads(run("--needs-review", "-f", "json").stdout)
    assert [f["id"] for f in data["findings"]] == [CLOSING, REVENUE, SUPPLY]
    assert data["needs_review"] == [CLOSING, REVENUE, SUPPLY]
    assert data["single_source"] == []
    assert data["findings"][1]["resolution"]["verdict"] == "open"
    everything = json.loads(run("-f", "json").stdout)
    assert everything["needs_review"] == [CLOSING, REVENUE, SUPPLY]
    assert len(everything["findings"]) == 9


def test_needs_review_in_markdown(corpus):
    out = run("-f", "markdown").stdout
    assert "**3 contradictions (1 resolved, 1 open)** · 1 condition" in out
    assert "**Needs review: 2 contradictions, 1 condition.**" in out
    first = out.index("### Needs review")
    assert first < out.index("### deal terms")
    assert first < out.index("#### Contradiction: Globex · annual revenue (left open)") < out.index("### deal terms")
    assert "**Left open** by J. Doe on 2025-10-02" in out
    filtered = run("--needs-review", "-f", "markdown").stdout
    assert filtered.count("#### Con") == 3 and "purchase price" not in filtered


def test_needs_review_in_html(corpus):
    out = run("--needs-review", "-f", "html").stdout
    for finding_id in (CLOSING, REVENUE, SUPPLY):
        assert f'id="{finding_id}"' in out
    assert f'id="{PRICE}"' not in out
    assert "reviewed, left open" in out  # the HTML labels a review left open as such (issue-20b)


def test_nothing_needs_review(corpus):
    (corpus / "_resolutions.yaml").write_text(REVIEWS.replace("verdict: open", "verdict: both-hold"))
    lines = run("--kind", "contradiction").stdout.splitlines()
    # the corpus's count, whatever the filter shows, and how many of them are shown
    assert lines[3] == "needs review: 1 contradiction, 1 condition (1 shown)"
    assert "needs review " + "─" * 67 in lines
    assert run("--kind", "superseded").stdout.splitlines()[3] == "needs review: 1 contradiction, 1 condition (0 shown)"
    (corpus / "_resolutions.yaml").write_text(REVIEWS.replace("verdict: open", "verdict: both-hold")
                                              + "  - {id: con-a240b5431b, verdict: superseded, note: n, by: b, date: 2025-10-03}\n"
                                              + "  - {id: cnd-446d0cb4f1, verdict: both-hold, note: n, by: b, date: 2025-10-03}\n")
    lines = run().stdout.splitlines()
    assert lines[4] == "nothing needs review"
    assert not any(line.startswith("needs review ─") for line in lines)


# --- possible matches (issue 18 puts them on the analysis) ---------------------------------


def with_possible_match(filters=None):
    from dataclasses import replace

    from factcheck.engine import analyse
    from factcheck.loader import load_corpus
    from factcheck.possible import PossibleMatch
    from factcheck.report import Filters, build_report
    from factcheck.resolutions import read_resolutions

    analysis = analyse(load_corpus(CORPUS))
    match = PossibleMatch(id="pm-0123456789", kind="property", names=("headcount", "number of staff"),
                          subject="Globex", property=None, sides=(("a/x",), ("b/y",)),
                          score=78.0, evidence=(("values", "equal: 1,200"), ("topic", "the same")))
    analysis = replace(analysis, possible_matches=(match,))
    resolutions, _problems = read_resolutions(analysis.corpus)
    return build_report(analysis, filters or Filters(), resolutions)


def test_possible_matches_come_between_contradictions_and_conditions():
    from factcheck.formatters import RenderOptions, json as json_format, markdown, text

    report = with_possible_match()
    lines = text.render(report, RenderOptions(width=80)).splitlines()
    assert lines[3] == "needs review: 3 contradictions, 1 possible match, 1 condition"
    match = next(i for i, line in enumerate(lines) if line.startswith("POSSIBLE MATCH"))
    assert lines[match:match + 6] == [
        "POSSIBLE MATCH  property: headcount / number of staff              pm-0123456789",
        "  score 78", "  values: equal: 1,200", "  topic: the same",
        "  accept: factcheck matches --accept pm-0123456789", "  dismiss: factcheck matches --dismiss pm-0123456789"]
    titles = [line.split()[-1] for line in lines if line.startswith(("CONTRADICTION", "CONDITION", "POSSIBLE"))]
    assert titles == [PRICE, CLOSING, REVENUE, "pm-0123456789", SUPPLY] + titles[5:]
    assert json.loads(json_format.render(report))["needs_review"] == [PRICE, CLOSING, REVENUE, "pm-0123456789", SUPPLY]
    out = markdown.render(report)
    assert "**Needs review: 3 contradictions, 1 possible match, 1 condition.**" in out
    assert out.index("#### Contradiction: Globex · annual revenue") < out.index(
        "#### Possible match (property): headcount / number of staff") < out.index("#### Condition: ")


def test_possible_matches_have_no_topic_so_a_topic_filter_hides_them():
    from factcheck.formatters import RenderOptions, text
    from factcheck.report import Filters

    assert with_possible_match(Filters(needs_review=True)).possible_matches
    narrowed = with_possible_match(Filters(topics=("deal terms",)))
    assert narrowed.possible_matches == ()
    assert "POSSIBLE MATCH" not in text.render(narrowed, RenderOptions(width=80))
