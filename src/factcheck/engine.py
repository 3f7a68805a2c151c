"""From a loaded corpus to findings: group, compare, classify.

    corpus = load_corpus("claims")
    analysis = analyse(corpus)
    for finding in analysis.findings: ...
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache, partial
from operator import attrgetter
from typing import TYPE_CHECKING, Iterable

from . import parallel
from .bulk import collector_paused, maker
from .ids import finding_id
from .matching import Group, groups_of, match_names
from .model import Analysis, Claim, Corpus, Finding, FindingKind, Timeline
from .rules.condition import condition_sides, qualifier
from .rules.corroboration import corroborates
from .rules.disagreement import classes_contradict, disagreements
from .rules.relations import Agreement, in_order, position, position_order, value_classes
from .settings import Settings, settings_from_corpus
from .values import compare
from .values.text import normalise

if TYPE_CHECKING:
    from .cache import GroupCache


def analyse(corpus: Corpus, settings: Settings | None = None, *, cache: GroupCache | None = None) -> Analysis:
    """Find contradictions, changes over time, conditions and corroboration.

    Settings default to the corpus's own `_settings.yaml` and `_aliases.yaml`.
    With `cache`, a group whose claims, topic and settings are unchanged since
    an earlier run takes its findings from there (the same findings).
    """
    with collector_paused():  # the pack is written before the collector may run: it would walk every claim
        analysis = _analyse(corpus, settings, cache)
        if cache is not None:
            cache.save()
    return analysis


def _analyse(corpus: Corpus, settings: Settings | None, cache: GroupCache | None = None) -> Analysis:
    problems = []
    if settings is None:
        settings, problems = settings_from_corpus(corpus)
    topics = _topic_names(corpus.claims)
    corpus_key = cache.corpus_key(corpus, settings) if cache is not None else None
    stored = cache.corpus_entry(corpus_key, corpus) if corpus_key is not None else None
    if stored is not None:  # the same names, values and dates as a run before: its groups and possible matches
        groups, possible = stored
    else:
        matching = match_names([(c.subject, c.property) for c in corpus.claims], settings)
        groups = groups_of(corpus.claims, matching)
    group_topics = [_topic_of(group.claims, topics) for group in groups]
    # The child that finds the possible matches also makes the corpus's entry from them.
    keep_corpus = partial(cache.corpus_entry_bytes, corpus, groups) if stored is None and corpus_key is not None \
        else None
    results, possible_found, corpus_entry = _compare(groups, group_topics, settings, cache,
                                                     (corpus.claims, matching, keep_corpus) if stored is None else None)
    findings: list[Finding] = []
    order: list[tuple] = []  # each finding's `finding_order`, its group's part worked out once
    timelines: list[Timeline] = []
    ranks = _KIND_RANKS
    for group, topic, (found, in_time) in zip(groups, group_topics, results):
        if found:
            findings.extend(found)
            names = (topic.casefold(), group.subject.casefold(), group.property.casefold())
            order.extend([(ranks[f.kind], *names, f.id) for f in found])
        timelines.append(Timeline(topic, group.subject, group.property, in_time))
    findings = [findings[i] for i in sorted(range(len(findings)), key=order.__getitem__)]
    if stored is None:
        possible = possible_found if possible_found is not None else _possible(groups, corpus.claims, matching, settings)
        if corpus_key is not None and corpus_entry is not None:
            cache.store_corpus_pickled(corpus_key, corpus_entry)
        elif corpus_key is not None:
            cache.store_corpus(corpus_key, corpus, groups, possible)
    return Analysis(corpus, tuple(findings), tuple(timelines), tuple(corpus.diagnostics) + tuple(problems), possible,
                    approx_margin=settings.approx_margin)


def in_time_order(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(in_order(claims))


def _group_findings(group: Group, topic: str, settings: Settings, cache: GroupCache | None,
                    key: str | None) -> tuple[list[Finding], tuple]:
    """The group's findings and claims in time order, from the cache (under `key`) when its claims
    are unchanged."""
    stored = cache.findings(key, group, topic) if cache is not None and key is not None else None
    if stored is not None:
        return stored
    found, in_time = findings_for_group(group, topic, settings), in_time_order(group.claims)
    if cache is not None and key is not None:
        cache.store(key, group, found, in_time)
    return found, in_time


def _possible(groups: list[Group], claims, matching, settings: Settings) -> tuple:
    from .possible import possible_matches

    return possible_matches(groups, claims, matching, settings)


def _compare(groups: list[Group], topics: list[str], settings: Settings, cache: GroupCache | None,
             possible_of: tuple | None) -> tuple[list, tuple | None, bytes | None]:
    """Each group's (findings, claims in time order), from the cache where it has them; the groups
    left to compare shared between this process and children (`parallel`). With `possible_of` (the
    corpus's claims, their name matching, and what makes the corpus's cache entry from the
    possible matches, or None), a child also finds the possible matches and makes that entry:
    returned when it did, else None (find them here)."""
    # With nothing kept (a cold run), every group is compared: each one's key is made where it is,
    # in a child too, not every key here first (0.2 s at 100k claims, with the other CPU idle).
    keyed_later = cache is not None and not cache.holds_any()
    if cache is None or keyed_later:
        keys: list = [None] * len(groups)
        to_compare = list(range(len(groups)))
    else:
        keys = [cache.key(group, topic, settings) for group, topic in zip(groups, topics)]
        to_compare = [i for i, key in enumerate(keys) if key is None or not cache.holds(key)]
    if cache is not None:
        cache.settle()  # a child still writing the files' pack would count as a busy CPU
    find_possible = partial(_possible_elsewhere, groups, possible_of, settings) if possible_of is not None else None
    # The possible matches cost about as much as comparing two fifths of the claims.
    head_weight = sum(len(group.claims) for group in groups) * 2 // 5 if possible_of is not None else 0
    sharing = parallel.share([len(groups[i].claims) for i in to_compare], parallel.MIN_COMPARE_CLAIMS,
                             partial(_compared_elsewhere, groups, topics, to_compare, settings,
                                     cache if keyed_later else None),
                             find_possible, head_weight)
    if keyed_later:
        keys = _KeysMadeHere(groups, topics, settings, cache)  # type: ignore[assignment]
    if sharing is None:
        return [_group_findings(group, topic, settings, cache, keys[i])
                for i, (group, topic) in enumerate(zip(groups, topics))], None, None
    results: list = [None] * len(groups)
    with sharing:
        compared = set(to_compare)
        for i in range(len(groups)):
            if i not in compared:  # from the cache
                results[i] = _group_findings(groups[i], topics[i], settings, cache, keys[i])
        for chunk, data in sharing.events():
            _receive(data, to_compare[chunk.start:chunk.stop], groups, topics, settings, cache, keys, results,
                     keyed_later)
        possible, corpus_entry = _possible_received(sharing.head_result, possible_of[2] is not None) \
            if possible_of is not None else (None, None)
    return results, possible, corpus_entry


class _KeysMadeHere:
    """`GroupCache.key` of each group, made as it is asked for."""

    def __init__(self, groups: list[Group], topics: list[str], settings: Settings, cache: GroupCache) -> None:
        self._key = lambda i: cache.key(groups[i], topics[i], settings)

    def __getitem__(self, i: int) -> str | None:
        return self._key(i)


def _compared_elsewhere(groups: list[Group], topics: list[str], to_compare: list[int], settings: Settings,
                        cache: GroupCache | None, chunk: range) -> bytes:
    """In a child: the entry (`cache.groups.group_entry`) of each group of `chunk` (positions in
    `to_compare`), pickled; with `cache`, then each group's key in it (a pickled list)."""
    import pickle

    from .cache.groups import group_entry

    pieces = []
    shared = to_compare[chunk.start:chunk.stop]
    for i in shared:
        group = groups[i]
        entry = group_entry(group, findings_for_group(group, topics[i], settings), in_time_order(group.claims))
        pieces.append(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
    if cache is not None:
        keys = [cache.key(groups[i], topics[i], settings) for i in shared]
        pieces.append(pickle.dumps(keys, protocol=pickle.HIGHEST_PROTOCOL))
    return parallel.packed(pieces)


def _possible_elsewhere(groups: list[Group], possible_of: tuple, settings: Settings) -> bytes:
    """In a child: the possible matches' rows (`cache.groups.possible_rows`), pickled, then the
    corpus's cache entry when `possible_of` says how to make it."""
    import pickle

    from .cache.groups import possible_rows

    claims, matching, keep_corpus = possible_of
    possible = _possible(groups, claims, matching, settings)
    pieces = [pickle.dumps(possible_rows(possible), protocol=pickle.HIGHEST_PROTOCOL)]
    if keep_corpus is not None:
        pieces.append(keep_corpus(possible))
    return parallel.packed(pieces)


def _receive(data: bytes | None, share: list[int], groups: list[Group], topics: list[str], settings: Settings,
             cache: GroupCache | None, keys, results: list, keyed_there: bool = False) -> None:
    """The groups of `share` into `results`: from a child's `data`, or compared here (where it is
    None, or where the child failed). With `keyed_there`, the child also sent each group's key."""
    from .cache.groups import findings_from_entry
    from .cache.packs import plain_value

    pieces = parallel.unpacked(data, len(share) + keyed_there)
    sent_keys = None
    if pieces is not None and keyed_there:
        try:
            sent_keys = plain_value(pieces[-1])
        except Exception:  # noqa: BLE001
            sent_keys = None
        if type(sent_keys) is not list or len(sent_keys) != len(share):
            pieces = None  # all compared here
    for n, i in enumerate(share):
        group, topic = groups[i], topics[i]
        if pieces is not None:
            try:
                found, in_time = findings_from_entry(plain_value(pieces[n]), group, topic)
            except Exception:  # noqa: BLE001 - not this group's entry: compared here
                pass
            else:
                key = sent_keys[n] if sent_keys is not None else keys[i]
                if cache is not None and type(key) is str:
                    cache.store_pickled(key, group, found, pieces[n])
                results[i] = found, in_time
                continue
        results[i] = _group_findings(group, topic, settings, cache, keys[i])


def _possible_received(data: bytes | None, with_corpus: bool) -> tuple[tuple | None, bytes | None]:
    """The possible matches a child found (None: it failed, find them here), and the corpus's
    entry it made `with_corpus` (else None)."""
    from .cache.groups import possible_of_rows
    from .cache.packs import plain_value

    pieces = parallel.unpacked(data, 1 + with_corpus)
    if pieces is None:
        return None, None
    try:
        possible = possible_of_rows(plain_value(pieces[0]))
    except Exception:  # noqa: BLE001 - found here instead
        return None, None
    return possible, (pieces[1] if with_corpus else None)


_KIND_RANKS = {kind: kind.rank for kind in FindingKind}


def finding_order(finding: Finding) -> tuple:
    """Most serious first, then by topic, subject and property."""
    return (finding.kind.rank, finding.topic.casefold(), finding.subject.casefold(),
            finding.property.casefold(), finding.id)


def findings_for_group(group: Group, topic: str, settings: Settings) -> list[Finding]:
    agree = Agreement(settings.approx_margin)
    split = value_classes(in_order(group.claims), agree, ordered=True)
    classes = split.classes
    found: list[Finding] = []
    fingerprints: dict[int, str] = {}  # a claim may stand in several findings: fingerprint it once
    subject, property_ = group.subject, group.property
    if len(classes) > 1:
        # Untimed classes contradict as they are: each side is a class, in order already.
        ordered = classes_contradict(classes, split.bridges)
        for kind, sides in disagreements(classes, agree, split.bridges):
            positions = [position(side, None, ordered) for side in sides]
            if len(positions) == 2 and kind is not FindingKind.REVISED:  # most findings: one comparison
                if position_order(positions[1]) < position_order(positions[0]):
                    positions.reverse()
            else:
                positions.sort(key=partial(position_order, kind=kind))
            claims = [c for p in positions for c in p.claims]
            found.append(_new_finding(finding_id(kind, claims, fingerprints), kind, topic, subject, property_,
                                      tuple(positions), _note(sides, settings)))
    for members in classes:  # a class, and each side of it, lists its claims in order
        sides = condition_sides(members)
        if sides:
            positions = sorted((position(side, qualifier(side[0]), True) for side in sides), key=position_order)
            claims = [c for p in positions for c in p.claims]
            found.append(_new_finding(finding_id(FindingKind.CONDITION, claims, fingerprints), FindingKind.CONDITION,
                                      topic, subject, property_, tuple(positions), None))
        if len(members) > 1 and corroborates(members):  # one position: nothing to put in order
            agreed = position(members, None, True)
            found.append(_new_finding(finding_id(FindingKind.CORROBORATED, agreed.claims, fingerprints),
                                      FindingKind.CORROBORATED, topic, subject, property_, (agreed,), None))
    return found


_new_finding = maker(Finding)  # Finding(...), without a frozen __init__'s cost: one per finding


def _note(sides: list[list[Claim]], settings: Settings) -> str | None:
    """Why the values could not be compared like for like (units, kinds), if so.

    Compared once per kind of value and unit, not per pair of positions: a finding
    may have thousands of positions."""
    representatives: dict[tuple, Claim] = {}
    for side in sides:
        value = side[0].value
        representatives.setdefault((value.kind, getattr(value, "unit", None)), side[0])
    shown = list(representatives.values())
    notes = []
    for x, left in enumerate(shown):
        for right in shown[x + 1:]:
            note = compare(left.value, right.value, settings.approx_margin).note
            if note and note not in notes:
                notes.append(note)
    return "; ".join(notes) or None


# A corpus has a handful of topic wordings and many claims: normalise each wording once.
_topic_key = lru_cache(maxsize=4096)(normalise)


def _topic_names(claims: Iterable[Claim]) -> dict[str, str]:
    """Topics group case- and punctuation-insensitively; show the most common wording."""
    wordings: dict[str, Counter[str]] = {}
    for topic, count in Counter(map(_TOPIC, claims)).items():  # per distinct spelling, not per claim
        wordings.setdefault(_topic_key(topic), Counter())[topic.strip()] += count
    return {key: min(c, key=lambda t: (-c[t], t)) for key, c in wordings.items()}


def _topic_of(claims: Iterable[Claim], topics: dict[str, str]) -> str:
    spelled = set(map(_TOPIC, claims))
    if len(spelled) == 1:  # most groups: no counting (a Counter per group cost 0.1 s at 100k claims)
        return topics[_topic_key(next(iter(spelled)))]
    spellings = Counter(map(_TOPIC, claims))
    counts: Counter[str] = Counter()
    for topic, count in spellings.items():
        counts[topics[_topic_key(topic)]] += count
    return min(counts, key=lambda t: (-counts[t], t))


_TOPIC = attrgetter("topic")
