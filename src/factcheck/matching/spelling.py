"""Spelling variants of ordinary words (`exclusivty`/`exclusivity`), folded with rapidfuzz."""

from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz import fuzz, process

from .names import Name, known_word


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


def folder_for(names: list[Name], threshold: float) -> SpellingFolder:
    counts: Counter[str] = Counter(w for name in names for w in name.words)
    protected = {w for name in names for w in name.names | name.scope}
    return SpellingFolder(counts, protected, threshold)
