"""Which claims are about the same thing: same subject and same property.

One path decides, for the report, `names_match`, the evaluation and the
vocabulary hints alike: `match_names` over (subject, property) pairs.

1. Every subject and property becomes a set of words, once per distinct
   string (`Name`): ASCII folding (anyascii: `Ørsted` is `Orsted`), case,
   possessives, hyphens (`post-paid` is `post paid`, and both are `postpaid`
   when the corpus writes that word), stop words, measuring words (`number
   of`, `count`, `total`), word forms through lemminflect's dictionary
   (`companies` -> `company`, `sold` -> `sell`; a word it does not know is
   kept as written), British spellings, the synonym table `SYNONYMS`, and
   corporate suffixes on subjects (`Microsoft Corp.` is `Microsoft`). Alias
   groups from `_aliases.yaml` apply to the words, to a fixed point, so that
   one group never hides another.
2. Spelling variants of ordinary words are folded with rapidfuzz over the
   corpus vocabulary (`exclusivty`/`exclusivity`), blocked by first letter.
   Names, numbers and scope words are never folded.
3. Two names whose words are the same set match (word order does not matter).
4. A name that has another's words plus extra words matches it only when
   every extra word is ordinary (not a name, number or scope word such as
   `additional`, `former`, `prepaid`), the whole-name score reaches
   `matching.threshold`, and the shorter name could mean nothing else: all
   its longer candidates form one chain (`a` < `a b` < `a b c`). So merges
   never snowball: two names that each add a different word (`revenue share`,
   `revenue growth`) never join through a shorter third (`revenue`).
   Subjects follow the same rule, with company words (`Vantor Energy`,
   `Nova Telecom`) as the only extra words a bare name may drop, and ordinary
   words only when the shorter subject is itself descriptive (`Acme breach`
   / `Acme data breach`, not `Acme` / `Acme breach`).

What is not matched but may be the same is scored in `factcheck.possible`.

Grouping is linear in the number of claims: names are keyed by their word
set, and only names that contain all of a shorter name's words are scored.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from rapidfuzz import fuzz, process

from .model import Claim
from .settings import Settings

STOPWORDS = frozenset(
    "a an the of to for in on at by with from and or its it is are as per into about over was were be been "
    "so far this that".split()
)
# Words that say how a quantity is measured, not what: `number of employees` is `employees`.
MEASURE_WORDS = frozenset("number count amount total tally figure overall estimated person".split())
CORPORATE_SUFFIXES = frozenset(
    "corp corporation inc incorporated ltd limited llc plc co company gmbh ag sa nv bv holdings holding group "
    "se spa".split()
)
# Words that complete a company's name: `Vantor` may be short for `Vantor Energy`.
COMPANY_WORDS = frozenset(
    "energy power telecom telecommunications communications technologies technology tech systems solutions "
    "networks financial capital partners industries international global labs motors airlines airways "
    "pharmaceuticals pharma health healthcare media entertainment foods resources mining oil gas petroleum "
    "electric utilities insurance brands retail software semiconductor therapeutics biotech ventures "
    "enterprises bank mobile".split()
)
# Words that narrow a quantity's scope: never dropped, never an "extra word".
SCOPE_WORDS = frozenset(
    "additional extra new former previous prior current net gross operating annual quarterly monthly weekly "
    "daily hourly prepaid postpaid initial final interim planned proposed expected projected forecast target "
    "remaining outstanding cumulative average median maximum minimum peak domestic international foreign "
    "local regional national global first second third fourth last next phase stage tranche round half "
    "quarter insured uninsured paid unpaid added lost gained not non no without only adult child male female "
    "hot cold direct indirect public private".split()
)
# A small, domain-neutral synonym table for the nouns news claims use most:
# each word on the right is read as the word on the left. Extend per corpus in `_aliases.yaml`.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "person": ("people", "individual", "victim", "persons"),
    "employee": ("staff", "workforce", "headcount", "worker", "staffer"),
    "seller": ("vendor",),
    "price": ("pricetag",),
    "stake": ("holding", "shareholding"),
    "revenue": ("sales", "turnover", "sale"),
    "customer": ("client", "customer base", "client base"),
    "subscriber": ("subscriber base",),
    "user": ("user base",),
    "ceo": ("chief executive officer", "chief executive", "chief exec"),
    "cfo": ("chief financial officer",),
    "fine": ("penalty",),
    "death": ("fatality", "dead", "killed", "death toll", "toll"),
    "injury": ("injured",),
    "layoff": ("job cut", "cut job", "job to be cut"),
    "acquisition": ("takeover",),
    "loss": ("losses",),
    "damage": ("damages",),
    "affected": ("hit", "impacted"),
}
# Numbers keep their decimal point ("GPT-5.5" is not "GPT-5"); words are runs of letters.
_WORD_RE = re.compile(r"\d+(?:[.,]\d+)*[^\W\d_]*|[^\W\d_]+[^\W_]*", re.UNICODE)
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")
_POSSESSIVE_RE = re.compile(r"(?<=\w)['’]s?\b")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


_FOLD_TABLE = str.maketrans({"-": " ", "/": " ", "_": " "})


def _fold(text: str) -> str:
    """ASCII (anyascii: `Ørsted` -> `Orsted`), no possessives, `&` as `and`, hyphens and slashes as spaces."""
    if not text.isascii():
        from anyascii import anyascii

        text = anyascii(text)
    return _POSSESSIVE_RE.sub("", text).replace("&", " and ").translate(_FOLD_TABLE)


_BRITISH = (
    (re.compile(r"^licen[cs]e"), "license"),  # licence/license: noun and verb alike
    (re.compile(r"(?<=..)is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=..)ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=...)our$"), "or"),
    (re.compile(r"(?<=..)tre$"), "ter"),
    (re.compile(r"(?<=..)tres$"), "ters"),
)


def _american(word: str) -> str:
    """One spelling for British and American variants; applied to both sides alike."""
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=65536)
def base_form(word: str) -> str:
    """The dictionary form of an ordinary English word (lemminflect): noun, else verb, else adjective.

    Unknown words stay as written: no guessing model is used, so nothing is downloaded or invented.
    """
    from .wordforms import all_lemmas

    word = _american(word)
    lemmas = all_lemmas(word)
    for tag in ("NOUN", "VERB", "ADJ"):
        if tag in lemmas:
            return _american(lemmas[tag][0])
    return word


@lru_cache(maxsize=65536)
def known_word(word: str) -> bool:
    """Is this an English word lemminflect's dictionary knows (not a name, not a typo)?"""
    from .wordforms import all_lemmas

    return bool(all_lemmas(word))


