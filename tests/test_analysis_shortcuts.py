"""The analysis's shortcuts give what the general way gives.

Each shortcut (two values split without the sweep, an untimed group without the
cover, memos by identity) is checked against the general way it stands in for,
on many small cases drawn with a fixed seed.
"""

from __future__ import annotations

import copy
import gc
import hashlib
import random

import pytest

from factcheck import identity
from factcheck.dates import date_text, parse_date
from factcheck.formatters.json import DateTexts, claim_json
from factcheck.ids import finding_id
from factcheck.matching.groups import _display, _merge_chains, _property_extra_ok, _property_roots, _word_sets
from factcheck.matching.names import Normaliser, vocabulary_of
from factcheck.settings import Settings
from factcheck.model import Claim, Finding, FindingKind, Position, Source
from factcheck.rules.condition import condition_sides, qualifier
from factcheck.rules.corroboration import corroborates
from factcheck.rules import disagreement as disagreement_module
from factcheck.rules import relations
from factcheck.rules.disagreement import (_Block, _covered, _signature, _timed, classes_contradict, disagreements,
                                          key_relation, time_key)
from factcheck.rules.relations import (Agreement, ValueClasses, _near, _neighbours, _reach, in_order, order_key,
                                       position, position_order, value_classes)
from factcheck.values import parse_value

WORDINGS = ["8 million", "8.6 million", "11 million", "more than 8 million", "about 8 million", "nearly 9 million",
            "7-9 million", "up to 10 million", "2032", "2031", "2032-05", "2032-05-17", "2032-05-31", "2032-06", "2033-01-01", "8 million EUR", "€8m",
            "exclusive", "not exclusive", "non-exclusive", "27%", "about 27%", "26.5%", "0", "-3", "1,200", "~1200"]
DATES = [None, "2025", "2026-03", "2026-04-02", "2026-04-27?", "2026-04-06/2026-04-27", "2027-01"]


def _value(rng: random.Random):
    if rng.random() < 0.1:
        return parse_value(rng.random() < 0.5)
    return parse_value(rng.choice(WORDINGS))


def _claim(rng: random.Random, number: int, value=None, timed: bool = True) -> Claim:
    published = rng.choice(DATES)
    source = Source(f"s{number % 5}", "Outlet", "Title", parse_date(published) if published else None, "f.yaml", 1, 1)
    dates = {key: parse_date(text) for key in ("as_of", "since") if timed and (text := rng.choice(DATES))}
    return Claim(source, f"c{number}", "topic", "Acme", "revenue", value if value is not None else _value(rng),
                 "Statement.", 1, 1, revises=timed and rng.random() < 0.2,
                 condition=rng.choice([None, None, "if approved"]), **dates)


def _original_value_classes(claims, agree: Agreement) -> ValueClasses:
    """value_classes as it was before its shortcuts: the sweep for every group, each pair seen twice."""
    distinct: dict = {}
    value_of = [distinct.setdefault(claim.value, len(distinct)) for claim in claims]
    values = list(distinct)
    if len(values) == 1:
        return ValueClasses([list(claims)], frozenset())
    near = _neighbours(values, agree.approx_margin)
    class_of = [-1] * len(values)
    members_of: list[list[int]] = []
    bridges: set = set()
    for index, value in enumerate(values):
        agreeing = {other for other in near[index] if agree.values(value, values[other]).agree}
        candidates = sorted({class_of[other] for other in agreeing if class_of[other] >= 0})
        for number in candidates:
            if all(member in agreeing for member in members_of[number]):
                class_of[index] = number
                members_of[number].append(index)
                break
        else:
            class_of[index] = len(members_of)
            members_of.append([index])
        for other in agreeing:
            if class_of[other] >= 0 and class_of[other] != class_of[index]:
                bridges.update((value, values[other]))
    classes: list[list] = [[] for _ in members_of]
    for claim, index in zip(claims, value_of):
        classes[class_of[index]].append(claim)
    return ValueClasses(classes, frozenset(bridges))


