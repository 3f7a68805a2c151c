"""The fast path: a file without problems, validated on libyaml's composed nodes."""

from __future__ import annotations

from typing import NamedTuple

import yaml
from yaml import MappingNode, ScalarNode, SequenceNode

from ..dates import DateError, parse_date
from ..model import Claim, FieldPositions, Source
from ..yamlread import IRREGULAR, MAP_TAGS, PLAIN, SCALAR, SEQ_TAGS, TEXT_TAGS, Node, compose, plain_scalar, tagged_at
from .checking import Checker, build_claim, build_source, claim_value
from .fields import CLAIM_FIELDS, MAX_TEXT_CHARS, SLUG_RE, SOURCE_FIELDS, TOP_FIELDS, FieldSpec, FileResult


class _NotRegular(Exception):
    """Something the full path must read and report."""


class _RegularReader:
    """Validates libyaml's composed nodes directly, for a file with nothing to report.

    It accepts exactly what `read_yaml` + `check_tree` accept without a
    diagnostic, and builds the same Source and Claims (the field checks are
    `Checker.read_field` itself, or a shortcut for its commonest cases that
    gives the same value); at the first thing that would be a diagnostic, or
    anything unusual (tags, aliases), it gives up, and the full path reads the
    file again and reports. So every diagnostic comes from one place, and a
    test runs every fixture both ways.
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

    def mapping(self, node: object) -> list[tuple[object, object]]:
        """A mapping's (key, value) pairs, in file order."""
        self.visit(node)
        if type(node) is not MappingNode or node.tag not in MAP_TAGS:
            raise _NotRegular
        return node.value

    def name(self, key: object) -> str:
        """A mapping key's text."""
        self.visit(key)
        if type(key) is not ScalarNode or (key.tag != PLAIN and key.tag not in TEXT_TAGS):
            raise _NotRegular
        return key.value

    def typed(self, node: ScalarNode) -> object:
        """A scalar's value as the event reader types it."""
        tag, text = node.tag, node.value
        if tag == PLAIN:
            value = plain_scalar(text)
            if value.__class__ is not str and self.bangs and self.tagged(node.start_mark):
                raise _NotRegular  # `! 12`: text to the event reader
            return value
        if tag in TEXT_TAGS:
            return text
        raise _NotRegular

    def tagged(self, mark: yaml.Mark) -> bool:
        if self.lines is None:
            self.lines = self.text.splitlines()
        return tagged_at(self.lines, mark)

    def scalar(self, node: object) -> Node:
        self.visit(node)
        if type(node) is not ScalarNode:
            raise _NotRegular
        mark = node.start_mark
        scalar = Node(SCALAR, self.typed(node), mark.line + 1, mark.column + 1, node.value)
        scalar.style = node.style or ""
        return scalar

    def checked(self, spec: FieldSpec, node: object) -> object:
        """One field's value, by `read_field` (which decides what the shortcuts leave to it)."""
        ok, value = self.checker.read_field(spec, self.scalar(node), spec.name)
        if not ok:
            raise _NotRegular
        return value

    def fields(self, node: object, shape: _Shape) -> tuple[dict[str, object], FieldPositions, str]:
        """A source's or a claim's fields: their values, where each value starts, and the
        `value` field's text as written (a claim's)."""
        values: dict[str, object] = {}
        lines_columns: list[int] = []
        written = ""
        specs = shape.specs
        quick = self.seen is None  # in a file with anchors, every node goes through `visit`
        pairs = self.mapping(node)
        for key, value_node in pairs:
            if quick and type(key) is ScalarNode and key.tag == PLAIN:  # most keys: `name()` inline
                name = key.value
            else:
                name = self.name(key)
            spec = specs.get(name)
            if spec is None:
                raise _NotRegular
            kind = spec.kind
            value = self.quick(kind, value_node) if quick and type(value_node) is ScalarNode else _ASK
            values[name] = value if value is not _ASK else self.checked(spec, value_node)
            mark = value_node.start_mark
            lines_columns += (mark.line + 1, mark.column + 1)
            if kind == "value":
                written = value_node.value
        if len(values) != len(pairs) or not shape.required <= values.keys():  # a duplicate key, a missing field
            raise _NotRegular
        return values, FieldPositions.packed(tuple(values), tuple(lines_columns)), written

    def quick(self, kind: str, node: ScalarNode) -> object:
        """What `read_field` gives for a scalar field of `kind` in the commonest cases, or _ASK
        (read_field decides). One call a field: most of a claim's fields are plain text."""
        tag, text = node.tag, node.value
        if tag == PLAIN:
            value = plain_scalar(text)
        elif tag in TEXT_TAGS:
            value = text
        else:
            return _ASK
        if value.__class__ is str:
            if kind == "text":
                return text if len(text) <= MAX_TEXT_CHARS and text.strip() else _ASK
            if kind == "slug":
                return text if len(text) <= MAX_TEXT_CHARS and SLUG_RE.fullmatch(text) else _ASK
            if kind == "value":
                return text if len(text) <= MAX_TEXT_CHARS else _ASK
            if kind == "published" and text.strip() == "unknown":
                return None
            return _date(text) if kind == "date" or kind == "published" else _ASK
        if self.bangs and self.tagged(node.start_mark):  # `! 12`: text to the event reader
            return _ASK
        if kind == "value":
            return value if value is not None and len(text) <= MAX_TEXT_CHARS else _ASK
        if kind == "bool":
            return value if value.__class__ is bool else _ASK
        if value.__class__ is int and (kind == "date" or kind == "published"):  # a year
            return _date(text)
        return _ASK

    def sections(self, root: object) -> tuple[object, object]:
        """The file's `source` and `claims` nodes."""
        found: dict[str, object] = {}
        for key, node in self.mapping(root):
            name = self.name(key)
            if name not in TOP_FIELDS or name in found:
                raise _NotRegular
            found[name] = node
        if len(found) != len(TOP_FIELDS):
            raise _NotRegular
        return found["source"], found["claims"]

    def source(self, node: object) -> Source:
        values, positions, _ = self.fields(node, _SOURCE)
        mark = node.start_mark
        return build_source(self.path, values, mark.line + 1, mark.column + 1, positions)

    def claim(self, node: object, source: Source) -> Claim:
        values, positions, written = self.fields(node, _CLAIM)
        value, problem = claim_value(values, written)
        if problem is not None:
            raise _NotRegular
        mark = node.start_mark
        return build_claim(source, values, value, mark.line + 1, mark.column + 1, positions)  # type: ignore[arg-type]

    def file(self, root: object) -> FileResult:
        source_node, claims_node = self.sections(root)
        source = self.source(source_node)
        self.visit(claims_node)
        if type(claims_node) is not SequenceNode or claims_node.tag not in SEQ_TAGS or not claims_node.value:
            raise _NotRegular
        claims: list[Claim] = []
        ids: set[str] = set()
        for claim_node in claims_node.value:
            claim = self.claim(claim_node, source)
            if claim.id in ids:
                raise _NotRegular
            ids.add(claim.id)
            claims.append(claim)
        return FileResult(self.path, source, claims, [])


_ASK = object()  # from `quick`: read_field decides


def _date(text: str) -> object:
    try:
        return parse_date(text)
    except DateError:
        return _ASK


class _Shape(NamedTuple):
    """What a source or a claim may hold, for the fast path."""

    specs: dict[str, FieldSpec]
    required: frozenset[str]


def _shape(specs: dict[str, FieldSpec]) -> _Shape:
    return _Shape(specs, frozenset(name for name, spec in specs.items() if spec.required))


_SOURCE = _shape(SOURCE_FIELDS)
_CLAIM = _shape(CLAIM_FIELDS)


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
