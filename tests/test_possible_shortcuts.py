"""Possible matches' shortcuts give what comparing every pair of a block gives.

Candidates skip the pairs that a different name on each side sets apart before any fuzzy
comparison (found through who has each word), compare each pair of texts once, and score each
value object once; checked against the blocking as it was (every pair of a block through
rapidfuzz, then every pair sharing a value) on corpora drawn with a fixed seed.
"""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from factcheck import possible
from factcheck.dates import parse_date
from factcheck.matching import groups_of, match_names
from factcheck.model import Claim, Source
from factcheck.possible import _infos, possible_matches
from factcheck.possible_pairs import BLOCK_CAP, CANDIDATE_CUTOFF, SUBJECT_CAP, apart, candidate_pairs, close_pairs
from factcheck.settings import Settings
from factcheck.values import parse_value

SUBJECTS = ["Vantor", "Vantor Inc.", "Orbis", "Orbis Holdings", "Kelda plc", "Acme"]
METRICS = ["headcount", "job cuts", "revenue", "annual revenue", "market share", "stake", "data centres"]
PLACES = ["", " in Texas", " in Chile", " in Orbis", " in Q2", " in Q3", " 2024", " in Kelda"]
MOSTLY_PLAIN = ["", "", "", " in Q2", " in Q3"]  # most pairs of a subject are close: the C loop's way
VALUES = ["1200", "1,200", "about 1200", "12%", "12", "3 million", "Lyon", "not exclusive", "exclusive", "2026-05"]
DATES = [None, "2025", "2026-03", "2026-04-02", "2026-05"]


def _claims(rng: random.Random, count: int, subjects: list[str], places: list[str]) -> list[Claim]:
    claims = []
    for number in range(count):
        published = rng.choice(DATES)
        source = Source(f"s{number % 7}", "Outlet", "Title", parse_date(published) if published else None,
                        "f.yaml", 1, 1)
        value = parse_value(rng.random() < 0.5) if rng.random() < 0.1 else parse_value(rng.choice(VALUES))
        claims.append(Claim(source, f"c{number}", rng.choice(["jobs", "money"]), rng.choice(subjects),
                            rng.choice(METRICS) + rng.choice(places), value, "Statement.", 1, 1))
    return claims


def _original_candidates(infos) -> set[tuple[int, int]]:
    """The blocking as it was: every pair of a block through rapidfuzz, then every pair sharing a value."""
    pairs: set[tuple[int, int]] = set()
    by_word: dict[str, list[int]] = {}
    by_cluster: dict[int, list[int]] = {}
    for i, info in enumerate(infos):
        for word in info.words:
            by_word.setdefault(word, []).append(i)
        by_cluster.setdefault(info.cluster, []).append(i)

    def compare(members: list[int], texts: list[str]) -> None:
        for x, a in enumerate(members):
            for y in range(x + 1, len(members)):
                if fuzz.token_set_ratio(texts[x], texts[y]) >= CANDIDATE_CUTOFF:
                    pairs.add((a, members[y]))

    for members in by_word.values():
        if 2 <= len(members) <= BLOCK_CAP:
            if len({infos[i].cluster for i in members}) == 1 \
                    and len(by_cluster[infos[members[0]].cluster]) <= SUBJECT_CAP:
                continue
            compare(members, [infos[i].text for i in members])
    for members in by_cluster.values():
        if 2 <= len(members) <= SUBJECT_CAP:
            compare(members, [infos[i].property_text for i in members])
            by_value: dict[str, list[int]] = {}
            for i in members:
                for key in {c.value.key for c in infos[i].group.claims[:4] if c.value.kind != "boolean"}:
                    by_value.setdefault(key, []).append(i)
            for same in by_value.values():
                if len(same) <= BLOCK_CAP:
                    pairs.update((a, b) for x, a in enumerate(same) for b in same[x + 1:])
    return pairs


def _corpus(seed: int):
    rng = random.Random(seed)
    # one seed in four: a single subject with more groups than BLOCK_CAP, so crowded values count;
    # one in four: mostly plain properties
    claims = _claims(rng, rng.randint(20, 400), SUBJECTS[:1] if seed % 4 == 3 else SUBJECTS,
                     MOSTLY_PLAIN if seed % 4 == 1 else PLACES)
    settings = Settings(propose_threshold=rng.choice([40.0, 55.0, 65.0]))
    matching = match_names([(c.subject, c.property) for c in claims], settings)
    return claims, groups_of(claims, matching), matching, settings


@pytest.mark.parametrize("seed", range(8))
def test_close_pairs_are_the_pairs_no_name_setsapart(seed):
    claims, groups, matching, _settings = _corpus(seed)
    infos = _infos(groups, claims, matching)
    rng = random.Random(seed)
    for _ in range(50):
        members = sorted(rng.sample(range(len(infos)), min(len(infos), rng.randint(2, 30))))
        expected = {(a, b) for x, a in enumerate(members) for b in members[x + 1:] if not apart(infos[a], infos[b])}
        assert close_pairs(members, infos) == expected


@pytest.mark.parametrize("seed", range(8))
def test_possible_matches_are_those_of_comparing_every_pair_of_a_block(seed, monkeypatch):
    claims, groups, matching, settings = _corpus(seed)
    found = possible_matches(groups, claims, matching, settings)
    monkeypatch.setattr(possible, "candidate_pairs", _original_candidates)
    assert possible_matches(groups, claims, matching, settings) == found
    assert len(found) >= 3  # the corpus gives something to compare


@pytest.mark.parametrize("seed", range(8))
def test_candidates_leave_out_only_pairs_set_apart_or_never_alike(seed):
    claims, groups, matching, _settings = _corpus(seed)
    infos = _infos(groups, claims, matching)
    mine, theirs = candidate_pairs(infos), _original_candidates(infos)
    assert mine <= theirs
    assert all(apart(infos[a], infos[b]) for a, b in theirs - mine)
    assert len(mine) > 10