def test_near_is_the_sweeps_verdict_for_two_values():
    values = [parse_value(w) for w in WORDINGS] + [parse_value(True), parse_value(False)]
    for first in values:
        for second in values:
            if first == second:
                continue
            swept = 1 in _neighbours([first, second], 0.10)[0]
            assert _near(_reach(first, 0.10), _reach(second, 0.10)) is swept, (first, second)


@pytest.mark.parametrize("seed", range(4))
def test_value_classes_split_as_the_general_way_does(seed):
    rng = random.Random(seed)
    for case in range(300):
        claims = in_order([_claim(rng, n) for n in range(rng.randint(1, 7))])
        mine, theirs = value_classes(claims, Agreement(0.10), ordered=True), \
            _original_value_classes(claims, Agreement(0.10))
        assert mine.classes == theirs.classes and mine.bridges == theirs.bridges, case


@pytest.mark.parametrize("seed", range(4))
def test_an_untimed_group_contradicts_as_the_cover_finds(seed):
    rng = random.Random(seed)
    checked = 0
    for _ in range(300):
        claims = in_order([_claim(rng, n, timed=False) for n in range(rng.randint(2, 7))])
        split = value_classes(claims, Agreement(0.10), ordered=True)
        if len(split.classes) < 2 or split.bridges:
            continue
        checked += 1
        assert disagreements(split.classes, Agreement(0.10), split.bridges) == \
            _covered(split.classes, Agreement(0.10), split.bridges)
    assert checked > 50


def test_condition_sides_of_unqualified_claims_are_none():
    rng = random.Random(7)
    plain = [_claim(rng, n, value=parse_value("5"), timed=False) for n in range(4)]
    plain = [Claim(c.source, c.id, c.topic, c.subject, c.property, c.value, c.statement, 1, 1) for c in plain]
    assert condition_sides(plain) == []
    until = Claim(plain[0].source, "c9", "topic", "Acme", "revenue", parse_value("5"), "S.", 1, 1,
                  until=parse_date("2032"))
    assert [[c.id for c in side] for side in condition_sides(plain + [until])] == [["c0", "c1", "c2", "c3"], ["c9"]]


def test_in_order_gives_a_new_list_each_time_for_the_same_tuple():
    rng = random.Random(3)
    claims = tuple(_claim(rng, n) for n in range(6))
    expected = sorted(claims, key=order_key)
    first = in_order(claims)
    assert first == expected
    first.reverse()
    assert in_order(claims) == expected != first


def test_a_position_shows_the_most_common_wording_then_an_exact_one_then_the_first():
    rng = random.Random(5)

    def shown(*wordings: str) -> str:
        return position([_claim(rng, n, value=parse_value(w), timed=False) for n, w in enumerate(wordings)],
                        ordered=True).value

    assert shown("about 1,200", "1,200", "about 1,200") == "about 1,200"
    assert shown("about 1,200", "1,200") == "1,200"
    assert shown("1,200", "1200") == "1,200"
    assert shown("1200", "1,200", "1,200", "1200") == "1200"


def test_a_group_shows_its_most_common_wording_and_the_first_on_a_tie():
    assert _display(["Acme", "Acme Inc.", "Acme Inc."]) == "Acme Inc."
    assert _display(["Acme Inc.", "Acme", "Acme", "Acme Inc."]) == "Acme Inc."
    assert _display(["Acme"]) == "Acme"


def test_a_group_shows_the_same_wording_whether_it_has_few_claims_or_many():
    rng = random.Random(17)
    for _ in range(400):
        wordings = "ABCDE"[:rng.randint(1, 5)]
        texts = [rng.choice(wordings) for _ in range(rng.randint(1, 40))]  # past the short lists' shortcut too
        counts = {text: texts.count(text) for text in texts}
        most = max(counts.values())
        assert _display(texts) == next(text for text in texts if counts[text] == most)


