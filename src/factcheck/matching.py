"""Which claims are about the same thing: same subject and same property.

rapidfuzz proposes, other checks decide:

1. Every subject and property is normalised once per distinct string: case,
   accents, punctuation, stop words ("of", "to", "for"), plural `s`, and
   corporate suffixes on subjects ("Microsoft Corp." is "Microsoft"). Alias
   groups from `_aliases.yaml` are applied as phrases first.
2. Spelling variants of ordinary words are folded with rapidfuzz over the
   corpus vocabulary (`licence`/`license`), blocked by first letter. Names
   and numbers are never folded: a word written with a capital inside a name,
   or with a digit, must match exactly, so `Germany` never becomes `France`
   and `Logistik` never becomes `Leasing`.
3. Two names whose folded words are the same set match: word order does not
   matter (`purchase price for X` is `X purchase price`).
4. A property that has one side's words plus extra ordinary words matches
   only when rapidfuzz's whole-name score reaches the threshold
   (`stateless API hosting` vs `stateless API hosting location`) and no
   extra word is a name or number. Any word on both sides without a
   counterpart (a substitution) keeps the names apart.

Grouping is linear in the number of claims: names are keyed by their folded
word set, and only distinct names within one subject are scored pairwise.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from rapidfuzz import fuzz, process

from .model import Claim
from .settings import Settings

STOPWORDS = frozenset(
    "a an the of to for in on at by with from and or its it is are as per into about over".split()
)
CORPORATE_SUFFIXES = frozenset(
    "corp corporation inc incorporated ltd limited llc plc co company gmbh ag sa nv bv holdings".split()
)
# Numbers keep their decimal point ("GPT-5.5" is not "GPT-5"); words are runs of letters.
_WORD_RE = re.compile(r"\d+(?:[.,]\d+)*[^\W\d_]*|[^\W\d_]+[^\W_]*", re.UNICODE)
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")


_POSSESSIVE_RE = re.compile(r"(?<=\w)['’]s\b")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _POSSESSIVE_RE.sub("", text).replace("&", " and ")


_BRITISH = (
    (re.compile(r"^licen[cs]e"), "license"),  # licence/license: noun and verb alike
    (re.compile(r"(?<=..)is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=..)ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=...)our$"), "or"),
    (re.compile(r"(?<=..)tre$"), "ter"),
)


def _american(word: str) -> str:
    """One spelling for British and American variants; applied to both sides alike."""
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return word


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True, slots=True)
class Name:
    """A subject or property as words, with the words that are names."""

    text: str
    words: tuple[str, ...]          # folded, singular, stop words removed, in order
    names: frozenset[str]           # words that must match exactly (proper nouns, numbers)


class Normaliser:
    """Turns subject and property strings into `Name`s, caching per string."""

    def __init__(self, aliases: Sequence[Sequence[str]] = ()) -> None:
        self._alias_re, self._alias_map = _compile_aliases(aliases)
        self._cache: dict[tuple[str, bool], Name] = {}

    def name(self, text: str, *, subject: bool = False) -> Name:
        key = (text, subject)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._name(text, subject)
        return cached

    def _name(self, text: str, subject: bool) -> Name:
        # Acronym plurals (APIs, CEOs) lose their `s` before case is folded away.
        raw_words = [w[:-1] if _ACRONYM_PLURAL.fullmatch(w) else w for w in _WORD_RE.findall(_fold(text))]
        lowered = " ".join(word.casefold() for word in raw_words)
        if self._alias_re is not None:
            lowered = self._alias_re.sub(lambda m: self._alias_map[m.group(0)], lowered)
        names: set[str] = set()
        # Proper nouns: capitalised anywhere in a subject, or after the first word of a property.
        proper = {w.casefold() for i, w in enumerate(raw_words) if (subject or i > 0) and w[:1].isupper()}
        words = []
        for word in lowered.split():
            if word in STOPWORDS or (subject and word in CORPORATE_SUFFIXES and words):
                continue
            folded = _american(_singular(word))
            if subject or word in proper or any(ch.isdigit() for ch in word):
                names.add(folded)
            words.append(folded)
        if not words:  # a name made only of stop words: keep it as written
            words = [w for w in lowered.split()] or [text.strip().casefold()]
        return Name(text, tuple(words), frozenset(names))


def _compile_aliases(groups: Sequence[Sequence[str]]):
    mapping: dict[str, str] = {}
    for group in groups:
        folded = [" ".join(w.casefold() for w in _WORD_RE.findall(_fold(name))) for name in group]
        canonical = folded[0]
        for variant in folded[1:]:
            if variant and variant != canonical:
                mapping[variant] = canonical
    if not mapping:
        return None, {}
    alternatives = sorted(mapping, key=len, reverse=True)  # longest phrase first
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in alternatives) + r")\b")
    return pattern, mapping


class SpellingFolder:
    """Folds spelling variants of ordinary words to one representative.

    Star clustering over the vocabulary, most frequent word first, blocked by
    first letter: each word joins the first representative it is close to.
    Unlike union-find this does not chain `license` -> `licensed` -> `licensee`.
    """

    MIN_LENGTH = 5  # short words differ by one letter too easily (cap/cat)

    def __init__(self, counts: Counter[str], protected: set[str], threshold: float) -> None:
        self.representative: dict[str, str] = {}
        blocks: dict[str, list[str]] = defaultdict(list)
        for word, _count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            if word in protected or len(word) < self.MIN_LENGTH:
                continue
            block = blocks[word[0]]
            if block:
                best = process.extractOne(word, block, scorer=fuzz.ratio, score_cutoff=threshold)
                if best is not None:
                    self.representative[word] = best[0]
                    continue
            block.append(word)

    def fold(self, word: str) -> str:
        return self.representative.get(word, word)


@dataclass(frozen=True, slots=True)
class Group:
    """Claims about one thing: one subject and one property."""

    subject: str
    property: str
    claims: tuple[Claim, ...]


def _display(texts: Iterable[str]) -> str:
    """The most common wording; ties go to the first one given (claims come sorted by ref)."""
    texts = list(texts)
    counts = Counter(texts)
    return min(counts, key=lambda text: (-counts[text], texts.index(text)))


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, item: object) -> object:
        parent = self.parent.setdefault(item, item)
        if parent != item:
            parent = self.parent[item] = self.find(parent)
        return parent

    def union(self, a: object, b: object) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            # Deterministic: the smaller key becomes the root.
            if repr(root_b) < repr(root_a):
                root_a, root_b = root_b, root_a
            self.parent[root_b] = root_a


def group_claims(claims: Sequence[Claim], settings: Settings = Settings()) -> list[Group]:
    """Split claims into groups about the same subject and property."""
    normaliser = Normaliser(settings.aliases)
    # Each distinct wording once, in first-seen order (many claims share a wording).
    subject_names = {text: normaliser.name(text, subject=True) for text in dict.fromkeys(c.subject for c in claims)}
    property_names = {text: normaliser.name(text) for text in dict.fromkeys(c.property for c in claims)}
    folder = _folder(list(property_names.values()), settings.token_threshold)

    def key(name: Name) -> tuple[str, ...]:
        return tuple(sorted({folder.fold(w) for w in name.words}))

    subject_key = {text: tuple(sorted(set(name.words))) for text, name in subject_names.items()}
    property_key = {text: key(name) for text, name in property_names.items()}
    property_protected = {
        text: frozenset(folder.fold(w) for w in name.names) for text, name in property_names.items()
    }

    buckets: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        buckets[(subject_key[claim.subject], property_key[claim.property])].append(claim)

    merged = _merge_extras(buckets, property_key, property_protected, settings.match_threshold)
    groups = []
    for members in merged:
        claims_in = sorted((c for bucket in members for c in buckets[bucket]), key=lambda c: c.ref)
        groups.append(Group(
            subject=_display(c.subject for c in claims_in),
            property=_display(c.property for c in claims_in),
            claims=tuple(claims_in),
        ))
    groups.sort(key=lambda g: (g.subject.casefold(), g.property.casefold(), g.claims[0].ref))
    return groups


def _folder(names: list[Name], threshold: float) -> SpellingFolder:
    counts: Counter[str] = Counter(w for name in names for w in name.words)
    protected = {w for name in names for w in name.names}
    return SpellingFolder(counts, protected, threshold)


def _merge_extras(buckets, property_key, property_protected, threshold: float) -> list[list[tuple]]:
    """Join buckets of one subject whose properties differ only by extra ordinary words."""
    by_subject: dict[tuple, list[tuple]] = defaultdict(list)
    for bucket in buckets:
        by_subject[bucket[0]].append(bucket)
    protected_by_key: dict[tuple, frozenset[str]] = {}
    for text, pkey in property_key.items():
        protected_by_key[pkey] = protected_by_key.get(pkey, frozenset()) | property_protected[text]
    union = _UnionFind()
    for subject, subject_buckets in by_subject.items():
        if len(subject_buckets) < 2:
            continue
        keys = sorted({bucket[1] for bucket in subject_buckets})
        strings = [" ".join(k) for k in keys]
        # Only a strict superset of a key's words can be "the same plus extra words"
        # (_extra_words_only), so score just those pairs: linear in the subject's
        # properties where scoring every pair was quadratic (4,000 properties: 8 s).
        holders: dict[str, set[int]] = defaultdict(set)
        for index, key in enumerate(keys):
            for word in key:
                holders[word].add(index)
        for index, key in enumerate(keys):
            supersets = set.intersection(*(holders[word] for word in key)) if key else set()
            for other in sorted(supersets):
                if len(keys[other]) <= len(key):
                    continue  # the key itself (keys are distinct sorted word sets)
                if fuzz.token_sort_ratio(strings[index], strings[other], score_cutoff=threshold) < threshold:
                    continue
                if _extra_words_only(key, keys[other], protected_by_key):
                    union.union((subject, key), (subject, keys[other]))
    components: dict[object, list[tuple]] = defaultdict(list)
    for bucket in sorted(buckets):
        components[union.find(bucket)].append(bucket)
    return list(components.values())


def _extra_words_only(a: tuple[str, ...], b: tuple[str, ...], protected: dict) -> bool:
    set_a, set_b = set(a), set(b)
    small, large = (set_a, set_b) if len(set_a) <= len(set_b) else (set_b, set_a)
    if not small < large:
        return False  # a substitution: a word on each side without a counterpart
    extras = large - small
    names = protected.get(a, frozenset()) | protected.get(b, frozenset())
    return not (extras & names)


def names_match(a: str, b: str, settings: Settings = Settings(), *, subject: bool = False) -> bool:
    """Would two subjects (or two properties) be treated as the same? For evaluation and tests."""
    normaliser = Normaliser(settings.aliases)
    name_a, name_b = normaliser.name(a, subject=subject), normaliser.name(b, subject=subject)
    if subject:
        return set(name_a.words) == set(name_b.words)
    folder = _folder([name_a, name_b], settings.token_threshold)
    key_a = tuple(sorted({folder.fold(w) for w in name_a.words}))
    key_b = tuple(sorted({folder.fold(w) for w in name_b.words}))
    if key_a == key_b:
        return True
    score = fuzz.token_sort_ratio(" ".join(key_a), " ".join(key_b))
    if score < settings.match_threshold:
        return False
    protected = {key_a: frozenset(folder.fold(w) for w in name_a.names),
                 key_b: frozenset(folder.fold(w) for w in name_b.names)}
    return _extra_words_only(key_a, key_b, protected)
