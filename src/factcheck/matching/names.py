"""Subject and property strings as `Name`s: sets of words, folded, in base forms, with aliases applied."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Iterable, Sequence

from .vocabulary import (CORPORATE_SUFFIXES, MEASURE_WORDS, SCOPE_WORDS, STOPWORDS, SYNONYM_WORDS, SYNONYMS,
                         YEAR_RE)

# Numbers keep their decimal point ("GPT-5.5" is not "GPT-5"); words are runs of letters.
_WORD_RE = re.compile(r"\d+(?:[.,]\d+)*[^\W\d_]*|[^\W\d_]+[^\W_]*", re.UNICODE)
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")
_POSSESSIVE_RE = re.compile(r"(?<=\w)['’]s?\b")


def _fold(text: str) -> str:
    """ASCII (anyascii: `Ørsted` -> `Orsted`), no possessives, `&` as `and`, hyphens and slashes as spaces."""
    if not text.isascii():
        from anyascii import anyascii

        text = anyascii(text)
    if "'" in text or "’" in text:  # the only characters a possessive starts with: most names skip the regex
        text = _POSSESSIVE_RE.sub("", text)
    # `replace` returns the string itself when the character is absent, unlike a `translate` table
    return text.replace("&", " and ").replace("-", " ").replace("/", " ").replace("_", " ")


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    """The words of `text` as written (after `_fold`): once per string, for the vocabulary, the
    proper nouns and the names alike."""
    return tuple(_WORD_RE.findall(_fold(text)))


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
    from ..wordforms import all_lemmas

    word = _american(word)
    lemmas = all_lemmas(word)
    for tag in ("NOUN", "VERB", "ADJ"):
        if tag in lemmas:
            return _american(lemmas[tag][0])
    return word


@lru_cache(maxsize=65536)
def known_word(word: str) -> bool:
    """Is this an English word lemminflect's dictionary knows (not a name, not a typo)?"""
    from ..wordforms import all_lemmas

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


@lru_cache(maxsize=1)
def _synonym_starts() -> frozenset[str]:
    return frozenset(phrase[0] for phrase in _synonym_phrases() if phrase)


def _rewrite(words: list[str], phrases: dict[tuple[str, ...], tuple[str, ...]], longest: int,
             starts: frozenset[str] | None = None) -> list[str]:
    """Replace phrases (longest first, left to right); duplicates after rewriting are dropped.

    `starts`: the first words of the phrases, if known (no phrase is looked up at another word)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if starts is not None and words[i] not in starts:
            out.append(words[i])
            i += 1
            continue
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


# A written word as read: case-folded, as kept (None for a stop word), and whether it is a name or number.
_Reading = tuple[str, "str | None", bool]


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
        # How each written word reads, by [subject?][first word?][word]: names share most of their words.
        self._readings: tuple[tuple[dict[str, _Reading], dict[str, _Reading]], ...] = (({}, {}), ({}, {}))
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
        raw = [w[:-1] if w[-1:] == "s" and _ACRONYM_PLURAL.fullmatch(w) else w for w in _tokens(text)]
        raw = self._joined(raw)
        names: set[str] = set()
        sequence: list[str] = []
        later, first = self._readings[subject]
        for index, written in enumerate(raw):
            readings = later if index else first
            reading = readings.get(written)
            if reading is None:
                reading = readings[written] = self._reading(written, subject, not index)
            folded, word, is_name = reading
            if word is None or (subject and sequence and folded in CORPORATE_SUFFIXES):
                continue
            if is_name:
                names.add(word)
            sequence.append(word)
        starts = _synonym_starts()
        if starts.isdisjoint(sequence):  # no synonym phrase starts here: only the duplicates go
            sequence = list(dict.fromkeys(sequence))
        else:
            sequence = _rewrite(sequence, _synonym_phrases(), 4, starts)
        lower = set(sequence).difference(names)
        if not subject and len(sequence) > 1 and not MEASURE_WORDS.isdisjoint(sequence):
            kept = [w for w in sequence if w not in MEASURE_WORDS or w in names]
            sequence = kept or sequence
        if not sequence:  # a name made only of stop words: keep it as written
            sequence = list(dict.fromkeys(w.casefold() for w in raw)) or [text.strip().casefold()]
        return sequence, names, lower

    def _reading(self, written: str, subject: bool, first: bool) -> _Reading:
        """One written word: case-folded, as kept (None for a stop word), and whether it is a name or number."""
        word = written.casefold()
        if word in STOPWORDS:
            return word, None, False
        if not word.isalpha() and any(ch.isdigit() for ch in word):  # a letter is never a digit
            return word, word, True
        if written[:1].isupper() and word not in SCOPE_WORDS and (subject or word not in SYNONYM_WORDS) \
                and (subject or not first or word in self._proper or not known_word(word)):
            return word, word, True
        if word not in SCOPE_WORDS:  # scope words stay as written: `paid` is not `pay`
            return word, base_form(word), False
        return word, word, False

    def _joined(self, raw: list[str]) -> list[str]:
        if not self._vocabulary or len(raw) < 2:
            return raw
        folded = list(map(str.casefold, raw))  # case folding is per character: `(a + b).casefold()` is this
        if self._vocabulary.isdisjoint(map(str.__add__, folded, folded[1:])):
            return raw  # no two neighbours are written as one word anywhere: most names
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
        scope = SCOPE_WORDS.intersection(words).union(filter(YEAR_RE.fullmatch, words))
        return Name(text, tuple(words), frozenset(names.intersection(words)), scope,
                    frozenset(lower.intersection(words)))

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


def vocabulary_of(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(map(str.casefold, chain.from_iterable(map(_tokens, texts))))


def proper_nouns_of(subjects: Iterable[str], properties: Iterable[str]) -> frozenset[str]:
    """Words written capitalised in a subject, or after the first word of a property."""
    found = {w.casefold() for text in subjects for w in _tokens(text) if w[:1].isupper()}
    found |= {w.casefold() for text in properties for w in _tokens(text)[1:] if w[:1].isupper()}
    return frozenset(found - SCOPE_WORDS)