def test_finding_ids_are_the_digest_of_the_kind_and_the_sorted_fingerprints():
    rng = random.Random(11)
    claims = [_claim(rng, n) for n in range(3)]
    for kind in FindingKind:
        prints = sorted(f"{c.ref}\x1f{c.value.kind}\x1f{c.value.display}\x1f{c.approx}\x1f"
                        f"{c.as_of or ''}\x1f{c.source.published or 'unknown'}\x1f{c.since or ''}\x1f"
                        f"{c.until or ''}\x1f{c.condition or ''}\x1f{c.attribution or ''}"
                        + ("\x1frevises" if c.revises else "") for c in claims)
        digest = hashlib.sha256(kind.value.encode())
        for fingerprint in prints:
            digest.update(("\x1e" + fingerprint).encode())
        expected = f"{finding_id(kind, claims).split('-')[0]}-{digest.hexdigest()[:10]}"
        assert finding_id(kind, claims) == finding_id(kind, claims, {}) == expected


def test_a_one_position_finding_lists_its_positions_claims():
    rng = random.Random(2)
    claims = tuple(_claim(rng, n) for n in range(3))
    one = Finding("cor-x", FindingKind.CORROBORATED, "t", "s", "p", (Position("5", claims),))
    two = Finding("con-x", FindingKind.CONTRADICTION, "t", "s", "p", (Position("5", claims[:1]), Position("6", claims[1:])))
    assert one.claims == claims and two.claims == claims


def test_a_claim_in_several_findings_is_one_document_per_report():
    rng = random.Random(4)
    claim = _claim(rng, 1)
    texts = DateTexts()
    assert claim_json(claim, 0.10, texts) is claim_json(claim, 0.10, texts)
    assert claim_json(claim, 0.10, texts) == claim_json(claim, 0.10) == claim_json(claim, 0.10, DateTexts())


def test_a_memo_by_identity_keeps_its_objects_and_starts_afresh_when_full(monkeypatch):
    monkeypatch.setattr(identity, "LIMIT", 3)
    memo: dict = {}
    kept = [identity.remember(memo, [n], n) for n in range(3)]
    gc.collect()
    assert [entry[1] for entry in memo.values()] == kept == [0, 1, 2]
    assert all(id(entry[0]) == key for key, entry in memo.items())  # alive: no other object has its id
    identity.remember(memo, [3], 3)
    assert [entry[1] for entry in memo.values()] == [3]


def test_date_text_is_the_dates_text():
    for text in DATES[1:] + ["201X", "2026-XX", "2026-04-XX", "../2026-04"]:
        date = parse_date(text)
        assert date_text(date) == date_text(date) == str(date)


def _original_joined(raw: list[str], vocabulary: frozenset[str]) -> list[str]:
    """Normaliser._joined as it was before its shortcut: every pair of neighbours looked up."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        if i + 1 < len(raw) and (raw[i] + raw[i + 1]).casefold() in vocabulary \
                and not any(ch.isdigit() for ch in raw[i] + raw[i + 1]):
            out.append(raw[i] + raw[i + 1].lower())
            i += 2
        else:
            out.append(raw[i])
            i += 1
    return out


NAME_WORDS = ["post", "paid", "Post", "PAID", "postpaid", "data", "base", "Data", "database", "5", "G", "5G", "ß",
              "ss", "Straße", "strasse", "Nova", "8", "cut", "jobs", "Job"]


def test_words_join_as_the_general_way_joins_them():
    rng = random.Random(23)
    vocabulary = frozenset({"postpaid", "database", "5g", "ssss", "strasse", "novaa", "jobcut", "cutjobs"})
    normaliser = Normaliser(vocabulary=vocabulary)
    joined = 0
    for _ in range(2000):
        raw = [rng.choice(NAME_WORDS) for _ in range(rng.randint(0, 5))]
        expected = _original_joined(raw, vocabulary)
        joined += expected != raw
        assert normaliser._joined(raw) == expected, raw
    assert joined > 50


def test_a_name_reads_the_same_whether_its_words_were_read_before_or_not():
    rng = random.Random(29)
    texts = [" ".join(rng.choice(NAME_WORDS + ["the", "Corp.", "Inc", "former", "Headcount", "2024", "sales"])
                      for _ in range(rng.randint(1, 5))) for _ in range(300)]
    vocabulary = vocabulary_of(texts)
    shared = Normaliser(vocabulary=vocabulary, proper={"nova"})
    for text in texts:
        for subject in (False, True):
            fresh = Normaliser(vocabulary=vocabulary, proper={"nova"})
            assert shared.name(text, subject=subject) == fresh.name(text, subject=subject), text


def _original_property_roots(distinct, keys, info, settings):
    """_property_roots as it was before its shortcuts: every cluster's chains merged, in the general way."""
    clusters: dict[int, list[frozenset]] = {}
    for cluster, key in distinct:
        clusters.setdefault(cluster, []).append(keys[key])
    roots = {cluster: _merge_chains(members, lambda small, large: _property_extra_ok(small, large, info, settings))
             for cluster, members in clusters.items()}
    return [roots[cluster][keys[key]] for cluster, key in distinct]


