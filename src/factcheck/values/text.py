"""Text values, compared after normalising, with negation understood.

`exclusive` disagrees with `non-exclusive`, `not exclusive` and `no longer
exclusive`; `non-exclusive` agrees with `not exclusive`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..bulk import maker
from .comparison import AGREE, DISAGREE

_PUNCT_RE = re.compile(r"[^\w\s]+")
_NEGATORS = (("no", "longer"), ("not", "any", "longer"), ("not",), ("non",), ("no",), ("never",), ("nor",))
# The same, by first word (in the same order): most values start with none of them.
_NEGATORS_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _negator in _NEGATORS:
    _NEGATORS_BY_FIRST[_negator[0]] = _NEGATORS_BY_FIRST.get(_negator[0], ()) + (_negator,)
# Leading words that carry no meaning of their own in a value: "is exclusive",
# "remains exclusive", "still the exclusive provider".
_FILLER = frozenset({"is", "are", "was", "were", "be", "will", "remains", "remain", "stays", "stay",
                     "still", "the", "a", "an", "now", "continues", "to"})
_YES = frozenset({"yes", "true", "y"})


def normalise(text: str) -> str:
    """Case, spacing, hyphens and punctuation folded away."""
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    """The words of `normalise(text)`."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("-", " ").replace("\u2010", " ").replace("\u2011", " ").replace("_", " ")
    return _PUNCT_RE.sub(" ", text.replace("'", "")).split()


@dataclass(frozen=True, slots=True)
class Text:
    text: str       # as the curator wrote it
    core: str       # normalised, with negation and filler words removed
    negated: bool
    kind = "text"

    @property
    def display(self) -> str:
        return self.text

    @property
    def key(self) -> str:
        return ("not " if self.negated else "") + self.core

    def compare(self, other: "Text", approx_margin: float = 0.0):
        return AGREE if self.core == other.core and self.negated == other.negated else DISAGREE


def parse_text(text: str) -> Text:
    words = _words(text)
    negated = False
    changed = True
    while changed and words:
        changed = False
        while words and words[0] in _FILLER:
            words.pop(0)
            changed = True
        for negator in _NEGATORS_BY_FIRST.get(words[0], ()) if words else ():
            if tuple(words[: len(negator)]) == negator:
                del words[: len(negator)]
                negated = not negated
                changed = True
                break
        else:
            if words and words[0].startswith("non") and len(words[0]) > 6:  # "nonexclusive"
                words[0] = words[0][3:]
                negated = not negated
                changed = True
    core = " ".join(words)
    if core in _YES:  # "yes" and "true" as text mean the same as a bare assertion
        core = ""
    return _new_text(text=text, core=core, negated=negated)


_new_text = maker(Text)  # Text(...), without a frozen __init__'s cost: loading makes one per text value
