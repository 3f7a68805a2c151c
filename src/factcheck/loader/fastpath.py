"""The fast path: a file without problems, validated on libyaml's composed nodes."""

from __future__ import annotations

import yaml

from ..model import Claim
from ..yamlread import IRREGULAR, MAP_TAGS, PLAIN, SCALAR, SEQ_TAGS, TEXT_TAGS, Node, compose, plain_scalar, tagged_at
from .checking import Checker, build_claim, build_source, claim_value
from .fields import CLAIM_FIELDS, MAX_TEXT_CHARS, SLUG_RE, SOURCE_FIELDS, TOP_FIELDS, FieldSpec, FileResult


class _NotRegular(Exception):
    """Something the full path must read and report."""


class _RegularReader:
    """Validates libyaml's composed nodes directly, for a file with nothing to report.

    It accepts exactly what `read_yaml` + `check_tree` accept without a
    diagnostic, and builds the same Source and Claims (the field checks are
    `Checker.read_field` itself); at the first thing that would be a
    diagnostic, or anything unusual (tags, aliases), it gives up, and the full
    path reads the file again and reports. So every diagnostic comes from one
    place, and a test runs every fixture both ways.
    """

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.seen: set[int] | None = set() if "&" in text else None  # only an anchored node can repeat
        self.bangs = "!" in text
        self.lines: list[str] | None = None
        self.checker = Checker(path)

    def visit(self, node: object) -> None:
        seen = self.seen
        if seen is not None:
            if id(node) in seen:  # an alias
                raise _NotRegular
            seen.add(id(node))

    def entries(self, node: object, specs: dict[str, FieldSpec]) -> dict[str, tuple[object, object]]:
        self.visit(node)
        if type(node) is not yaml.MappingNode or node.tag not in MAP_TAGS:
            raise _NotRegular
        entries: dict[str, tuple[object, object]] = {}
        for key, value in node.value:
            self.visit(key)
            if type(key) is not yaml.ScalarNode or (key.tag != PLAIN and key.tag not in TEXT_TAGS):
                raise _NotRegular
            name = key.value
            if name not in specs or name in entries:
                raise _NotRegular
            entries[name] = (key, value)
        for spec in specs.values():
            if spec.required and spec.name not in entries:
                raise _NotRegular
        return entries

    def scalar(self, node: object) -> Node:
        self.visit(node)
        if type(node) is not yaml.ScalarNode:
            raise _NotRegular
        tag, text, mark = node.tag, node.value, node.start_mark
        if tag == PLAIN:
            value = plain_scalar(text)
            if value.__class__ is not str and self.bangs:
                if self.lines is None:
                    self.lines = self.text.splitlines()
                if tagged_at(self.lines, mark):
                    raise _NotRegular
        elif tag in TEXT_TAGS:
            value = text
        else:
            raise _NotRegular
        scalar = Node(SCALAR, value, mark.line + 1, mark.column + 1, text)
        scalar.style = node.style or ""
        return scalar

    def values(self, entries: dict[str, tuple[object, object]], specs: dict[str, FieldSpec]) -> tuple[dict, dict]:
        values: dict[str, object] = {}
        positions: dict[str, tuple[int, int]] = {}
        read_field = self.checker.read_field
        seen = self.seen
        for name, (_key, value_node) in entries.items():
            spec = specs[name]
            # Most fields are plain text that needs no checking beyond its length: taken here
            # without a Node. Anything else goes through `read_field`, which decides.
            if seen is None and type(value_node) is yaml.ScalarNode and spec.kind in _TEXT_KINDS:
                text = value_node.value
                tag = value_node.tag
                if (tag in TEXT_TAGS or (tag == PLAIN and plain_scalar(text).__class__ is str)) \
                        and len(text) <= MAX_TEXT_CHARS and (
                            SLUG_RE.fullmatch(text) if spec.kind == "slug"
                            else spec.kind == "value" or text.strip()):
                    mark = value_node.start_mark
                    values[name] = text
                    positions[name] = (mark.line + 1, mark.column + 1)
                    continue
            node = self.scalar(value_node)
            ok, value = read_field(spec, node, name)
            if not ok:
                raise _NotRegular
            values[name] = value
            positions[name] = (node.line, node.column)
        return values, positions

    def file(self, root: object) -> FileResult:
        top = self.entries(root, _TOP_SPECS)
        source_node = top["source"][1]
        values, positions = self.values(self.entries(source_node, SOURCE_FIELDS), SOURCE_FIELDS)
        mark = source_node.start_mark
        source = build_source(self.path, values, mark.line + 1, mark.column + 1, positions)
        claims_node = top["claims"][1]
        self.visit(claims_node)
        if type(claims_node) is not yaml.SequenceNode or claims_node.tag not in SEQ_TAGS or not claims_node.value:
            raise _NotRegular
        claims: list[Claim] = []
        ids: set[str] = set()
        for claim_node in claims_node.value:
            entries = self.entries(claim_node, CLAIM_FIELDS)
            values, positions = self.values(entries, CLAIM_FIELDS)
            value, problem = claim_value(values, entries["value"][1].value)
            if problem is not None:
                raise _NotRegular
            if values["id"] in ids:
                raise _NotRegular
            ids.add(values["id"])
            mark = claim_node.start_mark
            claims.append(build_claim(source, values, value, mark.line + 1, mark.column + 1, positions))
        return FileResult(self.path, source, claims, [])


_TEXT_KINDS = frozenset({"text", "slug", "value"})
_TOP_SPECS = {name: FieldSpec(name, "", True) for name in TOP_FIELDS}


def load_regular(display: str, text: str) -> FileResult | None:
    """A file with nothing to report, validated on libyaml's composed nodes; None for
    any other file (`load_file` then reads it through `read_yaml` and `check_tree`)."""
    root = compose(text)
    if root is IRREGULAR or root is None:
        return None
    try:
        return _RegularReader(display, text).file(root)
    except _NotRegular:
        return None