@pytest.mark.parametrize("seed", range(3))
def test_property_roots_are_the_chains_the_general_way_merges(seed):
    rng = random.Random(seed)
    words = ["revenue", "share", "growth", "price", "Wales", "cloud", "license", "new"]
    merged = 0
    for _ in range(60):
        texts = list(dict.fromkeys(" ".join(rng.sample(words, rng.randint(1, 3))) for _ in range(rng.randint(1, 12))))
        normaliser = Normaliser(vocabulary=vocabulary_of(texts))
        set_of, keys, info = _word_sets({text: normaliser.name(text) for text in texts})
        numbers = sorted(set(set_of.values()))
        distinct = list(dict.fromkeys((rng.randint(0, 3), rng.choice(numbers)) for _ in range(rng.randint(1, 20))))
        settings = Settings(match_threshold=rng.choice([30.0, 60.0, 85.0]))
        expected = _original_property_roots(distinct, keys, info, settings)
        merged += sum(root != keys[key] for root, (_, key) in zip(expected, distinct))
        assert _property_roots(distinct, keys, info, settings) == expected
    assert merged > 10


def test_findings_come_in_finding_order_built_a_group_at_a_time(tmp_path):
    """The analysis sorts by keys whose group part it works out once per group: the order
    `finding_order` gives, the same findings."""
    from bench.generate import write_corpus
    from factcheck import engine
    from factcheck.loader import load_corpus

    write_corpus(tmp_path / "claims", 600, seed=11)
    findings = engine.analyse(load_corpus(tmp_path / "claims")).findings
    assert len({f.kind for f in findings}) >= 3 and len(findings) > 100
    assert list(findings) == sorted(findings, key=engine.finding_order)


def _copied(claim: Claim, value=None) -> Claim:
    """The same claim with equal but separate value and date objects (a corpus need not share them)."""
    def fresh(date):
        return copy.copy(date) if date is not None else None
    source = claim.source
    source = Source(source.id, source.outlet, source.title, fresh(source.published), source.path, 1, 1)
    return Claim(source, claim.id, claim.topic, claim.subject, claim.property,
                 value if value is not None else copy.copy(claim.value), claim.statement, 1, 1,
                 revises=claim.revises, condition=claim.condition, as_of=fresh(claim.as_of), since=fresh(claim.since))


@pytest.mark.parametrize("seed", range(3))
def test_value_classes_tell_equal_values_apart_as_equality_does(seed):
    """Values are told apart by a canonical object per distinct value, not by hashing: equal values
    in separate objects land together, and the split is the general way's."""
    rng = random.Random(100 + seed)
    split = 0
    for case in range(300):
        claims = [_claim(rng, n) for n in range(rng.randint(1, 7))]
        claims = in_order([_copied(c) if rng.random() < 0.5 else c for c in claims])
        mine, theirs = value_classes(claims, Agreement(0.10), ordered=True), \
            _original_value_classes(claims, Agreement(0.10))
        split += len(mine.classes) > 1
        assert mine.classes == theirs.classes and mine.bridges == theirs.bridges, case
    assert split > 50


