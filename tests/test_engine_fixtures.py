"""Each folder under fixtures/engine is a corpus and the findings it must give.

The assertions name which claims stand in which positions of which kind of
finding, and that nothing else is found.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factcheck.engine import analyse
from factcheck.loader import load_corpus
from factcheck.report import build_report

CASES = sorted(p for p in (Path(__file__).parent / "fixtures" / "engine").iterdir() if p.is_dir())


def shape(kind, subject, prop, positions, replaced_by=None):
    sides = [tuple(side) for side in positions]
    if kind not in ("superseded", "revised"):  # only timelines promise an order: oldest first
        sides = sorted(sides)
    return (kind, subject, prop, tuple(sides), replaced_by)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_findings_match_expected(case: Path) -> None:
    corpus = load_corpus(case / "corpus")
    assert corpus.errors == ()
    analysis = analyse(corpus)
    report = build_report(analysis)
    got = sorted(
        shape(f.kind.value, f.subject, f.property, [[c.ref for c in p.claims] for p in f.positions],
              getattr(report.replaced_by(f), "kind", None) and report.replaced_by(f).kind.value)
        for f in analysis.findings
    )
    expected = yaml.safe_load((case / "expected.yaml").read_text())["findings"]
    want = sorted(shape(e["kind"], e["subject"], e["property"], e["positions"], e.get("replaced_by"))
                  for e in expected)
    assert got == want


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_positions_agree_within_and_disagree_across(case: Path) -> None:
    """Spec §5: claims in one position agree; across positions they contradict or supersede."""
    from factcheck.rules.disagreement import relation
    from factcheck.values import compare

    analysis = analyse(load_corpus(case / "corpus"))
    for finding in analysis.findings:
        for position in finding.positions:
            for a in position.claims:
                for b in position.claims:
                    assert compare(a.value, b.value).agree, (finding.id, a.ref, b.ref)
        if finding.kind.value in ("contradiction", "superseded", "revised"):
            for x, left in enumerate(finding.positions):
                for right in finding.positions[x + 1:]:
                    for a in left.claims:
                        for b in right.claims:
                            assert not compare(a.value, b.value).agree
                            assert relation(a, b) is finding.kind, (finding.id, a.ref, b.ref)


def test_superseded_positions_are_oldest_first() -> None:
    analysis = analyse(load_corpus(Path(__file__).parent / "fixtures" / "engine" / "time" / "corpus"))
    [finding] = [f for f in analysis.findings if f.kind.value == "superseded"]
    assert [p.value for p in finding.positions] == ["exclusive", "non-exclusive"]
    assert finding.positions[1].claims[0].since is not None


def test_condition_positions_carry_their_qualifier() -> None:
    analysis = analyse(load_corpus(Path(__file__).parent / "fixtures" / "engine" / "conditions" / "corpus"))
    [finding] = [f for f in analysis.findings if f.kind.value == "condition"]
    assert [p.qualifier for p in finding.positions] == [
        "until 2032; or until AGI is verified, whichever comes first",
        "until 2032",
    ]


def test_units_note_explains_a_contradiction() -> None:
    analysis = analyse(load_corpus(Path(__file__).parent / "fixtures" / "engine" / "numbers" / "corpus"))
    [finding] = [f for f in analysis.findings if f.property == "market share in Asia"]
    assert finding.note == "different units (% vs USD)"


def test_timelines_are_in_date_order_with_undated_last() -> None:
    analysis = analyse(load_corpus(Path(__file__).parent / "fixtures" / "engine" / "mixed" / "corpus"))
    [timeline] = analysis.timelines
    assert [c.ref for c in timeline.claims] == ["jan/cloud", "oct/cloud", "apr/cloud", "may/cloud", "blog/cloud"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_timelines_run_oldest_first(case: Path) -> None:
    """Spec §5: a superseded or revised finding lists its positions oldest first: every
    claim of a position is ordered before every claim of the next (by the rule that made it)."""
    from factcheck.rules.relations import revises, supersedes

    for finding in analyse(load_corpus(case / "corpus")).findings:
        if not finding.kind.is_timeline:
            continue
        later_than = supersedes if finding.kind.value == "superseded" else revises
        for earlier, later in zip(finding.positions, finding.positions[1:]):
            for a in earlier.claims:
                for b in later.claims:
                    assert later_than(b, a) and not later_than(a, b), (finding.id, a.ref, b.ref)


def test_fast_relation_matches_the_rule_on_every_pair() -> None:
    """The cover compares integer time keys; they must say what the rules in relations.py say."""
    from factcheck.rules.disagreement import key_relation, relation, time_key

    claims = [c for case in CASES for c in load_corpus(case / "corpus").claims]
    assert len(claims) > 40
    for a in claims:
        for b in claims:
            assert key_relation(time_key(a), time_key(b)) is relation(a, b), (a.ref, b.ref)
