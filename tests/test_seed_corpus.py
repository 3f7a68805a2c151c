"""The seed corpus (claims/): valid, and its headline findings stay found.

These tests pin what the five Microsoft–OpenAI articles show: which claims
stand on which side of each headline finding. An engine change that loses a
finding, or a curation change that adds a false contradiction, fails here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.engine import analyse
from factcheck.loader import load_corpus
from factcheck.model import FindingKind

CLAIMS = Path(__file__).resolve().parent.parent / "claims"

# Source ids, short names for the refs below.
NYT = "nyt-summary"                      # 000, undated summary of a NYT report
BRIEF = "rewrite-brief"                  # 001, the rewrite, Monday 2026-04-27
BLOG = "cloud-exclusivity-blog"          # 002, undated, history to February 2026
VFM = "vfuturemedia-2026-04-24"          # 003
EXPLAINER = "amazon-terms-explainer"     # 004, undated, claims as_of 2026-02

LICENCE = ("Microsoft", "license to OpenAI IP, exclusivity")
LICENCE_TERM = ("Microsoft", "license to OpenAI IP, end of term")
STATELESS = ("Azure", "cloud exclusivity for OpenAI stateless APIs")
FIRST_PARTY = ("OpenAI", "first-party products, hosting cloud")
TRAINING = ("Azure", "cloud exclusivity for OpenAI training and research")
SHARE_TO_MICROSOFT = ("OpenAI", "revenue share paid to Microsoft, covers deals with other clouds")
SHARE_TO_OPENAI = ("Microsoft", "revenue share paid to OpenAI")
PARTNERSHIP_TERM = ("Microsoft–OpenAI partnership", "end of term")


@pytest.fixture(scope="module")
def analysis():
    return analyse(load_corpus(CLAIMS))


def findings(analysis, kind: FindingKind, subject_property: tuple[str, str]):
    subject, prop = subject_property
    return [f for f in analysis.findings
            if f.kind is kind and f.subject == subject and f.property == prop]


def the_finding(analysis, kind, subject_property):
    found = findings(analysis, kind, subject_property)
    assert len(found) == 1, f"expected one {kind.value} finding on {subject_property}, got {len(found)}"
    return found[0]


def sides(finding) -> list[tuple[str, str | None, set[str]]]:
    """(value, qualifier, refs) per position, in the finding's order."""
    return [(p.value, p.qualifier, {c.ref for c in p.claims}) for p in finding.positions]


def test_corpus_loads_without_problems():
    corpus = load_corpus(CLAIMS)
    assert corpus.diagnostics == ()
    assert sorted(s.id for s in corpus.sources) == sorted([NYT, BRIEF, BLOG, VFM, EXPLAINER])
    assert 50 <= len(corpus.claims) <= 100


def test_every_source_points_at_its_article():
    corpus = load_corpus(CLAIMS)
    texts = {s.id: s.text for s in corpus.sources}
    assert texts == {
        NYT: "000_9cceb516eca2073e.txt",
        BRIEF: "001_6939255136e22e40.txt",
        BLOG: "002_e6e08d3e5609a709.txt",
        VFM: "003_f5640a2ff3f1d58e.txt",
        EXPLAINER: "004_9bfbd1aeda5f50e5.txt",
    }


def test_licence_exclusivity_is_a_timeline_from_exclusive_to_non_exclusive(analysis):
    finding = the_finding(analysis, FindingKind.SUPERSEDED, LICENCE)
    assert sides(finding) == [
        ("exclusive", None, {f"{EXPLAINER}/license-exclusive", f"{BLOG}/license-exclusive-2026-02",
                             f"{NYT}/license-exclusive-microsoft-updates", f"{VFM}/license-exclusive"}),
        ("non-exclusive", None, {f"{NYT}/nyt-license-non-exclusive", f"{BRIEF}/license-non-exclusive"}),
    ]
    later = finding.positions[1].claims
    assert {str(c.since) for c in later} == {"2026-04-27"}


def test_undated_still_exclusive_claim_contradicts_the_rewrite(analysis):
    finding = the_finding(analysis, FindingKind.CONTRADICTION, LICENCE)
    assert sorted(sides(finding)) == [
        ("exclusive", None, {f"{NYT}/license-exclusive"}),
        ("non-exclusive", None, {f"{NYT}/nyt-license-non-exclusive", f"{BRIEF}/license-non-exclusive"}),
    ]