def test_value_classes_stay_right_when_their_tables_start_afresh(monkeypatch):
    monkeypatch.setattr(relations, "LIMIT", 4)
    rng = random.Random(41)
    for case in range(200):
        claims = in_order([_copied(_claim(rng, n)) for n in range(rng.randint(2, 7))])
        mine, theirs = value_classes(claims, Agreement(0.10), ordered=True), \
            _original_value_classes(claims, Agreement(0.10))
        assert mine.classes == theirs.classes and mine.bridges == theirs.bridges, case
        assert len(relations._CANONICAL) < 4 + 7


def test_agreements_shared_across_groups_are_each_pairs_comparison():
    rng = random.Random(43)
    values = [_value(rng) for _ in range(60)]
    agreed = 0
    for margin in (0.10, 0.25):
        for a, b in zip(values, reversed(values)):
            # Whether two values agree does not depend on their order (a note may name them in it:
            # the analysis reads notes from `compare` itself).
            first, second = Agreement(margin).values(a, b).agree, Agreement(margin).values(b, a).agree
            assert first is second is relations.compare(a, b, margin).agree is relations.compare(b, a, margin).agree
            agreed += first
    assert 5 < agreed < 100


def _original_rows(classes, bridges):
    """disagreement._rows as it was before its numbered signatures: signatures of date objects."""
    timed: dict = {}
    plain: dict = {}
    signed = []
    for home, members in enumerate(classes):
        for claim in members:
            signature = _signature(claim)
            chosen = timed if _timed(claim) else plain
            key = chosen.get(signature)
            if key is None:
                key = chosen[signature] = time_key(claim)
            signed.append((home, claim, signature, key))
    timed_keys = list(timed.values())
    profile = {signature: ("plain",) + tuple(key_relation(mine, other) for other in timed_keys)
               for signature, mine in plain.items()}
    return [(home, claim, ("timed", signature) if signature in timed else profile[signature], key,
             claim.value if bridges and claim.value in bridges else None)
            for home, claim, signature, key in signed], bool(timed)


def _original_blocks(rows, by_class, kind):
    blocks: dict = {}
    for home, claim, signature, time, bridge in rows:
        if by_class and signature[0] == "plain" and kind not in signature:
            continue
        key = (home, signature, bridge) if by_class else (signature, home if bridge is not None else None, bridge)
        block = blocks.get(key)
        if block is None:
            block = blocks[key] = _Block(claim, bridge, time)
        block.add(home, claim)
    return list(blocks.values())


@pytest.mark.parametrize("seed", range(4))
def test_the_cover_finds_what_it_found_with_signatures_of_dates(seed):
    rng = random.Random(200 + seed)
    cases = []
    for _ in range(250):
        claims = [_claim(rng, n, timed=rng.random() < 0.8) for n in range(rng.randint(2, 9))]
        claims = in_order([_copied(c) if rng.random() < 0.5 else c for c in claims])
        split = value_classes(claims, Agreement(0.10), ordered=True)
        if len(split.classes) >= 2:
            cases.append(split)
    mine = [_covered(split.classes, Agreement(0.10), split.bridges) for split in cases]
    theirs = [_original_covered(split.classes, Agreement(0.10), split.bridges) for split in cases]
    assert len(cases) > 100 and sum(len(found) > 1 for found in theirs) > 20
    assert {kind for found in theirs for kind, _ in found} == {FindingKind.CONTRADICTION, FindingKind.SUPERSEDED,
                                                               FindingKind.REVISED}
    assert mine == theirs


