"""Settings files that hold one list of entries: `_resolutions.yaml`, `_coverage.yaml`.

Both read alike: a mapping with one key holding a list of mappings, each with
known fields, some required, most of them text. This module checks that shape
and reports every problem at its `file:line:column`; each file's own module
checks what its fields mean. `_settings.yaml` and `_aliases.yaml` have other
shapes (`settings.py`), but report through the same `EntryReader.problem`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .model import Diagnostic
from .yamlread import MAP, SCALAR, SEQ, Node


@dataclass(slots=True)
class Entry:
    where: str                              # e.g. "resolutions[3]", for messages
    node: Node
    fields: dict[str, tuple[Node, Node]]    # field name -> (key node, value node)
    texts: dict[str, str] = field(default_factory=dict)  # the text fields that read well
    ok: bool = True


@dataclass(slots=True)
class EntryReader:
    path: str
    code: str
    problems: list[Diagnostic] = field(default_factory=list)

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(Diagnostic(self.path, node.line, node.column, self.code, message))

    def entries(self, tree: Node | None, section: str, *, known: Iterable[str], required: Iterable[str],
                texts: Iterable[str], shape: str = "a mapping", non_empty: bool = False) -> list[Entry]:
        """Every entry of `section`, checked for shape, unknown and missing fields, and text fields."""
        if tree is None:
            return []
        if tree.kind != MAP or section not in tree.value:
            article = "an" if section[:1] in "aeiou" else "a"
            self.problem(tree, f"expected a mapping with {article} '{section}' list")
            return []
        for name, (key, _value) in tree.value.items():
            if name != section:
                self.problem(key, f"{name}: unknown key; the only key is '{section}'")
        listing = tree.value[section][1]
        if listing.kind == SCALAR and listing.value is None:
            return []
        if listing.kind != SEQ:
            self.problem(listing, f"{section}: expected a list, got {listing.describe()}")
            return []
        known, required, texts = tuple(known), tuple(required), tuple(texts)
        found = []
        for index, node in enumerate(listing.value):
            where = f"{section}[{index}]"
            if node.kind != MAP:
                self.problem(node, f"{where}: expected {shape}, got {node.describe()}")
                continue
            entry = Entry(where, node, node.value)
            for name, (key, _value) in entry.fields.items():
                if name not in known:
                    self.problem(key, f"{where}.{name}: unknown field; known fields: {', '.join(known)}")
                    entry.ok = False
            for name in required:
                if name not in entry.fields:
                    self.problem(node, f"{where}: missing required field '{name}'")
                    entry.ok = False
            for name in texts:
                if name not in entry.fields:
                    continue
                value = entry.fields[name][1]
                if value.kind != SCALAR or value.value is None or isinstance(value.value, bool):
                    self.problem(value, f"{where}.{name}: expected text, got {value.describe()}")
                    entry.ok = False
                    continue
                text = value.value if isinstance(value.value, str) else value.text
                if non_empty and not text.strip():
                    self.problem(value, f"{where}.{name}: is empty")
                    entry.ok = False
                    continue
                entry.texts[name] = text.strip() if non_empty else text
            found.append(entry)
        return found