def test_stateless_api_exclusivity_gives_way_to_any_cloud(analysis):
    superseded = the_finding(analysis, FindingKind.SUPERSEDED, STATELESS)
    assert sides(superseded) == [
        ("exclusive", None, {
            f"{BLOG}/api-exclusive-2025-01", f"{BLOG}/api-exclusive-2025-10", f"{BLOG}/api-exclusive-2026-02",
            f"{EXPLAINER}/stateless-api-exclusive", f"{BRIEF}/stateless-api-exclusive-2026-03-31",
            f"{VFM}/stateless-api-exclusive",
        }),
        ("non-exclusive", None, {f"{BRIEF}/stateless-api-non-exclusive"}),
    ]
    contradiction = the_finding(analysis, FindingKind.CONTRADICTION, STATELESS)
    assert sorted(sides(contradiction)) == [
        ("exclusive", None, {f"{NYT}/stateless-api-exclusive"}),
        ("non-exclusive", None, {f"{BRIEF}/stateless-api-non-exclusive"}),
    ]


def test_stateless_api_scope_differs_in_one_source(analysis):
    finding = the_finding(analysis, FindingKind.CONDITION, STATELESS)
    by_qualifier = {qualifier: refs for _value, qualifier, refs in sides(finding)}
    assert by_qualifier["only for APIs sold through Microsoft channels"] == {f"{VFM}/stateless-api-exclusive"}
    assert f"{BLOG}/api-exclusive-2026-02" in by_qualifier[None]


def test_first_party_products_move_from_azure_to_any_cloud(analysis):
    finding = the_finding(analysis, FindingKind.SUPERSEDED, FIRST_PARTY)
    assert sides(finding) == [
        ("Azure", None, {f"{EXPLAINER}/first-party-products-azure", f"{BLOG}/first-party-products-azure"}),
        ("any cloud provider", None, {f"{BRIEF}/first-party-products-any-cloud"}),
    ]


def test_2032_term_with_and_without_the_agi_condition(analysis):
    finding = the_finding(analysis, FindingKind.CONDITION, LICENCE_TERM)
    assert sorted(sides(finding), key=lambda side: side[1] or "") == [
        ("2032", None, {f"{BRIEF}/license-term"}),
        ("2032", "or AGI, whichever comes first", {f"{BLOG}/license-term", f"{VFM}/license-term"}),
    ]
    partnership = the_finding(analysis, FindingKind.CONDITION, PARTNERSHIP_TERM)
    assert sorted(sides(partnership), key=lambda side: side[1] or "") == [
        ("2032", None, {f"{BRIEF}/partnership-term"}),
        ("2032", "at least; it may run longer", {f"{VFM}/partnership-term"}),
    ]


def test_training_cloud_exclusivity_is_a_timeline_from_exclusive_to_non_exclusive(analysis):
    superseded = the_finding(analysis, FindingKind.SUPERSEDED, TRAINING)
    assert sides(superseded) == [
        ("exclusive", None, {f"{BLOG}/training-cloud-exclusive-since-2019", f"{NYT}/training-cloud-exclusive-before"}),
        ("non-exclusive", None, {
            f"{BLOG}/training-cloud-non-exclusive", f"{NYT}/training-cloud-non-exclusive",
            f"{BRIEF}/training-cloud-non-exclusive", f"{VFM}/training-cloud-non-exclusive",
            f"{EXPLAINER}/additional-compute-elsewhere",
        }),
    ]
    assert {str(c.since) for c in superseded.positions[1].claims} == {"2025-01", "2025-01-21", "2025-10", "None"}
    corroborated = [sides(f) for f in findings(analysis, FindingKind.CORROBORATED, TRAINING)]
    assert sorted(corroborated) == [
        [("exclusive", None, {f"{BLOG}/training-cloud-exclusive-since-2019", f"{NYT}/training-cloud-exclusive-before"})],
        [("non-exclusive", None, {
            f"{BLOG}/training-cloud-non-exclusive", f"{BRIEF}/training-cloud-non-exclusive",
            f"{EXPLAINER}/additional-compute-elsewhere", f"{VFM}/training-cloud-non-exclusive",
            f"{NYT}/training-cloud-non-exclusive",
        })],
    ]


def test_compute_elsewhere_in_2026_is_history_next_to_the_early_exclusivity(analysis):
    """The explainer reports no change, but its claim carries an explicit as_of (2026-02) and the
    exclusivity claims theirs (2019, 2024): the periods do not overlap, so the early exclusivity is
    history (spec 1.1 §4), not a contradiction a reviewer must judge. (Before 1.1 this was
    con-a9b5496a88, which a reviewer had judged `superseded` by hand.)"""
    assert not findings(analysis, FindingKind.CONTRADICTION, TRAINING)
    superseded = the_finding(analysis, FindingKind.SUPERSEDED, TRAINING)
    assert f"{EXPLAINER}/additional-compute-elsewhere" in {c.ref for c in superseded.positions[-1].claims}


