"""Corpus settings files: `_aliases.yaml` and `_settings.yaml`.

`_aliases.yaml` lists groups of names that mean the same thing, first one
canonical; they apply to subjects and properties alike:

    aliases:
      - [headquarters, head office, HQ]
    distinct:                # possible matches a curator dismissed (`factcheck matches --dismiss`)
      - [additional subscribers, subscribers]

`_settings.yaml` overrides the documented defaults:

    matching:
      threshold: 85        # whole-name similarity for names that differ by a generic word
      token_threshold: 90  # one word against another: spelling variants such as licence/license
      propose: 65          # a possible match scoring this or more (0-100) is listed in the report
    numbers:
      approx_margin: 0.10  # `approx: true` widens a number by 10% of its value
"""

from __future__ import annotations

from dataclasses import dataclass

from . import codes
from .model import Corpus, Diagnostic, Severity
from .settingsfile import EntryReader
from .values import DEFAULT_APPROX_MARGIN  # one default: the value comparisons' own
from .yamlread import MAP, SCALAR, SEQ, Node, visible

DEFAULT_MATCH_THRESHOLD = 85.0
DEFAULT_TOKEN_THRESHOLD = 90.0
DEFAULT_PROPOSE_THRESHOLD = 65.0
KNOWN_SETTINGS_FILES = ("_aliases.yaml", "_settings.yaml", "_resolutions.yaml", "_coverage.yaml")


@dataclass(frozen=True, slots=True)
class Settings:
    match_threshold: float = DEFAULT_MATCH_THRESHOLD
    token_threshold: float = DEFAULT_TOKEN_THRESHOLD
    approx_margin: float = DEFAULT_APPROX_MARGIN
    aliases: tuple[tuple[str, ...], ...] = ()
    propose_threshold: float = DEFAULT_PROPOSE_THRESHOLD
    distinct: tuple[tuple[str, str], ...] = ()   # possible matches a curator dismissed


def settings_from_corpus(corpus: Corpus) -> tuple[Settings, list[Diagnostic]]:
    """Read `_aliases.yaml` and `_settings.yaml` from a loaded corpus."""
    problems: list[Diagnostic] = []
    values: dict[str, object] = {}
    for name, (path, tree) in sorted(corpus.settings_files.items()):  # type: ignore[misc]
        stem = name.rsplit(".", 1)[0] + ".yaml"
        if stem == "_aliases.yaml":
            values.update(aliases_of(path, tree, problems))
        elif stem == "_settings.yaml":
            values.update(_numbers(tree, EntryReader(path, codes.BAD_SETTINGS, problems)))
        elif stem not in KNOWN_SETTINGS_FILES:
            line, column = (tree.line, tree.column) if tree is not None else (1, 1)
            problems.append(Diagnostic(path, line, column, codes.UNKNOWN_SETTINGS,
                                       f"unknown settings file {visible(name)}; files starting with '_' are corpus settings "
                                       f"({', '.join(KNOWN_SETTINGS_FILES)})", Severity.WARNING))
    return Settings(**values), problems  # type: ignore[arg-type]


def aliases_of(path: str, tree: Node | None, problems: list[Diagnostic]) -> dict[str, tuple]:
    """The `aliases` and `distinct` groups of an alias file's YAML, its problems added to `problems`."""
    return _aliases(tree, EntryReader(path, codes.BAD_SETTINGS, problems))


def _aliases(tree: Node | None, reader: EntryReader) -> dict[str, tuple]:
    """`aliases:` groups of names, and `distinct:` pairs a curator dismissed as possible matches."""
    if tree is None:
        return {}
    if tree.kind != MAP or not ({"aliases", "distinct"} & set(tree.value)):
        reader.problem(tree, "expected 'aliases:' followed by a list of groups, e.g. - [headquarters, head office]")
        return {}
    found: dict[str, tuple] = {}
    for name, (key, _value) in tree.value.items():
        if name not in ("aliases", "distinct"):
            reader.problem(key, f"{visible(name)}: unknown key; known: aliases, distinct")
    for section, example, exact in (("aliases", "[headquarters, head office]", False),
                                    ("distinct", "[additional subscribers, subscribers]", True)):
        if section not in tree.value:
            continue
        listing = tree.value[section][1]
        if listing.kind == SCALAR and listing.value is None:
            continue
        if listing.kind != SEQ:
            reader.problem(listing, f"'{section}:' expects a list of groups, e.g. - {example}")
            continue
        groups = []
        for group in listing.value:
            if group.kind != SEQ or len(group.value) < 2 or (exact and len(group.value) != 2) \
                    or any(item.kind != SCALAR or item.value is None for item in group.value):
                what = "a pair of names" if exact else "a list of two or more names"
                reader.problem(group, f"{'a dismissed match' if exact else 'an alias group'} is {what}, e.g. {example}")
                continue
            groups.append(tuple(item.text for item in group.value))
        found[section] = tuple(groups)
    return found


_NUMERIC = {
    ("matching", "threshold"): ("match_threshold", 0.0, 100.0),
    ("matching", "token_threshold"): ("token_threshold", 0.0, 100.0),
    ("matching", "propose"): ("propose_threshold", 0.0, 100.0),
    ("numbers", "approx_margin"): ("approx_margin", 0.0, 10.0),
}


def _numbers(tree: Node | None, reader: EntryReader) -> dict[str, float]:
    found: dict[str, float] = {}
    if tree is None:
        return found
    if tree.kind != MAP:
        reader.problem(tree, "expected a mapping of settings")
        return found
    for section, (key, node) in tree.value.items():
        if node.kind != MAP:
            reader.problem(key, f"{visible(section)}: expected a mapping")
            continue
        for name, (inner_key, value) in node.value.items():
            spec = _NUMERIC.get((section, name))
            if spec is None:
                known = ", ".join(f"{a}.{b}" for a, b in _NUMERIC)
                reader.problem(inner_key, f"{visible(section)}.{visible(name)}: unknown setting; known: {known}")
                continue
            attribute, low, high = spec
            number = value.value if value.kind == SCALAR else None
            if isinstance(number, bool) or not isinstance(number, (int, float)) or not low <= number <= high:
                reader.problem(value, f"{visible(section)}.{visible(name)}: expected a number from {low:g} to {high:g}")
                continue
            found[attribute] = float(number)
    return found
