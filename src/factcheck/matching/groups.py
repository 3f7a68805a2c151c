"""Which (subject, property) pairs are one thing: exact word sets, then merge chains; claims into groups."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from itertools import count
from operator import attrgetter, itemgetter
from typing import Iterable, Sequence

from rapidfuzz import fuzz

from ..model import Claim
from ..settings import Settings
from .names import Name, Normaliser, proper_nouns_of, vocabulary_of
from .spelling import SpellingFolder, folder_for
from .vocabulary import COMPANY_WORDS, SCOPE_WORDS, YEAR_RE


@dataclass(frozen=True, slots=True)
class Group:
    """Claims about one thing: one subject and one property."""

    subject: str
    property: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class NameMatching:
    """What `match_names` decided for a list of (subject, property) pairs.

    `group[i]` numbers the group of pair i; `subject_key[i]`/`property_key[i]`
    are the word sets compared (after merging: the shortest form of the group).
    """

    group: tuple[int, ...]
    subject_key: tuple[frozenset[str], ...]
    property_key: tuple[frozenset[str], ...]
    subject_cluster: tuple[int, ...]       # pairs whose subjects were matched share a number
    normaliser: "Normaliser"
    folder: SpellingFolder

def match_names(pairs: Sequence[tuple[str, str]], settings: Settings = Settings()) -> NameMatching:
    """Group (subject, property) pairs that are about the same thing. The one matching path."""
    subject_column, property_column = tuple(map(_FIRST, pairs)), tuple(map(_SECOND, pairs))
    subjects = list(dict.fromkeys(subject_column))
    properties = list(dict.fromkeys(property_column))
    normaliser = Normaliser(settings.aliases, vocabulary_of(subjects + properties),
                            proper_nouns_of(subjects, properties))
    subject_names = {text: normaliser.name(text, subject=True) for text in subjects}
    property_names = {text: normaliser.name(text) for text in properties}
    folder = folder_for(list(property_names.values()), settings.token_threshold)

    def folded(name: Name) -> Name:
        if folder.representative.keys().isdisjoint(name.words):  # its names and lower-case words are words too
            return name  # nothing to fold: the same name
        words = tuple(dict.fromkeys(folder.fold(w) for w in name.words))
        return Name(name.text, words, frozenset(folder.fold(w) for w in name.names), name.scope,
                    frozenset(folder.fold(w) for w in name.lowercase))

    property_names = {text: folded(name) for text, name in property_names.items()}

    # Subjects: exact word sets, then short forms (chain rule).
    subject_set_of, subject_sets, subject_info = _word_sets(subject_names)
    subject_root = _merge_chains(subject_sets,
                                 lambda small, large: _subject_extra_ok(small, large, subject_info, settings))
    # Clusters of subjects are numbered in the order the pairs first name them (word sets are numbered so too).
    cluster_roots: dict[frozenset, int] = {}
    cluster_of_set = [cluster_roots.setdefault(subject_root[key], len(cluster_roots)) for key in subject_sets]
    property_set_of, property_sets, property_info = _word_sets(property_names)
    # From here on a pair is two small numbers (subject cluster, property word set): each pass over
    # the pairs is a `map` in C, and the Python loops see each distinct pair once.
    cluster_of_subject = {text: cluster_of_set[number] for text, number in subject_set_of.items()}
    cluster_of = tuple(map(cluster_of_subject.__getitem__, subject_column))
    # The distinct pairs, numbered in the order the pairs first name them, in one pass: a missing key
    # takes the next number.
    number_of: defaultdict[tuple[int, int], int] = defaultdict(count().__next__)
    position = list(map(number_of.__getitem__, zip(cluster_of, map(property_set_of.__getitem__, property_column))))
    distinct = list(number_of)
    property_root = _property_roots(distinct, property_sets, property_info, settings)
    # Groups are numbered in the order the pairs first name them.
    numbering: dict[tuple[int, frozenset], int] = {}
    group_of = [numbering.setdefault((cluster, root), len(numbering))
                for (cluster, _), root in zip(distinct, property_root)]
    return NameMatching(tuple(map(group_of.__getitem__, position)),
                        tuple(map(list(cluster_roots).__getitem__, cluster_of)),
                        tuple(map(property_root.__getitem__, position)),
                        cluster_of, normaliser, folder)


_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _property_roots(distinct: list[tuple[int, int]], keys: list[frozenset], info: dict,
                    settings: Settings) -> list[frozenset]:
    """For each (subject cluster, property word set number): the property's root word set, chains merged
    within each cluster.

    A word set joins a chain only through a longer word set that contains it: where none of a
    cluster's word sets contains another, each is its own root, and the cluster is not walked.
    """
    contained = _contained(keys)
    if not any(contained):
        return [keys[key] for _, key in distinct]  # no word set contains another: most corpora
    by_cluster: dict[int, list[int]] = defaultdict(list)
    for cluster, key in distinct:
        by_cluster[cluster].append(key)
    rank = {key: place for place, key in enumerate(sorted(keys, key=_longest_first))}  # sorted once, not per cluster
    extra_ok = partial(_property_extra_ok, info=info, settings=settings)
    root_in: dict[int, dict[frozenset, frozenset]] = {}
    for cluster, numbers in by_cluster.items():
        if any(map(contained.__getitem__, numbers)):
            root_in[cluster] = _merge_chains([keys[n] for n in numbers], extra_ok, rank)
    return [root_in[cluster][keys[key]] if cluster in root_in else keys[key] for cluster, key in distinct]


def _contained(keys: list[frozenset]) -> list[bool]:
    """Per word set: does a longer one among `keys` contain it (in any cluster)?"""
    holders: dict[str, list[frozenset]] = defaultdict(list)
    for key in keys:
        for word in key:
            holders[word].append(key)
    return [bool(key) and any(len(other) > len(key) and key < other
                              for other in min(map(holders.__getitem__, key), key=len)) for key in keys]


@dataclass(slots=True)
class _KeyInfo:
    names: frozenset[str]
    scope: frozenset[str]
    lowercase: frozenset[str]


def _word_sets(names: dict[str, Name]) -> tuple[dict[str, int], list[frozenset], dict[frozenset, _KeyInfo]]:
    """Each text's word set as a number; the word sets in the order the texts first give them (one
    object each, so later look-ups find it by identity); and per word set what keeps it apart."""
    number_of: dict[frozenset, int] = {}
    sets: list[frozenset] = []
    info: dict[frozenset, _KeyInfo] = {}
    set_of: dict[str, int] = {}
    for text, name in names.items():
        key = name.key
        number = set_of[text] = number_of.setdefault(key, len(sets))
        if number == len(sets):
            sets.append(key)
            info[key] = _KeyInfo(name.names, name.scope, name.lowercase)
        else:  # one word set written several ways: a word that is a name in any of them stays one
            key = sets[number]
            old = info[key]
            if not (name.names <= old.names and name.scope <= old.scope and old.lowercase <= name.lowercase):
                info[key] = _KeyInfo(old.names | name.names, old.scope | name.scope, old.lowercase & name.lowercase)
    return set_of, sets, info


def _subject_extra_ok(small: frozenset, large: frozenset, info: dict, settings: Settings) -> bool:
    extras = large - small
    if extras <= COMPANY_WORDS:
        return True  # Vantor / Vantor Energy
    descriptive = bool(info[small].lowercase - COMPANY_WORDS)
    if not descriptive:
        return False  # a bare name is not short for an event or a product (Acme / Acme breach)
    for word in extras:
        if word in info[large].lowercase and word not in SCOPE_WORDS:
            continue
        if YEAR_RE.fullmatch(word):
            continue  # `2024 Acme data breach` / `Acme data breach`, unless another year is there (chain rule)
        return False
    return True


def _property_extra_ok(small: frozenset, large: frozenset, info: dict, settings: Settings) -> bool:
    extras = large - small
    protected = info[small].names | info[large].names | info[small].scope | info[large].scope
    if extras & protected or extras & SCOPE_WORDS:
        return False
    return _similar(small, large, settings)


def _similar(small: frozenset, large: frozenset, settings: Settings) -> bool:
    a, b = " ".join(sorted(small)), " ".join(sorted(large))
    return fuzz.token_sort_ratio(a, b, score_cutoff=settings.match_threshold) >= settings.match_threshold


def _longest_first(key: frozenset) -> tuple[int, list[str]]:
    """The order chains are built in: longer keys first, then by their words (of two keys of one
    length, the first takes the chain)."""
    return -len(key), sorted(key)


def _merge_chains(keys: Iterable[frozenset], extra_ok,
                  rank: dict[frozenset, int] | None = None) -> dict[frozenset, frozenset]:
    """Each key -> the representative (longest) key of its chain.

    A key joins the longer keys that contain it when `extra_ok` accepts them
    and they all lie in one chain whose shortest member contains the key; so
    every group is a chain `a` < `a b` < `a b c` and never snowballs.
    `rank`: the keys' places in `_longest_first` order, when known (shared by many calls).
    """
    keys = sorted(set(keys), key=_longest_first if rank is None else rank.__getitem__)
    root: dict[frozenset, frozenset] = {k: k for k in keys}
    shortest: dict[frozenset, frozenset] = {k: k for k in keys}
    holders: dict[str, list[frozenset]] = defaultdict(list)
    for key in keys:
        for word in key:
            holders[word].append(key)
    for key in keys:
        if not key:
            continue
        holding = min(map(holders.__getitem__, key), key=len)  # the keys that hold its rarest word
        if holding[0] is key:
            continue  # longer keys come first: none contains this one (most keys)
        candidates = [other for other in holding if len(other) > len(key) and key < other and extra_ok(key, other)]
        if not candidates:
            continue
        roots = {root[other] for other in candidates}
        if len(roots) != 1:
            continue  # two different longer names could be meant: not merged (a possible match)
        (chain,) = roots
        if not key < shortest[chain]:
            continue
        root[key] = chain
        shortest[chain] = key
    return root


def group_claims(claims: Sequence[Claim], settings: Settings = Settings()) -> list[Group]:
    """Split claims into groups about the same subject and property."""
    return groups_of(claims, match_names([(c.subject, c.property) for c in claims], settings))


def groups_of(claims: Sequence[Claim], matching: NameMatching) -> list[Group]:
    # Group numbers run from 0 in the order the claims first name them: a list indexed by number.
    members: list[list[Claim]] = [[] for _ in range(max(matching.group, default=-1) + 1)]
    for claim, number in zip(claims, matching.group):
        members[number].append(claim)
    groups = []
    order_keys = []
    for claims_in in members:
        claims_in.sort(key=_REF)
        subject, prop = _display(list(map(_SUBJECT, claims_in))), _display(list(map(_PROPERTY, claims_in)))
        groups.append(Group(subject, prop, tuple(claims_in)))
        order_keys.append((subject.casefold(), prop.casefold(), claims_in[0].ref))
    # Sorted by subject, property and first claim, keys built in the loop above (no call per comparison key).
    return [groups[i] for i in sorted(range(len(groups)), key=order_keys.__getitem__)]


_REF, _SUBJECT, _PROPERTY = attrgetter("ref"), attrgetter("subject"), attrgetter("property")


def _display(texts: list[str]) -> str:
    """The most common wording; ties go to the first one given (claims come sorted by ref)."""
    first = texts[0]
    if texts.count(first) == len(texts):  # one wording: most groups
        return first
    if len(texts) <= _FEW_WORDINGS:  # `max` keeps the first of equal counts; quadratic, so for short lists only
        return max(texts, key=texts.count)
    counts: dict[str, int] = {}
    for text in texts:  # a dict keeps the order of first appearance
        counts[text] = counts.get(text, 0) + 1
    most = max(counts.values())
    return next(text for text, count in counts.items() if count == most)


_FEW_WORDINGS = 16


def names_match(a: str, b: str, settings: Settings = Settings(), *, subject: bool = False,
                context: Sequence[str] = ()) -> bool:
    """Would two subjects (or two properties) be treated as the same?

    Decided by the grouping itself: two claims that differ only in this name,
    in a corpus whose other names of that kind are `context`.
    """
    names = [a, b, *context]
    pairs = [(name, "p") if subject else ("s", name) for name in names]
    matching = match_names(pairs, settings)
    return matching.group[0] == matching.group[1]