def test_revenue_shares_keep_their_direction_apart(analysis):
    to_microsoft = the_finding(analysis, FindingKind.CORROBORATED, SHARE_TO_MICROSOFT)
    assert {c.ref for c in to_microsoft.claims} == {
        f"{EXPLAINER}/revenue-share-other-clouds", f"{BLOG}/revenue-share-other-clouds",
        f"{NYT}/revenue-share-third-party",
    }
    condition = the_finding(analysis, FindingKind.CONDITION, SHARE_TO_MICROSOFT)
    assert {q for _v, q, _r in sides(condition)} == {None, "in some third-party deals"}
    # What Microsoft pays OpenAI is another fact: its own timeline, in no finding.
    timeline = [t for t in analysis.timelines if (t.subject, t.property) == SHARE_TO_OPENAI]
    assert [[c.ref for c in t.claims] for t in timeline] == [[f"{BRIEF}/revenue-share-to-openai-ends"]]
    assert not any(c.ref == f"{BRIEF}/revenue-share-to-openai-ends" for f in analysis.findings for c in f.claims)


def test_stake_figures_stay_apart(analysis):
    by_property = {(t.subject, t.property): [c.ref for c in t.claims] for t in analysis.timelines}
    assert by_property[("Microsoft", "stake in OpenAI")] == [f"{BLOG}/stake"]
    assert by_property[("Microsoft", "value of stake in OpenAI")] == [f"{BLOG}/stake-value"]
    assert by_property[("Microsoft", "stake in OpenAI, change")] == [f"{VFM}/stake-reduced"]
    stake = next(c for c in analysis.corpus.claims if c.ref == f"{BLOG}/stake")
    assert (stake.value.unit, stake.value.magnitude, stake.approx, str(stake.since)) == ("%", 27.0, True, "2025-10")


def test_no_other_contradictions(analysis):
    """A new contradiction is news: curation slipped (a missing as_of) or the engine changed."""
    contradictions = {(f.subject, f.property) for f in analysis.findings if f.kind is FindingKind.CONTRADICTION}
    assert contradictions == {LICENCE, STATELESS}


def test_report_json_shows_dates_and_outlets():
    env = {**os.environ, "_TYPER_FORCE_DISABLE_TERMINAL": "1"}
    result = CliRunner().invoke(app, ["report", str(CLAIMS), "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["corpus"]["sources"] == 5
    assert report["errors"] == []
    licence = next(f for f in report["findings"]
                   if f["kind"] == "superseded" and (f["subject"], f["property"]) == LICENCE)
    dated = {c["ref"]: (c["outlet"], c["published"], c["as_of"], c["since"])
             for p in licence["positions"] for c in p["claims"]}
    assert dated[f"{VFM}/license-exclusive"] == ("vfuturemedia.com", "2026-04-24", "2026-04-24", None)
    assert dated[f"{EXPLAINER}/license-exclusive"] == ("Unnamed tech explainer", "unknown", "2026-02", None)
    assert dated[f"{NYT}/license-exclusive-microsoft-updates"] == (
        "Unnamed AI-tools site (NYT summary)", "unknown", "2026-02", None)
    assert dated[f"{BRIEF}/license-non-exclusive"] == ("Unnamed news brief", "2026-04-27", "2026-04-27", "2026-04-27")


SEEDS = CLAIMS.parent.parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seed articles at {SEEDS}")
def test_every_checkable_sentence_of_the_seeds_is_curated_or_explained():
    """The curator's to-do list is empty, and no entry of claims/_coverage.yaml has gone stale."""
    from factcheck.provenance import verify

    result = verify(CLAIMS, SEEDS)
    assert [str(d) for d in result.diagnostics] == []
    assert all(q.found for q in result.quotes) and all(f.found for f in result.figures)
    assert {Path(a.path).name: [s.passage.text for s in a.uncovered] for a in result.articles} == {
        "000_9cceb516eca2073e.txt": [], "001_6939255136e22e40.txt": [], "002_e6e08d3e5609a709.txt": [],
        "003_f5640a2ff3f1d58e.txt": [], "004_9bfbd1aeda5f50e5.txt": [],
    }
    assert sum(len(a.explained) for a in result.articles) == 15


def test_every_seed_contradiction_is_reviewed_so_check_passes():
    result = CliRunner().invoke(app, ["check", str(CLAIMS), "--format", "json"])
    assert result.exit_code == 0, result.output
    verdict = json.loads(result.stdout)["check"]
    assert verdict["unresolved"] == []
    # The engine now finds by itself what the review of con-a9b5496a88 said (superseded): that
    # review now points at a superseded finding (outdated, a warning) until the curators drop it
    # from claims/_resolutions.yaml.
    assert {o["id"] for o in verdict["outdated"] + verdict["stale"]} <= {"con-a9b5496a88"}
    assert sorted(verdict["reviewed"]) == ["con-6ded1e22cd", "con-cf875f5a22"]
