"""Which (subject, property) pairs are one thing: exact word sets, then merge chains; claims into groups."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter
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
    subjects = list(dict.fromkeys(s for s, _ in pairs))
    properties = list(dict.fromkeys(p for _, p in pairs))
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
    subject_keys = {text: name.key for text, name in subject_names.items()}
    subject_info = _key_info(subject_names.values())
    subject_root = _merge_chains(set(subject_keys.values()),
                                 lambda small, large: _subject_extra_ok(small, large, subject_info, settings))
    # Properties within each subject cluster.
    property_keys = {text: name.key for text, name in property_names.items()}
    property_info = _key_info(property_names.values())
    # Per distinct subject: its root, and its cluster's number (numbered in the order the pairs
    # first name them: subjects are listed in that order).
    root_of = {text: subject_root[key] for text, key in subject_keys.items()}
    clusters: dict[frozenset, int] = {}
    cluster_number = {text: clusters.setdefault(root, len(clusters)) for text, root in root_of.items()}
    s_keys = [root_of[subject] for subject, _ in pairs]
    by_cluster: dict[frozenset, set[frozenset]] = defaultdict(set)
    for s_root, (_, prop) in zip(s_keys, pairs):
        by_cluster[s_root].add(property_keys[prop])
    property_root: dict[tuple[frozenset, frozenset], frozenset] = {}
    for cluster, keys in by_cluster.items():
        roots = _merge_chains(keys, lambda small, large: _property_extra_ok(small, large, property_info, settings))
        for key, root in roots.items():
            property_root[(cluster, key)] = root
    p_keys = [property_root[(s_root, property_keys[prop])] for s_root, (_, prop) in zip(s_keys, pairs)]
    numbering: dict[tuple, int] = {}
    group = [numbering.setdefault(both, len(numbering)) for both in zip(s_keys, p_keys)]
    cluster_of = [cluster_number[subject] for subject, _ in pairs]
    return NameMatching(tuple(group), tuple(s_keys), tuple(p_keys), tuple(cluster_of), normaliser, folder)


@dataclass(slots=True)
class _KeyInfo:
    names: frozenset[str]
    scope: frozenset[str]
    lowercase: frozenset[str]


def _key_info(names: Iterable[Name]) -> dict[frozenset, _KeyInfo]:
    info: dict[frozenset, _KeyInfo] = {}
    for name in names:
        old = info.get(name.key)
        if old is None:
            info[name.key] = _KeyInfo(name.names, name.scope, name.lowercase)
        else:  # one word set written several ways: a word that is a name in any of them stays one
            info[name.key] = _KeyInfo(old.names | name.names, old.scope | name.scope, old.lowercase & name.lowercase)
    return info


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


def _merge_chains(keys: Iterable[frozenset], extra_ok) -> dict[frozenset, frozenset]:
    """Each key -> the representative (longest) key of its chain.

    A key joins the longer keys that contain it when `extra_ok` accepts them
    and they all lie in one chain whose shortest member contains the key; so
    every group is a chain `a` < `a b` < `a b c` and never snowballs.
    """
    keys = sorted(set(keys), key=lambda k: (-len(k), sorted(k)))
    root: dict[frozenset, frozenset] = {k: k for k in keys}
    shortest: dict[frozenset, frozenset] = {k: k for k in keys}
    holders: dict[str, list[frozenset]] = defaultdict(list)
    for key in keys:
        for word in key:
            holders[word].append(key)
    for key in keys:
        if not key:
            continue
        rarest = min(key, key=lambda w: len(holders[w]))
        candidates = [other for other in holders[rarest] if len(other) > len(key) and key < other]
        candidates = [other for other in candidates if extra_ok(key, other)]
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
    members: dict[int, list[Claim]] = defaultdict(list)
    for claim, number in zip(claims, matching.group):
        members[number].append(claim)
    groups = []
    for claims_in in members.values():
        claims_in.sort(key=_REF)
        groups.append(Group(
            subject=_display(list(map(_SUBJECT, claims_in))),
            property=_display(list(map(_PROPERTY, claims_in))),
            claims=tuple(claims_in),
        ))
    groups.sort(key=lambda g: (g.subject.casefold(), g.property.casefold(), g.claims[0].ref))
    return groups


_REF, _SUBJECT, _PROPERTY = attrgetter("ref"), attrgetter("subject"), attrgetter("property")


def _display(texts: list[str]) -> str:
    """The most common wording; ties go to the first one given (claims come sorted by ref)."""
    first = texts[0]
    if texts.count(first) == len(texts):  # one wording: most groups
        return first
    counts: dict[str, int] = {}
    for text in texts:  # a dict keeps the order of first appearance
        counts[text] = counts.get(text, 0) + 1
    most = max(counts.values())
    return next(text for text, count in counts.items() if count == most)


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
