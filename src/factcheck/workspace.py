"""The workspace: a corpus and its settings files, read and checked once for every command.

Loading is parse → build (as check-jsonschema does before it executes):
the claim files and settings files are read, the settings typed, the
reviews (`_resolutions.yaml`) and coverage explanations (`_coverage.yaml`)
read, and every problem found on the way gathered into one list. Commands
then analyse, report or verify from this one object, so the same broken
settings file fails every command alike. Nothing here prints or exits.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .explanations import Explanation, read_explanations
from .loader import load_corpus
from .model import Analysis, Corpus, Diagnosed, Diagnostic
from .resolutions import Resolution, read_resolutions
from .settings import Settings, settings_from_corpus

if TYPE_CHECKING:
    from .cache import FileCache, GroupCache
    from .loader import CorpusInputs


@dataclass(frozen=True, slots=True)
class Workspace(Diagnosed):
    corpus: Corpus
    settings: Settings                      # from _settings.yaml and _aliases.yaml
    reviews: tuple[Resolution, ...]          # from _resolutions.yaml
    explanations: tuple[Explanation, ...]    # from _coverage.yaml
    # The corpus's problems, then those in _settings/_aliases, _resolutions and _coverage.
    diagnostics: tuple[Diagnostic, ...]
    # The cache the claim files were read through, if any: analyse() keeps each group's findings there.
    cache: FileCache | None = field(default=None, compare=False, repr=False)

    @property
    def settings_problems(self) -> tuple[Diagnostic, ...]:
        """The problems in the settings files: the diagnostics after the corpus's."""
        return self.diagnostics[len(self.corpus.diagnostics):]

    def group_cache(self) -> GroupCache | None:
        """Where analyse() keeps each group's findings: beside the claim files' cache, if any."""
        if self.cache is None:
            return None
        from .cache import GroupCache

        return GroupCache(self.cache, self.corpus.root)

    def analyse(self, groups: GroupCache | None = None) -> Analysis:
        """The findings, with the settings read once; its diagnostics are the workspace's.

        Through `groups` when given, else through `group_cache()`."""
        from .engine import analyse

        groups = groups if groups is not None else self.group_cache()
        return dataclasses.replace(analyse(self.corpus, self.settings, cache=groups), diagnostics=self.diagnostics)


def load_workspace(path: str | os.PathLike[str], *, cache: FileCache | None = None,
                   display: Callable[[Path], str] | None = None, inputs: CorpusInputs | None = None) -> Workspace:
    """Load the corpus at `path` and read its settings files; problems come back as diagnostics.

    `inputs`: its files as already found and read (`loader.read_inputs`), not read again."""
    return workspace_of(load_corpus(path, cache=cache, display=display, inputs=inputs), cache)


def workspace_of(corpus: Corpus, cache: FileCache | None = None) -> Workspace:
    """The workspace of a corpus already loaded."""
    settings, settings_problems = settings_from_corpus(corpus)
    reviews, review_problems = read_resolutions(corpus)
    explanations, coverage_problems = read_explanations(corpus)
    diagnostics = (*corpus.diagnostics, *settings_problems, *review_problems, *coverage_problems)
    # Typed now: the YAML trees of the settings files are not kept (nor read again).
    typed = dataclasses.replace(corpus, settings_files={})
    return Workspace(typed, settings, tuple(reviews), tuple(explanations), diagnostics, cache)
