"""One presentation model for text, Markdown and HTML (issue 16): the formats cannot disagree on
the topics and their order, the counts, what needs review (and in which order) or the dates.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from factcheck.formatters import RenderOptions, html, markdown, presentation, text
from factcheck.report import build_report
from factcheck.workspace import load_workspace

CORPUS = Path(__file__).parent / "fixtures" / "report" / "corpus"
PRICE, CLOSING, REVENUE, SUPPLY = "con-2fc4110a0e", "con-a240b5431b", "con-a85b90cb93", "cnd-446d0cb4f1"
# A contradiction and the condition reviewed and left open, one contradiction settled: the
# left-open condition still needs a decision, and the queue keeps the report's order.
REVIEWS = """\
resolutions:
  - id: con-2fc4110a0e
    verdict: open
    note: Ask the Ledger.
    by: J. Doe
    date: 2025-10-01
  - id: cnd-446d0cb4f1
    verdict: open
    note: Ask the memo's author.
    by: J. Doe
    date: 2025-10-03
  - id: sup-c7453e14f0
    verdict: superseded
    note: The deal changed.
    by: J. Doe
    date: 2025-10-04
"""
# Facts only one source reports, in topics no finding has: after the others, by name in any case.
SINGLE = """\
source:
  id: lone-blog
  outlet: Lone Blog
  title: A lone post
  published: 2025-06-01
claims:
  - id: zoning
    topic: Zoning
    subject: Acme
    property: plant permit
    value: granted
    statement: The blog says the permit was granted.
  - id: aviation
    topic: aviation
    subject: Acme
    property: fleet size
    value: 12
    since: 2025-05
    statement: The blog says Acme flies twelve planes.
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("presentation") / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "_resolutions.yaml").write_text(REVIEWS, encoding="utf-8")
    (corpus / "lone-blog.yaml").write_text(SINGLE, encoding="utf-8")
    workspace = load_workspace(corpus, cache=None)
    assert workspace.analyse().diagnostics == ()
    return build_report(workspace.analyse(), resolutions=workspace.reviews)


def test_topics_most_serious_first_then_single_source_topics_by_name(report):
    every = presentation.sections(report, report.findings)
    assert [(s.topic, [f.id for f in s.findings]) for s in every] == [
        ("deal terms", [PRICE, CLOSING, SUPPLY, "sup-c7453e14f0", "cor-727d401d91", "cor-1fbf012231"]),
        ("finances", [REVENUE]),
        ("people", ["cor-b03a7ad5b9", "cor-508041c1dc"]),
        ("aviation", []),
        ("Zoning", []),
    ]
    assert [[(t.subject, t.property) for t in s.single_source] for s in every[3:]] == [
        [("Acme", "fleet size")], [("Acme", "plant permit")]]
    # text and Markdown list what needs review first: a topic left with nothing else has no section
    assert [s.topic for s in presentation.sections_after_review(report)] == [
        "deal terms", "people", "aviation", "Zoning"]


def test_counts_tell_resolved_from_left_open(report):
    rows = {row.kind.value: (row.count, row.resolved, row.left_open, row.notes)
            for row in presentation.kind_counts(report)}
    assert rows == {
        "contradiction": (3, 0, 1, ["1 open"]),
        "condition": (1, 0, 1, ["1 open"]),
        "superseded": (1, 1, 0, ["1 resolved"]),
        "revised": (0, 0, 0, []),
        "corroborated": (4, 0, 0, []),
    }
    assert [row.kind.value for row in presentation.summary_counts(report)] == [
        "contradiction", "condition", "superseded", "corroborated"]  # no `0 revised`


def test_dates_and_qualifiers(report):
    claims = {c.id: c for c in report.claims}
    assert presentation.single_source_when(claims["aviation"]) == "since 2025-05"
    assert presentation.single_source_when(claims["zoning"]) == "2025-06-01"
    condition = next(f for f in report.findings if f.id == SUPPLY)
    qualifiers = [presentation.position_qualifier(condition, p) for p in condition.positions]
    assert qualifiers == ["until 2030", "until 2030; or until regulators object, whichever comes first",
                          presentation.NO_CONDITION]


def test_every_format_words_a_side_without_a_condition_the_same(report):
    assert "no condition stated" in markdown.render(report)
    assert "no condition stated" in text.render(report, RenderOptions(width=80))
    page = html.render(report)
    assert page.count('<span class="qualifier">(no condition stated)</span>') == 1  # the SUPPLY finding's side
    assert "(no condition)" not in page


def review_ids_in_text(report) -> list[str]:
    out = text.render(report, RenderOptions(width=80))
    section = out.split("needs review ─")[1].split("\n\n")
    return [block.splitlines()[0].split()[-1] for block in section[1:] if block.strip()
            and block.splitlines()[0].split("  ")[0].startswith(("CONTRADICTION", "CONDITION"))]


def test_every_format_lists_the_same_review_queue_in_the_same_order(report):
    expected = [PRICE, CLOSING, REVENUE, SUPPLY]
    assert [f.id for f in presentation.review_queue(report)] == expected
    assert review_ids_in_text(report) == expected
    needs_review = markdown.render(report).split("### Needs review")[1].split("\n### ")[0]
    assert re.findall(r"^`((?:con|cnd)-[0-9a-f]+)`", needs_review, re.MULTILINE) == expected
    page = html.render(report)
    queue = page.split('class="review-list"')[1].split("</ol>")[0]
    assert re.findall(r'href="#([a-z]+-[0-9a-f]+)"', queue) == expected
    states = re.findall(r'<span class="state">([^<]*)</span>', queue)
    assert states == ["left open on 2025-10-01", "not reviewed", "not reviewed", "left open on 2025-10-03"]


def test_every_format_counts_the_same(report):
    assert "3 contradictions (1 open) · 1 condition (1 open) · 1 superseded (1 resolved)" in text.render(report)
    assert ("**3 contradictions (1 open)** · 1 condition (1 open) · 1 superseded (1 resolved) · 4 corroborated"
            in markdown.render(report))
