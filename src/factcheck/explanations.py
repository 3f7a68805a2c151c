"""Sentences reviewed and explained: `claims/_coverage.yaml`.

`factcheck verify --coverage` lists the article sentences that carry checkable
facts but that no claim quotes. Some of them need no claim (a headline, a photo
credit, a sentence that repeats one already curated, a forecast). A curator
records why, and verify then lists them apart from the to-do list:

    explained:
      - article: 002_e6e08d3e5609a709.txt   # the article's file name (as in source.text)
        phrase: CC BY-SA 3.0                # a few words of the sentence, as in the article
        reason: photo credit, not a claim

The phrase is compared after normalising case, spaces, quotes and dashes. It
must locate one sentence (a sentence repeated word for word, such as a
headline, counts as one).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import codes
from .model import Corpus, Diagnostic
from .settingsfile import EntryReader
from .yamlread import Node

COVERAGE_FILES = ("_coverage.yaml", "_coverage.yml")
ENTRY_FIELDS = ("article", "phrase", "reason")


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a sentence needs no claim; located in the settings file for messages."""

    article: str   # the article's file name
    phrase: str    # a few words locating the sentence
    reason: str
    path: str      # the settings file, as displayed
    line: int      # of the entry
    column: int
    phrase_line: int
    phrase_column: int
    article_line: int
    article_column: int


def read_explanations(corpus: Corpus) -> tuple[list[Explanation], list[Diagnostic]]:
    """The explanations in the corpus's `_coverage.yaml`, with any problems in it."""
    for name in COVERAGE_FILES:
        entry = corpus.settings_files.get(name)
        if entry is not None:
            path, tree = entry  # type: ignore[misc]
            return parse_explanations(path, tree)
    return [], []


def parse_explanations(path: str, tree: Node | None) -> tuple[list[Explanation], list[Diagnostic]]:
    reader = EntryReader(path, codes.BAD_COVERAGE_SETTINGS)
    found: list[Explanation] = []
    seen: dict[tuple[str, str], Explanation] = {}
    for entry in reader.entries(tree, "explained", known=ENTRY_FIELDS, required=ENTRY_FIELDS, texts=ENTRY_FIELDS,
                                shape="a mapping with article, phrase and reason", non_empty=True):
        if not entry.ok:
            continue
        where, node, fields, values = entry.where, entry.node, entry.fields, entry.texts
        phrase_node, article_node = fields["phrase"][1], fields["article"][1]
        explanation = Explanation(
            article=values["article"], phrase=values["phrase"], reason=values["reason"], path=path,
            line=node.line, column=node.column, phrase_line=phrase_node.line, phrase_column=phrase_node.column,
            article_line=article_node.line, article_column=article_node.column,
        )
        key = (explanation.article, " ".join(explanation.phrase.casefold().split()))
        first = seen.get(key)
        if first is not None:
            reader.problem(phrase_node, f"{where}.phrase: {explanation.phrase!r} in {explanation.article} "
                                        f"is already explained at line {first.line}")
            continue
        seen[key] = explanation
        found.append(explanation)
    return found, reader.problems
