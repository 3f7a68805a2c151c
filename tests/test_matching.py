from __future__ import annotations

import pytest

from matching_eval import evaluate, load_pairs
from factcheck.matching import group_claims, names_match
from factcheck.settings import Settings


def test_defaults_keep_every_trap_apart_on_the_labelled_set():
    precision, recall, mistakes = evaluate(Settings())
    assert precision == 1.0, mistakes
    # The README states these figures; update both together.
    assert recall == pytest.approx(22 / 24), mistakes


@pytest.mark.parametrize("kind, a, b, same", [p for p in load_pairs() if not p[3]])
def test_traps_stay_apart(kind, a, b, same):
    assert not names_match(a, b, subject=kind == "subject")


@pytest.mark.parametrize(
    "a, b",
    [("license to OpenAI IP", "OpenAI IP licence"), ("purchase price for X", "X purchase price"),
     ("exclusivity of stateless APIs", "stateless API exclusivity")],
)
def test_variants_match(a, b):
    assert names_match(a, b)


def test_subjects_drop_corporate_suffixes_but_not_names():
    assert names_match("Microsoft", "Microsoft Corp.", subject=True)
    assert not names_match("Microsoft", "SoftBank", subject=True)
    assert not names_match("South Korea", "North Korea", subject=True)


def test_aliases_join_what_fuzzy_matching_cannot_know():
    settings = Settings(aliases=(("headquarters", "head office", "HQ"),))
    assert not names_match("head office location", "headquarters location")
    assert names_match("head office location", "headquarters location", settings)
    assert names_match("HQ", "head office", settings)


def test_thresholds_are_configurable():
    # A lenient token threshold folds different words together: the trap the default avoids.
    lenient = Settings(token_threshold=80)
    assert names_match("licensed models", "licensee models", lenient)
    assert not names_match("licensed models", "licensee models")
    strict = Settings(match_threshold=95)
    assert not names_match("right of first refusal on new capacity",
                           "right of first refusal on additional new capacity", strict)
    assert names_match("right of first refusal on new capacity",
                       "right of first refusal on additional new capacity")


def test_grouping_does_not_depend_on_claim_order(tmp_path):
    from factcheck.loader import load_corpus
    from pathlib import Path

    corpus = load_corpus(Path(__file__).parent / "fixtures" / "engine" / "matching" / "corpus")
    forward = group_claims(corpus.claims)
    backward = group_claims(tuple(reversed(corpus.claims)))
    assert [(g.subject, g.property, [c.ref for c in g.claims]) for g in forward] == \
           [(g.subject, g.property, [c.ref for c in g.claims]) for g in backward]
    assert ("Acme", "headcount in Germany", ["alpha/de"]) in [
        (g.subject, g.property, [c.ref for c in g.claims]) for g in forward]