def _phrase_table(table: dict[str, tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Synonyms keyed by their words' base forms, so `job cuts` finds `job cut`."""
    phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
    for canonical, variants in table.items():
        for variant in variants:
            words = tuple(base_form(w) for w in variant.split() if w not in STOPWORDS)
            phrases[words] = (canonical,)
            phrases[tuple(variant.split())] = (canonical,)
    return phrases


@lru_cache(maxsize=1)
def _synonym_phrases() -> dict[tuple[str, ...], tuple[str, ...]]:
    return _phrase_table(SYNONYMS)


def _rewrite(words: list[str], phrases: dict[tuple[str, ...], tuple[str, ...]], longest: int) -> list[str]:
    """Replace phrases (longest first, left to right); duplicates after rewriting are dropped."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            replacement = phrases.get(tuple(words[i:i + size]))
            if replacement is not None:
                out.extend(replacement)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return list(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class Name:
    """A subject or property as words, with the words that keep it apart from others."""

    text: str
    words: tuple[str, ...]          # folded, base forms, stop and measuring words removed, in order
    names: frozenset[str]           # words that must match exactly (proper nouns, numbers)
    scope: frozenset[str] = frozenset()   # scope words (additional, former, phase ...)
    lowercase: frozenset[str] = frozenset()  # ordinary words as written in lower case

    @property
    def key(self) -> frozenset[str]:
        return frozenset(self.words)


class Normaliser:
    """Turns subject and property strings into `Name`s, caching per string.

    `vocabulary` (the corpus's words) joins two written words into one when
    the corpus also writes them as one (`post paid` and `postpaid`).
    """

    def __init__(self, aliases: Sequence[Sequence[str]] = (), vocabulary: Iterable[str] = (),
                 proper: Iterable[str] = ()) -> None:
        self._vocabulary = frozenset(vocabulary)
        # Words the corpus writes capitalised inside a name: a name also when they open one (`Wales headcount`).
        self._proper = frozenset(proper)
        self._cache: dict[tuple[str, bool], Name] = {}
        self._aliases: dict[bool, dict[tuple[str, ...], tuple[str, ...]]] = {False: {}, True: {}}
        self._longest_alias = 0
        if aliases:
            self._compile_aliases(aliases)

    def name(self, text: str, *, subject: bool = False) -> Name:
        key = (text, subject)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._name(text, subject)
        return cached

    def _words(self, text: str, subject: bool) -> tuple[list[str], set[str], set[str]]:
        """Base forms in order, the proper nouns and numbers among them, the lower-case ordinary words."""
        raw = [w[:-1] if _ACRONYM_PLURAL.fullmatch(w) else w for w in _WORD_RE.findall(_fold(text))]
        raw = self._joined(raw)
        names: set[str] = set()
        sequence: list[str] = []
        for index, written in enumerate(raw):
            word = written.casefold()
            if word in STOPWORDS or (subject and word in CORPORATE_SUFFIXES and sequence):
                continue
            if any(ch.isdigit() for ch in word):
                names.add(word)
            elif written[:1].isupper() and word not in SCOPE_WORDS and (subject or word not in SYNONYM_WORDS) \
                    and (subject or index > 0 or word in self._proper or not known_word(word)):
                names.add(word)
            elif word not in SCOPE_WORDS:  # scope words stay as written: `paid` is not `pay`
                word = base_form(word)
            sequence.append(word)
        sequence = _rewrite(sequence, _synonym_phrases(), 4)
        lower = {w for w in sequence if w not in names}
        if not subject and len(sequence) > 1:
            kept = [w for w in sequence if w not in MEASURE_WORDS or w in names]
            sequence = kept or sequence
        if not sequence:  # a name made only of stop words: keep it as written
            sequence = list(dict.fromkeys(w.casefold() for w in raw)) or [text.strip().casefold()]
        return sequence, names, lower

    def _joined(self, raw: list[str]) -> list[str]:
        if not self._vocabulary or len(raw) < 2:
            return raw
        out: list[str] = []
        i = 0
        while i < len(raw):
            if i + 1 < len(raw) and (raw[i] + raw[i + 1]).casefold() in self._vocabulary \
                    and not any(ch.isdigit() for ch in raw[i] + raw[i + 1]):
                out.append(raw[i] + raw[i + 1].lower())
                i += 2
            else:
                out.append(raw[i])
                i += 1
        return out

    def _name(self, text: str, subject: bool) -> Name:
        words, names, lower = self._words(text, subject)
        if self._aliases[subject]:
            words = self._apply_aliases(words, subject)
        scope = frozenset(w for w in words if w in SCOPE_WORDS or _YEAR_RE.fullmatch(w))
        return Name(text, tuple(words), frozenset(names & set(words)), scope, frozenset(lower & set(words)))

    def _compile_aliases(self, groups: Sequence[Sequence[str]]) -> None:
        """Per kind (subjects, properties): groups sharing a phrase are one group, each phrase one canonical."""
        plain = Normaliser(vocabulary=self._vocabulary, proper=self._proper)
        for subject in (False, True):
            phrases = [[m for m in dict.fromkeys(tuple(plain._words(name, subject)[0]) for name in group) if m]
                       for group in groups]
            parent = list(range(len(phrases)))

            def find(i: int) -> int:
                while parent[i] != i:
                    parent[i] = parent[parent[i]]
                    i = parent[i]
                return i

            owner: dict[tuple[str, ...], int] = {}
            for index, members in enumerate(phrases):
                for member in members:
                    if member in owner:
                        a, b = find(owner[member]), find(index)
                        parent[max(a, b)] = min(a, b)
                    else:
                        owner[member] = index
            table = self._aliases[subject]
            for member, index in owner.items():
                root = find(index)
                canonical = phrases[root][0] if phrases[root] else member
                if member != canonical:
                    table[member] = canonical
        self._longest_alias = max((len(m) for table in self._aliases.values() for m in table), default=0)

    def _apply_aliases(self, words: list[str], subject: bool) -> list[str]:
        # To a fixed point: a phrase rewritten by one group may be another group's phrase.
        table = self._aliases[subject]
        seen = {tuple(words)}
        for _ in range(8):
            rewritten = _rewrite(words, table, self._longest_alias)
            if tuple(rewritten) in seen:
                return rewritten
            seen.add(tuple(rewritten))
            words = rewritten
        return words


SYNONYM_WORDS = frozenset(v for variants in SYNONYMS.values() for v in variants if " " not in v) | frozenset(SYNONYMS)


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
            if known_word(word):  # a dictionary word is not a misspelling: `licensee` is not `license`
                blocks[word[0]].append(word)
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


def vocabulary_of(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(w.casefold() for text in texts for w in _WORD_RE.findall(_fold(text)))


def proper_nouns_of(subjects: Iterable[str], properties: Iterable[str]) -> frozenset[str]:
    """Words written capitalised in a subject, or after the first word of a property."""
    found = {w.casefold() for text in subjects for w in _WORD_RE.findall(_fold(text)) if w[:1].isupper()}
    found |= {w.casefold() for text in properties for w in _WORD_RE.findall(_fold(text))[1:] if w[:1].isupper()}
    return frozenset(found - SCOPE_WORDS)


def match_names(pairs: Sequence[tuple[str, str]], settings: Settings = Settings()) -> NameMatching:
    """Group (subject, property) pairs that are about the same thing. The one matching path."""
    subjects = list(dict.fromkeys(s for s, _ in pairs))
    properties = list(dict.fromkeys(p for _, p in pairs))
    normaliser = Normaliser(settings.aliases, vocabulary_of(subjects + properties),
                            proper_nouns_of(subjects, properties))
    subject_names = {text: normaliser.name(text, subject=True) for text in subjects}
    property_names = {text: normaliser.name(text) for text in properties}
    folder = _folder(list(property_names.values()), settings.token_threshold)

    def folded(name: Name) -> Name:
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
    by_cluster: dict[frozenset, set[frozenset]] = defaultdict(set)
    for subject, prop in pairs:
        by_cluster[subject_root[subject_keys[subject]]].add(property_keys[prop])
    property_root: dict[tuple[frozenset, frozenset], frozenset] = {}
    for cluster, keys in by_cluster.items():
        roots = _merge_chains(keys, lambda small, large: _property_extra_ok(small, large, property_info, settings))
        for key, root in roots.items():
            property_root[(cluster, key)] = root
    numbering: dict[tuple, int] = {}
    group, cluster_of, s_keys, p_keys = [], [], [], []
    clusters: dict[frozenset, int] = {}
    for subject, prop in pairs:
        s_root = subject_root[subject_keys[subject]]
        p_root = property_root[(s_root, property_keys[prop])]
        group.append(numbering.setdefault((s_root, p_root), len(numbering)))
        cluster_of.append(clusters.setdefault(s_root, len(clusters)))
        s_keys.append(s_root)
        p_keys.append(p_root)
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
        if _YEAR_RE.fullmatch(word):
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
        claims_in = sorted(claims_in, key=lambda c: c.ref)
        groups.append(Group(
            subject=_display(c.subject for c in claims_in),
            property=_display(c.property for c in claims_in),
            claims=tuple(claims_in),
        ))
    groups.sort(key=lambda g: (g.subject.casefold(), g.property.casefold(), g.claims[0].ref))
    return groups


def _display(texts: Iterable[str]) -> str:
    """The most common wording; ties go to the first one given (claims come sorted by ref)."""
    texts = list(texts)
    counts = Counter(texts)
    return min(counts, key=lambda text: (-counts[text], texts.index(text)))


def _folder(names: list[Name], threshold: float) -> SpellingFolder:
    counts: Counter[str] = Counter(w for name in names for w in name.words)
    protected = {w for name in names for w in name.names | name.scope}
    return SpellingFolder(counts, protected, threshold)


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