def _original_covered(classes, agree, bridges):
    """disagreement._covered as it was before its shortcuts: every kind covered when any claim is timed."""
    rows, timed = _original_rows(classes, bridges)

    def bridged(a, b) -> bool:
        return (a.bridge is not None and b.bridge is not None and a.classes != b.classes
                and agree.values(a.bridge, b.bridge).agree)

    found = []
    for kind in (FindingKind.CONTRADICTION, FindingKind.SUPERSEDED, FindingKind.REVISED) if timed \
            else (FindingKind.CONTRADICTION,):
        blocks = _original_blocks(rows, by_class=kind is not FindingKind.CONTRADICTION, kind=kind)
        for members in disagreement_module._cover(blocks, kind, bridged if bridges else None):
            found.append((kind, members))
    return found


def test_classes_contradict_as_they_are_only_when_untimed_and_unbridged():
    rng = random.Random(47)
    seen = set()
    for _ in range(400):
        claims = in_order([_claim(rng, n, timed=rng.random() < 0.3) for n in range(rng.randint(2, 6))])
        split = value_classes(claims, Agreement(0.10), ordered=True)
        expected = not split.bridges and not any(_timed(c) for members in split.classes for c in members)
        seen.add(expected)
        assert classes_contradict(split.classes, split.bridges) is expected


def _original_findings_for_group(group, topic, settings):
    """engine.findings_for_group as it was before its shortcuts."""
    from factcheck import engine
    agree = Agreement(settings.approx_margin)
    split = value_classes(in_order(group.claims), agree, ordered=True)
    found = []
    fingerprints: dict = {}

    def add(kind, positions, note=None):
        ordered = sorted(positions, key=lambda p: position_order(p, kind))
        claims = [c for p in ordered for c in p.claims]
        found.append(Finding(finding_id(kind, claims, fingerprints), kind, topic, group.subject, group.property,
                             tuple(ordered), note))

    for kind, sides in disagreements(split.classes, agree, split.bridges):
        add(kind, (_original_position(side) for side in sides), engine._note(sides, settings))
    for members in split.classes:
        sides = condition_sides(members)
        if sides:
            add(FindingKind.CONDITION, (_original_position(side, qualifier(side[0])) for side in sides))
        if corroborates(members):
            agreed = _original_position(members)
            found.append(Finding(finding_id(FindingKind.CORROBORATED, agreed.claims, fingerprints),
                                 FindingKind.CORROBORATED, topic, group.subject, group.property, (agreed,)))
    return found


def _original_position(claims, qualifier=None):
    listed = tuple(in_order(claims))
    displays = [c.value.display for c in listed]
    counts: dict = {}
    for text in displays:
        counts[text] = counts.get(text, 0) + 1
    most = max(counts.values())
    tied = [text for text, count in counts.items() if count == most]
    if len(tied) > 1:
        loose = {c.value.display for c in listed if relations._loose(c)} - \
            {c.value.display for c in listed if not relations._loose(c)}
        tied = [min(tied, key=lambda text: text in loose)]
    return Position(value=tied[0], claims=listed, qualifier=qualifier)


@pytest.mark.parametrize("seed", range(4))
def test_a_groups_findings_are_the_general_ways(seed):
    """Positions taken in order as they are, two positions put in order by one comparison, findings
    and positions made without their frozen __init__: the same findings."""
    from factcheck import engine
    from factcheck.matching import Group

    rng = random.Random(300 + seed)
    kinds = set()
    for case in range(250):
        claims = tuple(_claim(rng, n, timed=rng.random() < 0.5) for n in range(rng.randint(1, 8)))
        group = Group("Acme", "revenue", claims)
        mine = engine.findings_for_group(group, "topic", Settings())
        theirs = _original_findings_for_group(group, "topic", Settings())
        kinds.update(f.kind for f in theirs)
        assert mine == theirs, case
        assert [type(f) for f in mine] == [Finding] * len(mine)
        assert all(type(p) is Position for f in mine for p in f.positions)
    assert kinds == set(FindingKind)
