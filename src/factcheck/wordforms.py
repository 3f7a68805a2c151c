"""Dictionary forms of English words, from the lookup table that lemminflect ships.

`lemminflect.getAllLemmas` answers from two files inside the package: a
table of about 80,000 inflected words (`resources/lemma_lu.csv.gz`: word,
category, lemmas) and a short list of overrides. Importing the package also
imports numpy for a guessing model we never use, and its reader parses the
table line by line: together 0.3 s at every start. This module reads the same
two files directly and answers exactly as `getAllLemmas` does for a lower-case
word (tests/test_wordforms.py compares them). The table is sorted by word, so
a word's rows are found by bisection in its lines: nothing is built for the
80,000 words a run never asks about (0.11 s -> 0.03 s at every start). Nothing
is downloaded; a word not in the table has no lemmas.
"""

from __future__ import annotations

import gzip
import importlib.util
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

PACKAGE = "lemminflect"


@lru_cache(maxsize=1)
def _resources() -> Path:
    spec = importlib.util.find_spec(PACKAGE)  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("lemminflect is not installed (it is a dependency of factcheck)")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


def _word(line: str) -> str:
    return line.partition(",")[0]


@lru_cache(maxsize=1)
def _table() -> tuple[list[str], dict[str, dict[str, tuple[str, ...]]]]:
    """The table's `word,category,lemmas` lines (in order of word); word -> overrides by part of speech."""
    folder = _resources()
    lines = gzip.decompress((folder / "lemma_lu.csv.gz").read_bytes()).decode("utf-8").splitlines()
    overrides: dict[str, dict[str, tuple[str, ...]]] = {}
    for line in (folder / "lemma_overrides.csv").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, upos, lemma = line.split(",")
        overrides.setdefault(word, {})[upos] = (lemma,)
    return lines, overrides


def _rows(lines: list[str], word: str) -> list[str]:
    """The word's raw `category,lemmas` entries, in the table's order."""
    rows = []
    for index in range(bisect_left(lines, word, key=_word), len(lines)):
        found, _, rest = lines[index].partition(",")
        if found != word:
            break
        if rest:
            rows.append(rest)
    return rows


def _upos(category: str) -> str:
    upos = category.upper()
    return "AUX" if upos == "MODAL" else upos


@lru_cache(maxsize=65536)
def all_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """Lemmas of a lower-case word by part of speech, as `lemminflect.getAllLemmas(word)` gives them."""
    lines, overrides = _table()
    lemmas: dict[str, tuple[str, ...]] = {}
    for rest in _rows(lines, word):
        category, _, forms = rest.partition(",")
        lemmas[_upos(category)] = tuple(forms.split("/"))
    lemmas.update(overrides.get(word, {}))
    # lemminflect gives lemmas the case of the word asked about: lower case here.
    return {upos: tuple(form.lower() for form in forms) for upos, forms in lemmas.items()}
